// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/wpa.c, the supplicant's 4-way and group key handshakes, against
 * an authenticator simulated here from the same primitives (key.c,
 * wpacrypto.c, whose vectors are checked in apedged_eapol_key and
 * apedged_eapol_wpacrypto): a full handshake, the KRACK regressions
 * (named krack_*), the replay counter rules, a MIC failure, a wrong PSK,
 * a downgraded RSNE, and frames that must be dropped with the machine
 * untouched.
 */
#include "eapol/wpa.h"
#include "lib/log.h"
#include "ut.h"

/* WPA2-PSK, CCMP: the RSNE both sides use. */
static const uint8_t rsne[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x00, 0x00,
};
static const uint8_t aa[6] = { 0x02, 0x00, 0x00, 0x00, 0x0a, 0x01 };
static const uint8_t spa[6] = { 0x02, 0x00, 0x00, 0x00, 0x05, 0x01 };

struct auth {
	uint8_t pmk[32];
	uint8_t anonce[32], snonce[32];
	struct wpa_ptk ptk;
	uint64_t replay;
	uint8_t gtk[16];
	uint8_t gtk_id;
	uint8_t rsc[8];
	uint8_t ie[WPA_IE_MAX];
	size_t ie_len;
};

static unsigned int rng_calls;

static bool test_rng(void *ctx, uint8_t *buf, size_t len)
{
	size_t i;

	rng_calls++;
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(0x40 + rng_calls * 7 + i);
	return true;
}

static bool no_rng(void *ctx, uint8_t *buf, size_t len)
{
	return false;
}

static void auth_init(struct auth *a, const char *pass)
{
	memset(a, 0, sizeof(*a));
	wpa_psk_from_passphrase(pass, (const uint8_t *)"apedge", 6, a->pmk);
	memset(a->anonce, 0xa5, 32);
	memset(a->gtk, 0x33, 16);
	a->gtk_id = 1;
	a->rsc[0] = 0x10;
	memcpy(a->ie, rsne, sizeof(rsne));
	a->ie_len = sizeof(rsne);
	a->replay = 0;
}

static void sm_init(struct wpa_sm *sm, const char *pass)
{
	struct wpa_cfg cfg;

	memset(&cfg, 0, sizeof(cfg));
	memcpy(cfg.aa, aa, 6);
	memcpy(cfg.spa, spa, 6);
	wpa_psk_from_passphrase(pass, (const uint8_t *)"apedge", 6, cfg.pmk);
	cfg.key_ver = 2;
	cfg.group_key_len = 16;
	memcpy(cfg.own_ie, rsne, sizeof(rsne));
	cfg.own_ie_len = sizeof(rsne);
	memcpy(cfg.ap_ie, rsne, sizeof(rsne));
	cfg.ap_ie_len = sizeof(rsne);
	cfg.rng = test_rng;
	wpa_sm_init(sm, &cfg);
	wpa_sm_start(sm, 1000);
}

static size_t auth_frame(struct auth *a, uint8_t *buf, uint16_t info,
			 const uint8_t *plain, size_t plain_len, bool mic)
{
	uint8_t wrapped[WPA_KEY_DATA_MAX];
	struct wpa_key k;
	size_t n;

	memset(&k, 0, sizeof(k));
	k.eapol_version = 2;
	k.desc = WPA_DESC_RSN;
	k.info = (uint16_t)(info | 2);
	k.key_len = (info & WPA_INFO_PAIRWISE) ? 16 : 0;
	k.replay = ++a->replay;
	if (info & WPA_INFO_PAIRWISE)
		memcpy(k.nonce, a->anonce, 32);
	memcpy(k.rsc, a->rsc, 8);
	if (plain_len) {
		if (info & WPA_INFO_ENCDATA) {
			wpa_aes_wrap(a->ptk.kek, plain, plain_len, wrapped);
			k.data = wrapped;
			k.data_len = (uint16_t)(plain_len + 8);
		} else {
			k.data = plain;
			k.data_len = (uint16_t)plain_len;
		}
	}
	n = wpa_key_build(buf, WPA_KEY_FRAME_MAX, &k);
	if (mic)
		wpa_mic(2, a->ptk.kck, buf, n, buf + WPA_KEY_MIC_OFF);
	return n;
}

