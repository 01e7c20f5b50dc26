// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: DHCP snooping's parser (snoop.c) on DHCPv4 ACK, NAK, RELEASE,
 * DECLINE and REQUEST (option overload too) and DHCPv6 REPLY and RELEASE
 * (IA_NA, IA_TA, IA_PD) vectors, cut at every length, with
 * bogus lengths and with the wrong UDP ports; the DHCPv4 client checks
 * of the source guard and verify-chaddr.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "../snoop.h"

#define BUF 1024

static const u8 client[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

struct sn_ctx {
	u8 *pkt;
	struct apedge_snoop sn;
};

static int sn_init(struct kunit *test)
{
	struct sn_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->pkt = kunit_kzalloc(test, BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->pkt);
	test->priv = c;
	return 0;
}

/* Classify and snoop the first len bytes; an IP packet of family fam. */
static bool sn_run(struct kunit *test, const u8 *pkt, unsigned int len,
		   int fam, struct apedge_snoop *sn)
{
	struct sk_buff *skb = alloc_skb(len + 1, GFP_KERNEL);
	struct apedge_cls cls;
	bool r;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	apedge_classify(skb, htons(fam == AF_INET ? ETH_P_IP : ETH_P_IPV6), 0,
			&cls);
	if (fam == AF_INET)
		r = apedge_snoop_dhcpv4(skb, &cls, sn);
	else
		r = apedge_snoop_dhcpv6(skb, &cls, client, sn);
	kfree_skb(skb);
	return r;
}

/* A DHCPv4 message in IPv4 + UDP; returns its length. */
static unsigned int dhcp4(u8 *b, u8 op, u8 type, const u8 *extra,
			  unsigned int elen)
{
	unsigned int plen = 240 + 3 + elen + 1, tot = 28 + plen;
	u8 *m = b + 28;

	memset(b, 0, tot);
	b[0] = 0x45;
	put_unaligned_be16(tot, b + 2);
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	put_unaligned_be16(op == 1 ? 68 : 67, b + 20);
	put_unaligned_be16(op == 1 ? 67 : 68, b + 22);
	put_unaligned_be16(8 + plen, b + 24);
	m[0] = op;
	m[1] = 1;
	m[2] = 6;
	put_unaligned_be32(0x12345678, m + 4);		/* xid */
	put_unaligned_be32(0xc0a80105, m + 12);		/* ciaddr */
	put_unaligned_be32(0xc0a80164, m + 16);		/* yiaddr */
	memcpy(m + 28, client, ETH_ALEN);
	put_unaligned_be32(0x63825363, m + 236);
	m[240] = 53;
	m[241] = 1;
	m[242] = type;
	memcpy(m + 243, extra, elen);
	m[243 + elen] = 255;
	return tot;
}

static const u8 lease_opt[] = { 1, 4, 255, 255, 255, 0, 51, 4, 0, 0, 0x0e, 0x10 };

static void sn_v4_ack(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	unsigned int len, cut;

	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_LEARN);
	KUNIT_EXPECT_EQ(test, c->sn.family, AF_INET);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(c->sn.addr[0].addr),
			0xc0a80164U);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 3600U);
	KUNIT_EXPECT_EQ(test, memcmp(c->sn.mac, client, ETH_ALEN), 0);

	/* Cut anywhere, it says nothing. */
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, cut, AF_INET,
						    &c->sn), "cut at %u", cut);
}

