// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/journal.c: the lease journal and snapshot codec.  Round trips,
 * every truncation, a flipped byte anywhere in a record (the reader
 * resynchronises on the next record: the records after it are kept),
 * garbage between records, a fake marker inside a DUID, an empty file,
 * a wrong version, a damaged header, and the builder's refusals.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/journal.h"
#include "ut.h"

static const uint8_t duid1[] = { 0, 1, 0, 1, 0x32, 0xa1, 0x56, 0x4d,
				 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
/* A DUID-EN whose identifier holds the sync marker. */
static const uint8_t duid2[] = { 0, 2, 0, 0, 0, 9, 0xa6, 0xed, 0x6a, 0x11,
				 0, 0x2f };

static struct dhcp6_jnl_rec rec_na(uint8_t type, uint32_t iaid)
{
	struct dhcp6_jnl_rec r = {
		.type = type, .kind = DHCP6_OPT_IA_NA, .plen = 128,
		.iaid = iaid, .preferred = 3600, .valid = 7200,
		.expiry = 1764583200, .duid_len = sizeof(duid1),
		.lladdr_len = 6, .lladdr = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 },
		.ifname = "wlan0",
	};

	inet_pton(AF_INET6, "2001:db8:1::174", &r.addr);
	memcpy(r.duid, duid1, sizeof(duid1));
	return r;
}

static struct dhcp6_jnl_rec rec_pd(void)
{
	struct dhcp6_jnl_rec r = {
		.type = DHCP6_JNL_ADD, .kind = DHCP6_OPT_IA_PD, .plen = 56,
		.iaid = 1, .preferred = 0xffffffff, .valid = 0xffffffff,
		.expiry = 0, .duid_len = sizeof(duid2),
	};

	inet_pton(AF_INET6, "2001:db8:100::", &r.addr);
	memcpy(r.duid, duid2, sizeof(duid2));
	return r;
}

static bool same(const struct dhcp6_jnl_rec *a, const struct dhcp6_jnl_rec *b)
{
	return a->type == b->type && a->kind == b->kind &&
	       a->plen == b->plen && a->iaid == b->iaid &&
	       !memcmp(&a->addr, &b->addr, 16) &&
	       a->preferred == b->preferred && a->valid == b->valid &&
	       a->expiry == b->expiry && a->duid_len == b->duid_len &&
	       !memcmp(a->duid, b->duid, a->duid_len) &&
	       a->lladdr_len == b->lladdr_len &&
	       !memcmp(a->lladdr, b->lladdr, a->lladdr_len) &&
	       !strcmp(a->ifname, b->ifname);
}

/* A journal of four records; off[] their offsets, off[4] the end. */
static size_t journal(uint8_t *b, size_t size, struct dhcp6_jnl_rec *recs,
		      size_t *off)
{
	size_t n = dhcp6_jnl_hdr_build(b, size, DHCP6_JNL_JOURNAL, 7), i;

	recs[0] = rec_na(DHCP6_JNL_ADD, 0x123456);
	recs[1] = rec_pd();
	recs[2] = rec_na(DHCP6_JNL_RENEW, 0x123456);
	recs[3] = rec_na(DHCP6_JNL_RELEASE, 0x123456);
	recs[3].preferred = recs[3].valid = 0;
	recs[3].expiry = 0;
	recs[3].ifname[0] = '\0';
	for (i = 0; i < 4; i++) {
		off[i] = n;
		n += dhcp6_jnl_rec_build(b + n, size - n, &recs[i]);
	}
	off[4] = n;
	return n;
}

/* Read all of an exact-size copy; the records into out (up to 8). */
static size_t read_all(const uint8_t *p, size_t len,
		       struct dhcp6_jnl_reader *rd, struct dhcp6_jnl_rec *out)
{
	uint8_t *b = malloc(len ? len : 1);
	struct dhcp6_jnl_rec r;
	size_t n = 0;

	if (len)
		memcpy(b, p, len);
	dhcp6_jnl_open(rd, b, len);
	while (dhcp6_jnl_next(rd, &r)) {
		if (n < 8)
			out[n] = r;
		n++;
	}
	free(b);
	return n;
}

