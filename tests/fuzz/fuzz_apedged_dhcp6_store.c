// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the DHCPv6 lease store's load (dhcp6/store.c) over
 * a directory of damaged files, on a tmpfs.
 *
 * The input is cut into three files by its first four bytes (two
 * lengths): "snapshot", "journal.1" and "journal.2"; an empty part is no
 * file.  Each part that is long enough gets a valid header of its kind
 * written over its first bytes half the time (chosen by a bit), so the
 * fuzzer reaches the records behind the CRC.
 *
 * Properties checked (abort() on failure):
 * - the store opens whatever the files hold (damage is never a refusal);
 * - a record appended then is acknowledged, and found by a reload,
 *   whatever torn tail or damage came before it;
 * - the reload reports no more damage than the first load did (the
 *   append followed no partial record).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dhcp6/store.h"
#include "lib/log.h"
#include "lib/loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static struct loop *loop;
static bool found;
static int acked;

static void load_cb(void *ctx, const struct dhcp6_jnl_rec *r)
{
	if (r->iaid == 0xfeedf00d && r->type == DHCP6_JNL_ADD)
		found = true;
}

static bool iter_cb(void *ctx, uint64_t *pos, struct dhcp6_jnl_rec *r)
{
	return false;
}

static void done_cb(void *cookie, int err)
{
	acked = err ? -1 : 1;
}

static void empty_dir(void)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char path[512];

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
}

static void cleanup(void)
{
	empty_dir();
	rmdir(dir);
}

static void put(const char *name, const uint8_t *p, size_t n, uint8_t kind,
		uint64_t gen, bool header)
{
	uint8_t *buf;
	char path[512];
	int fd;

	if (!n)
		return;
	buf = malloc(n);
	memcpy(buf, p, n);
	if (header && n >= DHCP6_JNL_HDR_LEN)
		dhcp6_jnl_hdr_build(buf, DHCP6_JNL_HDR_LEN, kind, gen);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, buf, n) != (ssize_t)n)
			abort();
		close(fd);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dhcp6_jnl_rec r = {
		.type = DHCP6_JNL_ADD, .kind = DHCP6_OPT_IA_NA, .plen = 128,
		.iaid = 0xfeedf00d, .duid_len = 10,
		.duid = { 0, 3, 0, 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56 },
	};
	struct dhcp6_store *s;
	size_t a, b, damaged;
	uint8_t flags;
	int err;

	if (!loop) {
		log_set_level(LOG_EMERG);
		loop = loop_new();
		snprintf(dir, sizeof(dir), "/dev/shm/fuzz-d6store.%d", getpid());
		mkdir(dir, 0700);
		atexit(cleanup);
	}
	if (size < 5)
		return 0;
	a = (size_t)data[0] << 8 | data[1];
	b = (size_t)data[2] << 8 | data[3];
	flags = data[4];
	data += 5;
	size -= 5;
	if (a > size)
		a = size;
	if (b > size - a)
		b = size - a;
	empty_dir();
	put("snapshot", data, a, DHCP6_JNL_SNAPSHOT, 1, flags & 1);
	put("journal.1", data + a, b, DHCP6_JNL_JOURNAL, 1, flags & 2);
	put("journal.2", data + a + b, size - a - b, DHCP6_JNL_JOURNAL, 2,
	    flags & 4);

	s = dhcp6_store_open(loop, dir, load_cb, iter_cb, NULL, &err);
	if (!s)
		abort();
	damaged = dhcp6_store_stats(s)->load.damaged_regions;
	acked = 0;
	if (dhcp6_store_append(s, &r, done_cb, NULL))
		abort();
	loop_iterate(loop, 0);
	if (acked != 1)
		abort();
	dhcp6_store_close(s);

	found = false;
	s = dhcp6_store_open(loop, dir, load_cb, iter_cb, NULL, &err);
	if (!s || !found)
		abort();
	if (dhcp6_store_stats(s)->load.damaged_regions > damaged)
		abort();
	dhcp6_store_close(s);
	return 0;
}
