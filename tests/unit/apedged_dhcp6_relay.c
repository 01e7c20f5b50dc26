// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/relay.c from byte vectors written out from the layouts of RFC
 * 8415 §8 (a client's message) and §9 (RELAY-FORW, RELAY-REPL), RFC 4649
 * (Remote-ID) and RFC 4580 (Subscriber-ID): the RELAY-FORW made around a
 * client's SOLICIT byte for byte, around another relay's, nested to the
 * limit (and past it with a lying hop-count), every truncation of what a
 * relay below or a server sends, the RELAY-REPL unwrapped to port 546 or
 * 547, and the Interface-ID or link-address choosing the interface.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/relay.h"
#include "ut.h"

/* SOLICIT, xid abcdef, Client ID DUID-LL 02:00:00:00:66:c1, Elapsed 0 */
#define SOLICIT "01abcdef" "0001000a000300010200000066c1" "000800020000"
/* ADVERTISE, xid abcdef, the same Client ID, Server ID DUID-LL ..:01 */
#define ADVERTISE "02abcdef" "0001000a000300010200000066c1" \
	"0002000a00030001020000000001"
#define LINK "20010db8000100000000000000000001"	/* 2001:db8:1::1 */
#define PEER "fe800000000000000000000000000001"	/* fe80::1 */
#define UNSPEC "00000000000000000000000000000000"
#define IID_ETH0 "0012000465746830"			/* "eth0" */
#define REMOTE "0025000a00000009706f72742d31"		/* 9, "port-1" */
#define SUBSCR "002600057375622d37"			/* "sub-7" */

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

static void rif_init(struct dhcp6_relay_if *r, const char *link,
		     const char *iid)
{
	memset(r, 0, sizeof(*r));
	r->link = ip6(link);
	r->hop_limit = DHCP6_RELAY_HOPS_MAX;
	r->interface_id_len = (uint16_t)strlen(iid);
	memcpy(r->interface_id, iid, r->interface_id_len);
}

/* An exact-size heap copy: ASan sees any read past len. */
static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);

	memcpy(b, p, len);
	return b;
}

static size_t up_exact(uint8_t *out, size_t size, const uint8_t *msg,
		       size_t len, const char *src,
		       const struct dhcp6_relay_if *rif,
		       enum dhcp6_relay_drop *why)
{
	uint8_t *b = dup_exact(msg, len);
	struct in6_addr s = ip6(src);
	size_t n = dhcp6_relay_up(out, size, b, len, &s, rif, why);

	free(b);
	return n;
}

/* A relay message by hand: type, hop-count, link and peer as hex, the
 * options as hex, then option 9 around (inner, n). */
static size_t wrap(uint8_t *out, uint8_t type, uint8_t hop, const char *link,
		   const char *peer, const char *opts, const uint8_t *inner,
		   size_t n)
{
	size_t k = 0;

	out[k++] = type;
	out[k++] = hop;
	k += ut_hex(out + k, link);
	k += ut_hex(out + k, peer);
	k += ut_hex(out + k, opts);
	out[k++] = 0;
	out[k++] = DHCP6_OPT_RELAY_MSG;
	out[k++] = (uint8_t)(n >> 8);
	out[k++] = (uint8_t)n;
	memmove(out + k, inner, n);
	return k + n;
}

static uint8_t out[DHCP6_MSG_MAX + 64], want[DHCP6_MSG_MAX + 64];
static uint8_t in[DHCP6_MSG_MAX + 64], tmp[DHCP6_MSG_MAX + 64];

/* RFC 8415 §19.1.1: hop-count 0, link-address the link's global
 * address, peer-address the client's, the three IDs, option 9. */
UT_CASE(up_client_exact)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n = ut_hex(in, SOLICIT), w, len;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	rif.has_remote_id = true;
	rif.remote_enterprise = 9;
	rif.remote_id_len = 6;
	memcpy(rif.remote_id, "port-1", 6);
	rif.subscriber_id_len = 5;
	memcpy(rif.subscriber_id, "sub-7", 5);
	w = ut_hex(want, "0c00" LINK PEER IID_ETH0 REMOTE SUBSCR "00090018"
		   SOLICIT);
	len = up_exact(out, sizeof(out), in, n, "fe80::1", &rif, &why);
	UT_EXPECT(why == DHCP6_RELAY_OK);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
	/* One byte short of room: nothing, too-big. */
	UT_EXPECT(!dhcp6_relay_up(out, w - 1, in, n, &rif.link, &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_TOO_BIG);
}

