// SPDX-License-Identifier: GPL-2.0
/*
 * IAPP (IEEE 802.11F) messages: parsing and building.  See iapp_msg.h.
 *
 * Every multi-byte field is read and written a byte at a time in network
 * order, so no buffer is ever accessed through a cast or unaligned.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "iapp/wire.h"
#include "lib/bytes.h"

/* Offsets into a message, from its first byte. */
#define OFF_VERSION	0
#define OFF_CMD		1
#define OFF_ID		2
#define OFF_LEN		4
#define OFF_ADDR_LEN	(IAPP_HDR_LEN + 0)
#define OFF_STATUS	(IAPP_HDR_LEN + 1)	/* or reserved */
#define OFF_MAC		(IAPP_HDR_LEN + 2)
#define OFF_SEQ		(IAPP_HDR_LEN + 8)
#define OFF_CTX_LEN	(IAPP_HDR_LEN + 10)	/* MOVE-* */
#define OFF_CUR_AP	(IAPP_HDR_LEN + 10)	/* CACHE-notify */
#define OFF_CN_CTX_LEN	(IAPP_HDR_LEN + 16)	/* CACHE-notify */

/* Whole messages without their context block. */
#define MOVE_MIN	(IAPP_HDR_LEN + 12)
#define CACHE_N_MIN	(IAPP_HDR_LEN + 20)
#define CACHE_R_LEN	(IAPP_HDR_LEN + 10)

#define TLV_HDR		4
#define TLV_IPV4_LEN	8
#define TLV_IPV6_LEN	20
#define TLV_VLAN_LEN	2
#define SSID_MAX	32
#define VLAN_ID_MAX	4094

static const char *const err_names[IAPP_ERR_MAX] = {
	[IAPP_OK] = "ok",
	[IAPP_ERR_SHORT] = "short",
	[IAPP_ERR_VERSION] = "bad version",
	[IAPP_ERR_LENGTH] = "bad length",
	[IAPP_ERR_ADDR_LEN] = "bad addr_len",
	[IAPP_ERR_COMMAND] = "unknown command",
	[IAPP_ERR_CTX] = "bad context block",
	[IAPP_ERR_TOO_BIG] = "too big",
	[IAPP_ERR_AUTH_MISSING] = "unsigned",
	[IAPP_ERR_AUTH_BAD] = "bad signature",
};

const char *iapp_err_str(enum iapp_err e)
{
	if ((unsigned int)e >= IAPP_ERR_MAX)
		return "unknown error";
	return err_names[e];
}

static const char *const cmd_names[IAPP_CMD_MAX + 1] = {
	[IAPP_CMD_ADD_NOTIFY] = "add-notify",
	[IAPP_CMD_MOVE_NOTIFY] = "move-notify",
	[IAPP_CMD_MOVE_RESPONSE] = "move-response",
	[IAPP_CMD_SEND_SECURITY_BLOCK] = "send-security-block",
	[IAPP_CMD_ACK_SECURITY_BLOCK] = "ack-security-block",
	[IAPP_CMD_CACHE_NOTIFY] = "cache-notify",
	[IAPP_CMD_CACHE_RESPONSE] = "cache-response",
};

const char *iapp_cmd_str(uint8_t cmd)
{
	if (cmd > IAPP_CMD_MAX)
		return "unknown";
	return cmd_names[cmd];
}

static bool key_on(const struct iapp_key *key)
{
	return key && key->len;
}

/*
 * HMAC-SHA256 under key of len bytes at data (a message and the first
 * IAPP_AUTH_HDR_LEN bytes of its trailer), into out; false if OpenSSL
 * failed.
 */
static bool sign(const struct iapp_key *key, const uint8_t *data,
		 size_t len, uint8_t out[IAPP_AUTH_TAG_LEN])
{
	unsigned int out_len = 0;

	if (key->len > IAPP_KEY_MAX)
		return false;
	if (!HMAC(EVP_sha256(), key->key, (int)key->len, data, len, out,
		  &out_len))
		return false;
	return out_len == IAPP_AUTH_TAG_LEN;
}

/*
 * The context block of ctx_len bytes at p.  Refuses a TLV that runs past
 * the block, a known type of the wrong size or out of range, a repeated
 * VLAN or SSID and more than IAPP_CTX_ADDRS_MAX addresses of a family.
 */
