// SPDX-License-Identifier: GPL-2.0
/*
 * The reconfigure key's HMAC-MD5 (RFC 8415 §20.4).  See auth.h.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "dhcp6/auth.h"

#define MD5_LEN	16

/* The HMAC field's offset in buf, or 0 when m has none. */
static size_t hmac_offset(const uint8_t *buf, size_t len,
			  const struct dhcp6_msg *m)
{
	const struct dhcp6_auth *a = &m->auth;
	size_t off;

	if (!m->has_auth || a->proto != DHCP6_AUTH_PROTO_RECONF ||
	    a->info.len != 1 + DHCP6_RECONF_KEY_LEN ||
	    a->info.p[0] != DHCP6_RECONF_HMAC)
		return 0;
	if (a->info.p < buf || a->info.p + a->info.len > buf + len)
		return 0;
	off = (size_t)(a->info.p - buf) + 1;
	return off;
}

/* HMAC-MD5 of buf with its 16 bytes at off taken as zero. */
static int hmac(const uint8_t *buf, size_t len, size_t off,
		const uint8_t *key, uint8_t out[MD5_LEN])
{
	static const uint8_t zero[MD5_LEN];
	char digest[] = "MD5";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest,
						 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	size_t n = 0;
	int ok;

	ok = ctx && EVP_MAC_init(ctx, key, DHCP6_RECONF_KEY_LEN, params) &&
	     EVP_MAC_update(ctx, buf, off) &&
	     EVP_MAC_update(ctx, zero, MD5_LEN) &&
	     EVP_MAC_update(ctx, buf + off + MD5_LEN, len - off - MD5_LEN) &&
	     EVP_MAC_final(ctx, out, &n, MD5_LEN) && n == MD5_LEN;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : -EIO;
}

int dhcp6_reconf_sign(uint8_t *buf, size_t len,
		      const uint8_t key[DHCP6_RECONF_KEY_LEN])
{
	struct dhcp6_msg m;
	uint8_t out[MD5_LEN];
	size_t off;
	int err;

	if (dhcp6_msg_parse(buf, len, &m) != DHCP6_OK)
		return -EINVAL;
	off = hmac_offset(buf, len, &m);
	if (!off)
		return -EINVAL;
	err = hmac(buf, len, off, key, out);
	if (!err)
		memcpy(buf + off, out, MD5_LEN);
	OPENSSL_cleanse(out, sizeof(out));
	return err;
}

bool dhcp6_reconf_verify(const uint8_t *buf, size_t len,
			 const struct dhcp6_msg *m,
			 const uint8_t key[DHCP6_RECONF_KEY_LEN])
{
	uint8_t out[MD5_LEN];
	size_t off = hmac_offset(buf, len, m);
	bool ok;

	if (!off || hmac(buf, len, off, key, out))
		return false;
	ok = !CRYPTO_memcmp(out, buf + off, MD5_LEN);
	OPENSSL_cleanse(out, sizeof(out));
	return ok;
}
