// SPDX-License-Identifier: GPL-2.0
/*
 * The RSN key hierarchy's primitives through libcrypto: see
 * eapol/wpacrypto.h.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "eapol/wpacrypto.h"

#define PRF_OUT_MAX	128
#define WRAP_MAX	4096

bool wpa_mem_eq(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void wpa_cleanse(void *p, size_t n)
{
	OPENSSL_cleanse(p, n);
}

bool wpa_psk_from_passphrase(const char *passphrase, const uint8_t *ssid,
			     size_t ssid_len, uint8_t psk[WPA_PMK_LEN])
{
	size_t n = strnlen(passphrase, 64), i;

	memset(psk, 0, WPA_PMK_LEN);
	if (n < 8 || n > 63 || ssid_len < 1 || ssid_len > 32)
		return false;
	for (i = 0; i < n; i++)
		if (passphrase[i] < 32 || passphrase[i] > 126)
			return false;
	if (PKCS5_PBKDF2_HMAC(passphrase, (int)n, ssid, (int)ssid_len, 4096,
			      EVP_sha1(), WPA_PMK_LEN, psk) != 1) {
		OPENSSL_cleanse(psk, WPA_PMK_LEN);
		return false;
	}
	return true;
}

/* HMAC or CMAC over the pieces in[0..n), into out (outsize octets). */
static bool mac_vec(const char *alg, const char *param, const char *value,
		    const uint8_t *key, size_t key_len, const uint8_t *const *in,
		    const size_t *in_len, size_t n, uint8_t *out,
		    size_t outsize)
{
	OSSL_PARAM params[2];
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx = NULL;
	size_t i, got = 0;
	bool ok = false;

	mac = EVP_MAC_fetch(NULL, alg, NULL);
	if (!mac)
		return false;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx)
		goto out;
	params[0] = OSSL_PARAM_construct_utf8_string(param, (char *)value, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(ctx, key, key_len, params))
		goto out;
	for (i = 0; i < n; i++)
		if (in_len[i] && !EVP_MAC_update(ctx, in[i], in_len[i]))
			goto out;
	ok = EVP_MAC_final(ctx, out, &got, outsize) && got == outsize;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok;
}

static bool hmac_sha1(const uint8_t *key, size_t key_len,
		      const uint8_t *const *in, const size_t *in_len, size_t n,
		      uint8_t out[20])
{
	return mac_vec("HMAC", OSSL_MAC_PARAM_DIGEST, "SHA1", key, key_len,
		       in, in_len, n, out, 20);
}

bool wpa_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		  const uint8_t *data, size_t data_len, uint8_t *out,
		  size_t out_len)
{
	static const uint8_t zero;
	uint8_t block[20], i;
	size_t done = 0;

	if (out_len > PRF_OUT_MAX) {
		memset(out, 0, out_len);
		return false;
	}
	for (i = 0; done < out_len; i++) {
		const uint8_t *in[4] = { (const uint8_t *)label, &zero, data,
					 &i };
		size_t len[4] = { strlen(label), 1, data_len, 1 };
		size_t take = out_len - done < 20 ? out_len - done : 20;

		if (!hmac_sha1(key, key_len, in, len, 4, block)) {
			OPENSSL_cleanse(out, out_len);
			OPENSSL_cleanse(block, sizeof(block));
			return false;
		}
		memcpy(out + done, block, take);
		done += take;
	}
	OPENSSL_cleanse(block, sizeof(block));
	return true;
}

bool wpa_ptk_derive(const uint8_t *pmk, size_t pmk_len, const uint8_t aa[6],
		    const uint8_t spa[6], const uint8_t anonce[32],
		    const uint8_t snonce[32], struct wpa_ptk *ptk)
{
	uint8_t data[6 + 6 + 32 + 32], out[WPA_KCK_LEN + WPA_KEK_LEN +
					   WPA_CCMP_TK_LEN];
	bool a_first = memcmp(aa, spa, 6) < 0;
	bool an_first = memcmp(anonce, snonce, 32) < 0;
	bool ok;

	memset(ptk, 0, sizeof(*ptk));
	memcpy(data, a_first ? aa : spa, 6);
	memcpy(data + 6, a_first ? spa : aa, 6);
	memcpy(data + 12, an_first ? anonce : snonce, 32);
	memcpy(data + 44, an_first ? snonce : anonce, 32);
	ok = wpa_prf_sha1(pmk, pmk_len, "Pairwise key expansion", data,
			  sizeof(data), out, sizeof(out));
	if (ok) {
		memcpy(ptk->kck, out, WPA_KCK_LEN);
		memcpy(ptk->kek, out + WPA_KCK_LEN, WPA_KEK_LEN);
		memcpy(ptk->tk, out + WPA_KCK_LEN + WPA_KEK_LEN,
		       WPA_CCMP_TK_LEN);
		ptk->tk_len = WPA_CCMP_TK_LEN;
	}
	OPENSSL_cleanse(out, sizeof(out));
	return ok;
}

bool wpa_mic(unsigned int ver, const uint8_t kck[WPA_KCK_LEN],
	     const uint8_t *frame, size_t len, uint8_t mic[16])
{
	const uint8_t *in[1] = { frame };
	size_t in_len[1] = { len };
	uint8_t full[20];
	bool ok = false;

	memset(mic, 0, 16);
	if (ver == 2) {
		ok = hmac_sha1(kck, WPA_KCK_LEN, in, in_len, 1, full);
		if (ok)
			memcpy(mic, full, 16);
		OPENSSL_cleanse(full, sizeof(full));
	} else if (ver == 3) {
		ok = mac_vec("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC",
			     kck, WPA_KCK_LEN, in, in_len, 1, mic, 16);
	}
	return ok;
}

static bool aes_wrap_run(bool enc, const uint8_t kek[WPA_KEK_LEN],
			 const uint8_t *in, size_t in_len, uint8_t *out,
			 size_t out_len)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, m = 0;
	bool ok = false;

	if (!ctx)
		return false;
	EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (EVP_CipherInit_ex(ctx, EVP_aes_128_wrap(), NULL, kek, NULL,
			      enc ? 1 : 0) != 1)
		goto out;
	if (EVP_CipherUpdate(ctx, out, &n, in, (int)in_len) != 1 ||
	    (size_t)n != out_len)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + n, &m) != 1 || m != 0)
		goto out;
	ok = true;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		OPENSSL_cleanse(out, out_len);
	return ok;
}

bool wpa_aes_unwrap(const uint8_t kek[WPA_KEK_LEN], const uint8_t *in,
		    size_t in_len, uint8_t *out)
{
	if (in_len < 24 || in_len > WRAP_MAX || in_len % 8)
		return false;
	return aes_wrap_run(false, kek, in, in_len, out, in_len - 8);
}

bool wpa_aes_wrap(const uint8_t kek[WPA_KEK_LEN], const uint8_t *in,
		  size_t in_len, uint8_t *out)
{
	if (in_len < 16 || in_len > WRAP_MAX || in_len % 8)
		return false;
	return aes_wrap_run(true, kek, in, in_len, out, in_len + 8);
}
