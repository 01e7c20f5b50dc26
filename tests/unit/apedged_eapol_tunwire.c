// SPDX-License-Identifier: GPL-2.0
/*
 * The codecs inside the tunnels (eapol/tunwire.c) with byte vectors: TTLS
 * AVPs (RFC 5281 §10.1) with and without Vendor-ID and padding, PEAP
 * TLVs, EAP-MSCHAPv2 packets, and every truncation of each.
 */
#include "ut.h"
#include "eapol/tunwire.h"

UT_CASE(avp_vectors)
{
	uint8_t b[64], want[64];
	size_t off = 0, n;
	struct cur c;
	struct ttls_avp a;

	/* User-Name "bob": code 1, M, length 11, one octet of padding */
	UT_ASSERT(ttls_avp_put(b, sizeof(b), &off, 1, 0, true, "bob", 3));
	n = ut_hex(want, "00000001 4000000b 626f62 00");
	UT_EXPECT(off == n && !memcmp(b, want, n));
	/* MS-CHAP-Challenge: vendor 311, V|M, length 12 + 16 */
	off = 0;
	memset(want, 0xab, 16);
	UT_ASSERT(ttls_avp_put(b, sizeof(b), &off, 11, 311, true, want, 16));
	UT_EXPECT(off == 28);
	n = ut_hex(want, "0000000b c000001c 00000137");
	UT_EXPECT(!memcmp(b, want, n));
	/* parse back both, the last without its padding */
	off = 0;
	UT_ASSERT(ttls_avp_put(b, sizeof(b), &off, 1, 0, true, "bob", 3));
	UT_ASSERT(ttls_avp_put(b, sizeof(b), &off, 26, 311, false, "xy", 2));
	UT_EXPECT(off == 12 + 16);
	c = cur_init(b, off - 2);		/* padding cut */
	UT_ASSERT(ttls_avp_next(&c, &a) == TUN_OK);
	UT_EXPECT(a.code == 1 && !a.vendor && a.len == 3 &&
		  !memcmp(a.data, "bob", 3) && (a.flags & TTLS_AVP_FLAG_M));
	UT_ASSERT(ttls_avp_next(&c, &a) == TUN_OK);
	UT_EXPECT(a.code == 26 && a.vendor == 311 && a.len == 2 &&
		  !(a.flags & TTLS_AVP_FLAG_M));
	UT_EXPECT(!cur_left(&c));
	/* no room: refused, nothing written past cap */
	off = 0;
	UT_EXPECT(!ttls_avp_put(b, 11, &off, 1, 0, true, "bob", 3));
	UT_EXPECT(off == 0);
}

UT_CASE(avp_truncations)
{
	uint8_t b[64];
	size_t off = 0;
	struct cur c;
	struct ttls_avp a;

	UT_ASSERT(ttls_avp_put(b, sizeof(b), &off, 11, 311, true, "0123456789abcdef", 16));
	for (size_t n = 0; n < 28; n++) {
		c = cur_init(b, n);
		UT_EXPECT(ttls_avp_next(&c, &a) != TUN_OK);
		UT_EXPECT(!cur_left(&c));
	}
	/* lengths below the header: 7, and 11 with V */
	{
		uint8_t h[12];

		ut_hex(h, "00000001 40000007");
		c = cur_init(h, 8);
		UT_EXPECT(ttls_avp_next(&c, &a) == TUN_ERR_LEN);
		ut_hex(h, "00000001 c000000b 00000137");
		c = cur_init(h, 12);
		UT_EXPECT(ttls_avp_next(&c, &a) == TUN_ERR_LEN);
		ut_hex(h, "00000001 40ffffff");
		c = cur_init(h, 8);
		UT_EXPECT(ttls_avp_next(&c, &a) == TUN_ERR_LEN);
	}
}