UT_CASE(crc32c_vector)
{
	/* The check value of CRC-32C (RFC 3720 §B.4's polynomial). */
	UT_EXPECT(dhcp6_crc32c((const uint8_t *)"123456789", 9) ==
		  0xe3069283u);
	UT_EXPECT(dhcp6_crc32c((const uint8_t *)"", 0) == 0);
}

UT_CASE(round_trip)
{
	static uint8_t b[4096];
	struct dhcp6_jnl_rec recs[4], got[8];
	struct dhcp6_jnl_reader rd;
	size_t off[5], n = journal(b, sizeof(b), recs, off), i;

	UT_ASSERT(off[1] - off[0] == 10 + 44 + 14 + 6 + 5);
	UT_ASSERT(read_all(b, n, &rd, got) == 4);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_OK);
	UT_EXPECT(rd.kind == DHCP6_JNL_JOURNAL && rd.generation == 7 &&
		  rd.version == 1);
	for (i = 0; i < 4; i++)
		UT_EXPECT(same(&got[i], &recs[i]));
	UT_EXPECT(rd.rep.good == 4 && rd.rep.leases == 4 && !rd.rep.invalid);
	UT_EXPECT(!rd.rep.damaged_regions && !rd.rep.damaged_bytes &&
		  rd.rep.first_damage == SIZE_MAX && !rd.rep.torn_tail);
	UT_EXPECT(!rd.rep.end_seen);
	/* The header, byte for byte. */
	UT_EXPECT(!memcmp(b, "APEDGE6J\0\1\1\0\0\0\0\0\0\0\0\7", 20));
}

UT_CASE(snapshot)
{
	static uint8_t b[4096];
	struct dhcp6_jnl_rec r1 = rec_na(DHCP6_JNL_ADD, 1), r2 = rec_pd(),
		got[8];
	struct dhcp6_jnl_reader rd;
	size_t n = dhcp6_jnl_hdr_build(b, sizeof(b), DHCP6_JNL_SNAPSHOT, 8);
	size_t before_end;

	n += dhcp6_jnl_rec_build(b + n, sizeof(b) - n, &r1);
	n += dhcp6_jnl_rec_build(b + n, sizeof(b) - n, &r2);
	before_end = n;
	n += dhcp6_jnl_end_build(b + n, sizeof(b) - n, 2);
	UT_ASSERT(n - before_end == 26);
	UT_ASSERT(read_all(b, n, &rd, got) == 3);
	UT_EXPECT(rd.kind == DHCP6_JNL_SNAPSHOT && rd.generation == 8);
	UT_EXPECT(got[2].type == DHCP6_JNL_END && got[2].count == 2);
	UT_EXPECT(rd.rep.end_seen && rd.rep.end_count == 2 && rd.rep.end_ok &&
		  rd.rep.leases == 2);
	/* without its END: incomplete; with a count that differs: not ok */
	UT_ASSERT(read_all(b, before_end, &rd, got) == 2);
	UT_EXPECT(!rd.rep.end_seen && !rd.rep.damaged_bytes);
	dhcp6_jnl_end_build(b + before_end, sizeof(b) - before_end, 3);
	UT_ASSERT(read_all(b, n, &rd, got) == 3);
	UT_EXPECT(rd.rep.end_seen && !rd.rep.end_ok);
}

UT_CASE(empty_file)
{
	struct dhcp6_jnl_reader rd;
	struct dhcp6_jnl_rec got[8];

	UT_EXPECT(read_all(NULL, 0, &rd, got) == 0);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_EMPTY);
	UT_EXPECT(!rd.rep.damaged_bytes && !rd.rep.damaged_regions);
	/* a header and nothing else: a new journal, no damage */
	{
		uint8_t b[DHCP6_JNL_HDR_LEN];

		dhcp6_jnl_hdr_build(b, sizeof(b), DHCP6_JNL_JOURNAL, 0);
		UT_EXPECT(read_all(b, sizeof(b), &rd, got) == 0);
		UT_EXPECT(rd.rep.header == DHCP6_JNL_OK &&
			  !rd.rep.damaged_bytes);
		UT_EXPECT(dhcp6_jnl_hdr_build(b, sizeof(b) - 1, 1, 0) == 0);
	}
}

