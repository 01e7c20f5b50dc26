// SPDX-License-Identifier: GPL-2.0
/*
 * MS-CHAPv2 (RFC 2759 §8) and MPPE keys (RFC 3079 §3), on OpenSSL.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include "eapol/mschapv2.h"

/*
 * MD4 and DES-ECB are in the legacy provider of OpenSSL 3.  A private
 * library context holds it (with "default" for SHA-1), so loading it
 * changes nothing for the TLS methods or the rest of the daemon.
 */
static OSSL_LIB_CTX *legacy_ctx;

static OSSL_LIB_CTX *ctx_get(void)
{
	OSSL_LIB_CTX *c;

	if (legacy_ctx)
		return legacy_ctx;
	c = OSSL_LIB_CTX_new();
	if (!c)
		return NULL;
	if (!OSSL_PROVIDER_load(c, "default") ||
	    !OSSL_PROVIDER_load(c, "legacy")) {
		OSSL_LIB_CTX_free(c);
		return NULL;
	}
	legacy_ctx = c;
	return c;
}

/* A digest of up to three parts, the output at most 20 octets kept. */
static bool digest(const char *name, const void *a, size_t alen,
		   const void *b, size_t blen, const void *c, size_t clen,
		   uint8_t *out, size_t out_len)
{
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *m;
	EVP_MD *alg;
	bool ok = false;

	if (!ctx_get())
		return false;
	alg = EVP_MD_fetch(legacy_ctx, name, NULL);
	if (!alg)
		return false;
	m = EVP_MD_CTX_new();
	if (m && EVP_DigestInit_ex(m, alg, NULL) &&
	    EVP_DigestUpdate(m, a, alen) &&
	    (!blen || EVP_DigestUpdate(m, b, blen)) &&
	    (!clen || EVP_DigestUpdate(m, c, clen)) &&
	    EVP_DigestFinal_ex(m, md, &mdlen) && mdlen >= out_len) {
		memcpy(out, md, out_len);
		ok = true;
	}
	OPENSSL_cleanse(md, sizeof(md));
	EVP_MD_CTX_free(m);
	EVP_MD_free(alg);
	return ok;
}

/* SHA-1 of up to five parts (RFC 3079 needs four). */
static bool sha1_parts(const void *const *p, const size_t *n, size_t k,
		       uint8_t *out, size_t out_len)
{
	uint8_t md[20];
	EVP_MD_CTX *m;
	EVP_MD *alg;
	bool ok = false;
	size_t i;

	if (out_len > sizeof(md) || !ctx_get())
		return false;
	alg = EVP_MD_fetch(legacy_ctx, "SHA1", NULL);
	if (!alg)
		return false;
	m = EVP_MD_CTX_new();
	if (m && EVP_DigestInit_ex(m, alg, NULL)) {
		ok = true;
		for (i = 0; i < k && ok; i++)
			ok = EVP_DigestUpdate(m, p[i], n[i]);
		ok = ok && EVP_DigestFinal_ex(m, md, NULL);
		if (ok)
			memcpy(out, md, out_len);
	}
	OPENSSL_cleanse(md, sizeof(md));
	EVP_MD_CTX_free(m);
	EVP_MD_free(alg);
	return ok;
}

bool mschapv2_challenge_hash(const uint8_t peer_chal[16],
			     const uint8_t auth_chal[16],
			     const char *user, size_t user_len,
			     uint8_t out[8])
{
	return digest("SHA1", peer_chal, 16, auth_chal, 16, user, user_len,
		      out, 8);
}

/* UTF-8 to UTF-16LE, BMP only; the number of octets written or -1. */
static long utf16le(const char *s, size_t n, uint8_t *out, size_t cap)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t c = p[i];
		size_t more;

		if (c < 0x80)
			more = 0;
		else if ((c & 0xe0) == 0xc0)
			more = 1, c &= 0x1f;
		else if ((c & 0xf0) == 0xe0)
			more = 2, c &= 0x0f;
		else
			return -1;	/* outside the BMP or not UTF-8 */
		if (n - i <= more)
			return -1;
		for (size_t k = 1; k <= more; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return -1;
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((more == 1 && c < 0x80) || (more == 2 && c < 0x800) ||
		    (c >= 0xd800 && c <= 0xdfff))
			return -1;	/* overlong or a surrogate */
		i += more + 1;
		if (o + 2 > cap)
			return -1;
		out[o++] = (uint8_t)c;
		out[o++] = (uint8_t)(c >> 8);
	}
	return (long)o;
}

