// SPDX-License-Identifier: GPL-2.0
/* IAPP messages: byte vectors, round trips, authentication, bad input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "iapp/wire.h"
#include "ut.h"

/* Written out by hand from the layouts in iapp_msg.h. */

/* ADD-notify, id 7, 02:11:22:33:44:55, seq 0x1234. */
static const uint8_t v_add[] = {
	0x00, 0x00, 0x00, 0x07, 0x00, 0x10,
	0x06, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x12, 0x34,
};

/*
 * MOVE-notify, id 0x0102, 02:aa:bb:cc:dd:ee, seq 5, context: 192.0.2.10
 * for 3600 s, VLAN 10, SSID "ap".
 */
static const uint8_t v_move_n[] = {
	0x00, 0x01, 0x01, 0x02, 0x00, 0x2a,
	0x06, 0x00, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x00, 0x05,
	0x00, 0x18,
	0x00, 0x01, 0x00, 0x08, 0xc0, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x0e, 0x10,
	0x00, 0x03, 0x00, 0x02, 0x00, 0x0a,
	0x00, 0x04, 0x00, 0x02, 'a', 'p',
};

/* MOVE-response, id 0x0102, denied, seq 5, empty context. */
static const uint8_t v_move_r[] = {
	0x00, 0x02, 0x01, 0x02, 0x00, 0x12,
	0x06, 0x01, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x00, 0x05,
	0x00, 0x00,
};

/* MOVE-response, id 3, successful, seq 6, 2001:db8::1 for 0x12345678 s. */
static const uint8_t v_move_r6[] = {
	0x00, 0x02, 0x00, 0x03, 0x00, 0x2a,
	0x06, 0x00, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x00, 0x06,
	0x00, 0x18,
	0x00, 0x02, 0x00, 0x14,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x12, 0x34, 0x56, 0x78,
};

/*
 * CACHE-notify, id 9, 02:11:22:33:44:55, seq 0xfffe, current AP
 * 02:00:00:00:00:01, context: SSID "x"; timeout 300 s.
 */
static const uint8_t v_cache_n[] = {
	0x00, 0x05, 0x00, 0x09, 0x00, 0x1f,
	0x06, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0xff, 0xfe,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x05,
	0x00, 0x04, 0x00, 0x01, 'x',
	0x01, 0x2c,
};

/* CACHE-response, id 9, stale, 02:11:22:33:44:55, seq 0xfffe. */
static const uint8_t v_cache_r[] = {
	0x00, 0x06, 0x00, 0x09, 0x00, 0x10,
	0x06, 0x01, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0xff, 0xfe,
};

