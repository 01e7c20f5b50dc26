// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the source guard's decision (apedge_sg_check()) on received
 * frames against a binding table: bound, unbound, wrong MAC, wrong port
 * and expired sources; the exemptions (0.0.0.0 and DHCP clients, ARP
 * probes, IPv6 unspecified and link-local sources); ARP sender and
 * Neighbor Advertisement target claims; VLAN-tagged frames; an IPv6
 * header outside the skb's linear area.  The link-local guard (RFC 6620):
 * link-local sources and targets bound elsewhere, the claims a DAD probe
 * and Neighbor Discovery ask for, link-layer address options that are
 * not the frame's source, routers learnt on trusted ports.  And the
 * decision on frames leaving a port (apedge_guard_egress()): the host's
 * own pass, frames forwarded between stations are judged as received.
 */
#include <kunit/test.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "../apedge.h"

#define BUF	512
/* The port the frames arrive on, and another. */
#define IFX	7
#define IFY	8

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x0b };
static const u8 mac_ap[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x01 };

/* 192.0.2.10 and 192.0.2.11 */
static const u8 ip4_a[4] = { 192, 0, 2, 10 };
static const u8 ip4_b[4] = { 192, 0, 2, 11 };
/* 2001:db8::a, 2001:db8::b and fe80::a */
static const u8 ip6_a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x0a };
static const u8 ip6_b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x0b };
static const u8 ip6_ll[16] = { 0xfe, 0x80, [15] = 0x0a };

struct sg_ctx {
	struct apedge_bindings *bt;
	u8 *pkt;
	/* The claim of the last decision. */
	struct apedge_learn learn;
	/* The next decision is a trusted port's (apedge_ll_trusted()). */
	bool trusted;
};

static int sg_init(struct kunit *test)
{
	struct sg_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->bt = kunit_kzalloc(test, sizeof(*c->bt), GFP_KERNEL);
	c->pkt = kunit_kzalloc(test, BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->bt);
	KUNIT_ASSERT_NOT_NULL(test, c->pkt);
	KUNIT_ASSERT_EQ(test, apedge_bindings_init(c->bt), 0);
	test->priv = c;
	return 0;
}

static void sg_exit(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	apedge_bindings_destroy(c->bt);
}

/* Bind addr statically to mac on ifindex for lifetime seconds (0: ever). */
static void sg_bind(struct kunit *test, u8 family, const u8 *addr,
		    const u8 *mac, int ifindex, u32 lifetime)
{
	struct sg_ctx *c = test->priv;
	struct apedge_bkey key;

	apedge_bkey_init(&key, family, addr);
	KUNIT_ASSERT_EQ(test, apedge_binding_set(c->bt, &key, mac, ifindex,
						 lifetime,
						 APEDGE_BINDING_ORIGIN_STATIC,
						 NULL), 0);
}

/* The guard's decision on skb, its MAC header set, received on IFX. */
static enum apedge_sg sg_skb(struct kunit *test, struct sk_buff *skb,
			     u64 now)
{
	struct sg_ctx *c = test->priv;
	struct apedge_cls cls;
	enum apedge_sg r;

	/* As at the ingress hook: data at the header after the MAC's. */
	skb->protocol = eth_hdr(skb)->h_proto;
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	apedge_classify(skb, skb->protocol, 0, &cls);
	memset(&c->learn, 0, sizeof(c->learn));
	rcu_read_lock();
	if (c->trusted) {
		apedge_ll_trusted(c->bt, IFX, skb, &cls,
				  apedge_policy_class(&cls), now, &c->learn);
		r = APEDGE_SG_PASS;
	} else {
		r = apedge_sg_check(c->bt, IFX, skb, &cls,
				    apedge_policy_class(&cls), now, &c->learn);
	}
	rcu_read_unlock();
	kfree_skb(skb);
	return r;
}

/* The decision on the first len bytes of c->pkt, an Ethernet frame. */
static enum apedge_sg sg_run_at(struct kunit *test, unsigned int len, u64 now)
{
	struct sg_ctx *c = test->priv;
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, c->pkt, len);
	skb_reset_mac_header(skb);
	return sg_skb(test, skb, now);
}

static enum apedge_sg sg_run(struct kunit *test, unsigned int len)
{
	return sg_run_at(test, len, get_jiffies_64());
}

/* An Ethernet header from src; returns its length. */
static unsigned int eth(u8 *b, const u8 *src, u16 proto)
{
	memcpy(b, mac_ap, ETH_ALEN);
	memcpy(b + ETH_ALEN, src, ETH_ALEN);
	put_unaligned_be16(proto, b + 2 * ETH_ALEN);
	return ETH_HLEN;
}