/*
 * Every prefix of a journal (a crash at any byte of an append): the
 * whole records before the cut are read, the rest is the torn tail.
 */
UT_CASE(every_truncation)
{
	static uint8_t b[4096];
	struct dhcp6_jnl_rec recs[4], got[8];
	struct dhcp6_jnl_reader rd;
	size_t off[5], n = journal(b, sizeof(b), recs, off), len;

	for (len = 0; len <= n; len++) {
		size_t want = 0, k, i;

		while (want < 4 && off[want + 1] <= len)
			want++;
		k = read_all(b, len, &rd, got);
		if (len == 0) {
			UT_EXPECT(rd.rep.header == DHCP6_JNL_EMPTY);
		} else if (len < DHCP6_JNL_HDR_LEN) {
			UT_EXPECT(rd.rep.header == DHCP6_JNL_SHORT && !k &&
				  rd.rep.damaged_bytes == len);
			continue;
		}
		UT_EXPECT(k == want);
		for (i = 0; i < k && i < 4; i++)
			UT_EXPECT(same(&got[i], &recs[i]));
		if (len >= DHCP6_JNL_HDR_LEN) {
			size_t tail = len - (want ? off[want] : off[0]);

			UT_EXPECT(rd.rep.torn_tail == tail);
			UT_EXPECT(rd.rep.damaged_bytes == tail);
			UT_EXPECT(rd.rep.damaged_regions == (tail != 0));
		}
	}
}

/*
 * A flipped byte, at every offset of the second record: it is lost, the
 * records before and after are kept, and the damage is its length at
 * its offset.
 */
UT_CASE(flipped_byte_resync)
{
	static uint8_t b[4096];
	struct dhcp6_jnl_rec recs[4], got[8];
	struct dhcp6_jnl_reader rd;
	size_t off[5], n = journal(b, sizeof(b), recs, off), at;

	for (at = off[1]; at < off[2]; at++) {
		b[at] ^= 0x10;
		UT_EXPECT(read_all(b, n, &rd, got) == 3);
		UT_EXPECT(same(&got[0], &recs[0]) && same(&got[1], &recs[2]) &&
			  same(&got[2], &recs[3]));
		UT_EXPECT(rd.rep.damaged_regions == 1 &&
			  rd.rep.damaged_bytes == off[2] - off[1] &&
			  rd.rep.first_damage == off[1] && !rd.rep.torn_tail);
		b[at] ^= 0x10;
	}
	/* two damaged records: both lost, two regions, the rest kept */
	b[off[0] + 20] ^= 1;
	b[off[2] + 30] ^= 1;
	UT_EXPECT(read_all(b, n, &rd, got) == 2);
	UT_EXPECT(same(&got[0], &recs[1]) && same(&got[1], &recs[3]));
	UT_EXPECT(rd.rep.damaged_regions == 2 &&
		  rd.rep.first_damage == off[0]);
}

/* Bytes that are no record between two records, and a fake marker. */
UT_CASE(garbage_between)
{
	static uint8_t b[4096], g[4096];
	struct dhcp6_jnl_rec recs[4], got[8];
	struct dhcp6_jnl_reader rd;
	size_t off[5], n = journal(b, sizeof(b), recs, off), gn;
	static const uint8_t junk[] = { 0, 0xa6, 0xed, 0x6a, 0x11, 0, 0x30,
					0xa6, 0xed, 0x6a };

	memcpy(g, b, off[2]);
	memcpy(g + off[2], junk, sizeof(junk));
	memcpy(g + off[2] + sizeof(junk), b + off[2], n - off[2]);
	gn = n + sizeof(junk);
	UT_EXPECT(read_all(g, gn, &rd, got) == 4);
	UT_EXPECT(rd.rep.damaged_bytes == sizeof(junk) &&
		  rd.rep.first_damage == off[2] && !rd.rep.torn_tail);
	/*
	 * The record whose DUID holds a marker (recs[1]) with its first
	 * byte damaged: the scan stops at the marker inside it, finds no
	 * record there (its CRC fails), and goes on to the next.
	 */
	b[off[1]] = 0;
	UT_EXPECT(read_all(b, n, &rd, got) == 3);
	UT_EXPECT(same(&got[1], &recs[2]) &&
		  rd.rep.damaged_bytes == off[2] - off[1]);
}

