// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/sta_sm.c: the WPA2 station around wpa.c, driven on a virtual
 * clock with a recorder in place of nl80211.  The frames are the real
 * exchange in tests/unit/wpa_real_vectors.h (hostapd 2.10 against
 * wpa_supplicant 2.10 on mac80211_hwsim; AA 02:00:00:00:00:00, SPA
 * 02:00:00:00:01:00): the machine must send what wpa_supplicant sent,
 * and ask for the keys it installed, once each.
 */
#include <errno.h>

#include "eapol/sta_sm.h"
#include "lib/log.h"
#include "ut.h"
#include "wpa_real_vectors.h"

static uint8_t snonce[32];

static bool rng(void *ctx, uint8_t *buf, size_t len)
{
	memcpy(buf, snonce, len);
	return true;
}

#define REC_MAX 32

struct rec {
	char op[REC_MAX][16];
	size_t n;
	/* the last of each */
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t ie[64];
	size_t ie_len;
	uint8_t frame[512];
	size_t frame_len;
	bool no_encrypt;
	struct sta_keyrec {
		bool pairwise;
		uint32_t cipher;
		uint8_t idx, mac[6], data[32], seq[6];
		size_t len, seq_len;
		bool has_mac, set_default;
	} keys[8];
	size_t n_keys;
	int fail_connect, fail_key;
	enum wsta_state last_to;
};

static struct rec R;

static void add(const char *op)
{
	if (R.n < REC_MAX)
		snprintf(R.op[R.n++], sizeof(R.op[0]), "%s", op);
}

static int count(const char *op)
{
	int c = 0;

	for (size_t i = 0; i < R.n; i++)
		c += !strcmp(R.op[i], op);
	return c;
}

static int r_connect(void *ctx, const struct wsta_connect *c)
{
	add("connect");
	memcpy(R.ssid, c->ssid, c->ssid_len);
	R.ssid_len = c->ssid_len;
	memcpy(R.ie, c->ie, c->ie_len);
	R.ie_len = c->ie_len;
	return R.fail_connect;
}

static int r_disconnect(void *ctx)
{
	add("disconnect");
	return 0;
}

static int r_get_bss(void *ctx, const uint8_t bssid[6])
{
	add("get_bss");
	return 0;
}

static int r_tx(void *ctx, const uint8_t dst[6], const uint8_t *frame,
		size_t len, bool no_encrypt)
{
	add("tx");
	memcpy(R.frame, frame, len);
	R.frame_len = len;
	R.no_encrypt = no_encrypt;
	return 0;
}

static int r_new_key(void *ctx, const struct wsta_key *k)
{
	struct sta_keyrec *r = &R.keys[R.n_keys++ % 8];

	add("new_key");
	memset(r, 0, sizeof(*r));
	r->pairwise = k->pairwise;
	r->cipher = k->cipher;
	r->idx = k->idx;
	r->has_mac = k->mac != NULL;
	if (k->mac)
		memcpy(r->mac, k->mac, 6);
	memcpy(r->data, k->data, k->len);
	r->len = k->len;
	memcpy(r->seq, k->seq, 6);
	r->seq_len = k->seq_len;
	r->set_default = k->set_default;
	return R.fail_key;
}

static int r_authorize(void *ctx, const uint8_t bssid[6])
{
	add("authorize");
	return 0;
}

static void r_state(void *ctx, enum wsta_state from, enum wsta_state to,
		    const char *why)
{
	R.last_to = to;
}

static const struct wsta_sm_ops ops = {
	.connect = r_connect, .disconnect = r_disconnect,
	.get_bss = r_get_bss, .tx_eapol = r_tx, .new_key = r_new_key,
	.authorize = r_authorize, .state = r_state,
};

static const uint8_t AA[6] = { 2, 0, 0, 0, 0, 0 };

static void setup(struct wsta_sm *sm)
{
	struct wsta_sm_cfg c;

	log_set_level(0);
	memset(&R, 0, sizeof(R));
	memset(&c, 0, sizeof(c));
	snprintf(c.ifname, sizeof(c.ifname), "wlan1");
	memcpy(c.ssid, "apedge-vec", 10);
	c.ssid_len = 10;
	c.key_mgmt = WSTA_KM_PSK;
	ut_hex(c.pmk, pmk_hex);
	ut_hex(c.own_addr, "020000000100");
	c.rng = rng;
	ut_hex(snonce, h2_snonce);
	wsta_sm_init(sm, &c, &ops, NULL, 0);
}

static bool same_hex(const uint8_t *got, size_t len, const char *hex)
{
	uint8_t want[256];

	return ut_hex(want, hex) == len && !memcmp(got, want, len);
}

