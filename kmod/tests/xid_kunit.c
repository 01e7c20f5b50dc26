// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the XID Layer-2 Update frame builder, byte by byte.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>

#include "../apedge.h"

static const u8 sta[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

/* What hostapd sends for a new station: receive window 2. */
static const u8 frame_hostapd[APEDGE_XID_LEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* DA: broadcast */
	0x02, 0x11, 0x22, 0x33, 0x44, 0x55,	/* SA: the station */
	0x00, 0x06,				/* 802.3 length */
	0x00, 0x01, 0xaf,			/* DSAP, SSAP (response), XID */
	0x81, 0x01, 0x02,			/* basic format, type 1, RW */
};

static void apedge_xid_len(struct kunit *test)
{
	/* 6 + 6 + 2 + 6 bytes, and the length field counts the last 6. */
	KUNIT_EXPECT_EQ(test, APEDGE_XID_LEN, 20);
}

static void apedge_xid_bytes_hostapd(struct kunit *test)
{
	u8 buf[APEDGE_XID_LEN];

	apedge_xid_build(buf, sta, APEDGE_XID_RW_DEFAULT);
	KUNIT_EXPECT_EQ(test, memcmp(buf, frame_hostapd, sizeof(buf)), 0);
}

static void apedge_xid_bytes_mac80211(struct kunit *test)
{
	u8 want[APEDGE_XID_LEN];
	u8 buf[APEDGE_XID_LEN];

	memcpy(want, frame_hostapd, sizeof(want));
	want[19] = 0x00;
	apedge_xid_build(buf, sta, 0x00);
	KUNIT_EXPECT_EQ(test, memcmp(buf, want, sizeof(buf)), 0);
}

static void apedge_xid_writes_only_its_bytes(struct kunit *test)
{
	u8 buf[APEDGE_XID_LEN + 8];
	int i;

	memset(buf, 0xa5, sizeof(buf));
	apedge_xid_build(buf + 4, sta, 0x7f);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, buf[i], 0xa5);
		KUNIT_EXPECT_EQ(test, buf[APEDGE_XID_LEN + 4 + i], 0xa5);
	}
	KUNIT_EXPECT_EQ(test, buf[4 + 19], 0x7f);
}

static void apedge_xid_source_is_station(struct kunit *test)
{
	static const u8 other[ETH_ALEN] = { 0xf2, 0, 0, 0, 0, 0x01 };
	u8 buf[APEDGE_XID_LEN];

	apedge_xid_build(buf, other, APEDGE_XID_RW_DEFAULT);
	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(buf));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(buf + ETH_ALEN, other));
	/* 802.3 length, not an EtherType. */
	KUNIT_EXPECT_LT(test, (buf[12] << 8) | buf[13], ETH_P_802_3_MIN);
}

static struct kunit_case apedge_xid_cases[] = {
	KUNIT_CASE(apedge_xid_len),
	KUNIT_CASE(apedge_xid_bytes_hostapd),
	KUNIT_CASE(apedge_xid_bytes_mac80211),
	KUNIT_CASE(apedge_xid_writes_only_its_bytes),
	KUNIT_CASE(apedge_xid_source_is_station),
	{}
};

static struct kunit_suite apedge_xid_suite = {
	.name = "apedge_xid",
	.test_cases = apedge_xid_cases,
};

kunit_test_suite(apedge_xid_suite);
