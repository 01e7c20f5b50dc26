/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCPv4 (RFC 2131, RFC 2132) as a client sees it: pure parsers and
 * builders over byte buffers.  No I/O, no state, no allocation.
 *
 * Three layers, each its own parse/build pair:
 *
 *  - the BOOTP/DHCP message (RFC 2131 §2): 236 fixed bytes, the magic
 *    cookie 99.130.83.99, then options.  The parser walks the options
 *    field, and the file and sname fields when option 52 (overload) says
 *    so, with the bounded cursor of lib/bytes.h; an option that runs past
 *    its field, an overload that names a field holding no valid options,
 *    or a known option of the wrong length is refused with its reason;
 *  - the IPv4 and UDP headers around it, for the packet socket a client
 *    uses before it has an address (checksums verified and written);
 *  - ARP for IPv4 over Ethernet, for conflict detection (RFC 5227).
 *
 * Addresses are struct in_addr, in network byte order, everywhere.
 * Times from options are in seconds, as on the wire.
 */
#ifndef APEDGED_DHCP4_WIRE_H
#define APEDGED_DHCP4_WIRE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP4_SERVER_PORT	67
#define DHCP4_CLIENT_PORT	68
#define DHCP4_MAGIC		0x63825363u
#define DHCP4_FIXED_LEN		236	/* op .. file */
#define DHCP4_MIN_LEN		(DHCP4_FIXED_LEN + 4)	/* and the cookie */
#define DHCP4_MSG_MAX		1500	/* the largest we build or accept */
#define DHCP4_MAX_MSG_SIZE	1500	/* what option 57 announces */

#define DHCP4_ROUTERS_MAX	4
#define DHCP4_DNS_MAX		8
#define DHCP4_ROUTES_MAX	32	/* option 121 entries kept */
#define DHCP4_NAME_MAX		255	/* domain, hostname, a search name */
#define DHCP4_SEARCH_MAX	6	/* search names kept (RFC 3397) */
#define DHCP4_CLIENT_ID_MAX	64
#define DHCP4_MESSAGE_MAX	255	/* option 56 text */
#define DHCP4_PRL_MAX		64

/* Message types, option 53 (RFC 2132 §9.6). */
enum dhcp4_type {
	DHCP4_NONE = 0,
	DHCP4_DISCOVER = 1,
	DHCP4_OFFER,
	DHCP4_REQUEST,
	DHCP4_DECLINE,
	DHCP4_ACK,
	DHCP4_NAK,
	DHCP4_RELEASE,
	DHCP4_INFORM,
	DHCP4_TYPE_MAX = DHCP4_INFORM
};

/* Why a message, frame or ARP packet was refused: indexes counters. */
enum dhcp4_err {
	DHCP4_OK = 0,
	DHCP4_ERR_SHORT,	/* shorter than the fixed part and cookie */
	DHCP4_ERR_HTYPE,	/* not Ethernet (htype 1, hlen 6) */
	DHCP4_ERR_COOKIE,	/* no magic cookie */
	DHCP4_ERR_OPT_TRUNC,	/* an option runs past its field */
	DHCP4_ERR_OPT_LEN,	/* a known option with a wrong length */
	DHCP4_ERR_OVERLOAD,	/* option 52 invalid, or names a bad field */
	DHCP4_ERR_NO_TYPE,	/* no option 53 (BOOTP) */
	DHCP4_ERR_BAD_TYPE,	/* option 53 outside 1..8 */
	DHCP4_ERR_ROUTES,	/* option 121 malformed (RFC 3442 §3) */
	DHCP4_ERR_IP,		/* IPv4 header: version, length, checksum */
	DHCP4_ERR_UDP,		/* UDP header: ports, length, checksum */
	DHCP4_ERR_ARP,		/* not ARP for IPv4 over Ethernet */
	DHCP4_ERR_LONG,		/* longer than DHCP4_MSG_MAX */
	DHCP4_ERR_MAX
};

const char *dhcp4_err_name(enum dhcp4_err e);	/* "opt-trunc", ... */
const char *dhcp4_type_name(enum dhcp4_type t);	/* "ACK", ... */

struct dhcp4_route {			/* option 121, RFC 3442 */
	struct in_addr dst;
	uint8_t plen;
	struct in_addr gw;		/* 0.0.0.0: on link */
};

/*
 * What a reply says, after option 52 has been followed.  has_* tells
 * whether an option was present; absent lists have n_* == 0.  When an
 * option appears more than once its values are concatenated first
 * (RFC 3396), then decoded.
 */
