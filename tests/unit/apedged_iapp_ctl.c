// SPDX-License-Identifier: GPL-2.0
/* The control socket's sta words and the station list's JSON. */
#include <errno.h>
#include <string.h>

#include "apedged/ctl.h"
#include "iapp/ctl.h"
#include "lib/ctrl.h"
#include "ut.h"

/* Split line on spaces and parse it as "add ...". */
static int parse(const char *line, struct sta_add_req *req, char *err)
{
	static char buf[512];
	char *argv[32];
	int argc = 0;
	char *tok, *save;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 32;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	return sta_add_parse(argc, argv, req, err, 160);
}

static int bad(const char *line, const char *what)
{
	struct sta_add_req req;
	char err[160] = "";

	if (parse(line, &req, err) != -EINVAL) {
		fprintf(stderr, "  accepted: %s\n", line);
		return 0;
	}
	if (!strstr(err, what)) {
		fprintf(stderr, "  %s: got \"%s\", want ...%s...\n", line,
			err, what);
		return 0;
	}
	return 1;
}

UT_CASE(add_words)
{
	struct sta_add_req r;
	char err[160];

	UT_ASSERT(parse("add wlan0 02:00:00:00:00:05", &r, err) == 0);
	UT_EXPECT_STR(r.ifname, "wlan0");
	UT_EXPECT(r.mac[0] == 2 && r.mac[5] == 5);
	UT_EXPECT(!r.authorized && !r.has_prev_ap && !r.vlan);
	UT_EXPECT(r.ctx.n_ipv4 == 0 && r.ctx.n_ipv6 == 0);

	UT_ASSERT(parse("add wlan0.1 02-00-00-00-00-06 vlan 4094 authorized "
			"prev-ap 02:00:00:00:01:00 ip 10.0.0.50 ip 2001:db8::1 "
			"ip 10.0.0.50", &r, err) == 0);
	UT_EXPECT(r.vlan == 4094 && r.ctx.vlan == 4094 && r.authorized);
	UT_EXPECT(r.has_prev_ap && r.prev_ap[4] == 1);
	/* The same address twice is kept once. */
	UT_EXPECT(r.ctx.n_ipv4 == 1 && r.ctx.ipv4[0].addr[3] == 50);
	UT_EXPECT(r.ctx.n_ipv6 == 1 && r.ctx.ipv6[0].addr[15] == 1);
	UT_ASSERT(parse("add w 02:00:00:00:00:05 authorized unauthorized", &r,
			err) == 0);
	UT_EXPECT(!r.authorized);
}

