// SPDX-License-Identifier: GPL-2.0
#include "lib/mac.h"
#include "ut.h"

UT_CASE(parse_good)
{
	uint8_t m[MAC_LEN];
	char buf[MAC_STR_LEN];

	UT_ASSERT(mac_parse("02:00:5E:10:00:01", m) == 0);
	UT_EXPECT(m[0] == 0x02 && m[2] == 0x5e && m[5] == 0x01);
	UT_EXPECT_STR(mac_format(m, buf), "02:00:5e:10:00:01");
	UT_ASSERT(mac_parse("02-00-5e-10-00-01", m) == 0);
	UT_EXPECT(mac_is_unicast(m));
}

UT_CASE(parse_bad)
{
	uint8_t m[MAC_LEN];

	UT_EXPECT(mac_parse("", m) < 0);
	UT_EXPECT(mac_parse("02:00:5e:10:00", m) < 0);
	UT_EXPECT(mac_parse("02:00:5e:10:00:01:", m) < 0);
	UT_EXPECT(mac_parse("02:00:5e:10:00:0g", m) < 0);
	UT_EXPECT(mac_parse("02:00-5e:10:00:01", m) < 0);
	UT_EXPECT(mac_parse("2:0:5e:10:0:1", m) < 0);
	UT_EXPECT(mac_parse(NULL, m) < 0);
}

UT_CASE(kinds)
{
	uint8_t bc[MAC_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t mc[MAC_LEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	uint8_t z[MAC_LEN] = { 0 };

	UT_EXPECT(!mac_is_unicast(bc));
	UT_EXPECT(!mac_is_unicast(mc));
	UT_EXPECT(!mac_is_unicast(z));
	UT_EXPECT(mac_is_zero(z));
}

UT_MAIN("mac", UT_ENTRY(parse_good), UT_ENTRY(parse_bad), UT_ENTRY(kinds))
