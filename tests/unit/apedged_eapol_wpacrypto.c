// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/wpacrypto.c against published vectors: IEEE 802.11-2020 Annex J
 * (J.3 PRF, J.4 passphrase to PSK, J.7.1 PTK: Tables J-13 and J-15),
 * RFC 3394 §4.1 and §4.2 (AES key wrap), RFC 4493 §4 (AES-CMAC, for
 * descriptor version 3).
 */
#include "eapol/wpacrypto.h"
#include "ut.h"

static int eq_hex(const uint8_t *got, size_t n, const char *hex)
{
	uint8_t want[256];
	size_t m = ut_hex(want, hex);

	if (m != n || memcmp(got, want, n)) {
		size_t i;

		fprintf(stderr, "  got ");
		for (i = 0; i < n; i++)
			fprintf(stderr, "%02x", got[i]);
		fprintf(stderr, "\n  want %s\n", hex);
		return 0;
	}
	return 1;
}

UT_CASE(prf_j3_case1)
{
	uint8_t key[20], out[64];

	memset(key, 0x0b, sizeof(key));
	UT_ASSERT(wpa_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There",
			       8, out, 64));
	UT_EXPECT(eq_hex(out, 64,
		"bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee"
		"75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a"));
}

UT_CASE(prf_j3_case2)
{
	uint8_t out[64];

	UT_ASSERT(wpa_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
			       (const uint8_t *)"what do ya want for nothing?",
			       28, out, 64));
	UT_EXPECT(eq_hex(out, 64,
		"51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009"
		"a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc"));
}

UT_CASE(prf_j3_shorter_is_prefix)
{
	uint8_t key[20], a[64], b[48];

	memset(key, 0x0b, sizeof(key));
	UT_ASSERT(wpa_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There",
			       8, a, 64));
	UT_ASSERT(wpa_prf_sha1(key, 20, "prefix", (const uint8_t *)"Hi There",
			       8, b, 48));
	UT_EXPECT(!memcmp(a, b, 48));
	{
		uint8_t big[160];

		UT_EXPECT(!wpa_prf_sha1(key, 20, "p", NULL, 0, big, 129));
		UT_EXPECT(wpa_prf_sha1(key, 20, "p", NULL, 0, big, 128));
	}
}

UT_CASE(psk_j4_vectors)
{
	uint8_t psk[32];
	char a32[33], z32[33];

	UT_ASSERT(wpa_psk_from_passphrase("password", (const uint8_t *)"IEEE",
					  4, psk));
	UT_EXPECT(eq_hex(psk, 32,
		"f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"));
	UT_ASSERT(wpa_psk_from_passphrase("ThisIsAPassword",
					  (const uint8_t *)"ThisIsASSID", 11,
					  psk));
	UT_EXPECT(eq_hex(psk, 32,
		"0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"));
	memset(a32, 'a', 32);
	a32[32] = 0;
	memset(z32, 'Z', 32);
	z32[32] = 0;
	UT_ASSERT(wpa_psk_from_passphrase(a32, (const uint8_t *)z32, 32, psk));
	UT_EXPECT(eq_hex(psk, 32,
		"becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62"));
}

UT_CASE(psk_refuses_bad_passphrase)
{
	uint8_t psk[32];
	char long64[65];

	memset(long64, 'x', 64);
	long64[64] = 0;
	UT_EXPECT(!wpa_psk_from_passphrase("1234567", (const uint8_t *)"n", 1,
					   psk));
	UT_EXPECT(!wpa_psk_from_passphrase(long64, (const uint8_t *)"n", 1,
					   psk));
	UT_EXPECT(!wpa_psk_from_passphrase("abcdefg\x01", (const uint8_t *)"n",
					   1, psk));
	UT_EXPECT(!wpa_psk_from_passphrase("password", (const uint8_t *)"n", 0,
					   psk));
	UT_EXPECT(!wpa_psk_from_passphrase("password",
		(const uint8_t *)"0123456789012345678901234567890123", 33, psk));
}

/* 802.11-2020 J.7.1: Table J-13 inputs, Table J-15 KCK, KEK and TK. */
UT_CASE(ptk_j7_vector)
{
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32];
	struct wpa_ptk ptk;

	ut_hex(pmk, "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af");
	ut_hex(aa, "a0a1a1a3a4a5");
	ut_hex(spa, "b0b1b2b3b4b5");
	ut_hex(sn, "c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5");
	ut_hex(an, "e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405");
	UT_ASSERT(wpa_ptk_derive(pmk, 32, aa, spa, an, sn, &ptk));
	UT_EXPECT(eq_hex(ptk.kck, 16, "379f9852d0199236b94e407ce4c00ec8"));
	UT_EXPECT(eq_hex(ptk.kek, 16, "47c9edc01c2c6e5b4910caddfb3e51a7"));
	UT_EXPECT(eq_hex(ptk.tk, 16, "b2360c79e9710fdd58bea93deaf06599"));
	UT_EXPECT(ptk.tk_len == 16);
	/* Min/Max: the roles swapped give the same keys. */
	{
		struct wpa_ptk b;

		UT_ASSERT(wpa_ptk_derive(pmk, 32, spa, aa, sn, an, &b));
		UT_EXPECT(!memcmp(&ptk, &b, sizeof(b)));
	}
}

