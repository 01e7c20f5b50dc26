// SPDX-License-Identifier: GPL-2.0
/*
 * The Lightweight DHCPv6 Relay Agent (RFC 6221) and the Client
 * Link-Layer Address option (RFC 6939) in dhcp6/relay.c and
 * dhcp6/wire.c, from byte vectors written out from the layouts of RFC
 * 8415 §9 (RELAY-FORW, RELAY-REPL), RFC 6939 §4 (option 79: option
 * code, length, link-layer type 1, the address) and RFC 6221 (link
 * address ::, the Interface-ID always): the RELAY-FORW an LDRA makes
 * around a client's SOLICIT byte for byte, option 79 added by the first
 * relay only, every truncation of the RELAY-REPL an LDRA takes from
 * upstream and of a RELAY-FORW carrying option 79, and what an LDRA
 * refuses.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/relay.h"
#include "dhcp6/wire.h"
#include "ut.h"

/* SOLICIT, xid abcdef, Client ID DUID-LL 02:00:00:00:66:c1, Elapsed 0 */
#define SOLICIT "01abcdef" "0001000a000300010200000066c1" "000800020000"
/* ADVERTISE, xid abcdef, the same Client ID, Server ID DUID-LL ..:01 */
#define ADVERTISE "02abcdef" "0001000a000300010200000066c1" \
	"0002000a00030001020000000001"
#define PEER "fe800000000000000000000000000001"	/* fe80::1 */
#define UNSPEC "00000000000000000000000000000000"
#define LINK "20010db8000100000000000000000001"	/* 2001:db8:1::1 */
#define IID_WLAN "00120005776c616e31"			/* "wlan1" */
#define REMOTE "0025000a00000009706f72742d31"		/* 9, "port-1" */
/* RFC 6939 §4: code 79, length 8, type 1 (Ethernet), 02:00:00:00:66:c1 */
#define LLADDR "004f0008" "0001" "0200000066c1"

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0x66, 0xc1 };

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
	r->client_lladdr = true;
}

/* An exact-size heap copy: ASan sees any read past len. */
static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);

	memcpy(b, p, len);
	return b;
}

static uint8_t out[DHCP6_MSG_MAX + 64], want[DHCP6_MSG_MAX + 64];
static uint8_t in[DHCP6_MSG_MAX + 64];

static size_t ldra_up_exact(const uint8_t *msg, size_t len,
			    const uint8_t *m,
			    const struct dhcp6_relay_if *rif,
			    enum dhcp6_relay_drop *why)
{
	uint8_t *b = dup_exact(msg, len);
	struct in6_addr s = ip6("fe80::1");
	size_t n = dhcp6_ldra_up(out, sizeof(out), b, len, &s, m, rif, why);

	free(b);
	return n;
}

/*
 * RFC 6221: hop-count 0, link-address :: even where the port's link has
 * an address, peer-address the client's link-local, the Interface-ID,
 * the Remote-ID, then RFC 6939's option with the MAC of the frame.
 */
UT_CASE(ldra_up_client_exact)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n = ut_hex(in, SOLICIT), w, len;

	rif_init(&rif, "2001:db8:1::1", "wlan1");
	rif.has_remote_id = true;
	rif.remote_enterprise = 9;
	rif.remote_id_len = 6;
	memcpy(rif.remote_id, "port-1", 6);
	w = ut_hex(want, "0c00" UNSPEC PEER IID_WLAN REMOTE LLADDR "00090018"
		   SOLICIT);
	len = ldra_up_exact(in, n, mac, &rif, &why);
	UT_EXPECT(why == DHCP6_RELAY_OK);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
	/* One byte short of room: nothing, too-big. */
	UT_EXPECT(!dhcp6_ldra_up(out, w - 1, in, n, &rif.link, mac, &rif,
				 &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_TOO_BIG);
}

/* No MAC known, or the port told not to: no option 79. */
UT_CASE(ldra_up_no_lladdr)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n = ut_hex(in, SOLICIT), w, len;

	rif_init(&rif, "::", "wlan1");
	w = ut_hex(want, "0c00" UNSPEC PEER IID_WLAN "00090018" SOLICIT);
	len = ldra_up_exact(in, n, NULL, &rif, &why);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
	rif.client_lladdr = false;
	len = ldra_up_exact(in, n, mac, &rif, &why);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
}

