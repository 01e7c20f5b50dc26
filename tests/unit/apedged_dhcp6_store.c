// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/store.c: the lease store on a real file system, in temporary
 * directories.  Round trip, group commit, 100k leases, every cut of the
 * journal's tail, a flipped byte, a kill -9 at every step of a
 * compaction, a file of an unknown version, a write error (RLIMIT_FSIZE:
 * EFBIG), and kill -9 at random moments while a child appends, checked
 * against what its done() callbacks acknowledged through a pipe.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dhcp6/store.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "ut.h"

#define MAXID 120000

/*
 * The store's syncs, seen from here: these definitions take the place of
 * the C library's in this program.  A done(0) checks that the journal's
 * bytes were synced before it was called; a compaction checks that the
 * directory was synced after the new journal and after the rename.
 */
static ino_t synced_ino;
static off_t synced_size;
static unsigned int dir_syncs;

static void note_sync(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		dir_syncs++;
	} else {
		synced_ino = st.st_ino;
		synced_size = st.st_size;
	}
}

int fdatasync(int fd)
{
	long r = syscall(SYS_fdatasync, fd);

	if (!r)
		note_sync(fd);
	return (int)r;
}

int fsync(int fd)
{
	long r = syscall(SYS_fsync, fd);

	if (!r)
		note_sync(fd);
	return (int)r;
}

/* Whether the journal of dir is synced up to its end. */
static bool journal_synced(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return !stat(path, &st) && st.st_ino == synced_ino &&
	       st.st_size == synced_size;
}

/* The owner's table: one binding per id (the IAID). */
struct tab {
	bool present[MAXID];
	struct dhcp6_jnl_rec rec[MAXID];
	size_t loaded;
};

static struct dhcp6_jnl_rec mkrec(uint32_t id, uint8_t type)
{
	struct dhcp6_jnl_rec r = {
		.type = type, .kind = DHCP6_OPT_IA_NA, .plen = 128,
		.iaid = id, .preferred = 3600, .valid = 7200,
		.expiry = type == DHCP6_JNL_RELEASE ? 0 : 1764583200 + id,
		.duid_len = 14, .lladdr_len = 6,
		.lladdr = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 },
		.ifname = "wlan0",
	};
	uint8_t duid[14] = { 0, 1, 0, 1, 0x32, 0xa1, 0x56, 0x4d,
			     0x52, 0x54, 0, 0, 0, 0 };

	duid[10] = (uint8_t)(id >> 24);
	duid[11] = (uint8_t)(id >> 16);
	duid[12] = (uint8_t)(id >> 8);
	duid[13] = (uint8_t)id;
	memcpy(r.duid, duid, sizeof(duid));
	inet_pton(AF_INET6, "2001:db8:1::", &r.addr);
	r.addr.s6_addr[12] = (uint8_t)(id >> 24);
	r.addr.s6_addr[13] = (uint8_t)(id >> 16);
	r.addr.s6_addr[14] = (uint8_t)(id >> 8);
	r.addr.s6_addr[15] = (uint8_t)id;
	return r;
}

static void tab_apply(struct tab *t, const struct dhcp6_jnl_rec *r)
{
	if (r->iaid >= MAXID)
		return;
	switch (r->type) {
	case DHCP6_JNL_ADD:
	case DHCP6_JNL_RENEW:
	case DHCP6_JNL_DECLINE:
		t->present[r->iaid] = true;
		t->rec[r->iaid] = *r;
		break;
	default:
		t->present[r->iaid] = false;
	}
}

static void load_cb(void *ctx, const struct dhcp6_jnl_rec *r)
{
	struct tab *t = ctx;

	t->loaded++;
	tab_apply(t, r);
}

