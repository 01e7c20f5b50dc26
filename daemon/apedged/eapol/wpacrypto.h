/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RSN key hierarchy's primitives (IEEE 802.11-2020 §12.7.1), all
 * through OpenSSL's libcrypto:
 *
 *	PSK = PBKDF2-HMAC-SHA1(passphrase, SSID, 4096, 32)	(J.4)
 *	PRF-n(K, A, B): HMAC-SHA1(K, A || 0 || B || i), i = 0, 1, ...,
 *		concatenated and cut to n bits			(§12.7.1.2)
 *	PTK = PRF-384(PMK, "Pairwise key expansion",
 *		Min(AA, SPA) || Max(AA, SPA) ||
 *		Min(ANonce, SNonce) || Max(ANonce, SNonce))	(§12.7.1.3)
 *	    = KCK (16) || KEK (16) || TK (16, CCMP-128)
 *	MIC: HMAC-SHA1 cut to 128 bits (descriptor version 2) or
 *	     AES-128-CMAC (version 3), over the whole EAPOL frame with the
 *	     MIC field zero					(§12.7.2)
 *	Key data: AES key wrap, RFC 3394, with the KEK
 *
 * Each returns false when libcrypto fails or an argument is out of range;
 * outputs are then zeroed.  Pure: no state, no randomness.
 */
#ifndef APEDGED_EAPOL_WPACRYPTO_H
#define APEDGED_EAPOL_WPACRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WPA_PMK_LEN		32
#define WPA_KCK_LEN		16
#define WPA_KEK_LEN		16
#define WPA_TK_MAX		32
#define WPA_CCMP_TK_LEN		16

struct wpa_ptk {
	uint8_t kck[WPA_KCK_LEN];
	uint8_t kek[WPA_KEK_LEN];
	uint8_t tk[WPA_TK_MAX];
	size_t tk_len;
};

/* passphrase: 8..63 octets, each 32..126; ssid: 1..32 octets. */
bool wpa_psk_from_passphrase(const char *passphrase, const uint8_t *ssid,
			     size_t ssid_len, uint8_t psk[WPA_PMK_LEN]);

/* out_len: at most 128 octets (PRF-1024). */
bool wpa_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		  const uint8_t *data, size_t data_len, uint8_t *out,
		  size_t out_len);

/* CCMP-128 (tk_len 16) pairwise keys from the PMK. */
bool wpa_ptk_derive(const uint8_t *pmk, size_t pmk_len, const uint8_t aa[6],
		    const uint8_t spa[6], const uint8_t anonce[32],
		    const uint8_t snonce[32], struct wpa_ptk *ptk);

/* The MIC of frame[0..len) for descriptor version ver (2 or 3). */
bool wpa_mic(unsigned int ver, const uint8_t kck[WPA_KCK_LEN],
	     const uint8_t *frame, size_t len, uint8_t mic[16]);

/*
 * RFC 3394 with a 128-bit KEK: in_len a multiple of 8, at least 24 for
 * unwrap (16 for wrap), at most 4096; out gets in_len - 8 (unwrap) or
 * in_len + 8 (wrap) octets.  Unwrap fails on a bad integrity check.
 */
bool wpa_aes_unwrap(const uint8_t kek[WPA_KEK_LEN], const uint8_t *in,
		    size_t in_len, uint8_t *out);
bool wpa_aes_wrap(const uint8_t kek[WPA_KEK_LEN], const uint8_t *in,
		  size_t in_len, uint8_t *out);

/* Constant-time equality, and a wipe the compiler keeps. */
bool wpa_mem_eq(const void *a, const void *b, size_t n);
void wpa_cleanse(void *p, size_t n);

#endif /* APEDGED_EAPOL_WPACRYPTO_H */
