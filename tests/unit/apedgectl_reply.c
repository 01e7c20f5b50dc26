// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's reply parsers and output: messages built as the kernel
 * builds them, malformed ones, and the exact text and JSON printed.
 */
#include <errno.h>
#include <stdlib.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/apedge.h>

#include "apedgectl/ctl.h"
#include "apedgectl/output.h"
#include "apedgectl/reply.h"
#include "ut.h"

static char buf[4096];

static struct nlmsghdr *genl_msg(uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 30;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

static struct nlmsghdr *port_msg(uint32_t ifindex, const char *name,
				 uint32_t role)
{
	struct nlmsghdr *nlh = genl_msg(APEDGE_CMD_PORT_GET);

	mnl_attr_put_u32(nlh, APEDGE_A_PORT_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, APEDGE_A_PORT_IFNAME, name);
	mnl_attr_put_u32(nlh, APEDGE_A_PORT_ROLE, role);
	return nlh;
}

/* Run fn on a memory stream and return what it printed (static). */
static char outbuf[2048];

#define CAPTURE(json, pretty, stmt) ({					\
	FILE *f = fmemopen(outbuf, sizeof(outbuf), "w");		\
	struct out o;							\
	out_init(&o, f, json, pretty);					\
	stmt;								\
	fclose(f);							\
	outbuf;								\
})

UT_CASE(info)
{
	struct nlmsghdr *nlh = genl_msg(APEDGE_CMD_INFO_GET);
	struct actl_info info;

	mnl_attr_put_strz(nlh, APEDGE_A_INFO_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, APEDGE_A_INFO_FEATURES, 0xf);
	UT_ASSERT(actl_parse_info(nlh, &info) == 0);
	UT_EXPECT_STR(info.version, "0.1.0");
	UT_EXPECT(info.features == 0xf);
	UT_EXPECT_STR(CAPTURE(false, false, out_info(&o, &info)),
		      "version 0.1.0\nfeatures xid-transmit xid-inject xid-vlan xid-burst\n");
	UT_EXPECT_STR(CAPTURE(true, false, out_info(&o, &info)),
		      "{\"version\":\"0.1.0\",\"features\":[\"xid-transmit\",\"xid-inject\",\"xid-vlan\",\"xid-burst\"]}\n");
	info.features = 0x111;
	UT_EXPECT_STR(CAPTURE(true, true, out_info(&o, &info)),
		      "{\n  \"version\": \"0.1.0\",\n  \"features\": [\"xid-transmit\", \"guard\", \"bit8\"]\n}\n");
}

UT_CASE(port)
{
	struct actl_port p;

	UT_ASSERT(actl_parse_port(port_msg(3, "va", APEDGE_PORT_ROLE_TRUSTED), &p) == 0);
	UT_EXPECT(p.ifindex == 3 && p.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT_STR(p.ifname, "va");
	UT_EXPECT_STR(CAPTURE(false, false, out_port(&o, &p)),
		      "3: va role trusted\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (out_list_begin(&o, NULL), out_port(&o, &p),
			       out_port(&o, &p), out_list_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"},"
		      "{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"}]\n");
	UT_EXPECT_STR(CAPTURE(true, true,
			      (out_list_begin(&o, NULL), out_port(&o, &p),
			       out_list_end(&o))),
		      "[\n  {\n    \"ifindex\": 3,\n    \"ifname\": \"va\",\n"
		      "    \"role\": \"trusted\"\n  }\n]\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (out_list_begin(&o, NULL), out_list_end(&o))),
		      "[]\n");
	UT_EXPECT_STR(CAPTURE(true, true, out_event(&o, "port-del", &p)),
		      "{\"event\":\"port-del\",\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"}\n");
}