static size_t auth_msg1(struct auth *a, uint8_t *buf)
{
	return auth_frame(a, buf, WPA_INFO_PAIRWISE | WPA_INFO_ACK, NULL, 0,
			  false);
}

static size_t gtk_data(struct auth *a, uint8_t *plain, bool with_ie)
{
	size_t off = 0;

	if (with_ie)
		wpa_kde_put_ie(plain, WPA_KEY_DATA_MAX, &off, a->ie, a->ie_len);
	wpa_kde_put_gtk(plain, WPA_KEY_DATA_MAX, &off, a->gtk_id, true,
			a->gtk, 16);
	wpa_kde_pad(plain, WPA_KEY_DATA_MAX, &off);
	return off;
}

static size_t auth_msg3(struct auth *a, uint8_t *buf)
{
	uint8_t plain[WPA_KEY_DATA_MAX];
	size_t n = gtk_data(a, plain, true);

	return auth_frame(a, buf, WPA_INFO_PAIRWISE | WPA_INFO_ACK |
			  WPA_INFO_MIC | WPA_INFO_INSTALL | WPA_INFO_SECURE |
			  WPA_INFO_ENCDATA, plain, n, true);
}

static size_t auth_group1(struct auth *a, uint8_t *buf)
{
	uint8_t plain[WPA_KEY_DATA_MAX];
	size_t n = gtk_data(a, plain, false);

	return auth_frame(a, buf, WPA_INFO_ACK | WPA_INFO_MIC |
			  WPA_INFO_SECURE | WPA_INFO_ENCDATA, plain, n, true);
}

/* The authenticator takes message 2: SNonce, PTK, MIC and RSNE checked. */
static bool auth_rx_msg2(struct auth *a, const uint8_t *f, size_t len)
{
	uint8_t copy[WPA_KEY_FRAME_MAX], mic[16];
	struct wpa_key k;

	if (wpa_key_parse(f, len, &k) != WPA_KEY_OK ||
	    k.info != (WPA_INFO_PAIRWISE | WPA_INFO_MIC | 2) ||
	    k.replay != a->replay || k.data_len != a->ie_len ||
	    memcmp(k.data, a->ie, a->ie_len))
		return false;
	memcpy(a->snonce, k.nonce, 32);
	wpa_ptk_derive(a->pmk, 32, aa, spa, a->anonce, a->snonce, &a->ptk);
	memcpy(copy, f, len);
	memset(copy + WPA_KEY_MIC_OFF, 0, 16);
	wpa_mic(2, a->ptk.kck, copy, len, mic);
	return !memcmp(mic, k.mic, 16);
}

/* Message 4 or group message 2: bits, counter and MIC. */
static bool auth_rx_ack(struct auth *a, const uint8_t *f, size_t len,
			bool pairwise)
{
	uint8_t copy[WPA_KEY_FRAME_MAX], mic[16];
	struct wpa_key k;
	uint16_t want = (uint16_t)(WPA_INFO_MIC | WPA_INFO_SECURE | 2 |
				   (pairwise ? WPA_INFO_PAIRWISE : 0));

	if (wpa_key_parse(f, len, &k) != WPA_KEY_OK || k.info != want ||
	    k.replay != a->replay || k.data_len)
		return false;
	memcpy(copy, f, len);
	memset(copy + WPA_KEY_MIC_OFF, 0, 16);
	wpa_mic(2, a->ptk.kck, copy, len, mic);
	return !memcmp(mic, k.mic, 16);
}

static size_t count(const struct wpa_out *o, enum wpa_act_type t)
{
	size_t i, n = 0;

	for (i = 0; i < o->n; i++)
		n += o->a[i].type == t;
	return n;
}

static const struct wpa_action *find(const struct wpa_out *o,
				     enum wpa_act_type t)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->a[i].type == t)
			return &o->a[i];
	return NULL;
}

/* The machine minus its counters: what a dropped frame must not touch. */
static bool same_machine(const struct wpa_sm *a, const struct wpa_sm *b)
{
	return !memcmp(a, b, offsetof(struct wpa_sm, stats));
}

static uint64_t drops(const struct wpa_sm *sm)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < WPA_DROP_MAX; i++)
		n += sm->stats.drops[i];
	return n;
}

