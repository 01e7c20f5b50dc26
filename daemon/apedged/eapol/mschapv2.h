/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MS-CHAPv2 (RFC 2759) computations and the MPPE key derivation of
 * RFC 3079, on OpenSSL.  Pure functions: no state, no I/O.
 *
 * MD4 and single DES live in OpenSSL 3's "legacy" provider; they are
 * fetched from a private library context that loads "default" and
 * "legacy", so the rest of the process keeps OpenSSL's own defaults.
 * Every function returns false when the provider cannot be loaded.
 */
#ifndef APEDGED_EAPOL_MSCHAPV2_H
#define APEDGED_EAPOL_MSCHAPV2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSCHAPV2_CHAL_LEN	16	/* authenticator and peer challenges */
#define MSCHAPV2_NT_RESP_LEN	24
#define MSCHAPV2_HASH_LEN	16	/* NT password hash, master key */
#define MSCHAPV2_AUTH_RESP_LEN	42	/* "S=" and 40 upper-case hex digits */
#define MSCHAPV2_PW_MAX		256	/* characters (RFC 2759 §4) */
#define MSCHAPV2_USER_MAX	256

/* RFC 2759 §8.2: the 8-octet challenge from SHA1(peer | auth | user). */
bool mschapv2_challenge_hash(const uint8_t peer_chal[16],
			     const uint8_t auth_chal[16],
			     const char *user, size_t user_len,
			     uint8_t out[8]);
/* §8.3: MD4 of the password in UTF-16LE (the password is UTF-8; a
 * character outside the BMP or a malformed sequence fails). */
bool mschapv2_nt_password_hash(const char *pw, size_t pw_len,
			       uint8_t out[16]);
/* MD4 of the hash (§8.7, HashNtPasswordHash). */
bool mschapv2_hash_hash(const uint8_t hash[16], uint8_t out[16]);
/* §8.5: three DES encryptions of the challenge under the hash's 7-octet
 * thirds. */
bool mschapv2_challenge_response(const uint8_t chal[8],
				 const uint8_t hash[16], uint8_t out[24]);
/* §8.1: the NT-Response. */
bool mschapv2_nt_response(const uint8_t auth_chal[16],
			  const uint8_t peer_chal[16],
			  const char *user, size_t user_len,
			  const char *pw, size_t pw_len, uint8_t out[24]);
/* §8.7: "S=" and 40 hex digits, from the password hash. */
bool mschapv2_auth_response(const uint8_t pw_hash[16],
			    const uint8_t nt_resp[24],
			    const uint8_t peer_chal[16],
			    const uint8_t auth_chal[16],
			    const char *user, size_t user_len,
			    char out[MSCHAPV2_AUTH_RESP_LEN + 1]);
/* §8.8: the authenticator's response checked in constant time; `got` is
 * the 42 octets as received ("S=..."), case-insensitive in the hex. */
bool mschapv2_auth_response_ok(const uint8_t pw_hash[16],
			       const uint8_t nt_resp[24],
			       const uint8_t peer_chal[16],
			       const uint8_t auth_chal[16],
			       const char *user, size_t user_len,
			       const uint8_t *got, size_t got_len);

/* RFC 3079 §3.4: GetMasterKey(). */
bool mschapv2_master_key(const uint8_t hash_hash[16],
			 const uint8_t nt_resp[24], uint8_t out[16]);
/* RFC 3079 §3.4: GetAsymmetricStartKey(); len <= 20. */
bool mschapv2_asym_start_key(const uint8_t master[16], uint8_t *out,
			     size_t len, bool is_send, bool is_server);
/* RFC 3079 §3.3 / §2.4: GetNewKeyFromSHA(); len <= 20. */
bool mschapv2_new_key_sha(const uint8_t *start, const uint8_t *session,
			  size_t len, uint8_t *out);
/* The peer's 32-octet MSK of EAP-MSCHAPv2 (the PEAP inner key): its own
 * MPPE send key then its receive key, as MS-MPPE-Recv-Key then
 * MS-MPPE-Send-Key read from the server's side. */
bool mschapv2_peer_msk(const uint8_t hash_hash[16],
		       const uint8_t nt_resp[24], uint8_t out[32]);

#endif /* APEDGED_EAPOL_MSCHAPV2_H */