bool mschapv2_nt_password_hash(const char *pw, size_t pw_len,
			       uint8_t out[16])
{
	uint8_t u[2 * MSCHAPV2_PW_MAX];
	long n = utf16le(pw, pw_len, u, sizeof(u));
	bool ok;

	if (n < 0)
		return false;
	ok = digest("MD4", u, (size_t)n, NULL, 0, NULL, 0, out, 16);
	OPENSSL_cleanse(u, sizeof(u));
	return ok;
}

bool mschapv2_hash_hash(const uint8_t hash[16], uint8_t out[16])
{
	return digest("MD4", hash, 16, NULL, 0, NULL, 0, out, 16);
}

/* 56 key bits in 7 octets spread over 8, the low bit of each (parity)
 * left 0: DES ignores it. */
static void des_key(const uint8_t in[7], uint8_t k[8])
{
	k[0] = in[0];
	for (int i = 1; i < 7; i++)
		k[i] = (uint8_t)(in[i - 1] << (8 - i) | in[i] >> i);
	k[7] = (uint8_t)(in[6] << 1);
	for (int i = 0; i < 8; i++)
		k[i] &= 0xfe;
}

static bool des_encrypt(const uint8_t clear[8], const uint8_t key7[7],
			uint8_t out[8])
{
	EVP_CIPHER_CTX *c;
	EVP_CIPHER *alg;
	uint8_t k[8];
	int n = 0;
	bool ok = false;

	if (!ctx_get())
		return false;
	alg = EVP_CIPHER_fetch(legacy_ctx, "DES-ECB", NULL);
	if (!alg)
		return false;
	des_key(key7, k);
	c = EVP_CIPHER_CTX_new();
	if (c && EVP_EncryptInit_ex(c, alg, NULL, k, NULL) &&
	    EVP_CIPHER_CTX_set_padding(c, 0) &&
	    EVP_EncryptUpdate(c, out, &n, clear, 8) && n == 8)
		ok = true;
	OPENSSL_cleanse(k, sizeof(k));
	EVP_CIPHER_CTX_free(c);
	EVP_CIPHER_free(alg);
	return ok;
}

bool mschapv2_challenge_response(const uint8_t chal[8],
				 const uint8_t hash[16], uint8_t out[24])
{
	uint8_t z[21] = { 0 };
	bool ok;

	memcpy(z, hash, 16);
	ok = des_encrypt(chal, z, out) && des_encrypt(chal, z + 7, out + 8) &&
	     des_encrypt(chal, z + 14, out + 16);
	OPENSSL_cleanse(z, sizeof(z));
	return ok;
}

bool mschapv2_nt_response(const uint8_t auth_chal[16],
			  const uint8_t peer_chal[16],
			  const char *user, size_t user_len,
			  const char *pw, size_t pw_len, uint8_t out[24])
{
	uint8_t ch[8], h[16];
	bool ok;

	ok = mschapv2_challenge_hash(peer_chal, auth_chal, user, user_len,
				     ch) &&
	     mschapv2_nt_password_hash(pw, pw_len, h) &&
	     mschapv2_challenge_response(ch, h, out);
	OPENSSL_cleanse(h, sizeof(h));
	return ok;
}

/* RFC 2759 §8.7, the two magic strings. */
static const char magic1[] = "Magic server to client signing constant";
static const char magic2[] = "Pad to make it do more than one iteration";

static bool auth_digest(const uint8_t pw_hash[16], const uint8_t nt_resp[24],
			const uint8_t peer_chal[16],
			const uint8_t auth_chal[16],
			const char *user, size_t user_len, uint8_t d[20])
{
	uint8_t hh[16], ch[8];
	bool ok;

	ok = mschapv2_hash_hash(pw_hash, hh) &&
	     digest("SHA1", hh, 16, nt_resp, 24, magic1, sizeof(magic1) - 1,
		    d, 20) &&
	     mschapv2_challenge_hash(peer_chal, auth_chal, user, user_len,
				     ch) &&
	     digest("SHA1", d, 20, ch, 8, magic2, sizeof(magic2) - 1, d, 20);
	OPENSSL_cleanse(hh, sizeof(hh));
	return ok;
}

