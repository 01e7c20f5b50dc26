/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv6 server's lease file: a pure codec of an append-only journal
 * of lease records, and of the compacted snapshot that replaces a
 * journal's history.  No I/O, no allocation: the engine's store.c reads
 * and writes the bytes.
 *
 * Files, every number big-endian:
 *
 *   header, DHCP6_JNL_HDR_LEN (24) bytes:
 *	0   8  magic "APEDGE6J"
 *	8   2  version, 1
 *	10  1  kind: 1 journal, 2 snapshot
 *	11  1  0
 *	12  8  generation
 *	20  4  CRC-32C of bytes 0..19
 *
 *   then records, each:
 *	0   4  sync marker A6 ED 6A 11
 *	4   2  length L of the body
 *	6   L  body
 *	6+L 4  CRC-32C of bytes 4..6+L (the length and the body)
 *
 *   a lease body (add, renew, release, expire, decline):
 *	0   1  type (enum dhcp6_jnl_type)
 *	1   1  IA kind: 3 IA_NA, 25 IA_PD (the option codes)
 *	2   1  prefix length: 128 for IA_NA, 1..128 for IA_PD
 *	3   1  DUID length D, DHCP6_DUID_MIN..DHCP6_DUID_MAX
 *	4   1  link-layer address length H, 0..DHCP6_JNL_LLADDR_MAX
 *	5   1  interface name length N, 0..DHCP6_JNL_IFNAME_MAX
 *	6   2  0
 *	8   4  IAID
 *	12  16 address, or prefix (bits past its length zero)
 *	28  4  preferred lifetime, s
 *	32  4  valid lifetime, s
 *	36  8  expiry: wall-clock seconds since the epoch (0: none, for
 *	       release and expire)
 *	44  D  DUID; then H bytes of link-layer address; then N bytes of
 *	       interface name (the port the client is behind)
 *
 *   the end of a snapshot:
 *	0   1  DHCP6_JNL_END
 *	1   7  0
 *	8   8  how many lease records the snapshot holds
 *
 * A record is the whole state of one binding (DUID, IAID, kind, address
 * or prefix) after the event, so replaying is idempotent: add and renew
 * set the binding, release and expire remove it, decline marks the
 * address unusable until its expiry.  Replaying a record twice, or a
 * snapshot and then a journal that overlaps it, gives the same table.
 *
 * Intended use (store.c, not here):
 *   - Each acknowledged lease is appended to the journal of the current
 *     generation G before its REPLY is sent.  Appends of one loop turn
 *     are written together and fsync()ed once (group commit); the REPLYs
 *     wait for that fsync.
 *   - Compaction, in the background: appends move to a new journal,
 *     generation G+1 (created, its header written and fsync()ed, the
 *     directory fsync()ed); the table as it was at the switch is written
 *     as snapshot G+1 to a temporary file, which ends with an END record,
 *     is fsync()ed and renamed over the snapshot; then journal G goes.
 *   - Loading: the snapshot (generation S), then every journal of
 *     generation >= S in increasing order.  A crash at any point of the
 *     compaction leaves a snapshot and the journals that complete it.
 *   - A snapshot without its END record, or whose END count differs from
 *     the records read, is damaged: it is still used, the damage counted.
 *   - A file of an unknown version is left alone (renamed aside), never
 *     overwritten.
 *
 * Damage: dhcp6_jnl_next() never fails.  At an offset where no valid
 * record starts (a bad marker, a length out of range, a CRC mismatch)
 * it looks for the next offset where a whole valid record starts (marker,
 * length and CRC) and resumes there: one flipped byte loses one record,
 * not the rest of the file.  The bytes skipped are counted; a record cut
 * short by the end of the file (a crash during an append) is the "torn
 * tail".  A record whose CRC holds but whose body is not valid (it was
 * written wrong) is skipped whole and counted as invalid.
 */
#ifndef APEDGED_DHCP6_JOURNAL_H
#define APEDGED_DHCP6_JOURNAL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/wire.h"

#define DHCP6_JNL_MAGIC		"APEDGE6J"
#define DHCP6_JNL_MAGIC_LEN	8
#define DHCP6_JNL_VERSION	1
#define DHCP6_JNL_HDR_LEN	24
#define DHCP6_JNL_SYNC		0xa6ed6a11u
#define DHCP6_JNL_REC_OVERHEAD	10	/* marker, length, CRC */
#define DHCP6_JNL_LEASE_FIXED	44
#define DHCP6_JNL_END_LEN	16
#define DHCP6_JNL_LLADDR_MAX	20	/* InfiniBand's is the longest */
#define DHCP6_JNL_IFNAME_MAX	15	/* IFNAMSIZ - 1 */
#define DHCP6_JNL_BODY_MAX	(DHCP6_JNL_LEASE_FIXED + DHCP6_DUID_MAX + \
				 DHCP6_JNL_LLADDR_MAX + DHCP6_JNL_IFNAME_MAX)
