// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 lease store: the files of journal.[ch] on disk.  See
 * store.h for the files and the guarantees, Documentation/dhcp6.rst for
 * why the sync runs on the loop and the snapshot in a child process.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dhcp6/store.h"
#include "lib/log.h"

#define SNAP_NAME	"snapshot"
#define SNAP_TMP	"snapshot.tmp"
#define JNL_PREFIX	"journal."
#define SNAP_CHUNK	(64 * 1024)
/* Generations past this are damage (a crash cannot make them, and the
 * next one must not wrap). */
#define GEN_MAX		(1ull << 62)

int dhcp6_store_test_crash;

struct pending {
	dhcp6_store_done_fn done;
	void *cookie;
};

struct dhcp6_store {
	struct loop *loop;
	char *dir;
	int dirfd;
	dhcp6_store_load_fn load;
	dhcp6_store_iter_fn iter;
	void *ctx;
	pid_t owner;

	int jfd;			/* journal.<gen>, O_APPEND */
	uint64_t gen;
	uint64_t snap_bytes;		/* the snapshot's size: sets the
					 * journal size that compacts */
	uint64_t compact_at;		/* journal bytes */

	uint8_t *buf;			/* this turn's records, encoded */
	size_t len, cap;
	struct pending *pend;
	size_t npend, cappend;
	struct loop_defer *defer;
	bool want_compact;

	pid_t child;			/* the snapshot writer, or 0 */
	int cpipe;
	struct loop_watch *cwatch;
	uint64_t cgen;

	struct dhcp6_store_stats stats;
};

/* A test's "kill -9 here": the owner and, from the child, the child. */
static void crash_point(const struct dhcp6_store *s, int step)
{
	if (dhcp6_store_test_crash != step)
		return;
	if (getpid() != s->owner)
		kill(s->owner, SIGKILL);
	kill(getpid(), SIGKILL);
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (w == 0)
			return -EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_whole(int dirfd, const char *name, uint8_t **out,
		      size_t *outlen)
{
	struct stat st;
	uint8_t *buf;
	size_t off = 0;
	int fd, err = 0;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err = errno ? -errno : -EINVAL;
		close(fd);
		return err ? err : -EINVAL;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (off < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + off, (size_t)st.st_size - off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = -errno;
			break;
		}
		if (r == 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*outlen = off;
	return 0;
}

/* "journal.<decimal>", no sign, no leading zero: its generation. */
static bool journal_gen(const char *name, uint64_t *gen)
{
	const char *p;
	uint64_t g = 0;

	if (strncmp(name, JNL_PREFIX, sizeof(JNL_PREFIX) - 1))
		return false;
	p = name + sizeof(JNL_PREFIX) - 1;
	if (!*p || (*p == '0' && p[1]))
		return false;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || g > (UINT64_MAX - 9) / 10)
			return false;
		g = g * 10 + (uint64_t)(*p - '0');
	}
	*gen = g;
	return g < GEN_MAX;
}

/* A file we do not read goes aside under a new name, never overwritten. */
static void set_aside(struct dhcp6_store *s, const char *name,
		      const struct dhcp6_jnl_reader *rd, enum dhcp6_jnl_err e)
{
	char to[NAME_MAX + 1];
	int i;

	for (i = 0; i < 100; i++) {
		if (e == DHCP6_JNL_VERSION_BAD)
			snprintf(to, sizeof(to), "%s.v%u%s%.0d", name,
				 rd->version, i ? "." : "", i);
		else
			snprintf(to, sizeof(to), "%s.bad%s%.0d", name,
				 i ? "." : "", i);
		if (!renameat2(s->dirfd, name, s->dirfd, to, RENAME_NOREPLACE)) {
			fsync(s->dirfd);
			log_msg(LOG_WARNING, "dhcp6 store %s: %s is not a lease file we read (%s): set aside as %s",
				s->dir, name, dhcp6_jnl_err_name(e), to);
			return;
		}
		if (errno != EEXIST)
			break;
	}
	log_msg(LOG_ERR, "dhcp6 store %s: cannot set %s aside: %s", s->dir,
		name, strerror(errno));
}

