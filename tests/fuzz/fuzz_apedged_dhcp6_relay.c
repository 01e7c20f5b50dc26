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
 */
#include <stdlib.h>
#include <string.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum dhcp6_err e, e2;
	unsigned int i;
	size_t n;

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