static const uint8_t mac1[MAC_LEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t mac2[MAC_LEN] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
static const uint8_t ap1[MAC_LEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

/*
 * Key 00 01 .. 1f.  kat_add is v_add's version 1 trailer, signed at
 * T_MS (2025-12-01 00:00:00.123 UTC): its first 12 bytes, then the
 * HMAC-SHA256 of v_add and them, from
 *	openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
 */
#define KEY_HEX "000102030405060708090a0b0c0d0e0f" \
		"101112131415161718191a1b1c1d1e1f"
#define T_MS 1764547200123ull
static const uint8_t kat_add[IAPP_AUTH_LEN] = {
	0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x9a, 0xd7, 0x35, 0x84, 0x7b,
	0x7c, 0xbd, 0x1b, 0x30, 0xa8, 0x51, 0xa9, 0x47,
	0xea, 0xc4, 0xe2, 0xeb, 0x45, 0x45, 0x80, 0x0d,
	0x9b, 0x9d, 0xb7, 0x38, 0x46, 0xe3, 0x72, 0x5d,
	0x84, 0x4e, 0xc2, 0x04, 0xb0, 0xf4, 0xd8, 0x42,
};

struct vec {
	const char *name;
	const uint8_t *b;
	size_t n;
};

#define VEC(v) { #v, v, sizeof(v) }
static const struct vec vecs[] = {
	VEC(v_add), VEC(v_move_n), VEC(v_move_r), VEC(v_move_r6),
	VEC(v_cache_n), VEC(v_cache_r),
};
#define N_VECS (sizeof(vecs) / sizeof(vecs[0]))

static struct iapp_key test_key(void)
{
	struct iapp_key k;

	if (iapp_key_parse_hex(KEY_HEX, &k))
		abort();
	return k;
}

/*
 * Parse from a heap copy of exactly n bytes, so that ASan catches any
 * read past them.
 */
static enum iapp_err parse_exact(const uint8_t *b, size_t n, bool stream,
				 const struct iapp_key *key,
				 struct iapp_msg *msg)
{
	uint8_t *copy = malloc(n ? n : 1);
	enum iapp_err err;

	if (!copy)
		abort();
	memcpy(copy, b, n);
	err = stream ? iapp_parse_stream(copy, n, key, msg) :
		       iapp_parse_dgram(copy, n, key, msg);
	free(copy);
	return err;
}

static enum iapp_err pd(const uint8_t *b, size_t n)
{
	struct iapp_msg m;

	return parse_exact(b, n, false, NULL, &m);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/*
 * Append a trailer of version ver, time t to the len bytes of b, signed
 * with the test key (OpenSSL directly).
 */
static void trailer_append(uint8_t *b, size_t len, uint8_t ver, uint64_t t)
{
	struct iapp_key k = test_key();
	unsigned int out = 0;
	uint8_t *th = b + len;
	int i;

	th[0] = ver;
	th[1] = th[2] = th[3] = 0;
	for (i = 0; i < 8; i++)
		th[4 + i] = (uint8_t)(t >> (56 - 8 * i));
	if (!HMAC(EVP_sha256(), k.key, (int)k.len, b, len + IAPP_AUTH_HDR_LEN,
		  th + IAPP_AUTH_HDR_LEN, &out) || out != IAPP_AUTH_TAG_LEN)
		abort();
}

/* The trailer apedge signs with now. */
static void hmac_append(uint8_t *b, size_t len)
{
	trailer_append(b, len, IAPP_AUTH_VERSION, T_MS);
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

UT_CASE(add_notify_bytes)
{
	uint8_t buf[64];
	struct iapp_msg m;

	UT_ASSERT(iapp_build_add(buf, sizeof(buf), 7, mac1, 0x1234, NULL) ==
		  sizeof(v_add));
	UT_EXPECT(!memcmp(buf, v_add, sizeof(v_add)));
	UT_ASSERT(parse_exact(v_add, sizeof(v_add), false, NULL, &m) ==
		  IAPP_OK);
	UT_EXPECT(m.version == 0 && m.cmd == IAPP_CMD_ADD_NOTIFY);
	UT_EXPECT(m.id == 7 && m.len == 16 && m.seq == 0x1234);
	UT_EXPECT(!memcmp(m.mac, mac1, MAC_LEN));
	UT_EXPECT(!m.has_ctx);
	/* The same over a stream. */
	UT_EXPECT(iapp_stream_need(v_add, sizeof(v_add), NULL) == 16);
	UT_EXPECT(parse_exact(v_add, sizeof(v_add), true, NULL, &m) ==
		  IAPP_OK);
	/* The reserved byte is not looked at. */
	memcpy(buf, v_add, sizeof(v_add));
	buf[7] = 0xa5;
	UT_EXPECT(pd(buf, sizeof(v_add)) == IAPP_OK);
}

UT_CASE(move_notify_bytes)
{
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[128];
	struct iapp_msg m;

	ctx.n_ipv4 = 1;
	memcpy(ctx.ipv4[0].addr, "\xc0\x00\x02\x0a", 4);
	ctx.ipv4[0].lease = 3600;
	ctx.vlan = 10;
	ctx.ssid_len = 2;
	memcpy(ctx.ssid, "ap", 2);
	UT_ASSERT(iapp_build_move_notify(buf, sizeof(buf), 0x0102, mac2, 5,
					 &ctx, NULL) == sizeof(v_move_n));
	UT_EXPECT(!memcmp(buf, v_move_n, sizeof(v_move_n)));
	UT_ASSERT(parse_exact(v_move_n, sizeof(v_move_n), true, NULL, &m) ==
		  IAPP_OK);
	UT_EXPECT(m.cmd == IAPP_CMD_MOVE_NOTIFY && m.id == 0x0102);
	UT_EXPECT(m.len == 42 && m.seq == 5 && m.has_ctx);
	UT_EXPECT(!memcmp(m.mac, mac2, MAC_LEN));
	UT_EXPECT(m.ctx.n_ipv4 == 1 && m.ctx.n_ipv6 == 0);
	UT_EXPECT(!memcmp(m.ctx.ipv4[0].addr, "\xc0\x00\x02\x0a", 4));
	UT_EXPECT(m.ctx.ipv4[0].lease == 3600);
	UT_EXPECT(m.ctx.vlan == 10);
	UT_EXPECT(m.ctx.ssid_len == 2 && !memcmp(m.ctx.ssid, "ap", 2));
}

UT_CASE(move_response_bytes)
{
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[128];
	struct iapp_msg m;
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8,
		[15] = 0x01 };

	UT_ASSERT(iapp_build_move_response(buf, sizeof(buf), 0x0102,
					   IAPP_MOVE_DENIED, mac2, 5, NULL,
					   NULL) == sizeof(v_move_r));
	UT_EXPECT(!memcmp(buf, v_move_r, sizeof(v_move_r)));
	/* An empty context is the same as none. */
	UT_ASSERT(iapp_build_move_response(buf, sizeof(buf), 0x0102,
					   IAPP_MOVE_DENIED, mac2, 5, &ctx,
					   NULL) == sizeof(v_move_r));
	UT_EXPECT(!memcmp(buf, v_move_r, sizeof(v_move_r)));
	UT_ASSERT(parse_exact(v_move_r, sizeof(v_move_r), true, NULL, &m) ==
		  IAPP_OK);
	UT_EXPECT(m.cmd == IAPP_CMD_MOVE_RESPONSE && m.len == 18);
	UT_EXPECT(m.status == IAPP_MOVE_DENIED && m.seq == 5 && m.has_ctx);
	UT_EXPECT(m.ctx.n_ipv4 == 0 && m.ctx.n_ipv6 == 0 && !m.ctx.vlan &&
		  !m.ctx.ssid_len);

	ctx.n_ipv6 = 1;
	memcpy(ctx.ipv6[0].addr, a6, 16);
	ctx.ipv6[0].lease = 0x12345678;
	UT_ASSERT(iapp_build_move_response(buf, sizeof(buf), 3,
					   IAPP_MOVE_SUCCESSFUL, mac2, 6,
					   &ctx, NULL) == sizeof(v_move_r6));
	UT_EXPECT(!memcmp(buf, v_move_r6, sizeof(v_move_r6)));
	UT_ASSERT(parse_exact(v_move_r6, sizeof(v_move_r6), true, NULL,
			      &m) == IAPP_OK);
	UT_EXPECT(m.status == IAPP_MOVE_SUCCESSFUL && m.id == 3);
	UT_EXPECT(m.ctx.n_ipv6 == 1 && m.ctx.n_ipv4 == 0);
	UT_EXPECT(!memcmp(m.ctx.ipv6[0].addr, a6, 16));
	UT_EXPECT(m.ctx.ipv6[0].lease == 0x12345678);
}

UT_CASE(cache_bytes)
{
	struct iapp_ctx ctx = { 0 };
	uint8_t buf[128];
	struct iapp_msg m;

	ctx.ssid_len = 1;
	ctx.ssid[0] = 'x';
	UT_ASSERT(iapp_build_cache_notify(buf, sizeof(buf), 9, mac1, 0xfffe,
					  ap1, &ctx, 300, NULL) ==
		  sizeof(v_cache_n));
	UT_EXPECT(!memcmp(buf, v_cache_n, sizeof(v_cache_n)));
	UT_ASSERT(parse_exact(v_cache_n, sizeof(v_cache_n), true, NULL,
			      &m) == IAPP_OK);
	UT_EXPECT(m.cmd == IAPP_CMD_CACHE_NOTIFY && m.id == 9);
	UT_EXPECT(m.len == 31 && m.seq == 0xfffe && m.timeout == 300);
	UT_EXPECT(!memcmp(m.mac, mac1, MAC_LEN));
	UT_EXPECT(!memcmp(m.current_ap, ap1, MAC_LEN));
	UT_EXPECT(m.has_ctx && m.ctx.ssid_len == 1 && m.ctx.ssid[0] == 'x');

	UT_ASSERT(iapp_build_cache_response(buf, sizeof(buf), 9,
					    IAPP_CACHE_STALE, mac1, 0xfffe,
					    NULL) == sizeof(v_cache_r));
	UT_EXPECT(!memcmp(buf, v_cache_r, sizeof(v_cache_r)));
	UT_ASSERT(parse_exact(v_cache_r, sizeof(v_cache_r), true, NULL,
			      &m) == IAPP_OK);
	UT_EXPECT(m.cmd == IAPP_CMD_CACHE_RESPONSE && m.len == 16);
	UT_EXPECT(m.status == IAPP_CACHE_STALE && m.seq == 0xfffe);
	UT_EXPECT(!m.has_ctx);
}

static void full_ctx(struct iapp_ctx *ctx)
{
	int i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->n_ipv4 = IAPP_CTX_ADDRS_MAX;
	ctx->n_ipv6 = IAPP_CTX_ADDRS_MAX;
	for (i = 0; i < IAPP_CTX_ADDRS_MAX; i++) {
		memcpy(ctx->ipv4[i].addr, "\x0a\x00\x00", 3);
		ctx->ipv4[i].addr[3] = (uint8_t)(i + 1);
		ctx->ipv4[i].lease = 0x01020304u * (uint32_t)(i + 1);
		ctx->ipv6[i].addr[0] = 0xfd;
		ctx->ipv6[i].addr[15] = (uint8_t)(i + 1);
		ctx->ipv6[i].lease = 0xfffffff0u + (uint32_t)i;
	}
	ctx->vlan = 4094;
	ctx->ssid_len = 32;
	memset(ctx->ssid, 'S', 32);
}

/* Build every command with ctx, parse back (dgram and stream), compare. */
static void round_trip(int *ut_failed, const struct iapp_ctx *ctx,
		       const struct iapp_key *key)
{
	struct iapp_auth a = { .key = key, .time_ms = T_MS + 1 };
	size_t auth = key && key->len ? IAPP_AUTH_LEN : 0;
	static const uint16_t seqs[] = { 1, 2, 3, 0, 0, 4, 5 };
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN];
	struct iapp_msg m;
	size_t n;
	int cmd, s;

	for (cmd = 0; cmd <= IAPP_CMD_MAX; cmd++) {
		switch (cmd) {
		case IAPP_CMD_ADD_NOTIFY:
			n = iapp_build_add(buf, sizeof(buf), 100, mac1, 1,
					   &a);
			break;
		case IAPP_CMD_MOVE_NOTIFY:
			n = iapp_build_move_notify(buf, sizeof(buf), 101,
						   mac1, 2, ctx, &a);
			break;
		case IAPP_CMD_MOVE_RESPONSE:
			n = iapp_build_move_response(buf, sizeof(buf), 102,
						     IAPP_MOVE_STALE, mac1,
						     3, ctx, &a);
			break;
		case IAPP_CMD_CACHE_NOTIFY:
			n = iapp_build_cache_notify(buf, sizeof(buf), 105,
						    mac1, 4, ap1, ctx, 65535,
						    &a);
			break;
		case IAPP_CMD_CACHE_RESPONSE:
			n = iapp_build_cache_response(buf, sizeof(buf), 106,
						      IAPP_CACHE_SUCCESSFUL,
						      mac1, 5, &a);
			break;
		default:
			continue;
		}
		UT_ASSERT(n > auth);
		UT_EXPECT(iapp_stream_need(buf, n, key) == (long)n);
		for (s = 0; s < 2; s++) {
			UT_ASSERT(parse_exact(buf, n, s, key, &m) == IAPP_OK);
			UT_EXPECT(m.cmd == cmd);
			UT_EXPECT(m.id == 100 + cmd);
			UT_EXPECT(m.len == n - auth);
			UT_EXPECT(!memcmp(m.mac, mac1, MAC_LEN));
			UT_EXPECT(m.seq == seqs[cmd]);
			/* The trailer's time, from the signer's clock. */
			UT_EXPECT(m.has_auth == (auth != 0));
			UT_EXPECT(m.auth_time_ms == (auth ? T_MS + 1 : 0));
			UT_EXPECT(m.has_ctx == (cmd == IAPP_CMD_MOVE_NOTIFY ||
						cmd == IAPP_CMD_MOVE_RESPONSE ||
						cmd == IAPP_CMD_CACHE_NOTIFY));
			if (m.has_ctx) {
				struct iapp_ctx none = { 0 };

				UT_EXPECT(ctx_eq(&m.ctx, ctx ? ctx : &none));
			}
			if (cmd == IAPP_CMD_MOVE_RESPONSE)
				UT_EXPECT(m.status == IAPP_MOVE_STALE);
			if (cmd == IAPP_CMD_CACHE_NOTIFY) {
				UT_EXPECT(m.timeout == 65535);
				UT_EXPECT(!memcmp(m.current_ap, ap1,
						  MAC_LEN));
			}
		}
	}
}

UT_CASE(round_trips)
{
	struct iapp_key key = test_key();
	struct iapp_ctx ctx;

	full_ctx(&ctx);
	round_trip(ut_failed, &ctx, NULL);
	round_trip(ut_failed, &ctx, &key);
	round_trip(ut_failed, NULL, NULL);
	round_trip(ut_failed, NULL, &key);
	ctx.n_ipv4 = 0;
	ctx.vlan = 0;
	round_trip(ut_failed, &ctx, NULL);
	ctx.n_ipv6 = 1;
	ctx.ssid_len = 0;
	ctx.vlan = 1;
	round_trip(ut_failed, &ctx, &key);
	/* A key of length 0 is no key. */
	key.len = 0;
	round_trip(ut_failed, &ctx, &key);
}

UT_CASE(builder_limits)
{
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN];
	struct iapp_key key = test_key();
	struct iapp_auth a = { .key = &key, .time_ms = T_MS };
	struct iapp_ctx ctx;
	size_t full, sz;

	full_ctx(&ctx);
	full = iapp_build_cache_notify(buf, sizeof(buf), 1, mac1, 1, ap1,
				       &ctx, 1, &a);
	UT_ASSERT(full > IAPP_AUTH_LEN);
	/* Every smaller buffer is refused, and the exact size is enough. */
	for (sz = 0; sz < full; sz++)
		UT_EXPECT(iapp_build_cache_notify(buf, sz, 1, mac1, 1, ap1,
						  &ctx, 1, &a) == 0);
	UT_EXPECT(iapp_build_cache_notify(buf, full, 1, mac1, 1, ap1, &ctx,
					  1, &a) == full);
	for (sz = 0; sz < IAPP_ADD_LEN; sz++)
		UT_EXPECT(iapp_build_add(buf, sz, 1, mac1, 1, NULL) == 0);
	UT_EXPECT(iapp_build_add(buf, IAPP_ADD_LEN + IAPP_AUTH_LEN - 1, 1,
				 mac1, 1, &a) == 0);
	UT_EXPECT(iapp_build_cache_response(buf, 15, 1, 0, mac1, 1,
					    NULL) == 0);
	UT_EXPECT(iapp_build_move_notify(buf, 17, 1, mac1, 1, NULL,
					 NULL) == 0);
	UT_EXPECT(iapp_build_move_notify(buf, 18, 1, mac1, 1, NULL,
					 NULL) == 18);

	/* Out of range contexts and keys. */
	ctx.n_ipv4 = IAPP_CTX_ADDRS_MAX + 1;
	UT_EXPECT(iapp_build_move_notify(buf, sizeof(buf), 1, mac1, 1, &ctx,
					 NULL) == 0);
	full_ctx(&ctx);
	ctx.n_ipv6 = IAPP_CTX_ADDRS_MAX + 1;
	UT_EXPECT(iapp_build_move_response(buf, sizeof(buf), 1, 0, mac1, 1,
					   &ctx, NULL) == 0);
	full_ctx(&ctx);
	ctx.vlan = 4095;
	UT_EXPECT(iapp_build_cache_notify(buf, sizeof(buf), 1, mac1, 1, ap1,
					  &ctx, 1, NULL) == 0);
	full_ctx(&ctx);
	ctx.ssid_len = 33;
	UT_EXPECT(iapp_build_move_notify(buf, sizeof(buf), 1, mac1, 1, &ctx,
					 NULL) == 0);
	key.len = IAPP_KEY_MAX + 1;
	UT_EXPECT(iapp_build_add(buf, sizeof(buf), 1, mac1, 1, &a) == 0);
	/* No key, or an empty one: no trailer. */
	a.key = NULL;
	UT_EXPECT(iapp_build_add(buf, sizeof(buf), 1, mac1, 1, &a) ==
		  IAPP_ADD_LEN);
	key.len = 0;
	a.key = &key;
	UT_EXPECT(iapp_build_add(buf, sizeof(buf), 1, mac1, 1, &a) ==
		  IAPP_ADD_LEN);
}

UT_CASE(hmac_known_answer)
{
	uint8_t buf[96], mine[IAPP_AUTH_LEN];
	struct iapp_key key = test_key();
	struct iapp_auth a = { .key = &key, .time_ms = T_MS };
	unsigned int out = 0;
	struct iapp_msg m;
	size_t n;

	UT_ASSERT(key.len == 32 && key.key[0] == 0 && key.key[31] == 0x1f);
	UT_ASSERT(IAPP_AUTH_LEN == 44 && IAPP_AUTH_HDR_LEN == 12);
	/* OpenSSL, asked directly, agrees with openssl dgst. */
	memcpy(buf, v_add, sizeof(v_add));
	memcpy(buf + sizeof(v_add), kat_add, IAPP_AUTH_HDR_LEN);
	UT_ASSERT(HMAC(EVP_sha256(), key.key, (int)key.len, buf,
		       sizeof(v_add) + IAPP_AUTH_HDR_LEN, mine, &out));
	UT_EXPECT(out == IAPP_AUTH_TAG_LEN &&
		  !memcmp(mine, kat_add + IAPP_AUTH_HDR_LEN, out));

	n = iapp_build_add(buf, sizeof(buf), 7, mac1, 0x1234, &a);
	UT_ASSERT(n == sizeof(v_add) + IAPP_AUTH_LEN);
	UT_EXPECT(!memcmp(buf, v_add, sizeof(v_add)));
	UT_EXPECT(!memcmp(buf + sizeof(v_add), kat_add, IAPP_AUTH_LEN));

	memcpy(buf, v_add, sizeof(v_add));
	memcpy(buf + sizeof(v_add), kat_add, IAPP_AUTH_LEN);
	UT_EXPECT(parse_exact(buf, n, false, &key, &m) == IAPP_OK);
	UT_EXPECT(m.seq == 0x1234 && m.len == 16);
	UT_EXPECT(m.has_auth && m.auth_time_ms == T_MS);
	UT_EXPECT(!memcmp(m.auth_tag, kat_add + IAPP_AUTH_HDR_LEN,
			  IAPP_AUTH_TAG_LEN));
	UT_EXPECT(iapp_stream_need(buf, 6, &key) == (long)n);
	UT_EXPECT(parse_exact(buf, n, true, &key, &m) == IAPP_OK);
	UT_EXPECT(m.has_auth && m.auth_time_ms == T_MS);
	/* Without a key nothing is verified, and nothing said of a trailer. */
	UT_EXPECT(parse_exact(buf, n, false, NULL, &m) == IAPP_OK);
	UT_EXPECT(!m.has_auth && m.auth_time_ms == 0);
}

/*
 * The trailer is versioned: one of another version is refused even with
 * a valid HMAC, and the unversioned one of earlier apedge (the HMAC of
 * the message alone, 32 bytes) is the wrong length.  The time is taken as
 * it is, all 64 bits: whether it is recent is the caller's to say.
 */
UT_CASE(trailer_versions)
{
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN];
	struct iapp_key key = test_key();
	unsigned int out = 0;
	struct iapp_msg m;
	size_t n = sizeof(v_move_n);
	int s;

	memcpy(buf, v_move_n, n);
	for (s = 0; s < 2; s++) {
		trailer_append(buf, n, 2, T_MS);
		UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s, &key, &m) ==
			  IAPP_ERR_AUTH_BAD);
		trailer_append(buf, n, 0, T_MS);
		UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s, &key, &m) ==
			  IAPP_ERR_AUTH_BAD);
		trailer_append(buf, n, 1, 0);
		UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s, &key, &m) ==
			  IAPP_OK);
		UT_EXPECT(m.has_auth && m.auth_time_ms == 0);
		trailer_append(buf, n, 1, UINT64_MAX);
		UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s, &key, &m) ==
			  IAPP_OK);
		UT_EXPECT(m.auth_time_ms == UINT64_MAX);
		/* The reserved bytes are signed but not looked at. */
		buf[n + 2] = 0x5a;
		UT_ASSERT(HMAC(EVP_sha256(), key.key, (int)key.len, buf,
			       n + IAPP_AUTH_HDR_LEN,
			       buf + n + IAPP_AUTH_HDR_LEN, &out));
		UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s, &key, &m) ==
			  IAPP_OK);
	}
	/* The trailer of apedge before version 1. */
	UT_ASSERT(HMAC(EVP_sha256(), key.key, (int)key.len, v_move_n, n,
		       buf + n, &out));
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_TAG_LEN, false, &key, &m) ==
		  IAPP_ERR_LENGTH);
	UT_EXPECT(iapp_stream_need(buf, n + IAPP_AUTH_TAG_LEN, &key) ==
		  (long)(n + IAPP_AUTH_LEN));
}

