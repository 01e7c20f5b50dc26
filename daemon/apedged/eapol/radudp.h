/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RADIUS client's sockets: one UDP socket per server, connected to
 * it (so the kernel delivers only datagrams from the server's address
 * and port), non-blocking, optionally bound to a source address; what
 * arrives goes to rad_client_input() for that server.
 */
#ifndef APEDGED_EAPOL_RADUDP_H
#define APEDGED_EAPOL_RADUDP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "eapol/radclient.h"

struct loop;
struct rad_udp;

/*
 * "ADDR", "ADDR:PORT", "[V6ADDR]:PORT" (numeric addresses only) into ss;
 * port defaults to def_port.  0 or -EINVAL.
 */
int rad_addr_parse(const char *s, uint16_t def_port,
		   struct sockaddr_storage *ss, socklen_t *len);

/*
 * The sockets for n servers at dst[i], from src (NULL: any) and its
 * port (0: any), feeding c once rad_udp_attach() named it.  NULL with
 * errno set.
 */
struct rad_udp *rad_udp_new(struct loop *loop,
			    const struct sockaddr_storage *dst,
			    const socklen_t *dst_len, unsigned int n,
			    const struct sockaddr_storage *src,
			    socklen_t src_len);
void rad_udp_attach(struct rad_udp *u, struct rad_client *c);
void rad_udp_free(struct rad_udp *u);
/* The ops for rad_client_new(), with u as their ctx. */
extern const struct rad_client_ops rad_udp_ops;
/*
 * A shared secret from the first line of path (the newline is not part
 * of it): 1..128 octets.  -EPERM when the file is readable or writable
 * by group or others (the secret belongs to root or the daemon's user),
 * -EINVAL when empty or too long, else -errno.  secret is cleansed on
 * every error.
 */
int rad_secret_read(const char *path, uint8_t secret[RAD_SECRET_MAX],
		    size_t *len);
/* Datagrams refused by the socket (ICMP unreachable and the like). */
uint64_t rad_udp_errors(const struct rad_udp *u, unsigned int server);

#endif