static enum iapp_err parse_ctx(const uint8_t *p, size_t ctx_len,
			       struct iapp_ctx *ctx)
{
	bool have_vlan = false, have_ssid = false;
	size_t off = 0;

	while (off < ctx_len) {
		const uint8_t *v;
		uint16_t type, tlen;

		if (ctx_len - off < TLV_HDR)
			return IAPP_ERR_CTX;
		type = get_be16(p + off);
		tlen = get_be16(p + off + 2);
		off += TLV_HDR;
		if (tlen > ctx_len - off)
			return IAPP_ERR_CTX;
		v = p + off;
		off += tlen;

		switch (type) {
		case IAPP_CTX_IPV4:
			if (tlen != TLV_IPV4_LEN ||
			    ctx->n_ipv4 >= IAPP_CTX_ADDRS_MAX)
				return IAPP_ERR_CTX;
			memcpy(ctx->ipv4[ctx->n_ipv4].addr, v, 4);
			ctx->ipv4[ctx->n_ipv4].lease = get_be32(v + 4);
			ctx->n_ipv4++;
			break;
		case IAPP_CTX_IPV6:
			if (tlen != TLV_IPV6_LEN ||
			    ctx->n_ipv6 >= IAPP_CTX_ADDRS_MAX)
				return IAPP_ERR_CTX;
			memcpy(ctx->ipv6[ctx->n_ipv6].addr, v, 16);
			ctx->ipv6[ctx->n_ipv6].lease = get_be32(v + 16);
			ctx->n_ipv6++;
			break;
		case IAPP_CTX_VLAN:
			if (tlen != TLV_VLAN_LEN || have_vlan)
				return IAPP_ERR_CTX;
			ctx->vlan = get_be16(v);
			if (ctx->vlan < 1 || ctx->vlan > VLAN_ID_MAX)
				return IAPP_ERR_CTX;
			have_vlan = true;
			break;
		case IAPP_CTX_SSID:
			if (tlen < 1 || tlen > SSID_MAX || have_ssid)
				return IAPP_ERR_CTX;
			memcpy(ctx->ssid, v, tlen);
			ctx->ssid_len = (uint8_t)tlen;
			have_ssid = true;
			break;
		default:
			break;	/* not ours to know: skipped */
		}
	}
	return IAPP_OK;
}

/*
 * A context block announced at ctx_len_off, in a message of length bytes
 * whose fixed part (the context block left out) is fixed bytes long.
 */
static enum iapp_err parse_ctx_at(const uint8_t *buf, uint16_t length,
				  size_t ctx_len_off, size_t fixed,
				  struct iapp_msg *msg)
{
	uint16_t ctx_len = get_be16(buf + ctx_len_off);

	if ((size_t)length != fixed + ctx_len)
		return IAPP_ERR_LENGTH;
	msg->has_ctx = true;
	return parse_ctx(buf + ctx_len_off + 2, ctx_len, &msg->ctx);
}

/* The body of a message of length bytes (all of them in buf). */
static enum iapp_err parse_body(const uint8_t *buf, uint16_t length,
				struct iapp_msg *msg)
{
	size_t min;
	enum iapp_err err;

	switch (msg->cmd) {
	case IAPP_CMD_ADD_NOTIFY:
		min = IAPP_ADD_LEN;
		break;
	case IAPP_CMD_MOVE_NOTIFY:
	case IAPP_CMD_MOVE_RESPONSE:
		min = MOVE_MIN;
		break;
	case IAPP_CMD_CACHE_NOTIFY:
		min = CACHE_N_MIN;
		break;
	case IAPP_CMD_CACHE_RESPONSE:
		min = CACHE_R_LEN;
		break;
	default:
		/* Unknown, or the security blocks apedge does not do. */
		return IAPP_ERR_COMMAND;
	}
	if (length < min)
		return IAPP_ERR_LENGTH;
	if (buf[OFF_ADDR_LEN] != MAC_LEN)
		return IAPP_ERR_ADDR_LEN;
	memcpy(msg->mac, buf + OFF_MAC, MAC_LEN);
	msg->seq = get_be16(buf + OFF_SEQ);

