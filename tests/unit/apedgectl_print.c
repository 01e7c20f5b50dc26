// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's print path: replies built as the module builds them,
 * parsed by lib/amsg.c, and the exact text and JSON printed (the same
 * bytes the tool printed before its split by object).
 */
#include <errno.h>
#include <stdlib.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/ctl.h"
#include "nlmb.h"
#include "ut.h"

#define FAM 30

static struct mb m;

static void genl_msg(uint8_t cmd)
{
	mb_genl(&m, FAM, 0, 0, cmd, 1);
}

static void put_u64(uint16_t type, uint64_t v)
{
	mb_attr(&m, type, &v, sizeof(v));
}

static void port_msg(uint32_t ifindex, const char *name, uint32_t role)
{
	genl_msg(APEDGE_CMD_PORT_GET);
	mb_u32(&m, APEDGE_A_PORT_IFINDEX, ifindex);
	mb_str(&m, APEDGE_A_PORT_IFNAME, name);
	mb_u32(&m, APEDGE_A_PORT_ROLE, role);
}

/* What stmt printed on a print path of this form (o), as a string. */
static char outbuf[4096];

#define CAPTURE(json, pretty, stmt) ({					\
	FILE *f;							\
	struct print o;							\
	outbuf[0] = '\0';						\
	f = fmemopen(outbuf, sizeof(outbuf), "w");			\
	print_init(&o, f, json, pretty);				\
	stmt;								\
	print_free(&o);							\
	fclose(f);							\
	outbuf;								\
})

UT_CASE(info)
{
	struct amsg_info info;
	struct amsg_err err;

	genl_msg(APEDGE_CMD_INFO_GET);
	mb_str(&m, APEDGE_A_INFO_VERSION, "0.1.0");
	mb_u32(&m, APEDGE_A_INFO_FEATURES, 0xf);
	mb_end(&m);
	UT_ASSERT(amsg_parse_info(m.buf, m.len, FAM, &info, &err) == 0);
	UT_EXPECT_STR(info.version, "0.1.0");
	UT_EXPECT(info.features == 0xf);
	UT_EXPECT_STR(CAPTURE(false, false, info_print(&o, &info)),
		      "version 0.1.0\nfeatures xid-transmit xid-inject xid-vlan xid-burst\n");
	UT_EXPECT_STR(CAPTURE(true, false, info_print(&o, &info)),
		      "{\"version\":\"0.1.0\",\"features\":[\"xid-transmit\",\"xid-inject\",\"xid-vlan\",\"xid-burst\"]}\n");
	info.features = 0x711;
	UT_EXPECT_STR(CAPTURE(true, true, info_print(&o, &info)),
		      "{\n  \"version\": \"0.1.0\",\n  \"features\": [\"xid-transmit\", \"guard\", \"l2update-relay\", \"auth\", \"bit10\"]\n}\n");
	info.features = 0;
	UT_EXPECT_STR(CAPTURE(false, false, info_print(&o, &info)),
		      "version 0.1.0\nfeatures\n");
	UT_EXPECT_STR(CAPTURE(true, false, info_print(&o, &info)),
		      "{\"version\":\"0.1.0\",\"features\":[]}\n");
}

UT_CASE(port)
{
	struct amsg_port p;
	struct amsg_err err;

	port_msg(3, "va", APEDGE_PORT_ROLE_TRUSTED);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.ifindex == 3 && p.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT_STR(p.ifname, "va");
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role trusted\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       port_print(&o, &p), print_arr_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"},"
		      "{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"}]\n");
	UT_EXPECT_STR(CAPTURE(true, true,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       print_arr_end(&o))),
		      "[\n  {\n    \"ifindex\": 3,\n    \"ifname\": \"va\",\n"
		      "    \"role\": \"trusted\"\n  }\n]\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL), print_arr_end(&o))),
		      "[]\n");
	UT_EXPECT_STR(CAPTURE(true, true,
			      (print_arr_begin(&o, NULL), print_arr_end(&o))),
		      "[]\n");
	UT_EXPECT_STR(CAPTURE(false, false,
			      (print_arr_begin(&o, NULL), print_arr_end(&o))),
		      "");
	/* Monitor events: one compact object a line. */
	UT_EXPECT_STR(CAPTURE(true, false,
			      port_event_print(&o, "port-del", &p)),
		      "{\"event\":\"port-del\",\"ifindex\":3,\"ifname\":\"va\",\"role\":\"trusted\"}\n");
	UT_EXPECT_STR(CAPTURE(false, false,
			      port_event_print(&o, "port-add", &p)),
		      "port-add 3: va role trusted\n");
	/* A role this tool does not know. */
	p.role = 9;
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role unknown\n");
	/* A relay port, and how the module checks its updates. */
	p.role = APEDGE_PORT_ROLE_UNTRUSTED;
	p.has_l2update_relay = p.l2update_relay = true;
	p.has_l2update_relay_path = true;
	p.l2update_relay_path = APEDGE_L2RELAY_PATH_MAC80211;
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role untrusted l2update-relay on (mac80211)\n");
	UT_EXPECT_STR(CAPTURE(true, false, port_print(&o, &p)),
		      "{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\","
		      "\"l2update_relay\":\"on\",\"l2update_relay_path\":\"mac80211\"}\n");
	p.l2update_relay_path = APEDGE_L2RELAY_PATH_CFG80211;
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role untrusted l2update-relay on (cfg80211)\n");
}