/* No address on the link, no IDs: link-address ::, option 9 only. */
UT_CASE(up_client_bare)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n = ut_hex(in, SOLICIT), w, len;

	rif_init(&rif, "::", "");
	w = ut_hex(want, "0c00" UNSPEC PEER "00090018" SOLICIT);
	len = up_exact(out, sizeof(out), in, n, "fe80::1", &rif, &why);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
}

/* RFC 7283: a type the relay does not know is passed on; a message
 * shorter than a header is not. */
UT_CASE(up_unknown_type_and_short)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	n = ut_hex(in, "c8000001");
	UT_EXPECT(up_exact(out, sizeof(out), in, n, "fe80::1", &rif, &why) ==
		  DHCP6_RELAY_HDR_LEN + 12 + 4);
	for (n = 0; n < DHCP6_HDR_LEN; n++) {
		ut_hex(in, SOLICIT);
		UT_EXPECT(!up_exact(out, sizeof(out), in, n, "fe80::1", &rif,
				    &why));
		UT_EXPECT(why == DHCP6_RELAY_DROP_SHORT);
	}
}

/* What a client may not send up: a server's message or a RELAY-REPL;
 * a RELAY-FORW only where a relay below is trusted. */
UT_CASE(up_refused)
{
	static const char *const server[] = { "02", "07", "0a" };
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n, i;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	for (i = 0; i < 3; i++) {
		n = ut_hex(in, server[i]);
		n += ut_hex(in + n, "abcdef" "0001000a000300010200000066c1");
		UT_EXPECT(!up_exact(out, sizeof(out), in, n, "fe80::1", &rif,
				    &why));
		UT_EXPECT(why == DHCP6_RELAY_DROP_SERVER_MSG);
	}
	n = ut_hex(tmp, ADVERTISE);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0, tmp, n);
	UT_EXPECT(!up_exact(out, sizeof(out), in, n, "fe80::1", &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_REPL_FROM_CLIENT);
	n = ut_hex(tmp, SOLICIT);
	n = wrap(in, DHCP6_RELAY_FORW, 0, LINK, PEER, IID_ETH0, tmp, n);
	UT_EXPECT(!up_exact(out, sizeof(out), in, n, "fe80::2", &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_UNTRUSTED);
	rif.trust_relay = true;
	UT_EXPECT(up_exact(out, sizeof(out), in, n, "fe80::2", &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_OK);
}

/* RFC 8415 §19.1.2: another relay's RELAY-FORW, hop-count + 1, its
 * source as peer-address, the whole of it inside. */
UT_CASE(up_relay_exact)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n, w, len;

	n = ut_hex(tmp, SOLICIT);
	n = wrap(in, DHCP6_RELAY_FORW, 3, LINK, PEER, IID_ETH0 REMOTE, tmp, n);
	rif_init(&rif, "2001:db8:2::1", "up0");
	rif.trust_relay = true;
	w = ut_hex(want, "0c04" "20010db8000200000000000000000001"
		   "fe800000000000000000000000000002" "00120003757030");
	want[w++] = 0;
	want[w++] = DHCP6_OPT_RELAY_MSG;
	want[w++] = (uint8_t)(n >> 8);
	want[w++] = (uint8_t)n;
	memcpy(want + w, in, n);
	w += n;
	len = up_exact(out, sizeof(out), in, n, "fe80::2", &rif, &why);
	UT_EXPECT(why == DHCP6_RELAY_OK);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
}

/*
 * Relays on relays: each wraps what the one below made.  Hop-counts 0
 * to HOP_COUNT_LIMIT are made, so HOP_COUNT_LIMIT + 1 relays; the next
 * one refuses.  A lower limit on the interface stops it sooner.
 */
UT_CASE(up_nested_to_the_limit)
{
	static const unsigned int limits[] = { DHCP6_RELAY_HOPS_MAX, 3, 1 };
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	unsigned int l, k;
	size_t n;

	for (l = 0; l < 3; l++) {
		rif_init(&rif, "2001:db8:1::1", "eth0");
		rif.trust_relay = true;
		rif.hop_limit = (uint8_t)limits[l];
		n = ut_hex(in, SOLICIT);
		for (k = 0; k < 20; k++) {
			size_t m = up_exact(out, sizeof(out), in, n, "fe80::9",
					    &rif, &why);

			if (!m)
				break;
			UT_EXPECT(out[1] == k);	/* hop-count */
			memcpy(in, out, m);
			n = m;
		}
		UT_EXPECT(k == limits[l] + 1);
		UT_EXPECT(why == DHCP6_RELAY_DROP_HOPS);
	}
}

/* A hop-count of 0 at every level, nested deeper than the limit: the
 * walk counts the levels, and refuses. */
UT_CASE(up_lying_hop_count)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	unsigned int k;
	size_t n;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	rif.trust_relay = true;
	n = ut_hex(in, SOLICIT);
	for (k = 1; k <= DHCP6_RELAY_HOPS_MAX + 1; k++) {
		memcpy(tmp, in, n);
		n = wrap(in, DHCP6_RELAY_FORW, 0, LINK, PEER, "", tmp, n);
		why = DHCP6_RELAY_DROP_MAX;
		up_exact(out, sizeof(out), in, n, "fe80::9", &rif, &why);
		UT_EXPECT(why == (k <= DHCP6_RELAY_HOPS_MAX ? DHCP6_RELAY_OK :
				  DHCP6_RELAY_DROP_HOPS));
	}
	/* One level that says it has passed the limit of relays: its
	 * hop-count is believed (RFC 8415 §19.1.2). */
	for (k = DHCP6_RELAY_HOPS_MAX - 1; k <= DHCP6_RELAY_HOPS_MAX; k++) {
		n = ut_hex(tmp, SOLICIT);
		n = wrap(in, DHCP6_RELAY_FORW, (uint8_t)k, LINK, PEER, "", tmp,
			 n);
		up_exact(out, sizeof(out), in, n, "fe80::9", &rif, &why);
		UT_EXPECT(why == (k < DHCP6_RELAY_HOPS_MAX ? DHCP6_RELAY_OK :
				  DHCP6_RELAY_DROP_HOPS));
	}
}