/* IPv4 + UDP from saddr, ports sport to dport, around plen bytes of pl. */
static unsigned int ip4_udp(u8 *b, const u8 *saddr, u16 sport, u16 dport,
			    const u8 *pl, unsigned int plen)
{
	unsigned int tot = 20 + 8 + plen;

	memset(b, 0, 28);
	b[0] = 0x45;
	put_unaligned_be16(tot, b + 2);
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	memcpy(b + 12, saddr, 4);
	memset(b + 16, 0xff, 4);
	put_unaligned_be16(sport, b + 20);
	put_unaligned_be16(dport, b + 22);
	put_unaligned_be16(8 + plen, b + 24);
	if (plen)
		memcpy(b + 28, pl, plen);
	return tot;
}

/* An untagged IPv4 UDP datagram (not DHCP) from mac and saddr. */
static unsigned int frame4(u8 *b, const u8 *mac, const u8 *saddr)
{
	unsigned int n = eth(b, mac, ETH_P_IP);

	return n + ip4_udp(b + n, saddr, 5000, 5001, NULL, 0);
}

/* A DHCPv4 client message of type t from mac and saddr to dport. */
static unsigned int frame_dhcp4(u8 *b, const u8 *mac, const u8 *saddr, u8 t,
				u16 dport)
{
	u8 pl[244] = { 1, 1, ETH_ALEN };
	unsigned int n = eth(b, mac, ETH_P_IP);

	memcpy(pl + 28, mac, ETH_ALEN);
	put_unaligned_be32(0x63825363, pl + 236);
	pl[240] = 53;
	pl[241] = 1;
	pl[242] = t;
	pl[243] = 255;
	return n + ip4_udp(b + n, saddr, 68, dport, pl, sizeof(pl));
}

/* An ARP request from mac whose sender is sha, spa; hardware type hrd. */
static unsigned int frame_arp(u8 *b, const u8 *mac, u16 hrd, const u8 *sha,
			      const u8 *spa)
{
	unsigned int n = eth(b, mac, ETH_P_ARP);
	u8 *a = b + n;

	memset(a, 0, 28);
	put_unaligned_be16(hrd, a);
	put_unaligned_be16(ETH_P_IP, a + 2);
	a[4] = ETH_ALEN;
	a[5] = 4;
	put_unaligned_be16(ARPOP_REQUEST, a + 6);
	memcpy(a + 8, sha, ETH_ALEN);
	memcpy(a + 14, spa, 4);
	memcpy(a + 24, ip4_b, 4);
	return n + 28;
}

/* An IPv6 header from saddr before plen bytes of nexthdr; 40. */
static unsigned int ip6(u8 *b, const u8 *saddr, u8 nexthdr,
			unsigned int plen)
{
	memset(b, 0, 40);
	b[0] = 0x60;
	put_unaligned_be16(plen, b + 4);
	b[6] = nexthdr;
	b[7] = 255;
	memcpy(b + 8, saddr, 16);
	b[24] = 0xff;
	b[25] = 0x02;
	b[39] = 1;
	return 40;
}

/* An IPv6 packet without payload (no next header) from mac and saddr. */
static unsigned int frame6(u8 *b, const u8 *mac, const u8 *saddr)
{
	unsigned int n = eth(b, mac, ETH_P_IPV6);

	return n + ip6(b + n, saddr, NEXTHDR_NONE, 0);
}

/* A Neighbor Advertisement from mac and saddr for target. */
static unsigned int frame_na(u8 *b, const u8 *mac, const u8 *saddr,
			     const u8 *target)
{
	unsigned int n = eth(b, mac, ETH_P_IPV6);
	u8 *icmp;

	n += ip6(b + n, saddr, IPPROTO_ICMPV6, 24);
	icmp = b + n;
	memset(icmp, 0, 24);
	icmp[0] = NDISC_NEIGHBOUR_ADVERTISEMENT;
	icmp[4] = 0x20;		/* override */
	memcpy(icmp + 8, target, 16);
	return n + 24;
}

/* An ND message of type with target (none for an RS), then opts. */
static unsigned int frame_nd(u8 *b, const u8 *mac, const u8 *saddr, u8 type,
			     const u8 *target, const u8 *opts,
			     unsigned int olen)
{
	unsigned int n = eth(b, mac, ETH_P_IPV6);
	unsigned int fixed = target ? 24 : 8;
	u8 *icmp;

	n += ip6(b + n, saddr, IPPROTO_ICMPV6, fixed + olen);
	icmp = b + n;
	memset(icmp, 0, fixed);
	icmp[0] = type;
	if (type == NDISC_NEIGHBOUR_ADVERTISEMENT)
		icmp[4] = 0x20;
	if (target)
		memcpy(icmp + 8, target, 16);
	memcpy(icmp + fixed, opts, olen);
	return n + fixed + olen;
}

