/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's lease store: the I/O around the pure codec of
 * journal.[ch].  One store per state directory; it holds:
 *
 *   snapshot             the table as of generation S (kind snapshot)
 *   journal.<G>          the records appended since generation G was
 *                        opened (kind journal), G in decimal, no padding
 *   snapshot.tmp         a snapshot being written (removed at open)
 *   <name>.unknown-v<V>  a file of a version we do not read, set aside
 *
 * Open loads the snapshot, then every journal of generation >= S in
 * increasing order, and calls load() for each valid record; damage is
 * summed in stats.load and logged once, never a refusal to start.
 *
 * Appends: the records queued during one loop turn are encoded into one
 * buffer and written with one write() and one fdatasync() (group
 * commit); only then is each one's done(cookie, 0) called.  A failed
 * write or sync calls done(cookie, -errno) for every record of that
 * batch: the server must then not send the REPLY.
 *
 * Compaction (dhcp6_store_compact(), or by itself when the journal
 * passes a size): appends switch to journal G+1, the live table (from
 * iter(), called in a forked child: it must not touch file descriptors
 * it shares with the owner) is written as snapshot G+1 to snapshot.tmp,
 * synced and renamed over snapshot, and journal G is removed.  A crash
 * at any step leaves a set of files that loads to the same table.
 *
 * Callbacks must not call dhcp6_store_close(); done() may append.
 */
#ifndef APEDGED_DHCP6_STORE_H
#define APEDGED_DHCP6_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "dhcp6/journal.h"
#include "lib/loop.h"

/* The journal size that starts a compaction by itself: this, or twice
 * the last snapshot's size when that is more. */
#define DHCP6_STORE_COMPACT_MIN	(4u << 20)

struct dhcp6_store;

struct dhcp6_store_stats {
	uint64_t appends, commits, fsyncs, write_errors, compactions;
	uint64_t journal_bytes;		/* current journal size */
	struct dhcp6_jnl_report load;	/* what the load at open found
					 * (summed over files) */
	uint64_t load_ms;
};

/*
 * Called for every valid record at open, in file order (snapshot, then
 * journals by generation); the caller replays: ADD/RENEW set the
 * binding, RELEASE/EXPIRE remove it, DECLINE marks it.
 */
typedef void (*dhcp6_store_load_fn)(void *ctx, const struct dhcp6_jnl_rec *r);

/*
 * The record is durable (err 0: written and fsync()ed) or could not be
 * written (-errno): only then may the server send the REPLY it
 * acknowledges; on error it must not.
 */
typedef void (*dhcp6_store_done_fn)(void *cookie, int err);

/*
 * Compaction asks the owner for its live leases, one per call: true and
 * *r filled, or false at the end.  *pos starts at 0 and is the owner's
 * cursor.
 */
typedef bool (*dhcp6_store_iter_fn)(void *ctx, uint64_t *pos,
				    struct dhcp6_jnl_rec *r);

/*
 * dir must exist (the engine makes it, mode 0700).  Loads it (load() for
 * each record) before returning.  NULL and *err = -errno: no directory,
 * -EBUSY when another process holds it for 3 s.
 */
struct dhcp6_store *dhcp6_store_open(struct loop *loop, const char *dir,
				     dhcp6_store_load_fn load,
				     dhcp6_store_iter_fn iter,
				     void *ctx, int *err);

/*
 * Queue one record; done(cookie, err) is called later from the loop,
 * never from inside this call.  Appends made during one loop turn are
 * committed together (one write, one fsync).  -EINVAL for a record the
 * codec refuses, -ENOMEM; done() is then never called.
 */
int dhcp6_store_append(struct dhcp6_store *s, const struct dhcp6_jnl_rec *r,
		       dhcp6_store_done_fn done, void *cookie);

/* Compact now (also done by itself when the journal passes a size);
 * returns at once.  -EBUSY when one is running. */
int dhcp6_store_compact(struct dhcp6_store *s);

/* Everything queued is committed (their done() called), then closed.
 * NULL is ignored. */
void dhcp6_store_close(struct dhcp6_store *s);

const struct dhcp6_store_stats *dhcp6_store_stats(const struct dhcp6_store *s);

/*
 * Tests only: when not 0, the process is killed (SIGKILL, the owner with
 * it when the snapshot writer reaches it) at that step of a compaction:
 * 1 journal G+1 made durable, 2 snapshot.tmp written, 3 ...fsync()ed,
 * 4 renamed over snapshot, 5 the directory fsync()ed, 6 journal G gone.
 */
extern int dhcp6_store_test_crash;

#endif