static bool iter_cb(void *ctx, uint64_t *pos, struct dhcp6_jnl_rec *r)
{
	struct tab *t = ctx;

	while (*pos < MAXID && !t->present[*pos])
		(*pos)++;
	if (*pos >= MAXID)
		return false;
	*r = t->rec[*pos];
	(*pos)++;
	return true;
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

static bool tab_equal(const struct tab *a, const struct tab *b)
{
	size_t i;

	for (i = 0; i < MAXID; i++) {
		if (a->present[i] != b->present[i])
			return false;
		if (a->present[i] && !same(&a->rec[i], &b->rec[i]))
			return false;
	}
	return true;
}

static size_t tab_count(const struct tab *t)
{
	size_t i, n = 0;

	for (i = 0; i < MAXID; i++)
		n += t->present[i];
	return n;
}

struct ack {
	int calls;
	int err;
};

static const char *check_dir;	/* done() checks its journal.1 */
static int unsynced_acks;

static void done_cb(void *cookie, int err)
{
	struct ack *a = cookie;

	a->calls++;
	a->err = err;
	if (!err && check_dir && !journal_synced(check_dir, "journal.1"))
		unsynced_acks++;
}

static char *mkdir_tmp(void)
{
	char *d = strdup(access("/dev/shm", W_OK) ? "/tmp/d6store.XXXXXX" :
			 "/dev/shm/d6store.XXXXXX");

	if (d && !mkdtemp(d)) {
		free(d);
		return NULL;
	}
	return d;
}

/* The store's directories are flat. */
static void rm_tmp(char *d)
{
	struct dirent *de;
	DIR *dd = opendir(d);
	char path[512];

	while (dd && (de = readdir(dd))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", d, de->d_name);
		unlink(path);
	}
	if (dd)
		closedir(dd);
	if (rmdir(d))
		fprintf(stderr, "  cannot remove %s\n", d);
	free(d);
}

static int file_get(const char *dir, const char *name, uint8_t **buf,
		    size_t *len)
{
	char path[512];
	struct stat st;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	*buf = malloc((size_t)st.st_size + 1);
	r = read(fd, *buf, (size_t)st.st_size);
	close(fd);
	*len = (size_t)st.st_size;
	return r == st.st_size ? 0 : -1;
}

static int file_put(const char *dir, const char *name, const uint8_t *buf,
		    size_t len)
{
	char path[512];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	ok = write(fd, buf, len) == (ssize_t)len;
	close(fd);
	return ok ? 0 : -1;
}

static bool file_exists(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return !access(path, F_OK);
}

static size_t count_files(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Open dir into a fresh table: the store, or NULL. */
static struct dhcp6_store *open_into(struct loop *loop, const char *dir,
				     struct tab *t)
{
	int err;

	memset(t, 0, sizeof(*t));
	return dhcp6_store_open(loop, dir, load_cb, iter_cb, t, &err);
}

/* Append ids [from, to) as ADD, applied to t, and commit them. */
static bool append_range(struct loop *loop, struct dhcp6_store *s,
			 struct tab *t, uint32_t from, uint32_t to)
{
	struct ack *acks = calloc(to - from, sizeof(*acks));
	struct dhcp6_jnl_rec r;
	bool ok = true;
	uint32_t i;

	for (i = from; i < to; i++) {
		r = mkrec(i, DHCP6_JNL_ADD);
		if (dhcp6_store_append(s, &r, done_cb, &acks[i - from]))
			ok = false;
		tab_apply(t, &r);
	}
	loop_iterate(loop, 0);
	for (i = from; i < to; i++)
		if (acks[i - from].calls != 1 || acks[i - from].err)
			ok = false;
	free(acks);
	return ok;
}

/* Wait for a running compaction to end, on the loop. */
static void settle(struct loop *loop, const struct dhcp6_store *s,
		   uint64_t compactions)
{
	int i;

	for (i = 0; i < 500 && dhcp6_store_stats(s)->compactions < compactions;
	     i++)
		loop_iterate(loop, 20);
}

static struct tab *ta, *tb;

UT_CASE(round_trip)
{
	struct loop *loop = loop_new();
	char *dir = mkdir_tmp();
	struct dhcp6_store *s;
	struct dhcp6_jnl_rec r;
	struct ack acks[12] = { 0 };
	int i;

	UT_ASSERT(loop && dir);
	s = open_into(loop, dir, ta);
	UT_ASSERT(s);
	UT_EXPECT(file_exists(dir, "journal.1"));
	check_dir = dir;
	unsynced_acks = 0;
	UT_EXPECT(dhcp6_store_stats(s)->journal_bytes == DHCP6_JNL_HDR_LEN);
	for (i = 0; i < 10; i++) {
		r = mkrec((uint32_t)i, i == 7 ? DHCP6_JNL_DECLINE :
			  DHCP6_JNL_ADD);
		UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &acks[i]));
		tab_apply(ta, &r);
	}
	r = mkrec(3, DHCP6_JNL_RELEASE);
	UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &acks[10]));
	tab_apply(ta, &r);
	r = mkrec(4, DHCP6_JNL_RENEW);
	r.valid = 9999;
	UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &acks[11]));
	tab_apply(ta, &r);
	/* Never from inside the call. */
	UT_EXPECT(acks[0].calls == 0);
	r.type = DHCP6_JNL_END;
	UT_EXPECT(dhcp6_store_append(s, &r, done_cb, NULL) == -EINVAL);
	r = mkrec(1, DHCP6_JNL_ADD);
	r.plen = 64;	/* an IA_NA is a /128 */
	UT_EXPECT(dhcp6_store_append(s, &r, done_cb, NULL) == -EINVAL);
	loop_iterate(loop, 0);
	for (i = 0; i < 12; i++)
		UT_EXPECT(acks[i].calls == 1 && acks[i].err == 0);
	/* Each done(0) came after the sync of the bytes it stands for. */
	UT_EXPECT(unsynced_acks == 0);
	check_dir = NULL;
	/* Group commit: one write, one sync, for the twelve. */
	UT_EXPECT(dhcp6_store_stats(s)->commits == 1);
	UT_EXPECT(dhcp6_store_stats(s)->appends == 12);
	dhcp6_store_close(s);

	s = open_into(loop, dir, tb);
	UT_ASSERT(s);
	UT_EXPECT(tb->loaded == 12);
	UT_EXPECT(tab_count(tb) == 9);
	UT_EXPECT(tab_equal(ta, tb));
	UT_EXPECT(tb->rec[4].valid == 9999);
	UT_EXPECT(dhcp6_store_stats(s)->load.damaged_regions == 0);
	/* Appends go on in the same journal. */
	UT_EXPECT(!file_exists(dir, "journal.2"));
	UT_EXPECT(append_range(loop, s, tb, 20, 30));
	UT_EXPECT(dhcp6_store_stats(s)->commits == 1);
	dhcp6_store_close(s);
	s = open_into(loop, dir, ta);
	UT_ASSERT(s);
	UT_EXPECT(tab_count(ta) == 19);
	UT_EXPECT(tab_equal(ta, tb));
	dhcp6_store_close(s);
	rm_tmp(dir);
	loop_free(loop);
}