/* A link-layer address option of type (1 source, 2 target) for mac. */
static void lla(u8 *o, u8 type, const u8 *mac)
{
	o[0] = type;
	o[1] = 1;
	memcpy(o + 2, mac, ETH_ALEN);
}

/* Claim addr for mac on ifindex as the snoop work does. */
static void sg_claim(struct kunit *test, const u8 *addr, const u8 *mac,
		     int ifindex, u8 op)
{
	struct sg_ctx *c = test->priv;
	struct apedge_bkey key;

	apedge_bkey_init(&key, AF_INET6, addr);
	apedge_binding_claim(c->bt, &key, mac, ifindex, op);
}

static void sg_bound_passes(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 600);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_a)),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_a)),
			APEDGE_SG_PASS);
}

static void sg_unbound_drops(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	/* An empty table, then another address bound. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_a)),
			APEDGE_SG_DROP_IPV4);
	sg_bind(test, AF_INET, ip4_b, mac_a, IFX, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_a)),
			APEDGE_SG_DROP_IPV4);
	/* The table answers per address: the bound one passes. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_b)),
			APEDGE_SG_PASS);
}

static void sg_wrong_mac_drops(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_b, ip4_a)),
			APEDGE_SG_DROP_IPV4);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_b, ip6_a)),
			APEDGE_SG_DROP_IPV6);
}

static void sg_wrong_port_drops(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFY, 0);
	sg_bind(test, AF_INET6, ip6_a, mac_a, IFY, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_a)),
			APEDGE_SG_DROP_IPV4);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_a)),
			APEDGE_SG_DROP_IPV6);
}

static void sg_expired_drops(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	u64 now = get_jiffies_64();
	unsigned int len;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 10);
	len = frame4(c->pkt, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, now), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, now + 9 * HZ),
			APEDGE_SG_PASS);
	/* Expired at 10 s after it was made, which was not before now. */
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, now + 11 * HZ),
			APEDGE_SG_DROP_IPV4);
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, now + 3600 * HZ),
			APEDGE_SG_DROP_IPV4);
}

/* Offsets in frame_dhcp4()'s frame: IPv4 daddr, ciaddr, chaddr. */
#define F4_DADDR	(ETH_HLEN + 16)
#define F4_CIADDR	(ETH_HLEN + 28 + 12)
#define F4_CHADDR	(ETH_HLEN + 28 + 28)

/*
 * Only a client without an address is exempt: from 0.0.0.0 to the
 * broadcast (or unicast, to a relay), from port 68 to 67, its chaddr the
 * frame's source and ciaddr 0.
 */
static void sg_dhcp_client_passes(struct kunit *test)
{
	static const u8 zero[4];
	static const u8 relay[4] = { 192, 0, 2, 1 };
	static const u8 mcast[4] = { 224, 0, 0, 1 };
	struct sg_ctx *c = test->priv;
	unsigned int len;

	/* DISCOVER from 0.0.0.0 to the broadcast, nothing bound. */
	len = frame_dhcp4(c->pkt, mac_a, zero, 1, 67);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* To a relay's unicast address. */
	memcpy(c->pkt + F4_DADDR, relay, 4);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* To a multicast group: no. */
	memcpy(c->pkt + F4_DADDR, mcast, 4);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV4);
	/* chaddr another station's. */
	len = frame_dhcp4(c->pkt, mac_a, zero, 3, 67);
	memcpy(c->pkt + F4_CHADDR, mac_b, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV4);
	/* ciaddr set. */
	len = frame_dhcp4(c->pkt, mac_a, zero, 3, 67);
	memcpy(c->pkt + F4_CIADDR, ip4_a, 4);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV4);
	/* From 0.0.0.0 and port 68, but not to a server. */
	len = frame_dhcp4(c->pkt, mac_a, zero, 3, 53);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV4);
	/* A renewing REQUEST from an unbound address: no exemption. */
	len = frame_dhcp4(c->pkt, mac_a, ip4_a, 3, 67);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV4);
	/* Bound, it passes as any other packet from its address. */
	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* Other traffic from 0.0.0.0 passes (documented). */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, zero)),
			APEDGE_SG_PASS);
	/* Not DHCP, from an unbound source. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame4(c->pkt, mac_a, ip4_b)),
			APEDGE_SG_DROP_IPV4);
}

/* A DHCPv6 SOLICIT from mac and saddr, port 546 to dport. */
static unsigned int frame_dhcp6(u8 *b, const u8 *mac, const u8 *saddr,
				u16 dport)
{
	unsigned int n = eth(b, mac, ETH_P_IPV6);
	u8 *u;

	n += ip6(b + n, saddr, IPPROTO_UDP, 12);
	u = b + n;
	memset(u, 0, 12);
	put_unaligned_be16(546, u);
	put_unaligned_be16(dport, u + 2);
	put_unaligned_be16(12, u + 4);
	u[8] = 1;		/* SOLICIT */
	return n + 12;
}