static void sn_v4_bogus(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	static const u8 short_lease[] = { 51, 3, 0, 0, 1 };
	static const u8 over[] = { 51, 40, 0, 0, 0, 1 };
	unsigned int len;

	/* No lease time: an ACK to an INFORM. */
	len = dhcp4(c->pkt, 2, 5, NULL, 0);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* A lease option of the wrong length, or running past the end. */
	len = dhcp4(c->pkt, 2, 5, short_lease, sizeof(short_lease));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 2, 5, over, sizeof(over));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* Not Ethernet. */
	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	c->pkt[28 + 2] = 16;
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* A multicast chaddr. */
	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	c->pkt[28 + 28] = 0x01;
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* yiaddr 0. */
	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	memset(c->pkt + 28 + 16, 0, 4);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* An ACK sent as a request (op 1). */
	len = dhcp4(c->pkt, 1, 5, lease_opt, sizeof(lease_opt));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* A UDP length beyond the packet. */
	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	put_unaligned_be16(len, c->pkt + 24);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* An OFFER binds nothing. */
	len = dhcp4(c->pkt, 2, 2, lease_opt, sizeof(lease_opt));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
}

static void sn_v4_nak_release(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	unsigned int len;

	/* A NAK names no address: its REQUEST does. */
	len = dhcp4(c->pkt, 2, 6, NULL, 0);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_FORGET);
	KUNIT_EXPECT_EQ(test, c->sn.nak, 1);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 0);
	KUNIT_EXPECT_EQ(test, c->sn.xid, 0x12345678U);
	KUNIT_EXPECT_EQ(test, memcmp(c->sn.mac, client, ETH_ALEN), 0);

	len = dhcp4(c->pkt, 1, 7, NULL, 0);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_FORGET);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(c->sn.addr[0].addr),
			0xc0a80105U);
	/* A RELEASE without ciaddr. */
	memset(c->pkt + 28 + 12, 0, 4);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
}

/* A DECLINE names its address in option 50 (RFC 2131 4.4.3). */
static void sn_v4_decline(struct kunit *test)
{
	static const u8 req_opt[] = { 50, 4, 192, 168, 1, 7 };
	static const u8 short_opt[] = { 50, 3, 192, 168, 1 };
	static const u8 zero_opt[] = { 50, 4, 0, 0, 0, 0 };
	struct sn_ctx *c = test->priv;
	unsigned int len, cut;

	len = dhcp4(c->pkt, 1, 4, req_opt, sizeof(req_opt));
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_FORGET);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 1);
	KUNIT_EXPECT_EQ(test, c->sn.nak, 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(c->sn.addr[0].addr),
			0xc0a80107U);
	KUNIT_EXPECT_EQ(test, memcmp(c->sn.mac, client, ETH_ALEN), 0);
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, cut, AF_INET,
						    &c->sn), "cut at %u", cut);
	/* No option 50 (ciaddr is not the declined address), a short or a
	 * zero one: nothing.
	 */
	len = dhcp4(c->pkt, 1, 4, NULL, 0);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 1, 4, short_opt, sizeof(short_opt));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 1, 4, zero_opt, sizeof(zero_opt));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* A DECLINE as a server's (op 2, from 67 to 68). */
	len = dhcp4(c->pkt, 2, 4, req_opt, sizeof(req_opt));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
}

/*
 * Option overload (option 52): the lease time in the file or the sname
 * field, as option 52 says; never past the field's end.
 */
