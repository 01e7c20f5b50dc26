// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/key.c: the EAPOL-Key frame and its key data elements, with byte
 * vectors written from the layout of IEEE 802.11-2020 §12.7.2 (Figure
 * 12-32) and Table 12-9, and every truncation.
 */
#include "eapol/key.h"
#include "ut.h"

/* Message 1 of a WPA2-PSK 4-way handshake as an authenticator sends it:
 * 802.1X-2004 header, RSN descriptor, key information 0x008a (version 2,
 * pairwise, ACK), key length 16, replay counter 1, ANonce 0x11.., no MIC,
 * key data: a PMKID KDE. */
static const char msg1_hex[] =
	"02 03 0075"				/* version 2, Key, body 117 */
	"02 008a 0010 0000000000000001"
	"1111111111111111111111111111111111111111111111111111111111111111"
	"00000000000000000000000000000000"	/* IV */
	"0000000000000000"			/* RSC */
	"0000000000000000"			/* reserved */
	"00000000000000000000000000000000"	/* MIC */
	"0016"
	"dd14 000fac04 000102030405060708090a0b0c0d0e0f";

UT_CASE(parse_msg1)
{
	uint8_t b[256];
	size_t n = ut_hex(b, msg1_hex);
	struct wpa_key k;
	struct wpa_kdes kd;

	UT_ASSERT(n == 4 + 117);
	UT_ASSERT(wpa_key_parse(b, n, &k) == WPA_KEY_OK);
	UT_EXPECT(k.eapol_version == 2);
	UT_EXPECT(k.desc == WPA_DESC_RSN);
	UT_EXPECT(k.info == (WPA_INFO_PAIRWISE | WPA_INFO_ACK | 2));
	UT_EXPECT(k.key_len == 16);
	UT_EXPECT(k.replay == 1);
	UT_EXPECT(k.nonce[0] == 0x11 && k.nonce[31] == 0x11);
	UT_EXPECT(k.data_len == 22);
	UT_EXPECT(k.data == b + WPA_KEY_DATA_OFF);
	UT_EXPECT(k.frame_len == n);
	UT_ASSERT(wpa_kde_parse(k.data, k.data_len, &kd) == WPA_KDE_OK);
	UT_ASSERT(kd.pmkid);
	UT_EXPECT(kd.pmkid[0] == 0x00 && kd.pmkid[15] == 0x0f);
	UT_EXPECT(!kd.has_gtk && !kd.rsne);
}

UT_CASE(build_is_parse_inverse)
{
	uint8_t b[256], c[256];
	size_t n = ut_hex(b, msg1_hex), m;
	struct wpa_key k;

	UT_ASSERT(wpa_key_parse(b, n, &k) == WPA_KEY_OK);
	m = wpa_key_build(c, sizeof(c), &k);
	UT_EXPECT(m == n);
	UT_EXPECT(!memcmp(b, c, n));
	UT_EXPECT(wpa_key_build(c, n - 1, &k) == 0);	/* does not fit */
}

/* The MIC field's offset is where the layout puts it. */
UT_CASE(offsets)
{
	uint8_t b[256];
	size_t n = ut_hex(b, msg1_hex);
	struct wpa_key k;

	b[WPA_KEY_MIC_OFF] = 0xab;
	b[WPA_KEY_MIC_OFF + 15] = 0xcd;
	b[65] = 0x42;				/* RSC's first octet */
	b[49] = 0x24;				/* IV's first octet */
	UT_ASSERT(wpa_key_parse(b, n, &k) == WPA_KEY_OK);
	UT_EXPECT(k.mic[0] == 0xab && k.mic[15] == 0xcd);
	UT_EXPECT(k.rsc[0] == 0x42 && k.iv[0] == 0x24);
}

/* Every truncation of the frame fails, and the header's length rules. */
UT_CASE(every_truncation)
{
	uint8_t b[256];
	size_t n = ut_hex(b, msg1_hex), i;
	struct wpa_key k;

	for (i = 0; i < n; i++) {
		enum wpa_key_err e = wpa_key_parse(b, i, &k);

		UT_EXPECT(e != WPA_KEY_OK);
		if (i < 4)
			UT_EXPECT(e == WPA_KEY_ERR_SHORT);
		else
			UT_EXPECT(e == WPA_KEY_ERR_BODY_LEN);
	}
	/* The header says less: the body (and its key data) is cut. */
	for (i = 0; i < 117; i++) {
		enum wpa_key_err e;

		b[2] = (uint8_t)(i >> 8);
		b[3] = (uint8_t)i;
		e = wpa_key_parse(b, n, &k);
		UT_EXPECT(e == (i < 95 ? WPA_KEY_ERR_SHORT_BODY :
				WPA_KEY_ERR_DATA_LEN));
	}
}