/* DHCPv6 clients send from link-local: no exemption beyond that. */
static void sg_dhcp6_client_passes(struct kunit *test)
{
	static const u8 ll[16] = { 0xfe, 0x80, [15] = 0x0a };
	struct sg_ctx *c = test->priv;
	unsigned int len;

	/* To the servers' port, from an unbound global source. */
	len = frame_dhcp6(c->pkt, mac_a, ip6_a, 547);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV6);
	len = frame_dhcp6(c->pkt, mac_a, ip6_a, 53);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_IPV6);
	/* From link-local, as clients send. */
	len = frame_dhcp6(c->pkt, mac_a, ll, 547);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* Bound. */
	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 0);
	len = frame_dhcp6(c->pkt, mac_a, ip6_a, 547);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
}

static void sg_arp(struct kunit *test)
{
	static const u8 zero[4];
	struct sg_ctx *c = test->priv;
	unsigned int len;

	/* A probe: the sender has no address yet. */
	len = frame_arp(c->pkt, mac_a, ARPHRD_ETHER, mac_a, zero);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* An unbound sender. */
	len = frame_arp(c->pkt, mac_a, ARPHRD_ETHER, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ARP);
	/* The same with hardware type IEEE 802, which Linux also takes. */
	len = frame_arp(c->pkt, mac_a, ARPHRD_IEEE802, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ARP);

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	len = frame_arp(c->pkt, mac_a, ARPHRD_ETHER, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	len = frame_arp(c->pkt, mac_a, ARPHRD_IEEE802, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
}

static void sg_arp_sender_mac_drops(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	sg_bind(test, AF_INET, ip4_b, mac_b, IFX, 0);
	/* From b, claiming a's address for a's MAC: not its own frame. */
	len = frame_arp(c->pkt, mac_b, ARPHRD_ETHER, mac_a, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ARP);
	/* From a, but naming b's MAC as the sender of a's address. */
	len = frame_arp(c->pkt, mac_a, ARPHRD_ETHER, mac_b, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ARP);
	/* From b, claiming a's address for its own MAC. */
	len = frame_arp(c->pkt, mac_b, ARPHRD_ETHER, mac_b, ip4_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ARP);
}

static void sg_ip6_exempt(struct kunit *test)
{
	static const u8 any[16];
	struct sg_ctx *c = test->priv;

	/* Nothing bound: link-local and unspecified sources pass. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_ll)),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_b, any)),
			APEDGE_SG_PASS);
}

static void sg_ip6_global_unbound_drops(struct kunit *test)
{
	static const u8 mcast[16] = { 0xff, 0x02, [15] = 1 };
	struct sg_ctx *c = test->priv;

	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_a)),
			APEDGE_SG_DROP_IPV6);
	sg_bind(test, AF_INET6, ip6_b, mac_a, IFX, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_a)),
			APEDGE_SG_DROP_IPV6);
	/* A multicast source is never bound. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, mcast)),
			APEDGE_SG_DROP_IPV6);
}

static void sg_na_target(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;

	/* From a link-local source, for an unbound global target. */
	len = frame_na(c->pkt, mac_a, ip6_ll, ip6_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ND);
	/* For a link-local target. */
	len = frame_na(c->pkt, mac_a, ip6_ll, ip6_ll);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);

	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 0);
	sg_bind(test, AF_INET6, ip6_b, mac_b, IFX, 0);
	len = frame_na(c->pkt, mac_a, ip6_ll, ip6_a);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	/* From its own bound source, for another station's target. */
	len = frame_na(c->pkt, mac_a, ip6_a, ip6_b);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ND);
	/* b's target from a's MAC. */
	len = frame_na(c->pkt, mac_a, ip6_ll, ip6_b);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_ND);
}

/*
 * Bindings carry no VLAN: a tagged frame is judged by the addresses
 * behind its tags and its source MAC, whatever the VLAN.
 */
