/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface watcher's socket (netif_io.c), private to lib/netif.c:
 * one non-blocking NETLINK_ROUTE socket on the loop, joined to the link and
 * address groups, that hands each datagram from the kernel to
 * netif_input(), drops and counts any other (netif_io_foreign()), and
 * reports lost messages (ENOBUFS, a truncated datagram) to netif_io_lost().
 */
#ifndef APEDGE_LIB_NETIF_IO_H
#define APEDGE_LIB_NETIF_IO_H

#include <stdint.h>

struct loop;
struct netif;
struct netif_io;

/* NULL with errno set (and logged); our netlink port ID in *portid. */
struct netif_io *netif_io_open(struct loop *loop, struct netif *nf,
			       uint32_t *portid);
void netif_io_close(struct netif_io *io);
/* A netif_dump_fn: send the dump request (io is the struct netif_io). */
int netif_io_dump(void *io, uint16_t type, uint32_t seq);
/* Wait up to timeout_ms for datagrams and read them: 0, or -ETIMEDOUT or
 * another -errno.  Only for the first dump, before the loop runs. */
int netif_io_wait(struct netif_io *io, int timeout_ms);

/* SO_RCVBUF, for the tests: 0 or -errno. */
int netif_io_set_rcvbuf(struct netif_io *io, int bytes);

/* In netif.c, for netif_io.c. */
void netif_io_lost(struct netif *nf);
void netif_io_foreign(struct netif *nf);

#endif
