// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's sta and iapp words: parsing, the request line sent to
 * apedged, the JSON reader and the text output of the replies.
 */
#include <stdlib.h>
#include <string.h>

#include "apedgectl/args.h"
#include "lib/ctrl.h"
#include "lib/jsonv.h"
#include "apedgectl/cmd.h"
#include "actl_line.h"
#include "ut.h"

UT_CASE(sta_words)
{
	struct actl_req r;
	char err[256];

	UT_EXPECT_STR(line_of("sta add dev wlan0 mac 02:00:00:00:00:05"),
		      "sta add wlan0 02:00:00:00:00:05 unauthorized\n");
	UT_EXPECT_STR(line_of("-s /tmp/x sta add mac 02:00:00:00:00:05 dev "
			      "wlan0 vlan 10 authorized prev-ap "
			      "02:00:00:00:01:00 ip 10.0.0.50 ip 2001:db8::5"),
		      "sta add wlan0 02:00:00:00:00:05 authorized vlan 10 "
		      "prev-ap 02:00:00:00:01:00 ip 10.0.0.50 ip 2001:db8::5\n");
	/* Shortened keywords; the last of authorized/unauthorized wins. */
	UT_EXPECT_STR(line_of("sta ad d w0 m 02:00:00:00:00:05 au un"),
		      "sta add w0 02:00:00:00:00:05 unauthorized\n");
	UT_EXPECT_STR(line_of("sta authorize mac 02:00:00:00:00:05"),
		      "sta authorize 02:00:00:00:00:05\n");
	UT_EXPECT_STR(line_of("sta del mac 02:00:00:00:00:05"),
		      "sta del 02:00:00:00:00:05\n");
	UT_EXPECT_STR(line_of("sta show"), "sta show\n");
	UT_EXPECT_STR(line_of("sta"), "sta show\n");
	UT_EXPECT_STR(line_of("iapp"), "iapp show\n");
	UT_EXPECT_STR(line_of("-j iapp sh"), "iapp show\n");
	UT_EXPECT_STR(line_of("daemon ping"), "ping\n");

	UT_ASSERT(parse("-j sta show", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STA_SHOW && r.json);
	UT_EXPECT(actl_cmd_is_daemon(r.cmd));
	UT_ASSERT(parse("sta add dev wlan0 mac 02:00:00:00:00:05 vlan 7",
			&r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STA_ADD && r.vlan == 7 && r.has_sta);
	UT_EXPECT(!actl_cmd_is_daemon(ACTL_CMD_PORT_ADD));
	/* "st" is still stats, "i" still info. */
	UT_ASSERT(parse("st", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_STATS);
	UT_ASSERT(parse("i", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_INFO);
	UT_EXPECT_STR(actl_cmd_name(ACTL_CMD_IAPP_SHOW), "iapp show");
	UT_EXPECT(strstr(line_of("sta a d w0 m 02:00:00:00:00:05"),
			 "ambiguous (add, authorize)") != NULL);
}

UT_CASE(sta_bad)
{
	UT_EXPECT_STR(line_of("sta add mac 02:00:00:00:00:05"),
		      "ERROR: sta add: \"dev IF\" is required");
	UT_EXPECT_STR(line_of("sta add dev wlan0"),
		      "ERROR: sta add: \"mac MAC\" is required");
	UT_EXPECT_STR(line_of("sta del"),
		      "ERROR: sta del: \"mac MAC\" is required");
	UT_EXPECT_STR(line_of("sta add dev w mac 03:00:00:00:00:05"),
		      "ERROR: mac 03:00:00:00:00:05: must be a unicast, "
		      "non-zero address");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05x"),
		      "ERROR: mac \"02:00:00:00:00:05x\": not a MAC address "
		      "(xx:xx:xx:xx:xx:xx)");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05 vlan 4095"),
		      "ERROR: vlan 4095: out of range 1..4094");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05 ip a;b"),
		      "ERROR: ip \"a;b\": not an address");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05 ip"),
		      "ERROR: \"ip\" needs a value");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05 ip 1.1.1.1 "
			      "ip 1.1.1.2 ip 1.1.1.3 ip 1.1.1.4 ip 1.1.1.5 "
			      "ip 1.1.1.6 ip 1.1.1.7 ip 1.1.1.8 ip 1.1.1.9"),
		      "ERROR: sta add: at most 8 addresses");
	UT_EXPECT_STR(line_of("sta authorize mac 02:00:00:00:00:05 vlan 3"),
		      "ERROR: sta authorize: unexpected \"vlan\"");
	UT_EXPECT_STR(line_of("sta kick"),
		      "ERROR: sta: unknown command \"kick\" (add, authorize, "
		      "del, show)");
	UT_EXPECT_STR(line_of("sta show x"),
		      "ERROR: sta show: unexpected \"x\"");
	UT_EXPECT_STR(line_of("iapp reset"),
		      "ERROR: iapp: unknown command \"reset\" (show)");
	UT_EXPECT_STR(line_of("sta add dev w mac 02:00:00:00:00:05 mac "
			      "02:00:00:00:00:06"),
		      "ERROR: the station is given twice");
}