static void sg_vlan(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int n;
	u8 *b = c->pkt;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	/* 802.1Q, VLAN 10. */
	n = eth(b, mac_a, ETH_P_8021Q);
	put_unaligned_be16(10, b + n);
	put_unaligned_be16(ETH_P_IP, b + n + 2);
	n += 4;
	n += ip4_udp(b + n, ip4_a, 5000, 5001, NULL, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, n), APEDGE_SG_PASS);
	/* The same from b's MAC. */
	memcpy(b + ETH_ALEN, mac_b, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, sg_run(test, n), APEDGE_SG_DROP_IPV4);

	/* 802.1ad outer, 802.1Q inner, from an unbound source. */
	n = eth(b, mac_a, ETH_P_8021AD);
	put_unaligned_be16(100, b + n);
	put_unaligned_be16(ETH_P_8021Q, b + n + 2);
	put_unaligned_be16(10, b + n + 4);
	put_unaligned_be16(ETH_P_IP, b + n + 6);
	n += 8;
	n += ip4_udp(b + n, ip4_b, 5000, 5001, NULL, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, n), APEDGE_SG_DROP_IPV4);
	/* Bound, double-tagged. */
	memcpy(b + n - 28 + 12, ip4_a, 4);
	KUNIT_EXPECT_EQ(test, sg_run(test, n), APEDGE_SG_PASS);
}

/* The IPv6 header in a page fragment: read whole, still judged. */
static void sg_ip6_nonlinear(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	struct sk_buff *skb;
	struct page *page;
	unsigned int len;

	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 0);
	len = frame6(c->pkt, mac_a, ip6_b);

	for (int i = 0; i < 2; i++) {
		skb = alloc_skb(ETH_HLEN, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		page = alloc_page(GFP_KERNEL);
		if (!page)
			kfree_skb(skb);
		KUNIT_ASSERT_NOT_NULL(test, page);
		skb_put_data(skb, c->pkt, ETH_HLEN);
		skb_reset_mac_header(skb);
		memcpy(page_address(page), c->pkt + ETH_HLEN, len - ETH_HLEN);
		skb_add_rx_frag(skb, 0, page, 0, len - ETH_HLEN, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, sg_skb(test, skb, get_jiffies_64()),
				i ? APEDGE_SG_PASS : APEDGE_SG_DROP_IPV6);
		len = frame6(c->pkt, mac_a, ip6_a);
	}
}

/* The decision on c->pkt leaving an untrusted port IFX, which way dir. */
static bool eg_run(struct kunit *test, unsigned int len, bool sg, u8 dir,
		   struct apedge_decision *d)
{
	struct sg_ctx *c = test->priv;
	struct apedge_guard g = { .ifindex = IFX, .bt = c->bt };
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	bool act;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	apedge_guard_policy(&g, APEDGE_PORT_ROLE_UNTRUSTED);
	g.source_guard = sg;
	/* As at the egress hook: data at the Ethernet header. */
	skb_put_data(skb, c->pkt, len);
	skb_reset_mac_header(skb);
	memset(d, 0, sizeof(*d));
	rcu_read_lock();
	act = apedge_guard_egress(&g, skb, dir, d);
	/* The fast path leaves no such frame alone with the guard on. */
	if (sg)
		KUNIT_EXPECT_FALSE(test, apedge_guard_egress_none(&g, skb));
	rcu_read_unlock();
	kfree_skb(skb);
	return act;
}

/* A DHCPv4 OFFER from mac and saddr, 67 to 68. */
static unsigned int frame_offer(u8 *b, const u8 *mac, const u8 *saddr)
{
	u8 pl[244] = { 2, 1, ETH_ALEN };
	unsigned int n = eth(b, mac, ETH_P_IP);

	memcpy(pl + 28, mac_b, ETH_ALEN);
	put_unaligned_be32(0x63825363, pl + 236);
	pl[240] = 53;
	pl[241] = 1;
	pl[242] = 2;
	pl[243] = 255;
	return n + ip4_udp(b + n, saddr, 67, 68, pl, sizeof(pl));
}

/* A Router Advertisement from mac and fe80::a, without options. */
static unsigned int frame_ra(u8 *b, const u8 *mac)
{
	unsigned int n = eth(b, mac, ETH_P_IPV6);
	u8 *icmp;

	n += ip6(b + n, ip6_ll, IPPROTO_ICMPV6, 16);
	icmp = b + n;
	memset(icmp, 0, 16);
	icmp[0] = NDISC_ROUTER_ADVERTISEMENT;
	icmp[4] = 64;
	put_unaligned_be16(1800, icmp + 6);
	return n + 16;
}