UT_CASE(stats)
{
	struct nlmsghdr *nlh = genl_msg(APEDGE_CMD_STATS_GET);
	struct actl_stats st;

	mnl_attr_put_u32(nlh, APEDGE_A_STATS_IFINDEX, 5);
	mnl_attr_put_strz(nlh, APEDGE_A_STATS_IFNAME, "wlan0");
	mnl_attr_put_u64(nlh, APEDGE_A_STATS_XID_TRANSMIT, 1ULL << 40);
	mnl_attr_put_u64(nlh, APEDGE_A_STATS_XID_INJECT, 2);
	mnl_attr_put_u64(nlh, APEDGE_A_STATS_XID_ERRORS, 0);
	UT_ASSERT(actl_parse_stats(nlh, &st) == 0);
	UT_EXPECT(st.xid_transmit == 1ULL << 40 && st.xid_inject == 2);
	UT_EXPECT_STR(CAPTURE(true, false,
			      (out_list_begin(&o, NULL), out_stats(&o, &st),
			       out_list_end(&o))),
		      "[{\"ifindex\":5,\"ifname\":\"wlan0\",\"xid_transmit\":1099511627776,"
		      "\"xid_inject\":2,\"xid_errors\":0,\"punt_sent\":0,"
		      "\"punt_ratelimited\":0,\"punt_overflow\":0,\"sg_drop_ipv4\":0,\"sg_drop_ipv6\":0,\"sg_drop_arp\":0,\"sg_drop_nd\":0}]\n");
}

UT_CASE(policy_and_counters)
{
	struct nlmsghdr *nlh = port_msg(3, "va", APEDGE_PORT_ROLE_UNTRUSTED);
	struct nlattr *nest;
	struct actl_port p;
	static struct actl_stats st;

	nest = mnl_attr_nest_start(nlh, APEDGE_A_PORT_POLICY);
	mnl_attr_put_u32(nlh, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mnl_attr_put_u32(nlh, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_DROP);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, APEDGE_A_PORT_POLICY);
	mnl_attr_put_u32(nlh, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RS);
	mnl_attr_put_u32(nlh, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_PASS);
	mnl_attr_nest_end(nlh, nest);
	UT_ASSERT(actl_parse_port(nlh, &p) == 0);
	UT_EXPECT(p.npolicy == 2);
	UT_EXPECT_STR(CAPTURE(false, false, out_port(&o, &p)),
		      "3: va role untrusted\n    drop nd-ra\n");
	UT_EXPECT_STR(CAPTURE(true, false, out_event(&o, "x", &p)),
		      "{\"event\":\"x\",\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\"}\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (out_list_begin(&o, NULL), out_port(&o, &p),
			       out_list_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\","
		      "\"policy\":{\"nd-rs\":\"pass\",\"nd-ra\":\"drop\"}}]\n");

	/* A policy entry without its verdict. */
	nest = mnl_attr_nest_start(nlh, APEDGE_A_PORT_POLICY);
	mnl_attr_put_u32(nlh, APEDGE_A_POLICY_CLASS, 1);
	mnl_attr_nest_end(nlh, nest);
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);

	nlh = genl_msg(APEDGE_CMD_STATS_GET);
	mnl_attr_put_u32(nlh, APEDGE_A_STATS_IFINDEX, 3);
	mnl_attr_put_strz(nlh, APEDGE_A_STATS_IFNAME, "va");
	nest = mnl_attr_nest_start(nlh, APEDGE_A_STATS_COUNTER);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_DHCPV4_SERVER);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_VERDICT, APEDGE_VERDICT_DROP);
	mnl_attr_put_u64(nlh, APEDGE_A_COUNTER_PACKETS, 7);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, APEDGE_A_STATS_COUNTER);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_EGRESS);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_MALFORMED);
	mnl_attr_put_u32(nlh, APEDGE_A_COUNTER_REASON, APEDGE_MALFORMED_REASON_FRAG_NOL4);
	mnl_attr_put_u64(nlh, APEDGE_A_COUNTER_PACKETS, 1);
	mnl_attr_nest_end(nlh, nest);
	UT_ASSERT(actl_parse_stats(nlh, &st) == 0);
	UT_EXPECT(st.ncounters == 2);
	UT_EXPECT_STR(CAPTURE(true, false,
			      (out_list_begin(&o, NULL), out_stats(&o, &st),
			       out_list_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"xid_transmit\":0,"
		      "\"xid_inject\":0,\"xid_errors\":0,\"punt_sent\":0,"
		      "\"punt_ratelimited\":0,\"punt_overflow\":0,\"sg_drop_ipv4\":0,\"sg_drop_ipv6\":0,\"sg_drop_arp\":0,\"sg_drop_nd\":0,\"counters\":["
		      "{\"direction\":\"ingress\",\"class\":\"dhcpv4-server\",\"verdict\":\"drop\",\"packets\":7},"
		      "{\"direction\":\"egress\",\"class\":\"malformed\",\"reason\":\"frag-nol4\",\"packets\":1}]}]\n");
	UT_EXPECT_STR(CAPTURE(false, false, out_counters(&o, &st)),
		      "va               ingress dhcpv4-server     drop                   7\n"
		      "va               egress  malformed         frag-nol4              1\n");
}

UT_CASE(punt)
{
	struct nlmsghdr *nlh = genl_msg(APEDGE_CMD_PUNT_NTF);
	static struct actl_punt pu;

	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_IFINDEX, 3);
	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_VERDICT, APEDGE_VERDICT_REDIRECT);
	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_LEN, 1500);
	mnl_attr_put(nlh, APEDGE_A_PUNT_PACKET, 3, "\x60\x00\xff");
	UT_ASSERT(actl_parse_punt(nlh, &pu) == 0);
	UT_EXPECT(pu.caplen == 3 && pu.len == 1500);
	UT_EXPECT_STR(CAPTURE(false, false, out_punt(&o, &pu, "va")),
		      "punt 3: va ingress nd-ra redirect 1500 bytes\n");
	UT_EXPECT_STR(CAPTURE(true, true, out_punt(&o, &pu, "")),
		      "{\"event\":\"punt\",\"ifindex\":3,\"direction\":\"ingress\","
		      "\"class\":\"nd-ra\",\"verdict\":\"redirect\",\"len\":1500,"
		      "\"packet\":\"6000ff\"}\n");
	/* More than the snap length is a malformed punt. */
	nlh = genl_msg(APEDGE_CMD_PUNT_NTF);
	mnl_attr_put_u32(nlh, APEDGE_A_PUNT_IFINDEX, 3);
	mnl_attr_put(nlh, APEDGE_A_PUNT_PACKET, ACTL_PUNT_SNAPLEN + 1, buf + 2048);
	UT_EXPECT(actl_parse_punt(nlh, &pu) == -1);
}