UT_CASE(json_reader)
{
	static const char text[] =
		" {\"a\": 1, \"b\": [true, false, null, \"x\\\"y\\u0041\"],"
		" \"c\": {\"d\": 18446744073709551615}, \"e\": -1.5e3} ";
	const struct jv *root, *b, *c;
	struct jv_doc d;
	char buf[32];

	UT_ASSERT(jv_parse(text, strlen(text), &d) == 0);
	root = jv_root(&d);
	UT_ASSERT(root && root->type == JV_OBJ);
	UT_EXPECT(jv_u64(jv_get(&d, root, "a")) == 1);
	b = jv_get(&d, root, "b");
	UT_ASSERT(b && b->type == JV_ARR);
	c = jv_first(&d, b);
	UT_EXPECT(c && c->type == JV_BOOL && c->b);
	c = jv_next(&d, jv_next(&d, jv_next(&d, c)));
	UT_ASSERT(c && c->type == JV_STR);
	jv_str(c, buf, sizeof(buf));
	UT_EXPECT_STR(buf, "x\"yA");
	UT_EXPECT(!jv_next(&d, c));
	UT_EXPECT(jv_u64(jv_get(&d, jv_get(&d, root, "c"), "d")) ==
		  18446744073709551615ull);
	UT_EXPECT(jv_u64(jv_get(&d, root, "e")) == 0);
	UT_EXPECT(!jv_get(&d, root, "zz"));
	/* An object's or array's whole text, as dhcp6 leases reprints it. */
	c = jv_get(&d, root, "c");
	UT_EXPECT(c->len == 27 && !memcmp(c->s, "{\"d\": 18446744073709551615}",
					  c->len));
	UT_EXPECT(b->len == 33 && b->s[0] == '[' && b->s[b->len - 1] == ']');
	UT_EXPECT(root->s == text + 1 && root->s[root->len - 1] == '}');
	UT_EXPECT(!jv_get(&d, b, "a"));
	jv_free(&d);

	UT_EXPECT(jv_parse("", 0, &d) < 0);
	UT_EXPECT(jv_parse("{", 1, &d) < 0);
	UT_EXPECT(jv_parse("{\"a\" 1}", 7, &d) < 0);
	UT_EXPECT(jv_parse("[1,]", 4, &d) < 0);
	UT_EXPECT(jv_parse("[1] x", 5, &d) < 0);
	UT_EXPECT(jv_parse("\"\\q\"", 4, &d) < 0);
	UT_EXPECT(jv_parse("\"\\u12\"", 6, &d) < 0);
	UT_EXPECT(jv_parse("\"a\nb\"", 5, &d) < 0);
	UT_EXPECT(jv_parse("tru", 3, &d) < 0);
	{
		char deep[100];

		memset(deep, '[', sizeof(deep));
		UT_EXPECT(jv_parse(deep, sizeof(deep), &d) < 0);
	}
}

