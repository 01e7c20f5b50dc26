// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the packet classifier on packet vectors for every class, and on
 * every way of being malformed; the hooks' fast path,
 * apedge_classify_none(), on each of those vectors (it never takes one of
 * ours for none) and on the common frames it is there for.
 */
#include <kunit/test.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "../classify.h"

#define BUF 1024

/* Classify the first len bytes of pkt, starting with an EtherType proto. */
static void cls_run(struct kunit *test, const u8 *pkt, unsigned int len,
		    u16 proto, struct apedge_cls *cls)
{
	struct sk_buff *skb = alloc_skb(len + 1, GFP_KERNEL);
	bool none;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	none = apedge_classify_none(skb, htons(proto), 0);
	apedge_classify(skb, htons(proto), 0, cls);
	kfree_skb(skb);
	/* The fast path never takes one of ours, or a malformed frame. */
	if (none) {
		KUNIT_EXPECT_EQ(test, cls->class, APEDGE_CLS_OTHER);
		KUNIT_EXPECT_EQ(test, cls->reason, APEDGE_BAD_NONE);
	}
}

/* What the hooks' fast path says of the first len bytes of pkt. */
static bool cls_none(struct kunit *test, const u8 *pkt, unsigned int len,
		     u16 proto)
{
	struct sk_buff *skb = alloc_skb(len + 1, GFP_KERNEL);
	bool none;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	none = apedge_classify_none(skb, htons(proto), 0);
	kfree_skb(skb);
	return none;
}

/* IPv4 + UDP around a payload; returns the length. */
static unsigned int ip4_udp(u8 *b, u16 sport, u16 dport, const u8 *pl,
			    unsigned int plen, u16 frag)
{
	unsigned int tot = 20 + 8 + plen;

	memset(b, 0, 28);
	b[0] = 0x45;
	put_unaligned_be16(tot, b + 2);
	put_unaligned_be16(frag, b + 6);
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	put_unaligned_be16(sport, b + 20);
	put_unaligned_be16(dport, b + 22);
	put_unaligned_be16(8 + plen, b + 24);
	memcpy(b + 28, pl, plen);
	return tot;
}

/* A BOOTP message with the DHCP cookie and the given options. */
static unsigned int bootp(u8 *b, u8 op, const u8 *opts, unsigned int olen)
{
	memset(b, 0, 240);
	b[0] = op;
	b[1] = 1;
	b[2] = 6;
	put_unaligned_be32(0x63825363, b + 236);
	memcpy(b + 240, opts, olen);
	return 240 + olen;
}

/* An IPv6 header; the payload (already at b + 40) is plen bytes. */
static unsigned int ip6(u8 *b, u8 nexthdr, unsigned int plen)
{
	memset(b, 0, 40);
	b[0] = 0x60;
	put_unaligned_be16(plen, b + 4);
	b[6] = nexthdr;
	b[7] = 255;
	return 40 + plen;
}

struct cls_ctx {
	u8 *pkt;
	u8 *pl;
	struct apedge_cls cls;
};

static int cls_init(struct kunit *test)
{
	struct cls_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->pkt = kunit_kzalloc(test, BUF, GFP_KERNEL);
	c->pl = kunit_kzalloc(test, BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->pkt);
	KUNIT_ASSERT_NOT_NULL(test, c->pl);
	test->priv = c;
	return 0;
}

static void cls_expect(struct kunit *test, const struct apedge_cls *cls,
		       u8 klass, u8 type)
{
	KUNIT_EXPECT_EQ(test, cls->class, klass);
	KUNIT_EXPECT_EQ(test, cls->type, type);
}

static void cls_dhcpv4_types(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	unsigned int t, n, len;
	/* pad, a hostname option, then 53 */
	u8 opts[] = { 0, 0, 12, 3, 'a', 'p', 'e', 53, 1, 0, 255 };

	/* DISCOVER (1) to the newest, 18 (RFC 7724), and a future 42. */
	for (t = 1; t <= 19; t++) {
		opts[9] = t == 19 ? 42 : t;
		n = bootp(c->pl, t & 1 ? 1 : 2, opts, sizeof(opts));
		len = ip4_udp(c->pkt, 68, 67, c->pl, n, 0);
		cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
		cls_expect(test, &c->cls, APEDGE_CLS_DHCPV4, opts[9]);
		KUNIT_EXPECT_EQ(test, c->cls.op, t & 1 ? 1 : 2);
		KUNIT_EXPECT_EQ(test, c->cls.l4off, 20);
	}
	/* A server's OFFER, port 67 to 68. */
	opts[9] = 2;
	n = bootp(c->pl, 2, opts, sizeof(opts));
	len = ip4_udp(c->pkt, 67, 68, c->pl, n, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV4, 2);
}