static struct wpa_sm sm;
static struct auth au;
static struct wpa_out out;
static uint8_t f[WPA_KEY_FRAME_MAX];

/* Messages 1 to 4: returns false on the first thing that is not right. */
static bool handshake(int *ut_failed)
{
	const struct wpa_action *a;
	size_t n;

	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(out.n == 1 && out.a[0].type == WPA_ACT_SEND);
	if (out.n != 1 || !auth_rx_msg2(&au, out.a[0].send.frame,
					out.a[0].send.len))
		return false;
	UT_EXPECT(sm.state == WPA_PTK_NEGOTIATING);
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 4);
	if (out.n != 4)
		return false;
	UT_EXPECT(out.a[0].type == WPA_ACT_SEND);
	UT_EXPECT(auth_rx_ack(&au, out.a[0].send.frame, out.a[0].send.len,
			      true));
	UT_EXPECT(out.a[1].type == WPA_ACT_INSTALL_PTK);
	UT_EXPECT(out.a[1].key.len == 16 &&
		  !memcmp(out.a[1].key.key, au.ptk.tk, 16));
	a = &out.a[2];
	UT_EXPECT(a->type == WPA_ACT_INSTALL_GTK && a->key.id == au.gtk_id &&
		  a->key.tx && a->key.len == 16 &&
		  !memcmp(a->key.key, au.gtk, 16) && a->key.rsc[0] == 0x10);
	UT_EXPECT(out.a[3].type == WPA_ACT_AUTHORIZE);
	UT_EXPECT(sm.state == WPA_COMPLETED);
	return !*ut_failed;
}

static void setup(const char *sta_pass, const char *ap_pass)
{
	log_set_level(0);
	sm_init(&sm, sta_pass);
	auth_init(&au, ap_pass);
}

UT_CASE(full_4way_and_group_rekey)
{
	const struct wpa_action *a;
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	UT_EXPECT(wpa_sm_deadline(&sm) == UINT64_MAX);
	/* A GTK rekey: a new key under id 2. */
	memset(au.gtk, 0x44, 16);
	au.gtk_id = 2;
	au.rsc[0] = 0;
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 5000, &out);
	UT_ASSERT(out.n == 2);
	a = find(&out, WPA_ACT_INSTALL_GTK);
	UT_ASSERT(a);
	UT_EXPECT(a->key.id == 2 && !memcmp(a->key.key, au.gtk, 16));
	a = find(&out, WPA_ACT_SEND);
	UT_ASSERT(a);
	UT_EXPECT(auth_rx_ack(&au, a->send.frame, a->send.len, false));
	UT_EXPECT(sm.stats.ptk_installs == 1 && sm.stats.gtk_installs == 2);
	UT_EXPECT(drops(&sm) == 0);
}

UT_CASE(krack_msg3_retransmit_not_reinstalled)
{
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	/* Message 4 was lost: the AP sends message 3 again, new counter,
	 * same ANonce.  Message 4 again, and no key goes to the driver. */
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 2000, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(out.a[0].type == WPA_ACT_SEND);
	UT_EXPECT(auth_rx_ack(&au, out.a[0].send.frame, out.a[0].send.len,
			      true));
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_PTK) == 0);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 0);
	UT_EXPECT(count(&out, WPA_ACT_AUTHORIZE) == 0);
	UT_EXPECT(sm.stats.msg3_retransmits == 1);
	UT_EXPECT(sm.stats.ptk_installs == 1);
	UT_EXPECT(sm.stats.gtk_reinstalls_refused == 1);
	UT_EXPECT(sm.state == WPA_COMPLETED);
}

UT_CASE(krack_msg3_replayed_same_counter_dropped)
{
	struct wpa_sm before;
	size_t n;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_ASSERT(sm.state == WPA_COMPLETED);
	/* The very same frame, captured and sent again by an attacker. */
	before = sm;
	wpa_sm_rx(&sm, f, n, 1300, &out);
	UT_EXPECT(out.n == 0);
	UT_EXPECT(sm.stats.drops[WPA_DROP_REPLAY] == 1);
	UT_EXPECT(same_machine(&sm, &before));
}

