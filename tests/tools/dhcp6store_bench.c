// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 lease store's figures (tests/bench/dhcp6store.sh runs it):
 *
 *   dhcp6store_bench DIR [SECONDS]
 *
 * 1. Appends per second when each loop turn brings B records, B = 1 (one
 *    fsync per record: what a store without group commit does), 4, 16,
 *    64, 256, with the mean time of one commit (write and fdatasync).
 * 2. The time to load 100,000 leases: from a journal alone, and from a
 *    snapshot and a short journal (after a compaction), and how long the
 *    loop turn that starts the compaction takes (the fork), and how long
 *    the snapshot writer runs.
 *
 * DIR must be on the disk to be measured (not a tmpfs); it is emptied.
 * Prints figures; never fails on a figure.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dhcp6/store.h"
#include "lib/log.h"
#include "lib/loop.h"

#define LEASES 100000

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static struct dhcp6_jnl_rec mkrec(uint32_t id)
{
	struct dhcp6_jnl_rec r = {
		.type = DHCP6_JNL_ADD, .kind = DHCP6_OPT_IA_NA, .plen = 128,
		.iaid = id, .preferred = 3600, .valid = 7200,
		.expiry = 1764583200, .duid_len = 14, .lladdr_len = 6,
		.lladdr = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 },
		.ifname = "wlan0",
	};
	static const uint8_t duid[10] = { 0, 1, 0, 1, 0x32, 0xa1, 0x56, 0x4d,
					  0x52, 0x54 };

	memcpy(r.duid, duid, sizeof(duid));
	r.duid[10] = (uint8_t)(id >> 24);
	r.duid[11] = (uint8_t)(id >> 16);
	r.duid[12] = (uint8_t)(id >> 8);
	r.duid[13] = (uint8_t)id;
	inet_pton(AF_INET6, "2001:db8:1::", &r.addr);
	r.addr.s6_addr[13] = (uint8_t)(id >> 16);
	r.addr.s6_addr[14] = (uint8_t)(id >> 8);
	r.addr.s6_addr[15] = (uint8_t)id;
	return r;
}

/* The owner's table: ids 0..n-1 live. */
static uint32_t table_n;
static size_t loaded;

static void load_cb(void *ctx, const struct dhcp6_jnl_rec *r)
{
	loaded++;
}

static bool iter_cb(void *ctx, uint64_t *pos, struct dhcp6_jnl_rec *r)
{
	if (*pos >= table_n)
		return false;
	*r = mkrec((uint32_t)*pos);
	(*pos)++;
	return true;
}

static unsigned long acks, nacks;

static void done_cb(void *cookie, int err)
{
	if (err)
		nacks++;
	else
		acks++;
}

static void empty_dir(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char path[4096];

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
}

static struct dhcp6_store *open_store(struct loop *loop, const char *dir)
{
	struct dhcp6_store *s;
	int err;

	loaded = 0;
	s = dhcp6_store_open(loop, dir, load_cb, iter_cb, NULL, &err);
	if (!s) {
		fprintf(stderr, "cannot open the store in %s: %s\n", dir,
			strerror(-err));
		exit(1);
	}
	return s;
}

/* Appends/s with batch records a turn, for about secs seconds. */
static double rate(struct loop *loop, const char *dir, unsigned int batch,
		   double secs, double *commit_ms)
{
	struct dhcp6_store *s;
	struct dhcp6_jnl_rec r;
	uint64_t t0, t;
	uint32_t id = 0;
	unsigned int i;
	double rps;

	empty_dir(dir);
	s = open_store(loop, dir);
	acks = 0;
	t0 = now_us();
	do {
		for (i = 0; i < batch; i++) {
			r = mkrec(id++);
			dhcp6_store_append(s, &r, done_cb, NULL);
		}
		loop_iterate(loop, 0);
		t = now_us();
	} while (t - t0 < secs * 1e6);
	rps = acks / ((t - t0) / 1e6);
	*commit_ms = (t - t0) / 1e3 / (double)dhcp6_store_stats(s)->commits;
	dhcp6_store_close(s);
	return rps;
}