/*
 * What an LDRA does not send up: nothing without an Interface-ID; a
 * RELAY-FORW from a client port (RFC 6221 §6.1.1), even where the
 * port's settings would trust a relay below; a RELAY-REPL; a server's
 * message.
 */
UT_CASE(ldra_up_refused)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	size_t n;

	rif_init(&rif, "::", "");
	n = ut_hex(in, SOLICIT);
	UT_EXPECT(!ldra_up_exact(in, n, mac, &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_NO_IID);

	rif_init(&rif, "::", "wlan1");
	rif.trust_relay = true;
	n = ut_hex(in, "0c00" UNSPEC PEER IID_WLAN "00090018" SOLICIT);
	UT_EXPECT(!ldra_up_exact(in, n, mac, &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_UNTRUSTED);
	n = ut_hex(in, "0d00" UNSPEC PEER IID_WLAN "00090020" ADVERTISE);
	UT_EXPECT(!ldra_up_exact(in, n, mac, &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_REPL_FROM_CLIENT);
	n = ut_hex(in, ADVERTISE);
	UT_EXPECT(!ldra_up_exact(in, n, mac, &rif, &why));
	UT_EXPECT(why == DHCP6_RELAY_DROP_SERVER_MSG);
	/* Shorter than a header: every length. */
	for (n = 0; n < DHCP6_HDR_LEN; n++) {
		ut_hex(in, SOLICIT);
		UT_EXPECT(!ldra_up_exact(in, n, mac, &rif, &why));
		UT_EXPECT(why == DHCP6_RELAY_DROP_SHORT);
	}
}

/*
 * RFC 6939 §4: only the relay that received the client's own message
 * adds option 79; an L3 relay around another relay's RELAY-FORW does
 * not, even with a MAC at hand.
 */
UT_CASE(relay_up_lladdr_first_only)
{
	struct dhcp6_relay_if rif;
	enum dhcp6_relay_drop why;
	struct in6_addr src = ip6("fe80::1");
	size_t n, w, len;

	rif_init(&rif, "2001:db8:1::1", "");
	n = ut_hex(in, SOLICIT);
	w = ut_hex(want, "0c00" LINK PEER LLADDR "00090018" SOLICIT);
	len = dhcp6_relay_up_mac(out, sizeof(out), in, n, &src, mac, &rif,
				 &why);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));
	/* The old entry point: no MAC, no option. */
	w = ut_hex(want, "0c00" LINK PEER "00090018" SOLICIT);
	len = dhcp6_relay_up(out, sizeof(out), in, n, &src, &rif, &why);
	UT_ASSERT(len == w);
	UT_EXPECT(!memcmp(out, want, w));

	rif.trust_relay = true;
	n = ut_hex(in, "0c00" UNSPEC PEER LLADDR "00090018" SOLICIT);
	len = dhcp6_relay_up_mac(out, sizeof(out), in, n, &src, mac, &rif,
				 &why);
	UT_ASSERT(len == DHCP6_RELAY_HDR_LEN + 4 + n);
	UT_EXPECT(out[1] == 1);
	UT_EXPECT(!memcmp(out + DHCP6_RELAY_HDR_LEN, "\x00\x09", 2));
}

/* Option 79 parsed back: its type, its address; twice, or with no
 * address byte, the relay message is malformed. */
UT_CASE(wire_lladdr_parse)
{
	struct dhcp6_relay r;
	struct dhcp6_packet pk;
	size_t n;

	n = ut_hex(in, "0c00" UNSPEC PEER IID_WLAN LLADDR "00090018" SOLICIT);
	UT_ASSERT(dhcp6_relay_parse(in, n, &r) == DHCP6_OK);
	UT_EXPECT(r.has_client_lladdr);
	UT_EXPECT(r.client_lltype == DHCP6_LLTYPE_ETHER);
	UT_ASSERT(r.client_lladdr.len == 6);
	UT_EXPECT(!memcmp(r.client_lladdr.p, mac, 6));
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_EXPECT(pk.n_relays == 1 && pk.relays[0].has_client_lladdr);

	/* Another link-layer type and length (RFC 6939 allows any). */
	n = ut_hex(in, "0c00" UNSPEC PEER "004f0003" "0020" "aa"
		   "00090018" SOLICIT);
	UT_ASSERT(dhcp6_relay_parse(in, n, &r) == DHCP6_OK);
	UT_EXPECT(r.client_lltype == 32 && r.client_lladdr.len == 1);

	n = ut_hex(in, "0c00" UNSPEC PEER LLADDR LLADDR "00090018" SOLICIT);
	UT_EXPECT(dhcp6_relay_parse(in, n, &r) == DHCP6_ERR_DUP);
	n = ut_hex(in, "0c00" UNSPEC PEER "004f00020001" "00090018" SOLICIT);
	UT_EXPECT(dhcp6_relay_parse(in, n, &r) == DHCP6_ERR_OPT_LEN);
	n = ut_hex(in, "0c00" UNSPEC PEER "004f0000" "00090018" SOLICIT);
	UT_EXPECT(dhcp6_relay_parse(in, n, &r) == DHCP6_ERR_OPT_LEN);
}