static void feed(struct wsta_sm *sm, const char *hex, uint64_t now)
{
	uint8_t f[256];
	size_t n = ut_hex(f, hex);

	wsta_sm_eapol(sm, AA, f, n, now);
}

/* Up to HANDSHAKE with the AP's RSNE. */
static void associate(struct wsta_sm *sm, uint64_t now)
{
	uint8_t ie[64];
	size_t n = ut_hex(ie, rsne_hex);

	wsta_sm_link(sm, true, now);
	wsta_sm_connected(sm, AA, 0, now);
	wsta_sm_bss(sm, ie, n, 2412, now);
}

UT_CASE(rsn_ie_as_wpa_supplicant)
{
	uint8_t b[64];

	UT_EXPECT(same_hex(b, wsta_rsn_ie(b, sizeof(b), WSTA_AKM_PSK),
			   rsne_hex));
	UT_EXPECT(wsta_rsn_ie(b, 21, WSTA_AKM_PSK) == 0);
	UT_EXPECT(wsta_rsn_ie(b, 22, WSTA_AKM_8021X) == 22 && b[19] == 1);
}

/* The RSNE among a Beacon's elements, and every truncation. */
UT_CASE(find_rsne)
{
	uint8_t ies[64], want[32];
	size_t n = 0, wl = ut_hex(want, rsne_hex), l = 0;
	const uint8_t *r;

	n += ut_hex(ies + n, "000a6170656467652d766563");	/* SSID */
	n += ut_hex(ies + n, "010882848b960c121824");	/* rates */
	n += ut_hex(ies + n, "030101");			/* DS */
	memcpy(ies + n, want, wl);
	n += wl;
	n += ut_hex(ies + n, "dd0400000000");		/* vendor */
	r = wsta_find_rsne(ies, n, &l);
	UT_EXPECT(r == ies + 25 && l == 22);
	for (size_t cut = 0; cut < n; cut++) {
		r = wsta_find_rsne(ies, cut, &l);
		/* whole only once all of it is there */
		if (cut >= 47)
			UT_EXPECT(r == ies + 25 && l == 22);
		else
			UT_EXPECT(r == NULL);
	}
	/* an element before it that claims too much hides it */
	ies[1] = 0xff;
	UT_EXPECT(wsta_find_rsne(ies, n, &l) == NULL);
	/* none */
	UT_EXPECT(wsta_find_rsne(ies + 3, 0, &l) == NULL);
	ut_hex(ies, "0000dd00");
	UT_EXPECT(wsta_find_rsne(ies, 4, &l) == NULL);
	ut_hex(ies, "3000");
	UT_EXPECT(wsta_find_rsne(ies, 2, &l) == ies && l == 2);
}