static void cls_bootp(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 end[] = { 255 };
	unsigned int n, len;

	/* The cookie but no option 53: plain BOOTP, type 0. */
	n = bootp(c->pl, 1, end, sizeof(end));
	len = ip4_udp(c->pkt, 68, 67, c->pl, n, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV4, 0);
	/* No cookie at all. */
	c->pl[236] = 0;
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV4, 0);
}

static void cls_dhcpv4_malformed(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 overrun[] = { 12, 200, 'x' };
	static const u8 badlen[] = { 53, 2, 1, 1, 255 };
	static const u8 cut[] = { 12 };
	unsigned int n, len;

	/* Shorter than the fixed BOOTP header. */
	len = ip4_udp(c->pkt, 68, 67, c->pl, 200, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_DHCPV4);
	n = bootp(c->pl, 1, overrun, sizeof(overrun));
	len = ip4_udp(c->pkt, 68, 67, c->pl, n, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_MALFORMED, 0);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_DHCPV4);
	n = bootp(c->pl, 1, badlen, sizeof(badlen));
	len = ip4_udp(c->pkt, 68, 67, c->pl, n, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_DHCPV4);
	n = bootp(c->pl, 1, cut, sizeof(cut));
	len = ip4_udp(c->pkt, 68, 67, c->pl, n, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_DHCPV4);
}

static void cls_ip4(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 opts[] = { 53, 1, 2, 255 };
	unsigned int n, len;

	/* DNS and TCP are not ours. */
	len = ip4_udp(c->pkt, 1234, 53, c->pl, 20, 0);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	c->pkt[9] = IPPROTO_TCP;
	c->pkt[0] = 0x45;
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	/* Bad version, bad header length, a total length past the end. */
	len = ip4_udp(c->pkt, 68, 67, c->pl, 20, 0);
	c->pkt[0] = 0x65;
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_IP4);
	c->pkt[0] = 0x44;
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_IP4);
	c->pkt[0] = 0x45;
	put_unaligned_be16(len + 1, c->pkt + 2);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_IP4);
	/* UDP lengths: below the header, past the IP packet. */
	len = ip4_udp(c->pkt, 68, 67, c->pl, 20, 0);
	put_unaligned_be16(7, c->pkt + 24);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_UDP);
	put_unaligned_be16(29, c->pkt + 24);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_UDP);

	/* Fragments: the first is read, the others are not ours. */
	n = bootp(c->pl, 2, opts, sizeof(opts));
	len = ip4_udp(c->pkt, 67, 68, c->pl, n, IP_MF);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV4, 2);
	KUNIT_EXPECT_TRUE(test, c->cls.flags & APEDGE_CLSF_FRAG);
	len = ip4_udp(c->pkt, 67, 68, c->pl, n, 100);
	cls_run(test, c->pkt, len, ETH_P_IP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	KUNIT_EXPECT_TRUE(test, c->cls.flags & APEDGE_CLSF_FRAG);
}

/* UDP to or from a DHCPv6 port with a msg-type, over IPv6. */
static unsigned int dhcp6(u8 *b, u16 sport, u16 dport, u8 type)
{
	memset(b + 40, 0, 12);
	put_unaligned_be16(sport, b + 40);
	put_unaligned_be16(dport, b + 42);
	put_unaligned_be16(12, b + 44);
	b[48] = type;
	return ip6(b, IPPROTO_UDP, 12);
}