static void sn_v4_overload(struct kunit *test)
{
	static const u8 lease[] = { 51, 4, 0, 0, 0x0e, 0x10, 255 };
	static const u8 ov_file[] = { 52, 1, 1 };
	static const u8 ov_sname[] = { 52, 1, 2 };
	static const u8 ov_both[] = { 52, 1, 3 };
	struct sn_ctx *c = test->priv;
	u8 *m = c->pkt + 28;
	unsigned int len;

	/* In file, option 52 = 1. */
	len = dhcp4(c->pkt, 2, 5, ov_file, sizeof(ov_file));
	memcpy(m + 108, lease, sizeof(lease));
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 3600U);
	/* The same without option 52: file is a file name. */
	len = dhcp4(c->pkt, 2, 5, NULL, 0);
	memcpy(m + 108, lease, sizeof(lease));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* In sname: option 52 = 2 finds it, 1 does not, 3 does. */
	len = dhcp4(c->pkt, 2, 5, ov_sname, sizeof(ov_sname));
	memcpy(m + 44, lease, sizeof(lease));
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 3600U);
	len = dhcp4(c->pkt, 2, 5, ov_file, sizeof(ov_file));
	memcpy(m + 44, lease, sizeof(lease));
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 2, 5, ov_both, sizeof(ov_both));
	memcpy(m + 44, lease, sizeof(lease));
	KUNIT_EXPECT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/*
	 * An option at the end of file that runs into the cookie, and one
	 * at the end of sname that runs into file: refused, each field is
	 * its own bound.
	 */
	len = dhcp4(c->pkt, 2, 5, ov_both, sizeof(ov_both));
	m[236 - 4] = 51;
	m[236 - 3] = 4;
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 2, 5, ov_both, sizeof(ov_both));
	memset(m + 44, 0, 62);		/* pads */
	m[106] = 51;
	m[107] = 4;
	memcpy(m + 108, lease + 2, 4);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* The options field first: its lease time wins. */
	len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 3600U);
}

/* Set the UDP ports of an IPv4 (ip6 false) or IPv6 message. */
static void set_ports(u8 *b, bool ip6, u16 sport, u16 dport)
{
	put_unaligned_be16(sport, b + (ip6 ? 40 : 20));
	put_unaligned_be16(dport, b + (ip6 ? 42 : 22));
}

/* Only a server's ports (67 to 68) make an ACK or NAK, a client's a RELEASE. */
static void sn_v4_ports(struct kunit *test)
{
	static const u16 bad[][2] = {
		{ 68, 67 }, { 67, 67 }, { 1234, 68 }, { 67, 1234 }, { 68, 68 },
	};
	struct sn_ctx *c = test->priv;
	unsigned int len, i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		len = dhcp4(c->pkt, 2, 5, lease_opt, sizeof(lease_opt));
		set_ports(c->pkt, false, bad[i][0], bad[i][1]);
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, len, AF_INET,
						    &c->sn), "ACK %u -> %u",
				       bad[i][0], bad[i][1]);
		len = dhcp4(c->pkt, 2, 6, NULL, 0);
		set_ports(c->pkt, false, bad[i][0], bad[i][1]);
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, len, AF_INET,
						    &c->sn), "NAK %u -> %u",
				       bad[i][0], bad[i][1]);
	}
	len = dhcp4(c->pkt, 1, 7, NULL, 0);
	set_ports(c->pkt, false, 67, 68);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	set_ports(c->pkt, false, 68, 67);
	KUNIT_EXPECT_TRUE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	/* BOOTREPLY with a RELEASE's type, BOOTREQUEST with an ACK's. */
	len = dhcp4(c->pkt, 2, 7, NULL, 0);
	set_ports(c->pkt, false, 68, 67);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
	len = dhcp4(c->pkt, 1, 5, lease_opt, sizeof(lease_opt));
	set_ports(c->pkt, false, 67, 68);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET, &c->sn));
}

static bool sn_req(struct kunit *test, const u8 *pkt, unsigned int len,
		   struct apedge_snoop_req *req)
{
	struct sk_buff *skb = alloc_skb(len + 1, GFP_KERNEL);
	struct apedge_cls cls;
	bool r;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	apedge_classify(skb, htons(ETH_P_IP), 0, &cls);
	r = apedge_snoop_dhcpv4_request(skb, &cls, req);
	kfree_skb(skb);
	return r;
}