/* Built from a struct: the same bytes; an empty address is refused. */
UT_CASE(wire_lladdr_build)
{
	struct dhcp6_relay r;
	uint8_t inner[64];
	size_t n, w;

	memset(&r, 0, sizeof(r));
	r.type = DHCP6_RELAY_FORW;
	r.peer = ip6("fe80::1");
	r.has_client_lladdr = true;
	r.client_lltype = DHCP6_LLTYPE_ETHER;
	r.client_lladdr.p = mac;
	r.client_lladdr.len = 6;
	n = ut_hex(inner, SOLICIT);
	r.msg.p = inner;
	r.msg.len = (uint16_t)n;
	w = ut_hex(want, "0c00" UNSPEC PEER LLADDR "00090018" SOLICIT);
	n = dhcp6_relay_build(out, sizeof(out), &r);
	UT_ASSERT(n == w);
	UT_EXPECT(!memcmp(out, want, w));
	r.client_lladdr.len = 0;
	UT_EXPECT(!dhcp6_relay_build(out, sizeof(out), &r));
}

/* Every truncation of a RELAY-FORW carrying option 79: never OK, and
 * ASan sees no read past the end. */
UT_CASE(wire_lladdr_every_truncation)
{
	struct dhcp6_relay r;
	size_t n, k;

	n = ut_hex(in, "0c00" UNSPEC PEER IID_WLAN LLADDR "00090018" SOLICIT);
	for (k = 0; k < n; k++) {
		uint8_t *b = dup_exact(in, k);

		UT_EXPECT(dhcp6_relay_parse(b, k, &r) != DHCP6_OK);
		free(b);
	}
}

/* The client's MAC for a binding: the innermost relay's option 79 only,
 * type 1 and 6 bytes. */
UT_CASE(packet_client_mac)
{
	struct dhcp6_packet pk;
	uint8_t m[6];
	size_t n;

	/* An LDRA's RELAY-FORW with option 79, inside an L3 relay's whose
	 * own option 79 (another MAC) must not be taken. */
	n = ut_hex(in, "0c01" LINK PEER "004f0008" "0001" "020000000002"
		   "00090053"
		   "0c00" UNSPEC PEER IID_WLAN LLADDR "00090018" SOLICIT);
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_ASSERT(pk.n_relays == 2);
	UT_EXPECT(dhcp6_packet_client_mac(&pk, m));
	UT_EXPECT(!memcmp(m, mac, 6));
	/* Only the outer relay has one: not the client's. */
	n = ut_hex(in, "0c01" LINK PEER "004f0008" "0001" "020000000002"
		   "00090047"
		   "0c00" UNSPEC PEER IID_WLAN "00090018" SOLICIT);
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_EXPECT(!dhcp6_packet_client_mac(&pk, m));
	/* Another type, another length, no relay. */
	n = ut_hex(in, "0c00" UNSPEC PEER "004f0008" "0006" "0200000066c1"
		   "00090018" SOLICIT);
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_EXPECT(!dhcp6_packet_client_mac(&pk, m));
	n = ut_hex(in, "0c00" UNSPEC PEER "004f0005" "0001" "020000"
		   "00090018" SOLICIT);
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_EXPECT(!dhcp6_packet_client_mac(&pk, m));
	n = ut_hex(in, SOLICIT);
	UT_ASSERT(dhcp6_packet_parse(in, n, &pk) == DHCP6_OK);
	UT_EXPECT(!dhcp6_packet_client_mac(&pk, m));
}