static void report_add(struct dhcp6_jnl_report *sum,
		       const struct dhcp6_jnl_report *r, uint64_t base)
{
	if (sum->header == DHCP6_JNL_OK && r->header != DHCP6_JNL_OK &&
	    r->header != DHCP6_JNL_EMPTY)
		sum->header = r->header;
	sum->good += r->good;
	sum->leases += r->leases;
	sum->invalid += r->invalid;
	sum->damaged_regions += r->damaged_regions;
	sum->damaged_bytes += r->damaged_bytes;
	if (sum->first_damage == SIZE_MAX && r->first_damage != SIZE_MAX)
		sum->first_damage = (size_t)base + r->first_damage;
	sum->torn_tail += r->torn_tail;
}

/*
 * Read one file, calling load() for its records.  The header's verdict;
 * *end: the offset after the last valid record (where appends may go).
 */
static enum dhcp6_jnl_err load_file(struct dhcp6_store *s, const char *name,
				    struct dhcp6_jnl_reader *rd, size_t *end,
				    size_t *size, uint64_t *bytes_before)
{
	struct dhcp6_jnl_rec r;
	enum dhcp6_jnl_err e;
	uint8_t *buf = NULL;
	size_t len = 0;
	int err;

	*end = 0;
	*size = 0;
	err = read_whole(s->dirfd, name, &buf, &len);
	if (err) {
		log_msg(LOG_ERR, "dhcp6 store %s: cannot read %s: %s", s->dir,
			name, strerror(-err));
		memset(rd, 0, sizeof(*rd));
		rd->rep.first_damage = SIZE_MAX;
		return DHCP6_JNL_SHORT;
	}
	*size = len;
	e = dhcp6_jnl_open(rd, buf, len);
	if (e == DHCP6_JNL_OK || e == DHCP6_JNL_HDR_CRC) {
		*end = DHCP6_JNL_HDR_LEN;
		while (dhcp6_jnl_next(rd, &r)) {
			*end = rd->off;
			if (r.type != DHCP6_JNL_END)
				s->load(s->ctx, &r);
		}
	}
	report_add(&s->stats.load, &rd->rep, *bytes_before);
	*bytes_before += len;
	rd->buf = NULL;
	free(buf);
	return e;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int new_journal(struct dhcp6_store *s, uint64_t gen)
{
	uint8_t hdr[DHCP6_JNL_HDR_LEN];
	char name[64];
	int fd, err;

	snprintf(name, sizeof(name), JNL_PREFIX "%llu", (unsigned long long)gen);
	fd = openat(s->dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	dhcp6_jnl_hdr_build(hdr, sizeof(hdr), DHCP6_JNL_JOURNAL, gen);
	err = write_all(fd, hdr, sizeof(hdr));
	if (!err && fdatasync(fd) < 0)
		err = -errno;
	if (!err && fsync(s->dirfd) < 0)
		err = -errno;
	if (err) {
		close(fd);
		unlinkat(s->dirfd, name, 0);
		return err;
	}
	s->stats.fsyncs += 2;
	if (s->jfd >= 0)
		close(s->jfd);
	s->jfd = fd;
	s->gen = gen;
	s->stats.journal_bytes = DHCP6_JNL_HDR_LEN;
	return 0;
}

/* Remove every journal older than gen (a finished compaction's). */
static void prune_journals(struct dhcp6_store *s, uint64_t gen)
{
	struct dirent *de;
	uint64_t g;
	DIR *d;
	int fd;

	fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (journal_gen(de->d_name, &g) && g < gen)
			unlinkat(s->dirfd, de->d_name, 0);
	closedir(d);
}

static void set_compact_at(struct dhcp6_store *s)
{
	uint64_t at = 2 * s->snap_bytes;

	s->compact_at = at > DHCP6_STORE_COMPACT_MIN ? at :
		DHCP6_STORE_COMPACT_MIN;
}

static int load_all(struct dhcp6_store *s)
{
	struct dhcp6_jnl_reader rd;
	uint64_t *gens = NULL, snap_gen = 0, max_gen = 0, g, before = 0;
	size_t n = 0, cap = 0, i, end = 0, size = 0;
	enum dhcp6_jnl_err e, last_e = DHCP6_JNL_EMPTY;
	bool have_last = false;
	struct dirent *de;
	struct stat st;
	char name[64];
	uint64_t t0 = mono_ms();
	DIR *d;
	int fd, err;

	memset(&s->stats.load, 0, sizeof(s->stats.load));
	s->stats.load.first_damage = SIZE_MAX;

	unlinkat(s->dirfd, SNAP_TMP, 0);
	fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while ((de = readdir(d))) {
		if (!journal_gen(de->d_name, &g))
			continue;
		if (n == cap) {
			uint64_t *ng = realloc(gens, (cap ? cap * 2 : 16) *
					       sizeof(*gens));

			if (!ng) {
				closedir(d);
				free(gens);
				return -ENOMEM;
			}
			gens = ng;
			cap = cap ? cap * 2 : 16;
		}
		gens[n++] = g;
	}
	closedir(d);
	if (n)
		qsort(gens, n, sizeof(*gens), cmp_u64);
	if (n)
		max_gen = gens[n - 1];

	if (!fstatat(s->dirfd, SNAP_NAME, &st, AT_SYMLINK_NOFOLLOW)) {
		e = load_file(s, SNAP_NAME, &rd, &end, &size, &before);
		s->stats.load.end_seen = rd.rep.end_seen;
		s->stats.load.end_count = rd.rep.end_count;
		s->stats.load.end_ok = rd.rep.end_ok;
		if (e == DHCP6_JNL_OK && rd.generation >= GEN_MAX) {
			s->snap_bytes = size;	/* as a damaged header */
		} else if (e == DHCP6_JNL_OK) {
			snap_gen = rd.generation;
			s->snap_bytes = size;
			if (!rd.rep.end_ok)
				log_msg(LOG_WARNING, "dhcp6 store %s: the snapshot has %s END record",
					s->dir, rd.rep.end_seen ?
					"a wrong" : "no");
		} else if (e == DHCP6_JNL_HDR_CRC) {
			/* Its generation is not to be trusted: every
			 * journal is read (replay is idempotent). */
			s->snap_bytes = size;
		} else if (e != DHCP6_JNL_EMPTY && e != DHCP6_JNL_SHORT) {
			set_aside(s, SNAP_NAME, &rd, e);
		}
		if (snap_gen > max_gen)
			max_gen = snap_gen;
	}

	for (i = 0; i < n; i++) {
		if (gens[i] < snap_gen)
			continue;
		snprintf(name, sizeof(name), JNL_PREFIX "%llu",
			 (unsigned long long)gens[i]);
		e = load_file(s, name, &rd, &end, &size, &before);
		if (e == DHCP6_JNL_VERSION_BAD || e == DHCP6_JNL_MAGIC_BAD ||
		    e == DHCP6_JNL_KIND_BAD) {
			set_aside(s, name, &rd, e);
			have_last = false;
			continue;
		}
		have_last = true;
		last_e = e;
	}
	/* Older journals are a finished compaction's leftovers. */
	if (snap_gen)
		prune_journals(s, snap_gen);

	err = 0;
	if (have_last && last_e == DHCP6_JNL_OK && max_gen == gens[n - 1]) {
		/* Append to the last journal, after its last valid record:
		 * a torn tail is cut off first. */
		snprintf(name, sizeof(name), JNL_PREFIX "%llu",
			 (unsigned long long)max_gen);
		fd = openat(s->dirfd, name, O_WRONLY | O_APPEND | O_CLOEXEC |
			    O_NOFOLLOW);
		if (fd < 0) {
			err = -errno;
		} else if (size > end && (ftruncate(fd, (off_t)end) < 0 ||
					  fdatasync(fd) < 0)) {
			err = -errno;
			close(fd);
		} else {
			s->jfd = fd;
			s->gen = max_gen;
			s->stats.journal_bytes = end;
		}
		if (err)
			log_msg(LOG_WARNING, "dhcp6 store %s: cannot append to %s (%s): a new journal follows",
				s->dir, name, strerror(-err));
	}
	if (s->jfd < 0)
		err = new_journal(s, max_gen + 1);
	free(gens);
	s->stats.load_ms = mono_ms() - t0;
	set_compact_at(s);
	return err;
}

static void log_load(const struct dhcp6_store *s)
{
	const struct dhcp6_jnl_report *r = &s->stats.load;

	if (r->damaged_regions || r->invalid ||
	    (r->header != DHCP6_JNL_OK && r->header != DHCP6_JNL_EMPTY) ||
	    (r->end_seen && !r->end_ok))
		log_msg(LOG_WARNING, "dhcp6 store %s: damage: %zu region(s), %zu byte(s) skipped (%zu of a torn tail), %zu invalid record(s), header %s",
			s->dir, r->damaged_regions, r->damaged_bytes,
			r->torn_tail, r->invalid,
			dhcp6_jnl_err_name(r->header));
	log_msg(LOG_INFO, "dhcp6 store %s: %zu record(s) loaded in %llu ms; journal.%llu",
		s->dir, r->good, (unsigned long long)s->stats.load_ms,
		(unsigned long long)s->gen);
}

/*
 * One store per directory: an flock() on it, which a snapshot writer
 * shares while it lives (it dies with its parent, PR_SET_PDEATHSIG).
 * A restart after a kill -9 waits here for the old writer to be gone.
 */
static int lock_dir(struct dhcp6_store *s)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (!flock(s->dirfd, LOCK_EX | LOCK_NB))
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
		usleep(10000);
	}
	return -EBUSY;
}

