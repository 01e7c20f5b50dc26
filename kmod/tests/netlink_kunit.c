// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the family's per-command policies, the XID request checks and
 * the size of the largest stats message.
 *
 * Each case builds attributes in an skb as a client would send them and
 * parses them strictly, as genetlink does, with the policy of the command
 * (netlink-gen.c) and its largest attribute.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <net/genetlink.h>

#include "../apedge.h"

static const u8 sta[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

struct apedge_nl_ctx {
	struct sk_buff *skb;
	struct netlink_ext_ack extack;
};

static int apedge_nl_init(struct kunit *test)
{
	struct apedge_nl_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->skb);
	test->priv = ctx;
	return 0;
}

static void apedge_nl_exit(struct kunit *test)
{
	struct apedge_nl_ctx *ctx = test->priv;

	kfree_skb(ctx->skb);
}

/* A command's policy and its largest attribute, as the ops table has them. */
struct apedge_nl_op {
	int max;
	const struct nla_policy *policy;
};

#define OP(name) (&(const struct apedge_nl_op) {		\
	.max = ARRAY_SIZE(apedge_##name##_nl_policy) - 1,	\
	.policy = apedge_##name##_nl_policy,			\
})

/* Parse what the case put in the skb; reset the extack first. */
static int apedge_nl_parse(struct kunit *test, struct nlattr **tb,
			   const struct apedge_nl_op *op)
{
	struct apedge_nl_ctx *ctx = test->priv;

	memset(&ctx->extack, 0, sizeof(ctx->extack));
	return nla_parse(tb, op->max, (struct nlattr *)ctx->skb->data,
			 ctx->skb->len, op->policy, &ctx->extack);
}

static struct sk_buff *apedge_nl_skb(struct kunit *test)
{
	return ((struct apedge_nl_ctx *)test->priv)->skb;
}

static const char *apedge_nl_msg(struct kunit *test)
{
	return ((struct apedge_nl_ctx *)test->priv)->extack._msg;
}

/* port */

static void apedge_nl_port_ok(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_PORT_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);

	KUNIT_ASSERT_EQ(test, nla_put_string(skb, APEDGE_A_PORT_IFNAME, "eth0"), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, APEDGE_A_PORT_ROLE,
					  APEDGE_PORT_ROLE_TRUSTED), 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_add)), 0);
	KUNIT_EXPECT_NOT_NULL(test, tb[APEDGE_A_PORT_IFNAME]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[APEDGE_A_PORT_ROLE]),
			(u32)APEDGE_PORT_ROLE_TRUSTED);
}

static void apedge_nl_port_role_range(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_PORT_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	static const u32 bad[] = { 0, APEDGE_PORT_ROLE_TRUSTED + 1, 0xffffffff };
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		skb_trim(skb, 0);
		nla_put_u32(skb, APEDGE_A_PORT_ROLE, bad[i]);
		KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_add)),
				-ERANGE);
		KUNIT_EXPECT_NOT_NULL(test, apedge_nl_msg(test));
	}
}

/* Parse the skb with port-add's policy, for the cases that need no attrs. */
static int apedge_nl_port(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_PORT_MAX + 1];

	return apedge_nl_parse(test, tb, OP(port_add));
}

static void apedge_nl_port_ifname_too_long(struct kunit *test)
{
	/* IFNAMSIZ characters leave no room for the NUL. */
	nla_put_string(apedge_nl_skb(test), APEDGE_A_PORT_IFNAME,
		       "abcdefghijklmnop");
	KUNIT_EXPECT_EQ(test, apedge_nl_port(test), -EINVAL);
}

static void apedge_nl_port_ifname_no_nul(struct kunit *test)
{
	nla_put(apedge_nl_skb(test), APEDGE_A_PORT_IFNAME, 4, "eth0");
	KUNIT_EXPECT_EQ(test, apedge_nl_port(test), -EINVAL);
}

static void apedge_nl_port_ifindex_zero(struct kunit *test)
{
	nla_put_u32(apedge_nl_skb(test), APEDGE_A_PORT_IFINDEX, 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_port(test), -ERANGE);
}