	switch (msg->cmd) {
	case IAPP_CMD_ADD_NOTIFY:
		/* The reserved byte is ignored, as 802.11F asks. */
		return length == IAPP_ADD_LEN ? IAPP_OK : IAPP_ERR_LENGTH;
	case IAPP_CMD_CACHE_RESPONSE:
		msg->status = buf[OFF_STATUS];
		return length == CACHE_R_LEN ? IAPP_OK : IAPP_ERR_LENGTH;
	case IAPP_CMD_MOVE_RESPONSE:
		msg->status = buf[OFF_STATUS];
		/* fall through */
	case IAPP_CMD_MOVE_NOTIFY:
		return parse_ctx_at(buf, length, OFF_CTX_LEN, MOVE_MIN, msg);
	default:	/* IAPP_CMD_CACHE_NOTIFY */
		memcpy(msg->current_ap, buf + OFF_CUR_AP, MAC_LEN);
		err = parse_ctx_at(buf, length, OFF_CN_CTX_LEN, CACHE_N_MIN,
				   msg);
		if (err)
			return err;
		/* The timeout follows the block: the message's last two. */
		msg->timeout = get_be16(buf + length - 2);
		return IAPP_OK;
	}
}

/*
 * One message at the front of len bytes.  exact: the bytes must be the
 * message and its trailer and nothing more (a stream); otherwise bytes
 * past length are ignored unless a key is set (a datagram).
 */
static enum iapp_err parse(const uint8_t *buf, size_t len, bool exact,
			   const struct iapp_key *key, struct iapp_msg *msg)
{
	uint8_t mac[IAPP_AUTH_TAG_LEN];
	uint16_t length;

	memset(msg, 0, sizeof(*msg));
	if (!buf || len < IAPP_HDR_LEN)
		return IAPP_ERR_SHORT;
	msg->version = buf[OFF_VERSION];
	msg->cmd = buf[OFF_CMD];
	msg->id = get_be16(buf + OFF_ID);
	msg->len = length = get_be16(buf + OFF_LEN);
	if (msg->version != IAPP_VERSION)
		return IAPP_ERR_VERSION;
	if (length > IAPP_MSG_MAX)
		return IAPP_ERR_TOO_BIG;
	if (length < IAPP_HDR_LEN)
		return IAPP_ERR_LENGTH;
	if (len < length)
		return IAPP_ERR_SHORT;

	if (key_on(key)) {
		const uint8_t *th = buf + length;

		/* Authenticate before looking into the body. */
		if (len == length)
			return IAPP_ERR_AUTH_MISSING;
		if (len != (size_t)length + IAPP_AUTH_LEN)
			return IAPP_ERR_LENGTH;
		/* A trailer of another version is not one we can verify. */
		if (th[0] != IAPP_AUTH_VERSION ||
		    !sign(key, buf, length + IAPP_AUTH_HDR_LEN, mac) ||
		    CRYPTO_memcmp(mac, th + IAPP_AUTH_HDR_LEN,
				  IAPP_AUTH_TAG_LEN))
			return IAPP_ERR_AUTH_BAD;
		msg->has_auth = true;
		msg->auth_time_ms = get_be64(th + 4);
		memcpy(msg->auth_tag, mac, IAPP_AUTH_TAG_LEN);
	} else if (exact && len != length) {
		return IAPP_ERR_LENGTH;
	}
	return parse_body(buf, length, msg);
}

enum iapp_err iapp_parse_dgram(const uint8_t *buf, size_t len,
			       const struct iapp_key *key,
			       struct iapp_msg *msg)
{
	return parse(buf, len, false, key, msg);
}

enum iapp_err iapp_parse_stream(const uint8_t *buf, size_t len,
				const struct iapp_key *key,
				struct iapp_msg *msg)
{
	return parse(buf, len, true, key, msg);
}

long iapp_stream_need(const uint8_t *buf, size_t avail,
		      const struct iapp_key *key)
{
	uint16_t length;

	if (!buf || avail < IAPP_HDR_LEN)
		return 0;
	if (buf[OFF_VERSION] != IAPP_VERSION)
		return -IAPP_ERR_VERSION;
	length = get_be16(buf + OFF_LEN);
	if (length > IAPP_MSG_MAX)
		return -IAPP_ERR_TOO_BIG;
	if (length < IAPP_HDR_LEN)
		return -IAPP_ERR_LENGTH;
	return (long)length + (key_on(key) ? IAPP_AUTH_LEN : 0);
}