/* Every bit flipped in a signed message is refused. */
static void flips(int *ut_failed, const uint8_t *b, size_t n)
{
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN];
	struct iapp_key key = test_key();
	struct iapp_msg m;
	size_t i, total = n + IAPP_AUTH_LEN;
	int bit, s;

	memcpy(buf, b, n);
	hmac_append(buf, n);
	UT_ASSERT(parse_exact(buf, total, false, &key, &m) == IAPP_OK);
	for (i = 0; i < total; i++) {
		for (bit = 0; bit < 8; bit++) {
			buf[i] ^= 1 << bit;
			for (s = 0; s < 2; s++) {
				enum iapp_err e = parse_exact(buf, total, s,
							      &key, &m);

				/*
				 * Version and length are checked before
				 * the trailer; the rest is covered by it.
				 */
				if (i != 0 && i != 4 && i != 5)
					UT_EXPECT(e == IAPP_ERR_AUTH_BAD);
				else
					UT_EXPECT(e != IAPP_OK);
			}
			buf[i] ^= 1 << bit;
		}
	}
	UT_EXPECT(parse_exact(buf, total, false, &key, &m) == IAPP_OK);
}

UT_CASE(hmac_refusals)
{
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN + 8];
	struct iapp_key key = test_key(), other = test_key();
	struct iapp_msg m;
	size_t i, n = sizeof(v_move_n);

	for (i = 0; i < N_VECS; i++)
		flips(ut_failed, vecs[i].b, vecs[i].n);

	memcpy(buf, v_move_n, n);
	hmac_append(buf, n);
	/* No trailer at all; a part of one; one and more. */
	UT_EXPECT(parse_exact(buf, n, false, &key, &m) ==
		  IAPP_ERR_AUTH_MISSING);
	UT_EXPECT(m.cmd == IAPP_CMD_MOVE_NOTIFY && m.len == n);
	UT_EXPECT(parse_exact(buf, n, true, &key, &m) ==
		  IAPP_ERR_AUTH_MISSING);
	for (i = 1; i < IAPP_AUTH_LEN; i++)
		UT_EXPECT(parse_exact(buf, n + i, false, &key, &m) ==
			  IAPP_ERR_LENGTH);
	buf[n + IAPP_AUTH_LEN] = 0;
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN + 1, false, &key, &m) ==
		  IAPP_ERR_LENGTH);
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN + 1, true, &key, &m) ==
		  IAPP_ERR_LENGTH);
	/* Another key. */
	other.key[5] ^= 0x40;
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, false, &other, &m) ==
		  IAPP_ERR_AUTH_BAD);
	other = key;
	other.len--;
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, false, &other, &m) ==
		  IAPP_ERR_AUTH_BAD);
	other.len = IAPP_KEY_MAX + 1;
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, false, &other, &m) ==
		  IAPP_ERR_AUTH_BAD);
	/* A trailer of zeroes. */
	memset(buf + n, 0, IAPP_AUTH_LEN);
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, false, &key, &m) ==
		  IAPP_ERR_AUTH_BAD);
	/* Without a key, a datagram's trailer is ignored, a stream's not. */
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, false, NULL, &m) ==
		  IAPP_OK);
	UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, true, NULL, &m) ==
		  IAPP_ERR_LENGTH);
}