static void apedge_nl_port_wrong_size(struct kunit *test)
{
	nla_put_u16(apedge_nl_skb(test), APEDGE_A_PORT_IFINDEX, 3);
	KUNIT_EXPECT_EQ(test, apedge_nl_port(test), -EINVAL);
}

static void apedge_nl_unknown_attr(struct kunit *test)
{
	nla_put_u32(apedge_nl_skb(test), APEDGE_A_PORT_MAX + 1, 1);
	KUNIT_EXPECT_EQ(test, apedge_nl_port(test), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, apedge_nl_msg(test));
}

/*
 * An attribute of the command's set that the command does not take,
 * well formed, sent alone with the port: refused, and the extack says so.
 */
static void apedge_nl_refused(struct kunit *test,
			      const struct apedge_nl_op *op, int type,
			      const char *what)
{
	struct nlattr *tb[APEDGE_A_PORT_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct nlattr *nest;

	skb_trim(skb, 0);
	nla_put_u32(skb, APEDGE_A_PORT_IFINDEX, 7);
	switch (type) {
	case APEDGE_A_PORT_POLICY:
		nest = nla_nest_start(skb, type);
		nla_put_u32(skb, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RA);
		nla_put_u32(skb, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_DROP);
		nla_nest_end(skb, nest);
		break;
	case APEDGE_A_PORT_SOURCE_GUARD:
	case APEDGE_A_PORT_L2UPDATE_RELAY_PATH:
		nla_put_u8(skb, type, 1);
		break;
	default:
		nla_put_u32(skb, type, 1);
	}
	KUNIT_EXPECT_EQ_MSG(test, apedge_nl_parse(test, tb, op),
			    -EINVAL, "%s", what);
	KUNIT_EXPECT_NOT_NULL_MSG(test, apedge_nl_msg(test), "%s", what);
}

/* Attributes a command used to take and ignore. */
static void apedge_nl_ignored_refused(struct kunit *test)
{
	apedge_nl_refused(test, OP(port_set), APEDGE_A_PORT_ROLE,
			  "port-set role");
	apedge_nl_refused(test, OP(port_set), APEDGE_A_PORT_POLICY,
			  "port-set policy");
	apedge_nl_refused(test, OP(port_set), APEDGE_A_PORT_PUNT_RATE,
			  "port-set punt-rate");
	apedge_nl_refused(test, OP(port_add), APEDGE_A_PORT_POLICY,
			  "port-add policy");
	apedge_nl_refused(test, OP(port_add), APEDGE_A_PORT_PUNT_RATE,
			  "port-add punt-rate");
	apedge_nl_refused(test, OP(policy_set), APEDGE_A_PORT_ROLE,
			  "policy-set role");
	apedge_nl_refused(test, OP(policy_set), APEDGE_A_PORT_SOURCE_GUARD,
			  "policy-set source-guard");
	apedge_nl_refused(test, OP(port_del), APEDGE_A_PORT_ROLE,
			  "port-del role");
	apedge_nl_refused(test, OP(port_get), APEDGE_A_PORT_SOURCE_GUARD,
			  "port-get source-guard");
	/* Only ever in replies. */
	apedge_nl_refused(test, OP(port_add), APEDGE_A_PORT_L2UPDATE_RELAY_PATH,
			  "port-add l2update-relay-path");
	apedge_nl_refused(test, OP(port_set), APEDGE_A_PORT_L2UPDATE_RELAY_PATH,
			  "port-set l2update-relay-path");
}

/* The Layer-2 Update settings out of their range: refused. */
static void apedge_nl_l2update_ranges(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_PORT_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);

	nla_put_u32(skb, APEDGE_A_PORT_L2UPDATE, APEDGE_XID_MODE_INJECT + 1);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_set)), -ERANGE);
	skb_trim(skb, 0);
	nla_put_u8(skb, APEDGE_A_PORT_L2UPDATE_RELAY, 2);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_set)), -ERANGE);
	skb_trim(skb, 0);
	nla_put_u16(skb, APEDGE_A_PORT_L2UPDATE_VLAN, 4095);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_add)), -ERANGE);
	/* Settings, not a way to find a port: port-get refuses them. */
	skb_trim(skb, 0);
	nla_put_u8(skb, APEDGE_A_PORT_L2UPDATE_RELAY, 1);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_get)), -EINVAL);
}

