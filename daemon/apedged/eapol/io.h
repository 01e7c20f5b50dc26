/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 802.1X supplicant's socket: a PF_PACKET datagram socket on one
 * interface for ETH_P_PAE (0x888e), a BPF filter that passes only that
 * protocol with at least the 4 octets of the EAPOL header, and the PAE
 * group address 01:80:c2:00:00:03 joined with PACKET_ADD_MEMBERSHIP.
 * Frames are sent to the group address (802.1X-2010 §11.1.1), or, by
 * the authenticator of a mac-mode port, to the station.  The
 * authenticator (eapol/auth.c) uses the same socket.
 */
#ifndef APEDGED_EAPOL_IO_H
#define APEDGED_EAPOL_IO_H

#include <stddef.h>
#include <stdint.h>

struct loop;
struct eapol_io;

/* One frame from src: the EAPOL header and what follows. */
typedef void (*eapol_io_rx_fn)(void *data, const uint8_t src[6],
			       const uint8_t *frame, size_t len);

/* NULL with errno set (logged). */
struct eapol_io *eapol_io_new(struct loop *loop, const char *ifname,
			      int ifindex, eapol_io_rx_fn fn, void *data);
void eapol_io_free(struct eapol_io *io);
/* 0 or -errno. */
int eapol_io_send(struct eapol_io *io, const uint8_t *frame, size_t len);
/* The same to dst: the authenticator's frames to one station. */
int eapol_io_send_to(struct eapol_io *io, const uint8_t dst[6],
		     const uint8_t *frame, size_t len);

extern const uint8_t eapol_pae_group[6];

#endif