/* A done() that appends again: that one goes in the next batch. */
struct chain {
	struct dhcp6_store *s;
	struct ack first, second;
};

static void chain_done(void *cookie, int err)
{
	struct chain *c = cookie;
	struct dhcp6_jnl_rec r = mkrec(2, DHCP6_JNL_ADD);

	done_cb(&c->first, err);
	dhcp6_store_append(c->s, &r, done_cb, &c->second);
}

UT_CASE(group_commit_turns)
{
	struct loop *loop = loop_new();
	char *dir = mkdir_tmp();
	struct dhcp6_store *s;
	struct dhcp6_jnl_rec r = mkrec(1, DHCP6_JNL_ADD);
	struct chain c = { 0 };

	UT_ASSERT(loop && dir);
	s = open_into(loop, dir, ta);
	UT_ASSERT(s);
	UT_EXPECT(append_range(loop, s, ta, 0, 1000));
	UT_EXPECT(append_range(loop, s, ta, 1000, 1001));
	UT_EXPECT(dhcp6_store_stats(s)->commits == 2);
	c.s = s;
	UT_EXPECT(!dhcp6_store_append(s, &r, chain_done, &c));
	loop_iterate(loop, 0);
	UT_EXPECT(c.first.calls == 1 && c.second.calls == 0);
	loop_iterate(loop, 0);
	UT_EXPECT(c.second.calls == 1 && c.second.err == 0);
	UT_EXPECT(dhcp6_store_stats(s)->commits == 4);
	/* Close commits what is queued. */
	r = mkrec(5000, DHCP6_JNL_ADD);
	c.first.calls = 0;
	UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &c.first));
	dhcp6_store_close(s);
	UT_EXPECT(c.first.calls == 1 && c.first.err == 0);
	s = open_into(loop, dir, tb);
	UT_ASSERT(s);
	UT_EXPECT(tb->present[5000] && tab_count(tb) == 1002);
	dhcp6_store_close(s);
	rm_tmp(dir);
	loop_free(loop);
}

