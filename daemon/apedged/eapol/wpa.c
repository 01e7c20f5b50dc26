// SPDX-License-Identifier: GPL-2.0
/*
 * The supplicant's 4-way and group key handshakes: see eapol/wpa.h.
 *
 * Every received frame goes through the same gate, in this order, and
 * nothing in the machine changes before a frame has passed all of it:
 * parse, state, descriptor version, the message its key information
 * names, replay counter, MIC, then the message's own checks (ANonce, key
 * data unwrap and elements).  set_state() is the one writer of ->state.
 */
#include <string.h>

#include "eapol/wpa.h"
#include "lib/log.h"

static const char *const state_names[WPA_STATE_MAX] = {
	[WPA_DISCONNECTED] = "DISCONNECTED",
	[WPA_PTK_START] = "PTK_START",
	[WPA_PTK_NEGOTIATING] = "PTK_NEGOTIATING",
	[WPA_COMPLETED] = "COMPLETED",
};

static const char *const drop_names[WPA_DROP_MAX] = {
	[WPA_DROP_PARSE] = "parse",
	[WPA_DROP_STATE] = "state",
	[WPA_DROP_VERSION] = "version",
	[WPA_DROP_BITS] = "key_info",
	[WPA_DROP_KEY_LEN] = "key_len",
	[WPA_DROP_REPLAY] = "replay",
	[WPA_DROP_MIC] = "mic",
	[WPA_DROP_ANONCE] = "anonce",
	[WPA_DROP_UNWRAP] = "unwrap",
	[WPA_DROP_KDE] = "kde",
	[WPA_DROP_NO_GTK] = "no_gtk",
	[WPA_DROP_GTK_LEN] = "gtk_len",
};

static const char *const fail_names[WPA_FAIL_MAX] = {
	[WPA_FAIL_NONE] = "none",
	[WPA_FAIL_TIMEOUT] = "timeout",
	[WPA_FAIL_RSNE] = "rsne_mismatch",
	[WPA_FAIL_RNG] = "rng",
	[WPA_FAIL_CRYPTO] = "crypto",
};

const char *wpa_state_name(enum wpa_state s)
{
	return (unsigned int)s < WPA_STATE_MAX ? state_names[s] : "?";
}

const char *wpa_drop_name(enum wpa_drop d)
{
	return (unsigned int)d < WPA_DROP_MAX ? drop_names[d] : "?";
}

const char *wpa_fail_name(enum wpa_fail f)
{
	return (unsigned int)f < WPA_FAIL_MAX ? fail_names[f] : "?";
}

static void set_state(struct wpa_sm *sm, enum wpa_state to, const char *why)
{
	const uint8_t *a = sm->cfg.aa;

	if (sm->state == to)
		return;
	log_info("wpa %02x:%02x:%02x:%02x:%02x:%02x: %s -> %s (%s)",
		 a[0], a[1], a[2], a[3], a[4], a[5],
		 wpa_state_name(sm->state), wpa_state_name(to), why);
	sm->state = to;
}

static struct wpa_action *act(struct wpa_out *out, enum wpa_act_type t)
{
	struct wpa_action *a;

	if (out->n >= WPA_OUT_MAX)
		return NULL;		/* never: at most 5 per step */
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	a->type = t;
	return a;
}

static void forget_keys(struct wpa_sm *sm)
{
	wpa_cleanse(&sm->tptk, sizeof(sm->tptk));
	wpa_cleanse(&sm->ptk, sizeof(sm->ptk));
	wpa_cleanse(sm->gtk, sizeof(sm->gtk));
	memset(sm->gtk_len, 0, sizeof(sm->gtk_len));
	wpa_cleanse(sm->igtk, sizeof(sm->igtk));
	wpa_cleanse(sm->snonce, sizeof(sm->snonce));
	memset(sm->anonce, 0, sizeof(sm->anonce));
	sm->have_anonce = sm->have_ptk = sm->have_igtk = false;
	sm->igtk_len = 0;
	sm->replay_set = false;
	sm->replay = 0;
	sm->authorized = false;
}

