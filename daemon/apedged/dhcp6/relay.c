// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 relay agent's decisions: see relay.h.
 */
#include <string.h>

#include "dhcp6/relay.h"

static const char *const drop_names[DHCP6_RELAY_DROP_MAX] = {
	[DHCP6_RELAY_OK] = "ok",
	[DHCP6_RELAY_DROP_SHORT] = "short",
	[DHCP6_RELAY_DROP_TOO_BIG] = "too-big",
	[DHCP6_RELAY_DROP_SERVER_MSG] = "server-msg-from-client",
	[DHCP6_RELAY_DROP_REPL_FROM_CLIENT] = "relay-repl-from-client",
	[DHCP6_RELAY_DROP_UNTRUSTED] = "untrusted-relay-forw",
	[DHCP6_RELAY_DROP_HOPS] = "hop-limit",
	[DHCP6_RELAY_DROP_MALFORMED] = "malformed",
	[DHCP6_RELAY_DROP_NOT_UPSTREAM] = "not-upstream",
	[DHCP6_RELAY_DROP_FORW_FROM_SERVER] = "upstream-not-repl",
	[DHCP6_RELAY_DROP_NO_IFACE] = "unknown-interface",
	[DHCP6_RELAY_DROP_INNER] = "bad-inner",
	[DHCP6_RELAY_DROP_PEER] = "bad-peer",
	[DHCP6_RELAY_DROP_SEND] = "send-error",
};

const char *dhcp6_relay_drop_name(enum dhcp6_relay_drop d)
{
	if ((unsigned int)d >= DHCP6_RELAY_DROP_MAX)
		return "?";
	return drop_names[d];
}

static bool server_type(uint8_t t)
{
	return t == DHCP6_ADVERTISE || t == DHCP6_REPLY ||
	       t == DHCP6_RECONFIGURE;
}

/*
 * Walk the RELAY-FORW nesting of (p, n), whose first byte is
 * RELAY-FORW: the count of relay messages; -2 when there are more than
 * max, -1 when one does not parse or the innermost is not a client's.
 * A loop with a counter: no recursion.
 */
static int forw_depth(const uint8_t *p, size_t n, unsigned int max)
{
	struct dhcp6_relay r;
	unsigned int depth = 0;

	while (n && p[0] == DHCP6_RELAY_FORW) {
		if (depth >= max)
			return -2;
		if (dhcp6_relay_parse(p, n, &r) != DHCP6_OK)
			return -1;
		depth++;
		p = r.msg.p;
		n = r.msg.len;
	}
	if (n < DHCP6_HDR_LEN || server_type(p[0]) ||
	    p[0] == DHCP6_RELAY_REPL)
		return -1;
	return (int)depth;
}

size_t dhcp6_relay_up(uint8_t *out, size_t size, const uint8_t *msg,
		      size_t len, const struct in6_addr *src,
		      const struct dhcp6_relay_if *rif,
		      enum dhcp6_relay_drop *why)
{
	struct dhcp6_relay r;
	unsigned int limit = rif->hop_limit;
	size_t n;