UT_CASE(stats)
{
	static struct amsg_stats st;
	struct stats_text t;
	struct amsg_err err;

	genl_msg(APEDGE_CMD_STATS_GET);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 5);
	mb_str(&m, APEDGE_A_STATS_IFNAME, "wlan0");
	put_u64(APEDGE_A_STATS_XID_TRANSMIT, 1ULL << 40);
	put_u64(APEDGE_A_STATS_XID_INJECT, 2);
	put_u64(APEDGE_A_STATS_XID_ERRORS, 0);
	mb_end(&m);
	UT_ASSERT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == 0);
	UT_EXPECT(st.xid_transmit == 1ULL << 40 && st.xid_inject == 2);
	UT_EXPECT_STR(CAPTURE(true, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "[{\"ifindex\":5,\"ifname\":\"wlan0\",\"xid_transmit\":1099511627776,"
		      "\"xid_inject\":2,\"xid_errors\":0,\"punt_sent\":0,"
		      "\"punt_ratelimited\":0,\"punt_overflow\":0,\"sg_drop_ipv4\":0,\"sg_drop_ipv6\":0,\"sg_drop_arp\":0,\"sg_drop_nd\":0,\"sg_drop_ll\":0,\"sg_drop_lla\":0"
		      ",\"snoop_ports\":0,\"snoop_untrusted\":0,\"snoop_no_request\":0,\"snoop_chaddr\":0,\"snoop_unbound\":0,\"snoop_overflow\":0,\"dhcp_chaddr_drop\":0,"
		      "\"l2update_relayed\":0,\"l2update_refused\":0,\"l2update_overflow\":0}]\n");
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "wlan0                  5  1099511627776              2              0\n");
}