UT_CASE(load_100k)
{
	struct loop *loop = loop_new();
	char *dir = mkdir_tmp();
	struct dhcp6_store *s;
	const struct dhcp6_store_stats *st;
	unsigned int dirs;

	UT_ASSERT(loop && dir);
	s = open_into(loop, dir, ta);
	UT_ASSERT(s);
	dirs = dir_syncs;
	/* One turn: one write of 8 MB, past 4 MiB, so a compaction starts
	 * by itself after the commit. */
	UT_EXPECT(append_range(loop, s, ta, 0, 100000));
	st = dhcp6_store_stats(s);
	UT_EXPECT(st->commits == 1);
	settle(loop, s, 1);
	UT_EXPECT(st->compactions == 1);
	/* The new journal's directory sync (the rename's is the child's). */
	UT_EXPECT(dir_syncs >= dirs + 1);
	UT_EXPECT(file_exists(dir, "snapshot"));
	UT_EXPECT(!file_exists(dir, "journal.1"));
	UT_EXPECT(file_exists(dir, "journal.2"));
	UT_EXPECT(append_range(loop, s, ta, 100000, 100010));
	dhcp6_store_close(s);

	s = open_into(loop, dir, tb);
	UT_ASSERT(s);
	st = dhcp6_store_stats(s);
	UT_EXPECT(st->load.good == 100011);	/* with the END */
	UT_EXPECT(st->load.end_seen && st->load.end_ok);
	UT_EXPECT(tab_equal(ta, tb));
	fprintf(stderr, "  100k leases, snapshot and journal: %llu ms (ASan)\n",
		(unsigned long long)st->load_ms);
	dhcp6_store_close(s);
	rm_tmp(dir);
	loop_free(loop);
}

/* Record boundaries of a journal of n records (ids 0..n-1). */
static size_t make_journal(const char *dir, uint32_t n, size_t *ends)
{
	struct loop *loop = loop_new();
	struct dhcp6_store *s = open_into(loop, dir, ta);
	struct dhcp6_jnl_rec r;
	size_t off = DHCP6_JNL_HDR_LEN;
	uint8_t b[DHCP6_JNL_REC_MAX];
	uint32_t i;

	if (!s)
		return 0;
	append_range(loop, s, ta, 0, n);
	dhcp6_store_close(s);
	loop_free(loop);
	for (i = 0; i < n; i++) {
		r = mkrec(i, DHCP6_JNL_ADD);
		off += dhcp6_jnl_rec_build(b, sizeof(b), &r);
		ends[i] = off;
	}
	return off;
}