static void fail(struct wpa_sm *sm, enum wpa_fail why, struct wpa_out *out)
{
	struct wpa_action *a = act(out, WPA_ACT_FAIL);

	if (a)
		a->fail = why;
	sm->fail = why;
	forget_keys(sm);
	sm->deadline = UINT64_MAX;
	set_state(sm, WPA_DISCONNECTED, wpa_fail_name(why));
}

bool wpa_sm_init(struct wpa_sm *sm, const struct wpa_cfg *cfg)
{
	memset(sm, 0, sizeof(*sm));
	sm->deadline = UINT64_MAX;
	if ((cfg->key_ver != WPA_VER_HMAC_SHA1_AES &&
	     cfg->key_ver != WPA_VER_AES_CMAC) ||
	    cfg->own_ie_len < 2 || cfg->own_ie_len > WPA_IE_MAX ||
	    cfg->own_ie_len != 2 + (size_t)cfg->own_ie[1] ||
	    cfg->ap_ie_len < 2 || cfg->ap_ie_len > WPA_IE_MAX ||
	    cfg->ap_ie_len != 2 + (size_t)cfg->ap_ie[1] ||
	    cfg->group_key_len < WPA_GTK_MIN ||
	    cfg->group_key_len > WPA_GTK_MAX || !cfg->rng)
		return false;
	sm->cfg = *cfg;
	return true;
}

void wpa_sm_clear(struct wpa_sm *sm)
{
	wpa_cleanse(sm, sizeof(*sm));
}

void wpa_sm_start(struct wpa_sm *sm, uint64_t now_ms)
{
	forget_keys(sm);
	sm->fail = WPA_FAIL_NONE;
	sm->deadline = now_ms + WPA_HANDSHAKE_TIMEOUT_MS;
	set_state(sm, WPA_PTK_START, "associated");
}

void wpa_sm_stop(struct wpa_sm *sm)
{
	forget_keys(sm);
	sm->deadline = UINT64_MAX;
	set_state(sm, WPA_DISCONNECTED, "disassociated");
}

uint64_t wpa_sm_deadline(const struct wpa_sm *sm)
{
	return sm->deadline;
}

void wpa_sm_tick(struct wpa_sm *sm, uint64_t now_ms, struct wpa_out *out)
{
	out->n = 0;
	if (now_ms < sm->deadline)
		return;
	sm->deadline = UINT64_MAX;
	if (sm->state == WPA_PTK_START || sm->state == WPA_PTK_NEGOTIATING)
		fail(sm, WPA_FAIL_TIMEOUT, out);
}

static void drop(struct wpa_sm *sm, enum wpa_drop why)
{
	sm->stats.drops[why]++;
}

/* Builds a message 2, 4 or group 2 with its MIC, as a SEND action. */
static bool send_key(struct wpa_sm *sm, const struct wpa_ptk *ptk,
		     uint16_t info, uint64_t replay, const uint8_t *nonce,
		     const uint8_t *data, size_t data_len, struct wpa_out *out)
{
	struct wpa_action *a = act(out, WPA_ACT_SEND);
	struct wpa_key k;

	if (!a)
		return false;
	memset(&k, 0, sizeof(k));
	k.eapol_version = 1;	/* 802.1X-2001: what every AP accepts */
	k.desc = WPA_DESC_RSN;
	k.info = (uint16_t)(info | sm->cfg.key_ver | WPA_INFO_MIC);
	k.replay = replay;
	if (nonce)
		memcpy(k.nonce, nonce, WPA_NONCE_LEN);
	k.data = data;
	k.data_len = (uint16_t)data_len;
	a->send.len = wpa_key_build(a->send.frame, sizeof(a->send.frame), &k);
	if (!a->send.len ||
	    !wpa_mic(sm->cfg.key_ver, ptk->kck, a->send.frame, a->send.len,
		     a->send.frame + WPA_KEY_MIC_OFF)) {
		out->n--;
		return false;
	}
	sm->stats.sent++;
	return true;
}

