// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: IAPP datagrams, with and without a key.
 *
 * Properties checked (abort() on failure):
 * - the header fields are reported whenever the header could be read;
 * - a datagram parses the same as its first length bytes on a stream,
 *   and the same again once signed and parsed with the key, which reports
 *   the trailer's time;
 * - a keyed parse of the raw input succeeds only if its trailer is of
 *   version 1 and ends with the HMAC of its message and the trailer's
 *   first 12 bytes, and then reports the time those bytes hold;
 * - a message that parsed rebuilds (with the matching builder) into one
 *   that parses to the same thing, keeps its header and station fields,
 *   is no longer than the input (unknown TLVs are dropped, the known ones
 *   reordered) and is a fixed point: built again, it is byte-identical.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "iapp/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BUF_MAX (IAPP_MSG_MAX + IAPP_AUTH_LEN)
#define T_MS 1764547200123ull		/* the time we sign with */

static struct iapp_key key;

static const struct iapp_key *get_key(void)
{
	if (!key.len && iapp_key_parse_hex("6170656467652d66757a7a2d6b6579",
					   &key))
		abort();
	return &key;
}

static bool ctx_eq(const struct iapp_ctx *a, const struct iapp_ctx *b)
{
	int i;

	if (a->n_ipv4 != b->n_ipv4 || a->n_ipv6 != b->n_ipv6 ||
	    a->vlan != b->vlan || a->ssid_len != b->ssid_len ||
	    memcmp(a->ssid, b->ssid, a->ssid_len))
		return false;
	for (i = 0; i < a->n_ipv4; i++)
		if (memcmp(a->ipv4[i].addr, b->ipv4[i].addr, 4) ||
		    a->ipv4[i].lease != b->ipv4[i].lease)
			return false;
	for (i = 0; i < a->n_ipv6; i++)
		if (memcmp(a->ipv6[i].addr, b->ipv6[i].addr, 16) ||
		    a->ipv6[i].lease != b->ipv6[i].lease)
			return false;
	return true;
}

