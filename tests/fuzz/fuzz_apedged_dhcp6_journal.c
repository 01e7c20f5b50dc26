// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/journal.c, the lease file's reader.
 *
 * The input is read as a file, and also behind a valid header (so the
 * fuzzer need not find the header's CRC).
 *
 * Properties checked (abort() on failure):
 * - the reader ends, never reads past the input, and accounts for every
 *   byte: header, records returned, invalid records and damage add up
 *   to the input's length;
 * - every record it returns is one the builder accepts, and rebuilds to
 *   the same bytes it was read from;
 * - the damage report is consistent: regions and bytes both zero or both
 *   not, the first damage inside the input, the torn tail within the
 *   damaged bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t file[DHCP6_JNL_HDR_LEN + 65536];

static void read_file(const uint8_t *p, size_t len)
{
	struct dhcp6_jnl_reader rd;
	struct dhcp6_jnl_rec r;
	uint8_t again[DHCP6_JNL_REC_MAX];
	size_t counted = 0, prev;
	enum dhcp6_jnl_err e = dhcp6_jnl_open(&rd, p, len);

	if (e == DHCP6_JNL_OK || e == DHCP6_JNL_HDR_CRC)
		counted = DHCP6_JNL_HDR_LEN;
	else if (e == DHCP6_JNL_VERSION_BAD || e == DHCP6_JNL_KIND_BAD)
		counted = len;		/* not read, not damaged */
	if (e == DHCP6_JNL_HDR_CRC)
		counted -= DHCP6_JNL_HDR_LEN;	/* counted as damage */
	prev = rd.off;
	while (dhcp6_jnl_next(&rd, &r)) {
		size_t n, start;

		if (rd.off > len || rd.off <= prev)
			abort();
		if (r.type == DHCP6_JNL_END)
			n = dhcp6_jnl_end_build(again, sizeof(again), r.count);
		else
			n = dhcp6_jnl_rec_build(again, sizeof(again), &r);
		start = rd.off - n;
		if (!n || n > rd.off - prev || memcmp(again, p + start, n))
			abort();
		counted += n;
		prev = rd.off;
	}
	if (rd.rep.good > len / DHCP6_JNL_REC_OVERHEAD + 1)
		abort();
	if (!rd.rep.damaged_regions != !rd.rep.damaged_bytes)
		abort();
	if (rd.rep.damaged_regions && rd.rep.first_damage >= len)
		abort();
	if (!rd.rep.damaged_regions && rd.rep.first_damage != SIZE_MAX)
		abort();
	if (rd.rep.torn_tail > rd.rep.damaged_bytes)
		abort();
	if (rd.rep.end_ok && !rd.rep.end_seen)
		abort();
	/* Every byte: header, records, damage, invalid records. */
	if (counted + rd.rep.damaged_bytes > len ||
	    (!rd.rep.invalid && counted + rd.rep.damaged_bytes != len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_file(data, size);
	if (size > sizeof(file) - DHCP6_JNL_HDR_LEN)
		return 0;
	dhcp6_jnl_hdr_build(file, sizeof(file), DHCP6_JNL_JOURNAL, 1);
	memcpy(file + DHCP6_JNL_HDR_LEN, data, size);
	read_file(file, DHCP6_JNL_HDR_LEN + size);
	return 0;
}
