// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the recogniser of mac80211's Layer-2 Update (l2relay.c), on
 * frames as the ingress hook has them.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>

#include "../apedge.h"

/* What cfg80211_send_layer2_update() builds: receive window 0. */
static const u8 l2u_mac80211[APEDGE_XID_LEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* DA: broadcast */
	0x02, 0x00, 0x00, 0x00, 0x02, 0x00,	/* SA: the station */
	0x00, 0x06,				/* 802.3 length */
	0x00, 0x01, 0xaf,			/* DSAP, SSAP (response), XID */
	0x81, 0x01, 0x00,			/* basic format, type 1, RW */
};

/*
 * The frame of len bytes at ingress: the MAC header set, skb->data and
 * the network header past it, skb->protocol as eth_type_trans() sets it
 * for these frames.
 */
static struct sk_buff *l2u_skb(struct kunit *test, const u8 *frame,
			       unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 16, GFP_KERNEL);
	u16 proto;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, frame, len);
	skb_reset_mac_header(skb);
	proto = len >= ETH_HLEN ? frame[12] << 8 | frame[13] : 0;
	if (proto >= ETH_P_802_3_MIN)
		skb->protocol = htons(proto);
	else if (len >= ETH_HLEN + 2 && frame[14] == 0xff && frame[15] == 0xff)
		skb->protocol = htons(ETH_P_802_3);
	else
		skb->protocol = htons(ETH_P_802_2);
	skb_pull(skb, min_t(unsigned int, len, ETH_HLEN));
	/* As __netif_receive_skb_core() does before the ingress hooks. */
	skb_reset_network_header(skb);
	return skb;
}

static bool l2u_match(struct kunit *test, const u8 *frame, unsigned int len)
{
	struct sk_buff *skb = l2u_skb(test, frame, len);
	bool m = apedge_l2relay_match(skb);

	kfree_skb(skb);
	return m;
}

static void apedge_l2relay_mac80211(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, l2u_match(test, l2u_mac80211,
					  sizeof(l2u_mac80211)));
}

/* apedge's own (and hostapd's) frame, receive window 2, is one too. */
static void apedge_l2relay_any_rw(struct kunit *test)
{
	u8 f[APEDGE_XID_LEN];

	apedge_xid_build(f, l2u_mac80211 + ETH_ALEN, APEDGE_XID_RW_DEFAULT);
	KUNIT_EXPECT_TRUE(test, l2u_match(test, f, sizeof(f)));
}

/* Padded to Ethernet's minimum on a wire: the length field still says 6. */
static void apedge_l2relay_padded(struct kunit *test)
{
	u8 f[ETH_ZLEN] = {};

	memcpy(f, l2u_mac80211, sizeof(l2u_mac80211));
	KUNIT_EXPECT_TRUE(test, l2u_match(test, f, sizeof(f)));
}

/* Every truncation, down to the bare Ethernet header and below. */
static void apedge_l2relay_truncated(struct kunit *test)
{
	unsigned int len;

	for (len = 0; len < sizeof(l2u_mac80211) - 1; len++)
		KUNIT_EXPECT_FALSE_MSG(test, l2u_match(test, l2u_mac80211, len),
				       "length %u", len);
}

/* Each byte that makes it one, changed: none of them matches. */
static void apedge_l2relay_each_byte(struct kunit *test)
{
	/* DA, the length, DSAP, SSAP, control, format, class. */
	static const unsigned int at[] = { 0, 5, 12, 13, 14, 15, 16, 17, 18 };
	u8 f[APEDGE_XID_LEN];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(at); i++) {
		memcpy(f, l2u_mac80211, sizeof(f));
		f[at[i]] ^= 0x40;
		KUNIT_EXPECT_FALSE_MSG(test, l2u_match(test, f, sizeof(f)),
				       "byte %u changed", at[i]);
	}
}

/* A source that is no station's: multicast or zero. */
static void apedge_l2relay_bad_source(struct kunit *test)
{
	u8 f[APEDGE_XID_LEN];

	memcpy(f, l2u_mac80211, sizeof(f));
	f[ETH_ALEN] |= 0x01;
	KUNIT_EXPECT_FALSE(test, l2u_match(test, f, sizeof(f)));
	memset(f + ETH_ALEN, 0, ETH_ALEN);
	KUNIT_EXPECT_FALSE(test, l2u_match(test, f, sizeof(f)));
}

/* A length of 7 or an EtherType: not an 802.2 Layer-2 Update. */
static void apedge_l2relay_not_802_2(struct kunit *test)
{
	u8 f[APEDGE_XID_LEN + 1];

	memcpy(f, l2u_mac80211, APEDGE_XID_LEN);
	f[APEDGE_XID_LEN] = 0;
	f[13] = 7;
	KUNIT_EXPECT_FALSE(test, l2u_match(test, f, sizeof(f)));
	f[12] = 0x08;
	f[13] = 0x00;
	KUNIT_EXPECT_FALSE(test, l2u_match(test, f, sizeof(f)));
}

/* A tagged one (a VLAN device's or an accelerated tag): not mac80211's. */
static void apedge_l2relay_tagged(struct kunit *test)
{
	struct sk_buff *skb = l2u_skb(test, l2u_mac80211, sizeof(l2u_mac80211));

	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 7);
	KUNIT_EXPECT_FALSE(test, apedge_l2relay_match(skb));
	kfree_skb(skb);
}

/* Nonlinear: the LLC bytes in a fragment are read all the same. */
static void apedge_l2relay_nonlinear(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + 16, GFP_KERNEL);
	struct page *page;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	skb_put_data(skb, l2u_mac80211, ETH_HLEN);
	memcpy(page_address(page), l2u_mac80211 + ETH_HLEN, 6);
	skb_add_rx_frag(skb, 0, page, 0, 6, PAGE_SIZE);
	skb_reset_mac_header(skb);
	skb->protocol = htons(ETH_P_802_2);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	KUNIT_EXPECT_TRUE(test, apedge_l2relay_match(skb));
	kfree_skb(skb);
}

static struct kunit_case apedge_l2relay_cases[] = {
	KUNIT_CASE(apedge_l2relay_mac80211),
	KUNIT_CASE(apedge_l2relay_any_rw),
	KUNIT_CASE(apedge_l2relay_padded),
	KUNIT_CASE(apedge_l2relay_truncated),
	KUNIT_CASE(apedge_l2relay_each_byte),
	KUNIT_CASE(apedge_l2relay_bad_source),
	KUNIT_CASE(apedge_l2relay_not_802_2),
	KUNIT_CASE(apedge_l2relay_tagged),
	KUNIT_CASE(apedge_l2relay_nonlinear),
	{}
};

static struct kunit_suite apedge_l2relay_suite = {
	.name = "apedge_l2relay",
	.test_cases = apedge_l2relay_cases,
};

kunit_test_suite(apedge_l2relay_suite);