/* A REQUEST: its xid, chaddr and the address it asks for. */
static void sn_v4_request(struct kunit *test)
{
	static const u8 reqaddr[] = { 50, 4, 192, 168, 1, 77 };
	struct sn_ctx *c = test->priv;
	struct apedge_snoop_req req;
	unsigned int len, cut;

	len = dhcp4(c->pkt, 1, 3, reqaddr, sizeof(reqaddr));
	KUNIT_ASSERT_TRUE(test, sn_req(test, c->pkt, len, &req));
	KUNIT_EXPECT_EQ(test, req.xid, 0x12345678U);
	KUNIT_EXPECT_EQ(test, memcmp(req.mac, client, ETH_ALEN), 0);
	KUNIT_EXPECT_EQ(test, ntohl(req.addr), 0xc0a8014dU);
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_req(test, c->pkt, cut, &req),
				       "cut at %u", cut);
	/* Without option 50: ciaddr (RENEWING). */
	len = dhcp4(c->pkt, 1, 3, NULL, 0);
	KUNIT_ASSERT_TRUE(test, sn_req(test, c->pkt, len, &req));
	KUNIT_EXPECT_EQ(test, ntohl(req.addr), 0xc0a80105U);
	/* Not from 68 to 67, not a REQUEST, not a BOOTREQUEST. */
	set_ports(c->pkt, false, 67, 67);
	KUNIT_EXPECT_FALSE(test, sn_req(test, c->pkt, len, &req));
	len = dhcp4(c->pkt, 1, 1, NULL, 0);
	KUNIT_EXPECT_FALSE(test, sn_req(test, c->pkt, len, &req));
	len = dhcp4(c->pkt, 2, 3, NULL, 0);
	set_ports(c->pkt, false, 68, 67);
	KUNIT_EXPECT_FALSE(test, sn_req(test, c->pkt, len, &req));
}

static bool sn_client(struct kunit *test, const u8 *pkt, unsigned int len,
		      const u8 *src, bool chaddr_only)
{
	struct sk_buff *skb = alloc_skb(len + 1, GFP_KERNEL);
	struct apedge_cls cls;
	bool r;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, len);
	apedge_classify(skb, htons(ETH_P_IP), 0, &cls);
	if (chaddr_only)
		r = apedge_snoop_chaddr_is(skb, &cls, src);
	else
		r = apedge_snoop_dhcpv4_client(skb, &cls, src);
	kfree_skb(skb);
	return r;
}

/* The source guard's exemption and verify-chaddr's check. */
static void sn_v4_client(struct kunit *test)
{
	static const u8 other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x99 };
	struct sn_ctx *c = test->priv;
	unsigned int len, cut;

	len = dhcp4(c->pkt, 1, 1, NULL, 0);	/* DISCOVER */
	memset(c->pkt + 28 + 12, 0, 4);		/* ciaddr 0 */
	KUNIT_EXPECT_TRUE(test, sn_client(test, c->pkt, len, client, false));
	KUNIT_EXPECT_TRUE(test, sn_client(test, c->pkt, len, client, true));
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_client(test, c->pkt, cut,
						       client, false),
				       "cut at %u", cut);
	/* chaddr is not the frame's source. */
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, other, false));
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, other, true));
	/* A hardware type other than Ethernet. */
	c->pkt[28 + 1] = 6;
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, client, false));
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, client, true));
	c->pkt[28 + 1] = 1;
	/* Not to the server's port. */
	set_ports(c->pkt, false, 68, 68);
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, client, false));
	set_ports(c->pkt, false, 68, 67);
	/* ciaddr set: a client with an address sends from it. */
	c->pkt[28 + 15] = 9;
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, client, false));
	/* A BOOTREPLY. */
	len = dhcp4(c->pkt, 2, 2, NULL, 0);
	set_ports(c->pkt, false, 68, 67);
	memset(c->pkt + 28 + 12, 0, 4);
	KUNIT_EXPECT_FALSE(test, sn_client(test, c->pkt, len, client, false));
}