/* What each command does take passes its policy. */
static void apedge_nl_taken_pass(struct kunit *test)
{
	/* Room for the largest of the sets parsed here. */
	struct nlattr *tb[MAX(APEDGE_A_BINDING_MAX, APEDGE_A_PORT_MAX) + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	static const u8 ip4[4] = { 192, 0, 2, 1 };

	nla_put_u32(skb, APEDGE_A_PORT_IFINDEX, 7);
	nla_put_u8(skb, APEDGE_A_PORT_SOURCE_GUARD, 1);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_set)), 0);
	/* The Layer-2 Update settings: port-set and port-add take them. */
	nla_put_u32(skb, APEDGE_A_PORT_L2UPDATE, APEDGE_XID_MODE_INJECT);
	nla_put_u8(skb, APEDGE_A_PORT_L2UPDATE_RELAY, 1);
	nla_put_u16(skb, APEDGE_A_PORT_L2UPDATE_VLAN, 4094);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_set)), 0);
	nla_put_u32(skb, APEDGE_A_PORT_ROLE, APEDGE_PORT_ROLE_TRUSTED);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(port_add)), 0);

	/* binding-get: the do's address and the dump's port, one policy. */
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_BINDING_IPV4, 4, ip4);
	nla_put_u32(skb, APEDGE_A_BINDING_IFINDEX, 7);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_get)), 0);
	/* A binding's MAC is not how one is found. */
	nla_put(skb, APEDGE_A_BINDING_MAC, ETH_ALEN, sta);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_get)),
			-EINVAL);
	/* binding-del takes the address and its layer-2 domain only. */
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_BINDING_IPV4, 4, ip4);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_del)), 0);
	nla_put_u32(skb, APEDGE_A_BINDING_DOMAIN, 7);
	nla_put_u16(skb, APEDGE_A_BINDING_VLAN, 4094);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_del)), 0);
	nla_put_u32(skb, APEDGE_A_BINDING_IFINDEX, 7);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_del)),
			-EINVAL);
	/* A VLAN ID is 12 bits, 4095 reserved. */
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_BINDING_IPV4, 4, ip4);
	nla_put_u16(skb, APEDGE_A_BINDING_VLAN, 4095);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_del)),
			-ERANGE);
	/* binding-move: the port moved from may be left out. */
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_BINDING_MAC, ETH_ALEN, sta);
	nla_put_u32(skb, APEDGE_A_BINDING_TO_IFINDEX, 7);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_move)), 0);
	nla_put_u32(skb, APEDGE_A_BINDING_DOMAIN, 7);
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(binding_move)),
			-EINVAL);
}

/* xid */

static int apedge_nl_xid(struct kunit *test, struct nlattr **tb,
			 struct apedge_xid_req *req)
{
	struct apedge_nl_ctx *ctx = test->priv;
	int err;

	err = apedge_nl_parse(test, tb, OP(xid_send));
	if (err)
		return err;
	return apedge_xid_req_parse(tb, req, &ctx->extack);
}

static void apedge_nl_xid_defaults(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	nla_put_string(skb, APEDGE_A_XID_IFNAME, "eth0");
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	KUNIT_ASSERT_EQ(test, apedge_nl_xid(test, tb, &req), 0);
	KUNIT_EXPECT_EQ(test, memcmp(req.sta, sta, ETH_ALEN), 0);
	KUNIT_EXPECT_EQ(test, req.mode, (u32)APEDGE_XID_MODE_TRANSMIT);
	KUNIT_EXPECT_EQ(test, req.vlan, 0);
	KUNIT_EXPECT_EQ(test, req.count, 1U);
	KUNIT_EXPECT_EQ(test, req.interval_ms, 0U);
	KUNIT_EXPECT_EQ(test, req.rw, APEDGE_XID_RW_DEFAULT);
}