/* The MIC of a received frame, checked in constant time. */
static bool mic_ok(const struct wpa_sm *sm, const struct wpa_ptk *ptk,
		   const uint8_t *frame, const struct wpa_key *k)
{
	uint8_t copy[WPA_KEY_FRAME_MAX], mic[WPA_MIC_LEN];
	bool ok;

	if (k->frame_len > sizeof(copy))
		return false;
	memcpy(copy, frame, k->frame_len);
	memset(copy + WPA_KEY_MIC_OFF, 0, WPA_MIC_LEN);
	ok = wpa_mic(sm->cfg.key_ver, ptk->kck, copy, k->frame_len, mic) &&
	     wpa_mem_eq(mic, k->mic, WPA_MIC_LEN);
	wpa_cleanse(mic, sizeof(mic));
	return ok;
}

/* Unwraps and walks the key data of message 3 or group message 1. */
static enum wpa_drop key_data(const struct wpa_ptk *ptk,
			      const struct wpa_key *k, uint8_t *plain,
			      struct wpa_kdes *kd)
{
	if (k->data_len < 24 || k->data_len % 8 ||
	    k->data_len > WPA_KEY_DATA_MAX ||
	    !wpa_aes_unwrap(ptk->kek, k->data, k->data_len, plain))
		return WPA_DROP_UNWRAP;
	if (wpa_kde_parse(plain, k->data_len - 8u, kd) != WPA_KDE_OK)
		return WPA_DROP_KDE;
	return WPA_DROP_MAX;
}

static void install_gtk(struct wpa_sm *sm, const struct wpa_kdes *kd,
			const struct wpa_key *k, struct wpa_out *out)
{
	struct wpa_action *a;

	uint8_t id = kd->gtk_id;

	/* KRACK: the key installed under an id is never installed again
	 * (its receive counter would be reset with it). */
	if (sm->gtk_len[id] == kd->gtk_len &&
	    wpa_mem_eq(sm->gtk[id], kd->gtk, kd->gtk_len)) {
		sm->stats.gtk_reinstalls_refused++;
	} else {
		a = act(out, WPA_ACT_INSTALL_GTK);
		if (a) {
			memcpy(a->key.key, kd->gtk, kd->gtk_len);
			a->key.len = kd->gtk_len;
			a->key.id = kd->gtk_id;
			a->key.tx = kd->gtk_tx;
			memcpy(a->key.rsc, k->rsc, WPA_RSC_LEN);
		}
		sm->gtk_len[id] = kd->gtk_len;
		memcpy(sm->gtk[id], kd->gtk, kd->gtk_len);
		sm->stats.gtk_installs++;
	}
	if (!kd->has_igtk)
		return;
	if (sm->have_igtk && sm->igtk_id == kd->igtk_id &&
	    sm->igtk_len == kd->igtk_len &&
	    wpa_mem_eq(sm->igtk, kd->igtk, kd->igtk_len))
		return;
	a = act(out, WPA_ACT_INSTALL_IGTK);
	if (a) {
		memcpy(a->key.key, kd->igtk, kd->igtk_len);
		a->key.len = kd->igtk_len;
		a->key.id = kd->igtk_id;
		memcpy(a->key.rsc, kd->igtk_ipn, 6);
	}
	sm->have_igtk = true;
	sm->igtk_id = kd->igtk_id;
	sm->igtk_len = kd->igtk_len;
	memcpy(sm->igtk, kd->igtk, kd->igtk_len);
	sm->stats.igtk_installs++;
}

/* Message 1: ANonce in, a (new) SNonce, the TPTK, message 2 out. */
static void rx_msg1(struct wpa_sm *sm, const uint8_t *frame,
		    const struct wpa_key *k, struct wpa_out *out)
{
	struct wpa_kdes kd;
	struct wpa_ptk tptk;
	uint8_t snonce[WPA_NONCE_LEN];

	if (wpa_kde_parse(k->data, k->data_len, &kd) != WPA_KDE_OK) {
		drop(sm, WPA_DROP_KDE);
		return;
	}
	(void)frame;
	/* A message 1 retransmitted while our message 2 is on its way
	 * keeps the SNonce; any other one starts with a fresh nonce. */
	if (sm->state == WPA_PTK_NEGOTIATING) {
		memcpy(snonce, sm->snonce, sizeof(snonce));
	} else if (!sm->cfg.rng(sm->cfg.rng_ctx, snonce, sizeof(snonce))) {
		fail(sm, WPA_FAIL_RNG, out);
		return;
	}
	if (!wpa_ptk_derive(sm->cfg.pmk, WPA_PMK_LEN, sm->cfg.aa, sm->cfg.spa,
			    k->nonce, snonce, &tptk)) {
		wpa_cleanse(snonce, sizeof(snonce));
		fail(sm, WPA_FAIL_CRYPTO, out);
		return;
	}
	if (!send_key(sm, &tptk, WPA_INFO_PAIRWISE, k->replay, snonce,
		      sm->cfg.own_ie, sm->cfg.own_ie_len, out)) {
		wpa_cleanse(&tptk, sizeof(tptk));
		wpa_cleanse(snonce, sizeof(snonce));
		fail(sm, WPA_FAIL_CRYPTO, out);
		return;
	}
	sm->stats.msg1++;
	memcpy(sm->snonce, snonce, sizeof(snonce));
	memcpy(sm->anonce, k->nonce, WPA_NONCE_LEN);
	sm->have_anonce = true;
	sm->tptk = tptk;
	wpa_cleanse(&tptk, sizeof(tptk));
	wpa_cleanse(snonce, sizeof(snonce));
	set_state(sm, WPA_PTK_NEGOTIATING, "message 1");
}