static char *text_of(const char *json, bool iapp)
{
	struct jv_doc d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (jv_parse(json, strlen(json), &d) == 0) {
		if (iapp)
			iapp_print_text(f, &d);
		else
			sta_print_text(f, &d);
		jv_free(&d);
	}
	fclose(f);
	return buf;
}

UT_CASE(text_output)
{
	char *t;

	t = text_of("{\"stations\": [{\"mac\": \"02:00:00:00:00:05\", "
		    "\"ifname\": \"wlan0\", \"state\": \"authorized\", "
		    "\"vlan\": 10, \"seq\": 7, \"age_ms\": 5, \"prev_ap\": null, "
		    "\"ipv4\": [\"10.0.0.50\"], \"ipv6\": [], "
		    "\"context_fetched\": true}]}", false);
	UT_EXPECT_STR(t,
		"STATION            IFNAME           STATE       VLAN    SEQ  "
		"PREV-AP            ADDRESSES\n"
		"02:00:00:00:00:05  wlan0            authorized    10      7  "
		"-                  10.0.0.50 (fetched)\n");
	free(t);
	t = text_of("{\"enabled\": true, \"interface\": \"va\", "
		    "\"listening\": true, \"port\": 3517, \"ttl\": 1, "
		    "\"auth\": false, \"kick-method\": \"none\", \"bssids\": 1, "
		    "\"stations\": 2, \"cached\": 0, \"connections\": 0, "
		    "\"sent\": {\"add-notify\": 3}, \"received\": "
		    "{\"add-notify\": 4}, \"add\": {\"kicked\": 1}, "
		    "\"auth-failures\": 2}", true);
	UT_EXPECT_STR(t,
		"iapp yes on va, listening yes, port 3517, ttl 1, auth no, "
		"kick none\n"
		"2 station(s), 0 cached, 1 BSSID(s) mapped, 0 connection(s)\n"
		"\n"
		"MESSAGE                  SENT     RECEIVED\n"
		"add-notify                  3            4\n"
		"\n"
		"GROUP            OUTCOME                     COUNT\n"
		"add              kicked                          1\n"
		"auth-failures    -                               2\n");
	free(t);
}

/* Words of a line, as the daemon splits it. */
static int words(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && (s[1] == ' ' || s[1] == '\n' ||
						 !s[1]))
			n++;
	return n;
}

/*
 * As many addresses as the daemon takes (lib/ctrl.h) pass, with every
 * other option, in a line the daemon splits; one more is refused here.
 */
UT_CASE(sta_add_limit)
{
	char cmd[600];
	const char *l;
	size_t len;
	int i;

	len = (size_t)snprintf(cmd, sizeof(cmd), "sta add dev wlan0 mac "
			       "02:00:00:00:00:05 vlan 5 authorized prev-ap "
			       "02:00:00:00:01:00");
	for (i = 0; i < APEDGE_STA_ADD_IPS_MAX; i++)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len,
					i % 2 ? " ip 2001:db8::%d" :
					" ip 10.0.0.%d", i + 1);
	l = line_of(cmd);
	UT_EXPECT(strncmp(l, "ERROR", 5) != 0);
	UT_EXPECT(words(l) == APEDGE_STA_ADD_WORDS_MAX);
	UT_EXPECT(words(l) <= APEDGE_CTRL_WORDS_MAX);
	snprintf(cmd + len, sizeof(cmd) - len, " ip 10.0.0.99");
	UT_EXPECT_STR(line_of(cmd), "ERROR: sta add: at most 8 addresses");
}

UT_MAIN("apedgectl_iapp", UT_ENTRY(sta_words), UT_ENTRY(sta_bad),
	UT_ENTRY(json_reader), UT_ENTRY(text_output),
	UT_ENTRY(sta_add_limit))