UT_CASE(torn_tail_every_cut)
{
	struct loop *loop = loop_new();
	char *src = mkdir_tmp(), *dir;
	uint8_t *buf = NULL;
	size_t len = 0, ends[5], full, cut;
	struct dhcp6_store *s;
	uint32_t whole, i;
	int bad = 0;

	UT_ASSERT(loop && src);
	full = make_journal(src, 5, ends);
	UT_ASSERT(!file_get(src, "journal.1", &buf, &len));
	UT_ASSERT(len == full);
	for (cut = DHCP6_JNL_HDR_LEN; cut < full; cut++) {
		dir = mkdir_tmp();
		file_put(dir, "journal.1", buf, cut);
		s = open_into(loop, dir, tb);
		if (!s) {
			bad++;
			rm_tmp(dir);
			continue;
		}
		for (whole = 0; whole < 5 && ends[whole] <= cut; whole++)
			;
		/* Exactly the whole records, and the rest torn. */
		if (tab_count(tb) != whole)
			bad++;
		for (i = 0; i < whole; i++)
			if (!tb->present[i] || !same(&tb->rec[i], &ta->rec[i]))
				bad++;
		if (dhcp6_store_stats(s)->load.torn_tail !=
		    cut - (whole ? ends[whole - 1] : DHCP6_JNL_HDR_LEN))
			bad++;
		/* The tail is cut before the next append. */
		if (!append_range(loop, s, tb, 100, 101))
			bad++;
		dhcp6_store_close(s);
		s = open_into(loop, dir, tb);
		if (!s || tab_count(tb) != whole + 1 || !tb->present[100] ||
		    dhcp6_store_stats(s)->load.damaged_regions)
			bad++;
		dhcp6_store_close(s);
		rm_tmp(dir);
	}
	UT_EXPECT(bad == 0);
	/* A header cut short: a new journal, nothing lost that was whole. */
	dir = mkdir_tmp();
	file_put(dir, "journal.1", buf, 10);
	s = open_into(loop, dir, tb);
	UT_ASSERT(s);
	UT_EXPECT(tab_count(tb) == 0);
	UT_EXPECT(dhcp6_store_stats(s)->load.header == DHCP6_JNL_SHORT);
	UT_EXPECT(file_exists(dir, "journal.2"));
	dhcp6_store_close(s);
	rm_tmp(dir);
	free(buf);
	rm_tmp(src);
	loop_free(loop);
}

UT_CASE(flipped_byte)
{
	struct loop *loop = loop_new();
	char *src = mkdir_tmp(), *dir;
	uint8_t *buf = NULL;
	size_t len = 0, ends[5], off;
	struct dhcp6_store *s;
	int bad = 0;

	UT_ASSERT(loop && src);
	make_journal(src, 5, ends);
	UT_ASSERT(!file_get(src, "journal.1", &buf, &len));
	/* Every byte of the third record, in turn. */
	for (off = ends[1]; off < ends[2]; off++) {
		dir = mkdir_tmp();
		buf[off] ^= 0x40;
		file_put(dir, "journal.1", buf, len);
		buf[off] ^= 0x40;
		s = open_into(loop, dir, tb);
		if (!s || tab_count(tb) != 4 || tb->present[2] ||
		    dhcp6_store_stats(s)->load.damaged_regions != 1) {
			fprintf(stderr, "  flip at %zu\n", off);
			bad++;
		}
		dhcp6_store_close(s);
		rm_tmp(dir);
	}
	UT_EXPECT(bad == 0);
	free(buf);
	rm_tmp(src);
	loop_free(loop);
}

/*
 * A child builds a table in dir (200 leases, some released, through one
 * finished compaction and a journal after it), then compacts again and is
 * killed at step k; it reports the table through nothing: the parent
 * knows it (the same calls).
 */
static struct ack sink;

static void build_table(struct loop *loop, struct dhcp6_store *s,
			struct tab *t)
{
	struct dhcp6_jnl_rec r;
	uint32_t i;

	append_range(loop, s, t, 0, 200);
	for (i = 0; i < 200; i += 3) {
		r = mkrec(i, DHCP6_JNL_RELEASE);
		dhcp6_store_append(s, &r, done_cb, &sink);
		tab_apply(t, &r);
	}
	loop_iterate(loop, 0);
	dhcp6_store_compact(s);
	loop_iterate(loop, 0);
	settle(loop, s, 1);
	append_range(loop, s, t, 300, 350);
	r = mkrec(301, DHCP6_JNL_EXPIRE);
	dhcp6_store_append(s, &r, done_cb, &sink);
	tab_apply(t, &r);
	loop_iterate(loop, 0);
}