UT_CASE(malformed)
{
	struct nlmsghdr *nlh;
	struct actl_port p;
	struct actl_info info;

	/* No ifindex. */
	nlh = genl_msg(APEDGE_CMD_PORT_GET);
	mnl_attr_put_strz(nlh, APEDGE_A_PORT_IFNAME, "va");
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	/* ifindex of the wrong size. */
	nlh = genl_msg(APEDGE_CMD_PORT_GET);
	mnl_attr_put_u16(nlh, APEDGE_A_PORT_IFINDEX, 3);
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	/* A name without its NUL. */
	nlh = genl_msg(APEDGE_CMD_PORT_GET);
	mnl_attr_put_u32(nlh, APEDGE_A_PORT_IFINDEX, 3);
	mnl_attr_put(nlh, APEDGE_A_PORT_IFNAME, 2, "va");
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	/* A name too long for an interface. */
	nlh = genl_msg(APEDGE_CMD_PORT_GET);
	mnl_attr_put_u32(nlh, APEDGE_A_PORT_IFINDEX, 3);
	mnl_attr_put_strz(nlh, APEDGE_A_PORT_IFNAME, "abcdefghijklmnopq");
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	/* An attribute longer than the message. */
	nlh = port_msg(3, "va", 1);
	((struct nlattr *)((char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN))->nla_len = 200;
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	/* Shorter than a genetlink header. */
	nlh = genl_msg(APEDGE_CMD_PORT_GET);
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	UT_EXPECT(actl_parse_port(nlh, &p) == -1);
	UT_EXPECT(actl_genl_cmd(nlh) == -1);
	/* info without a version. */
	nlh = genl_msg(APEDGE_CMD_INFO_GET);
	mnl_attr_put_u32(nlh, APEDGE_A_INFO_FEATURES, 1);
	UT_EXPECT(actl_parse_info(nlh, &info) == -1);
	/* Unknown attributes from a newer module are skipped. */
	nlh = port_msg(3, "va", 1);
	mnl_attr_put_u32(nlh, 25, 7);
	UT_EXPECT(actl_parse_port(nlh, &p) == 0);
}

/* Found by the fuzzer: lengths libmnl alone would have walked past. */
UT_CASE(message_bounds)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_len = 0xd4d4d4d4;
	UT_EXPECT(!actl_nlmsg_ok(nlh, 16));
	nlh->nlmsg_len = 30;	/* padded to 32, but only 30 bytes there */
	UT_EXPECT(!actl_nlmsg_ok(nlh, 30));
	UT_EXPECT(actl_nlmsg_ok(nlh, 32));
	nlh->nlmsg_len = 8;
	UT_EXPECT(!actl_nlmsg_ok(nlh, 32));
	nlh->nlmsg_len = 16;
	UT_EXPECT(!actl_nlmsg_ok(nlh, 12));
}