/*
 * Every prefix of every message (plain and signed) is refused, and read
 * only within its bytes (the heap copies are exactly that long).
 */
UT_CASE(truncations)
{
	uint8_t buf[IAPP_MSG_MAX + IAPP_AUTH_LEN];
	struct iapp_key key = test_key();
	struct iapp_msg m;
	size_t i, n, cut;
	int s;

	for (i = 0; i < N_VECS; i++) {
		n = vecs[i].n;
		memcpy(buf, vecs[i].b, n);
		hmac_append(buf, n);
		for (s = 0; s < 2; s++) {
			UT_EXPECT(parse_exact(buf, n, s, NULL, &m) ==
				  IAPP_OK);
			UT_EXPECT(parse_exact(buf, n + IAPP_AUTH_LEN, s,
					      &key, &m) == IAPP_OK);
			for (cut = 0; cut < n; cut++) {
				enum iapp_err e = parse_exact(buf, cut, s,
							      NULL, &m);

				UT_EXPECT(e == IAPP_ERR_SHORT);
				UT_EXPECT(iapp_stream_need(buf, cut, NULL) ==
					  (cut < IAPP_HDR_LEN ? 0 : (long)n));
			}
			for (cut = 0; cut < n + IAPP_AUTH_LEN; cut++) {
				enum iapp_err e = parse_exact(buf, cut, s,
							      &key, &m);

				if (cut < n)
					UT_EXPECT(e == IAPP_ERR_SHORT);
				else if (cut == n)
					UT_EXPECT(e == IAPP_ERR_AUTH_MISSING);
				else
					UT_EXPECT(e == IAPP_ERR_LENGTH);
			}
		}
	}
	UT_EXPECT(iapp_parse_dgram(NULL, 0, NULL, &m) == IAPP_ERR_SHORT);
	UT_EXPECT(iapp_stream_need(NULL, 0, NULL) == 0);
}