/* Every prefix of a relay's RELAY-FORW two deep: refused, never read
 * past (the copies are exact). */
UT_CASE(up_every_truncation)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n, len;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	rif.trust_relay = true;
	n = ut_hex(tmp, SOLICIT);
	n = wrap(in, DHCP6_RELAY_FORW, 0, LINK, PEER, IID_ETH0 REMOTE SUBSCR,
		 tmp, n);
	memcpy(tmp, in, n);
	n = wrap(in, DHCP6_RELAY_FORW, 1, LINK, PEER, IID_ETH0, tmp, n);
	UT_EXPECT(up_exact(out, sizeof(out), in, n, "fe80::9", &rif, &why));
	for (len = 0; len < n; len++) {
		UT_EXPECT(!up_exact(out, sizeof(out), in, len, "fe80::9", &rif,
				    &why));
		UT_EXPECT(why == (len < DHCP6_RELAY_HDR_LEN ?
				  DHCP6_RELAY_DROP_SHORT :
				  DHCP6_RELAY_DROP_MALFORMED));
	}
}

/* The largest message that still fits once wrapped, and one byte
 * more. */
UT_CASE(up_too_big)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t room = DHCP6_MSG_MAX - DHCP6_RELAY_HDR_LEN - 4 - 8;

	rif_init(&rif, "2001:db8:1::1", "eth0");
	memset(in, 0, sizeof(in));
	ut_hex(in, "01abcdef");
	UT_EXPECT(up_exact(out, sizeof(out), in, room, "fe80::1", &rif,
			   &why) == DHCP6_MSG_MAX);
	UT_EXPECT(!up_exact(out, sizeof(out), in, room + 1, "fe80::1", &rif,
			    &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_TOO_BIG);
}