struct dhcp6_store *dhcp6_store_open(struct loop *loop, const char *dir,
				     dhcp6_store_load_fn load,
				     dhcp6_store_iter_fn iter,
				     void *ctx, int *err)
{
	struct dhcp6_store *s;

	s = calloc(1, sizeof(*s));
	if (!s) {
		*err = -ENOMEM;
		return NULL;
	}
	s->loop = loop;
	s->load = load;
	s->iter = iter;
	s->ctx = ctx;
	s->owner = getpid();
	s->jfd = -1;
	s->cpipe = -1;
	s->dir = strdup(dir);
	if (!s->dir) {
		free(s);
		*err = -ENOMEM;
		return NULL;
	}
	s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0) {
		*err = -errno;
		goto fail;
	}
	*err = lock_dir(s);
	if (*err)
		goto fail;
	*err = load_all(s);
	if (*err)
		goto fail;
	log_load(s);
	return s;
fail:
	log_msg(LOG_ERR, "dhcp6 store %s: %s", dir, strerror(-*err));
	if (s->jfd >= 0)
		close(s->jfd);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->dir);
	free(s);
	return NULL;
}

/* In the child: the table as it was at the fork, as snapshot gen. */
static int write_snapshot(struct dhcp6_store *s, uint64_t gen)
{
	struct dhcp6_jnl_rec r;
	uint8_t *buf;
	uint64_t pos = 0, count = 0;
	size_t len, n;
	int fd, err = 0;

	buf = malloc(SNAP_CHUNK + DHCP6_JNL_REC_MAX);
	if (!buf)
		return -ENOMEM;
	fd = openat(s->dirfd, SNAP_TMP, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	len = dhcp6_jnl_hdr_build(buf, DHCP6_JNL_HDR_LEN, DHCP6_JNL_SNAPSHOT,
				  gen);
	while (s->iter(s->ctx, &pos, &r)) {
		n = dhcp6_jnl_rec_build(buf + len, DHCP6_JNL_REC_MAX, &r);
		if (!n)
			continue;	/* the codec refuses it */
		len += n;
		count++;
		if (len >= SNAP_CHUNK) {
			err = write_all(fd, buf, len);
			if (err)
				goto out;
			len = 0;
		}
	}
	len += dhcp6_jnl_end_build(buf + len, DHCP6_JNL_REC_OVERHEAD +
				   DHCP6_JNL_END_LEN, count);
	err = write_all(fd, buf, len);
	if (err)
		goto out;
	crash_point(s, 2);
	if (fsync(fd) < 0) {
		err = -errno;
		goto out;
	}
	crash_point(s, 3);
	if (renameat(s->dirfd, SNAP_TMP, s->dirfd, SNAP_NAME) < 0) {
		err = -errno;
		goto out;
	}
	crash_point(s, 4);
	if (fsync(s->dirfd) < 0)
		err = -errno;
	crash_point(s, 5);
out:
	close(fd);
	free(buf);
	return err;
}

static void compact_done(struct dhcp6_store *s, bool wait)
{
	int rc = -EIO, status = 0;
	ssize_t r;

	if (wait)
		fcntl(s->cpipe, F_SETFL, 0);
	do {
		r = read(s->cpipe, &rc, sizeof(rc));
	} while (r < 0 && errno == EINTR);
	if (r != sizeof(rc)) {
		if (r < 0 && errno == EAGAIN && !wait)
			return;
		rc = -EIO;
	}
	while (waitpid(s->child, &status, 0) < 0 && errno == EINTR)
		;
	loop_watch_remove(s->cwatch);
	s->cwatch = NULL;
	close(s->cpipe);
	s->cpipe = -1;
	s->child = 0;
	if (!rc && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		rc = -EIO;
	if (rc) {
		log_msg(LOG_WARNING, "dhcp6 store %s: compaction to generation %llu failed: %s",
			s->dir, (unsigned long long)s->cgen, strerror(-rc));
		/* Try again when the journal has doubled. */
		s->compact_at = 2 * s->stats.journal_bytes;
		return;
	}
	prune_journals(s, s->cgen);
	crash_point(s, 6);
	s->stats.compactions++;
	{
		struct stat st;

		if (!fstatat(s->dirfd, SNAP_NAME, &st, 0))
			s->snap_bytes = (uint64_t)st.st_size;
	}
	set_compact_at(s);
}

static void compact_ready(struct loop_watch *w, int fd, uint32_t events,
			  void *data)
{
	compact_done(data, false);
}

/*
 * The switch, on the loop after a commit: journal G+1 is made durable
 * first, so every append from now on goes there; then a child writes the
 * table as it is now as snapshot G+1.
 */
static void compact_start(struct dhcp6_store *s)
{
	int p[2], err, rc;
	pid_t pid;

	s->want_compact = false;
	if (s->child)
		return;
	err = new_journal(s, s->gen + 1);
	if (err) {
		log_msg(LOG_WARNING, "dhcp6 store %s: cannot start journal.%llu: %s",
			s->dir, (unsigned long long)s->gen + 1,
			strerror(-err));
		s->compact_at = 2 * s->stats.journal_bytes + s->compact_at;
		return;
	}
	crash_point(s, 1);
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0)
		goto fail;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		goto fail;
	}
	if (pid == 0) {
		close(p[0]);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    getppid() != s->owner)
			_exit(1);
		rc = write_snapshot(s, s->gen);
		if (write(p[1], &rc, sizeof(rc)) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	s->child = pid;
	s->cpipe = p[0];
	s->cgen = s->gen;
	s->cwatch = loop_watch_add(s->loop, p[0], EPOLLIN, compact_ready, s);
	if (!s->cwatch)
		compact_done(s, true);	/* wait for it here */
	return;
fail:
	log_msg(LOG_WARNING, "dhcp6 store %s: cannot start the snapshot writer: %s",
		s->dir, strerror(errno));
}

/* One loop turn's records: one write, one sync, then their done(). */
static void commit(struct dhcp6_store *s)
{
	struct pending *pend = s->pend;
	size_t n = s->npend, i;
	int err;

	if (n) {
		s->pend = NULL;
		s->npend = s->cappend = 0;
		err = write_all(s->jfd, s->buf, s->len);
		if (!err) {
			if (fdatasync(s->jfd) < 0)
				err = -errno;
			s->stats.fsyncs++;
		}
		if (err) {
			s->stats.write_errors++;
			/* Leave no part of the batch behind for the next
			 * one to follow: it was not acknowledged. */
			if (ftruncate(s->jfd, (off_t)s->stats.journal_bytes) < 0)
				log_rl(LOG_ERR, "dhcp6 store %s: cannot cut journal.%llu back: %s",
				       s->dir, (unsigned long long)s->gen,
				       strerror(errno));
			log_rl(LOG_ERR, "dhcp6 store %s: %zu lease record(s) not written: %s",
			       s->dir, n, strerror(-err));
		} else {
			s->stats.journal_bytes += s->len;
			s->stats.commits++;
		}
		s->len = 0;
		for (i = 0; i < n; i++)
			pend[i].done(pend[i].cookie, err);
		free(pend);
	}
	if (!s->child && s->stats.journal_bytes >= s->compact_at)
		s->want_compact = true;
	if (s->want_compact && !s->child)
		compact_start(s);
}

static void commit_deferred(void *data)
{
	struct dhcp6_store *s = data;

	s->defer = NULL;
	commit(s);
}

static int schedule(struct dhcp6_store *s)
{
	if (s->defer)
		return 0;
	s->defer = loop_defer(s->loop, commit_deferred, s);
	return s->defer ? 0 : -ENOMEM;
}

int dhcp6_store_append(struct dhcp6_store *s, const struct dhcp6_jnl_rec *r,
		       dhcp6_store_done_fn done, void *cookie)
{
	size_t n;
	int err;

	if (s->cap - s->len < DHCP6_JNL_REC_MAX) {
		size_t cap = s->cap ? s->cap * 2 : 16 * 1024;
		uint8_t *nb = realloc(s->buf, cap);

		if (!nb)
			return -ENOMEM;
		s->buf = nb;
		s->cap = cap;
	}
	if (s->npend == s->cappend) {
		size_t cap = s->cappend ? s->cappend * 2 : 64;
		struct pending *np = realloc(s->pend, cap * sizeof(*np));

		if (!np)
			return -ENOMEM;
		s->pend = np;
		s->cappend = cap;
	}
	if (r->type == DHCP6_JNL_END)
		return -EINVAL;
	n = dhcp6_jnl_rec_build(s->buf + s->len, s->cap - s->len, r);
	if (!n)
		return -EINVAL;
	err = schedule(s);
	if (err)
		return err;
	s->len += n;
	s->pend[s->npend].done = done;
	s->pend[s->npend].cookie = cookie;
	s->npend++;
	s->stats.appends++;
	return 0;
}

int dhcp6_store_compact(struct dhcp6_store *s)
{
	if (s->child)
		return -EBUSY;
	s->want_compact = true;
	return schedule(s);
}

void dhcp6_store_close(struct dhcp6_store *s)
{
	if (!s)
		return;
	loop_defer_cancel(s->defer);
	s->defer = NULL;
	s->want_compact = false;
	s->compact_at = UINT64_MAX;
	commit(s);
	if (s->child)
		compact_done(s, true);
	if (s->jfd >= 0)
		close(s->jfd);
	close(s->dirfd);
	free(s->buf);
	free(s->pend);
	free(s->dir);
	free(s);
}

const struct dhcp6_store_stats *dhcp6_store_stats(const struct dhcp6_store *s)
{
	return &s->stats;
}