static void cls_dhcpv6_types(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	unsigned int t, len;

	/* SOLICIT (1) to the newest RFC 8415 types and beyond. */
	for (t = 1; t <= 40; t++) {
		len = dhcp6(c->pkt, t & 1 ? 546 : 547, t & 1 ? 547 : 546, t);
		cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
		cls_expect(test, &c->cls, APEDGE_CLS_DHCPV6, t);
		KUNIT_EXPECT_EQ(test, c->cls.l4off, 40);
	}
	/* RELAY-FORW and RELAY-REPL between relays: 547 to 547. */
	len = dhcp6(c->pkt, 547, 547, 12);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV6, 12);
	len = dhcp6(c->pkt, 547, 547, 13);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_DHCPV6, 13);
	/* No msg-type. */
	len = dhcp6(c->pkt, 547, 546, 7);
	put_unaligned_be16(8, c->pkt + 4);
	cls_run(test, c->pkt, len - 4, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_DHCPV6);
	/* Other UDP. */
	len = dhcp6(c->pkt, 5353, 5353, 7);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
}

/* ICMPv6 of a type, 8 bytes, at b + off; returns the payload length. */
static unsigned int icmp6(u8 *b, unsigned int off, u8 type)
{
	memset(b + off, 0, 8);
	b[off] = type;
	return 8;
}

static void cls_nd(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	unsigned int t, len;

	for (t = 133; t <= 137; t++) {
		len = ip6(c->pkt, IPPROTO_ICMPV6, icmp6(c->pkt, 40, t));
		cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
		cls_expect(test, &c->cls, APEDGE_CLS_ND, t);
		KUNIT_EXPECT_EQ(test, c->cls.flags, 0);
	}
	len = ip6(c->pkt, IPPROTO_ICMPV6, icmp6(c->pkt, 40, 128));
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	len = ip6(c->pkt, IPPROTO_TCP, 20);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	/* A truncated ICMPv6 header. */
	len = ip6(c->pkt, IPPROTO_ICMPV6, 2);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_ICMPV6);
	/* Bad version. */
	len = ip6(c->pkt, IPPROTO_ICMPV6, icmp6(c->pkt, 40, 134));
	c->pkt[0] = 0x40;
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_IP6);
}

/*
 * An RA behind a chain of extension headers, given as next-header values;
 * each options header is 8 bytes, a fragment header 8 with frag_off.
 */
static unsigned int ra_behind(u8 *b, const u8 *chain, unsigned int n,
			      u16 frag_off)
{
	unsigned int i, p = 40;

	for (i = 0; i < n; i++) {
		memset(b + p, 0, 8);
		b[p] = i + 1 < n ? chain[i + 1] : IPPROTO_ICMPV6;
		if (chain[i] == NEXTHDR_FRAGMENT)
			put_unaligned_be16(frag_off, b + p + 2);
		else if (chain[i] == NEXTHDR_AUTH)
			b[p + 1] = 0;	/* (0 + 2) * 4 = 8 bytes */
		p += 8;
	}
	p += icmp6(b, p, NDISC_ROUTER_ADVERTISEMENT);
	return ip6(b, n ? chain[0] : IPPROTO_ICMPV6, p - 40);
}

static void cls_exthdr(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 chain[] = { NEXTHDR_HOP, NEXTHDR_DEST, NEXTHDR_ROUTING,
				    NEXTHDR_AUTH, NEXTHDR_DEST };
	static const u8 frag[] = { NEXTHDR_FRAGMENT };
	static const u8 long8[APEDGE_EXTHDR_MAX] = {
		NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST,
		NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST };
	static const u8 long9[APEDGE_EXTHDR_MAX + 1] = {
		NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST,
		NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST, NEXTHDR_DEST,
		NEXTHDR_DEST };
	unsigned int len;

	len = ra_behind(c->pkt, chain, ARRAY_SIZE(chain), 0);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, c->cls.flags, APEDGE_CLSF_EXTHDR);
	KUNIT_EXPECT_EQ(test, c->cls.l4off, 40 + 8 * ARRAY_SIZE(chain));

	/* An atomic or first fragment is read through. */
	len = ra_behind(c->pkt, frag, 1, 0);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, c->cls.flags,
			APEDGE_CLSF_EXTHDR | APEDGE_CLSF_FRAG);
	/* A later fragment is not ours to read. */
	len = ra_behind(c->pkt, frag, 1, 8 << 3);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	KUNIT_EXPECT_TRUE(test, c->cls.flags & APEDGE_CLSF_FRAG);

	/* The bound: eight headers are walked, a ninth is too many. */
	len = ra_behind(c->pkt, long8, ARRAY_SIZE(long8), 0);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
	len = ra_behind(c->pkt, long9, ARRAY_SIZE(long9), 0);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_EXTHDR_LIMIT);

	/* A header whose length runs past the payload. */
	len = ra_behind(c->pkt, chain, ARRAY_SIZE(chain), 0);
	c->pkt[40 + 1] = 30;
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_EXTHDR);

	/* A first fragment whose chain ends before the upper layer. */
	len = ra_behind(c->pkt, (const u8[]){ NEXTHDR_FRAGMENT, NEXTHDR_DEST },
			2, 0);
	c->pkt[48 + 1] = 30;
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_FRAG_NOL4);
	len = ip6(c->pkt, NEXTHDR_FRAGMENT, 8);
	memset(c->pkt + 40, 0, 8);
	c->pkt[40] = IPPROTO_ICMPV6;
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_FRAG_NOL4);

	/* A jumbogram's zero payload length means "to the end". */
	len = ra_behind(c->pkt, chain, ARRAY_SIZE(chain), 0);
	put_unaligned_be16(0, c->pkt + 4);
	cls_run(test, c->pkt, len, ETH_P_IPV6, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
}

