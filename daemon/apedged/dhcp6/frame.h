/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frames of a lightweight DHCPv6 relay (RFC 6221), pure: no I/O,
 * no allocation.
 *
 * An LDRA has no address of its own on the client link, so it neither
 * receives nor sends through a UDP socket: the module punts the client's
 * message (and the server's RELAY-REPL) from its IPv6 header on, and the
 * daemon sends whole Ethernet frames out of one port.
 *
 * dhcp6_udp6_parse() reads a punted packet: an IPv6 header (RFC 8200
 * §3) directly followed by UDP (RFC 768), nothing cut off (a punt
 * shorter than its payload length is refused), and gives the addresses,
 * ports and UDP payload.  No extension headers: a DHCPv6 client or
 * server sends none, and a packet with one is refused.  The checksum is
 * not checked there: a punt from a local sender may carry a partial
 * one (checksum offload); dhcp6_udp6_csum_ok() checks it for callers
 * that know it is complete.
 *
 * dhcp6_udp6_build() writes the Ethernet, IPv6 and UDP headers and the
 * checksum (RFC 8200 §8.1, never 0) around a payload.
 */
#ifndef APEDGED_DHCP6_FRAME_H
#define APEDGED_DHCP6_FRAME_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP6_ETH_HLEN		14
#define DHCP6_IP6_HLEN		40
#define DHCP6_UDP_HLEN		8
#define DHCP6_FRAME_HDRS	(DHCP6_ETH_HLEN + DHCP6_IP6_HLEN + DHCP6_UDP_HLEN)

/* Why a punted packet was not taken. */
enum dhcp6_frame_err {
	DHCP6_FRAME_OK = 0,
	DHCP6_FRAME_SHORT,	/* shorter than its headers or payload length */
	DHCP6_FRAME_VERSION,	/* not IPv6 */
	DHCP6_FRAME_NOT_UDP,	/* next header not UDP (extension headers) */
	DHCP6_FRAME_UDP_LEN,	/* UDP length under 8 or past the payload */
	DHCP6_FRAME_ERR_MAX
};

const char *dhcp6_frame_err_name(enum dhcp6_frame_err e);

struct dhcp6_udp6 {
	struct in6_addr src, dst;
	uint16_t sport, dport;
	uint8_t hop_limit;
	const uint8_t *payload;	/* into the parsed buffer, or to send */
	size_t len;
};

enum dhcp6_frame_err dhcp6_udp6_parse(const uint8_t *p, size_t n,
				      struct dhcp6_udp6 *u);

/* Is the UDP checksum of a packet dhcp6_udp6_parse() took right (and
 * not 0, which IPv6 does not allow)? */
int dhcp6_udp6_csum_ok(const uint8_t *p, size_t n);

/*
 * An Ethernet frame from src_mac to dst_mac holding u's IPv6 and UDP
 * headers and payload: its length, or 0 when it does not fit in size
 * or the payload is over 65,527 bytes.
 */
size_t dhcp6_udp6_build(uint8_t *buf, size_t size, const uint8_t *src_mac,
			const uint8_t *dst_mac, const struct dhcp6_udp6 *u);

#endif
