// SPDX-License-Identifier: GPL-2.0
/* lib/bytes.h: byte order and the bounded cursor. */
#include "lib/bytes.h"
#include "ut.h"

UT_CASE(byte_order)
{
	uint8_t b[8];

	put_be16(b, 0x1234);
	UT_EXPECT(b[0] == 0x12 && b[1] == 0x34 && get_be16(b) == 0x1234);
	put_be32(b, 0x89abcdefu);
	UT_EXPECT(b[0] == 0x89 && b[3] == 0xef && get_be32(b) == 0x89abcdefu);
	put_be64(b, 0x0102030405060708ull);
	UT_EXPECT(b[0] == 1 && b[7] == 8);
	UT_EXPECT(get_be64(b) == 0x0102030405060708ull);
}

UT_CASE(cursor_reads_in_bounds)
{
	static const uint8_t m[] = { 1, 0, 2, 0, 0, 0, 3, 9, 9 };
	struct cur c = cur_init(m, sizeof(m)), s;
	uint8_t two[2];

	UT_EXPECT(cur_u8(&c) == 1);
	UT_EXPECT(cur_be16(&c) == 2);
	UT_EXPECT(cur_be32(&c) == 3);
	UT_EXPECT(cur_left(&c) == 2);
	s = cur_sub(&c, 2);
	UT_EXPECT(cur_ok(&c) && cur_left(&c) == 0);
	UT_EXPECT(cur_copy(&s, two, 2) && two[0] == 9 && two[1] == 9);
	UT_EXPECT(cur_ok(&s));
}

/* Every truncation of a 7-byte header fails, and sticks. */
UT_CASE(cursor_every_truncation_fails)
{
	static const uint8_t m[] = { 1, 0, 2, 0, 0, 0, 3 };
	size_t len;

	for (len = 0; len < sizeof(m); len++) {
		struct cur c = cur_init(m, len);

		cur_u8(&c);
		cur_be16(&c);
		cur_be32(&c);
		UT_EXPECT(!cur_ok(&c));
		UT_EXPECT(cur_left(&c) == 0);
		/* Nothing is readable after an error. */
		UT_EXPECT(cur_u8(&c) == 0 && !cur_take(&c, 0));
	}
	{
		struct cur c = cur_init(m, sizeof(m)), s;
		uint8_t x[4] = { 7, 7, 7, 7 };

		s = cur_sub(&c, 8);
		UT_EXPECT(!cur_ok(&s) && !cur_ok(&c));
		UT_EXPECT(!cur_copy(&s, x, 4) && x[0] == 0);
	}
}

UT_MAIN("lib_bytes",
	UT_ENTRY(byte_order),
	UT_ENTRY(cursor_reads_in_bounds),
	UT_ENTRY(cursor_every_truncation_fails))