UT_CASE(bad_headers)
{
	uint8_t buf[IAPP_MSG_MAX + 64];
	struct iapp_msg m;
	int c;

	memcpy(buf, v_add, sizeof(v_add));
	buf[0] = 1;
	UT_EXPECT(parse_exact(buf, 16, false, NULL, &m) == IAPP_ERR_VERSION);
	UT_EXPECT(m.version == 1 && m.cmd == 0 && m.len == 16);
	UT_EXPECT(iapp_stream_need(buf, 16, NULL) == -IAPP_ERR_VERSION);
	buf[0] = 0xff;
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_VERSION);

	/* Length below the header, below the body, above the bytes. */
	memcpy(buf, v_add, sizeof(v_add));
	put16(buf + 4, 5);
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_LENGTH);
	UT_EXPECT(iapp_stream_need(buf, 16, NULL) == -IAPP_ERR_LENGTH);
	put16(buf + 4, 0);
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_LENGTH);
	put16(buf + 4, 6);
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_LENGTH);
	UT_EXPECT(iapp_stream_need(buf, 6, NULL) == 6);
	UT_EXPECT(parse_exact(buf, 6, true, NULL, &m) == IAPP_ERR_LENGTH);
	put16(buf + 4, 15);
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_LENGTH);
	put16(buf + 4, 17);
	UT_EXPECT(pd(buf, 16) == IAPP_ERR_SHORT);
	buf[16] = 0;
	UT_EXPECT(pd(buf, 17) == IAPP_ERR_LENGTH);
	UT_EXPECT(parse_exact(buf, 17, true, NULL, &m) == IAPP_ERR_LENGTH);
	/* A datagram's trailing bytes are ignored, a stream's are not. */
	put16(buf + 4, 16);
	UT_EXPECT(pd(buf, 17) == IAPP_OK);
	UT_EXPECT(parse_exact(buf, 17, true, NULL, &m) == IAPP_ERR_LENGTH);

	/* Too big, even when that many bytes are there. */
	memset(buf + 16, 0, sizeof(buf) - 16);
	put16(buf + 4, IAPP_MSG_MAX + 1);
	UT_EXPECT(pd(buf, IAPP_MSG_MAX + 1) == IAPP_ERR_TOO_BIG);
	UT_EXPECT(parse_exact(buf, 6, false, NULL, &m) == IAPP_ERR_TOO_BIG);
	UT_EXPECT(m.len == IAPP_MSG_MAX + 1);
	UT_EXPECT(iapp_stream_need(buf, 6, NULL) == -IAPP_ERR_TOO_BIG);
	put16(buf + 4, 0xffff);
	UT_EXPECT(pd(buf, 6) == IAPP_ERR_TOO_BIG);
	UT_EXPECT(iapp_stream_need(buf, 6, NULL) == -IAPP_ERR_TOO_BIG);
	put16(buf + 4, IAPP_MSG_MAX);
	UT_EXPECT(iapp_stream_need(buf, 6, NULL) == IAPP_MSG_MAX);

	/* addr_len */
	memcpy(buf, v_cache_r, sizeof(v_cache_r));
	for (c = 0; c < 256; c++) {
		buf[6] = (uint8_t)c;
		UT_EXPECT(pd(buf, 16) == (c == 6 ? IAPP_OK :
					  IAPP_ERR_ADDR_LEN));
	}
	memcpy(buf, v_move_n, sizeof(v_move_n));
	buf[6] = 16;
	UT_EXPECT(pd(buf, sizeof(v_move_n)) == IAPP_ERR_ADDR_LEN);

	/* Commands: the security blocks and unknown ones, cmd still set. */
	memcpy(buf, v_add, sizeof(v_add));
	for (c = 0; c < 256; c++) {
		enum iapp_err e;

		buf[1] = (uint8_t)c;
		e = parse_exact(buf, 16, false, NULL, &m);
		UT_EXPECT(m.cmd == c && m.id == 7 && m.len == 16);
		if (c == IAPP_CMD_ADD_NOTIFY || c == IAPP_CMD_CACHE_RESPONSE)
			UT_EXPECT(e == IAPP_OK);
		else if (c == IAPP_CMD_MOVE_NOTIFY ||
			 c == IAPP_CMD_MOVE_RESPONSE ||
			 c == IAPP_CMD_CACHE_NOTIFY)
			UT_EXPECT(e == IAPP_ERR_LENGTH);	/* too short */
		else
			UT_EXPECT(e == IAPP_ERR_COMMAND);
	}
	/* A security block of its real size is refused all the same. */
	memset(buf, 0, 80);
	buf[1] = IAPP_CMD_ACK_SECURITY_BLOCK;
	put16(buf + 4, 6 + 8 + 48);
	UT_EXPECT(pd(buf, 62) == IAPP_ERR_COMMAND);
	UT_EXPECT(iapp_stream_need(buf, 6, NULL) == 62);
}

