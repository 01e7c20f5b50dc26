// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's dhcp4 words: parsing, the request line sent to apedged,
 * and the text output of its replies.
 */
#include <stdlib.h>
#include <string.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"
#include "lib/jsonv.h"
#include "actl_line.h"
#include "ut.h"

UT_CASE(words)
{
	UT_EXPECT_STR(line_of("dhcp4"), "dhcp4 show\n");
	UT_EXPECT_STR(line_of("dhcp4 show"), "dhcp4 show\n");
	UT_EXPECT_STR(line_of("dhcp4 list"), "dhcp4 show\n");
	UT_EXPECT_STR(line_of("-j dhcp4 show dev eth0"),
		      "dhcp4 show dev eth0\n");
	UT_EXPECT_STR(line_of("dhcp4 sh d eth0.7"), "dhcp4 show dev eth0.7\n");
	UT_EXPECT_STR(line_of("dhcp4 stats"), "dhcp4 stats\n");
	UT_EXPECT_STR(line_of("dhcp4 stats dev va"), "dhcp4 stats dev va\n");
	UT_EXPECT_STR(line_of("dhcp4 renew dev va"), "dhcp4 renew dev va\n");
	UT_EXPECT_STR(line_of("dhcp4 rebind dev va"),
		      "dhcp4 rebind dev va\n");
	UT_EXPECT_STR(line_of("dhcp4 release dev va"),
		      "dhcp4 release dev va\n");
	UT_EXPECT_STR(line_of("dhcp4 rel dev va"), "dhcp4 release dev va\n");
}

UT_CASE(refused)
{
	UT_EXPECT(!strncmp(line_of("dhcp4 renew"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 release dev"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 show dev a/b"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 show mac 02:00:00:00:00:01"),
			   "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 show dev a dev b"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 re dev a"), "ERROR", 5));
	UT_EXPECT(!strncmp(line_of("dhcp4 renew dev va extra"), "ERROR", 5));
	/* The object is never shortened: "dh" is not dhcp4. */
	UT_EXPECT(!strncmp(line_of("dh show"), "ERROR", 5));
}

static char *text_of(const char *json, bool stats)
{
	struct jv_doc d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (jv_parse(json, strlen(json), &d) == 0) {
		if (stats)
			dhcp4_stats_print_text(f, &d);
		else
			dhcp4_print_text(f, &d);
		jv_free(&d);
	}
	fclose(f);
	return buf;
}

UT_CASE(text_output)
{
	char *t;

	t = text_of("[{\"ifname\": \"va\", \"state\": \"BOUND\", "
		    "\"address\": \"10.42.0.100\", \"plen\": 24, "
		    "\"server\": \"10.42.0.1\", \"lease_s\": 600, \"t1_s\": 300, "
		    "\"t2_s\": 525, \"acquired_s_ago\": 10, \"renew_in_s\": 290, "
		    "\"rebind_in_s\": 515, \"expires_in_s\": 590, "
		    "\"routers\": [\"10.42.0.1\"], \"dns\": [\"10.42.0.53\", "
		    "\"10.42.0.54\"], \"domain\": \"ex\\u0001ample\", "
		    "\"search\": [\"a.test\"], \"mtu\": null, \"routes\": "
		    "[{\"dst\": \"10.0.0.0/8\", \"gw\": \"10.42.0.2\"}]}, "
		    "{\"ifname\": \"vb\", \"state\": \"SELECTING\", "
		    "\"blocked\": \"untrusted-port\"}, {\"ifname\": \"vc\", "
		    "\"state\": \"INIT\", \"blocked\": null}]", false);
	UT_EXPECT_STR(t,
		"va: BOUND 10.42.0.100/24 from 10.42.0.1\n"
		"    lease 600s, renew in 290s, rebind in 515s, expires in "
		"590s\n"
		"    routers 10.42.0.1, dns 10.42.0.53 10.42.0.54, domain "
		"ex?ample, mtu -\n"
		"    search a.test\n"
		"    route 10.0.0.0/8 via 10.42.0.2\n"
		"vb: SELECTING (blocked: untrusted-port)\n"
		"vc: INIT\n");
	free(t);
	t = text_of("[{\"ifname\": \"va\", \"state\": \"INIT\", \"tx\": "
		    "{\"DISCOVER\": 3}, \"conflicts\": 1}]", true);
	UT_EXPECT_STR(t,
		"va: INIT\n"
		"    tx        DISCOVER              3\n"
		"    conflicts                       1\n");
	free(t);
}

UT_MAIN("apedgectl_dhcp4",
	UT_ENTRY(words),
	UT_ENTRY(refused),
	UT_ENTRY(text_output),
)
