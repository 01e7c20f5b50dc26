// SPDX-License-Identifier: GPL-2.0
/*
 * lib/brvlan.c's parser of the kernel's AF_BRIDGE link dump: the PVID of
 * one port, byte vectors as iproute2's "bridge -d vlan show" is sent
 * them, every truncation.
 */
#include <errno.h>
#include <stdlib.h>

#include "ut.h"

#include "lib/brvlan.h"

/*
 * RTM_NEWLINK (16), ifinfomsg family AF_BRIDGE (7) index 5, IFLA_IFNAME
 * "vc", IFLA_AF_SPEC (26) { IFLA_BRIDGE_VLAN_INFO (2) {flags 0, vid 10},
 * {flags PVID|UNTAGGED (6), vid 1} }; little-endian host.
 */
static const char dump_msg[] =
	"3c000000 1000 0200 01000000 00000000"		/* nlmsghdr, len 60 */
	"07 00 0000 05000000 00000000 00000000"	/* ifinfomsg */
	"0700 0300 766300 00"				/* IFLA_IFNAME "vc" */
	"1400 1a00"					/* IFLA_AF_SPEC, 20 */
	"0800 0200 0000 0a00"				/* vid 10 */
	"0800 0200 0600 0100";				/* vid 1 PVID|UNTAGGED */

static size_t vec(uint8_t *b)
{
	return ut_hex(b, dump_msg);
}

UT_CASE(pvid_found)
{
	uint8_t b[128];
	size_t n = vec(b);
	uint16_t vid = 0, flags = 0;

	UT_ASSERT(n == 60);
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == 1);
	UT_EXPECT(vid == 1);
	UT_EXPECT(flags == 6);
}

UT_CASE(other_interface)
{
	uint8_t b[128];
	size_t n = vec(b);
	uint16_t vid = 0, flags = 0;

	UT_EXPECT(brvlan_parse_pvid(b, n, 6, &vid, &flags) == 0);
	UT_EXPECT(vid == 0);
}

UT_CASE(no_pvid)
{
	uint8_t b[128];
	size_t n = vec(b);
	uint16_t vid = 0, flags = 0;

	b[56] = 0;			/* vid 1's flags: none */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == 0);
}

UT_CASE(not_newlink)
{
	uint8_t b[128];
	size_t n = vec(b);
	uint16_t vid = 0, flags = 0;

	b[4] = 3;			/* NLMSG_DONE */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == 0);
}

/* each prefix, in a buffer of exactly its size: never read beyond */
UT_CASE(every_truncation)
{
	uint8_t b[128];
	size_t n = vec(b), k;

	for (k = 0; k < n; k++) {
		uint8_t *c = malloc(k ? k : 1);
		uint16_t vid = 0, flags = 0;

		UT_ASSERT(c);
		memcpy(c, b, k);
		/* the header's length is the whole: it does not fit */
		UT_EXPECT(brvlan_parse_pvid(c, k, 5, &vid, &flags) == -EINVAL);
		free(c);
	}
}

/* the header says shorter: the attributes it cuts are malformed */
UT_CASE(short_header_length)
{
	uint8_t b[128];
	size_t n = vec(b), k;

	for (k = 32 + 1; k < n; k++) {
		uint16_t vid = 0, flags = 0;
		int r;

		b[0] = (uint8_t)k;
		r = brvlan_parse_pvid(b, n, 5, &vid, &flags);
		/* a cut between attributes parses, and finds nothing */
		UT_EXPECT(r == (k < 36 || (k >= 39 && k < 44) ? 0 : -EINVAL));
	}
}

UT_CASE(attribute_too_long)
{
	uint8_t b[128];
	size_t n = vec(b);
	uint16_t vid = 0, flags = 0;

	b[40] = 0x40;			/* IFLA_AF_SPEC len 64 */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == -EINVAL);
	n = vec(b);
	b[44] = 0x30;			/* the first VLAN_INFO len 48 */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == -EINVAL);
	n = vec(b);
	b[44] = 0x05;			/* VLAN_INFO shorter than its struct */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == -EINVAL);
	n = vec(b);
	b[32] = 0x02;			/* nla_len below its header */
	UT_EXPECT(brvlan_parse_pvid(b, n, 5, &vid, &flags) == -EINVAL);
}

UT_MAIN("lib_brvlan",
	UT_ENTRY(pvid_found),
	UT_ENTRY(other_interface),
	UT_ENTRY(no_pvid),
	UT_ENTRY(not_newlink),
	UT_ENTRY(every_truncation),
	UT_ENTRY(short_header_length),
	UT_ENTRY(attribute_too_long))
