// SPDX-License-Identifier: GPL-2.0
/* The status JSON and the string buffer under it. */
#include <string.h>

#include <linux/apedge.h>

#include "apedged/status.h"
#include "lib/strbuf.h"
#include "ut.h"

static const char *json_of(struct strbuf *sb, const char *s)
{
	sb_reset(sb);
	sb_json_string(sb, s);
	return sb_str(sb);
}

UT_CASE(json_strings)
{
	struct strbuf sb;

	sb_init(&sb);
	UT_EXPECT_STR(sb_str(&sb), "");
	UT_EXPECT_STR(json_of(&sb, "eth0"), "\"eth0\"");
	UT_EXPECT_STR(json_of(&sb, "a\"b\\c"), "\"a\\\"b\\\\c\"");
	UT_EXPECT_STR(json_of(&sb, "\n\t\x01\x7f"), "\"\\n\\t\\u0001\\u007f\"");
	UT_EXPECT_STR(json_of(&sb, "\xc3\xa9t\xc3\xa9"), "\"\xc3\xa9t\xc3\xa9\"");
	/* Not UTF-8: a stray continuation byte, a cut sequence, overlong. */
	UT_EXPECT_STR(json_of(&sb, "a\x80z"), "\"a\\ufffdz\"");
	UT_EXPECT_STR(json_of(&sb, "\xe2\x82"), "\"\\ufffd\\ufffd\"");
	UT_EXPECT_STR(json_of(&sb, "\xc0\xaf"), "\"\\ufffd\\ufffd\"");
	UT_EXPECT_STR(json_of(&sb, "\xed\xa0\x80"),
		      "\"\\ufffd\\ufffd\\ufffd\"");
	UT_EXPECT_STR(json_of(&sb, "\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
	UT_EXPECT_STR(json_of(&sb, NULL), "null");
	sb_free(&sb);
}

UT_CASE(strbuf_growth)
{
	struct strbuf sb;
	int i;

	sb_init(&sb);
	for (i = 0; i < 1000; i++)
		sb_printf(&sb, "%d,", i % 10);
	UT_EXPECT(sb.len == 2000 && !sb.oom);
	UT_EXPECT(strncmp(sb_str(&sb), "0,1,2,", 6) == 0);
	sb_reset(&sb);
	UT_EXPECT(sb.len == 0);
	UT_EXPECT_STR(sb_str(&sb), "");
	sb_free(&sb);
}

UT_CASE(status_json)
{
	static const struct status_port ports[] = {
		{ "eth0", APEDGE_PORT_ROLE_TRUSTED, true },
		{ "wl\"an", APEDGE_PORT_ROLE_UNTRUSTED, false },
	};
	struct status_info si = {
		.version = "0.1.0", .module = "connected", .family_id = 27,
		.module_version = "1.0", .pid = 42, .uptime_s = 3600,
		.log_level = "info", .config = "/etc/apedge/apedged.conf",
		.ports = ports, .n_ports = 2,
	};
	struct strbuf sb;

	sb_init(&sb);
	status_format(&sb, &si);
	UT_EXPECT_STR(sb_str(&sb),
		"{\"version\": \"0.1.0\", \"module\": \"connected\", "
		"\"family_id\": 27, \"module_version\": \"1.0\", "
		"\"pid\": 42, \"uptime_s\": 3600, \"log_level\": \"info\", "
		"\"config\": \"/etc/apedge/apedged.conf\", \"ports\": ["
		"{\"ifname\": \"eth0\", \"role\": \"trusted\", "
		"\"attached\": true}, "
		"{\"ifname\": \"wl\\\"an\", \"role\": \"untrusted\", "
		"\"attached\": false}]}");

	sb_reset(&sb);
	si.module = "absent";
	si.family_id = 0;
	si.module_version = NULL;
	si.config = NULL;
	si.n_ports = 0;
	status_format(&sb, &si);
	UT_EXPECT_STR(sb_str(&sb),
		"{\"version\": \"0.1.0\", \"module\": \"absent\", "
		"\"family_id\": 0, \"module_version\": \"\", "
		"\"pid\": 42, \"uptime_s\": 3600, \"log_level\": \"info\", "
		"\"config\": null, \"ports\": []}");
	sb_free(&sb);
}

UT_MAIN("apedged_status", UT_ENTRY(json_strings), UT_ENTRY(strbuf_growth),
	UT_ENTRY(status_json))
