// SPDX-License-Identifier: GPL-2.0
/*
 * MS-CHAPv2 against the worked example of RFC 2759 §9.2 (every step) and
 * the MPPE key derivation of RFC 3079 §3.5.3 (128-bit keys).
 */
#include <string.h>

#include "ut.h"
#include "eapol/mschapv2.h"

/* RFC 2759 §9.2 */
static const char user[] = "User";
static const char pw[] = "clientPass";
#define AUTH_CHAL "5B5D7C7D7B3F2F3E3C2C602132262628"
#define PEER_CHAL "21402324255E262A28295F2B3A337C7E"
#define CHAL "D02E4386BCE91226"
#define PW_HASH "44EBBA8D5312B8D611474411F56989AE"
#define NT_RESP "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"
#define PW_HASH_HASH "41C00C584BD2D91C4017A2A12FA59F3F"
#define AUTH_RESP "S=407A5589115FD0D6209F510FE9C04566932CDA56"
/* RFC 3079 §3.5.3 */
#define MASTER "FDECE3717A8C838CB388E527AE3CDD31"
#define SEND_START "8B7CDC149B993A1BA118CB153F56DCCB"
#define SEND_SESSION "405CB2247A7956E6E211007AE27B22D4"

struct v {
	uint8_t ac[16], pc[16], ch[8], h[16], nt[24], hh[16];
};

static void load(struct v *v)
{
	ut_hex(v->ac, AUTH_CHAL);
	ut_hex(v->pc, PEER_CHAL);
	ut_hex(v->ch, CHAL);
	ut_hex(v->h, PW_HASH);
	ut_hex(v->nt, NT_RESP);
	ut_hex(v->hh, PW_HASH_HASH);
}

UT_CASE(challenge_hash)
{
	struct v v;
	uint8_t out[8];

	load(&v);
	UT_ASSERT(mschapv2_challenge_hash(v.pc, v.ac, user, 4, out));
	UT_EXPECT(!memcmp(out, v.ch, 8));
}

UT_CASE(nt_password_hash)
{
	struct v v;
	uint8_t out[16];

	load(&v);
	UT_ASSERT(mschapv2_nt_password_hash(pw, strlen(pw), out));
	UT_EXPECT(!memcmp(out, v.h, 16));
	UT_ASSERT(mschapv2_hash_hash(v.h, out));
	UT_EXPECT(!memcmp(out, v.hh, 16));
}

UT_CASE(challenge_response)
{
	struct v v;
	uint8_t out[24];

	load(&v);
	UT_ASSERT(mschapv2_challenge_response(v.ch, v.h, out));
	UT_EXPECT(!memcmp(out, v.nt, 24));
	memset(out, 0, sizeof(out));
	UT_ASSERT(mschapv2_nt_response(v.ac, v.pc, user, 4, pw, strlen(pw),
				       out));
	UT_EXPECT(!memcmp(out, v.nt, 24));
}

UT_CASE(authenticator_response)
{
	struct v v;
	char out[MSCHAPV2_AUTH_RESP_LEN + 1];
	uint8_t got[MSCHAPV2_AUTH_RESP_LEN + 1];

	load(&v);
	UT_ASSERT(mschapv2_auth_response(v.h, v.nt, v.pc, v.ac, user, 4,
					 out));
	UT_EXPECT_STR(out, AUTH_RESP);
	memcpy(got, AUTH_RESP, sizeof(got));
	UT_EXPECT(mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac, user, 4,
					    got, 42));
	/* lower-case hex is the same number */
	got[5] = 'a';	/* "S=407A" -> "S=407a" */
	UT_EXPECT(mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac, user, 4,
					    got, 42));
	/* one digit off, a short one, a wrong user: refused */
	memcpy(got, AUTH_RESP, sizeof(got));
	got[41] = '7';
	UT_EXPECT(!mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac, user, 4,
					     got, 42));
	memcpy(got, AUTH_RESP, sizeof(got));
	for (size_t n = 0; n < 42; n++)
		UT_EXPECT(!mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac,
						     user, 4, got, n));
	UT_EXPECT(!mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac, "Usex",
					     4, got, 42));
	got[0] = 'X';
	UT_EXPECT(!mschapv2_auth_response_ok(v.h, v.nt, v.pc, v.ac, user, 4,
					     got, 42));
}

UT_CASE(mppe_keys)
{
	struct v v;
	uint8_t mk[16], want[16], k[16], sk[16], msk[32];

	load(&v);
	UT_ASSERT(mschapv2_master_key(v.hh, v.nt, mk));
	ut_hex(want, MASTER);
	UT_EXPECT(!memcmp(mk, want, 16));
	/* The RFC's SendStartKey128 is the authenticator's send key: its
	 * Magic3, the peer's receive key. */
	ut_hex(want, SEND_START);
	UT_ASSERT(mschapv2_asym_start_key(mk, k, 16, true, true));
	UT_EXPECT(!memcmp(k, want, 16));
	UT_ASSERT(mschapv2_asym_start_key(mk, sk, 16, false, false));
	UT_EXPECT(!memcmp(sk, want, 16));
	UT_ASSERT(mschapv2_new_key_sha(k, k, 16, sk));
	ut_hex(want, SEND_SESSION);
	UT_EXPECT(!memcmp(sk, want, 16));
	/* The peer's MSK: its send key (Magic2), then its receive key. */
	UT_ASSERT(mschapv2_peer_msk(v.hh, v.nt, msk));
	UT_ASSERT(mschapv2_asym_start_key(mk, k, 16, true, false));
	UT_EXPECT(!memcmp(msk, k, 16));
	ut_hex(want, SEND_START);
	UT_EXPECT(!memcmp(msk + 16, want, 16));
}

UT_CASE(password_utf8)
{
	uint8_t a[16], b[16];
	char big[MSCHAPV2_PW_MAX + 1];

	/* "é" in UTF-8 is U+00E9: the same as the one UTF-16LE unit */
	UT_ASSERT(mschapv2_nt_password_hash("\xc3\xa9", 2, a));
	UT_ASSERT(mschapv2_nt_password_hash("\xc3\xa9x", 3, b));
	UT_EXPECT(memcmp(a, b, 16));
	/* malformed, overlong, surrogates, outside the BMP: refused */
	UT_EXPECT(!mschapv2_nt_password_hash("\xc3", 1, a));
	UT_EXPECT(!mschapv2_nt_password_hash("\xc0\xaf", 2, a));
	UT_EXPECT(!mschapv2_nt_password_hash("\xed\xa0\x80", 3, a));
	UT_EXPECT(!mschapv2_nt_password_hash("\xf0\x9f\x98\x80", 4, a));
	UT_EXPECT(!mschapv2_nt_password_hash("\xc3\x29", 2, a));
	/* the longest password fits, one more character does not */
	memset(big, 'p', sizeof(big));
	UT_EXPECT(mschapv2_nt_password_hash(big, MSCHAPV2_PW_MAX, a));
	UT_EXPECT(!mschapv2_nt_password_hash(big, MSCHAPV2_PW_MAX + 1, a));
}

UT_MAIN("eapol_mschapv2",
	UT_ENTRY(challenge_hash),
	UT_ENTRY(nt_password_hash),
	UT_ENTRY(challenge_response),
	UT_ENTRY(authenticator_response),
	UT_ENTRY(mppe_keys),
	UT_ENTRY(password_utf8))