static void apedge_nl_xid_all(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	nla_put_u32(skb, APEDGE_A_XID_IFINDEX, 7);
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	nla_put_u32(skb, APEDGE_A_XID_MODE, APEDGE_XID_MODE_INJECT);
	nla_put_u16(skb, APEDGE_A_XID_VLAN, 4094);
	nla_put_u32(skb, APEDGE_A_XID_COUNT, APEDGE_XID_COUNT_MAX);
	nla_put_u32(skb, APEDGE_A_XID_INTERVAL, 300);
	nla_put_u8(skb, APEDGE_A_XID_RW, 0);
	KUNIT_ASSERT_EQ(test, apedge_nl_xid(test, tb, &req), 0);
	KUNIT_EXPECT_EQ(test, req.mode, (u32)APEDGE_XID_MODE_INJECT);
	KUNIT_EXPECT_EQ(test, req.vlan, 4094);
	KUNIT_EXPECT_EQ(test, req.count, (u32)APEDGE_XID_COUNT_MAX);
	KUNIT_EXPECT_EQ(test, req.interval_ms, 300U);
	KUNIT_EXPECT_EQ(test, req.rw, 0);
}

static void apedge_nl_xid_no_sta(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	nla_put_string(skb, APEDGE_A_XID_IFNAME, "eth0");
	KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), -EINVAL);
	KUNIT_EXPECT_STREQ(test, apedge_nl_msg(test),
			   "station address (sta) required");
}

static void apedge_nl_xid_bad_sta(struct kunit *test)
{
	static const u8 bad[][ETH_ALEN] = {
		{ 0, 0, 0, 0, 0, 0 },			/* zero */
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },	/* broadcast */
		{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 },	/* multicast */
	};
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		skb_trim(skb, 0);
		nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, bad[i]);
		KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), -EINVAL);
		KUNIT_EXPECT_STREQ(test, apedge_nl_msg(test),
				   "station address must be unicast and not zero");
	}
}

static void apedge_nl_xid_sta_length(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN - 1, sta);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), -ERANGE);
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN + 2, "\x02\x11\x22\x33\x44\x55\x66");
	KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), -ERANGE);
}

/* One attribute at a value its policy refuses. */
static void apedge_nl_xid_range_one(struct kunit *test, int type, int size,
				    u32 val)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	if (size == 2)
		nla_put_u16(skb, type, val);
	else
		nla_put_u32(skb, type, val);
	KUNIT_EXPECT_EQ_MSG(test, apedge_nl_xid(test, tb, &req), -ERANGE,
			    "attr %d value %u", type, val);
	KUNIT_EXPECT_NOT_NULL(test, apedge_nl_msg(test));
}

static void apedge_nl_xid_ranges(struct kunit *test)
{
	apedge_nl_xid_range_one(test, APEDGE_A_XID_VLAN, 2, 0);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_VLAN, 2, 4095);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_COUNT, 4, 0);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_COUNT, 4,
				APEDGE_XID_COUNT_MAX + 1);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_INTERVAL, 4,
				APEDGE_XID_INTERVAL_MAX + 1);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_MODE, 4, 0);
	apedge_nl_xid_range_one(test, APEDGE_A_XID_MODE, 4,
				APEDGE_XID_MODE_INJECT + 1);
}

static void apedge_nl_xid_interval_needs_burst(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	nla_put_u32(skb, APEDGE_A_XID_INTERVAL, 100);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), -EINVAL);
	KUNIT_EXPECT_STREQ(test, apedge_nl_msg(test),
			   "interval needs a count of 2 or more");

	/* A zero interval is a back-to-back burst, fine with any count. */
	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	nla_put_u32(skb, APEDGE_A_XID_INTERVAL, 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid(test, tb, &req), 0);
}

/* A burst of count frames interval ms apart: accepted or refused. */
static int apedge_nl_xid_burst(struct kunit *test, u32 count, u32 interval)
{
	struct nlattr *tb[APEDGE_A_XID_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);
	struct apedge_xid_req req;

	skb_trim(skb, 0);
	nla_put(skb, APEDGE_A_XID_STA, ETH_ALEN, sta);
	nla_put_u32(skb, APEDGE_A_XID_COUNT, count);
	nla_put_u32(skb, APEDGE_A_XID_INTERVAL, interval);
	return apedge_nl_xid(test, tb, &req);
}