UT_CASE(policy_and_counters)
{
	static struct amsg_stats st;
	struct stats_text t;
	struct amsg_port p;
	struct amsg_err err;

	port_msg(3, "va", APEDGE_PORT_ROLE_UNTRUSTED);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_DROP);
	mb_nest_end(&m);
	mb_nest_start(&m, APEDGE_A_PORT_POLICY);
	mb_u32(&m, APEDGE_A_POLICY_CLASS, APEDGE_POLICY_CLASS_ND_RS);
	mb_u32(&m, APEDGE_A_POLICY_VERDICT, APEDGE_VERDICT_PASS);
	mb_nest_end(&m);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, FAM, &p, &err) == 0);
	UT_EXPECT(p.n_policy == 2);
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role untrusted\n    drop nd-ra\n");
	UT_EXPECT_STR(CAPTURE(true, false, port_event_print(&o, "x", &p)),
		      "{\"event\":\"x\",\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\"}\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       print_arr_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\","
		      "\"policy\":{\"nd-rs\":\"pass\",\"nd-ra\":\"drop\"}}]\n");
	UT_EXPECT_STR(CAPTURE(true, true,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       print_arr_end(&o))),
		      "[\n  {\n    \"ifindex\": 3,\n    \"ifname\": \"va\",\n"
		      "    \"role\": \"untrusted\",\n    \"policy\": {\n"
		      "      \"nd-rs\": \"pass\",\n      \"nd-ra\": \"drop\"\n"
		      "    }\n  }\n]\n");
	/* Two classes dropped, one of them newer than this tool. */
	p.policy[30] = APEDGE_VERDICT_DROP;
	p.n_policy++;
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role untrusted\n    drop nd-ra 30\n");

	genl_msg(APEDGE_CMD_STATS_GET);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 3);
	mb_str(&m, APEDGE_A_STATS_IFNAME, "va");
	mb_nest_start(&m, APEDGE_A_STATS_COUNTER);
	mb_u32(&m, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mb_u32(&m, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_DHCPV4_SERVER);
	mb_u32(&m, APEDGE_A_COUNTER_VERDICT, APEDGE_VERDICT_DROP);
	put_u64(APEDGE_A_COUNTER_PACKETS, 7);
	mb_nest_end(&m);
	mb_nest_start(&m, APEDGE_A_STATS_COUNTER);
	mb_u32(&m, APEDGE_A_COUNTER_DIRECTION, APEDGE_DIRECTION_EGRESS);
	mb_u32(&m, APEDGE_A_COUNTER_CLASS, APEDGE_POLICY_CLASS_MALFORMED);
	mb_u32(&m, APEDGE_A_COUNTER_REASON, APEDGE_MALFORMED_REASON_FRAG_NOL4);
	put_u64(APEDGE_A_COUNTER_PACKETS, 1);
	mb_nest_end(&m);
	mb_end(&m);
	UT_ASSERT(amsg_parse_stats(m.buf, m.len, FAM, &st, &err) == 0);
	UT_EXPECT(st.n_counters == 2);
	UT_EXPECT_STR(CAPTURE(true, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"xid_transmit\":0,"
		      "\"xid_inject\":0,\"xid_errors\":0,\"punt_sent\":0,"
		      "\"punt_ratelimited\":0,\"punt_overflow\":0,\"sg_drop_ipv4\":0,\"sg_drop_ipv6\":0,\"sg_drop_arp\":0,\"sg_drop_nd\":0,\"sg_drop_ll\":0,\"sg_drop_lla\":0"
		      ",\"snoop_ports\":0,\"snoop_untrusted\":0,\"snoop_no_request\":0,\"snoop_chaddr\":0,\"snoop_unbound\":0,\"snoop_overflow\":0,\"dhcp_chaddr_drop\":0,"
		      "\"l2update_relayed\":0,\"l2update_refused\":0,\"l2update_overflow\":0,\"counters\":["
		      "{\"direction\":\"ingress\",\"class\":\"dhcpv4-server\",\"verdict\":\"drop\",\"packets\":7},"
		      "{\"direction\":\"egress\",\"class\":\"malformed\",\"reason\":\"frag-nol4\",\"packets\":1}]}]\n");
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "va                     3              0              0              0\n"
		      "\n"
		      "PORT             DIR     CLASS             VERDICT          PACKETS\n"
		      "va               ingress dhcpv4-server     drop                   7\n"
		      "va               egress  malformed         frag-nol4              1\n");
	/* The layout -j -p gave the counters. */
	UT_EXPECT_STR(CAPTURE(true, true,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "[\n  {\n    \"ifindex\": 3,\n    \"ifname\": \"va\",\n"
		      "    \"xid_transmit\": 0,\n    \"xid_inject\": 0,\n"
		      "    \"xid_errors\": 0,\n    \"punt_sent\": 0,\n"
		      "    \"punt_ratelimited\": 0,\n    \"punt_overflow\": 0,\n"
		      "    \"sg_drop_ipv4\": 0,\n    \"sg_drop_ipv6\": 0,\n"
		      "    \"sg_drop_arp\": 0,\n    \"sg_drop_nd\": 0,\n"
		      "    \"sg_drop_ll\": 0,\n    \"sg_drop_lla\": 0,\n"
		      "    \"snoop_ports\": 0,\n    \"snoop_untrusted\": 0,\n    \"snoop_no_request\": 0,\n    \"snoop_chaddr\": 0,\n    \"snoop_unbound\": 0,\n    \"snoop_overflow\": 0,\n    \"dhcp_chaddr_drop\": 0,\n"
		      "    \"l2update_relayed\": 0,\n    \"l2update_refused\": 0,\n"
		      "    \"l2update_overflow\": 0,\n"
		      "    \"counters\": [\n      {\n"
		      "        \"direction\": \"ingress\",\n"
		      "        \"class\": \"dhcpv4-server\",\n"
		      "        \"verdict\": \"drop\",\n"
		      "        \"packets\": 7\n      },\n      {\n"
		      "        \"direction\": \"egress\",\n"
		      "        \"class\": \"malformed\",\n"
		      "        \"reason\": \"frag-nol4\",\n"
		      "        \"packets\": 1\n      }\n    ]\n  }\n]\n");
}

UT_CASE(punt)
{
	static struct amsg_punt pu;
	struct amsg_err err;

	genl_msg(APEDGE_CMD_PUNT_NTF);
	mb_u32(&m, APEDGE_A_PUNT_IFINDEX, 3);
	mb_u32(&m, APEDGE_A_PUNT_DIRECTION, APEDGE_DIRECTION_INGRESS);
	mb_u32(&m, APEDGE_A_PUNT_CLASS, APEDGE_POLICY_CLASS_ND_RA);
	mb_u32(&m, APEDGE_A_PUNT_VERDICT, APEDGE_VERDICT_REDIRECT);
	mb_u32(&m, APEDGE_A_PUNT_LEN, 1500);
	mb_attr(&m, APEDGE_A_PUNT_PACKET, "\x60\x00\xff", 3);
	mb_end(&m);
	UT_ASSERT(amsg_parse_punt(m.buf, m.len, FAM, &pu, &err) == 0);
	UT_EXPECT(pu.caplen == 3 && pu.len == 1500);
	UT_EXPECT_STR(CAPTURE(false, false, punt_print(&o, &pu, "va")),
		      "punt 3: va ingress nd-ra redirect 1500 bytes\n");
	UT_EXPECT_STR(CAPTURE(false, false, punt_print(&o, &pu, "")),
		      "punt 3: if3 ingress nd-ra redirect 1500 bytes\n");
	UT_EXPECT_STR(CAPTURE(true, false, punt_print(&o, &pu, "")),
		      "{\"event\":\"punt\",\"ifindex\":3,\"direction\":\"ingress\","
		      "\"class\":\"nd-ra\",\"verdict\":\"redirect\",\"len\":1500,"
		      "\"packet\":\"6000ff\"}\n");
	UT_EXPECT_STR(CAPTURE(true, false, punt_print(&o, &pu, "va")),
		      "{\"event\":\"punt\",\"ifindex\":3,\"ifname\":\"va\","
		      "\"direction\":\"ingress\",\"class\":\"nd-ra\","
		      "\"verdict\":\"redirect\",\"len\":1500,"
		      "\"packet\":\"6000ff\"}\n");
	/* With the frame's Ethernet addresses. */
	pu.has_mac = true;
	memcpy(pu.src_mac, "\x02\x00\x5e\x00\x53\x02", 6);
	memcpy(pu.dst_mac, "\x33\x33\x00\x01\x00\x02", 6);
	UT_EXPECT_STR(CAPTURE(false, false, punt_print(&o, &pu, "va")),
		      "punt 3: va ingress nd-ra redirect "
		      "02:00:5e:00:53:02 > 33:33:00:01:00:02 1500 bytes\n");
	UT_EXPECT_STR(CAPTURE(true, false, punt_print(&o, &pu, "")),
		      "{\"event\":\"punt\",\"ifindex\":3,\"direction\":\"ingress\","
		      "\"class\":\"nd-ra\",\"verdict\":\"redirect\","
		      "\"src_mac\":\"02:00:5e:00:53:02\","
		      "\"dst_mac\":\"33:33:00:01:00:02\",\"len\":1500,"
		      "\"packet\":\"6000ff\"}\n");
}

/*
 * Interface names are bytes that whoever named the interface chose (a
 * container's root, seen with -n): the JSON stays valid, and no control
 * character reaches the terminal in text.
 */
UT_CASE(hostile_names)
{
	struct amsg_port p = { .ifindex = 3, .role = 1 };
	static struct amsg_stats st = { .ifindex = 3, .n_counters = 1,
					.sg_arp = 1 };
	struct stats_text t;

	strcpy(p.ifname, "a\"\\\n\xff\x1b[2J");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       print_arr_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"a\\\"\\\\\\n\\ufffd\\u001b[2J\","
		      "\"role\":\"untrusted\"}]\n");
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: a\"\\?\xff?[2J role untrusted\n");
	UT_EXPECT_STR(CAPTURE(false, false,
			      port_event_print(&o, "port-add", &p)),
		      "port-add 3: a\"\\?\xff?[2J role untrusted\n");
	strcpy(st.ifname, "\x1b]0;x\x07");
	st.counters[0].direction = APEDGE_DIRECTION_INGRESS;
	st.counters[0].class = APEDGE_POLICY_CLASS_ND_RA;
	st.counters[0].verdict = APEDGE_VERDICT_DROP;
	UT_EXPECT(strchr(CAPTURE(false, false,
				 (stats_begin(&o, &t),
				  stats_print(&o, &t, &st),
				  stats_end(&o, &t, true))), '\x1b') == NULL);
	UT_EXPECT(strstr(outbuf, "\n?]0;x?           ingress") != NULL);
	UT_EXPECT(strstr(outbuf, "\n?]0;x?                        0") != NULL);
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

UT_MAIN("apedgectl_print",
	UT_ENTRY(info),
	UT_ENTRY(port),
	UT_ENTRY(stats),
	UT_ENTRY(policy_and_counters),
	UT_ENTRY(punt),
	UT_ENTRY(hostile_names),
	UT_ENTRY(ctl_reply))
