// SPDX-License-Identifier: GPL-2.0
/*
 * The lease file: its codec from byte vectors, every truncation, the
 * damage it reports, the lease it gives, and a write and read in a
 * scratch directory.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dhcp4/store.h"
#include "ut.h"

/*
 * A DHCPACK from 192.0.2.1 granting 192.0.2.10/24 for 3600 s, router
 * 192.0.2.1, xid 0x11223344, chaddr 02:00:00:00:00:01.
 */
static size_t ack(uint8_t *b)
{
	static const uint8_t opts[] = {
		99, 130, 83, 99,
		53, 1, 5,
		54, 4, 192, 0, 2, 1,
		51, 4, 0, 0, 0x0e, 0x10,
		1, 4, 255, 255, 255, 0,
		3, 4, 192, 0, 2, 1,
		255,
	};

	memset(b, 0, 236);
	b[0] = 2;
	b[1] = 1;
	b[2] = 6;
	memcpy(b + 4, "\x11\x22\x33\x44", 4);
	memcpy(b + 16, "\xc0\x00\x02\x0a", 4);
	memcpy(b + 28, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(b + 236, opts, sizeof(opts));
	return 236 + sizeof(opts);
}

/* The file for that ACK, acquired at 0x0102030405060708 ms. */
static size_t file(uint8_t *f)
{
	uint8_t a[DHCP4_MSG_MAX];
	size_t n = ack(a);

	return dhcp4_store_build(f, DHCP4_STORE_MAX, 0x0102030405060708ull,
				 a, n);
}

UT_CASE(layout)
{
	uint8_t f[DHCP4_STORE_MAX], a[DHCP4_MSG_MAX];
	size_t n = file(f), an = ack(a);

	UT_ASSERT(n == 30 + an + 4);
	UT_EXPECT(!memcmp(f, "APEDGE-DHCP4-LEASE", 18));
	UT_EXPECT(f[18] == 0 && f[19] == 1);
	UT_EXPECT(!memcmp(f + 20, "\x01\x02\x03\x04\x05\x06\x07\x08", 8));
	UT_EXPECT(f[28] == an >> 8 && f[29] == (an & 0xff));
	UT_EXPECT(!memcmp(f + 30, a, an));
}

/*
 * The trailer is the IEEE CRC-32 of what precedes it: the value Python's
 * zlib.crc32() gives for this file's first bytes.
 */
UT_CASE(crc_value)
{
	uint8_t f[DHCP4_STORE_MAX];
	size_t n = file(f);
	struct dhcp4_store_rec r;

	UT_EXPECT(!memcmp(f + n - 4, "\x2a\xbc\x3c\xf2", 4));
	UT_ASSERT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_OK);
	f[25] ^= 1;
	UT_EXPECT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_CRC);
}

UT_CASE(parse_ok)
{
	uint8_t f[DHCP4_STORE_MAX];
	size_t n = file(f);
	struct dhcp4_store_rec r;

	UT_ASSERT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_OK);
	UT_EXPECT(r.wall_ms == 0x0102030405060708ull);
	UT_EXPECT(r.ack_len == n - 34 && r.ack_raw == f + 30);
	UT_EXPECT(r.ack.type == DHCP4_ACK);
	UT_EXPECT(r.ack.xid == 0x11223344);
	UT_EXPECT(r.ack.yiaddr.s_addr == htonl(0xc000020a));
	UT_EXPECT(r.ack.server_id.s_addr == htonl(0xc0000201));
	UT_EXPECT(r.ack.has_lease && r.ack.lease_s == 3600);
}

/* Every proper prefix is refused as short, and never read past (ASan). */
UT_CASE(every_truncation)
{
	uint8_t f[DHCP4_STORE_MAX], *cut;
	size_t n = file(f), i;
	struct dhcp4_store_rec r;
	int bad = 0;

	for (i = 0; i < n; i++) {
		enum dhcp4_store_err e;

		cut = malloc(i ? i : 1);
		UT_ASSERT(cut);
		memcpy(cut, f, i);
		e = dhcp4_store_parse(cut, i, &r);
		if (e != DHCP4_STORE_SHORT) {
			fprintf(stderr, "  length %zu: %s\n", i,
				dhcp4_store_err_name(e));
			bad = 1;
		}
		free(cut);
	}
	UT_EXPECT(!bad);
}