UT_CASE(key_arguments)
{
	struct wpa_action a;
	struct wsta_key k;

	memset(&a, 0, sizeof(a));
	a.type = WPA_ACT_INSTALL_PTK;
	a.key.len = 16;
	UT_EXPECT(wsta_key_from_action(&a, AA, &k));
	UT_EXPECT(k.pairwise && k.cipher == 0x000fac04 && k.idx == 0 &&
		  k.mac == AA && k.seq_len == 0 && k.len == 16);
	a.type = WPA_ACT_INSTALL_GTK;
	a.key.id = 2;
	a.key.tx = true;
	memcpy(a.key.rsc, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	UT_EXPECT(wsta_key_from_action(&a, AA, &k));
	UT_EXPECT(!k.pairwise && k.idx == 2 && !k.mac && k.seq_len == 6 &&
		  !memcmp(k.seq, "\x01\x02\x03\x04\x05\x06", 6) &&
		  k.set_default);
	a.key.id = 4;
	UT_EXPECT(!wsta_key_from_action(&a, AA, &k));	/* no GTK id 4 */
	a.type = WPA_ACT_INSTALL_IGTK;
	UT_EXPECT(wsta_key_from_action(&a, AA, &k) &&
		  k.cipher == 0x000fac06 && k.idx == 4);
	a.key.len = 32;
	UT_EXPECT(!wsta_key_from_action(&a, AA, &k));
	a.type = WPA_ACT_SEND;
	UT_EXPECT(!wsta_key_from_action(&a, AA, &k));
}

UT_CASE(handshake_as_wpa_supplicant)
{
	static struct wsta_sm sm;

	setup(&sm);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	wsta_sm_link(&sm, true, 10);
	UT_EXPECT(sm.state == WSTA_CONNECTING && count("connect") == 1);
	UT_EXPECT(R.ssid_len == 10 && !memcmp(R.ssid, "apedge-vec", 10));
	UT_EXPECT(same_hex(R.ie, R.ie_len, rsne_hex));
	wsta_sm_connected(&sm, AA, 0, 20);
	UT_EXPECT(sm.state == WSTA_ASSOCIATED && count("get_bss") == 1);
	{
		uint8_t ie[64];
		size_t n = ut_hex(ie, rsne_hex);

		wsta_sm_bss(&sm, ie, n, 2412, 30);
	}
	UT_EXPECT(sm.state == WSTA_HANDSHAKE && sm.freq == 2412);
	feed(&sm, h2_msg1, 40);
	UT_EXPECT(count("tx") == 1 && R.no_encrypt &&
		  same_hex(R.frame, R.frame_len, h2_msg2));
	feed(&sm, h2_msg3, 50);
	UT_EXPECT(count("tx") == 2 && R.no_encrypt &&
		  same_hex(R.frame, R.frame_len, h2_msg4));
	UT_ASSERT(count("new_key") == 2);
	UT_EXPECT(R.keys[0].pairwise && R.keys[0].has_mac &&
		  !memcmp(R.keys[0].mac, AA, 6) &&
		  same_hex(R.keys[0].data, R.keys[0].len, h2_tk));
	UT_EXPECT(!R.keys[1].pairwise && R.keys[1].idx == 1 &&
		  !R.keys[1].has_mac && R.keys[1].seq_len == 6 &&
		  !R.keys[1].set_default &&
		  same_hex(R.keys[1].data, R.keys[1].len, h2_gtk));
	UT_EXPECT(count("authorize") == 1);
	UT_EXPECT(sm.state == WSTA_COMPLETED && R.last_to == WSTA_COMPLETED);
	UT_EXPECT(sm.completed_at == 50 && sm.stats.completed == 1);
	/* hostapd's retransmitted message 3: message 4 again (now under
	 * the PTK), nothing installed (KRACK). */
	feed(&sm, h2_msg3b, 60);
	UT_EXPECT(count("tx") == 3 && !R.no_encrypt &&
		  same_hex(R.frame, R.frame_len, h2_msg4b));
	UT_EXPECT(count("new_key") == 2 && count("authorize") == 1);
	/* the first message 3 replayed: dropped */
	feed(&sm, h2_msg3, 70);
	UT_EXPECT(count("tx") == 3 && sm.wpa.stats.drops[WPA_DROP_REPLAY] == 1);
	UT_EXPECT(sm.state == WSTA_COMPLETED);
	wsta_sm_fini(&sm);
}

/* Message 1 before the scan cache answered: held, then taken. */
UT_CASE(message1_held_until_rsne)
{
	static struct wsta_sm sm;
	uint8_t ie[64];
	size_t n = ut_hex(ie, rsne_hex);

	setup(&sm);
	wsta_sm_link(&sm, true, 0);
	wsta_sm_connected(&sm, AA, 0, 1);
	feed(&sm, h2_msg1, 2);
	UT_EXPECT(count("tx") == 0 && sm.held_len == 99);
	wsta_sm_bss(&sm, ie, n, 0, 3);
	UT_EXPECT(count("tx") == 1 && same_hex(R.frame, R.frame_len, h2_msg2));
	UT_EXPECT(sm.held_len == 0);
	wsta_sm_fini(&sm);
}

/* A frame from another MAC moves nothing. */
UT_CASE(frames_from_others_ignored)
{
	static struct wsta_sm sm;
	static const uint8_t other[6] = { 2, 0, 0, 0, 9, 9 };
	uint8_t f[256];
	size_t n = ut_hex(f, h2_msg1);

	setup(&sm);
	associate(&sm, 0);
	wsta_sm_eapol(&sm, other, f, n, 1);
	UT_EXPECT(count("tx") == 0 && sm.wpa.stats.rx == 0);
	wsta_sm_fini(&sm);
}

/* The AP leaves after message 1 (a wrong PSK): why, and a backoff that
 * doubles up to its cap. */
UT_CASE(wrong_psk_backs_off)
{
	static struct wsta_sm sm;
	uint64_t now = 0, dl, prev_gap = 0;

	setup(&sm);
	associate(&sm, now);
	feed(&sm, h2_msg1, now);
	wsta_sm_disconnected(&sm, 15, true, 100);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	UT_EXPECT(strstr(sm.why, "wrong PSK") != NULL);
	UT_EXPECT(sm.stats.handshake_failures == 1);
	UT_EXPECT(wsta_sm_deadline(&sm) == 100 + WSTA_BACKOFF_MIN_MS);
	now = 100;
	for (int i = 0; i < 12; i++) {
		dl = wsta_sm_deadline(&sm);
		UT_ASSERT(dl != UINT64_MAX);
		UT_EXPECT(dl - now >= prev_gap);
		UT_EXPECT(dl - now <= WSTA_BACKOFF_MAX_MS);
		prev_gap = dl - now;
		wsta_sm_tick(&sm, dl - 1);
		UT_EXPECT(sm.state == WSTA_DISCONNECTED);
		now = dl;
		wsta_sm_tick(&sm, now);
		UT_EXPECT(sm.state == WSTA_CONNECTING);
		wsta_sm_connected(&sm, NULL, 0xffff, now);
		UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	}
	UT_EXPECT(prev_gap == WSTA_BACKOFF_MAX_MS);
	UT_EXPECT(sm.stats.connects == 13 && sm.attempts == 13);
	wsta_sm_fini(&sm);
}

/* No CONNECT event: given up after WSTA_CONNECT_TIMEOUT_MS. */
UT_CASE(connect_timeout)
{
	static struct wsta_sm sm;

	setup(&sm);
	wsta_sm_link(&sm, true, 0);
	UT_EXPECT(wsta_sm_deadline(&sm) == WSTA_CONNECT_TIMEOUT_MS);
	wsta_sm_tick(&sm, WSTA_CONNECT_TIMEOUT_MS);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && count("disconnect") == 1);
	UT_EXPECT(sm.stats.timeouts == 1);
	wsta_sm_fini(&sm);
}