UT_CASE(padding_after_body_ignored)
{
	uint8_t b[300];
	size_t n = ut_hex(b, msg1_hex);
	struct wpa_key k;

	memset(b + n, 0xee, 20);		/* Ethernet padding */
	UT_ASSERT(wpa_key_parse(b, n + 20, &k) == WPA_KEY_OK);
	UT_EXPECT(k.frame_len == n);
}

UT_CASE(refuses_other_types)
{
	uint8_t b[256];
	size_t n = ut_hex(b, msg1_hex);
	struct wpa_key k;

	b[1] = 0;				/* EAP-Packet */
	UT_EXPECT(wpa_key_parse(b, n, &k) == WPA_KEY_ERR_NOT_KEY);
	b[1] = 3;
	b[4] = 254;				/* WPA1 descriptor */
	UT_EXPECT(wpa_key_parse(b, n, &k) == WPA_KEY_ERR_DESC);
	b[4] = 1;				/* RC4 */
	UT_EXPECT(wpa_key_parse(b, n, &k) == WPA_KEY_ERR_DESC);
	b[4] = 2;
	b[97] = 0;
	b[98] = 23;				/* key data one past */
	UT_EXPECT(wpa_key_parse(b, n, &k) == WPA_KEY_ERR_DATA_LEN);
	b[98] = 0;				/* no key data: fine */
	UT_EXPECT(wpa_key_parse(b, n, &k) == WPA_KEY_OK);
	UT_EXPECT(k.data_len == 0);
	UT_EXPECT(wpa_key_err_name(WPA_KEY_ERR_DESC)[0] != '?');
	UT_EXPECT(wpa_key_err_name(WPA_KEY_ERR_MAX)[0] == '?');
}

/* Message 3's plaintext key data as hostapd lays it out: the RSNE, a GTK
 * KDE (id 1, Tx), an IGTK KDE (id 4), an unknown KDE, a vendor element,
 * then the padding 0xdd 00.. to a multiple of 8. */
static const char kd_hex[] =
	"3014 0100 000fac04 0100 000fac04 0100 000fac02 0c00"	/* RSNE */
	"dd16 000fac01 0500"					/* GTK */
	"   a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	"dd1c 000fac09 0400 010000000000"			/* IGTK */
	"   b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	"dd05 000fac63 ff"					/* unknown */
	"dd05 0050f2 0401"					/* vendor */
	"dd00 00000000";

UT_CASE(kde_walk)
{
	uint8_t b[256];
	size_t n = ut_hex(b, kd_hex);
	struct wpa_kdes kd;

	UT_ASSERT(n % 8 == 0);
	UT_ASSERT(wpa_kde_parse(b, n, &kd) == WPA_KDE_OK);
	UT_ASSERT(kd.rsne == b);
	UT_EXPECT(kd.rsne_len == 22);
	UT_ASSERT(kd.has_gtk);
	UT_EXPECT(kd.gtk_id == 1 && kd.gtk_tx);
	UT_EXPECT(kd.gtk_len == 16 && kd.gtk[0] == 0xa0 && kd.gtk[15] == 0xaf);
	UT_ASSERT(kd.has_igtk);
	UT_EXPECT(kd.igtk_id == 4 && kd.igtk_ipn[0] == 1);
	UT_EXPECT(kd.igtk_len == 16 && kd.igtk[0] == 0xb0);
	UT_EXPECT(kd.skipped == 2);
	UT_EXPECT(!kd.pmkid && !kd.mac);
}

/* Every truncation of the key data: either an error or a clean walk
 * that found less (a cut that lands on an element's end). */
UT_CASE(kde_every_truncation)
{
	uint8_t b[256];
	size_t n = ut_hex(b, kd_hex), i;
	struct wpa_kdes kd;

	for (i = 0; i < n; i++) {
		enum wpa_kde_err e = wpa_kde_parse(b, i, &kd);

		/* element ends, and a lone 0xdd (padding) */
		if (i == 0 || i == 22 || i == 23 || i == 46 || i == 47 ||
		    i == 76 || i == 77 || i == 83 || i == 84 || i >= 90)
			UT_EXPECT(e == WPA_KDE_OK);
		else
			UT_EXPECT(e == WPA_KDE_ERR_TRUNC);
	}
}