static enum dhcp6_relay_drop down_exact(const uint8_t *p, size_t len,
					struct dhcp6_relay_dest *d,
					uint8_t **copy)
{
	*copy = dup_exact(p, len);
	return dhcp6_relay_down(*copy, len, d);
}

/* RFC 8415 §19.2: the Relay Message's value to peer-address, port 546,
 * on the interface its Interface-ID names. */
UT_CASE(down_to_client)
{
	struct dhcp6_relay_if eth0, eth1;
	struct dhcp6_relay_dest d;
	uint8_t *c;
	size_t n, a = ut_hex(tmp, ADVERTISE);

	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0, tmp, a);
	UT_ASSERT(down_exact(in, n, &d, &c) == DHCP6_RELAY_OK);
	UT_EXPECT(d.len == a && !memcmp(d.msg, tmp, a));
	UT_EXPECT(d.msg == c + n - a);		/* inside the buffer */
	UT_EXPECT(d.port == DHCP6_CLIENT_PORT && d.depth == 1);
	UT_EXPECT(!memcmp(&d.peer, ip6("fe80::1").s6_addr, 16));
	rif_init(&eth0, "2001:db8:1::1", "eth0");
	rif_init(&eth1, "2001:db8:1::1", "eth1");
	UT_EXPECT(dhcp6_relay_if_match(&eth0, &d));
	UT_EXPECT(!dhcp6_relay_if_match(&eth1, &d));	/* same link: IID */
	free(c);
}

/* No Interface-ID: the link-address says which interface; :: none. */
UT_CASE(down_by_link_address)
{
	struct dhcp6_relay_if eth0, eth1, bare;
	struct dhcp6_relay_dest d;
	uint8_t *c;
	size_t n, a = ut_hex(tmp, ADVERTISE);

	rif_init(&eth0, "2001:db8:1::1", "eth0");
	rif_init(&eth1, "2001:db8:2::1", "eth1");
	rif_init(&bare, "::", "");
	n = wrap(in, DHCP6_RELAY_REPL, 0, "20010db8000200000000000000000001",
		 PEER, "", tmp, a);
	UT_ASSERT(down_exact(in, n, &d, &c) == DHCP6_RELAY_OK);
	UT_EXPECT(!dhcp6_relay_if_match(&eth0, &d));
	UT_EXPECT(dhcp6_relay_if_match(&eth1, &d));
	free(c);
	n = wrap(in, DHCP6_RELAY_REPL, 0, UNSPEC, PEER, "", tmp, a);
	UT_ASSERT(down_exact(in, n, &d, &c) == DHCP6_RELAY_OK);
	UT_EXPECT(!dhcp6_relay_if_match(&bare, &d));
	UT_EXPECT(!dhcp6_relay_if_match(&eth0, &d));
	free(c);
	/* An Interface-ID that is none of ours matches nothing, not even
	 * the interface whose link-address it carries. */
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, "0012000465746839",
		 tmp, a);
	UT_ASSERT(down_exact(in, n, &d, &c) == DHCP6_RELAY_OK);
	UT_EXPECT(!dhcp6_relay_if_match(&eth0, &d));
	UT_EXPECT(!dhcp6_relay_if_match(&bare, &d));
	free(c);
}

/* A reply for a relay below: the inner RELAY-REPL goes to it on port
 * 547.  Nested replies up to HOP_COUNT_LIMIT + 1 levels, not more. */
UT_CASE(down_nested)
{
	struct dhcp6_relay_dest d;
	enum dhcp6_relay_drop e;
	unsigned int k;
	uint8_t *c;
	size_t n = ut_hex(in, ADVERTISE), inner = 0;

	for (k = 1; k <= DHCP6_RELAY_HOPS_MAX + 2; k++) {
		memcpy(tmp, in, n);
		inner = n;
		n = wrap(in, DHCP6_RELAY_REPL, (uint8_t)(k - 1), LINK, PEER,
			 IID_ETH0, tmp, n);
		e = down_exact(in, n, &d, &c);
		if (k <= DHCP6_RELAY_HOPS_MAX + 1) {
			UT_EXPECT(e == DHCP6_RELAY_OK);
			UT_EXPECT(d.depth == k);
			UT_EXPECT(d.port == (k == 1 ? DHCP6_CLIENT_PORT :
					     DHCP6_SERVER_PORT));
			UT_EXPECT(d.len == inner && !memcmp(d.msg, tmp, inner));
		} else {
			UT_EXPECT(e == DHCP6_RELAY_DROP_HOPS);
		}
		free(c);
	}
}

