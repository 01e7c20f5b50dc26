/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv4 client's sockets and its timer, one set per interface; the
 * only file of the engine that opens sockets or arms timers.
 *
 *  - rx raw: AF_PACKET, SOCK_DGRAM, ETH_P_IP, bound to the interface, with
 *    a classic BPF filter that passes IPv4 UDP to port 68 that is not a
 *    fragment; open while the machine has no usable address
 *    (dhcp4_sm_wants_raw()).  Frames the kernel has not checksummed yet
 *    (TP_STATUS_CSUMNOTREADY, from a veth or a local sender) have their
 *    UDP checksum taken as absent.
 *  - udp: a UDP socket on port 68, SO_BINDTODEVICE, SO_REUSEADDR, for
 *    unicast RENEW and RELEASE and for the replies once bound.
 *  - arp: AF_PACKET, ETH_P_ARP, BPF for ARP of IPv4 over Ethernet; open
 *    while dhcp4_sm_wants_arp().
 *  - tx: AF_PACKET, SOCK_DGRAM, protocol 0 (it receives nothing): the
 *    broadcast DHCP frames and the ARP packets go out of it, to
 *    ff:ff:ff:ff:ff:ff.
 *
 * Our own frames, which packet sockets see leaving, are dropped.
 */
#ifndef APEDGED_DHCP4_IO_H
#define APEDGED_DHCP4_IO_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp4/wire.h"

struct loop;
struct dhcp4_io;

struct dhcp4_io_ops {
	/* A DHCP message (the UDP payload) from src, not yet parsed. */
	void (*rx)(void *data, const uint8_t *msg, size_t len,
		   struct in_addr src);
	/* An ARP packet (the 28 bytes after Ethernet), not yet parsed. */
	void (*arp)(void *data, const uint8_t *pkt, size_t len);
	/* A frame refused before it got to be a message. */
	void (*malformed)(void *data, enum dhcp4_err why);
	/* The deadline passed. */
	void (*timeout)(void *data);
};

/* NULL with errno set; the tx socket is opened at once. */
struct dhcp4_io *dhcp4_io_new(struct loop *loop, int ifindex,
			      const char *ifname,
			      const struct dhcp4_io_ops *ops, void *data);
void dhcp4_io_free(struct dhcp4_io *io);

/* Open or close the receiving sockets; 0 or -errno (logged). */
int dhcp4_io_set_raw(struct dhcp4_io *io, bool on);
int dhcp4_io_set_udp(struct dhcp4_io *io, bool on);
int dhcp4_io_set_arp(struct dhcp4_io *io, bool on);

/* A DHCP message broadcast in an IPv4/UDP frame from src; 0 or -errno. */
int dhcp4_io_send_broadcast(struct dhcp4_io *io, struct in_addr src,
			    const uint8_t *msg, size_t len);
/* A DHCP message to dst:67 over the UDP socket (opened if needed). */
int dhcp4_io_send_unicast(struct dhcp4_io *io, struct in_addr dst,
			  const uint8_t *msg, size_t len);
/* An ARP packet (DHCP4_ARP_LEN bytes) to broadcast. */
int dhcp4_io_send_arp(struct dhcp4_io *io, const uint8_t *pkt, size_t len);

/* Call ops->timeout at deadline (loop_now_ms() time); UINT64_MAX: never. */
void dhcp4_io_arm(struct dhcp4_io *io, uint64_t deadline);

#endif