static unsigned long load_ms(struct loop *loop, const char *dir,
			     size_t *n)
{
	struct dhcp6_store *s = open_store(loop, dir);
	unsigned long ms = (unsigned long)dhcp6_store_stats(s)->load_ms;

	*n = loaded;
	dhcp6_store_close(s);
	return ms;
}

int main(int argc, char **argv)
{
	static const unsigned int batches[] = { 1, 4, 16, 64, 256 };
	struct loop *loop;
	struct dhcp6_store *s;
	struct dhcp6_jnl_rec r;
	double secs = argc > 2 ? atof(argv[2]) : 2.0, base = 0, ms;
	const char *dir;
	uint64_t t0, turn, wr;
	unsigned long lj, ls;
	size_t n, i;
	uint32_t id;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [SECONDS]\n", argv[0]);
		return 2;
	}
	dir = argv[1];
	log_set_level(LOG_WARNING);
	loop = loop_new();
	if (!loop)
		return 1;

	printf("group commit, %s, %.1f s each:\n", dir, secs);
	for (i = 0; i < sizeof(batches) / sizeof(batches[0]); i++) {
		double rps = rate(loop, dir, batches[i], secs, &ms);

		if (!base)
			base = rps;
		printf("  %3u a turn: %9.0f appends/s  %6.2f ms a commit  x%.1f%s\n",
		       batches[i], rps, ms, rps / base,
		       batches[i] == 1 ? " (one fsync per record)" : "");
	}

	/* 100k leases appended in one turn: past 4 MiB, so the commit
	 * starts a compaction. */
	empty_dir(dir);
	s = open_store(loop, dir);
	for (id = 0; id < LEASES; id++) {
		r = mkrec(id);
		dhcp6_store_append(s, &r, done_cb, NULL);
	}
	table_n = LEASES;
	/* The turn that commits 100k records and starts the compaction. */
	t0 = now_us();
	loop_iterate(loop, 0);
	turn = now_us() - t0;
	t0 = now_us();
	while (!dhcp6_store_stats(s)->compactions && now_us() - t0 < 30000000)
		loop_iterate(loop, 10);
	wr = now_us() - t0;
	dhcp6_store_close(s);
	ls = load_ms(loop, dir, &n);
	printf("100k leases:\n");
	printf("  commit of 100k in one turn and the switch and fork: %.1f ms\n",
	       turn / 1e3);
	printf("  the snapshot writer, after it: %.1f ms (the loop serves meanwhile)\n",
	       wr / 1e3);
	printf("  load from the snapshot: %lu ms (%zu records)\n", ls, n);

	/* Journal only: written by hand from the codec, as a daemon that
	 * never compacted would have left it. */
	empty_dir(dir);
	{
		char path[4096];
		uint8_t *buf = malloc((size_t)LEASES * DHCP6_JNL_REC_MAX +
				      DHCP6_JNL_HDR_LEN);
		size_t len;
		FILE *f;

		snprintf(path, sizeof(path), "%s/journal.1", dir);
		len = dhcp6_jnl_hdr_build(buf, DHCP6_JNL_HDR_LEN,
					  DHCP6_JNL_JOURNAL, 1);
		for (id = 0; id < LEASES; id++) {
			r = mkrec(id);
			len += dhcp6_jnl_rec_build(buf + len, DHCP6_JNL_REC_MAX,
						   &r);
		}
		f = fopen(path, "w");
		if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
			perror(path);
			return 1;
		}
		free(buf);
		lj = load_ms(loop, dir, &n);
		printf("  load from a journal alone: %lu ms (%zu records, %zu bytes)\n",
		       lj, n, len);
	}
	printf("  target: serving within 1000 ms of a restart: %.2f of it (the slower)\n",
	       (double)(lj > ls ? lj : ls) / 1000.0);
	empty_dir(dir);
	loop_free(loop);
	return 0;
}