static enum dhcp6_relay_drop ldra_down_exact(const uint8_t *p, size_t len,
					     struct dhcp6_relay_dest *d)
{
	static uint8_t keep[DHCP6_MSG_MAX];
	uint8_t *b = dup_exact(p, len);
	enum dhcp6_relay_drop why = dhcp6_ldra_down(b, len, d);

	/* d points into b: keep a copy where the test can read it. */
	if (why == DHCP6_RELAY_OK) {
		memcpy(keep, b, len);
		d->msg = keep + (d->msg - b);
		if (d->has_interface_id)
			d->interface_id.p = keep + (d->interface_id.p - b);
	}
	free(b);
	return why;
}

/* RFC 6221 §6.2: the inner message to the client on 546, the port the
 * Interface-ID names. */
UT_CASE(ldra_down_to_client)
{
	struct dhcp6_relay_dest d;
	struct in6_addr peer = ip6("fe80::1");
	size_t n;

	n = ut_hex(in, "0d00" UNSPEC PEER IID_WLAN "00090020" ADVERTISE);
	UT_ASSERT(ldra_down_exact(in, n, &d) == DHCP6_RELAY_OK);
	UT_EXPECT(d.port == DHCP6_CLIENT_PORT);
	UT_EXPECT(!memcmp(&d.peer, &peer, 16));
	UT_EXPECT(d.len == 32 && d.msg[0] == DHCP6_ADVERTISE);
	UT_ASSERT(d.has_interface_id && d.interface_id.len == 5);
	UT_EXPECT(!memcmp(d.interface_id.p, "wlan1", 5));
	UT_EXPECT(d.depth == 1);
}

/* What an LDRA does not send down: no Interface-ID, a RELAY-REPL for
 * a relay below (none is trusted below an LDRA), a RELAY-FORW, a
 * client's message, an unusable peer; every truncation. */
UT_CASE(ldra_down_refused)
{
	struct dhcp6_relay_dest d;
	size_t n, k;

	n = ut_hex(in, "0d00" LINK PEER "00090020" ADVERTISE);
	UT_EXPECT(ldra_down_exact(in, n, &d) == DHCP6_RELAY_DROP_NO_IID);
	n = ut_hex(in, "0d00" UNSPEC PEER IID_WLAN "0009004b"
		   "0d00" UNSPEC PEER "0012000178" "00090020" ADVERTISE);
	UT_EXPECT(ldra_down_exact(in, n, &d) == DHCP6_RELAY_DROP_INNER);
	n = ut_hex(in, "0c00" UNSPEC PEER IID_WLAN "00090018" SOLICIT);
	UT_EXPECT(ldra_down_exact(in, n, &d) ==
		  DHCP6_RELAY_DROP_FORW_FROM_SERVER);
	n = ut_hex(in, "0d00" UNSPEC PEER IID_WLAN "00090018" SOLICIT);
	UT_EXPECT(ldra_down_exact(in, n, &d) == DHCP6_RELAY_DROP_INNER);
	n = ut_hex(in, "0d00" UNSPEC UNSPEC IID_WLAN "00090020" ADVERTISE);
	UT_EXPECT(ldra_down_exact(in, n, &d) == DHCP6_RELAY_DROP_PEER);
	n = ut_hex(in, "0d00" UNSPEC PEER IID_WLAN "00090020" ADVERTISE);
	for (k = 0; k < n; k++)
		UT_EXPECT(ldra_down_exact(in, k, &d) != DHCP6_RELAY_OK);
}

UT_CASE(drop_names)
{
	UT_EXPECT_STR(dhcp6_relay_drop_name(DHCP6_RELAY_DROP_NO_IID),
		      "no-interface-id");
	UT_EXPECT_STR(dhcp6_relay_drop_name(DHCP6_RELAY_DROP_REPL_UNTRUSTED),
		      "repl-on-client-port");
}

UT_MAIN("dhcp6_ldra",
	UT_ENTRY(ldra_up_client_exact),
	UT_ENTRY(ldra_up_no_lladdr),
	UT_ENTRY(ldra_up_refused),
	UT_ENTRY(relay_up_lladdr_first_only),
	UT_ENTRY(wire_lladdr_parse),
	UT_ENTRY(wire_lladdr_build),
	UT_ENTRY(wire_lladdr_every_truncation),
	UT_ENTRY(packet_client_mac),
	UT_ENTRY(ldra_down_to_client),
	UT_ENTRY(ldra_down_refused),
	UT_ENTRY(drop_names))