UT_CASE(compaction_crash_every_step)
{
	int k, status, bad = 0;

	for (k = 1; k <= 6; k++) {
		char *dir = mkdir_tmp();
		struct loop *loop;
		struct dhcp6_store *s;
		pid_t pid;

		pid = fork();
		if (pid == 0) {
			loop = loop_new();
			s = open_into(loop, dir, ta);
			if (!s)
				_exit(2);
			build_table(loop, s, ta);
			dhcp6_store_test_crash = k;
			dhcp6_store_compact(s);
			/* Appends of the turn that switches: committed to
			 * journal G before the switch. */
			append_range(loop, s, ta, 400, 410);
			for (int i = 0; i < 500; i++)
				loop_iterate(loop, 10);
			_exit(3);	/* not killed */
		}
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
			fprintf(stderr, "  step %d: status %#x\n", k, status);
			bad++;
		}
		/* What the child did before the crash point. */
		loop = loop_new();
		memset(ta, 0, sizeof(*ta));
		{
			char *ref = mkdir_tmp();
			struct dhcp6_store *rs = open_into(loop, ref, ta);

			build_table(loop, rs, ta);
			append_range(loop, rs, ta, 400, 410);
			dhcp6_store_close(rs);
			rm_tmp(ref);
		}
		s = open_into(loop, dir, tb);
		if (!s || !tab_equal(ta, tb) ||
		    dhcp6_store_stats(s)->load.damaged_regions) {
			fprintf(stderr, "  step %d: table differs (%zu, %zu)\n",
				k, tab_count(ta), tab_count(tb));
			bad++;
		}
		/* And a compaction from there completes it. */
		if (s) {
			dhcp6_store_compact(s);
			loop_iterate(loop, 0);
			settle(loop, s, 1);
			dhcp6_store_close(s);
		}
		s = open_into(loop, dir, tb);
		if (!s || !tab_equal(ta, tb) || count_files(dir) != 2) {
			fprintf(stderr, "  step %d: after a compaction\n", k);
			bad++;
		}
		dhcp6_store_close(s);
		loop_free(loop);
		rm_tmp(dir);
	}
	UT_EXPECT(bad == 0);
}

static int unknown_version_in(const char *name)
{
	struct loop *loop = loop_new();
	char *dir = mkdir_tmp();
	uint8_t buf[256], *back = NULL;
	struct dhcp6_jnl_rec r = mkrec(9, DHCP6_JNL_ADD);
	size_t n, blen = 0;
	struct dhcp6_store *s;
	char aside[64];
	uint32_t crc;
	int bad = 0;

	n = dhcp6_jnl_hdr_build(buf, sizeof(buf),
				strcmp(name, "snapshot") ? DHCP6_JNL_JOURNAL :
				DHCP6_JNL_SNAPSHOT, 1);
	buf[9] = 2;	/* version 2, its CRC right */
	crc = dhcp6_crc32c(buf, 20);
	buf[20] = (uint8_t)(crc >> 24);
	buf[21] = (uint8_t)(crc >> 16);
	buf[22] = (uint8_t)(crc >> 8);
	buf[23] = (uint8_t)crc;
	n += dhcp6_jnl_rec_build(buf + n, sizeof(buf) - n, &r);
	file_put(dir, name, buf, n);
	s = open_into(loop, dir, tb);
	if (!s || tab_count(tb) != 0 ||
	    dhcp6_store_stats(s)->load.header != DHCP6_JNL_VERSION_BAD)
		bad++, fprintf(stderr, "  %s: not refused\n", name);
	snprintf(aside, sizeof(aside), "%s.v2", name);
	if (!s || file_exists(dir, name) || file_get(dir, aside, &back, &blen) ||
	    blen != n || memcmp(back, buf, n))
		bad++, fprintf(stderr, "  %s: not set aside intact\n", name);
	free(back);
	/* Appends work, and a second such file does not replace the
	 * first one set aside. */
	if (!s || !append_range(loop, s, tb, 1, 2))
		bad++, fprintf(stderr, "  %s: no appends\n", name);
	dhcp6_store_close(s);
	if (!strcmp(name, "snapshot")) {
		file_put(dir, name, buf, n);
		s = open_into(loop, dir, tb);
		dhcp6_store_close(s);
		if (!file_exists(dir, "snapshot.v2.1") ||
		    !file_exists(dir, "snapshot.v2"))
			bad++, fprintf(stderr, "  %s: the second overwrote\n", name);
	}
	if (strcmp(name, "snapshot") && !file_exists(dir, "journal.2"))
		bad++, fprintf(stderr, "  %s: no new journal\n", name);
	rm_tmp(dir);
	loop_free(loop);
	return bad;
}