/* No message 1: wpa.c's handshake timeout ends it. */
UT_CASE(handshake_timeout)
{
	static struct wsta_sm sm;

	setup(&sm);
	associate(&sm, 0);
	UT_EXPECT(wsta_sm_deadline(&sm) == WPA_HANDSHAKE_TIMEOUT_MS);
	wsta_sm_tick(&sm, WPA_HANDSHAKE_TIMEOUT_MS);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && count("disconnect") == 1);
	UT_EXPECT(sm.stats.handshake_failures == 1);
	wsta_sm_fini(&sm);
}

/* A key the driver refuses: the connection ends, no authorize. */
UT_CASE(key_refused)
{
	static struct wsta_sm sm;

	setup(&sm);
	associate(&sm, 0);
	feed(&sm, h2_msg1, 1);
	R.fail_key = -EINVAL;
	feed(&sm, h2_msg3, 2);
	UT_EXPECT(count("new_key") == 1 && count("authorize") == 0);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && count("disconnect") == 1);
	wsta_sm_fini(&sm);
}

/* CONNECT refused by the kernel; the link going down stops the retries. */
UT_CASE(connect_refused_and_link_down)
{
	static struct wsta_sm sm;

	setup(&sm);
	R.fail_connect = -EBUSY;
	wsta_sm_link(&sm, true, 0);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && sm.stats.connect_failures == 1);
	UT_EXPECT(wsta_sm_deadline(&sm) == WSTA_BACKOFF_MIN_MS);
	R.fail_connect = 0;
	wsta_sm_tick(&sm, WSTA_BACKOFF_MIN_MS);
	UT_EXPECT(sm.state == WSTA_CONNECTING);
	wsta_sm_link(&sm, false, 2000);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED);
	UT_EXPECT(wsta_sm_deadline(&sm) == UINT64_MAX);
	wsta_sm_link(&sm, true, 3000);
	UT_EXPECT(sm.state == WSTA_CONNECTING && count("connect") == 3);
	wsta_sm_fini(&sm);
}

/* A completed connection resets the backoff; a disconnect then says so. */
UT_CASE(disconnect_after_completed)
{
	static struct wsta_sm sm;

	setup(&sm);
	associate(&sm, 0);
	feed(&sm, h2_msg1, 1);
	feed(&sm, h2_msg3, 2);
	UT_ASSERT(sm.state == WSTA_COMPLETED);
	wsta_sm_disconnected(&sm, 3, true, 1000);
	UT_EXPECT(sm.state == WSTA_DISCONNECTED && sm.stats.disconnects == 1);
	UT_EXPECT(strstr(sm.why, "by the AP") && !strstr(sm.why, "PSK"));
	UT_EXPECT(wsta_sm_deadline(&sm) == 1000 + WSTA_BACKOFF_MIN_MS);
	UT_EXPECT(!sm.ptk_installed);
	wsta_sm_fini(&sm);
}

UT_MAIN("eapol_station",
	UT_ENTRY(rsn_ie_as_wpa_supplicant),
	UT_ENTRY(find_rsne),
	UT_ENTRY(key_arguments),
	UT_ENTRY(handshake_as_wpa_supplicant),
	UT_ENTRY(message1_held_until_rsne),
	UT_ENTRY(frames_from_others_ignored),
	UT_ENTRY(wrong_psk_backs_off),
	UT_ENTRY(connect_timeout),
	UT_ENTRY(handshake_timeout),
	UT_ENTRY(key_refused),
	UT_ENTRY(connect_refused_and_link_down),
	UT_ENTRY(disconnect_after_completed))