/* Message 3: checked, message 4 out, keys installed once. */
static void rx_msg3(struct wpa_sm *sm, const uint8_t *frame,
		    const struct wpa_key *k, struct wpa_out *out)
{
	uint8_t plain[WPA_KEY_DATA_MAX];
	struct wpa_kdes kd;
	enum wpa_drop why;
	struct wpa_action *a;

	if (!sm->have_anonce) {
		drop(sm, WPA_DROP_STATE);
		return;
	}
	if (!mic_ok(sm, &sm->tptk, frame, k)) {
		drop(sm, WPA_DROP_MIC);
		return;
	}
	if (!wpa_mem_eq(k->nonce, sm->anonce, WPA_NONCE_LEN)) {
		drop(sm, WPA_DROP_ANONCE);
		return;
	}
	why = key_data(&sm->tptk, k, plain, &kd);
	if (why == WPA_DROP_MAX && !kd.has_gtk)
		why = WPA_DROP_NO_GTK;
	if (why == WPA_DROP_MAX && kd.gtk_len != sm->cfg.group_key_len)
		why = WPA_DROP_GTK_LEN;
	if (why != WPA_DROP_MAX) {
		wpa_cleanse(plain, sizeof(plain));
		drop(sm, why);
		return;
	}
	/* The frame is the AP's (its MIC is good): from here on it moves
	 * the machine.  An RSNE other than the Beacon's is a downgrade. */
	sm->replay = k->replay;
	sm->replay_set = true;
	sm->stats.msg3++;
	if (!kd.rsne || kd.rsne_len != sm->cfg.ap_ie_len ||
	    memcmp(kd.rsne, sm->cfg.ap_ie, kd.rsne_len)) {
		wpa_cleanse(plain, sizeof(plain));
		fail(sm, WPA_FAIL_RSNE, out);
		return;
	}
	if (!send_key(sm, &sm->tptk, WPA_INFO_PAIRWISE | WPA_INFO_SECURE,
		      k->replay, NULL, NULL, 0, out)) {
		wpa_cleanse(plain, sizeof(plain));
		fail(sm, WPA_FAIL_CRYPTO, out);
		return;
	}
	/* KRACK: the PTK goes to the driver once.  A retransmitted
	 * message 3 derives nothing new (same ANonce, same SNonce), so its
	 * TPTK is the installed PTK: answered, not installed. */
	if (sm->have_ptk && sm->ptk.tk_len == sm->tptk.tk_len &&
	    wpa_mem_eq(sm->ptk.tk, sm->tptk.tk, sm->tptk.tk_len)) {
		sm->stats.msg3_retransmits++;
	} else {
		a = act(out, WPA_ACT_INSTALL_PTK);
		if (a) {
			memcpy(a->key.key, sm->tptk.tk, sm->tptk.tk_len);
			a->key.len = sm->tptk.tk_len;
		}
		sm->ptk = sm->tptk;
		sm->have_ptk = true;
		sm->stats.ptk_installs++;
	}
	install_gtk(sm, &kd, k, out);
	wpa_cleanse(plain, sizeof(plain));
	if (!sm->authorized) {
		act(out, WPA_ACT_AUTHORIZE);
		sm->authorized = true;
	}
	sm->deadline = UINT64_MAX;
	set_state(sm, WPA_COMPLETED, "message 3");
}