UT_CASE(errors)
{
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;
	char msg[64];
	int err;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -ENODEV;
	e->msg.nlmsg_len = 64;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "no such device");
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	UT_ASSERT(actl_parse_error(nlh, &err, msg, sizeof(msg)) == 0);
	UT_EXPECT(err == -ENODEV);
	UT_EXPECT_STR(msg, "no such device");

	/* An ACK. */
	e->error = 0;
	nlh->nlmsg_flags = NLM_F_CAPPED;
	nlh->nlmsg_len = NLMSG_HDRLEN + sizeof(*e);
	UT_ASSERT(actl_parse_error(nlh, &err, msg, sizeof(msg)) == 0);
	UT_EXPECT(err == 0);
	UT_EXPECT_STR(msg, "");

	/* Not capped: the echoed request claims more than there is. */
	nlh->nlmsg_flags = NLM_F_ACK_TLVS;
	e->error = -EINVAL;
	e->msg.nlmsg_len = 0xfffffff0;
	UT_EXPECT(actl_parse_error(nlh, &err, msg, sizeof(msg)) == -1);
	/* An errno out of range. */
	nlh->nlmsg_flags = NLM_F_CAPPED;
	e->error = 5;
	UT_EXPECT(actl_parse_error(nlh, &err, msg, sizeof(msg)) == -1);
	/* Too short. */
	nlh->nlmsg_len = NLMSG_HDRLEN + 4;
	UT_EXPECT(actl_parse_error(nlh, &err, msg, sizeof(msg)) == -1);
}

UT_CASE(family)
{
	struct nlmsghdr *nlh = genl_msg(CTRL_CMD_NEWFAMILY);
	struct nlattr *grps, *grp;
	uint32_t grp_id;
	uint16_t id;

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "apedge");
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 42);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "other");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 9);
	mnl_attr_nest_end(nlh, grp);
	grp = mnl_attr_nest_start(nlh, 2);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "events");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 11);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, grps);
	UT_ASSERT(actl_parse_family(nlh, "events", &id, &grp_id) == 0);
	UT_EXPECT(id == 42 && grp_id == 11);
	UT_ASSERT(actl_parse_family(nlh, "nope", &id, &grp_id) == 0);
	UT_EXPECT(grp_id == 0);
}