/* Equal as far as the command gives the fields a meaning (len aside). */
static bool msg_eq(const struct iapp_msg *a, const struct iapp_msg *b)
{
	if (a->version != b->version || a->cmd != b->cmd || a->id != b->id ||
	    a->seq != b->seq || memcmp(a->mac, b->mac, MAC_LEN) ||
	    a->has_ctx != b->has_ctx || a->status != b->status ||
	    a->timeout != b->timeout ||
	    memcmp(a->current_ap, b->current_ap, MAC_LEN))
		return false;
	return !a->has_ctx || ctx_eq(&a->ctx, &b->ctx);
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static size_t rebuild(const struct iapp_msg *m, uint8_t *buf, size_t size,
		      const struct iapp_key *key)
{
	struct iapp_auth a = { .key = key, .time_ms = T_MS };
	const struct iapp_auth *k = key ? &a : NULL;

	switch (m->cmd) {
	case IAPP_CMD_ADD_NOTIFY:
		return iapp_build_add(buf, size, m->id, m->mac, m->seq, k);
	case IAPP_CMD_MOVE_NOTIFY:
		return iapp_build_move_notify(buf, size, m->id, m->mac,
					      m->seq, &m->ctx, k);
	case IAPP_CMD_MOVE_RESPONSE:
		return iapp_build_move_response(buf, size, m->id, m->status,
						m->mac, m->seq, &m->ctx, k);
	case IAPP_CMD_CACHE_NOTIFY:
		return iapp_build_cache_notify(buf, size, m->id, m->mac,
					       m->seq, m->current_ap,
					       &m->ctx, m->timeout, k);
	case IAPP_CMD_CACHE_RESPONSE:
		return iapp_build_cache_response(buf, size, m->id, m->status,
						 m->mac, m->seq, k);
	}
	abort();	/* parsed OK, so the command is one of those */
}

/* Append a version 1 trailer signed at T_MS. */
static void sign(uint8_t *buf, size_t len)
{
	const struct iapp_key *k = get_key();
	unsigned int out = 0;
	int i;

	buf[len] = IAPP_AUTH_VERSION;
	buf[len + 1] = buf[len + 2] = buf[len + 3] = 0;
	for (i = 0; i < 8; i++)
		buf[len + 4 + i] = (uint8_t)(T_MS >> (56 - 8 * i));
	if (!HMAC(EVP_sha256(), k->key, (int)k->len, buf,
		  len + IAPP_AUTH_HDR_LEN, buf + len + IAPP_AUTH_HDR_LEN,
		  &out) || out != IAPP_AUTH_TAG_LEN)
		abort();
}

static void check_rebuild(const uint8_t *data, const struct iapp_msg *m)
{
	static uint8_t out[BUF_MAX], again[BUF_MAX];
	struct iapp_msg m2, m3;
	size_t n, n2, i;

	n = rebuild(m, out, sizeof(out), NULL);
	if (!n || n > m->len)
		abort();
	/* version, command, identifier; addr_len, mac, seq. */
	if (memcmp(out, data, 4) || memcmp(out + 6, data + 6, 1) ||
	    memcmp(out + 8, data + 8, 8))
		abort();
	if (iapp_parse_stream(out, n, NULL, &m2) != IAPP_OK ||
	    m2.len != n || !msg_eq(m, &m2))
		abort();
	n2 = rebuild(&m2, again, sizeof(again), NULL);
	if (n2 != n || memcmp(out, again, n))
		abort();
	/* Signed, the same bytes and then the trailer. */
	n2 = rebuild(&m2, again, sizeof(again), get_key());
	if (n2 != n + IAPP_AUTH_LEN || memcmp(out, again, n))
		abort();
	if (iapp_parse_dgram(again, n2, get_key(), &m3) != IAPP_OK ||
	    !msg_eq(m, &m3) || !m3.has_auth || m3.auth_time_ms != T_MS)
		abort();
	/* Any smaller buffer is refused without writing past it. */
	for (i = 0; i < n; i += 7)
		if (rebuild(m, out, i, NULL))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[BUF_MAX];
	struct iapp_msg m, m2;
	enum iapp_err e, e2;
	uint16_t length;
	uint8_t mac[IAPP_AUTH_LEN];
	unsigned int out = 0;

	e = iapp_parse_dgram(data, size, NULL, &m);
	if ((unsigned int)e >= IAPP_ERR_MAX || e == IAPP_ERR_AUTH_MISSING ||
	    e == IAPP_ERR_AUTH_BAD)
		abort();
	if (size < IAPP_HDR_LEN) {
		if (e != IAPP_ERR_SHORT)
			abort();
		return 0;
	}
	length = (uint16_t)(data[4] << 8 | data[5]);
	if (m.cmd != data[1] || m.len != length || m.version != data[0])
		abort();
	if (e == IAPP_OK && (size < length || m.version != IAPP_VERSION ||
			     m.cmd > IAPP_CMD_MAX))
		abort();

	if (length <= IAPP_MSG_MAX && length <= size &&
	    length >= IAPP_HDR_LEN && !data[0]) {
		/* Its first length bytes on a stream: the same. */
		memcpy(buf, data, length);
		e2 = iapp_parse_stream(buf, length, NULL, &m2);
		if (e2 != e || (e == IAPP_OK && !msg_eq(&m, &m2)))
			abort();
		/* Signed: the same again, with the key. */
		sign(buf, length);
		e2 = iapp_parse_dgram(buf, length + IAPP_AUTH_LEN, get_key(),
				      &m2);
		if (e2 != e || (e == IAPP_OK && (!msg_eq(&m, &m2) ||
						 m2.auth_time_ms != T_MS)))
			abort();
		e2 = iapp_parse_stream(buf, length + IAPP_AUTH_LEN,
				       get_key(), &m2);
		if (e2 != e || (e == IAPP_OK && !msg_eq(&m, &m2)))
			abort();
	}

	/* The raw input with the key: only a true trailer passes. */
	e2 = iapp_parse_dgram(data, size, get_key(), &m2);
	if (e2 == IAPP_OK) {
		if (size != (size_t)length + IAPP_AUTH_LEN ||
		    data[length] != IAPP_AUTH_VERSION ||
		    !HMAC(EVP_sha256(), key.key, (int)key.len, data,
			  (size_t)length + IAPP_AUTH_HDR_LEN, mac, &out) ||
		    memcmp(mac, data + length + IAPP_AUTH_HDR_LEN,
			   IAPP_AUTH_TAG_LEN) ||
		    memcmp(mac, m2.auth_tag, IAPP_AUTH_TAG_LEN) ||
		    m2.auth_time_ms != be64(data + length + 4) ||
		    !m2.has_auth || !msg_eq(&m, &m2))
			abort();
	}

	if (e == IAPP_OK)
		check_rebuild(data, &m);
	return 0;
}