/* Group message 1: the new GTK installed (once), group message 2 out. */
static void rx_group1(struct wpa_sm *sm, const uint8_t *frame,
		      const struct wpa_key *k, struct wpa_out *out)
{
	uint8_t plain[WPA_KEY_DATA_MAX];
	struct wpa_kdes kd;
	enum wpa_drop why;

	if (!sm->have_ptk) {
		drop(sm, WPA_DROP_STATE);
		return;
	}
	if (!mic_ok(sm, &sm->ptk, frame, k)) {
		drop(sm, WPA_DROP_MIC);
		return;
	}
	why = key_data(&sm->ptk, k, plain, &kd);
	if (why == WPA_DROP_MAX && !kd.has_gtk)
		why = WPA_DROP_NO_GTK;
	if (why == WPA_DROP_MAX && kd.gtk_len != sm->cfg.group_key_len)
		why = WPA_DROP_GTK_LEN;
	if (why != WPA_DROP_MAX) {
		wpa_cleanse(plain, sizeof(plain));
		drop(sm, why);
		return;
	}
	sm->replay = k->replay;
	sm->replay_set = true;
	sm->stats.group1++;
	install_gtk(sm, &kd, k, out);
	wpa_cleanse(plain, sizeof(plain));
	if (!send_key(sm, &sm->ptk, WPA_INFO_SECURE, k->replay, NULL, NULL, 0,
		      out))
		fail(sm, WPA_FAIL_CRYPTO, out);
}

void wpa_sm_rx(struct wpa_sm *sm, const uint8_t *frame, size_t len,
	       uint64_t now_ms, struct wpa_out *out)
{
	const uint16_t msg1 = WPA_INFO_PAIRWISE | WPA_INFO_ACK;
	const uint16_t msg3 = WPA_INFO_PAIRWISE | WPA_INFO_ACK | WPA_INFO_MIC |
			      WPA_INFO_INSTALL | WPA_INFO_SECURE |
			      WPA_INFO_ENCDATA;
	const uint16_t group1 = WPA_INFO_ACK | WPA_INFO_MIC |
				WPA_INFO_SECURE | WPA_INFO_ENCDATA;
	enum wpa_key_err e;
	struct wpa_key k;
	uint16_t bits;

	out->n = 0;
	sm->stats.rx++;
	e = wpa_key_parse(frame, len, &k);
	if (e != WPA_KEY_OK) {
		sm->stats.parse_errors[e]++;
		drop(sm, WPA_DROP_PARSE);
		return;
	}
	if (sm->state == WPA_DISCONNECTED) {
		drop(sm, WPA_DROP_STATE);
		return;
	}
	if ((k.info & WPA_INFO_VER_MASK) != sm->cfg.key_ver) {
		drop(sm, WPA_DROP_VERSION);
		return;
	}
	/* The messages an authenticator sends, bit for bit (§12.7.6.2,
	 * §12.7.6.4, §12.7.7.2); the reserved bits are ignored. */
	bits = k.info & (uint16_t)~(WPA_INFO_VER_MASK | WPA_INFO_RESERVED);
	/* Message 1 of a PTK rekey may carry Secure. */
	if ((bits & (uint16_t)~WPA_INFO_SECURE) == msg1)
		bits = msg1;
	if (bits != msg1 && bits != msg3 && bits != group1) {
		drop(sm, WPA_DROP_BITS);
		return;
	}
	if (bits != group1 && k.key_len != WPA_CCMP_TK_LEN) {
		drop(sm, WPA_DROP_KEY_LEN);
		return;
	}
	/* §12.7.2: a counter not above the last one of a frame whose MIC
	 * was good is a replay, message 1 included. */
	if (sm->replay_set && k.replay <= sm->replay) {
		drop(sm, WPA_DROP_REPLAY);
		return;
	}
	if (bits == msg1)
		rx_msg1(sm, frame, &k, out);
	else if (bits == msg3)
		rx_msg3(sm, frame, &k, out);
	else
		rx_group1(sm, frame, &k, out);
	(void)now_ms;
}