UT_CASE(add_bad)
{
	UT_EXPECT(bad("add", "usage: sta add"));
	UT_EXPECT(bad("add wlan0", "usage: sta add"));
	UT_EXPECT(bad("add wl/an0 02:00:00:00:00:05", "invalid interface"));
	UT_EXPECT(bad("add wlan0 02:00:00:00:00", "invalid station"));
	UT_EXPECT(bad("add wlan0 02:00:00:00:00:05x", "invalid station"));
	UT_EXPECT(bad("add wlan0 01:00:5e:00:00:01", "invalid station"));
	UT_EXPECT(bad("add wlan0 00:00:00:00:00:00", "invalid station"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 vlan", "'vlan' needs a value"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 vlan 0", "invalid vlan"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 vlan 4095", "invalid vlan"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 vlan -1", "invalid vlan"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 vlan 1x", "invalid vlan"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 prev-ap zz", "invalid prev-ap"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 ip 10.0.0", "invalid ip"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 ip", "'ip' needs a value"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 kick", "unexpected word"));
	UT_EXPECT(bad("add w 02:00:00:00:00:05 ip 1.0.0.1 ip 1.0.0.2 "
		      "ip 1.0.0.3 ip 1.0.0.4 ip 1.0.0.5 ip 1.0.0.6 ip 1.0.0.7 "
		      "ip 1.0.0.8 ip 1.0.0.9", "too many addresses"));
}

UT_CASE(list_json)
{
	struct sta_table t;
	struct strbuf sb;
	struct sta *s;
	uint8_t m1[MAC_LEN] = { 2, 0, 0, 0, 0, 1 };
	uint8_t m2[MAC_LEN] = { 2, 0, 0, 0, 0, 2 };
	uint8_t a[4] = { 10, 0, 0, 50 };
	int err;

	sta_table_init(&t);
	sb_init(&sb);
	sta_format_list(&t, 0, &sb);
	UT_EXPECT_STR(sb_str(&sb), "{\"stations\": []}");

	s = sta_associate(&t, m1, "wlan0", 10, 100, 7, &err);
	UT_ASSERT(s);
	sta_authorize(s, 100);
	s->has_prev_ap = true;
	s->prev_ap[0] = 2;
	sta_ctx_add_ipv4(&s->ctx, a, 60);
	s->ctx.n_ipv6 = 1;
	s->ctx.ipv6[0].addr[0] = 0xfe;
	s->ctx.ipv6[0].addr[1] = 0x80;
	s->ctx.ipv6[0].addr[15] = 1;
	s->ctx_fetched = true;
	/* A gone one is not listed. */
	sta_note_seq(&t, m2, 9, 100);
	sb_reset(&sb);
	sta_format_list(&t, 350, &sb);
	UT_EXPECT_STR(sb_str(&sb),
		"{\"stations\": [{\"mac\": \"02:00:00:00:00:01\", "
		"\"ifname\": \"wlan0\", \"state\": \"authorized\", "
		"\"vlan\": 10, \"seq\": 7, \"age_ms\": 250, "
		"\"prev_ap\": \"02:00:00:00:00:00\", \"ipv4\": [\"10.0.0.50\"], "
		"\"ipv6\": [\"fe80::1\"], \"context_fetched\": true}]}");

	UT_EXPECT(sta_mac_parse("02:00:00:00:00:01", m2) == 0);
	UT_EXPECT(sta_mac_parse("02:00:00:00:00:01 ", m2) == -EINVAL);
	UT_EXPECT(sta_mac_parse("03:00:00:00:00:01", m2) == -EINVAL);
	sb_free(&sb);
	sta_table_free(&t);
}

/*
 * The longest sta add apedgectl sends (lib/ctrl.h): through the control
 * socket's word split, as the daemon does, and parsed; IPv4 and IPv6
 * count together.  One address more is refused by name.
 */
UT_CASE(add_limit_shared)
{
	char line[1024], req[1024], err[160] = "";
	char *argv[CTRL_ARGS_MAX];
	struct sta_add_req r;
	size_t len;
	int argc, i;

	len = (size_t)snprintf(line, sizeof(line), "sta add wlan0 "
			       "02:00:00:00:00:05 authorized vlan 5 prev-ap "
			       "02:00:00:00:01:00");
	for (i = 0; i < APEDGE_STA_ADD_IPS_MAX; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len,
					i % 2 ? " ip 2001:db8::%d" :
					" ip 10.0.0.%d", i + 1);
	memcpy(req, line, len + 1);
	argc = ctrl_split(req, len, argv, CTRL_ARGS_MAX);
	UT_ASSERT(argc == APEDGE_STA_ADD_WORDS_MAX);
	UT_ASSERT(sta_add_parse(argc - 1, argv + 1, &r, err, sizeof(err)) ==
		  0);
	UT_EXPECT(r.ctx.n_ipv4 + r.ctx.n_ipv6 == APEDGE_STA_ADD_IPS_MAX);
	UT_EXPECT(r.vlan == 5 && r.authorized && r.has_prev_ap);

	len += (size_t)snprintf(line + len, sizeof(line) - len,
				" ip 2001:db8::99");
	memcpy(req, line, len + 1);
	argc = ctrl_split(req, len, argv, CTRL_ARGS_MAX);
	UT_ASSERT(argc == APEDGE_STA_ADD_WORDS_MAX + 2);
	UT_EXPECT(sta_add_parse(argc - 1, argv + 1, &r, err, sizeof(err)) ==
		  -EINVAL);
	UT_EXPECT_STR(err, "too many addresses (at most 8)");
}

UT_MAIN("apedged_iapp_ctl", UT_ENTRY(add_words), UT_ENTRY(add_bad),
	UT_ENTRY(add_limit_shared),
	UT_ENTRY(list_json))