UT_CASE(tlv_vectors)
{
	uint8_t b[32], want[32];
	size_t n;
	struct cur c;
	struct peap_tlv t;

	UT_ASSERT(peap_tlv_result(b, sizeof(b), PEAP_RESULT_SUCCESS) == 6);
	n = ut_hex(want, "8003 0002 0001");
	UT_EXPECT(!memcmp(b, want, n));
	UT_EXPECT(!peap_tlv_result(b, 5, PEAP_RESULT_FAILURE));
	/* Result then a Crypto-Binding (mandatory, 4 octets of value) */
	n = ut_hex(b, "8003 0002 0002 800c 0004 01020304");
	c = cur_init(b, n);
	UT_ASSERT(peap_tlv_next(&c, &t) == TUN_OK);
	UT_EXPECT(t.type == 3 && t.mandatory && t.len == 2 && t.val[1] == 2);
	UT_ASSERT(peap_tlv_next(&c, &t) == TUN_OK);
	UT_EXPECT(t.type == 12 && t.len == 4 && !cur_left(&c));
	for (size_t k = 1; k < 4; k++) {
		c = cur_init(b, k);
		UT_EXPECT(peap_tlv_next(&c, &t) == TUN_ERR_SHORT);
	}
	for (size_t k = 4; k < 6; k++) {
		c = cur_init(b, k);
		UT_EXPECT(peap_tlv_next(&c, &t) == TUN_ERR_LEN);
	}
}

UT_CASE(mschapv2_packets)
{
	uint8_t b[128], chal[16], nt[24];
	struct mschapv2_pkt m;
	size_t n;

	/* Challenge: op 1, id 7, MS-Length 4+1+16+3, "srv" */
	n = ut_hex(b, "01 07 0018 10 000102030405060708090a0b0c0d0e0f 737276");
	UT_ASSERT(mschapv2_pkt_parse(b, n, &m) == TUN_OK);
	UT_EXPECT(m.op == 1 && m.id == 7 && m.chal && m.chal[15] == 0x0f &&
		  m.text_len == 3 && !memcmp(m.text, "srv", 3));
	for (size_t k = 0; k < n - 3; k++)
		UT_EXPECT(mschapv2_pkt_parse(b, k, &m) != TUN_OK);
	/* Value-Size other than 16 */
	b[4] = 8;
	UT_EXPECT(mschapv2_pkt_parse(b, n, &m) == TUN_ERR_VALUE);
	b[4] = 16;
	/* MS-Length past the end, or below the header */
	b[3] = 0x19;
	UT_EXPECT(mschapv2_pkt_parse(b, n, &m) == TUN_ERR_LEN);
	b[2] = 0; b[3] = 3;
	UT_EXPECT(mschapv2_pkt_parse(b, n, &m) == TUN_ERR_LEN);
	/* Success: the message is the rest inside MS-Length */
	n = ut_hex(b, "03 07 0006 5331 ffff");
	UT_ASSERT(mschapv2_pkt_parse(b, n, &m) == TUN_OK);
	UT_EXPECT(m.op == 3 && m.text_len == 2);
	/* an op a server does not send */
	n = ut_hex(b, "02 07 0004");
	UT_EXPECT(mschapv2_pkt_parse(b, n, &m) == TUN_ERR_VALUE);
	UT_EXPECT(mschapv2_pkt_parse(b, 0, &m) == TUN_ERR_SHORT);
	/* our Response */
	memset(chal, 0x11, 16);
	memset(nt, 0x22, 24);
	n = mschapv2_pkt_response(b, sizeof(b), 7, chal, nt, "bob", 3);
	UT_ASSERT(n == 57);
	UT_EXPECT(b[0] == 2 && b[1] == 7 && b[2] == 0 && b[3] == 57 &&
		  b[4] == 49 && b[5] == 0x11 && b[21] == 0 && b[28] == 0 &&
		  b[29] == 0x22 && b[52] == 0x22 && b[53] == 0 &&
		  !memcmp(b + 54, "bob", 3));
	UT_EXPECT(!mschapv2_pkt_response(b, 56, 7, chal, nt, "bob", 3));
}

UT_MAIN("eapol_tunwire",
	UT_ENTRY(avp_vectors),
	UT_ENTRY(avp_truncations),
	UT_ENTRY(tlv_vectors),
	UT_ENTRY(mschapv2_packets))
