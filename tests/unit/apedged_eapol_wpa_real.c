// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/wpa.c and eapol/wpacrypto.c against a real WPA2-PSK exchange:
 * hostapd 2.10 (the AP) and wpa_supplicant 2.10 (the station) of Debian
 * 12 on two mac80211_hwsim radios, run with -dd -K so that they print the
 * frames and the keys they derive.  SSID "apedge-vec",
 * passphrase "correct horse battery staple", AA 02:00:00:00:00:00,
 * SPA 02:00:00:00:01:00.
 *
 * The machine is given wpa_supplicant's SNonce through its RNG and must
 * send wpa_supplicant's message 2 octet for octet, derive its PTK,
 * accept hostapd's message 3 and answer with wpa_supplicant's message 4,
 * install the same PTK and GTK, and answer hostapd's retransmitted
 * message 3 without installing anything.  The script that printed them:
 * tests/vm/wpa_capture.sh (tests/vm/run -k 6.12 wpa_capture).
 */
#include "eapol/wpa.h"
#include "lib/log.h"
#include "ut.h"
#include "wpa_real_vectors.h"

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

static bool same_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[256];

	return ut_hex(want, hex) == len && !memcmp(got, want, len);
}

UT_CASE(handshake_as_wpa_supplicant)
{
	static struct wpa_sm sm;
	static struct wpa_out out;
	uint8_t f[256];
	size_t n;

	ut_hex(snonce, h2_snonce);
	setup(&sm);
	n = ut_hex(f, h2_msg1);
	wpa_sm_rx(&sm, f, n, 1, &out);
	UT_ASSERT(out.n == 1 && out.a[0].type == WPA_ACT_SEND);
	UT_EXPECT(same_hex(out.a[0].send.frame, out.a[0].send.len, h2_msg2));

	n = ut_hex(f, h2_msg3);
	UT_ASSERT(n == 155);
	wpa_sm_rx(&sm, f, n, 2, &out);
	UT_ASSERT(out.n == 4);
	UT_EXPECT(out.a[0].type == WPA_ACT_SEND &&
		  same_hex(out.a[0].send.frame, out.a[0].send.len, h2_msg4));
	UT_EXPECT(out.a[1].type == WPA_ACT_INSTALL_PTK &&
		  same_hex(out.a[1].key.key, out.a[1].key.len, h2_tk));
	UT_EXPECT(out.a[2].type == WPA_ACT_INSTALL_GTK &&
		  out.a[2].key.id == 1 && !out.a[2].key.tx &&
		  same_hex(out.a[2].key.key, out.a[2].key.len, h2_gtk));
	UT_EXPECT(out.a[3].type == WPA_ACT_AUTHORIZE);
	UT_EXPECT(sm.state == WPA_COMPLETED);

	/* KRACK, as it happened: message 3 again, message 4 again, and
	 * nothing installed. */
	n = ut_hex(f, h2_msg3b);
	wpa_sm_rx(&sm, f, n, 3, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(out.a[0].type == WPA_ACT_SEND &&
		  same_hex(out.a[0].send.frame, out.a[0].send.len, h2_msg4b));
	/* And the first message 3 replayed: dropped. */
	n = ut_hex(f, h2_msg3);
	wpa_sm_rx(&sm, f, n, 4, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_REPLAY] == 1);
}

/* Message 3 as hostapd sent it, parsed and unwrapped by hand. */
UT_CASE(msg3_key_data)
{
	uint8_t f[256], kek[16], plain[64];
	struct wpa_key k;
	struct wpa_kdes kd;
	struct wpa_ptk ptk;
	uint8_t pmk[32], an[32], sn[32], aa[6], spa[6];
	size_t n = ut_hex(f, h2_msg3);

	UT_ASSERT(wpa_key_parse(f, n, &k) == WPA_KEY_OK);
	UT_EXPECT(k.info == 0x13ca && k.replay == 7 && k.data_len == 56);
	ut_hex(pmk, pmk_hex);
	memcpy(an, k.nonce, 32);
	ut_hex(sn, h2_snonce);
	ut_hex(aa, "020000000000");
	ut_hex(spa, "020000000100");
	UT_ASSERT(wpa_ptk_derive(pmk, 32, aa, spa, an, sn, &ptk));
	UT_EXPECT(same_hex(ptk.tk, 16, h2_tk));
	memcpy(kek, ptk.kek, 16);
	UT_ASSERT(wpa_aes_unwrap(kek, k.data, k.data_len, plain));
	UT_ASSERT(wpa_kde_parse(plain, 48, &kd) == WPA_KDE_OK);
	UT_EXPECT(kd.rsne_len == 22 && same_hex(kd.rsne, 22, rsne_hex));
	UT_EXPECT(kd.has_gtk && kd.gtk_id == 1 && !kd.gtk_tx &&
		  same_hex(kd.gtk, kd.gtk_len, h2_gtk));
}

UT_MAIN("eapol_wpa_real",
	UT_ENTRY(psk_as_wpa_supplicant),
	UT_ENTRY(msg2_as_wpa_supplicant),
	UT_ENTRY(handshake_as_wpa_supplicant),
	UT_ENTRY(msg3_key_data))
