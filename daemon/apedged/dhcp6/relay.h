/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 relay agent's decisions (RFC 8415 §19): pure functions over
 * byte buffers, no I/O, no state, no allocation.
 *
 * Up (dhcp6_relay_up()): a message received on a client interface is
 * wrapped in a RELAY-FORW (RFC 8415 §9.1):
 *
 *  - a client's message (any type but the server's ADVERTISE, REPLY and
 *    RECONFIGURE and the relay types: RFC 7283 asks a relay to pass
 *    types it does not know): hop-count 0;
 *  - another relay's RELAY-FORW, only on an interface that trusts a
 *    relay below it: hop-count its own plus one, refused when its
 *    hop-count has reached the interface's limit (HOP_COUNT_LIMIT, RFC
 *    8415 §7.6, or lower) or its real nesting (walked in a loop,
 *    counted: a hop-count may lie) has more levels than the limit;
 *  - a RELAY-REPL: refused, replies only come from upstream.
 *
 * link-address is the interface's global address (:: when it has none,
 * and always for a lightweight relay, RFC 6221), peer-address the
 * packet's source, and the interface's Interface-ID, Remote-ID (RFC
 * 4649) and Subscriber-ID (RFC 4580) are added.
 *
 * Down (dhcp6_relay_down()): a RELAY-REPL from an upstream server is
 * unwrapped one level: its Relay Message option goes to the interface
 * named by its Interface-ID (or, without one, whose address is its
 * link-address), to its peer-address, on port 546, or 547 when it is
 * itself a RELAY-REPL for a relay below.  The nesting below is walked
 * in a loop with a counter: at most DHCP6_RELAY_HOPS_MAX + 1 levels
 * (hop-counts 0 to the limit), ours included, and the
 * innermost message must be a server's (ADVERTISE, REPLY, RECONFIGURE)
 * of at least a header.
 */
#ifndef APEDGED_DHCP6_RELAY_H
#define APEDGED_DHCP6_RELAY_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/wire.h"

/* RFC 8415 §7.6: HOP_COUNT_LIMIT (RFC 3315 had 32). */
#define DHCP6_RELAY_HOPS_MAX	8
#define DHCP6_RELAY_ID_MAX	128	/* Interface-, Remote-, Subscriber-ID */

/* Why a message was not relayed: indexes the relay's drop counters. */
enum dhcp6_relay_drop {
	DHCP6_RELAY_OK = 0,
	DHCP6_RELAY_DROP_SHORT,		/* shorter than a header */
	DHCP6_RELAY_DROP_TOO_BIG,	/* wrapped, over a UDP payload */
	DHCP6_RELAY_DROP_SERVER_MSG,	/* a server's message from below */
	DHCP6_RELAY_DROP_REPL_FROM_CLIENT, /* a RELAY-REPL from below */
	DHCP6_RELAY_DROP_UNTRUSTED,	/* a RELAY-FORW where no relay is
					 * trusted */
	DHCP6_RELAY_DROP_HOPS,		/* hop-count or nesting at the limit */
	DHCP6_RELAY_DROP_MALFORMED,	/* a relay message that does not parse */
	DHCP6_RELAY_DROP_NOT_UPSTREAM,	/* a reply from no configured server */
	DHCP6_RELAY_DROP_FORW_FROM_SERVER, /* a non-RELAY-REPL from upstream */
	DHCP6_RELAY_DROP_NO_IFACE,	/* a reply for an interface not ours */
	DHCP6_RELAY_DROP_INNER,		/* a reply holding no server message */
	DHCP6_RELAY_DROP_PEER,		/* a peer-address we cannot send to */
	DHCP6_RELAY_DROP_SEND,		/* the send failed */
	DHCP6_RELAY_DROP_MAX
};

const char *dhcp6_relay_drop_name(enum dhcp6_relay_drop d);

/* A client interface as the relay sees it. */
struct dhcp6_relay_if {
	struct in6_addr link;		/* :: when none (or lightweight) */
	uint8_t hop_limit;		/* 1..DHCP6_RELAY_HOPS_MAX */
	bool trust_relay;		/* take RELAY-FORW from below */
	uint16_t interface_id_len;	/* 0: no Interface-ID option */
	uint8_t interface_id[DHCP6_RELAY_ID_MAX];
	bool has_remote_id;
	uint32_t remote_enterprise;
	uint16_t remote_id_len;
	uint8_t remote_id[DHCP6_RELAY_ID_MAX];
	uint16_t subscriber_id_len;	/* 0: none */
	uint8_t subscriber_id[DHCP6_RELAY_ID_MAX];
};

/*
 * Wrap msg (len bytes from src on an interface like rif) in a
 * RELAY-FORW in out (size bytes; out and msg must not overlap).  The
 * RELAY-FORW's length, or 0 with *why.
 */
size_t dhcp6_relay_up(uint8_t *out, size_t size, const uint8_t *msg,
		      size_t len, const struct in6_addr *src,
		      const struct dhcp6_relay_if *rif,
		      enum dhcp6_relay_drop *why);

/* Where a RELAY-REPL's inner message goes. */
struct dhcp6_relay_dest {
	const uint8_t *msg;		/* inside the received buffer */
	size_t len;
	struct in6_addr peer;		/* to this address */
	uint16_t port;			/* 546, or 547 for a relay below */
	bool has_interface_id;
	struct dhcp6_bytes interface_id;
	struct in6_addr link;		/* when no Interface-ID */
	uint8_t depth;			/* relay messages in what came */
};

/*
 * Unwrap a RELAY-REPL (len bytes): DHCP6_RELAY_OK and *d, or why not.
 * Which interface gets it is the caller's lookup
 * (dhcp6_relay_if_match() on each).
 */
enum dhcp6_relay_drop dhcp6_relay_down(const uint8_t *buf, size_t len,
				       struct dhcp6_relay_dest *d);

/* Is d meant for an interface like rif: its Interface-ID, or with none
 * its link address (not ::)? */
bool dhcp6_relay_if_match(const struct dhcp6_relay_if *rif,
			  const struct dhcp6_relay_dest *d);

#endif
