/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lease file, <state_dir>/<ifname>.lease: the ACK that granted the
 * lease, as it came on the wire, and when (wall-clock time), so that a
 * restart (or a reboot) starts in INIT-REBOOT with it.
 *
 * The format, every number big-endian:
 *
 *	offset  size  what
 *	0       18    "APEDGE-DHCP4-LEASE"
 *	18      2     version, 1
 *	20      8     acquisition time: ms since the Unix epoch
 *	28      2     length N of the ACK, DHCP4_MIN_LEN..DHCP4_MSG_MAX
 *	30      N     the ACK (the UDP payload)
 *	30+N    4     CRC-32 (IEEE 802.3) of the bytes before it
 *
 * Written to a temporary file, fsync()ed, renamed over the old one, and
 * the directory fsync()ed: a crash leaves the old file or the new one.
 * Read by dhcp4_store_parse(), pure and fuzzed; a damaged file is
 * reported (and counted by the engine), never fatal: the client then
 * starts in INIT.
 */
#ifndef APEDGED_DHCP4_STORE_H
#define APEDGED_DHCP4_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp4/sm.h"
#include "dhcp4/wire.h"

#define DHCP4_STORE_MAGIC	"APEDGE-DHCP4-LEASE"
#define DHCP4_STORE_MAGIC_LEN	18
#define DHCP4_STORE_VERSION	1
#define DHCP4_STORE_HDR_LEN	30
#define DHCP4_STORE_MAX		(DHCP4_STORE_HDR_LEN + DHCP4_MSG_MAX + 4)

enum dhcp4_store_err {
	DHCP4_STORE_OK = 0,
	DHCP4_STORE_SHORT,	/* shorter than its header or its length */
	DHCP4_STORE_MAGIC_BAD,	/* not a lease file */
	DHCP4_STORE_VERSION_BAD,	/* a version we do not read */
	DHCP4_STORE_LENGTH,	/* ACK length out of range, or bytes after */
	DHCP4_STORE_CRC,	/* the checksum does not match */
	DHCP4_STORE_ACK,	/* the ACK does not parse (ack_err says why) */
	DHCP4_STORE_NOT_ACK,	/* a message, but no usable DHCPACK */
	DHCP4_STORE_ERR_MAX
};

const char *dhcp4_store_err_name(enum dhcp4_store_err e);

struct dhcp4_store_rec {
	uint64_t wall_ms;		/* acquisition, ms since the epoch */
	const uint8_t *ack_raw;		/* into the parsed buffer */
	size_t ack_len;
	struct dhcp4_msg ack;		/* parsed */
	enum dhcp4_err ack_err;		/* DHCP4_STORE_ACK: why */
};

/* Pure: parse a whole file's bytes. */
enum dhcp4_store_err dhcp4_store_parse(const uint8_t *buf, size_t len,
				       struct dhcp4_store_rec *out);

/* Pure: the file's bytes into buf; its length, 0 if it does not fit. */
size_t dhcp4_store_build(uint8_t *buf, size_t size, uint64_t wall_ms,
			 const uint8_t *ack, size_t ack_len);

/*
 * Pure: the lease an ACK grants, acquired at acquired_ms (the machine's
 * clock): the prefix from option 1 (else the address's class), the lease
 * time, and T1, T2 from options 58, 59 or RFC 2131 §4.4.5's defaults
 * (0.5 and 0.875 of the lease).
 */
void dhcp4_store_lease(const struct dhcp4_msg *ack, uint64_t acquired_ms,
		       struct dhcp4_lease *out);

/*
 * Pure: the lease a record gives at machine time now_mono and wall time
 * now_wall (ms): -ESTALE when it has expired, 0 otherwise.  A clock that
 * went back counts as no time passed; an acquisition before the machine
 * clock's zero (a reboot) is taken as at zero.
 */
int dhcp4_store_to_lease(const struct dhcp4_store_rec *r, uint64_t now_mono,
			 uint64_t now_wall, struct dhcp4_lease *out);

/* The file's path: 0, or -ENAMETOOLONG. */
int dhcp4_store_path(const char *dir, const char *ifname, char *buf,
		     size_t size);

/* Write the file (the directory is created if missing); 0 or -errno. */
int dhcp4_store_save(const char *dir, const char *ifname, uint64_t wall_ms,
		     const uint8_t *ack, size_t ack_len);

/*
 * Read and parse the file into buf (DHCP4_STORE_MAX bytes) and rec:
 * -ENOENT when there is none, -EIO with *err set when it is damaged,
 * other -errno on a read failure; 0 with rec filled.
 */
int dhcp4_store_load(const char *dir, const char *ifname, uint8_t *buf,
		     struct dhcp4_store_rec *rec, enum dhcp4_store_err *err);

/* Remove the file; 0 also when there was none, or -errno. */
int dhcp4_store_remove(const char *dir, const char *ifname);

#endif