UT_CASE(krack_gtk_reinstall_refused)
{
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	/* A group message 1 with the GTK already installed. */
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 3000, &out);
	UT_EXPECT(out.n == 1 && out.a[0].type == WPA_ACT_SEND);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 0);
	UT_EXPECT(sm.stats.gtk_reinstalls_refused == 1);
	/* The same bytes under another id is a new key. */
	au.gtk_id = 2;
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 3100, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 1);
}

/* GTK rotation alternates key ids: a key already installed under its id
 * is refused even when another id was installed in between. */
UT_CASE(krack_gtk_alternating_ids)
{
	uint8_t a_key[16];
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));		/* id 1: 0x33.. */
	memcpy(a_key, au.gtk, 16);
	memset(au.gtk, 0x44, 16);
	au.gtk_id = 2;
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 3000, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 1);
	memcpy(au.gtk, a_key, 16);
	au.gtk_id = 1;
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 3100, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 0);
	UT_EXPECT(count(&out, WPA_ACT_SEND) == 1);
	UT_EXPECT(sm.stats.gtk_reinstalls_refused == 1);
}

/* Management frame protection: an IGTK KDE beside the GTK is installed
 * with its IPN, once. */
UT_CASE(igtk_installed_once)
{
	uint8_t plain[WPA_KEY_DATA_MAX], igtk[16], ipn[6] = { 9, 0, 0, 0, 0, 0 };
	const struct wpa_action *a;
	size_t n, off;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	memset(igtk, 0x66, sizeof(igtk));
	off = 0;
	wpa_kde_put_gtk(plain, sizeof(plain), &off, au.gtk_id, true, au.gtk,
			16);
	wpa_kde_put_igtk(plain, sizeof(plain), &off, 4, ipn, igtk, 16);
	wpa_kde_pad(plain, sizeof(plain), &off);
	n = auth_frame(&au, f, WPA_INFO_ACK | WPA_INFO_MIC | WPA_INFO_SECURE |
		       WPA_INFO_ENCDATA, plain, off, true);
	wpa_sm_rx(&sm, f, n, 3000, &out);
	a = find(&out, WPA_ACT_INSTALL_IGTK);
	UT_ASSERT(a);
	UT_EXPECT(a->key.id == 4 && a->key.len == 16 && a->key.rsc[0] == 9 &&
		  !memcmp(a->key.key, igtk, 16));
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 0);
	n = auth_frame(&au, f, WPA_INFO_ACK | WPA_INFO_MIC | WPA_INFO_SECURE |
		       WPA_INFO_ENCDATA, plain, off, true);
	wpa_sm_rx(&sm, f, n, 3100, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_IGTK) == 0);
	UT_EXPECT(count(&out, WPA_ACT_SEND) == 1);
	UT_EXPECT(sm.stats.igtk_installs == 1);
}

UT_CASE(krack_group1_replayed_dropped)
{
	struct wpa_sm before;
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	memset(au.gtk, 0x55, 16);
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 3000, &out);
	UT_ASSERT(count(&out, WPA_ACT_INSTALL_GTK) == 1);
	before = sm;
	wpa_sm_rx(&sm, f, n, 3100, &out);
	UT_EXPECT(out.n == 0);
	UT_EXPECT(sm.stats.drops[WPA_DROP_REPLAY] == 1);
	UT_EXPECT(same_machine(&sm, &before));
}

/* The KRACK "new ANonce" variant: a real PTK rekey installs the new PTK
 * once, and its own retransmitted message 3 does not reinstall it. */
UT_CASE(krack_ptk_rekey_installed_once)
{
	uint8_t tk1[16];
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	memcpy(tk1, au.ptk.tk, 16);
	memset(au.anonce, 0x5b, 32);
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 4000, &out);
	UT_ASSERT(out.n == 1);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	UT_EXPECT(memcmp(tk1, au.ptk.tk, 16));
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 4100, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_PTK) == 1);
	UT_EXPECT(count(&out, WPA_ACT_AUTHORIZE) == 0);	/* still */
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 0);	/* same GTK */
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 4200, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_PTK) == 0);
	UT_EXPECT(count(&out, WPA_ACT_SEND) == 1);
	UT_EXPECT(sm.stats.ptk_installs == 2);
}