/* The header's CRC, written again after a field was changed. */
static void fix_crc(uint8_t *b)
{
	uint32_t c = dhcp6_crc32c(b, 20);

	b[20] = (uint8_t)(c >> 24);
	b[21] = (uint8_t)(c >> 16);
	b[22] = (uint8_t)(c >> 8);
	b[23] = (uint8_t)c;
}

UT_CASE(headers)
{
	static uint8_t b[4096];
	struct dhcp6_jnl_rec recs[4], got[8];
	struct dhcp6_jnl_reader rd;
	size_t off[5], n = journal(b, sizeof(b), recs, off);

	/* version 2, its CRC right: not read */
	b[9] = 2;
	fix_crc(b);
	UT_EXPECT(read_all(b, n, &rd, got) == 0);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_VERSION_BAD && rd.version == 2);
	/* kind 3 */
	b[9] = 1;
	b[10] = 3;
	fix_crc(b);
	UT_EXPECT(read_all(b, n, &rd, got) == 0);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_KIND_BAD);
	b[10] = DHCP6_JNL_JOURNAL;
	fix_crc(b);
	UT_EXPECT(read_all(b, n, &rd, got) == 4);
	/* a damaged generation: the header is, the records are read */
	b[19] ^= 0xff;
	UT_EXPECT(read_all(b, n, &rd, got) == 4);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_HDR_CRC &&
		  rd.rep.damaged_bytes == DHCP6_JNL_HDR_LEN &&
		  rd.rep.first_damage == 0);
	/* not our magic; shorter than a header */
	b[0] = 'a';
	UT_EXPECT(read_all(b, n, &rd, got) == 0);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_MAGIC_BAD &&
		  rd.rep.damaged_bytes == n);
	UT_EXPECT(read_all(b, 23, &rd, got) == 0);
	UT_EXPECT(rd.rep.header == DHCP6_JNL_SHORT);
	UT_EXPECT_STR(dhcp6_jnl_err_name(DHCP6_JNL_HDR_CRC), "header-crc");
	UT_EXPECT_STR(dhcp6_jnl_err_name(DHCP6_JNL_ERR_MAX), "unknown");
}

/* Seal a body by hand: marker, length, CRC. */
static size_t seal(uint8_t *b, const uint8_t *body, size_t blen)
{
	uint32_t c;

	b[0] = 0xa6;
	b[1] = 0xed;
	b[2] = 0x6a;
	b[3] = 0x11;
	b[4] = (uint8_t)(blen >> 8);
	b[5] = (uint8_t)blen;
	memcpy(b + 6, body, blen);
	c = dhcp6_crc32c(b + 4, 2 + blen);
	b[6 + blen] = (uint8_t)(c >> 24);
	b[7 + blen] = (uint8_t)(c >> 16);
	b[8 + blen] = (uint8_t)(c >> 8);
	b[9 + blen] = (uint8_t)c;
	return blen + 10;
}