UT_CASE(keywrap_rfc3394)
{
	uint8_t kek[16], plain[32], wrapped[40], back[32];

	ut_hex(kek, "000102030405060708090A0B0C0D0E0F");
	ut_hex(plain, "00112233445566778899AABBCCDDEEFF");
	/* §4.1: 128 bits of key data with a 128-bit KEK */
	UT_ASSERT(wpa_aes_wrap(kek, plain, 16, wrapped));
	UT_EXPECT(eq_hex(wrapped, 24,
		"1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"));
	UT_ASSERT(wpa_aes_unwrap(kek, wrapped, 24, back));
	UT_EXPECT(!memcmp(back, plain, 16));
	/* §4.3 key data (192 bits) under the 128-bit KEK is not in the RFC;
	 * round trip with 256 bits of data instead. */
	ut_hex(plain, "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
	UT_ASSERT(wpa_aes_wrap(kek, plain, 32, wrapped));
	UT_ASSERT(wpa_aes_unwrap(kek, wrapped, 40, back));
	UT_EXPECT(!memcmp(back, plain, 32));
}

UT_CASE(keyunwrap_refuses)
{
	uint8_t kek[16], wrapped[24], back[16];

	ut_hex(kek, "000102030405060708090A0B0C0D0E0F");
	ut_hex(wrapped, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
	wrapped[23] ^= 1;		/* integrity check fails */
	UT_EXPECT(!wpa_aes_unwrap(kek, wrapped, 24, back));
	wrapped[23] ^= 1;
	UT_EXPECT(!wpa_aes_unwrap(kek, wrapped, 16, back));	/* too short */
	UT_EXPECT(!wpa_aes_unwrap(kek, wrapped, 23, back));	/* not 8n */
	kek[0] ^= 1;			/* wrong KEK */
	UT_EXPECT(!wpa_aes_unwrap(kek, wrapped, 24, back));
}

/* Version 2 MIC: HMAC-SHA1 cut to 128 bits.  The PRF's first block is
 * HMAC-SHA1(K, A || 0 || B || 0), checked above against J.3, so a MIC
 * over those octets must be that block's first 16. */
UT_CASE(mic_v2_is_hmac_sha1_128)
{
	uint8_t kck[16], frame[64], mic[16], block[20];
	const char *label = "prefix";

	memset(kck, 0x0b, sizeof(kck));
	/* frame = "prefix" 00 "Hi There" 00: PRF's first block input */
	memcpy(frame, label, 6);
	frame[6] = 0;
	memcpy(frame + 7, "Hi There", 8);
	frame[15] = 0;
	UT_ASSERT(wpa_mic(2, kck, frame, 16, mic));
	UT_ASSERT(wpa_prf_sha1(kck, 16, "prefix", (const uint8_t *)"Hi There",
			       8, block, 20));
	UT_EXPECT(!memcmp(mic, block, 16));
	UT_EXPECT(!wpa_mic(1, kck, frame, 16, mic));	/* HMAC-MD5: no */
}

/* RFC 4493 §4 examples 1 and 2. */
UT_CASE(mic_v3_aes_cmac_rfc4493)
{
	uint8_t key[16], msg[16], mic[16];

	ut_hex(key, "2b7e151628aed2a6abf7158809cf4f3c");
	UT_ASSERT(wpa_mic(3, key, msg, 0, mic));
	UT_EXPECT(eq_hex(mic, 16, "bb1d6929e95937287fa37d129b756746"));
	ut_hex(msg, "6bc1bee22e409f96e93d7e117393172a");
	UT_ASSERT(wpa_mic(3, key, msg, 16, mic));
	UT_EXPECT(eq_hex(mic, 16, "070a16b46b4d4144f79bdd9dd04a287c"));
}

UT_MAIN("eapol_wpacrypto",
	UT_ENTRY(prf_j3_case1),
	UT_ENTRY(prf_j3_case2),
	UT_ENTRY(prf_j3_shorter_is_prefix),
	UT_ENTRY(psk_j4_vectors),
	UT_ENTRY(psk_refuses_bad_passphrase),
	UT_ENTRY(ptk_j7_vector),
	UT_ENTRY(keywrap_rfc3394),
	UT_ENTRY(keyunwrap_refuses),
	UT_ENTRY(mic_v2_is_hmac_sha1_128),
	UT_ENTRY(mic_v3_aes_cmac_rfc4493))