/* A station's rogue server messages: passed leaving, dropped forwarded. */
static void eg_forward_verdict(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	struct apedge_decision d;
	unsigned int len;
	int sg;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	for (sg = 0; sg < 2; sg++) {
		len = frame_offer(c->pkt, mac_a, ip4_a);
		KUNIT_EXPECT_TRUE(test, eg_run(test, len, sg,
					       APEDGE_DIRECTION_EGRESS, &d));
		KUNIT_EXPECT_EQ(test, d.pclass,
				APEDGE_POLICY_CLASS_DHCPV4_SERVER);
		KUNIT_EXPECT_EQ(test, d.verdict, APEDGE_VERDICT_PASS);
		KUNIT_EXPECT_TRUE(test, eg_run(test, len, sg,
					       APEDGE_DIRECTION_FORWARD, &d));
		KUNIT_EXPECT_EQ(test, d.sg, APEDGE_SG_PASS);
		KUNIT_EXPECT_EQ(test, d.pclass,
				APEDGE_POLICY_CLASS_DHCPV4_SERVER);
		KUNIT_EXPECT_EQ(test, d.verdict, APEDGE_VERDICT_DROP);

		len = frame_ra(c->pkt, mac_a);
		KUNIT_EXPECT_TRUE(test, eg_run(test, len, sg,
					       APEDGE_DIRECTION_EGRESS, &d));
		KUNIT_EXPECT_EQ(test, d.pclass, APEDGE_POLICY_CLASS_ND_RA);
		KUNIT_EXPECT_EQ(test, d.verdict, APEDGE_VERDICT_PASS);
		KUNIT_EXPECT_TRUE(test, eg_run(test, len, sg,
					       APEDGE_DIRECTION_FORWARD, &d));
		KUNIT_EXPECT_EQ(test, d.pclass, APEDGE_POLICY_CLASS_ND_RA);
		KUNIT_EXPECT_EQ(test, d.verdict, APEDGE_VERDICT_DROP);
	}
}

/* The source guard judges forwarded frames, not the host's own. */
static void eg_forward_source_guard(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	struct apedge_decision d;
	unsigned int len;

	sg_bind(test, AF_INET, ip4_a, mac_a, IFX, 0);
	sg_bind(test, AF_INET6, ip6_a, mac_a, IFX, 0);
	/* Bound: nothing to act on, either way. */
	len = frame4(c->pkt, mac_a, ip4_a);
	KUNIT_EXPECT_FALSE(test, eg_run(test, len, true,
					APEDGE_DIRECTION_FORWARD, &d));
	len = frame6(c->pkt, mac_a, ip6_a);
	KUNIT_EXPECT_FALSE(test, eg_run(test, len, true,
					APEDGE_DIRECTION_FORWARD, &d));
	/* Station A sends as B. */
	len = frame4(c->pkt, mac_a, ip4_b);
	KUNIT_EXPECT_FALSE(test, eg_run(test, len, true,
					APEDGE_DIRECTION_EGRESS, &d));
	KUNIT_EXPECT_TRUE(test, eg_run(test, len, true,
				       APEDGE_DIRECTION_FORWARD, &d));
	KUNIT_EXPECT_EQ(test, d.sg, APEDGE_SG_DROP_IPV4);
	/* The source guard off: the same frame passes. */
	KUNIT_EXPECT_FALSE(test, eg_run(test, len, false,
					APEDGE_DIRECTION_FORWARD, &d));
	len = frame6(c->pkt, mac_a, ip6_b);
	KUNIT_EXPECT_FALSE(test, eg_run(test, len, true,
					APEDGE_DIRECTION_EGRESS, &d));
	KUNIT_EXPECT_TRUE(test, eg_run(test, len, true,
				       APEDGE_DIRECTION_FORWARD, &d));
	KUNIT_EXPECT_EQ(test, d.sg, APEDGE_SG_DROP_IPV6);
}

/* fe80::b, a second link-local address; fe80::1, a router's. */
static const u8 ip6_ll_b[16] = { 0xfe, 0x80, [15] = 0x0b };
static const u8 ip6_ll_r[16] = { 0xfe, 0x80, [15] = 0x01 };
static const u8 ip6_ll_c[16] = { 0xfe, 0x80, [15] = 0x0c };
static const u8 ip6_any[16];