UT_CASE(unknown_version_set_aside)
{
	UT_EXPECT(!unknown_version_in("snapshot"));
	UT_EXPECT(!unknown_version_in("journal.1"));
}

UT_CASE(write_error_efbig)
{
	struct loop *loop = loop_new();
	char *dir = mkdir_tmp();
	struct dhcp6_store *s;
	struct dhcp6_jnl_rec r;
	struct ack acks[3] = { 0 }, late = { 0 };
	struct rlimit old, lim;
	uint64_t size;
	int i, err = 0;

	UT_ASSERT(loop && dir);
	s = open_into(loop, dir, ta);
	UT_ASSERT(s);
	UT_EXPECT(append_range(loop, s, ta, 0, 5));
	size = dhcp6_store_stats(s)->journal_bytes;
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = size + 100;	/* one record fits, not three */
	UT_ASSERT(!setrlimit(RLIMIT_FSIZE, &lim));
	for (i = 0; i < 3; i++) {
		r = mkrec(10 + (uint32_t)i, DHCP6_JNL_ADD);
		UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &acks[i]));
	}
	loop_iterate(loop, 0);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	for (i = 0; i < 3; i++)
		UT_EXPECT(acks[i].calls == 1 && acks[i].err == -EFBIG);
	UT_EXPECT(dhcp6_store_stats(s)->write_errors == 1);
	UT_EXPECT(dhcp6_store_stats(s)->journal_bytes == size);
	r = mkrec(20, DHCP6_JNL_ADD);
	UT_EXPECT(!dhcp6_store_append(s, &r, done_cb, &late));
	tab_apply(ta, &r);
	loop_iterate(loop, 0);
	UT_EXPECT(late.calls == 1 && late.err == 0);
	dhcp6_store_close(s);
	/* None of the refused batch, and nothing damaged. */
	s = open_into(loop, dir, tb);
	UT_ASSERT(s);
	UT_EXPECT(tab_equal(ta, tb));
	UT_EXPECT(!tb->present[10] && tb->present[20]);
	UT_EXPECT(dhcp6_store_stats(s)->load.damaged_regions == 0);
	dhcp6_store_close(s);
	/* No directory: open refuses with -errno. */
	UT_EXPECT(!dhcp6_store_open(loop, "/nonexistent/d6", load_cb,
				    iter_cb, tb, &err));
	UT_EXPECT(err == -ENOENT);
	rm_tmp(dir);
	loop_free(loop);
}

/* The crash test's child: appends until killed, reporting each done(0). */
static int ack_fd;

static void pipe_done(void *cookie, int err)
{
	uint32_t id = (uint32_t)(uintptr_t)cookie;

	if (!err && write(ack_fd, &id, sizeof(id)) != sizeof(id))
		_exit(4);
}

static void crash_child(const char *dir, unsigned int seed)
{
	struct loop *loop = loop_new();
	struct dhcp6_store *s = open_into(loop, dir, ta);
	struct dhcp6_jnl_rec r;
	uint32_t id = 0, n, i;

	if (!s)
		_exit(2);
	srand(seed);
	while (id < MAXID - 100) {
		n = 1 + (uint32_t)rand() % 40;
		for (i = 0; i < n; i++, id++) {
			r = mkrec(id, DHCP6_JNL_ADD);
			tab_apply(ta, &r);
			dhcp6_store_append(s, &r, pipe_done,
					   (void *)(uintptr_t)id);
		}
		if (rand() % 50 == 0)
			dhcp6_store_compact(s);
		loop_iterate(loop, 0);
	}
	_exit(0);
}