/* Bytes the context block of ctx takes; *ok false if ctx is out of range. */
static size_t ctx_size(const struct iapp_ctx *ctx, bool *ok)
{
	size_t n = 0;

	*ok = true;
	if (!ctx)
		return 0;
	if (ctx->n_ipv4 > IAPP_CTX_ADDRS_MAX ||
	    ctx->n_ipv6 > IAPP_CTX_ADDRS_MAX ||
	    ctx->vlan > VLAN_ID_MAX || ctx->ssid_len > SSID_MAX) {
		*ok = false;
		return 0;
	}
	n += ctx->n_ipv4 * (size_t)(TLV_HDR + TLV_IPV4_LEN);
	n += ctx->n_ipv6 * (size_t)(TLV_HDR + TLV_IPV6_LEN);
	if (ctx->vlan)
		n += TLV_HDR + TLV_VLAN_LEN;
	if (ctx->ssid_len)
		n += TLV_HDR + ctx->ssid_len;
	if (n > IAPP_CTX_MAX)
		*ok = false;
	return n;
}

static uint8_t *put_tlv(uint8_t *p, uint16_t type, uint16_t len)
{
	put_be16(p, type);
	put_be16(p + 2, len);
	return p + TLV_HDR;
}

/* Write the context block (as sized by ctx_size()) at p; returns its end. */
static uint8_t *put_ctx(uint8_t *p, const struct iapp_ctx *ctx)
{
	unsigned int i;

	if (!ctx)
		return p;
	for (i = 0; i < ctx->n_ipv4; i++) {
		p = put_tlv(p, IAPP_CTX_IPV4, TLV_IPV4_LEN);
		memcpy(p, ctx->ipv4[i].addr, 4);
		put_be32(p + 4, ctx->ipv4[i].lease);
		p += TLV_IPV4_LEN;
	}
	for (i = 0; i < ctx->n_ipv6; i++) {
		p = put_tlv(p, IAPP_CTX_IPV6, TLV_IPV6_LEN);
		memcpy(p, ctx->ipv6[i].addr, 16);
		put_be32(p + 16, ctx->ipv6[i].lease);
		p += TLV_IPV6_LEN;
	}
	if (ctx->vlan) {
		p = put_tlv(p, IAPP_CTX_VLAN, TLV_VLAN_LEN);
		put_be16(p, ctx->vlan);
		p += TLV_VLAN_LEN;
	}
	if (ctx->ssid_len) {
		p = put_tlv(p, IAPP_CTX_SSID, ctx->ssid_len);
		memcpy(p, ctx->ssid, ctx->ssid_len);
		p += ctx->ssid_len;
	}
	return p;
}

/*
 * Whether a message of length bytes (and its trailer, with a key) fits
 * in size; writes its header and the start common to all bodies.
 */
static bool put_start(uint8_t *buf, size_t size, size_t length,
		      uint8_t cmd, uint16_t id, uint8_t status,
		      const uint8_t mac[MAC_LEN], uint16_t seq,
		      const struct iapp_auth *auth)
{
	size_t need = length;

	if (!buf || !mac || length > IAPP_MSG_MAX)
		return false;
	if (auth && key_on(auth->key)) {
		if (auth->key->len > IAPP_KEY_MAX)
			return false;
		need += IAPP_AUTH_LEN;
	}
	if (need > size)
		return false;
	buf[OFF_VERSION] = IAPP_VERSION;
	buf[OFF_CMD] = cmd;
	put_be16(buf + OFF_ID, id);
	put_be16(buf + OFF_LEN, (uint16_t)length);
	buf[OFF_ADDR_LEN] = MAC_LEN;
	buf[OFF_STATUS] = status;
	memcpy(buf + OFF_MAC, mac, MAC_LEN);
	put_be16(buf + OFF_SEQ, seq);
	return true;
}

/* Append the trailer if a key is set; returns the bytes in all, or 0. */
static size_t finish(uint8_t *buf, size_t length,
		     const struct iapp_auth *auth)
{
	uint8_t *th = buf + length;

	if (!auth || !key_on(auth->key))
		return length;
	th[0] = IAPP_AUTH_VERSION;
	th[1] = th[2] = th[3] = 0;
	put_be64(th + 4, auth->time_ms);
	if (!sign(auth->key, buf, length + IAPP_AUTH_HDR_LEN,
		  th + IAPP_AUTH_HDR_LEN))
		return 0;
	return length + IAPP_AUTH_LEN;
}