UT_CASE(damage)
{
	uint8_t f[DHCP4_STORE_MAX + 8], g[DHCP4_STORE_MAX + 8];
	size_t n = file(f);
	struct dhcp4_store_rec r;

	memcpy(g, f, n);
	g[0] = 'X';
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_MAGIC_BAD);
	UT_EXPECT(dhcp4_store_parse((const uint8_t *)"XY", 2, &r) ==
		  DHCP4_STORE_MAGIC_BAD);
	UT_EXPECT(dhcp4_store_parse((const uint8_t *)"APEDGE", 6, &r) ==
		  DHCP4_STORE_SHORT);
	UT_EXPECT(dhcp4_store_parse(g, 0, &r) == DHCP4_STORE_SHORT);

	memcpy(g, f, n);
	g[19] = 2;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_VERSION_BAD);

	/* An ACK length below the minimum or above the maximum. */
	memcpy(g, f, n);
	g[28] = 0;
	g[29] = 239;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_LENGTH);
	g[28] = 0x05;
	g[29] = 0xdd;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_LENGTH);
	/* A length longer than the file: short. */
	memcpy(g, f, n);
	g[29]++;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_SHORT);
	/* Bytes after the CRC. */
	memcpy(g, f, n);
	g[n] = 0;
	UT_EXPECT(dhcp4_store_parse(g, n + 1, &r) == DHCP4_STORE_LENGTH);
	/* Any flipped bit of the ACK: the CRC. */
	memcpy(g, f, n);
	g[100] ^= 0x80;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_CRC);
	memcpy(g, f, n);
	g[n - 1] ^= 1;
	UT_EXPECT(dhcp4_store_parse(g, n, &r) == DHCP4_STORE_CRC);
}

/* A whole file whose ACK is not one: the message's reason. */
UT_CASE(not_an_ack)
{
	uint8_t a[DHCP4_MSG_MAX], f[DHCP4_STORE_MAX];
	struct dhcp4_store_rec r;
	size_t an = ack(a), n;

	a[236] = 0;		/* no cookie */
	n = dhcp4_store_build(f, sizeof(f), 1, a, an);
	UT_ASSERT(n);
	UT_EXPECT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_ACK);
	UT_EXPECT(r.ack_err == DHCP4_ERR_COOKIE);

	an = ack(a);
	a[242] = DHCP4_OFFER;	/* option 53's value */
	n = dhcp4_store_build(f, sizeof(f), 1, a, an);
	UT_EXPECT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_NOT_ACK);

	an = ack(a);
	memset(a + 16, 0, 4);	/* yiaddr 0 */
	n = dhcp4_store_build(f, sizeof(f), 1, a, an);
	UT_EXPECT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_NOT_ACK);

	an = ack(a);
	a[0] = 1;		/* a request */
	n = dhcp4_store_build(f, sizeof(f), 1, a, an);
	UT_EXPECT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_NOT_ACK);
}

UT_CASE(build_limits)
{
	uint8_t a[DHCP4_MSG_MAX + 1], f[DHCP4_STORE_MAX + 1];

	memset(a, 0, sizeof(a));
	UT_EXPECT(dhcp4_store_build(f, sizeof(f), 0, a, 239) == 0);
	UT_EXPECT(dhcp4_store_build(f, sizeof(f), 0, a, 1501) == 0);
	UT_EXPECT(dhcp4_store_build(f, sizeof(f), 0, a, 1500) ==
		  DHCP4_STORE_MAX);
	UT_EXPECT(dhcp4_store_build(f, DHCP4_STORE_MAX - 1, 0, a, 1500) == 0);
}

