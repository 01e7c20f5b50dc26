// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/ctl.c's word parsers: what a control-socket client (the
 * read-only socket's included) may send after "dhcp6 leases" and
 * "dhcp6 reconfigure".
 */
#include <stdint.h>
#include <string.h>

#include "dhcp6/ctl.h"
#include "ut.h"

/* dhcp6_ctl_list over a space-separated line: its result. */
static int list(const char *line, char *ifname, uint64_t *from)
{
	static char buf[256];
	char *argv[16], *tok, *save;
	char err[80];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 16;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	return dhcp6_ctl_list(argc, argv, ifname, 16, from, err, sizeof(err));
}

UT_CASE(list_words)
{
	char ifname[16];
	uint64_t from;

	UT_EXPECT(list("", ifname, &from) == 0 && !ifname[0] && from == 0);
	UT_EXPECT(list("dev vs", ifname, &from) == 0 &&
		  !strcmp(ifname, "vs") && from == 0);
	UT_EXPECT(list("from 4096 dev vs", ifname, &from) == 0 &&
		  !strcmp(ifname, "vs") && from == 4096);
	UT_EXPECT(list("from 18446744073709551615", ifname, &from) == 0 &&
		  from == UINT64_MAX);
	/* Refused: a word alone, twice the same, not a number, too long,
	 * past 2^64, a sign. */
	UT_EXPECT(list("dev", ifname, &from) < 0);
	UT_EXPECT(list("from", ifname, &from) < 0);
	UT_EXPECT(list("dev a dev b", ifname, &from) < 0);
	UT_EXPECT(list("from 1 from 2", ifname, &from) < 0);
	UT_EXPECT(list("from 0 from 0", ifname, &from) < 0);
	UT_EXPECT(list("from 12x", ifname, &from) < 0);
	UT_EXPECT(list("from -1", ifname, &from) < 0);
	UT_EXPECT(list("from 18446744073709551616", ifname, &from) < 0);
	UT_EXPECT(list("dev abcdefghijklmnopq", ifname, &from) < 0);
	UT_EXPECT(list("page 2", ifname, &from) < 0);
}

UT_CASE(reconfigure_words)
{
	uint8_t what = 0;

	UT_EXPECT(dhcp6_ctl_what("renew", &what) == 0 && what == DHCP6_RENEW);
	UT_EXPECT(dhcp6_ctl_what("rebind", &what) == 0 &&
		  what == DHCP6_REBIND);
	UT_EXPECT(dhcp6_ctl_what("info", &what) == 0 &&
		  what == DHCP6_INFORMATION_REQUEST);
	UT_EXPECT(dhcp6_ctl_what("Renew", &what) < 0);
	UT_EXPECT(dhcp6_ctl_what("", &what) < 0);
	UT_EXPECT(dhcp6_ctl_what("request", &what) < 0);
}

UT_MAIN("apedged_dhcp6_ctl",
	UT_ENTRY(list_words),
	UT_ENTRY(reconfigure_words))