UT_CASE(kde_lengths_checked)
{
	uint8_t b[64];
	struct wpa_kdes kd;
	size_t n;

	n = ut_hex(b, "dd06 000fac01 0100");		/* GTK of 0 octets */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_GTK_LEN);
	n = ut_hex(b, "dd0b 000fac01 0100 0102030405");	/* 5: the minimum */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_OK && kd.gtk_len == 5);
	n = ut_hex(b, "dd13 000fac04 000102030405060708090a0b0c0d0e");
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_PMKID_LEN);
	n = ut_hex(b, "dd09 000fac03 0102030405");	/* MAC of 5 */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_MAC_LEN);
	n = ut_hex(b, "dd0a 000fac03 020000000001");
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_OK && kd.mac &&
		  kd.mac[5] == 1);
	n = ut_hex(b, "dd0c 000fac09 0400 010000000000");	/* no IGTK */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_IGTK_LEN);
	n = ut_hex(b, "3000 3000");				/* two RSNEs */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_DUP);
	n = ut_hex(b, "dd0b 000fac01 0100 0102030405"
		      "dd0b 000fac01 0200 0102030405");		/* two GTKs */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_DUP);
	n = ut_hex(b, "dd03 000fac");			/* too short: skipped */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_OK && kd.skipped == 1);
	n = ut_hex(b, "dd");				/* lone pad octet */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_OK);
	n = ut_hex(b, "30");				/* lone id: cut */
	UT_EXPECT(wpa_kde_parse(b, n, &kd) == WPA_KDE_ERR_TRUNC);
	UT_EXPECT(wpa_kde_err_name(WPA_KDE_ERR_DUP)[0] != '?');
}

UT_CASE(kde_builders_round_trip)
{
	uint8_t b[128], gtk[16], igtk[16], ipn[6] = { 7 }, pmkid[16];
	uint8_t mac[6] = { 2, 0, 0, 0, 0, 9 };
	uint8_t rsne[4] = { 0x30, 0x02, 0x01, 0x00 };
	struct wpa_kdes kd;
	size_t off = 0;

	memset(gtk, 0x5a, sizeof(gtk));
	memset(igtk, 0x6b, sizeof(igtk));
	memset(pmkid, 0x7c, sizeof(pmkid));
	UT_ASSERT(wpa_kde_put_ie(b, sizeof(b), &off, rsne, 4));
	UT_ASSERT(wpa_kde_put_gtk(b, sizeof(b), &off, 2, false, gtk, 16));
	UT_ASSERT(wpa_kde_put_igtk(b, sizeof(b), &off, 5, ipn, igtk, 16));
	UT_ASSERT(wpa_kde_put_pmkid(b, sizeof(b), &off, pmkid));
	UT_ASSERT(wpa_kde_put_mac(b, sizeof(b), &off, mac));
	UT_ASSERT(wpa_kde_pad(b, sizeof(b), &off));
	UT_EXPECT(off % 8 == 0);
	UT_ASSERT(wpa_kde_parse(b, off, &kd) == WPA_KDE_OK);
	UT_EXPECT(kd.rsne_len == 4);
	UT_EXPECT(kd.has_gtk && kd.gtk_id == 2 && !kd.gtk_tx &&
		  !memcmp(kd.gtk, gtk, 16));
	UT_EXPECT(kd.has_igtk && kd.igtk_id == 5 && kd.igtk_ipn[0] == 7 &&
		  !memcmp(kd.igtk, igtk, 16));
	UT_EXPECT(kd.pmkid && !memcmp(kd.pmkid, pmkid, 16));
	UT_EXPECT(kd.mac && !memcmp(kd.mac, mac, 6));
	/* no room */
	off = 0;
	UT_EXPECT(!wpa_kde_put_gtk(b, 10, &off, 0, true, gtk, 16) && !off);
	UT_EXPECT(!wpa_kde_put_ie(b, 3, &off, rsne, 4) && !off);
	off = 3;
	UT_EXPECT(wpa_kde_pad(b, sizeof(b), &off) && off == 16);
	UT_EXPECT(b[3] == 0xdd && b[4] == 0 && b[15] == 0);
}

UT_MAIN("eapol_key",
	UT_ENTRY(parse_msg1),
	UT_ENTRY(build_is_parse_inverse),
	UT_ENTRY(offsets),
	UT_ENTRY(every_truncation),
	UT_ENTRY(padding_after_body_ignored),
	UT_ENTRY(refuses_other_types),
	UT_ENTRY(kde_walk),
	UT_ENTRY(kde_every_truncation),
	UT_ENTRY(kde_lengths_checked),
	UT_ENTRY(kde_builders_round_trip))
