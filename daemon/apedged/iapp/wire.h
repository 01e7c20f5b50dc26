/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IAPP (IEEE 802.11F-2003) messages: pure parsers and builders over byte
 * buffers.  No I/O, no state, no allocation.
 *
 * Every message starts with a 6-byte header, all fields in network byte
 * order:
 *
 *	u8 version (0), u8 command, be16 identifier, be16 length
 *
 * where length counts the header and the body, not the optional
 * authentication trailer.  The bodies:
 *
 *	ADD-notify	u8 addr_len (6), u8 reserved, mac[6], be16 seq
 *	MOVE-notify	u8 addr_len, u8 reserved, mac[6], be16 seq,
 *			be16 ctx_len, ctx[ctx_len]
 *	MOVE-response	u8 addr_len, u8 status, mac[6], be16 seq,
 *			be16 ctx_len, ctx[ctx_len]
 *	CACHE-notify	u8 addr_len, u8 reserved, mac[6], be16 seq,
 *			current_ap[6], be16 ctx_len, ctx[ctx_len],
 *			be16 timeout (seconds)
 *	CACHE-response	u8 addr_len, u8 status, mac[6], be16 seq
 *
 * ADD-notify travels in a UDP datagram (multicast 224.0.1.178:3517), the
 * others over TCP port 3517, one message after another on the stream.
 *
 * Authentication (an apedge extension, off by default for interop with
 * plain 802.11F peers): when a key is configured, each message is
 * followed by a trailer of IAPP_AUTH_LEN bytes, version 1:
 *
 *	u8 trailer version (1), u8 reserved[3] (0), be64 time,
 *	HMAC-SHA256[32]
 *
 * where time is the sender's wall clock in milliseconds since the Unix
 * epoch, and the HMAC, with the key, covers the header, the body and the
 * trailer's first IAPP_AUTH_HDR_LEN bytes.  The parser verifies the HMAC
 * and reports the time and the HMAC (the message's tag); whether the time
 * is recent enough and the tag new is the caller's to decide
 * (iapp/replay.h).  The header's length does not count the trailer, so a
 * peer without a key sees the usual message followed by bytes it does not
 * read (on UDP) or, on TCP, must be configured alike.
 *
 * The context block (ctx) of MOVE and CACHE is apedge's own: a sequence
 * of TLVs, each be16 type, be16 len, value[len].  Unknown types are
 * skipped; a TLV that runs past the block is an error.
 */
#ifndef APEDGED_IAPP_MSG_H
#define APEDGED_IAPP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/mac.h"

#define IAPP_MCAST_ADDR		"224.0.1.178"
#define IAPP_PORT		3517
#define IAPP_VERSION		0
#define IAPP_HDR_LEN		6
#define IAPP_ADD_LEN		(IAPP_HDR_LEN + 10)	/* a whole ADD-notify */
/* The authentication trailer, version 1: see above. */
#define IAPP_AUTH_VERSION	1
#define IAPP_AUTH_HDR_LEN	12		/* version, reserved, time */
#define IAPP_AUTH_TAG_LEN	32		/* HMAC-SHA256 */
#define IAPP_AUTH_LEN		(IAPP_AUTH_HDR_LEN + IAPP_AUTH_TAG_LEN)
#define IAPP_KEY_MAX		64			/* bytes of key */
/* Largest message apedge builds or accepts (header, body; no trailer). */
#define IAPP_MSG_MAX		1024
#define IAPP_CTX_MAX		(IAPP_MSG_MAX - IAPP_HDR_LEN - 24)

enum iapp_cmd {
	IAPP_CMD_ADD_NOTIFY = 0,
	IAPP_CMD_MOVE_NOTIFY = 1,
	IAPP_CMD_MOVE_RESPONSE = 2,
	IAPP_CMD_SEND_SECURITY_BLOCK = 3,	/* not supported: counted */
	IAPP_CMD_ACK_SECURITY_BLOCK = 4,	/* not supported: counted */
	IAPP_CMD_CACHE_NOTIFY = 5,
	IAPP_CMD_CACHE_RESPONSE = 6,
	IAPP_CMD_MAX = IAPP_CMD_CACHE_RESPONSE
};

enum iapp_move_status {
	IAPP_MOVE_SUCCESSFUL = 0,
	IAPP_MOVE_DENIED = 1,
	IAPP_MOVE_STALE = 2,
};

enum iapp_cache_status {
	IAPP_CACHE_SUCCESSFUL = 0,
	IAPP_CACHE_STALE = 1,
};

/* Context-block TLV types. */
enum iapp_ctx_type {
	IAPP_CTX_IPV4 = 1,	/* addr[4], be32 lease seconds left */
	IAPP_CTX_IPV6 = 2,	/* addr[16], be32 lease seconds left */
	IAPP_CTX_VLAN = 3,	/* be16 VLAN ID (1..4094) */
	IAPP_CTX_SSID = 4,	/* 1..32 bytes */
};

#define IAPP_CTX_ADDRS_MAX	8	/* addresses of each family kept */

/* A station's context, as carried in MOVE and CACHE. */
struct iapp_ctx {
	uint8_t n_ipv4;
	uint8_t n_ipv6;
	struct {
		uint8_t addr[4];
		uint32_t lease;		/* seconds left */
	} ipv4[IAPP_CTX_ADDRS_MAX];
	struct {
		uint8_t addr[16];
		uint32_t lease;
	} ipv6[IAPP_CTX_ADDRS_MAX];
	uint16_t vlan;			/* 0: none */
	uint8_t ssid_len;
	uint8_t ssid[32];
};

/* One parsed message; which fields mean something depends on cmd. */
struct iapp_msg {
	uint8_t version;
	uint8_t cmd;			/* enum iapp_cmd */
	uint16_t id;			/* identifier */
	uint16_t len;			/* from the header */
	uint8_t status;			/* MOVE- and CACHE-response */
	uint8_t mac[MAC_LEN];
	uint16_t seq;
	uint8_t current_ap[MAC_LEN];	/* CACHE-notify */
	uint16_t timeout;		/* CACHE-notify, seconds */
	bool has_ctx;			/* MOVE-*, CACHE-notify */
	struct iapp_ctx ctx;
	/* With a key, from the verified trailer: */
	bool has_auth;			/* it had a trailer that verified */
	uint64_t auth_time_ms;		/* the sender's clock, ms since 1970 */
	uint8_t auth_tag[IAPP_AUTH_TAG_LEN];	/* its HMAC */
};

/* Why a message was refused; also indexes the malformed counters. */
enum iapp_err {
	IAPP_OK = 0,
	IAPP_ERR_SHORT,		/* fewer bytes than the header or length needs */
	IAPP_ERR_VERSION,	/* version is not 0 */
	IAPP_ERR_LENGTH,	/* length field disagrees with the bytes */
	IAPP_ERR_ADDR_LEN,	/* addr_len is not 6 */
	IAPP_ERR_COMMAND,	/* unknown or unsupported command */
	IAPP_ERR_CTX,		/* malformed context block */
	IAPP_ERR_TOO_BIG,	/* length over IAPP_MSG_MAX */
	IAPP_ERR_AUTH_MISSING,	/* key set, no trailer */
	IAPP_ERR_AUTH_BAD,	/* key set, wrong trailer (HMAC or version) */
	IAPP_ERR_MAX
};

const char *iapp_err_str(enum iapp_err e);
const char *iapp_cmd_str(uint8_t cmd);	/* "add-notify", ...; "unknown" */

/* An HMAC key; len 0 means authentication is off. */
struct iapp_key {
	size_t len;
	uint8_t key[IAPP_KEY_MAX];
};

/* What a builder signs with: NULL, or a NULL or empty key, signs nothing. */
struct iapp_auth {
	const struct iapp_key *key;
	uint64_t time_ms;		/* the trailer's time (wall clock) */
};

/*
 * Parse one UDP datagram of len bytes (an ADD-notify; other commands are
 * parsed too, so that they can be counted and refused by the caller).
 * With a key, the datagram must be exactly length + IAPP_AUTH_LEN bytes
 * and the trailer must be of version 1 and verify (constant-time
 * compare), which fills msg->has_auth, auth_time_ms and auth_tag; without
 * one, bytes after length are ignored.  Returns IAPP_OK and fills *msg, or the
 * reason it was refused (msg->cmd and msg->len are filled whenever the
 * header could be read).
 */
enum iapp_err iapp_parse_dgram(const uint8_t *buf, size_t len,
			       const struct iapp_key *key,
			       struct iapp_msg *msg);

/*
 * TCP framing: how many bytes the message at the front of a stream buffer
 * needs in all (trailer included when key is set), given avail bytes so
 * far.  Returns 0 when fewer than IAPP_HDR_LEN bytes are there yet, the
 * total (which may exceed avail: read more) otherwise, or a negative
 * enum iapp_err (-IAPP_ERR_VERSION, -IAPP_ERR_TOO_BIG, -IAPP_ERR_LENGTH)
 * when the header alone shows the stream is bad.
 */
long iapp_stream_need(const uint8_t *buf, size_t avail,
		      const struct iapp_key *key);

/*
 * Parse one whole message of exactly len bytes off a stream (len as
 * returned by iapp_stream_need()), trailer included when key is set.
 */
enum iapp_err iapp_parse_stream(const uint8_t *buf, size_t len,
				const struct iapp_key *key,
				struct iapp_msg *msg);

/*
 * Builders: write the message (and, with auth's key, its trailer with
 * auth's time) into buf of size bytes; return the bytes written, or 0 when
 * it does not fit or an argument is out of range (a context block over
 * IAPP_CTX_MAX).  A NULL ctx is an empty context block.
 */
size_t iapp_build_add(uint8_t *buf, size_t size, uint16_t id,
		      const uint8_t mac[MAC_LEN], uint16_t seq,
		      const struct iapp_auth *auth);
size_t iapp_build_move_notify(uint8_t *buf, size_t size, uint16_t id,
			      const uint8_t mac[MAC_LEN], uint16_t seq,
			      const struct iapp_ctx *ctx,
			      const struct iapp_auth *auth);
size_t iapp_build_move_response(uint8_t *buf, size_t size, uint16_t id,
				uint8_t status, const uint8_t mac[MAC_LEN],
				uint16_t seq, const struct iapp_ctx *ctx,
				const struct iapp_auth *auth);
size_t iapp_build_cache_notify(uint8_t *buf, size_t size, uint16_t id,
			       const uint8_t mac[MAC_LEN], uint16_t seq,
			       const uint8_t current_ap[MAC_LEN],
			       const struct iapp_ctx *ctx, uint16_t timeout,
			       const struct iapp_auth *auth);
size_t iapp_build_cache_response(uint8_t *buf, size_t size, uint16_t id,
				 uint8_t status, const uint8_t mac[MAC_LEN],
				 uint16_t seq, const struct iapp_auth *auth);

/*
 * Sequence numbers wrap (serial-number arithmetic, RFC 1982 with 16
 * bits): true when a is newer than b.  Equal is not newer.
 */
bool iapp_seq_newer(uint16_t a, uint16_t b);

/* Parse a key given as hex (2..128 digits, even count); 0 or -EINVAL. */
int iapp_key_parse_hex(const char *hex, struct iapp_key *key);

#endif