/* A link-local source bound to another MAC or port is dropped. */
static void ll_source(struct kunit *test)
{
	struct sg_ctx *c = test->priv;

	sg_claim(test, ip6_ll, mac_a, IFX, APEDGE_SNOOP_LL);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_ll)),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_b, ip6_ll)),
			APEDGE_SG_DROP_LL);
	sg_claim(test, ip6_ll_b, mac_b, IFY, APEDGE_SNOOP_LL);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_b, ip6_ll_b)),
			APEDGE_SG_DROP_LL);
	/* A router's, learnt on a trusted port. */
	sg_claim(test, ip6_ll_r, mac_ap, IFY, APEDGE_SNOOP_ROUTER);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_ap, ip6_ll_r)),
			APEDGE_SG_DROP_LL);
	/* a's frame from b's address. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_ll_b)),
			APEDGE_SG_DROP_LL);
	/* Unbound: passes, and only ND claims it. */
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_b, ip6_ll_c)),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, frame6(c->pkt, mac_a, ip6_any)),
			APEDGE_SG_PASS);
}

/* ND from an unbound link-local source claims it; a bound one does not. */
static void ll_nd_claims(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;
	u8 o[8];

	lla(o, 1, mac_a);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_ROUTER_SOLICITATION,
		       NULL, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL);
	KUNIT_EXPECT_EQ(test, memcmp(c->learn.addr, ip6_ll, 16), 0);

	sg_claim(test, ip6_ll, mac_a, IFX, APEDGE_SNOOP_LL);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	/* Due for a refresh: asks again. */
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, get_jiffies_64() +
					(APEDGE_LL_REFRESH_SECS + 1) * HZ),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL);
	/* Expired: anyone's again. */
	lla(o, 1, mac_b);
	len = frame_nd(c->pkt, mac_b, ip6_ll, NDISC_ROUTER_SOLICITATION,
		       NULL, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LL);
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, get_jiffies_64() +
					(APEDGE_LL_LIFETIME_SECS + 1) * HZ),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL);
}

/* NA targets: a link-local one bound elsewhere is dropped. */
static void ll_na_target(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;
	u8 o[8];

	sg_claim(test, ip6_ll, mac_a, IFX, APEDGE_SNOOP_LL);
	sg_claim(test, ip6_ll_r, mac_ap, IFY, APEDGE_SNOOP_ROUTER);
	/* b, from its own unbound fe80::b, advertises a's and the router's. */
	lla(o, 2, mac_b);
	len = frame_nd(c->pkt, mac_b, ip6_ll_b, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LL);
	len = frame_nd(c->pkt, mac_b, ip6_ll_b, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll_r, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LL);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	/* Its own: passes, and claims its source. */
	len = frame_nd(c->pkt, mac_b, ip6_ll_b, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll_b, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL);
	/* a's own, from a. */
	lla(o, 2, mac_a);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
}

/* Source and target link-layer address options must be the frame's. */
static void ll_lla_options(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len, i;
	u8 o[8 * (APEDGE_ND_OPTS_MAX + 1)];

	/* NS and RS: the source's; NA: the target's. */
	lla(o, 1, mac_b);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 8);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_ROUTER_SOLICITATION,
		       NULL, o, 8);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	lla(o, 2, mac_b);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll, o, 8);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	/* A TLLA in an NS is none of the guard's business. */
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 8);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);

	/* After another option (a nonce); only the first counts. */
	memset(o, 0, sizeof(o));
	o[0] = 14;
	o[1] = 1;
	lla(o + 8, 1, mac_b);
	lla(o + 16, 1, mac_a);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 24);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	lla(o + 8, 1, mac_a);
	lla(o + 16, 1, mac_b);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 24);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);

	/* Length 0; past the end; a message cut short of its target. */
	o[9] = 0;
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 24);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	o[9] = 3;
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 24);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, 0);
	/* The IPv6 payload length says 20: the target is cut. */
	c->pkt[ETH_HLEN + 5] = 20;
	KUNIT_EXPECT_EQ(test, sg_run(test, len - 4), APEDGE_SG_DROP_LLA);

	/* Too many options before it. */
	memset(o, 0, sizeof(o));
	for (i = 0; i < APEDGE_ND_OPTS_MAX; i++) {
		o[8 * i] = 14;
		o[8 * i + 1] = 1;
	}
	lla(o + 8 * APEDGE_ND_OPTS_MAX, 1, mac_a);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o, sizeof(o));
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LLA);
	len = frame_nd(c->pkt, mac_a, ip6_ll, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll_b, o + 8, sizeof(o) - 8);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
}