#define DHCP6_JNL_REC_MAX	(DHCP6_JNL_REC_OVERHEAD + DHCP6_JNL_BODY_MAX)

enum dhcp6_jnl_kind {
	DHCP6_JNL_JOURNAL = 1,
	DHCP6_JNL_SNAPSHOT = 2,
};

enum dhcp6_jnl_type {
	DHCP6_JNL_ADD = 1,
	DHCP6_JNL_RENEW,
	DHCP6_JNL_RELEASE,
	DHCP6_JNL_EXPIRE,
	DHCP6_JNL_DECLINE,
	DHCP6_JNL_END = 15,		/* a snapshot's last record */
};

/* Why a file's header was refused (dhcp6_jnl_open()). */
enum dhcp6_jnl_err {
	DHCP6_JNL_OK = 0,
	DHCP6_JNL_EMPTY,	/* no bytes: a new file */
	DHCP6_JNL_SHORT,	/* shorter than its header */
	DHCP6_JNL_MAGIC_BAD,	/* not a lease journal */
	DHCP6_JNL_VERSION_BAD,	/* a version we do not read */
	DHCP6_JNL_KIND_BAD,	/* neither journal nor snapshot */
	DHCP6_JNL_HDR_CRC,	/* the header's CRC: records still read */
	DHCP6_JNL_ERR_MAX
};

const char *dhcp6_jnl_err_name(enum dhcp6_jnl_err e);

struct dhcp6_jnl_rec {
	uint8_t type;			/* enum dhcp6_jnl_type */
	uint8_t kind;			/* DHCP6_OPT_IA_NA or DHCP6_OPT_IA_PD */
	uint8_t plen;
	uint32_t iaid;
	struct in6_addr addr;
	uint32_t preferred, valid;
	uint64_t expiry;		/* wall-clock s */
	uint8_t duid_len, lladdr_len;
	uint8_t duid[DHCP6_DUID_MAX];
	uint8_t lladdr[DHCP6_JNL_LLADDR_MAX];
	char ifname[DHCP6_JNL_IFNAME_MAX + 1];	/* NUL-terminated */
	uint64_t count;			/* DHCP6_JNL_END: leases before it */
};

/* What a read found: filled as dhcp6_jnl_next() goes. */
struct dhcp6_jnl_report {
	enum dhcp6_jnl_err header;
	size_t good;			/* valid records returned */
	size_t leases;			/* of them, lease records */
	size_t invalid;			/* CRC right, body wrong: skipped */
	size_t damaged_regions;		/* runs of bytes skipped */
	size_t damaged_bytes;		/* their bytes, torn tail included */
	size_t first_damage;		/* offset of the first; SIZE_MAX */
	size_t torn_tail;		/* bytes of a record cut by the end */
	bool end_seen;			/* a snapshot's END record */
	uint64_t end_count;		/* what it says */
	bool end_ok;			/* ...and it matches the leases
					 * read before it */
};

struct dhcp6_jnl_reader {
	const uint8_t *buf;
	size_t len, off;
	uint8_t kind;
	uint16_t version;
	uint64_t generation;
	struct dhcp6_jnl_report rep;
};

/*
 * Start reading a file's bytes.  DHCP6_JNL_OK or DHCP6_JNL_HDR_CRC: read
 * the records with dhcp6_jnl_next().  Any other: the file has no
 * records we can read (EMPTY: none at all).
 */
enum dhcp6_jnl_err dhcp6_jnl_open(struct dhcp6_jnl_reader *rd,
				  const uint8_t *buf, size_t len);

/* The next valid record: true, or false at the end of the bytes. */
bool dhcp6_jnl_next(struct dhcp6_jnl_reader *rd, struct dhcp6_jnl_rec *r);

/* A header's bytes (DHCP6_JNL_HDR_LEN), or 0 when it does not fit. */
size_t dhcp6_jnl_hdr_build(uint8_t *buf, size_t size, uint8_t kind,
			   uint64_t generation);

/*
 * A record's bytes, or 0 when it does not fit or is invalid (a type,
 * kind, prefix length or length out of range, bits set past the
 * prefix, a name with a '/' or a NUL inside).
 */
size_t dhcp6_jnl_rec_build(uint8_t *buf, size_t size,
			   const struct dhcp6_jnl_rec *r);

/* A snapshot's END record of count leases. */
size_t dhcp6_jnl_end_build(uint8_t *buf, size_t size, uint64_t count);

/* CRC-32C (Castagnoli), as iSCSI and ext4 use it. */
uint32_t dhcp6_crc32c(const uint8_t *p, size_t n);

#endif