/* Every prefix of a frame that is ours is malformed, never misread. */
static void cls_truncated(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 chain[] = { NEXTHDR_HOP, NEXTHDR_FRAGMENT,
				    NEXTHDR_DEST };
	static const u8 opts[] = { 0, 53, 1, 2, 255 };
	unsigned int len, n, i;

	len = ra_behind(c->pkt, chain, ARRAY_SIZE(chain), 0);
	for (i = 0; i < len; i++) {
		cls_run(test, c->pkt, i, ETH_P_IPV6, &c->cls);
		KUNIT_EXPECT_EQ_MSG(test, c->cls.class, APEDGE_CLS_MALFORMED,
				    "RA cut at %u", i);
	}
	n = bootp(c->pl, 2, opts, sizeof(opts));
	len = ip4_udp(c->pkt, 67, 68, c->pl, n, 0);
	for (i = 0; i < len; i++) {
		cls_run(test, c->pkt, i, ETH_P_IP, &c->cls);
		KUNIT_EXPECT_EQ_MSG(test, c->cls.class, APEDGE_CLS_MALFORMED,
				    "OFFER cut at %u", i);
	}
}

static void cls_vlan(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	unsigned int len;
	u8 *b = c->pkt;

	/* 802.1ad outer, 802.1Q inner, then an RA. */
	put_unaligned_be16(10, b);
	put_unaligned_be16(ETH_P_8021Q, b + 2);
	put_unaligned_be16(20, b + 4);
	put_unaligned_be16(ETH_P_IPV6, b + 6);
	len = 8 + ip6(b + 8, IPPROTO_ICMPV6,
		      icmp6(b + 8, 40, NDISC_ROUTER_ADVERTISEMENT));
	cls_run(test, b, len, ETH_P_8021AD, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, c->cls.flags, APEDGE_CLSF_VLAN);
	KUNIT_EXPECT_EQ(test, c->cls.l3off, 8);
	/* One tag. */
	cls_run(test, b + 4, len - 4, ETH_P_8021Q, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_ND, NDISC_ROUTER_ADVERTISEMENT);
	/* A third tag is too many; a cut tag is malformed. */
	put_unaligned_be16(ETH_P_8021Q, b + 6);
	cls_run(test, b, len, ETH_P_8021AD, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_VLAN);
	cls_run(test, b, 3, ETH_P_8021Q, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_VLAN);
	/* Not IP at all: no read. */
	cls_run(test, b, len, ETH_P_ARP, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
}

/*
 * What the guard cannot see into is opaque, not malformed, until a strict
 * port says so (RFC 7610 section 5): unknown next headers, ESP, LLC/SNAP
 * framing, in-band tags.  Known upper layers stay none of ours.
 */
static void cls_opaque(struct kunit *test)
{
	static const u8 unknown[] = { 1, 200, NEXTHDR_MOBILITY, 253 };
	static const u8 known[] = { IPPROTO_TCP, NEXTHDR_NONE, IPPROTO_SCTP,
				    IPPROTO_GRE, IPPROTO_IPV6 };
	static const u8 snap_ip[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00,
				      0x45, 0 };
	struct cls_ctx *c = test->priv;
	struct apedge_cls strict;
	unsigned int len, i;
	u8 *b = c->pkt;

	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		len = ip6(b, unknown[i], 8);
		cls_run(test, b, len, ETH_P_IPV6, &c->cls);
		cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
		KUNIT_EXPECT_TRUE_MSG(test, c->cls.flags & APEDGE_CLSF_OPAQUE,
				      "next header %u", unknown[i]);
		KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_NEXTHDR);
		strict = c->cls;
		apedge_cls_strict(&strict);
		KUNIT_EXPECT_EQ(test, strict.class, APEDGE_CLS_MALFORMED);
		KUNIT_EXPECT_EQ(test, strict.reason, APEDGE_BAD_NEXTHDR);
		KUNIT_EXPECT_EQ(test, apedge_policy_class(&strict),
				APEDGE_POLICY_CLASS_MALFORMED);
	}
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		len = ip6(b, known[i], 8);
		cls_run(test, b, len, ETH_P_IPV6, &c->cls);
		strict = c->cls;
		apedge_cls_strict(&strict);
		KUNIT_EXPECT_EQ_MSG(test, strict.class, APEDGE_CLS_OTHER,
				    "next header %u", known[i]);
		KUNIT_EXPECT_EQ(test, strict.flags, 0);
	}
	/* ESP, first or behind a destination options header. */
	len = ip6(b, IPPROTO_ESP, 8);
	cls_run(test, b, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_ESP);
	memset(b + 40, 0, 16);
	b[40] = IPPROTO_ESP;
	len = ip6(b, NEXTHDR_DEST, 16);
	cls_run(test, b, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_TRUE(test, c->cls.flags & APEDGE_CLSF_OPAQUE);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_ESP);
	/* An unknown header behind a known one. */
	b[40] = 200;
	cls_run(test, b, len, ETH_P_IPV6, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_NEXTHDR);

	/* IPv4, IPv6, ARP and a tag in LLC/SNAP; other SNAP is not. */
	memcpy(b, snap_ip, sizeof(snap_ip));
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_TRUE(test, c->cls.flags & APEDGE_CLSF_OPAQUE);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_SNAP);
	put_unaligned_be16(ETH_P_ARP, b + 6);
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_SNAP);
	put_unaligned_be16(ETH_P_IPV6, b + 6);
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_SNAP);
	put_unaligned_be16(ETH_P_8021Q, b + 6);
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.reason, APEDGE_BAD_SNAP);
	put_unaligned_be16(0x809b, b + 6);	/* AppleTalk */
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.flags, 0);
	b[5] = 7;				/* not OUI 0 */
	put_unaligned_be16(ETH_P_IP, b + 6);
	cls_run(test, b, sizeof(snap_ip), ETH_P_802_2, &c->cls);
	KUNIT_EXPECT_EQ(test, c->cls.flags, 0);
	for (i = 0; i < 8; i++) {
		memcpy(b, snap_ip, sizeof(snap_ip));
		cls_run(test, b, i, ETH_P_802_2, &c->cls);
		KUNIT_EXPECT_EQ_MSG(test, c->cls.flags, 0, "cut at %u", i);
	}

	/* In-band tags: strict makes them malformed, whatever is behind. */
	put_unaligned_be16(10, b);
	put_unaligned_be16(ETH_P_IPV6, b + 2);
	len = 4 + ip6(b + 4, IPPROTO_TCP, 0);
	cls_run(test, b, len, ETH_P_8021Q, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	strict = c->cls;
	apedge_cls_strict(&strict);
	KUNIT_EXPECT_EQ(test, strict.class, APEDGE_CLS_MALFORMED);
	KUNIT_EXPECT_EQ(test, strict.reason, APEDGE_BAD_VLAN_TAG);
	/* Malformed already: its reason stays. */
	cls_run(test, b, 3, ETH_P_8021Q, &c->cls);
	strict = c->cls;
	apedge_cls_strict(&strict);
	KUNIT_EXPECT_EQ(test, strict.reason, APEDGE_BAD_VLAN);
}