	if (!limit || limit > DHCP6_RELAY_HOPS_MAX)
		limit = DHCP6_RELAY_HOPS_MAX;
	memset(&r, 0, sizeof(r));
	r.type = DHCP6_RELAY_FORW;
	*why = DHCP6_RELAY_OK;
	if (len < 1) {
		*why = DHCP6_RELAY_DROP_SHORT;
		return 0;
	}
	switch (msg[0]) {
	case DHCP6_RELAY_REPL:
		*why = DHCP6_RELAY_DROP_REPL_FROM_CLIENT;
		return 0;
	case DHCP6_ADVERTISE:
	case DHCP6_REPLY:
	case DHCP6_RECONFIGURE:
		*why = DHCP6_RELAY_DROP_SERVER_MSG;
		return 0;
	case DHCP6_RELAY_FORW: {
		int d;

		if (!rif->trust_relay) {
			*why = DHCP6_RELAY_DROP_UNTRUSTED;
			return 0;
		}
		if (len < DHCP6_RELAY_HDR_LEN) {
			*why = DHCP6_RELAY_DROP_SHORT;
			return 0;
		}
		/* RFC 8415 §19.1.2: at HOP_COUNT_LIMIT, discarded.  The
		 * nesting is counted too: a hop-count may lie. */
		if (msg[1] >= limit) {
			*why = DHCP6_RELAY_DROP_HOPS;
			return 0;
		}
		d = forw_depth(msg, len, limit);
		if (d == -2) {
			*why = DHCP6_RELAY_DROP_HOPS;
			return 0;
		}
		if (d < 0) {
			*why = DHCP6_RELAY_DROP_MALFORMED;
			return 0;
		}
		r.hop_count = (uint8_t)(msg[1] + 1);
		break;
	}
	default:
		/* A client's message, or a type we do not know (RFC 7283):
		 * passed on as it is, the server judges it. */
		if (len < DHCP6_HDR_LEN) {
			*why = DHCP6_RELAY_DROP_SHORT;
			return 0;
		}
		r.hop_count = 0;
		break;
	}
	r.link = rif->link;
	r.peer = *src;
	if (rif->interface_id_len) {
		r.has_interface_id = true;
		r.interface_id.p = rif->interface_id;
		r.interface_id.len = rif->interface_id_len;
	}
	if (rif->has_remote_id) {
		r.has_remote_id = true;
		r.remote_enterprise = rif->remote_enterprise;
		r.remote_id.p = rif->remote_id;
		r.remote_id.len = rif->remote_id_len;
	}
	if (rif->subscriber_id_len) {
		r.has_subscriber_id = true;
		r.subscriber_id.p = rif->subscriber_id;
		r.subscriber_id.len = rif->subscriber_id_len;
	}
	if (len > DHCP6_MSG_MAX) {
		*why = DHCP6_RELAY_DROP_TOO_BIG;
		return 0;
	}
	r.msg.p = msg;
	r.msg.len = (uint16_t)len;
	n = dhcp6_relay_build(out, size, &r);
	if (!n)
		*why = DHCP6_RELAY_DROP_TOO_BIG;
	return n;
}

enum dhcp6_relay_drop dhcp6_relay_down(const uint8_t *buf, size_t len,
				       struct dhcp6_relay_dest *d)
{
	struct dhcp6_relay r, below;
	const uint8_t *p;
	size_t n;
	unsigned int depth;

	memset(d, 0, sizeof(*d));
	if (len < 1)
		return DHCP6_RELAY_DROP_SHORT;
	if (buf[0] != DHCP6_RELAY_REPL)
		return DHCP6_RELAY_DROP_FORW_FROM_SERVER;
	if (len < DHCP6_RELAY_HDR_LEN)
		return DHCP6_RELAY_DROP_SHORT;
	if (dhcp6_relay_parse(buf, len, &r) != DHCP6_OK)
		return DHCP6_RELAY_DROP_MALFORMED;
	/*
	 * The levels below ours: one RELAY-REPL per relay below, then a
	 * server's message.  A loop with a counter: hop-counts run from 0
	 * to HOP_COUNT_LIMIT, so at most HOP_COUNT_LIMIT + 1 levels, ours
	 * included.
	 */
	p = r.msg.p;
	n = r.msg.len;
	for (depth = 1; n && p[0] == DHCP6_RELAY_REPL; depth++) {
		if (depth > DHCP6_RELAY_HOPS_MAX)
			return DHCP6_RELAY_DROP_HOPS;
		if (dhcp6_relay_parse(p, n, &below) != DHCP6_OK)
			return DHCP6_RELAY_DROP_MALFORMED;
		p = below.msg.p;
		n = below.msg.len;
	}
	if (n < DHCP6_HDR_LEN || !server_type(p[0]))
		return DHCP6_RELAY_DROP_INNER;
	if (IN6_IS_ADDR_UNSPECIFIED(&r.peer) || IN6_IS_ADDR_MULTICAST(&r.peer) ||
	    IN6_IS_ADDR_LOOPBACK(&r.peer))
		return DHCP6_RELAY_DROP_PEER;
	d->msg = r.msg.p;
	d->len = r.msg.len;
	d->peer = r.peer;
	d->port = r.msg.p[0] == DHCP6_RELAY_REPL ? DHCP6_SERVER_PORT :
						   DHCP6_CLIENT_PORT;
	d->has_interface_id = r.has_interface_id;
	d->interface_id = r.interface_id;
	d->link = r.link;
	d->depth = (uint8_t)depth;
	return DHCP6_RELAY_OK;
}

bool dhcp6_relay_if_match(const struct dhcp6_relay_if *rif,
			  const struct dhcp6_relay_dest *d)
{
	if (d->has_interface_id)
		return rif->interface_id_len &&
		       d->interface_id.len == rif->interface_id_len &&
		       !memcmp(d->interface_id.p, rif->interface_id,
			       rif->interface_id_len);
	return !IN6_IS_ADDR_UNSPECIFIED(&d->link) &&
	       !memcmp(&d->link, &rif->link, sizeof(d->link));
}