UT_CASE(replay_counter_only_moves_forward)
{
	struct wpa_sm before;
	uint64_t keep;
	size_t n;

	setup("correct horse", "correct horse");
	UT_ASSERT(handshake(ut_failed));
	UT_EXPECT(sm.replay == 2);
	/* A message 1 (no MIC) with an old counter: dropped. */
	keep = au.replay;
	au.replay = 0;
	n = auth_msg1(&au, f);
	before = sm;
	wpa_sm_rx(&sm, f, n, 2000, &out);
	UT_EXPECT(out.n == 0 && same_machine(&sm, &before));
	/* A group message 1 with a counter equal to the last: dropped. */
	au.replay = keep - 1;
	memset(au.gtk, 0x77, 16);
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 2100, &out);
	UT_EXPECT(out.n == 0 && same_machine(&sm, &before));
	UT_EXPECT(sm.stats.drops[WPA_DROP_REPLAY] == 2);
	/* Counters may jump: one above is enough. */
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 2200, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_GTK) == 1);
	UT_EXPECT(sm.replay == keep + 1);
	/* Before any MIC, message 1's counter is taken as it is, and not
	 * remembered (an unauthenticated frame moves no counter). */
	setup("correct horse", "correct horse");
	au.replay = 1000;
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(out.n == 1 && !sm.replay_set);
}

UT_CASE(mic_failure_dropped_and_counted)
{
	struct wpa_sm before;
	size_t n;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	n = auth_msg3(&au, f);
	f[WPA_KEY_MIC_OFF + 3] ^= 0x01;
	before = sm;
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0);
	UT_EXPECT(sm.stats.drops[WPA_DROP_MIC] == 1);
	UT_EXPECT(same_machine(&sm, &before));
	/* The forged frame moved no counter: the real one, with the same
	 * counter, goes through. */
	f[WPA_KEY_MIC_OFF + 3] ^= 0x01;
	wpa_sm_rx(&sm, f, n, 1300, &out);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_PTK) == 1);
	UT_EXPECT(sm.state == WPA_COMPLETED);
}

/* Key data changed after the MIC was computed: the MIC covers it. */
UT_CASE(tampered_key_data_fails_mic)
{
	size_t n;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	n = auth_msg3(&au, f);
	f[n - 1] ^= 0x80;
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_MIC] == 1);
	UT_EXPECT(sm.state == WPA_PTK_NEGOTIATING);
}

UT_CASE(wrong_psk_never_completes)
{
	size_t n;

	setup("correct horse", "battery staple");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(!auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	/* Were the AP to send message 3 anyway, its MIC would fail. */
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_MIC] == 1);
	wpa_sm_tick(&sm, 10999, &out);
	UT_EXPECT(out.n == 0);
	wpa_sm_tick(&sm, 11000, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(out.a[0].type == WPA_ACT_FAIL &&
		  out.a[0].fail == WPA_FAIL_TIMEOUT);
	UT_EXPECT(sm.state == WPA_DISCONNECTED);
	UT_EXPECT(!sm.have_anonce);
}

UT_CASE(anonce_changed_in_msg3_dropped)
{
	struct wpa_sm before;
	size_t n;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	au.anonce[0] ^= 1;	/* MIC still with the PTK of message 1 */
	n = auth_msg3(&au, f);
	before = sm;
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_ANONCE] == 1);
	UT_EXPECT(same_machine(&sm, &before));
}

UT_CASE(rsne_downgrade_fails)
{
	size_t n;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	au.ie[9] = 0x02;		/* pairwise TKIP in message 3 */
	au.ie[13] = 0x02;
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(out.a[0].type == WPA_ACT_FAIL &&
		  out.a[0].fail == WPA_FAIL_RSNE);
	UT_EXPECT(sm.state == WPA_DISCONNECTED);
	UT_EXPECT(count(&out, WPA_ACT_INSTALL_PTK) == 0);
}