/* A record whose CRC holds but whose body is wrong: skipped whole. */
UT_CASE(invalid_bodies)
{
	static uint8_t b[4096], body[512], good[512];
	struct dhcp6_jnl_rec r = rec_na(DHCP6_JNL_ADD, 5), got[8];
	struct dhcp6_jnl_reader rd;
	size_t n, first, blen, i;
	static const struct {
		size_t at;
		uint8_t val;
	} bad[] = {
		{ 0, 0 }, { 0, 6 }, { 0, 14 },	/* types */
		{ 1, 4 },			/* kind IA_TA */
		{ 2, 64 },			/* NA of /64 */
		{ 3, 2 },			/* DUID of 2 (and the length) */
		{ 4, 21 },			/* link-layer address of 21 */
		{ 5, 16 },			/* name of 16 */
		{ 6, 1 },			/* reserved */
		{ 44 + 14 + 6, '/' },		/* '/' in the name */
		{ 44 + 14 + 6 + 2, 0 },		/* NUL in the name */
		{ 44, 0xff },			/* DUID type 0xff00, len 14 ok */
	};

	n = dhcp6_jnl_hdr_build(b, sizeof(b), DHCP6_JNL_JOURNAL, 1);
	first = n;
	n += dhcp6_jnl_rec_build(b + n, sizeof(b) - n, &r);
	blen = n - first - 10;
	memcpy(good, b + first + 6, blen);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t m = first;

		memcpy(body, good, blen);
		body[bad[i].at] = bad[i].val;
		m += seal(b + m, body, blen);
		m += dhcp6_jnl_rec_build(b + m, sizeof(b) - m, &r);
		if (bad[i].at == 44) {	/* an opaque DUID type is valid */
			UT_EXPECT(read_all(b, m, &rd, got) == 2);
			continue;
		}
		UT_EXPECT(read_all(b, m, &rd, got) == 1);
		UT_EXPECT(rd.rep.invalid == 1 && !rd.rep.damaged_bytes);
	}
	/* a PD prefix with bits past its length; a body of the wrong size */
	{
		struct dhcp6_jnl_rec p = rec_pd();
		size_t m = first;

		m += dhcp6_jnl_rec_build(b + m, sizeof(b) - m, &p);
		b[first + 6 + 12 + 7] = 1;	/* 2001:db8:100:1:: /56 */
		memcpy(body, b + first + 6, m - first - 10);
		m = first + seal(b + first, body, m - first - 10);
		UT_EXPECT(read_all(b, m, &rd, got) == 0 && rd.rep.invalid == 1);
		body[0] = DHCP6_JNL_END;
		m = first + seal(b + first, body, 17);
		UT_EXPECT(read_all(b, m, &rd, got) == 0 && rd.rep.invalid == 1);
	}
}

UT_CASE(build_refusals)
{
	uint8_t b[512];
	struct dhcp6_jnl_rec r = rec_na(DHCP6_JNL_ADD, 1), x;
	size_t n = dhcp6_jnl_rec_build(b, sizeof(b), &r), i;

	UT_ASSERT(n == 10 + 44 + 14 + 6 + 5);
	for (i = 0; i < n; i++)
		UT_EXPECT(dhcp6_jnl_rec_build(b, i, &r) == 0);
	x = r;
	x.type = 0;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.type = DHCP6_JNL_END;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.kind = DHCP6_OPT_IA_TA;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.plen = 64;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.duid_len = 2;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.duid_len = DHCP6_DUID_MAX + 1;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	x.lladdr_len = DHCP6_JNL_LLADDR_MAX + 1;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	strcpy(x.ifname, "a/b");
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = r;
	memset(x.ifname, 'a', sizeof(x.ifname));
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = rec_pd();
	x.plen = 0;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = rec_pd();
	x.plen = 129;
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = rec_pd();
	x.plen = 8;	/* 2001:db8:100:: has bits past /8 */
	UT_EXPECT(!dhcp6_jnl_rec_build(b, sizeof(b), &x));
	x = rec_pd();
	x.plen = 128;
	UT_EXPECT(dhcp6_jnl_rec_build(b, sizeof(b), &x));
	UT_EXPECT(dhcp6_jnl_end_build(b, 25, 1) == 0);
	UT_EXPECT(dhcp6_jnl_end_build(b, 26, 1) == 26);
}

UT_MAIN("apedged_dhcp6_journal",
	UT_ENTRY(crc32c_vector),
	UT_ENTRY(round_trip),
	UT_ENTRY(snapshot),
	UT_ENTRY(empty_file),
	UT_ENTRY(every_truncation),
	UT_ENTRY(flipped_byte_resync),
	UT_ENTRY(garbage_between),
	UT_ENTRY(headers),
	UT_ENTRY(invalid_bodies),
	UT_ENTRY(build_refusals))