/* (count - 1) * interval is at most APEDGE_XID_SPAN_MAX ms. */
static void apedge_nl_xid_span(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, APEDGE_XID_SPAN_MAX, 10000);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, 2, 10000), 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, 11, 1000), 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, 32, 322), 0);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, 32, 323), -ERANGE);
	KUNIT_EXPECT_STREQ(test, apedge_nl_msg(test),
			   "a burst lasts at most 10000 ms: (count - 1) * interval");
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, 12, 1000), -ERANGE);
	KUNIT_EXPECT_EQ(test, apedge_nl_xid_burst(test, APEDGE_XID_COUNT_MAX,
						  APEDGE_XID_INTERVAL_MAX),
			-ERANGE);
}

static void apedge_nl_stats_policy(struct kunit *test)
{
	struct nlattr *tb[APEDGE_A_STATS_MAX + 1];
	struct sk_buff *skb = apedge_nl_skb(test);

	nla_put_string(skb, APEDGE_A_STATS_IFNAME, "wlan0");
	KUNIT_EXPECT_EQ(test, apedge_nl_parse(test, tb, OP(stats_get)), 0);
	/* Counters are replies only: a request carrying one is refused. */
	nla_put_u64_64bit(skb, APEDGE_A_STATS_XID_TRANSMIT, 1,
			  APEDGE_A_STATS_PAD);
	KUNIT_EXPECT_NE(test, apedge_nl_parse(test, tb, OP(stats_get)), 0);
}

/*
 * The busiest port: every counter not zero, the longest name.  Its stats
 * message fits in what the stats dump asks netlink for, so a dump never
 * fails for it.
 */
static void apedge_nl_stats_busiest(struct kunit *test)
{
	size_t size = nlmsg_total_size(GENL_HDRLEN + apedge_stats_size());
	struct apedge_port port = {};
	struct apedge_reply r = {};
	struct apedge_stats *st;

	st = kunit_kmalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	memset(st, 0xff, sizeof(*st));
	port.dev = alloc_etherdev(0);
	KUNIT_ASSERT_NOT_NULL(test, port.dev);
	strscpy(port.dev->name, "abcdefghijklmno", IFNAMSIZ);
	port.dev->ifindex = INT_MAX;
	r.msg = alloc_skb(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r.msg);

	KUNIT_EXPECT_EQ(test, apedge_stats_put(&r, &port, st), 0);
	KUNIT_EXPECT_LE(test, r.msg->len, size);
	/* More than one page: a dump's default buffer would not hold it. */
	KUNIT_EXPECT_GT(test, r.msg->len, NLMSG_GOODSIZE);
	kfree_skb(r.msg);
	free_netdev(port.dev);
}

static struct kunit_case apedge_netlink_cases[] = {
	KUNIT_CASE(apedge_nl_port_ok),
	KUNIT_CASE(apedge_nl_port_role_range),
	KUNIT_CASE(apedge_nl_port_ifname_too_long),
	KUNIT_CASE(apedge_nl_port_ifname_no_nul),
	KUNIT_CASE(apedge_nl_port_ifindex_zero),
	KUNIT_CASE(apedge_nl_port_wrong_size),
	KUNIT_CASE(apedge_nl_unknown_attr),
	KUNIT_CASE(apedge_nl_ignored_refused),
	KUNIT_CASE(apedge_nl_taken_pass),
	KUNIT_CASE(apedge_nl_l2update_ranges),
	KUNIT_CASE(apedge_nl_xid_defaults),
	KUNIT_CASE(apedge_nl_xid_all),
	KUNIT_CASE(apedge_nl_xid_no_sta),
	KUNIT_CASE(apedge_nl_xid_bad_sta),
	KUNIT_CASE(apedge_nl_xid_sta_length),
	KUNIT_CASE(apedge_nl_xid_ranges),
	KUNIT_CASE(apedge_nl_xid_interval_needs_burst),
	KUNIT_CASE(apedge_nl_xid_span),
	KUNIT_CASE(apedge_nl_stats_policy),
	KUNIT_CASE(apedge_nl_stats_busiest),
	{}
};

static struct kunit_suite apedge_netlink_suite = {
	.name = "apedge_netlink",
	.init = apedge_nl_init,
	.exit = apedge_nl_exit,
	.test_cases = apedge_netlink_cases,
};

kunit_test_suite(apedge_netlink_suite);
