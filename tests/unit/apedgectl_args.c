// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's argument parser: every command form, every bad input.
 */
#include <stdlib.h>

#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"
#include "actl_line.h"
#include "ut.h"

UT_CASE(info_and_options)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("info", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_INFO && !r.json && !r.pretty);
	UT_ASSERT(parse("-j -p info", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_INFO && r.json && r.pretty);
	UT_ASSERT(parse("-jp info", &r, err) == 0);
	UT_EXPECT(r.json && r.pretty);
	UT_ASSERT(parse("--json info", &r, err) == 0);
	UT_EXPECT(r.json);
	UT_ASSERT(parse("-s /tmp/x.sock daemon status", &r, err) == 0);
	UT_EXPECT_STR(r.ctrl_path, "/tmp/x.sock");
	UT_ASSERT(parse("-V", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_VERSION);
	UT_ASSERT(parse("-h", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP);
	UT_ASSERT(parse("help", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP);
}

UT_CASE(port_forms)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("port add dev eth0", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_ADD);
	UT_EXPECT_STR(r.ifname, "eth0");
	UT_EXPECT(r.role == 0);
	UT_ASSERT(parse("port add dev wlan0 role trusted", &r, err) == 0);
	UT_EXPECT(r.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_ASSERT(parse("port add role untrusted ifindex 7", &r, err) == 0);
	UT_EXPECT(r.role == APEDGE_PORT_ROLE_UNTRUSTED && r.ifindex == 7);
	UT_ASSERT(parse("port del dev eth0", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_DEL);
	UT_ASSERT(parse("port delete dev eth0", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_DEL);
	UT_ASSERT(parse("port", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW && !r.ifname[0]);
	UT_ASSERT(parse("port show", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW);
	UT_ASSERT(parse("port list dev eth1", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW);
	UT_EXPECT_STR(r.ifname, "eth1");
}

UT_CASE(xid_forms)
{
	struct actl_req r;
	char err[256];
	static const uint8_t sta[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

	UT_ASSERT(parse("xid send dev eth0 sta 02:11:22:33:44:55", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_XID_SEND);
	UT_EXPECT(r.has_sta && !memcmp(r.sta, sta, 6));
	UT_EXPECT(r.mode == 0 && r.vlan == 0 && r.count == 0);
	UT_EXPECT(!r.has_interval && !r.has_rw);

	UT_ASSERT(parse("xid send sta 02:11:22:33:44:55 dev eth0 mode inject "
			"vlan 4094 count 32 interval 10000 rw 0x00", &r, err) == 0);
	UT_EXPECT(r.mode == APEDGE_XID_MODE_INJECT);
	UT_EXPECT(r.vlan == 4094 && r.count == 32);
	UT_EXPECT(r.has_interval && r.interval == 10000);
	UT_EXPECT(r.has_rw && r.rw == 0);

	UT_ASSERT(parse("xid send dev eth0 sta 02:11:22:33:44:55 mode transmit vlan 1 count 1",
			&r, err) == 0);
	UT_EXPECT(r.mode == APEDGE_XID_MODE_TRANSMIT && r.vlan == 1 && r.count == 1);
	/* A zero interval is a back-to-back burst: allowed without count. */
	UT_ASSERT(parse("xid send dev eth0 sta 02:11:22:33:44:55 interval 0",
			&r, err) == 0);
	UT_ASSERT(parse("xid send dev eth0 sta 02-11-22-33-44-55 rw 255",
			&r, err) == 0);
	UT_EXPECT(r.rw == 255);
}

UT_CASE(stats_monitor_daemon)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("stats", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS && !r.ifname[0]);
	UT_ASSERT(parse("stats show dev eth0", &r, err) == 0);
	UT_EXPECT_STR(r.ifname, "eth0");
	UT_ASSERT(parse("-j stats dev eth0", &r, err) == 0);
	UT_EXPECT(r.json);
	UT_ASSERT(parse("stats reset", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS_RESET && !r.ifname[0]);
	UT_ASSERT(parse("stats reset dev va", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS_RESET);
	UT_EXPECT_STR(r.ifname, "va");
	UT_EXPECT(parse("stats reset now", &r, err) == -1);
	UT_EXPECT_STR(err, "stats reset: unexpected \"now\"");
	UT_ASSERT(parse("monitor daemon", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_MONITOR && r.monitor_daemon);
	UT_ASSERT(parse("monitor d", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_MONITOR && r.monitor_daemon);
	UT_ASSERT(parse("monitor", &r, err) == 0);
	UT_EXPECT(!r.monitor_daemon);
	UT_EXPECT(r.cmd == ACTL_CMD_MONITOR);
	UT_ASSERT(parse("daemon", &r, err) == 0);
	UT_EXPECT_STR(r.daemon_req, "status");
	UT_ASSERT(parse("daemon reload", &r, err) == 0);
	UT_EXPECT_STR(r.daemon_req, "reload");
	UT_ASSERT(parse("daemon ping", &r, err) == 0);
	UT_EXPECT_STR(r.daemon_req, "ping");
}

UT_CASE(prefixes)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("por sh", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW);
	UT_ASSERT(parse("port a d eth0 r t", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_ADD && r.role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT_STR(r.ifname, "eth0");
	UT_ASSERT(parse("port add dev eth0 role u", &r, err) == 0);
	UT_EXPECT(r.role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_ASSERT(parse("port d i 4", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_DEL && r.ifindex == 4);
	UT_ASSERT(parse("port l", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW);
	UT_ASSERT(parse("x s d eth0 st 02:11:22:33:44:55 m i v 7 c 3 in 5 r 1",
			&r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_XID_SEND && r.has_sta);
	UT_EXPECT(r.mode == APEDGE_XID_MODE_INJECT && r.vlan == 7);
	UT_EXPECT(r.count == 3 && r.interval == 5 && r.rw == 1);
	UT_ASSERT(parse("s", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS);
	UT_ASSERT(parse("st sh d eth0", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS);
	UT_EXPECT_STR(r.ifname, "eth0");
	UT_ASSERT(parse("stats d eth1", &r, err) == 0);
	UT_EXPECT_STR(r.ifname, "eth1");
	UT_ASSERT(parse("i", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_INFO);
	UT_ASSERT(parse("m", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_MONITOR);
	/* The daemon gets the whole word. */
	UT_ASSERT(parse("d r", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_DAEMON);
	UT_EXPECT_STR(r.daemon_req, "reload");
	UT_ASSERT(parse("daemon s", &r, err) == 0);
	UT_EXPECT_STR(r.daemon_req, "status");
	UT_ASSERT(parse("pol s dev eth0 nd-ra drop", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_POLICY_SET);
	/* Exact words win; the old aliases stay. */
	UT_ASSERT(parse("port delete dev eth0", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_DEL);
	UT_ASSERT(parse("port ls", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SHOW);
	/* A value that is not a keyword is left alone: a device "d". */
	UT_ASSERT(parse("port add dev d", &r, err) == 0);
	UT_EXPECT_STR(r.ifname, "d");
}

UT_CASE(numbers_and_netns)
{
	struct actl_req r;
	char err[256];

	/* Decimal, or hex after 0x; a leading 0 is not octal. */
	UT_ASSERT(parse("xid send dev eth0 sta 02:11:22:33:44:55 vlan 010 "
			"count 0x1f interval 09 rw 0XFF", &r, err) == 0);
	UT_EXPECT(r.vlan == 10 && r.count == 31 && r.interval == 9);
	UT_EXPECT(r.rw == 255);

	UT_ASSERT(parse("info", &r, err) == 0);
	UT_EXPECT(r.netns == NULL);
	UT_ASSERT(parse("-n blue -j port show", &r, err) == 0);
	UT_EXPECT_STR(r.netns, "blue");
	UT_EXPECT(r.json && r.cmd == ACTL_CMD_PORT_SHOW);
	UT_ASSERT(parse("--netns /proc/1/ns/net info", &r, err) == 0);
	UT_EXPECT_STR(r.netns, "/proc/1/ns/net");
}

/* Each bad line and the exact error it must give. */
static const struct {
	const char *line;
	const char *err;
} bad[] = {
	{ "", "no command given (try -h)" },
	{ "-x info", "unknown option \"-x\" (try -h)" },
	{ "frob", "unknown command \"frob\" (try -h)" },
	{ "info extra", "info: unexpected \"extra\"" },
	{ "port frob", "port: unknown command \"frob\" (add, del, set, show)" },
	{ "port add", "port add: \"dev IF\" is required" },
	{ "port del", "port del: \"dev IF\" is required" },
	{ "port add dev", "\"dev\" needs a value" },
	{ "port add dev eth0 role", "\"role\" needs a value" },
	{ "port add dev eth0 role boss", "role \"boss\": use trusted or untrusted" },
	{ "port add dev abcdefghijklmnop", "\"abcdefghijklmnop\" is not a valid interface name" },
	{ "port add dev a/b", "\"a/b\" is not a valid interface name" },
	{ "port add dev a:b", "\"a:b\" is not a valid interface name" },
	{ "port add dev ..", "\"..\" is not a valid interface name" },
	{ "port add dev eth0 dev eth1", "the device is given twice" },
	{ "port add ifindex 0", "ifindex 0: out of range 1..2147483647" },
	{ "port add ifindex x", "ifindex \"x\": not a number" },
	{ "port del dev eth0 role trusted", "port del: unexpected \"role\"" },
	{ "xid", "xid: unknown command \"\" (send)" },
	{ "xid recv", "xid: unknown command \"recv\" (send)" },
	{ "xid send sta 02:00:00:00:00:01", "xid send: \"dev IF\" is required" },
	{ "xid send dev eth0", "xid send: \"sta MAC\" is required" },
	{ "xid send dev eth0 sta zz", "sta \"zz\": not a MAC address (xx:xx:xx:xx:xx:xx)" },
	{ "xid send dev eth0 sta 02:00:00:00:00", "sta \"02:00:00:00:00\": not a MAC address (xx:xx:xx:xx:xx:xx)" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01:02", "sta \"02:00:00:00:00:01:02\": not a MAC address (xx:xx:xx:xx:xx:xx)" },
	{ "xid send dev eth0 sta 01:00:5e:00:00:01", "sta 01:00:5e:00:00:01: must be a unicast, non-zero address" },
	{ "xid send dev eth0 sta 00:00:00:00:00:00", "sta 00:00:00:00:00:00: must be a unicast, non-zero address" },
	{ "xid send dev eth0 sta ff:ff:ff:ff:ff:ff", "sta ff:ff:ff:ff:ff:ff: must be a unicast, non-zero address" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 mode flood", "mode \"flood\": use transmit or inject" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 vlan 0", "vlan 0: out of range 1..4094" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 vlan 4095", "vlan 4095: out of range 1..4094" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 vlan -1", "vlan \"-1\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 vlan 99999999999999999999", "vlan \"99999999999999999999\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 0", "count 0: out of range 1..32" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 33", "count 33: out of range 1..32" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 3 interval 10001", "interval 10001: out of range 0..10000" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 interval 100", "xid send: interval needs a count of 2 or more" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 rw 256", "rw 256: out of range 0..255" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 2x", "count \"2x\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 frob 1", "xid send: unexpected \"frob\"" },
	{ "stats role x", "stats: unexpected \"role\"" },
	{ "monitor now", "monitor: unknown command \"now\" (module, daemon)" },
	{ "monitor daemon now", "monitor: unexpected \"now\"" },
	{ "daemon stop", "daemon: unknown command \"stop\" (status, ping, reload)" },
	{ "daemon status now", "daemon: unexpected \"now\"" },
	{ "-s", "\"-s\" needs a value" },
	{ "-n", "\"-n\" needs a value" },
	{ "p", "\"p\" is ambiguous (port, policy)" },
	{ "po show", "\"po\" is ambiguous (port, policy)" },
	{ "port add dev eth0 role x", "role \"x\": use trusted or untrusted" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 i 1", "\"i\" is ambiguous (ifindex, interval)" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 mode x", "mode \"x\": use transmit or inject" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 0x", "count \"0x\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 0x-1", "count \"0x-1\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count +1", "count \"+1\": not a number" },
	{ "xid send dev eth0 sta 02:00:00:00:00:01 count 1 2", "xid send: unexpected \"2\"" },
	{ "port del r trusted", "port del: unexpected \"r\"" },
	/* More words than the verb takes: the first one too many. */
	{ "port del dev eth0 dev eth1", "port del: unexpected \"dev\"" },
	{ "daemon ping now", "daemon: unexpected \"now\"" },
	{ "stats reset dev va dev vb", "stats reset: unexpected \"dev\"" },
	{ "stats show show", "stats: unexpected \"show\"" },
	/* A quoted word stays on the error's one line. */
	{ "port\nadd", "unknown command \"port?add\" (try -h)" },
	{ "port add dev eth\t0", "\"eth?0\" is not a valid interface name" },
};

UT_CASE(bad_inputs)
{
	struct actl_req r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse(bad[i].line, &r, err);

		if (rc != -1)
			fprintf(stderr, "  accepted: %s\n", bad[i].line);
		UT_EXPECT(rc == -1);
		UT_EXPECT_STR(err, bad[i].err);
	}
}

UT_CASE(policy_set)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("policy set dev va nd-ra pass dhcpv4-server drop", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_POLICY_SET);
	UT_EXPECT(r.policy[APEDGE_POLICY_CLASS_ND_RA] == APEDGE_VERDICT_PASS);
	UT_EXPECT(r.policy[APEDGE_POLICY_CLASS_DHCPV4_SERVER] == APEDGE_VERDICT_DROP);
	UT_EXPECT(r.policy[APEDGE_POLICY_CLASS_ND_NS] == 0);
	UT_ASSERT(parse("policy set dev va nd-ra redirect punt-rate 5", &r, err) == 0);
	UT_EXPECT(r.policy[APEDGE_POLICY_CLASS_ND_RA] == APEDGE_VERDICT_REDIRECT);
	UT_EXPECT(r.has_punt_rate && r.punt_rate == 5);
	UT_ASSERT(parse("policy set dev va punt-rate 0", &r, err) == 0);
	UT_EXPECT(r.has_punt_rate && r.punt_rate == 0);
	UT_EXPECT(parse("policy set dev va punt-rate 10001", &r, err) == -1);
	UT_EXPECT_STR(err, "punt-rate 10001: out of range 0..10000");
	UT_EXPECT(parse("policy set dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "policy set: no \"CLASS VERDICT\" or punt-rate given");
	UT_EXPECT(parse("policy set dev va nd-xx pass", &r, err) == -1);
	UT_EXPECT_STR(err, "policy set: unknown class \"nd-xx\"");
	UT_EXPECT(parse("policy set dev va nd-ra maybe", &r, err) == -1);
	UT_EXPECT_STR(err, "nd-ra \"maybe\": use pass, drop, copy or redirect");
	UT_EXPECT(parse("policy set nd-ra drop", &r, err) == -1);
	UT_EXPECT_STR(err, "policy set: \"dev IF\" is required");
	UT_EXPECT(parse("policy get", &r, err) == -1);
	UT_EXPECT_STR(err, "policy: unknown command \"get\" (set)");
}

UT_CASE(names)
{
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_PORT_ADD), "port add");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_XID_SEND), "xid send");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_STATS), "stats");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_STATS_RESET), "stats reset");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_DAEMON), "daemon");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_INFO), "info");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_MONITOR), "monitor");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_HELP), "help");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_VERSION), "version");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_NONE), "?");
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_COUNT), "?");
}

/* The usage text, written from the tables. */
static char *usage_of(const struct actl_object *obj)
{
	static char *buf;
	size_t len = 0;
	FILE *f;

	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	actl_usage(f, obj);
	fclose(f);
	return buf;
}

UT_CASE(help)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("help port", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP && r.help == &actl_obj_port);
	UT_ASSERT(parse("port help", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP && r.help == &actl_obj_port);
	UT_ASSERT(parse("sta help", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP && r.help == &actl_obj_sta);
	UT_ASSERT(parse("station help", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP && r.help == &actl_obj_station);
	UT_ASSERT(parse("station show dev wlan1", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATION_SHOW &&
		  !strcmp(r.ifname, "wlan1"));
	UT_ASSERT(parse("station", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATION_SHOW && !r.ifname[0]);
	UT_EXPECT(parse("station show dev", &r, err) == -1);
	UT_ASSERT(parse("help st", &r, err) == 0);
	UT_EXPECT(r.help == &actl_obj_stats);
	UT_ASSERT(parse("help", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_HELP && !r.help);
	UT_EXPECT(parse("help frob", &r, err) == -1);
	UT_EXPECT_STR(err, "unknown command \"frob\" (try -h)");
	UT_EXPECT(parse("help port add", &r, err) == -1);
	UT_EXPECT_STR(err, "help: unexpected \"add\"");

	UT_EXPECT(strstr(usage_of(NULL),
			 "\n  xid send dev IF sta MAC [mode transmit|inject] "
			 "[vlan VID]\n           [count N [interval MS]] "
			 "[rw BYTE]\n") != NULL);
	UT_EXPECT(strstr(usage_of(NULL), "\n  port add dev IF ") != NULL);
	UT_EXPECT(strstr(usage_of(NULL), "list") == NULL);
	UT_EXPECT_STR(usage_of(&actl_obj_binding),
		      "binding: addresses bound to a station's MAC address "
		      "and port (the source guard's table)\n"
		      "Usage:\n"
		      "  apedgectl [OPTIONS] binding add ip ADDR[/LEN] mac MAC "
		      "dev IF [lifetime SECS]\n"
		      "  apedgectl [OPTIONS] binding del ip ADDR[/LEN]\n"
		      "  apedgectl [OPTIONS] binding show [dev IF | ip "
		      "ADDR[/LEN]]\n"
		      "  apedgectl [OPTIONS] binding limit [N]\n"
		      "  apedgectl [OPTIONS] binding move mac MAC dev IF to IF\n"
		      "\"binding\" alone is \"binding show\".\n");
}

/* The tables agree with themselves and with the commands. */
UT_CASE(tables)
{
	bool seen[ACTL_CMD_COUNT] = { false };
	const struct actl_verb *v, *w;
	unsigned int i, c;

	for (i = 0; actl_objects[i]; i++) {
		const struct actl_object *o = actl_objects[i];

		UT_EXPECT(o->name && o->help && o->verbs && o->verbs->name);
		if (o->default_verb) {
			for (v = o->verbs; v->name; v++)
				if (!strcmp(v->name, o->default_verb))
					break;
			UT_EXPECT(v->name != NULL);
		}
		for (v = o->verbs; v->name; v++) {
			UT_EXPECT(v->min_args <= v->max_args);
			UT_EXPECT(v->cmd > ACTL_CMD_NONE &&
				  v->cmd < ACTL_CMD_COUNT);
			UT_EXPECT(v->cmd == ACTL_CMD_HELP || v->run);
			UT_EXPECT(v->max_args == 0 || v->parse);
			seen[v->cmd] = true;
			for (w = v + 1; w->name; w++)
				UT_EXPECT(strcmp(v->name, w->name));
		}
	}
	for (c = ACTL_CMD_NONE + 1; c < ACTL_CMD_COUNT; c++)
		if (c != ACTL_CMD_VERSION && !seen[c]) {
			fprintf(stderr, "  command %u has no verb\n", c);
			UT_EXPECT(seen[c]);
		}
}

UT_MAIN("apedgectl_args",
	UT_ENTRY(info_and_options),
	UT_ENTRY(port_forms),
	UT_ENTRY(xid_forms),
	UT_ENTRY(stats_monitor_daemon),
	UT_ENTRY(prefixes),
	UT_ENTRY(numbers_and_netns),
	UT_ENTRY(bad_inputs),
	UT_ENTRY(policy_set),
	UT_ENTRY(names),
	UT_ENTRY(help),
	UT_ENTRY(tables))