bool mschapv2_auth_response(const uint8_t pw_hash[16],
			    const uint8_t nt_resp[24],
			    const uint8_t peer_chal[16],
			    const uint8_t auth_chal[16],
			    const char *user, size_t user_len,
			    char out[MSCHAPV2_AUTH_RESP_LEN + 1])
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t d[20];

	if (!auth_digest(pw_hash, nt_resp, peer_chal, auth_chal, user,
			 user_len, d))
		return false;
	out[0] = 'S';
	out[1] = '=';
	for (int i = 0; i < 20; i++) {
		out[2 + 2 * i] = hex[d[i] >> 4];
		out[3 + 2 * i] = hex[d[i] & 15];
	}
	out[MSCHAPV2_AUTH_RESP_LEN] = '\0';
	return true;
}

bool mschapv2_auth_response_ok(const uint8_t pw_hash[16],
			       const uint8_t nt_resp[24],
			       const uint8_t peer_chal[16],
			       const uint8_t auth_chal[16],
			       const char *user, size_t user_len,
			       const uint8_t *got, size_t got_len)
{
	char want[MSCHAPV2_AUTH_RESP_LEN + 1];
	uint8_t norm[MSCHAPV2_AUTH_RESP_LEN];
	bool ok;

	if (got_len < MSCHAPV2_AUTH_RESP_LEN || got[0] != 'S' || got[1] != '=')
		return false;
	/* Lower-case hex to upper, in constant time per octet. */
	for (int i = 0; i < MSCHAPV2_AUTH_RESP_LEN; i++) {
		uint8_t c = got[i];
		uint8_t lower = (uint8_t)((unsigned)(c - 'a') <= 'f' - 'a');

		norm[i] = (uint8_t)(c - (lower << 5));
	}
	if (!mschapv2_auth_response(pw_hash, nt_resp, peer_chal, auth_chal,
				    user, user_len, want))
		return false;
	ok = !CRYPTO_memcmp(want, norm, MSCHAPV2_AUTH_RESP_LEN);
	OPENSSL_cleanse(want, sizeof(want));
	return ok;
}

/* RFC 3079 §3.4 constants. */
static const char mkey_magic[] = "This is the MPPE Master Key";
static const char key_magic2[] =
	"On the client side, this is the send key; "
	"on the server side, it is the receive key.";
static const char key_magic3[] =
	"On the client side, this is the receive key; "
	"on the server side, it is the send key.";

bool mschapv2_master_key(const uint8_t hash_hash[16],
			 const uint8_t nt_resp[24], uint8_t out[16])
{
	return digest("SHA1", hash_hash, 16, nt_resp, 24, mkey_magic,
		      sizeof(mkey_magic) - 1, out, 16);
}

bool mschapv2_new_key_sha(const uint8_t *start, const uint8_t *session,
			  size_t len, uint8_t *out)
{
	static const uint8_t pad1[40];
	uint8_t pad2[40];
	const void *p[4] = { start, pad1, session, pad2 };
	size_t n[4] = { len, sizeof(pad1), len, sizeof(pad2) };

	memset(pad2, 0xf2, sizeof(pad2));
	return sha1_parts(p, n, 4, out, len);
}

bool mschapv2_asym_start_key(const uint8_t master[16], uint8_t *out,
			     size_t len, bool is_send, bool is_server)
{
	static const uint8_t pad1[40];
	uint8_t pad2[40];
	const char *s = is_send == is_server ? key_magic3 : key_magic2;
	const void *p[4] = { master, pad1, s, pad2 };
	size_t n[4] = { 16, sizeof(pad1), sizeof(key_magic2) - 1,
			sizeof(pad2) };

	memset(pad2, 0xf2, sizeof(pad2));
	return sha1_parts(p, n, 4, out, len);
}

bool mschapv2_peer_msk(const uint8_t hash_hash[16],
		       const uint8_t nt_resp[24], uint8_t out[32])
{
	uint8_t mk[16];
	bool ok;

	ok = mschapv2_master_key(hash_hash, nt_resp, mk) &&
	     mschapv2_asym_start_key(mk, out, 16, true, false) &&
	     mschapv2_asym_start_key(mk, out + 16, 16, false, false);
	OPENSSL_cleanse(mk, sizeof(mk));
	return ok;
}