/* What an upstream may not send down. */
UT_CASE(down_refused)
{
	struct dhcp6_relay_dest d;
	uint8_t *c;
	size_t n, a = ut_hex(tmp, ADVERTISE), s;

	/* not a RELAY-REPL */
	UT_EXPECT(down_exact(tmp, a, &d, &c) ==
		  DHCP6_RELAY_DROP_FORW_FROM_SERVER);
	free(c);
	n = wrap(in, DHCP6_RELAY_FORW, 0, LINK, PEER, IID_ETH0, tmp, a);
	UT_EXPECT(down_exact(in, n, &d, &c) ==
		  DHCP6_RELAY_DROP_FORW_FROM_SERVER);
	free(c);
	/* a client's message inside, or a RELAY-FORW, or 3 bytes */
	s = ut_hex(want, SOLICIT);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0, want, s);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_INNER);
	free(c);
	n = wrap(want, DHCP6_RELAY_FORW, 0, LINK, PEER, "", tmp, a);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0, want, n);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_INNER);
	free(c);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0, tmp, 3);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_INNER);
	free(c);
	/* peer-address ::, multicast, loopback */
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, UNSPEC, IID_ETH0, tmp, a);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_PEER);
	free(c);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK,
		 "ff020000000000000000000000010002", IID_ETH0, tmp, a);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_PEER);
	free(c);
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK,
		 "00000000000000000000000000000001", IID_ETH0, tmp, a);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_PEER);
	free(c);
	/* two Interface-IDs */
	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0 IID_ETH0, tmp,
		 a);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_DROP_MALFORMED);
	free(c);
}

/* Every prefix of a reply two deep: refused, never read past. */
UT_CASE(down_every_truncation)
{
	struct dhcp6_relay_dest d;
	enum dhcp6_relay_drop e;
	uint8_t *c;
	size_t n = ut_hex(tmp, ADVERTISE), len;

	n = wrap(in, DHCP6_RELAY_REPL, 0, LINK, PEER, IID_ETH0 REMOTE SUBSCR,
		 tmp, n);
	memcpy(tmp, in, n);
	n = wrap(in, DHCP6_RELAY_REPL, 1, LINK, PEER, IID_ETH0, tmp, n);
	UT_EXPECT(down_exact(in, n, &d, &c) == DHCP6_RELAY_OK);
	free(c);
	for (len = 0; len < n; len++) {
		e = down_exact(in, len, &d, &c);
		UT_EXPECT(e == (len < DHCP6_RELAY_HDR_LEN ?
				DHCP6_RELAY_DROP_SHORT :
				DHCP6_RELAY_DROP_MALFORMED));
		free(c);
	}
}

/* Every reason has a name. */
UT_CASE(drop_names)
{
	unsigned int i;

	for (i = 0; i < DHCP6_RELAY_DROP_MAX; i++)
		UT_EXPECT(strcmp(dhcp6_relay_drop_name(i), "?"));
	UT_EXPECT_STR(dhcp6_relay_drop_name(DHCP6_RELAY_DROP_MAX), "?");
}

UT_MAIN("dhcp6_relay",
	UT_ENTRY(up_client_exact),
	UT_ENTRY(up_client_bare),
	UT_ENTRY(up_unknown_type_and_short),
	UT_ENTRY(up_refused),
	UT_ENTRY(up_relay_exact),
	UT_ENTRY(up_nested_to_the_limit),
	UT_ENTRY(up_lying_hop_count),
	UT_ENTRY(up_every_truncation),
	UT_ENTRY(up_too_big),
	UT_ENTRY(down_to_client),
	UT_ENTRY(down_by_link_address),
	UT_ENTRY(down_nested),
	UT_ENTRY(down_refused),
	UT_ENTRY(down_every_truncation),
	UT_ENTRY(drop_names))