/* A DAD probe claims its target, tentatively, and that claim is kept. */
static void ll_dad(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;

	len = frame_nd(c->pkt, mac_a, ip6_any, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll, NULL, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL_DAD);
	KUNIT_EXPECT_EQ(test, memcmp(c->learn.addr, ip6_ll, 16), 0);
	sg_claim(test, ip6_ll, mac_a, IFX, APEDGE_SNOOP_LL_DAD);
	/* Its own probe again: nothing to do. */
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);

	/* b probes the same address while a's claim is tentative: no. */
	len = frame_nd(c->pkt, mac_b, ip6_any, NDISC_NEIGHBOUR_SOLICITATION,
		       ip6_ll, NULL, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LL);
	/* Once confirmed, b's probe goes on, for a to defend. */
	KUNIT_EXPECT_EQ(test, sg_run_at(test, len, get_jiffies_64() +
					msecs_to_jiffies(APEDGE_LL_TENTATIVE_MS) +
					1),
			APEDGE_SG_PASS);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	/* b's NA for it, and its own use of it, never. */
	len = frame_nd(c->pkt, mac_b, ip6_ll, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll, NULL, 0);
	KUNIT_EXPECT_EQ(test, sg_run(test, len), APEDGE_SG_DROP_LL);
}

/* A trusted port: routers' RAs bind; an NA ends a tentative claim. */
static void ll_trusted(struct kunit *test)
{
	struct sg_ctx *c = test->priv;
	unsigned int len;
	u8 o[8];

	c->trusted = true;
	lla(o, 1, mac_ap);
	len = frame_nd(c->pkt, mac_ap, ip6_ll_r, NDISC_ROUTER_ADVERTISEMENT,
		       NULL, o, 8);
	/* An RA's fixed part is 16 bytes; the option as its payload. */
	sg_run(test, len);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_ROUTER);
	KUNIT_EXPECT_EQ(test, memcmp(c->learn.addr, ip6_ll_r, 16), 0);
	/* Bound to it here already: nothing. */
	sg_claim(test, ip6_ll_r, mac_ap, IFX, APEDGE_SNOOP_ROUTER);
	sg_run(test, len);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
	/* From a global source: not a router's link-local address. */
	len = frame_nd(c->pkt, mac_ap, ip6_a, NDISC_ROUTER_ADVERTISEMENT,
		       NULL, o, 8);
	sg_run(test, len);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);

	/* An NA for a station's tentative address, and for a confirmed one. */
	sg_claim(test, ip6_ll, mac_a, IFY, APEDGE_SNOOP_LL_DAD);
	sg_claim(test, ip6_ll_b, mac_b, IFY, APEDGE_SNOOP_LL);
	len = frame_nd(c->pkt, mac_ap, ip6_ll, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll, NULL, 0);
	sg_run(test, len);
	KUNIT_EXPECT_EQ(test, c->learn.op, APEDGE_SNOOP_LL_CONFLICT);
	len = frame_nd(c->pkt, mac_ap, ip6_ll_b, NDISC_NEIGHBOUR_ADVERTISEMENT,
		       ip6_ll_b, NULL, 0);
	sg_run(test, len);
	KUNIT_EXPECT_EQ(test, c->learn.op, 0);
}

static struct kunit_case apedge_guard_cases[] = {
	KUNIT_CASE(sg_bound_passes),
	KUNIT_CASE(sg_unbound_drops),
	KUNIT_CASE(sg_wrong_mac_drops),
	KUNIT_CASE(sg_wrong_port_drops),
	KUNIT_CASE(sg_expired_drops),
	KUNIT_CASE(sg_dhcp_client_passes),
	KUNIT_CASE(sg_dhcp6_client_passes),
	KUNIT_CASE(sg_arp),
	KUNIT_CASE(sg_arp_sender_mac_drops),
	KUNIT_CASE(sg_ip6_exempt),
	KUNIT_CASE(sg_ip6_global_unbound_drops),
	KUNIT_CASE(sg_na_target),
	KUNIT_CASE(sg_vlan),
	KUNIT_CASE(sg_ip6_nonlinear),
	KUNIT_CASE(eg_forward_verdict),
	KUNIT_CASE(eg_forward_source_guard),
	KUNIT_CASE(ll_source),
	KUNIT_CASE(ll_nd_claims),
	KUNIT_CASE(ll_na_target),
	KUNIT_CASE(ll_lla_options),
	KUNIT_CASE(ll_dad),
	KUNIT_CASE(ll_trusted),
	{}
};

static struct kunit_suite apedge_guard_suite = {
	.name = "apedge_guard",
	.init = sg_init,
	.exit = sg_exit,
	.test_cases = apedge_guard_cases,
};

kunit_test_suite(apedge_guard_suite);