struct dhcp4_msg {
	uint8_t op;			/* 1 BOOTREQUEST, 2 BOOTREPLY */
	uint8_t htype, hlen, hops;
	uint32_t xid;			/* host byte order */
	uint16_t secs, flags;		/* host byte order */
	struct in_addr ciaddr, yiaddr, siaddr, giaddr;
	uint8_t chaddr[16];

	enum dhcp4_type type;		/* option 53 */
	bool has_server_id;		/* 54 */
	struct in_addr server_id;
	bool has_mask;			/* 1 */
	struct in_addr mask;
	bool has_lease;			/* 51 */
	uint32_t lease_s;
	bool has_t1, has_t2;		/* 58, 59 */
	uint32_t t1_s, t2_s;
	bool has_mtu;			/* 26 */
	uint16_t mtu;
	bool has_routes;		/* 121 (it replaces option 3) */
	uint8_t n_routes;
	struct dhcp4_route routes[DHCP4_ROUTES_MAX];
	uint8_t n_routers;		/* 3 */
	struct in_addr routers[DHCP4_ROUTERS_MAX];
	uint8_t n_dns;			/* 6 */
	struct in_addr dns[DHCP4_DNS_MAX];
	char domain[DHCP4_NAME_MAX + 1];	/* 15, NUL-terminated */
	uint8_t n_search;		/* 119, RFC 3397 names decoded */
	char search[DHCP4_SEARCH_MAX][DHCP4_NAME_MAX + 1];
	char message[DHCP4_MESSAGE_MAX + 1];	/* 56 */
	uint8_t overload;		/* 52: 1 file, 2 sname, 3 both */
};

/*
 * Parse a DHCP message (the UDP payload).  Either op is accepted: the
 * state machine decides what it takes.  On error *m is partly filled
 * and must not be used.
 */
enum dhcp4_err dhcp4_msg_parse(const uint8_t *buf, size_t len,
			       struct dhcp4_msg *m);

/* What a client sends (RFC 2131 table 5); zero fields are left out. */
struct dhcp4_build {
	enum dhcp4_type type;
	uint32_t xid;			/* host byte order */
	uint16_t secs;
	bool broadcast;			/* the BROADCAST flag */
	struct in_addr ciaddr;
	uint8_t mac[6];
	struct in_addr requested;	/* option 50 */
	struct in_addr server_id;	/* option 54 */
	uint32_t lease_s;		/* option 51, a hint */
	const uint8_t *client_id;	/* option 61, type byte included */
	size_t client_id_len;
	const char *hostname;		/* option 12 */
	const char *vendor_class;	/* option 60 */
	const uint8_t *prl;		/* option 55 */
	size_t prl_len;
	uint16_t max_size;		/* option 57 */
	const char *message;		/* option 56 (DECLINE, RELEASE) */
};

/* The message's length, or 0 when it does not fit in size. */
size_t dhcp4_msg_build(uint8_t *buf, size_t size, const struct dhcp4_build *b);

/*
 * IPv4 + UDP around a DHCP message, as sent and received on an AF_PACKET
 * SOCK_DGRAM socket (no Ethernet header).  build: the frame's length, or
 * 0 when it does not fit.  parse: checks version, IHL, total length,
 * header checksum, no fragment, protocol UDP, ports (from sport to
 * dport), UDP length and checksum (when non-zero); returns the payload.
 */
size_t dhcp4_frame_build(uint8_t *buf, size_t size, struct in_addr src,
			 struct in_addr dst, uint16_t sport, uint16_t dport,
			 const uint8_t *payload, size_t len);
enum dhcp4_err dhcp4_frame_parse(const uint8_t *buf, size_t len,
				 uint16_t sport, uint16_t dport,
				 struct in_addr *src, const uint8_t **payload,
				 size_t *plen);

/* ARP for IPv4 over Ethernet (RFC 826), the 28 bytes after Ethernet. */
#define DHCP4_ARP_LEN		28
#define DHCP4_ARP_REQUEST	1
#define DHCP4_ARP_REPLY		2

struct dhcp4_arp {
	uint16_t op;
	uint8_t sha[6];
	struct in_addr spa;
	uint8_t tha[6];
	struct in_addr tpa;
};

enum dhcp4_err dhcp4_arp_parse(const uint8_t *buf, size_t len,
			       struct dhcp4_arp *a);
size_t dhcp4_arp_build(uint8_t *buf, size_t size, const struct dhcp4_arp *a);

#endif