/* A fixed-size body in a longer message, and ctx_len that disagrees. */
UT_CASE(body_lengths)
{
	uint8_t buf[IAPP_MSG_MAX];
	size_t n;
	int d;

	/* ADD and CACHE-response: exactly their size. */
	memcpy(buf, v_add, sizeof(v_add));
	buf[16] = buf[17] = 0;
	put16(buf + 4, 18);
	UT_EXPECT(pd(buf, 18) == IAPP_ERR_LENGTH);
	memcpy(buf, v_cache_r, sizeof(v_cache_r));
	put16(buf + 4, 18);
	UT_EXPECT(pd(buf, 18) == IAPP_ERR_LENGTH);

	/* MOVE: length must be 18 + ctx_len; too short for ctx_len. */
	n = sizeof(v_move_n);
	for (d = -24; d <= 8; d++) {
		memcpy(buf, v_move_n, n);
		memset(buf + n, 0, 8);
		put16(buf + 16, (uint16_t)(24 + d));
		UT_EXPECT(pd(buf, n + 8) == (d ? IAPP_ERR_LENGTH : IAPP_OK));
		put16(buf + 16, 24);
		put16(buf + 4, (uint16_t)(n + d));
		UT_EXPECT(pd(buf, n + 8) == (d ? IAPP_ERR_LENGTH : IAPP_OK));
	}
	memcpy(buf, v_move_n, n);
	put16(buf + 16, 0xffff);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);
	memcpy(buf, v_move_n, n);
	put16(buf + 4, 17);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);

	/* CACHE-notify: the timeout sits after the block. */
	n = sizeof(v_cache_n);
	memcpy(buf, v_cache_n, n);
	put16(buf + 22, 6);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);
	put16(buf + 22, 4);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);
	put16(buf + 22, 0xfff0);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);
	memcpy(buf, v_cache_n, n);
	put16(buf + 4, 25);
	UT_EXPECT(pd(buf, n) == IAPP_ERR_LENGTH);
	/* An empty block: the timeout right after ctx_len. */
	memcpy(buf, v_cache_n, 22);
	put16(buf + 4, 26);
	put16(buf + 22, 0);
	put16(buf + 24, 7);
	{
		struct iapp_msg m;

		UT_EXPECT(parse_exact(buf, 26, true, NULL, &m) == IAPP_OK);
		UT_EXPECT(m.timeout == 7 && m.ctx.ssid_len == 0);
	}
}

/*
 * A MOVE-notify around a context block of n bytes at blk; returns its
 * parse result (and *m).
 */
static enum iapp_err with_ctx(const uint8_t *blk, size_t n,
			      struct iapp_msg *m)
{
	uint8_t buf[IAPP_MSG_MAX];