UT_CASE(lease_of_ack)
{
	uint8_t f[DHCP4_STORE_MAX];
	size_t n = file(f);
	struct dhcp4_store_rec r;
	struct dhcp4_lease l;

	UT_ASSERT(dhcp4_store_parse(f, n, &r) == DHCP4_STORE_OK);
	dhcp4_store_lease(&r.ack, 5000, &l);
	UT_EXPECT(l.plen == 24);
	UT_EXPECT(l.lease_s == 3600 && l.t1_s == 1800 && l.t2_s == 3150);
	UT_EXPECT(l.acquired_ms == 5000);

	/* 1000 s ago on the wall clock: 1000 s ago on the machine's. */
	r.wall_ms = 2000000;
	UT_EXPECT(dhcp4_store_to_lease(&r, 5000000, 3000000, &l) == 0);
	UT_EXPECT(l.acquired_ms == 4000000);
	/* The wall clock went back: no time passed. */
	UT_EXPECT(dhcp4_store_to_lease(&r, 5000000, 1000000, &l) == 0);
	UT_EXPECT(l.acquired_ms == 5000000);
	/* Before the machine clock's zero (a reboot): at zero. */
	UT_EXPECT(dhcp4_store_to_lease(&r, 500000, 3000000, &l) == 0);
	UT_EXPECT(l.acquired_ms == 0);
	/* Expired. */
	UT_EXPECT(dhcp4_store_to_lease(&r, 9000000, 2000000 + 3600000, &l) ==
		  -ESTALE);
	/* No mask: the class's prefix. */
	r.ack.has_mask = false;
	dhcp4_store_lease(&r.ack, 0, &l);
	UT_EXPECT(l.plen == 24);
	r.ack.yiaddr.s_addr = htonl(0x0a000001);
	dhcp4_store_lease(&r.ack, 0, &l);
	UT_EXPECT(l.plen == 8);
	/* No lease time: infinite. */
	r.ack.has_lease = false;
	dhcp4_store_lease(&r.ack, 0, &l);
	UT_EXPECT(l.lease_s == 0xffffffffu && l.t1_s == 0xffffffffu);
	UT_EXPECT(dhcp4_store_to_lease(&r, 1, 0xffffffffffffull, &l) == 0);
}

UT_CASE(file_round_trip)
{
	char dir[] = "/tmp/apedge-dhcp4-store.XXXXXX", sub[64], path[128];
	uint8_t a[DHCP4_MSG_MAX], buf[DHCP4_STORE_MAX];
	struct dhcp4_store_rec r;
	enum dhcp4_store_err err;
	size_t an = ack(a);
	FILE *fp;
	struct stat st;

	UT_ASSERT(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	UT_EXPECT(dhcp4_store_load(sub, "eth0", buf, &r, &err) == -ENOENT);
	UT_ASSERT(dhcp4_store_save(sub, "eth0", 42, a, an) == 0);
	snprintf(path, sizeof(path), "%s/eth0.lease", sub);
	UT_EXPECT(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	UT_EXPECT(dhcp4_store_load(sub, "eth0", buf, &r, &err) == 0);
	UT_EXPECT(r.wall_ms == 42 && r.ack_len == an &&
		  !memcmp(r.ack_raw, a, an));
	/* Grown past the largest file: damaged. */
	fp = fopen(path, "a");
	UT_ASSERT(fp);
	fwrite(buf, 1, DHCP4_STORE_MAX, fp);
	fclose(fp);
	UT_EXPECT(dhcp4_store_load(sub, "eth0", buf, &r, &err) == -EIO);
	UT_EXPECT(err == DHCP4_STORE_LENGTH);
	UT_EXPECT(dhcp4_store_remove(sub, "eth0") == 0);
	UT_EXPECT(dhcp4_store_remove(sub, "eth0") == 0);
	UT_EXPECT(access(path, F_OK) < 0);
	snprintf(path, sizeof(path), "%s/a/b", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/a", dir);
	rmdir(path);
	UT_EXPECT(rmdir(dir) == 0);
}

UT_CASE(err_names)
{
	int i;

	for (i = 0; i < DHCP4_STORE_ERR_MAX; i++)
		UT_EXPECT(strcmp(dhcp4_store_err_name(i), "unknown"));
	UT_EXPECT_STR(dhcp4_store_err_name(DHCP4_STORE_ERR_MAX), "unknown");
}

UT_MAIN("dhcp4_store",
	UT_ENTRY(layout),
	UT_ENTRY(crc_value),
	UT_ENTRY(parse_ok),
	UT_ENTRY(every_truncation),
	UT_ENTRY(damage),
	UT_ENTRY(not_an_ack),
	UT_ENTRY(build_limits),
	UT_ENTRY(lease_of_ack),
	UT_ENTRY(file_round_trip),
	UT_ENTRY(err_names),
)
