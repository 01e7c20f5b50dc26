// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/frame.c, the LDRA's frames: two frames written out from RFC 8200
 * §3 and §8.1 and RFC 768, their checksums computed apart from this
 * code (a Python sum over the pseudo-header): the RELAY-FORW sent up
 * from the client's link-local address to ff02::1:2 (547 to 547, RFC
 * 6221 §6.2), the ADVERTISE sent down to the client (547 to 546); built
 * byte for byte, parsed back (as a punt: from the IPv6 header on), the
 * checksum checked, every truncation and each refusal.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/frame.h"
#include "ut.h"

#define UP_FRAME "33330001000202005e00530186dd60000000004f1101" \
	"fe800000000000000000000000000001ff020000000000000000000000010002" \
	"02230223004f52d6" \
	"0c0000000000000000000000000000000000fe80000000000000000000000000" \
	"000100120005776c616e310009001801abcdef0001000a000300010200000066" \
	"c1000800020000"
#define DOWN_FRAME "0200000066c102005e00530186dd60000000002811ff" \
	"fe800000000000000000000000000002fe800000000000000000000000000001" \
	"022302220028c2d8" \
	"02abcdef0001000a000300010200000066c10002000a00030001020000000001"

static const uint8_t ldra_mac[6] = { 0x02, 0, 0x5e, 0, 0x53, 0x01 };
static const uint8_t all_relays_mac[6] = { 0x33, 0x33, 0, 1, 0, 2 };
static const uint8_t client_mac[6] = { 0x02, 0, 0, 0, 0x66, 0xc1 };

static uint8_t want[2048], out[2048];

static struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

static void frame_up(const uint8_t **pl, size_t *len)
{
	size_t n = ut_hex(want, UP_FRAME);

	*pl = want + DHCP6_FRAME_HDRS;
	*len = n - DHCP6_FRAME_HDRS;
}

UT_CASE(build_up)
{
	struct dhcp6_udp6 u = { .sport = 547, .dport = 547, .hop_limit = 1 };
	size_t n, w;

	u.src = ip6("fe80::1");
	u.dst = ip6("ff02::1:2");
	frame_up(&u.payload, &u.len);
	w = u.len + DHCP6_FRAME_HDRS;
	n = dhcp6_udp6_build(out, sizeof(out), ldra_mac, all_relays_mac, &u);
	UT_ASSERT(n == w);
	UT_EXPECT(!memcmp(out, want, w));
	UT_EXPECT(!dhcp6_udp6_build(out, w - 1, ldra_mac, all_relays_mac,
				    &u));
}

UT_CASE(build_down_in_place)
{
	struct dhcp6_udp6 u = { .sport = 547, .dport = 546, .hop_limit = 255 };
	size_t w = ut_hex(want, DOWN_FRAME), n;

	u.src = ip6("fe80::2");
	u.dst = ip6("fe80::1");
	/* The payload already where it goes, as when unwrapped in place. */
	memcpy(out + DHCP6_FRAME_HDRS, want + DHCP6_FRAME_HDRS,
	       w - DHCP6_FRAME_HDRS);
	u.payload = out + DHCP6_FRAME_HDRS;
	u.len = w - DHCP6_FRAME_HDRS;
	n = dhcp6_udp6_build(out, sizeof(out), ldra_mac, client_mac, &u);
	UT_ASSERT(n == w);
	UT_EXPECT(!memcmp(out, want, w));
}

/* What the module punts: from the IPv6 header on. */
UT_CASE(parse_punt)
{
	struct dhcp6_udp6 u;
	struct in6_addr a = ip6("fe80::1"), b = ip6("ff02::1:2");
	size_t n = ut_hex(want, UP_FRAME) - DHCP6_ETH_HLEN, k;
	const uint8_t *p = want + DHCP6_ETH_HLEN;
	uint8_t *c;

	UT_ASSERT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_OK);
	UT_EXPECT(!memcmp(&u.src, &a, 16) && !memcmp(&u.dst, &b, 16));
	UT_EXPECT(u.sport == 547 && u.dport == 547 && u.hop_limit == 1);
	UT_EXPECT(u.payload == p + 48 && u.len == n - 48);
	UT_EXPECT(u.payload[0] == 12);
	UT_EXPECT(dhcp6_udp6_csum_ok(p, n));
	/* Ethernet padding past the payload length is not the payload. */
	memcpy(out, p, n);
	memset(out + n, 0, 6);
	UT_ASSERT(dhcp6_udp6_parse(out, n + 6, &u) == DHCP6_FRAME_OK);
	UT_EXPECT(u.len == n - 48);
	/* Every truncation, exact-size copies: refused, no read past. */
	for (k = 0; k < n; k++) {
		c = malloc(k ? k : 1);
		memcpy(c, p, k);
		UT_EXPECT(dhcp6_udp6_parse(c, k, &u) == DHCP6_FRAME_SHORT);
		UT_EXPECT(!dhcp6_udp6_csum_ok(c, k));
		free(c);
	}
}

UT_CASE(parse_refused)
{
	struct dhcp6_udp6 u;
	size_t n = ut_hex(want, DOWN_FRAME) - DHCP6_ETH_HLEN;
	uint8_t *p = out;

	memcpy(p, want + DHCP6_ETH_HLEN, n);
	UT_ASSERT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_OK);
	UT_EXPECT(dhcp6_udp6_csum_ok(p, n));
	p[47]++;				/* checksum off by one */
	UT_EXPECT(!dhcp6_udp6_csum_ok(p, n));
	p[46] = p[47] = 0;			/* none: IPv6 refuses it */
	UT_EXPECT(!dhcp6_udp6_csum_ok(p, n));
	memcpy(p, want + DHCP6_ETH_HLEN, n);
	p[0] = 0x45;
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_VERSION);
	p[0] = 0x60;
	p[6] = 0;				/* hop-by-hop options */
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_NOT_UDP);
	p[6] = 17;
	p[45] = 7;				/* UDP length under 8 */
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_UDP_LEN);
	p[45] = 0x29;				/* past the payload */
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_UDP_LEN);
	p[45] = 0x28;
	p[5] = 0x29;				/* payload length past the punt */
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_SHORT);
	p[4] = 0;
	p[5] = 4;				/* no room for UDP */
	UT_EXPECT(dhcp6_udp6_parse(p, n, &u) == DHCP6_FRAME_SHORT);
	UT_EXPECT_STR(dhcp6_frame_err_name(DHCP6_FRAME_NOT_UDP), "not-udp");
	UT_EXPECT_STR(dhcp6_frame_err_name(DHCP6_FRAME_ERR_MAX), "?");
}

UT_MAIN("dhcp6_frame",
	UT_ENTRY(build_up),
	UT_ENTRY(build_down_in_place),
	UT_ENTRY(parse_punt),
	UT_ENTRY(parse_refused))