/*
 * The fast path settles the common frames that are none of ours, and
 * leaves ours, anything odd and anything outside the linear area to
 * apedge_classify().
 */
static void cls_fast_path(struct kunit *test)
{
	struct cls_ctx *c = test->priv;
	static const u8 opts[] = { 53, 1, 1, 255 };
	struct sk_buff *skb;
	struct page *page;
	unsigned int len, n;
	u8 *b = c->pkt;

	/* IPv4: other UDP and TCP are none; DHCP either way is not. */
	len = ip4_udp(b, 4000, 9, c->pl, 258, 0);
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IP));
	b[9] = IPPROTO_TCP;
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IP));
	n = bootp(c->pl, 1, opts, sizeof(opts));
	len = ip4_udp(b, 68, 67, c->pl, n, 0);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IP));
	len = ip4_udp(b, 4000, 67, c->pl, n, 0);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IP));
	len = ip4_udp(b, 68, 4000, c->pl, n, 0);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IP));
	len = ip4_udp(b, 66, 69, c->pl, n, 0);
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IP));
	/* Options, and a total length past the end, go the long way. */
	len = ip4_udp(b, 4000, 9, c->pl, 258, 0);
	b[0] = 0x46;
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IP));
	b[0] = 0x45;
	put_unaligned_be16(len + 1, b + 2);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IP));

	/* IPv6: other UDP, TCP and ICMPv6 are none. */
	len = dhcp6(b, 5353, 5353, 7);
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IPV6));
	len = dhcp6(b, 545, 548, 7);
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IPV6));
	b[6] = IPPROTO_TCP;
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IPV6));
	len = ip6(b, IPPROTO_ICMPV6, icmp6(b, 40, ICMPV6_ECHO_REQUEST));
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, len, ETH_P_IPV6));
	/* DHCPv6 from either port to either, ND, extension headers. */
	len = dhcp6(b, 546, 4000, 1);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IPV6));
	len = dhcp6(b, 4000, 547, 1);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IPV6));
	for (n = NDISC_ROUTER_SOLICITATION; n <= NDISC_REDIRECT; n++) {
		len = ip6(b, IPPROTO_ICMPV6, icmp6(b, 40, n));
		KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IPV6));
	}
	len = ip6(b, NEXTHDR_HOP, 8);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IPV6));
	/* Other next headers (ESP, GRE, ...) are left to classify too. */
	len = ip6(b, IPPROTO_ESP, 8);
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_IPV6));

	/* ARP is none; a VLAN tag and 802.2 framing go the long way. */
	KUNIT_EXPECT_TRUE(test, cls_none(test, b, 28, ETH_P_ARP));
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_8021Q));
	KUNIT_EXPECT_FALSE(test, cls_none(test, b, len, ETH_P_802_2));

	/* Headers outside the linear area: not read, left to classify. */
	len = ip4_udp(b, 4000, 9, c->pl, 258, 0);
	skb = alloc_skb(0, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	page = alloc_page(GFP_KERNEL);
	if (!page)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, page);
	memcpy(page_address(page), b, len);
	skb_add_rx_frag(skb, 0, page, 0, len, PAGE_SIZE);
	KUNIT_EXPECT_FALSE(test, apedge_classify_none(skb, htons(ETH_P_IP), 0));
	apedge_classify(skb, htons(ETH_P_IP), 0, &c->cls);
	cls_expect(test, &c->cls, APEDGE_CLS_OTHER, 0);
	kfree_skb(skb);
}

static struct kunit_case apedge_classify_cases[] = {
	KUNIT_CASE(cls_dhcpv4_types),
	KUNIT_CASE(cls_bootp),
	KUNIT_CASE(cls_dhcpv4_malformed),
	KUNIT_CASE(cls_ip4),
	KUNIT_CASE(cls_dhcpv6_types),
	KUNIT_CASE(cls_nd),
	KUNIT_CASE(cls_exthdr),
	KUNIT_CASE(cls_truncated),
	KUNIT_CASE(cls_vlan),
	KUNIT_CASE(cls_opaque),
	KUNIT_CASE(cls_fast_path),
	{}
};

static struct kunit_suite apedge_classify_suite = {
	.name = "apedge_classify",
	.init = cls_init,
	.test_cases = apedge_classify_cases,
};

kunit_test_suite(apedge_classify_suite);