/* The controller announcing a family's end, for the monitor. */
UT_CASE(event_kind)
{
	struct nlmsghdr *nlh = genl_msg(APEDGE_CMD_PORT_ADD_NTF);

	nlh->nlmsg_type = 42;
	UT_EXPECT(actl_event_kind(nlh, 42) == ACTL_EV_FAMILY);
	UT_EXPECT(actl_event_kind(nlh, 43) == ACTL_EV_OTHER);

	nlh = genl_msg(CTRL_CMD_DELFAMILY);
	nlh->nlmsg_type = GENL_ID_CTRL;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "apedge");
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 42);
	UT_EXPECT(actl_event_kind(nlh, 42) == ACTL_EV_GONE);
	/* Another family's end, or another command, is not ours. */
	UT_EXPECT(actl_event_kind(nlh, 43) == ACTL_EV_OTHER);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd = CTRL_CMD_NEWFAMILY;
	UT_EXPECT(actl_event_kind(nlh, 42) == ACTL_EV_OTHER);
	/* A malformed one is ignored. */
	nlh = genl_msg(CTRL_CMD_DELFAMILY);
	nlh->nlmsg_type = GENL_ID_CTRL;
	mnl_attr_put_u32(nlh, CTRL_ATTR_FAMILY_ID, 42);
	UT_EXPECT(actl_event_kind(nlh, 42) == ACTL_EV_OTHER);
	nlh->nlmsg_len = NLMSG_HDRLEN;
	UT_EXPECT(actl_event_kind(nlh, 42) == ACTL_EV_OTHER);
}

UT_CASE(json_escape)
{
	FILE *f = fmemopen(outbuf, sizeof(outbuf), "w");

	json_string(f, "a\"b\\c\n\x01\x7f");
	fclose(f);
	UT_EXPECT_STR(outbuf, "\"a\\\"b\\\\c\\n\\u0001\\u007f\"");
}

/* Valid UTF-8 passes as is; any other byte becomes U+FFFD. */
UT_CASE(json_utf8)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
		{ "\xe2\x82\xac\xf0\x9f\x93\xb6", "\"\xe2\x82\xac\xf0\x9f\x93\xb6\"" },
		{ "\xef\xbf\xbf", "\"\xef\xbf\xbf\"" },
		{ "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },
		{ "a\xff" "b", "\"a\\ufffdb\"" },
		{ "\x80", "\"\\ufffd\"" },
		/* Overlong, surrogate, above U+10FFFF, truncated. */
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"" },
		{ "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xc3", "\"\\ufffd\"" },
		{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },
		{ "\xe2\x82x", "\"\\ufffd\\ufffdx\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		FILE *f = fmemopen(outbuf, sizeof(outbuf), "w");

		json_string(f, v[i].in);
		fclose(f);
		UT_EXPECT_STR(outbuf, v[i].out);
	}
}

UT_CASE(ctl_reply)
{
	char a[] = "ok\n{\"x\":1}\n", b[] = "error no such port\n",
	     c[] = "okay", d[] = "ok";
	const char *body;

	UT_EXPECT(actl_ctl_split(a, &body) == 1);
	UT_EXPECT_STR(body, "{\"x\":1}\n");
	UT_EXPECT(actl_ctl_split(b, &body) == 0);
	UT_EXPECT_STR(body, "no such port");
	UT_EXPECT(actl_ctl_split(c, &body) == -1);
	UT_EXPECT(actl_ctl_split(d, &body) == 1);
	UT_EXPECT_STR(body, "");
}

UT_MAIN("apedgectl_reply",
	UT_ENTRY(info),
	UT_ENTRY(port),
	UT_ENTRY(stats),
	UT_ENTRY(policy_and_counters),
	UT_ENTRY(punt),
	UT_ENTRY(malformed),
	UT_ENTRY(message_bounds),
	UT_ENTRY(errors),
	UT_ENTRY(family),
	UT_ENTRY(event_kind),
	UT_ENTRY(json_escape),
	UT_ENTRY(json_utf8),
	UT_ENTRY(ctl_reply))