	if (n > IAPP_MSG_MAX - 18)
		abort();
	memcpy(buf, v_move_n, 16);
	put16(buf + 4, (uint16_t)(18 + n));
	put16(buf + 16, (uint16_t)n);
	memcpy(buf + 18, blk, n);
	return parse_exact(buf, 18 + n, true, NULL, m);
}

static size_t tlv(uint8_t *p, uint16_t type, uint16_t len, uint8_t fill)
{
	put16(p, type);
	put16(p + 2, len);
	memset(p + 4, fill, len);
	return 4 + (size_t)len;
}

UT_CASE(context_tlvs)
{
	uint8_t b[IAPP_MSG_MAX];
	struct iapp_msg m;
	size_t n;
	int i;

	UT_EXPECT(with_ctx(b, 0, &m) == IAPP_OK && m.has_ctx);
	/* A TLV header cut short, a value running past the block. */
	for (n = 1; n < 4; n++) {
		memset(b, 0, n);
		UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);
	}
	n = tlv(b, 99, 4, 0);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK);
	UT_EXPECT(with_ctx(b, n - 1, &m) == IAPP_ERR_CTX);
	put16(b + 2, 0xffff);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);
	n = tlv(b, IAPP_CTX_IPV4, 8, 1);
	UT_EXPECT(with_ctx(b, n - 1, &m) == IAPP_ERR_CTX);

	/* Known types of the wrong size. */
	for (i = 0; i < 24; i++) {
		n = tlv(b, IAPP_CTX_IPV4, (uint16_t)i, 1);
		UT_EXPECT(with_ctx(b, n, &m) ==
			  (i == 8 ? IAPP_OK : IAPP_ERR_CTX));
		n = tlv(b, IAPP_CTX_IPV6, (uint16_t)i, 1);
		UT_EXPECT(with_ctx(b, n, &m) ==
			  (i == 20 ? IAPP_OK : IAPP_ERR_CTX));
		n = tlv(b, IAPP_CTX_VLAN, (uint16_t)i, 1);
		UT_EXPECT(with_ctx(b, n, &m) ==
			  (i == 2 ? IAPP_OK : IAPP_ERR_CTX));
	}
	for (i = 0; i < 40; i++) {
		n = tlv(b, IAPP_CTX_SSID, (uint16_t)i, 'z');
		UT_EXPECT(with_ctx(b, n, &m) ==
			  (i >= 1 && i <= 32 ? IAPP_OK : IAPP_ERR_CTX));
		if (i >= 1 && i <= 32)
			UT_EXPECT(m.ctx.ssid_len == i &&
				  m.ctx.ssid[i - 1] == 'z');
	}

	/* VLAN IDs. */
	n = tlv(b, IAPP_CTX_VLAN, 2, 0);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);
	put16(b + 4, 1);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK && m.ctx.vlan == 1);
	put16(b + 4, 4094);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK && m.ctx.vlan == 4094);
	put16(b + 4, 4095);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);
	put16(b + 4, 0xffff);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);

	/* A second VLAN or SSID is ambiguous. */
	n = tlv(b, IAPP_CTX_VLAN, 2, 1);
	n += tlv(b + n, IAPP_CTX_VLAN, 2, 1);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);
	n = tlv(b, IAPP_CTX_SSID, 3, 'a');
	n += tlv(b + n, IAPP_CTX_SSID, 3, 'b');
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_ERR_CTX);

	/* Addresses: up to IAPP_CTX_ADDRS_MAX of each family. */
	for (n = 0, i = 0; i < IAPP_CTX_ADDRS_MAX; i++) {
		n += tlv(b + n, IAPP_CTX_IPV4, 8, (uint8_t)i);
		n += tlv(b + n, IAPP_CTX_IPV6, 20, (uint8_t)(i + 100));
	}
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK);
	UT_EXPECT(m.ctx.n_ipv4 == 8 && m.ctx.n_ipv6 == 8);
	UT_EXPECT(m.ctx.ipv4[7].addr[0] == 7 &&
		  m.ctx.ipv4[7].lease == 0x07070707);
	UT_EXPECT(m.ctx.ipv6[7].addr[0] == 107);
	UT_EXPECT(with_ctx(b, n + tlv(b + n, IAPP_CTX_IPV4, 8, 9), &m) ==
		  IAPP_ERR_CTX);
	UT_EXPECT(with_ctx(b, n + tlv(b + n, IAPP_CTX_IPV6, 20, 9), &m) ==
		  IAPP_ERR_CTX);

	/*
	 * Unknown types (0, 5, 0xffff, empty or not) are skipped wherever
	 * they are, and the known ones around them are kept in any order.
	 */
	n = tlv(b, 0, 0, 0);
	n += tlv(b + n, IAPP_CTX_SSID, 4, 's');
	n += tlv(b + n, 0xffff, 7, 0xee);
	n += tlv(b + n, IAPP_CTX_IPV6, 20, 6);
	n += tlv(b + n, 5, 1, 0);
	n += tlv(b + n, IAPP_CTX_VLAN, 2, 0);
	put16(b + n - 2, 42);
	n += tlv(b + n, IAPP_CTX_IPV4, 8, 4);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK);
	UT_EXPECT(m.ctx.n_ipv4 == 1 && m.ctx.ipv4[0].addr[3] == 4);
	UT_EXPECT(m.ctx.n_ipv6 == 1 && m.ctx.ipv6[0].lease == 0x06060606);
	UT_EXPECT(m.ctx.vlan == 42 && m.ctx.ssid_len == 4);

	/* One big unknown TLV filling the largest message. */
	n = tlv(b, 77, IAPP_MSG_MAX - 18 - 4, 0);
	UT_EXPECT(with_ctx(b, n, &m) == IAPP_OK);
}

/* Several messages on one stream, read a little at a time. */
static void stream(int *ut_failed, const struct iapp_key *key, size_t step)
{
	uint8_t s[2048], rx[2048];
	size_t auth = key && key->len ? IAPP_AUTH_LEN : 0;
	size_t total = 0, have = 0, fed = 0, i;
	struct iapp_msg m;
	int got = 0;
	long need;

	for (i = 0; i < N_VECS; i++) {
		memcpy(s + total, vecs[i].b, vecs[i].n);
		if (auth)
			hmac_append(s + total, vecs[i].n);
		total += vecs[i].n + auth;
	}
	while (fed < total || have) {
		size_t k = total - fed < step ? total - fed : step;

		memcpy(rx + have, s + fed, k);
		fed += k;
		have += k;
		need = iapp_stream_need(rx, have, key);
		UT_ASSERT(need >= 0);
		if (need == 0) {
			UT_ASSERT(have < IAPP_HDR_LEN && fed < total);
			continue;
		}
		UT_ASSERT(need == (long)(vecs[got].n + auth));
		if ((size_t)need > have) {
			UT_ASSERT(fed < total);
			continue;
		}
		UT_EXPECT(parse_exact(rx, need, true, key, &m) == IAPP_OK);
		UT_EXPECT(m.len == vecs[got].n);
		UT_EXPECT(m.cmd == vecs[got].b[1]);
		memmove(rx, rx + need, have - need);
		have -= need;
		got++;
	}
	UT_EXPECT(got == (int)N_VECS);
}

