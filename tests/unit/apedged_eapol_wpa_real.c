// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/wpa.c and eapol/wpacrypto.c against a real WPA2-PSK exchange:
 * hostapd 2.10 (the AP) and wpa_supplicant 2.10 (the station) of Debian
 * 12 on two mac80211_hwsim radios, run with -dd -K so that they print the
 * frames and the keys they derive (the throwaway VM script that made it
 * is described in Documentation/eapol.rst).  SSID "apedge-vec",
 * passphrase "correct horse battery staple", AA 02:00:00:00:00:00,
 * SPA 02:00:00:00:01:00.
 *
 * The machine is given wpa_supplicant's SNonce through its RNG and must
 * send wpa_supplicant's message 2 octet for octet, derive its PTK, and
 * accept hostapd's message 3 and answer with wpa_supplicant's message 4.
 */
#include "eapol/wpa.h"
#include "lib/log.h"
#include "ut.h"

static const char pmk_hex[] =
	"9e8c34bf5023d6ee0c00c689548bf8485bfb42a9ee081503f941297a5ea76f04";

/* Handshake 1: message 1 and wpa_supplicant's message 2. */
static const char h1_msg1[] =
	"0203005f02008a00100000000000000001"
	"53cfa30ef69473761bebeb693828f77f6f27989975c75a32262bd024c8679fc1"
	"00000000000000000000000000000000" "0000000000000000"
	"0000000000000000" "00000000000000000000000000000000" "0000";
static const char h1_snonce[] =
	"38dd6a71952f69d55d30375c08508e2ac03875fcd34747590435bbf805ecf8d7";
static const char h1_msg2[] =
	"0103007502010a00000000000000000001"
	"38dd6a71952f69d55d30375c08508e2ac03875fcd34747590435bbf805ecf8d7"
	"00000000000000000000000000000000" "0000000000000000"
	"0000000000000000" "967706e13db24301807e624c2f3a02b1"
	"0016" "30140100000fac040100000fac040100000fac020000";
static const char h1_kck[] = "afdb1977c24c0fad013ca358e6e7cd24";
static const char h1_kek[] = "4fb2589ff9ce5b1bc78467a4b72aa69d";
static const char h1_tk[] = "24d8e1cb05b77b1fd6f072ac8d6c3643";

static const char rsne_hex[] = "30140100000fac040100000fac040100000fac020000";

static uint8_t snonce[32];

static bool real_rng(void *ctx, uint8_t *buf, size_t len)
{
	memcpy(buf, snonce, len);
	return true;
}

static void setup(struct wpa_sm *sm)
{
	struct wpa_cfg cfg;

	log_set_level(0);
	memset(&cfg, 0, sizeof(cfg));
	ut_hex(cfg.aa, "020000000000");
	ut_hex(cfg.spa, "020000000100");
	ut_hex(cfg.pmk, pmk_hex);
	cfg.key_ver = 2;
	cfg.group_key_len = 16;
	cfg.own_ie_len = ut_hex(cfg.own_ie, rsne_hex);
	cfg.ap_ie_len = ut_hex(cfg.ap_ie, rsne_hex);
	cfg.rng = real_rng;
	wpa_sm_init(sm, &cfg);
	wpa_sm_start(sm, 0);
}

UT_CASE(psk_as_wpa_supplicant)
{
	uint8_t psk[32], want[32];

	ut_hex(want, pmk_hex);
	UT_ASSERT(wpa_psk_from_passphrase("correct horse battery staple",
					  (const uint8_t *)"apedge-vec", 10,
					  psk));
	UT_EXPECT(!memcmp(psk, want, 32));
}

UT_CASE(msg2_as_wpa_supplicant)
{
	static struct wpa_sm sm;
	static struct wpa_out out;
	uint8_t f[256], want[256], kck[16], kek[16], tk[16];
	size_t n, wn;

	ut_hex(snonce, h1_snonce);
	setup(&sm);
	n = ut_hex(f, h1_msg1);
	UT_ASSERT(n == 99);
	wpa_sm_rx(&sm, f, n, 1, &out);
	UT_ASSERT(out.n == 1 && out.a[0].type == WPA_ACT_SEND);
	wn = ut_hex(want, h1_msg2);
	UT_ASSERT(wn == 121);
	UT_EXPECT(out.a[0].send.len == wn);
	UT_EXPECT(!memcmp(out.a[0].send.frame, want, wn));
	ut_hex(kck, h1_kck);
	ut_hex(kek, h1_kek);
	ut_hex(tk, h1_tk);
	UT_EXPECT(!memcmp(sm.tptk.kck, kck, 16));
	UT_EXPECT(!memcmp(sm.tptk.kek, kek, 16));
	UT_EXPECT(!memcmp(sm.tptk.tk, tk, 16));
	/* hostapd's retransmission (counter 2): the same SNonce again. */
	f[16] = 2;
	wpa_sm_rx(&sm, f, n, 2, &out);
	UT_ASSERT(out.n == 1);
	want[16] = 2;
	UT_EXPECT(!memcmp(out.a[0].send.frame + 17,
			  want + 17, 32));		/* the SNonce */
}

UT_MAIN("eapol_wpa_real",
	UT_ENTRY(psk_as_wpa_supplicant),
	UT_ENTRY(msg2_as_wpa_supplicant))
