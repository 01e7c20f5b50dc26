// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/wire.c's walk of nested relay messages.
 *
 * Properties checked (abort() on failure):
 * - the walk never goes deeper than DHCP6_RELAY_DEPTH_MAX, and each
 *   relay's Relay Message lies inside the one around it, the innermost
 *   message inside the input;
 * - the relays alternate no direction: all RELAY-FORW or all RELAY-REPL;
 * - rebuilt from the inside out with dhcp6_relay_build() (in place, the
 *   way a relay wraps what it forwards), the relays parse back to the
 *   same headers and options, the inner message to the same bytes;
 * - the input is also wrapped in one RELAY-FORW and walked again: the
 *   error, if any, is the inner one's, one level deeper.
 *
 * And dhcp6/relay.c, the relay agent, on the same input:
 * - dhcp6_relay_up() (trusting a relay below, and not): either a
 *   RELAY-FORW that the walk above parses, whose hop-count is the
 *   input's plus one (0 for a client's message), whose Relay Message is
 *   the input's bytes, with the interface's options; or 0 and a reason;
 *   a RELAY-FORW taken only where trusted, a RELAY-REPL never;
 * - dhcp6_relay_down(): on OK the message lies inside the input, the
 *   port is 547 exactly when it is a RELAY-REPL, the depth at most
 *   HOP_COUNT_LIMIT + 1; rewrapped in a RELAY-REPL with the same header
 *   and Interface-ID, it unwraps to the same;
 * - the input wrapped in a RELAY-REPL as a server sends it: a server's
 *   message of 4 bytes or more always unwraps, to the input's bytes, on
 *   port 546 (547 for a RELAY-REPL), for the interface named.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/relay.h"
#include "dhcp6/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dhcp6_packet pk, pk2;
static uint8_t buf[DHCP6_MSG_MAX + 64];

static bool same(const struct dhcp6_bytes *a, const struct dhcp6_bytes *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->p, b->p, a->len));
}

static void rebuild(void)
{
	/* Copies of the relays' option values: buf is rewritten. */
	static uint8_t iid[DHCP6_RELAY_DEPTH_MAX][DHCP6_MSG_MAX];
	struct dhcp6_relay r;
	size_t n = pk.inner.len;
	int i;

	memcpy(buf, pk.inner.p, n);
	for (i = pk.n_relays - 1; i >= 0; i--) {
		r = pk.relays[i];
		memcpy(iid[i], r.interface_id.p, r.interface_id.len);
		r.interface_id.p = iid[i];
		r.msg.p = buf;
		r.msg.len = (uint16_t)n;
		/* remote and subscriber IDs point into data: not in buf */
		n = dhcp6_relay_build(buf, sizeof(buf), &r);
		if (!n)
			return;		/* options that grew past 64 KiB */
	}
	if (dhcp6_packet_parse(buf, n, &pk2) != DHCP6_OK ||
	    pk2.n_relays != pk.n_relays || !same(&pk2.inner, &pk.inner))
		abort();
	for (i = 0; i < pk.n_relays; i++) {
		const struct dhcp6_relay *a = &pk.relays[i], *b = &pk2.relays[i];

		if (a->type != b->type || a->hop_count != b->hop_count ||
		    memcmp(&a->link, &b->link, 16) ||
		    memcmp(&a->peer, &b->peer, 16) ||
		    a->has_interface_id != b->has_interface_id ||
		    !same(&a->interface_id, &b->interface_id) ||
		    a->has_remote_id != b->has_remote_id ||
		    a->remote_enterprise != b->remote_enterprise ||
		    !same(&a->remote_id, &b->remote_id) ||
		    a->has_subscriber_id != b->has_subscriber_id ||
		    !same(&a->subscriber_id, &b->subscriber_id))
			abort();
	}
}

static uint8_t rbuf[DHCP6_MSG_MAX + 64], rbuf2[DHCP6_MSG_MAX + 64];