size_t iapp_build_add(uint8_t *buf, size_t size, uint16_t id,
		      const uint8_t mac[MAC_LEN], uint16_t seq,
		      const struct iapp_auth *auth)
{
	if (!put_start(buf, size, IAPP_ADD_LEN, IAPP_CMD_ADD_NOTIFY, id, 0,
		       mac, seq, auth))
		return 0;
	return finish(buf, IAPP_ADD_LEN, auth);
}

static size_t build_move(uint8_t *buf, size_t size, uint8_t cmd,
			 uint16_t id, uint8_t status,
			 const uint8_t mac[MAC_LEN], uint16_t seq,
			 const struct iapp_ctx *ctx,
			 const struct iapp_auth *auth)
{
	size_t clen, length;
	bool ok;

	clen = ctx_size(ctx, &ok);
	if (!ok)
		return 0;
	length = MOVE_MIN + clen;
	if (!put_start(buf, size, length, cmd, id, status, mac, seq, auth))
		return 0;
	put_be16(buf + OFF_CTX_LEN, (uint16_t)clen);
	put_ctx(buf + OFF_CTX_LEN + 2, ctx);
	return finish(buf, length, auth);
}

size_t iapp_build_move_notify(uint8_t *buf, size_t size, uint16_t id,
			      const uint8_t mac[MAC_LEN], uint16_t seq,
			      const struct iapp_ctx *ctx,
			      const struct iapp_auth *auth)
{
	return build_move(buf, size, IAPP_CMD_MOVE_NOTIFY, id, 0, mac, seq,
			  ctx, auth);
}

size_t iapp_build_move_response(uint8_t *buf, size_t size, uint16_t id,
				uint8_t status, const uint8_t mac[MAC_LEN],
				uint16_t seq, const struct iapp_ctx *ctx,
				const struct iapp_auth *auth)
{
	return build_move(buf, size, IAPP_CMD_MOVE_RESPONSE, id, status, mac,
			  seq, ctx, auth);
}

size_t iapp_build_cache_notify(uint8_t *buf, size_t size, uint16_t id,
			       const uint8_t mac[MAC_LEN], uint16_t seq,
			       const uint8_t current_ap[MAC_LEN],
			       const struct iapp_ctx *ctx, uint16_t timeout,
			       const struct iapp_auth *auth)
{
	size_t clen, length;
	uint8_t *p;
	bool ok;

	if (!current_ap)
		return 0;
	clen = ctx_size(ctx, &ok);
	if (!ok)
		return 0;
	length = CACHE_N_MIN + clen;
	if (!put_start(buf, size, length, IAPP_CMD_CACHE_NOTIFY, id, 0, mac,
		       seq, auth))
		return 0;
	memcpy(buf + OFF_CUR_AP, current_ap, MAC_LEN);
	put_be16(buf + OFF_CN_CTX_LEN, (uint16_t)clen);
	p = put_ctx(buf + OFF_CN_CTX_LEN + 2, ctx);
	put_be16(p, timeout);
	return finish(buf, length, auth);
}

size_t iapp_build_cache_response(uint8_t *buf, size_t size, uint16_t id,
				 uint8_t status, const uint8_t mac[MAC_LEN],
				 uint16_t seq, const struct iapp_auth *auth)
{
	if (!put_start(buf, size, CACHE_R_LEN, IAPP_CMD_CACHE_RESPONSE, id,
		       status, mac, seq, auth))
		return 0;
	return finish(buf, CACHE_R_LEN, auth);
}

bool iapp_seq_newer(uint16_t a, uint16_t b)
{
	uint16_t d = (uint16_t)(a - b);

	return d != 0 && d < 0x8000;
}

int iapp_key_parse_hex(const char *hex, struct iapp_key *key)
{
	struct iapp_key k;
	size_t n, i;

	if (!hex || !key)
		return -EINVAL;
	n = strnlen(hex, 2 * IAPP_KEY_MAX + 1);
	if (n < 2 || n > 2 * IAPP_KEY_MAX || n % 2)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	for (i = 0; i < n; i += 2) {
		int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);

		if (hi < 0 || lo < 0) {
			OPENSSL_cleanse(&k, sizeof(k));
			return -EINVAL;
		}
		k.key[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	k.len = n / 2;
	*key = k;
	OPENSSL_cleanse(&k, sizeof(k));
	return 0;
}