/* An IPv6 + UDP DHCPv6 message of type with the options given. */
static unsigned int dhcp6(u8 *b, u8 type, const u8 *opts, unsigned int olen)
{
	unsigned int plen = 8 + 4 + olen;

	memset(b, 0, 40 + plen);
	b[0] = 0x60;
	put_unaligned_be16(plen, b + 4);
	b[6] = IPPROTO_UDP;
	b[7] = 64;
	put_unaligned_be16(type == 7 ? 547 : 546, b + 40);
	put_unaligned_be16(type == 7 ? 546 : 547, b + 42);
	put_unaligned_be16(plen, b + 44);
	b[48] = type;
	memcpy(b + 52, opts, olen);
	return 40 + plen;
}

/* An IA_NA with n IAADDRs 2001:db8::1.., valid lifetimes valid + i. */
static unsigned int ia_na(u8 *o, unsigned int n, u32 valid)
{
	unsigned int i, p;

	put_unaligned_be16(3, o);
	put_unaligned_be16(12 + n * 28, o + 2);
	memset(o + 4, 0, 12);
	p = 16;
	for (i = 0; i < n; i++, p += 28) {
		put_unaligned_be16(5, o + p);
		put_unaligned_be16(24, o + p + 2);
		memset(o + p + 4, 0, 16);
		o[p + 4] = 0x20;
		o[p + 5] = 0x01;
		o[p + 6] = 0x0d;
		o[p + 7] = 0xb8;
		o[p + 19] = i + 1;
		put_unaligned_be32(valid / 2, o + p + 20);
		put_unaligned_be32(valid ? valid + i : 0, o + p + 24);
	}
	return p;
}

static void sn_v6_reply(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	u8 opts[256];
	unsigned int olen, len, cut;

	/* A client-id first, then the IA_NA. */
	put_unaligned_be16(1, opts);
	put_unaligned_be16(4, opts + 2);
	memset(opts + 4, 0xaa, 4);
	olen = 8 + ia_na(opts + 8, 2, 7200);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_LEARN);
	KUNIT_EXPECT_EQ(test, c->sn.family, AF_INET6);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 2);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].addr[15], 1);
	KUNIT_EXPECT_EQ(test, c->sn.addr[1].addr[15], 2);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 7200U);
	KUNIT_EXPECT_EQ(test, c->sn.addr[1].lifetime, 7201U);
	KUNIT_EXPECT_EQ(test, memcmp(c->sn.mac, client, ETH_ALEN), 0);

	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, cut, AF_INET6,
						    &c->sn), "cut at %u", cut);

	/* Zero lifetimes: still reported, so that they unbind. */
	olen = ia_na(opts, 1, 0);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 0U);

	/* Six addresses: only the first four are taken. */
	olen = ia_na(opts, 6, 60);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.naddr, APEDGE_SNOOP_ADDRS);

	/* A RELEASE forgets. */
	olen = ia_na(opts, 1, 60);
	len = dhcp6(c->pkt, 8, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_FORGET);
}

/*
 * IA_TA's addresses bind like IA_NA's; an IA_PD is walked past and binds
 * nothing (prefix bindings are to come) without hiding what follows.
 */