/* Frames whose key information fits no message: dropped, untouched. */
UT_CASE(unexpected_bits_dropped)
{
	static const uint16_t bad[] = {
		WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_MIC |
			WPA_INFO_SECURE | WPA_INFO_ENCDATA,	/* no Install */
		WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_MIC |
			WPA_INFO_INSTALL | WPA_INFO_SECURE,	/* clear data */
		WPA_INFO_PAIRWISE | WPA_INFO_MIC,		/* message 2 */
		WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_REQUEST,
		WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_ERROR,
		WPA_INFO_ACK | WPA_INFO_MIC | WPA_INFO_SECURE |
			WPA_INFO_ENCDATA | WPA_INFO_INSTALL,	/* group+Install */
		WPA_INFO_ACK,					/* group msg 1? */
	};
	uint8_t plain[WPA_KEY_DATA_MAX];
	struct wpa_sm before;
	size_t i, n, pn;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	pn = gtk_data(&au, plain, true);
	before = sm;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = auth_frame(&au, f, bad[i], plain, pn, true);
		wpa_sm_rx(&sm, f, n, 1200, &out);
		UT_EXPECT(out.n == 0);
	}
	UT_EXPECT(sm.stats.drops[WPA_DROP_BITS] == i);
	UT_EXPECT(same_machine(&sm, &before));
	/* Descriptor version 1 (HMAC-MD5, RC4): dropped. */
	n = auth_msg3(&au, f);
	f[6] = (uint8_t)((f[6] & ~7) | 1);
	wpa_sm_rx(&sm, f, n, 1300, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_VERSION] == 1);
	/* Key length not CCMP's. */
	n = auth_msg3(&au, f);
	f[8] = 32;
	wpa_sm_rx(&sm, f, n, 1300, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_KEY_LEN] == 1);
	UT_EXPECT(same_machine(&sm, &before));
}

UT_CASE(bad_key_data_dropped)
{
	uint8_t plain[WPA_KEY_DATA_MAX];
	struct wpa_sm before;
	size_t n, off;
	const uint16_t m3 = WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_MIC |
			    WPA_INFO_INSTALL | WPA_INFO_SECURE |
			    WPA_INFO_ENCDATA;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	before = sm;
	/* no GTK */
	off = 0;
	wpa_kde_put_ie(plain, sizeof(plain), &off, au.ie, au.ie_len);
	wpa_kde_pad(plain, sizeof(plain), &off);
	n = auth_frame(&au, f, m3, plain, off, true);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_NO_GTK] == 1);
	/* a GTK of 32 octets for a CCMP group */
	off = 0;
	wpa_kde_put_ie(plain, sizeof(plain), &off, au.ie, au.ie_len);
	memset(plain + 100, 1, 32);
	wpa_kde_put_gtk(plain, sizeof(plain), &off, 1, true, plain + 100, 32);
	wpa_kde_pad(plain, sizeof(plain), &off);
	n = auth_frame(&au, f, m3, plain, off, true);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_GTK_LEN] == 1);
	/* an element that runs past the data */
	off = gtk_data(&au, plain, true);
	plain[1] = 0xf0;
	n = auth_frame(&au, f, m3, plain, off, true);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_KDE] == 1);
	/* key data wrapped with another KEK */
	off = gtk_data(&au, plain, true);
	au.ptk.kek[0] ^= 1;
	n = auth_frame(&au, f, m3, plain, off, true);
	au.ptk.kek[0] ^= 1;
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_UNWRAP] == 1);
	UT_EXPECT(same_machine(&sm, &before));
	UT_EXPECT(sm.stats.drops[WPA_DROP_MIC] == 0);
}

UT_CASE(garbage_counted)
{
	struct wpa_sm before;
	size_t n, i;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	before = sm;
	for (i = 0; i < n; i++)
		wpa_sm_rx(&sm, f, i, 1100, &out);
	UT_EXPECT(sm.stats.drops[WPA_DROP_PARSE] == n);
	UT_EXPECT(sm.stats.parse_errors[WPA_KEY_ERR_SHORT] == 4);
	UT_EXPECT(same_machine(&sm, &before));
	f[1] = 0;			/* an EAP packet */
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(sm.stats.parse_errors[WPA_KEY_ERR_NOT_KEY] == 1);
	UT_EXPECT(out.n == 0 && same_machine(&sm, &before));
}