UT_CASE(stream_framing)
{
	struct iapp_key key = test_key();
	size_t step;

	for (step = 1; step <= 80; step++) {
		stream(ut_failed, NULL, step);
		stream(ut_failed, &key, step);
	}
	stream(ut_failed, NULL, 2048);
	stream(ut_failed, &key, 2048);
	/* The need does not depend on the command or the body. */
	UT_EXPECT(iapp_stream_need((const uint8_t *)"\0\x63\0\0\0\x07", 6,
				   NULL) == 7);
	UT_EXPECT(iapp_stream_need((const uint8_t *)"\0\x63\0\0\0\x07", 6,
				   &key) == 7 + IAPP_AUTH_LEN);
	UT_EXPECT(iapp_stream_need((const uint8_t *)"\0\x00\0\0\x04\x00", 6,
				   &key) == IAPP_MSG_MAX + IAPP_AUTH_LEN);
	UT_EXPECT(iapp_stream_need((const uint8_t *)"\0\x00\0\0\x04\x00", 5,
				   &key) == 0);
}

UT_CASE(seq_newer)
{
	UT_EXPECT(iapp_seq_newer(1, 0));
	UT_EXPECT(!iapp_seq_newer(0, 1));
	UT_EXPECT(!iapp_seq_newer(0, 0));
	UT_EXPECT(!iapp_seq_newer(0xffff, 0xffff));
	UT_EXPECT(iapp_seq_newer(0, 0xffff));
	UT_EXPECT(!iapp_seq_newer(0xffff, 0));
	UT_EXPECT(iapp_seq_newer(5, 0xfff0));
	UT_EXPECT(!iapp_seq_newer(0xfff0, 5));
	/* Exactly half the space apart: neither is newer. */
	UT_EXPECT(!iapp_seq_newer(0x8000, 0));
	UT_EXPECT(!iapp_seq_newer(0, 0x8000));
	UT_EXPECT(!iapp_seq_newer(0x1234, 0x9234));
	UT_EXPECT(!iapp_seq_newer(0x9234, 0x1234));
	UT_EXPECT(iapp_seq_newer(0x7fff, 0));
	UT_EXPECT(!iapp_seq_newer(0x8001, 0));
	UT_EXPECT(iapp_seq_newer(0, 0x8001));
}

UT_CASE(key_hex)
{
	char hex[2 * IAPP_KEY_MAX + 3];
	struct iapp_key k, keep;

	UT_EXPECT(iapp_key_parse_hex("00", &k) == 0 && k.len == 1 &&
		  k.key[0] == 0);
	UT_EXPECT(iapp_key_parse_hex("aBcD09fF", &k) == 0 && k.len == 4);
	UT_EXPECT(!memcmp(k.key, "\xab\xcd\x09\xff", 4));
	memset(hex, 'e', 2 * IAPP_KEY_MAX);
	hex[2 * IAPP_KEY_MAX] = '\0';
	UT_EXPECT(iapp_key_parse_hex(hex, &k) == 0 && k.len == IAPP_KEY_MAX);
	UT_EXPECT(k.key[IAPP_KEY_MAX - 1] == 0xee);

	keep = k;
	hex[2 * IAPP_KEY_MAX] = 'e';
	hex[2 * IAPP_KEY_MAX + 1] = 'e';
	hex[2 * IAPP_KEY_MAX + 2] = '\0';
	UT_EXPECT(iapp_key_parse_hex(hex, &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex(NULL, &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("00", NULL) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("0", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("abc", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("0g", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("g0", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex(" 00", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("00 ", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("0x00", &k) == -EINVAL);
	UT_EXPECT(iapp_key_parse_hex("00:11", &k) == -EINVAL);
	/* A refused key leaves the old one alone. */
	UT_EXPECT(k.len == keep.len && !memcmp(k.key, keep.key, k.len));
}

UT_CASE(strings)
{
	UT_EXPECT_STR(iapp_err_str(IAPP_OK), "ok");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_SHORT), "short");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_VERSION), "bad version");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_LENGTH), "bad length");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_ADDR_LEN), "bad addr_len");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_COMMAND), "unknown command");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_CTX), "bad context block");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_TOO_BIG), "too big");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_AUTH_MISSING), "unsigned");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_AUTH_BAD), "bad signature");
	UT_EXPECT_STR(iapp_err_str(IAPP_ERR_MAX), "unknown error");
	UT_EXPECT_STR(iapp_cmd_str(0), "add-notify");
	UT_EXPECT_STR(iapp_cmd_str(1), "move-notify");
	UT_EXPECT_STR(iapp_cmd_str(2), "move-response");
	UT_EXPECT_STR(iapp_cmd_str(3), "send-security-block");
	UT_EXPECT_STR(iapp_cmd_str(4), "ack-security-block");
	UT_EXPECT_STR(iapp_cmd_str(5), "cache-notify");
	UT_EXPECT_STR(iapp_cmd_str(6), "cache-response");
	UT_EXPECT_STR(iapp_cmd_str(7), "unknown");
	UT_EXPECT_STR(iapp_cmd_str(255), "unknown");
}

UT_MAIN("apedged_iapp_msg",
	UT_ENTRY(add_notify_bytes),
	UT_ENTRY(move_notify_bytes),
	UT_ENTRY(move_response_bytes),
	UT_ENTRY(cache_bytes),
	UT_ENTRY(round_trips),
	UT_ENTRY(builder_limits),
	UT_ENTRY(hmac_known_answer),
	UT_ENTRY(trailer_versions),
	UT_ENTRY(hmac_refusals),
	UT_ENTRY(truncations),
	UT_ENTRY(bad_headers),
	UT_ENTRY(body_lengths),
	UT_ENTRY(context_tlvs),
	UT_ENTRY(stream_framing),
	UT_ENTRY(seq_newer),
	UT_ENTRY(key_hex),
	UT_ENTRY(strings))