static void sn_v6_ia_ta_pd(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	unsigned int olen, len, cut, n;
	u8 opts[256];

	/* IA_TA: an IA_NA's layout with only the IAID before its options. */
	n = ia_na(opts + 8, 1, 600);
	put_unaligned_be16(4, opts);
	put_unaligned_be16(4 + n - 16, opts + 2);
	memset(opts + 4, 0, 4);
	memmove(opts + 8, opts + 8 + 16, n - 16);
	olen = 8 + n - 16;
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_LEARN);
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 1);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].addr[15], 1);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 600U);
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_FALSE_MSG(test, sn_run(test, c->pkt, cut, AF_INET6,
						    &c->sn), "cut at %u", cut);
	/* An IA_TA too short for its IAID. */
	put_unaligned_be16(3, opts + 2);
	len = dhcp6(c->pkt, 7, opts, 7);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* A RELEASE of an IA_TA forgets. */
	put_unaligned_be16(4 + n - 16, opts + 2);
	len = dhcp6(c->pkt, 8, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.op, APEDGE_SNOOP_FORGET);

	/* An IA_PD with an IAPREFIX 2001:db8:1::/48, then an IA_NA. */
	memset(opts, 0, sizeof(opts));
	put_unaligned_be16(25, opts);
	put_unaligned_be16(12 + 4 + 25, opts + 2);
	put_unaligned_be16(26, opts + 16);
	put_unaligned_be16(25, opts + 18);
	put_unaligned_be32(300, opts + 20);
	put_unaligned_be32(600, opts + 24);
	opts[28] = 48;
	opts[29] = 0x20;
	opts[30] = 0x01;
	opts[31] = 0x0d;
	opts[32] = 0xb8;
	opts[34] = 1;
	olen = 4 + 12 + 4 + 25;
	len = dhcp6(c->pkt, 7, opts, olen);
	/* Alone, nothing to bind. */
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	olen += ia_na(opts + olen, 1, 900);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_ASSERT_TRUE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	KUNIT_EXPECT_EQ(test, c->sn.naddr, 1);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].addr[15], 1);
	KUNIT_EXPECT_EQ(test, c->sn.addr[0].lifetime, 900U);
	/* An IA_PD that claims more than the message holds: the walk ends. */
	put_unaligned_be16(200, opts + 2);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
}

static void sn_v6_bogus(struct kunit *test)
{
	struct sn_ctx *c = test->priv;
	u8 opts[256];
	unsigned int olen, len;

	/* An IA_NA longer than the message. */
	olen = ia_na(opts, 1, 60);
	put_unaligned_be16(200, opts + 2);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* An IA_NA too short for its IAID, T1 and T2. */
	olen = ia_na(opts, 1, 60);
	put_unaligned_be16(8, opts + 2);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* An IAADDR that claims more than its IA_NA holds. */
	olen = ia_na(opts, 1, 60);
	put_unaligned_be16(60, opts + 18);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* An IAADDR too short for an address and lifetimes. */
	olen = ia_na(opts, 1, 60);
	put_unaligned_be16(20, opts + 18);
	len = dhcp6(c->pkt, 7, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* An ADVERTISE binds nothing. */
	olen = ia_na(opts, 1, 60);
	len = dhcp6(c->pkt, 2, opts, olen);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* A REPLY without IA_NA. */
	len = dhcp6(c->pkt, 7, NULL, 0);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	/* A REPLY not from 547 to 546, a RELEASE not from 546 to 547. */
	olen = ia_na(opts, 1, 60);
	len = dhcp6(c->pkt, 7, opts, olen);
	set_ports(c->pkt, true, 547, 547);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	set_ports(c->pkt, true, 1234, 546);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
	len = dhcp6(c->pkt, 8, opts, olen);
	set_ports(c->pkt, true, 547, 546);
	KUNIT_EXPECT_FALSE(test, sn_run(test, c->pkt, len, AF_INET6, &c->sn));
}

static struct kunit_case apedge_snoop_cases[] = {
	KUNIT_CASE(sn_v4_ack),
	KUNIT_CASE(sn_v4_bogus),
	KUNIT_CASE(sn_v4_nak_release),
	KUNIT_CASE(sn_v4_decline),
	KUNIT_CASE(sn_v4_overload),
	KUNIT_CASE(sn_v4_ports),
	KUNIT_CASE(sn_v4_request),
	KUNIT_CASE(sn_v4_client),
	KUNIT_CASE(sn_v6_reply),
	KUNIT_CASE(sn_v6_ia_ta_pd),
	KUNIT_CASE(sn_v6_bogus),
	{}
};

static struct kunit_suite apedge_snoop_suite = {
	.name = "apedge_snoop",
	.init = sn_init,
	.test_cases = apedge_snoop_cases,
};

kunit_test_suite(apedge_snoop_suite);