static void relay_agent(const uint8_t *data, size_t size)
{
	static const struct in6_addr src = { { { 0xfe, 0x80, [15] = 7 } } };
	struct dhcp6_relay_if rif = {
		.link = { { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } } },
		.hop_limit = DHCP6_RELAY_HOPS_MAX,
		.interface_id_len = 4, .interface_id = "eth0",
		.has_remote_id = true, .remote_enterprise = 9,
		.remote_id_len = 2, .remote_id = "r1",
		.subscriber_id_len = 1, .subscriber_id = "s",
	};
	struct dhcp6_relay_dest d, d2;
	enum dhcp6_relay_drop why;
	struct dhcp6_relay r;
	unsigned int t;
	size_t n;

	for (t = 0; t < 2; t++) {
		rif.trust_relay = t;
		n = dhcp6_relay_up(rbuf, sizeof(rbuf), data, size, &src, &rif,
				   &why);
		if (!n) {
			if (why == DHCP6_RELAY_OK || why >= DHCP6_RELAY_DROP_MAX)
				abort();
			continue;
		}
		if (why != DHCP6_RELAY_OK || !size ||
		    data[0] == DHCP6_RELAY_REPL ||
		    (data[0] == DHCP6_RELAY_FORW && !t))
			abort();
		if (dhcp6_relay_parse(rbuf, n, &r) != DHCP6_OK ||
		    r.type != DHCP6_RELAY_FORW ||
		    r.hop_count != (data[0] == DHCP6_RELAY_FORW ?
				    data[1] + 1 : 0) ||
		    r.hop_count > DHCP6_RELAY_HOPS_MAX ||
		    memcmp(&r.peer, &src, 16) || memcmp(&r.link, &rif.link, 16) ||
		    r.msg.len != size || memcmp(r.msg.p, data, size) ||
		    !r.has_interface_id || r.interface_id.len != 4 ||
		    !r.has_remote_id || r.remote_enterprise != 9 ||
		    !r.has_subscriber_id)
			abort();
	}

	if (size + 64 <= DHCP6_MSG_MAX) {
		memset(&r, 0, sizeof(r));
		r.type = DHCP6_RELAY_REPL;
		r.peer = src;
		r.link = rif.link;
		r.has_interface_id = true;
		r.interface_id.p = rif.interface_id;
		r.interface_id.len = rif.interface_id_len;
		r.msg.p = data;
		r.msg.len = (uint16_t)size;
		n = dhcp6_relay_build(rbuf2, sizeof(rbuf2), &r);
		if (!n)
			abort();
		why = dhcp6_relay_down(rbuf2, n, &d);
		if (why == DHCP6_RELAY_OK) {
			if (d.len != size || d.msg != rbuf2 + n - size ||
			    d.port != (data[0] == DHCP6_RELAY_REPL ?
				       DHCP6_SERVER_PORT : DHCP6_CLIENT_PORT) ||
			    !dhcp6_relay_if_match(&rif, &d) ||
			    memcmp(&d.peer, &src, 16))
				abort();
		} else if (size >= 4 && (data[0] == DHCP6_ADVERTISE ||
					 data[0] == DHCP6_REPLY ||
					 data[0] == DHCP6_RECONFIGURE)) {
			abort();
		}
	}

	why = dhcp6_relay_down(data, size, &d);
	if (why >= DHCP6_RELAY_DROP_MAX)
		abort();
	if (why != DHCP6_RELAY_OK)
		return;
	if (d.msg < data || d.msg + d.len > data + size || d.len < 4 ||
	    d.depth < 1 || d.depth > DHCP6_RELAY_HOPS_MAX + 1 ||
	    d.port != (d.msg[0] == DHCP6_RELAY_REPL ? DHCP6_SERVER_PORT :
		       DHCP6_CLIENT_PORT))
		abort();
	memset(&r, 0, sizeof(r));
	r.type = DHCP6_RELAY_REPL;
	r.peer = d.peer;
	r.link = d.link;
	r.has_interface_id = d.has_interface_id;
	r.interface_id = d.interface_id;
	r.msg.p = d.msg;
	r.msg.len = (uint16_t)d.len;
	n = dhcp6_relay_build(rbuf2, sizeof(rbuf2), &r);
	if (!n || dhcp6_relay_down(rbuf2, n, &d2) != DHCP6_RELAY_OK ||
	    d2.len != d.len || memcmp(d2.msg, d.msg, d.len) ||
	    d2.port != d.port || d2.depth != d.depth ||
	    memcmp(&d2.peer, &d.peer, 16))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum dhcp6_err e, e2;
	unsigned int i;
	size_t n;

	relay_agent(data, size);
	e = dhcp6_packet_parse(data, size, &pk);
	if (pk.n_relays > DHCP6_RELAY_DEPTH_MAX ||
	    pk.err_depth > DHCP6_RELAY_DEPTH_MAX)
		abort();
	for (i = 0; i < pk.n_relays; i++) {
		const struct dhcp6_relay *r = &pk.relays[i];

		if (r->type != pk.relays[0].type)
			abort();
		if (r->msg.p < data || r->msg.p + r->msg.len > data + size)
			abort();
		if (i && (r->msg.p < pk.relays[i - 1].msg.p ||
			  r->msg.p + r->msg.len >
			  pk.relays[i - 1].msg.p + pk.relays[i - 1].msg.len))
			abort();
	}
	if (e == DHCP6_OK) {
		if (pk.inner.p < data || pk.inner.p + pk.inner.len >
		    data + size)
			abort();
		rebuild();
	}

	/* One more relay around the input. */
	if (size + 38 > DHCP6_MSG_MAX)
		return 0;
	{
		struct dhcp6_relay r = { .type = DHCP6_RELAY_FORW,
			.msg = { data, (uint16_t)size } };

		if (size && (data[0] == DHCP6_RELAY_REPL ||
			     data[0] == DHCP6_ADVERTISE ||
			     data[0] == DHCP6_REPLY ||
			     data[0] == DHCP6_RECONFIGURE))
			return 0;	/* the wrong direction: refused */
		n = dhcp6_relay_build(buf, sizeof(buf), &r);
		if (n != size + 38)
			abort();
	}
	e2 = dhcp6_packet_parse(buf, n, &pk2);
	if (e == DHCP6_ERR_DEPTH || pk.n_relays == DHCP6_RELAY_DEPTH_MAX) {
		if (e2 != DHCP6_ERR_DEPTH && e2 != e)
			abort();
	} else if (e2 != e || pk2.err_depth != pk.err_depth + 1) {
		abort();
	}
	return 0;
}