UT_CASE(kill9_loses_nothing_acknowledged)
{
	char *dir = mkdir_tmp();
	static bool acked[MAXID];
	int round, bad = 0, rounds = 40;
	size_t total_acked = 0;
	unsigned int seed = (unsigned int)time(NULL);

	UT_ASSERT(dir);
	fprintf(stderr, "  seed %u\n", seed);
	srand(seed);
	for (round = 0; round < rounds; round++) {
		struct loop *loop;
		struct dhcp6_store *s;
		uint32_t id;
		int p[2];
		pid_t pid;

		memset(acked, 0, sizeof(acked));
		UT_ASSERT(!pipe(p));
		pid = fork();
		if (pid == 0) {
			close(p[0]);
			ack_fd = p[1];
			crash_child(dir, seed + (unsigned int)round);
		}
		close(p[1]);
		/* Read as the acks come; kill at a random moment after the
		 * first one, then take what was sent before the kill. */
		fcntl(p[0], F_SETFL, O_NONBLOCK);
		{
			struct pollfd pfd = { .fd = p[0], .events = POLLIN };
			long delay_us = rand() % 40000;
			struct timespec t0 = { 0 }, now;
			bool started = false, dead = false;

			while (!dead) {
				poll(&pfd, 1, 1);
				while (read(p[0], &id, sizeof(id)) == sizeof(id))
					if (id < MAXID) {
						acked[id] = true;
						total_acked++;
						if (!started) {
							started = true;
							clock_gettime(CLOCK_MONOTONIC, &t0);
						}
					}
				clock_gettime(CLOCK_MONOTONIC, &now);
				if (started &&
				    (now.tv_sec - t0.tv_sec) * 1000000L +
				    (now.tv_nsec - t0.tv_nsec) / 1000 >= delay_us) {
					kill(pid, SIGKILL);
					waitpid(pid, NULL, 0);
					dead = true;
				}
			}
			while (read(p[0], &id, sizeof(id)) == sizeof(id))
				if (id < MAXID) {
					acked[id] = true;
					total_acked++;
				}
		}
		close(p[0]);
		loop = loop_new();
		s = open_into(loop, dir, tb);
		if (!s) {
			bad++;
		} else {
			for (id = 0; id < MAXID; id++)
				if (acked[id] && !tb->present[id]) {
					fprintf(stderr, "  round %d: id %u lost\n",
						round, id);
					bad++;
					break;
				}
		}
		dhcp6_store_close(s);
		loop_free(loop);
		/* Each round starts from what the last one left: the
		 * same ids are added again. */
	}
	fprintf(stderr, "  %d kill -9 rounds, %zu acknowledged records checked\n",
		rounds, total_acked);
	UT_EXPECT(bad == 0);
	rm_tmp(dir);
}

static const struct ut_case cases[] = {
	UT_ENTRY(round_trip),
	UT_ENTRY(group_commit_turns),
	UT_ENTRY(load_100k),
	UT_ENTRY(torn_tail_every_cut),
	UT_ENTRY(flipped_byte),
	UT_ENTRY(compaction_crash_every_step),
	UT_ENTRY(unknown_version_set_aside),
	UT_ENTRY(write_error_efbig),
	UT_ENTRY(kill9_loses_nothing_acknowledged),
};

int main(void)
{
	int rc;

	log_set_level(LOG_ERR);
	ta = calloc(1, sizeof(*ta));
	tb = calloc(1, sizeof(*tb));
	rc = ut_run("apedged_dhcp6_store", cases,
		    sizeof(cases) / sizeof(cases[0]));
	free(ta);
	free(tb);
	return rc;
}