UT_CASE(msg1_retransmit_keeps_snonce)
{
	uint8_t m2a[WPA_KEY_FRAME_MAX];
	struct wpa_key k1, k2;
	size_t n, la;

	setup("correct horse", "correct horse");
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_ASSERT(out.n == 1);
	la = out.a[0].send.len;
	memcpy(m2a, out.a[0].send.frame, la);
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1200, &out);
	UT_ASSERT(out.n == 1);
	UT_ASSERT(wpa_key_parse(m2a, la, &k1) == WPA_KEY_OK);
	UT_ASSERT(wpa_key_parse(out.a[0].send.frame, out.a[0].send.len,
				&k2) == WPA_KEY_OK);
	UT_EXPECT(!memcmp(k1.nonce, k2.nonce, 32));
	UT_EXPECT(k2.replay == k1.replay + 1);
	UT_EXPECT(auth_rx_msg2(&au, out.a[0].send.frame, out.a[0].send.len));
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1300, &out);
	UT_EXPECT(sm.state == WPA_COMPLETED);
}

UT_CASE(out_of_state_dropped)
{
	size_t n;

	setup("correct horse", "correct horse");
	/* message 3 before any message 1 */
	n = auth_msg3(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_STATE] == 1);
	/* group message 1 before a PTK */
	n = auth_group1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_STATE] == 2);
	/* anything once stopped */
	wpa_sm_stop(&sm);
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1100, &out);
	UT_EXPECT(out.n == 0 && sm.stats.drops[WPA_DROP_STATE] == 3);
	UT_EXPECT(sm.state == WPA_DISCONNECTED);
}

UT_CASE(init_refuses_and_rng_failure)
{
	struct wpa_cfg cfg, good;
	size_t n;

	setup("correct horse", "correct horse");
	good = sm.cfg;
	cfg = good;
	cfg.key_ver = 1;
	UT_EXPECT(!wpa_sm_init(&sm, &cfg));
	cfg = good;
	UT_ASSERT(wpa_sm_init(&sm, &cfg));
	cfg.ap_ie_len = 0;
	UT_EXPECT(!wpa_sm_init(&sm, &cfg));
	cfg = good;
	cfg.own_ie[1] = 200;
	UT_EXPECT(!wpa_sm_init(&sm, &cfg));
	cfg = good;
	cfg.rng = no_rng;
	UT_ASSERT(wpa_sm_init(&sm, &cfg));
	wpa_sm_start(&sm, 0);
	n = auth_msg1(&au, f);
	wpa_sm_rx(&sm, f, n, 1, &out);
	UT_ASSERT(out.n == 1);
	UT_EXPECT(out.a[0].type == WPA_ACT_FAIL &&
		  out.a[0].fail == WPA_FAIL_RNG);
	UT_EXPECT(wpa_state_name(WPA_COMPLETED)[0] == 'C');
	UT_EXPECT(wpa_drop_name(WPA_DROP_MAX)[0] == '?');
	UT_EXPECT(wpa_fail_name(WPA_FAIL_RSNE)[0] == 'r');
	wpa_sm_clear(&sm);
}

UT_MAIN("eapol_wpa",
	UT_ENTRY(full_4way_and_group_rekey),
	UT_ENTRY(krack_msg3_retransmit_not_reinstalled),
	UT_ENTRY(krack_msg3_replayed_same_counter_dropped),
	UT_ENTRY(krack_gtk_reinstall_refused),
	UT_ENTRY(krack_gtk_alternating_ids),
	UT_ENTRY(igtk_installed_once),
	UT_ENTRY(krack_group1_replayed_dropped),
	UT_ENTRY(krack_ptk_rekey_installed_once),
	UT_ENTRY(replay_counter_only_moves_forward),
	UT_ENTRY(mic_failure_dropped_and_counted),
	UT_ENTRY(tampered_key_data_fails_mic),
	UT_ENTRY(wrong_psk_never_completes),
	UT_ENTRY(anonce_changed_in_msg3_dropped),
	UT_ENTRY(rsne_downgrade_fails),
	UT_ENTRY(unexpected_bits_dropped),
	UT_ENTRY(bad_key_data_dropped),
	UT_ENTRY(garbage_counted),
	UT_ENTRY(msg1_retransmit_keeps_snonce),
	UT_ENTRY(out_of_state_dropped),
	UT_ENTRY(init_refuses_and_rng_failure))
