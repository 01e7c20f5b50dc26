// SPDX-License-Identifier: GPL-2.0
/*
 * A WPA2 station's connection around wpa.c.  See wsta_sm.h.
 */
#include <stdio.h>
#include <string.h>

#include "eapol/sta_sm.h"
#include "eapol/wire.h"

static const char *const state_names[WSTA_STATE_MAX] = {
	[WSTA_DISCONNECTED] = "DISCONNECTED",
	[WSTA_CONNECTING] = "CONNECTING",
	[WSTA_ASSOCIATED] = "ASSOCIATED",
	[WSTA_AUTHENTICATING] = "AUTHENTICATING",
	[WSTA_HANDSHAKE] = "HANDSHAKE",
	[WSTA_COMPLETED] = "COMPLETED",
};

const char *wsta_state_name(enum wsta_state s)
{
	return s < WSTA_STATE_MAX ? state_names[s] : "?";
}

static uint8_t *put_suite(uint8_t *p, uint32_t s)
{
	p[0] = (uint8_t)(s >> 24);
	p[1] = (uint8_t)(s >> 16);
	p[2] = (uint8_t)(s >> 8);
	p[3] = (uint8_t)s;
	return p + 4;
}

size_t wsta_rsn_ie(uint8_t *buf, size_t cap, uint32_t akm)
{
	uint8_t *p = buf;

	if (cap < 22)
		return 0;
	*p++ = 48;			/* Element ID: RSN */
	*p++ = 20;
	*p++ = 1;			/* Version 1 */
	*p++ = 0;
	p = put_suite(p, WSTA_SUITE_CCMP);	/* Group Data Cipher Suite */
	*p++ = 1;			/* Pairwise Cipher Suite Count */
	*p++ = 0;
	p = put_suite(p, WSTA_SUITE_CCMP);
	*p++ = 1;			/* AKM Suite Count */
	*p++ = 0;
	p = put_suite(p, akm);
	*p++ = 0;			/* RSN Capabilities */
	*p++ = 0;
	return (size_t)(p - buf);
}

const uint8_t *wsta_find_rsne(const uint8_t *ies, size_t len, size_t *ie_len)
{
	size_t i = 0;

	while (i + 2 <= len) {
		size_t l = ies[i + 1];

		if (i + 2 + l > len)
			return NULL;
		if (ies[i] == 48) {
			*ie_len = 2 + l;
			return ies + i;
		}
		i += 2 + l;
	}
	return NULL;
}

bool wsta_pmk_from_msk(const uint8_t *msk, size_t msk_len,
		       uint8_t pmk[WPA_PMK_LEN])
{
	/* 802.11-2016 12.7.1.3: the PMK is the first 256 bits of the MSK */
	if (!msk || msk_len < WPA_PMK_LEN)
		return false;
	memcpy(pmk, msk, WPA_PMK_LEN);
	return true;
}

bool wsta_key_from_action(const struct wpa_action *a, const uint8_t bssid[6],
			 struct wsta_key *k)
{
	memset(k, 0, sizeof(*k));
	k->data = a->key.key;
	k->len = a->key.len;
	switch (a->type) {
	case WPA_ACT_INSTALL_PTK:
		k->pairwise = true;
		k->cipher = WSTA_SUITE_CCMP;
		k->idx = 0;
		k->mac = bssid;
		return k->len == WPA_CCMP_TK_LEN;
	case WPA_ACT_INSTALL_GTK:
		k->cipher = WSTA_SUITE_CCMP;
		k->idx = (uint8_t)a->key.id;
		memcpy(k->seq, a->key.rsc, 6);
		k->seq_len = 6;
		k->set_default = a->key.tx;
		return a->key.id <= 3 && k->len == 16;
	case WPA_ACT_INSTALL_IGTK:
		k->cipher = WSTA_SUITE_BIP_CMAC;
		k->idx = (uint8_t)a->key.id;
		memcpy(k->seq, a->key.rsc, 6);
		k->seq_len = 6;
		return (a->key.id == 4 || a->key.id == 5) && k->len == 16;
	default:
		return false;
	}
}

static void set_state(struct wsta_sm *sm, enum wsta_state to, uint64_t now,
		      const char *why)
{
	enum wsta_state from = sm->state;

	snprintf(sm->why, sizeof(sm->why), "%s", why);
	sm->state = to;
	sm->since = now;
	if (sm->ops->state)
		sm->ops->state(sm->ctx, from, to, sm->why);
}

/* Down, and the next attempt after the backoff. */
static void go_down(struct wsta_sm *sm, uint64_t now, const char *why)
{
	wpa_sm_stop(&sm->wpa);
	wpa_cleanse(sm->wpa.cfg.pmk, sizeof(sm->wpa.cfg.pmk));
	if (sm->cfg.key_mgmt == WSTA_KM_EAP) {
		struct eapol_pae_out o;

		/* the PAE's link down restarts the peer: the MSK is wiped */
		eapol_pae_link(&sm->pae, false, now, &o);
		sm->eap_consumed = false;
	}
	sm->held_len = 0;
	sm->ptk_installed = false;
	sm->deadline = now + sm->backoff_ms;
	sm->backoff_ms = sm->backoff_ms * 2 > WSTA_BACKOFF_MAX_MS ?
			 WSTA_BACKOFF_MAX_MS : sm->backoff_ms * 2;
	set_state(sm, WSTA_DISCONNECTED, now, why);
}

/* Ends the connection ourselves. */
static void fail(struct wsta_sm *sm, uint64_t now, const char *why)
{
	if (sm->ops->disconnect(sm->ctx) < 0)
		sm->stats.op_errors++;
	go_down(sm, now, why);
}

static void try_connect(struct wsta_sm *sm, uint64_t now)
{
	struct wsta_connect c = {
		.ssid = sm->cfg.ssid, .ssid_len = sm->cfg.ssid_len,
		.bssid = sm->cfg.have_bssid ? sm->cfg.bssid : NULL,
		.freq = sm->cfg.freq,
		.pairwise = WSTA_SUITE_CCMP, .group = WSTA_SUITE_CCMP,
		.akm = sm->cfg.key_mgmt == WSTA_KM_PSK ? WSTA_AKM_PSK :
		       WSTA_AKM_8021X,
		.ie = sm->own_ie, .ie_len = sm->own_ie_len,
	};
	int r;

	sm->attempts++;
	sm->stats.connects++;
	r = sm->ops->connect(sm->ctx, &c);
	if (r < 0) {
		char why[64];

		sm->stats.connect_failures++;
		snprintf(why, sizeof(why), "CONNECT refused (%d)", r);
		go_down(sm, now, why);
		return;
	}
	sm->deadline = now + WSTA_CONNECT_TIMEOUT_MS;
	set_state(sm, WSTA_CONNECTING, now, "CONNECT sent");
}

void wsta_sm_init(struct wsta_sm *sm, const struct wsta_sm_cfg *cfg,
		 const struct wsta_sm_ops *ops, void *ctx, uint64_t now)
{
	memset(sm, 0, sizeof(*sm));
	sm->cfg = *cfg;
	sm->ops = ops;
	sm->ctx = ctx;
	sm->state = WSTA_DISCONNECTED;
	sm->since = now;
	sm->deadline = UINT64_MAX;
	sm->backoff_ms = WSTA_BACKOFF_MIN_MS;
	sm->own_ie_len = wsta_rsn_ie(sm->own_ie, sizeof(sm->own_ie),
				    cfg->key_mgmt == WSTA_KM_PSK ? WSTA_AKM_PSK :
				    WSTA_AKM_8021X);
	snprintf(sm->why, sizeof(sm->why), "started");
	if (cfg->key_mgmt == WSTA_KM_EAP) {
		struct eapol_pae_timers t = {
			.start_period_ms = WSTA_EAP_START_PERIOD_MS,
			.max_start = WSTA_EAP_MAX_START,
			.first_start_ms = WSTA_EAP_START_PERIOD_MS,
			.held_period_ms = cfg->held_ms ? cfg->held_ms :
					  WSTA_EAP_HELD_MS,
			.auth_period_ms = WSTA_EAP_AUTH_PERIOD_MS,
		};

		if (!sm->cfg.held_ms)
			sm->cfg.held_ms = WSTA_EAP_HELD_MS;
		eapol_pae_init(&sm->pae, sm->cfg.ifname, cfg->eap, &t, now);
	}
}

void wsta_sm_fini(struct wsta_sm *sm)
{
	if (sm->cfg.key_mgmt == WSTA_KM_EAP)
		eapol_pae_fini(&sm->pae);
	wpa_sm_clear(&sm->wpa);
	wpa_cleanse(sm->cfg.pmk, sizeof(sm->cfg.pmk));
}

void wsta_sm_link(struct wsta_sm *sm, bool up, uint64_t now)
{
	if (up == sm->link)
		return;
	sm->link = up;
	if (!up) {
		sm->deadline = UINT64_MAX;
		if (sm->state != WSTA_DISCONNECTED) {
			go_down(sm, now, "the interface went down");
			sm->deadline = UINT64_MAX;
		}
		return;
	}
	if (sm->state == WSTA_DISCONNECTED)
		try_connect(sm, now);
}

void wsta_sm_connected(struct wsta_sm *sm, const uint8_t *bssid, uint16_t status,
		      uint64_t now)
{
	char why[80];

	if (sm->state != WSTA_CONNECTING)
		return;
	sm->last_status = status;
	if (status || !bssid) {
		sm->stats.connect_failures++;
		if (status == 0xffff)
			snprintf(why, sizeof(why), "association failed "
				 "(no answer or not found)");
		else
			snprintf(why, sizeof(why), "association refused, "
				 "status %u", status);
		go_down(sm, now, why);
		return;
	}
	memcpy(sm->bssid, bssid, 6);
	if (sm->held_len && memcmp(sm->held_src, bssid, 6)) {
		sm->stats.eapol_held_dropped++;
		sm->held_len = 0;
	}
	sm->deadline = now + WSTA_CONNECT_TIMEOUT_MS;
	set_state(sm, WSTA_ASSOCIATED, now, "associated");
	if (sm->ops->get_bss(sm->ctx, sm->bssid) < 0) {
		sm->stats.op_errors++;
		fail(sm, now, "cannot ask for the AP's RSNE");
	}
}

static void run(struct wsta_sm *sm, const struct wpa_out *o, uint64_t now)
{
	for (size_t i = 0; i < o->n; i++) {
		const struct wpa_action *a = &o->a[i];
		struct wsta_key k;

		switch (a->type) {
		case WPA_ACT_SEND:
			sm->stats.eapol_tx++;
			if (sm->ops->tx_eapol(sm->ctx, sm->bssid, a->send.frame,
					      a->send.len,
					      !sm->ptk_installed) < 0)
				sm->stats.op_errors++;
			break;
		case WPA_ACT_INSTALL_PTK:
		case WPA_ACT_INSTALL_GTK:
		case WPA_ACT_INSTALL_IGTK:
			if (!wsta_key_from_action(a, sm->bssid, &k) ||
			    sm->ops->new_key(sm->ctx, &k) < 0) {
				sm->stats.op_errors++;
				fail(sm, now, "a key could not be installed");
				return;
			}
			sm->stats.key_installs++;
			if (a->type == WPA_ACT_INSTALL_PTK)
				sm->ptk_installed = true;
			break;
		case WPA_ACT_AUTHORIZE:
			if (sm->ops->authorize(sm->ctx, sm->bssid) < 0) {
				sm->stats.op_errors++;
				fail(sm, now, "the port could not be authorized");
				return;
			}
			sm->stats.completed++;
			sm->completed_at = now;
			sm->attempts = 0;
			sm->backoff_ms = WSTA_BACKOFF_MIN_MS;
			set_state(sm, WSTA_COMPLETED, now, "4-way handshake "
				  "done, keys installed");
			break;
		case WPA_ACT_FAIL: {
			char why[80];

			sm->stats.handshake_failures++;
			snprintf(why, sizeof(why), "key handshake failed: %s",
				 wpa_fail_name(a->fail));
			fail(sm, now, why);
			return;
		}
		}
	}
}

static void start_handshake(struct wsta_sm *sm, const uint8_t *ie,
			    size_t ie_len, const uint8_t *pmk, uint64_t now)
{
	struct wpa_cfg wc;
	struct wpa_out o;

	memset(&wc, 0, sizeof(wc));
	memcpy(wc.aa, sm->bssid, 6);
	memcpy(wc.spa, sm->cfg.own_addr, 6);
	memcpy(wc.pmk, pmk, WPA_PMK_LEN);
	wc.key_ver = 2;
	wc.group_key_len = 16;
	memcpy(wc.own_ie, sm->own_ie, sm->own_ie_len);
	wc.own_ie_len = sm->own_ie_len;
	memcpy(wc.ap_ie, ie, ie_len);
	wc.ap_ie_len = ie_len;
	wc.rng = sm->cfg.rng;
	wc.rng_ctx = sm->cfg.rng_ctx;
	if (!wpa_sm_init(&sm->wpa, &wc)) {
		wpa_cleanse(&wc, sizeof(wc));
		fail(sm, now, "the AP's RSNE does not fit the handshake");
		return;
	}
	wpa_cleanse(&wc, sizeof(wc));
	wpa_sm_start(&sm->wpa, now);
	sm->wpa_started = true;
	sm->deadline = UINT64_MAX;
	set_state(sm, WSTA_HANDSHAKE, now, sm->cfg.key_mgmt == WSTA_KM_EAP ?
		  "EAP Success, waiting for message 1" :
		  "waiting for message 1");
	if (sm->held_len) {
		size_t n = sm->held_len;

		sm->held_len = 0;
		wpa_sm_rx(&sm->wpa, sm->held, n, now, &o);
		run(sm, &o, now);
	}
}

/* ---- WPA-EAP: the PAE over the control port ---------------------------- */

static void eap_send(struct wsta_sm *sm, const struct eapol_pae_out *o)
{
	uint8_t fr[EAPOL_HDR_LEN + EAP_PEER_RESP_MAX];
	size_t n;

	if (!o->tx)
		return;
	n = eapol_build(fr, sizeof(fr), EAPOL_VERSION, o->type, o->body,
			o->body_len);
	sm->stats.eapol_tx++;
	sm->stats.eap_tx++;
	if (!n || sm->ops->tx_eapol(sm->ctx, sm->bssid, fr, n,
				    !sm->ptk_installed) < 0)
		sm->stats.op_errors++;
}

/* What the PAE's state means for the connection, after each input. */
static void eap_check(struct wsta_sm *sm, uint64_t now)
{
	const struct eap_peer *p = &sm->pae.peer;
	const char *m = eap_peer_method_name(p);
	uint8_t pmk[WPA_PMK_LEN];
	char why[128];

	switch (sm->pae.state) {
	case EAPOL_PAE_AUTHENTICATED:
		if (sm->eap_consumed)
			return;
		sm->eap_consumed = true;
		sm->stats.eap_successes++;
		if (!p->key_available ||
		    !wsta_pmk_from_msk(p->msk, sizeof(p->msk), pmk)) {
			sm->stats.eap_failures++;
			snprintf(why, sizeof(why), "EAP Success without an "
				 "MSK (method %s)", m ? m : "none");
			fail(sm, now, why);
			return;
		}
		if (sm->state == WSTA_AUTHENTICATING) {
			start_handshake(sm, sm->ap_ie, sm->ap_ie_len, pmk, now);
		} else {
			/* reauthentication: the AP's next 4-way uses it */
			sm->stats.reauths++;
			memcpy(sm->wpa.cfg.pmk, pmk, WPA_PMK_LEN);
		}
		wpa_cleanse(pmk, sizeof(pmk));
		return;
	case EAPOL_PAE_HELD:
		sm->stats.eap_failures++;
		snprintf(why, sizeof(why), "EAP authentication failed "
			 "(method %s%s%s): %s", m ? m : "none",
			 p->refused_why ? ", " : "",
			 p->refused_why ? p->refused_why : "",
			 sm->pae.last_why ? sm->pae.last_why : "?");
		fail(sm, now, why);
		/* heldPeriod before the next attempt */
		if (sm->deadline < now + sm->cfg.held_ms)
			sm->deadline = now + sm->cfg.held_ms;
		return;
	default:
		/* a new exchange runs (a reauthentication) */
		sm->eap_consumed = false;
		return;
	}
}

/* One EAPOL frame from the AP, WPA-EAP, from AUTHENTICATING on. */
static void eap_frame(struct wsta_sm *sm, const uint8_t *frame, size_t len,
		      uint64_t now)
{
	struct eapol_pae_out o;
	struct eapol_frame f;
	struct wpa_out wo;

	if (eapol_parse(frame, len, &f) != EAPOL_OK) {
		sm->stats.eapol_dropped++;
		return;
	}
	if (f.type == EAPOL_EAP) {
		sm->stats.eap_rx++;
		eapol_pae_rx_eap(&sm->pae, f.body, f.body_len, now, &o);
		eap_send(sm, &o);
		eap_check(sm, now);
		return;
	}
	if (f.type == EAPOL_KEY && sm->state != WSTA_AUTHENTICATING) {
		wpa_sm_rx(&sm->wpa, frame, len, now, &wo);
		run(sm, &wo, now);
		return;
	}
	/* a Key frame before the EAP Success, a Start, ...: not for us */
	sm->stats.eapol_dropped++;
}

static void start_eap(struct wsta_sm *sm, uint64_t now)
{
	struct eapol_pae_out o;

	sm->deadline = now + WSTA_EAP_TIMEOUT_MS;
	sm->eap_consumed = false;
	set_state(sm, WSTA_AUTHENTICATING, now, "EAP: waiting for the AP");
	/*
	 * The AP speaks first: its Request/Identity follows the
	 * association.  The PAE sends no EAPOL-Start unless the AP stays
	 * silent for first_start_ms (an EAPOL-Start makes hostapd run the
	 * whole EAP exchange again after the handshake).
	 */
	eapol_pae_link(&sm->pae, true, now, &o);
	eap_send(sm, &o);
	if (sm->held_len) {
		size_t n = sm->held_len;

		sm->held_len = 0;
		eap_frame(sm, sm->held, n, now);
	}
}

void wsta_sm_bss(struct wsta_sm *sm, const uint8_t *ie, size_t ie_len,
		uint32_t freq, uint64_t now)
{
	if (sm->state != WSTA_ASSOCIATED)
		return;
	if (freq)
		sm->freq = freq;
	if (!ie || ie_len < 2 || ie_len > WPA_IE_MAX) {
		fail(sm, now, "the AP has no RSNE in the scan cache");
		return;
	}
	if (sm->cfg.key_mgmt == WSTA_KM_EAP) {
		memcpy(sm->ap_ie, ie, ie_len);
		sm->ap_ie_len = ie_len;
		start_eap(sm, now);
		return;
	}
	start_handshake(sm, ie, ie_len, sm->cfg.pmk, now);
}

void wsta_sm_eapol(struct wsta_sm *sm, const uint8_t src[6],
		  const uint8_t *frame, size_t len, uint64_t now)
{
	struct wpa_out o;

	sm->stats.eapol_rx++;
	if (sm->state == WSTA_CONNECTING && sm->cfg.key_mgmt == WSTA_KM_EAP) {
		/*
		 * The AP's Request/Identity can come before the CONNECT
		 * event: held, and kept if it came from the AP associated.
		 */
		if (len > sizeof(sm->held)) {
			sm->stats.eapol_held_dropped++;
			return;
		}
		if (sm->held_len)
			sm->stats.eapol_held_dropped++;
		memcpy(sm->held, frame, len);
		sm->held_len = len;
		memcpy(sm->held_src, src, 6);
		return;
	}
	if (sm->state == WSTA_ASSOCIATED) {
		if (len > sizeof(sm->held) || memcmp(src, sm->bssid, 6)) {
			sm->stats.eapol_held_dropped++;
			return;
		}
		if (sm->held_len)
			sm->stats.eapol_held_dropped++;
		memcpy(sm->held, frame, len);
		sm->held_len = len;
		return;
	}
	if (sm->state != WSTA_HANDSHAKE && sm->state != WSTA_COMPLETED &&
	    sm->state != WSTA_AUTHENTICATING)
		return;
	/* Only the AP we are associated with takes part. */
	if (memcmp(src, sm->bssid, 6))
		return;
	if (sm->cfg.key_mgmt == WSTA_KM_EAP) {
		eap_frame(sm, frame, len, now);
		return;
	}
	wpa_sm_rx(&sm->wpa, frame, len, now, &o);
	run(sm, &o, now);
}

void wsta_sm_disconnected(struct wsta_sm *sm, uint16_t reason, bool by_ap,
			 uint64_t now)
{
	char why[128];

	sm->last_reason = reason;
	sm->last_by_ap = by_ap;
	if (sm->state == WSTA_DISCONNECTED)
		return;
	sm->stats.disconnects++;
	if (sm->state == WSTA_HANDSHAKE && !sm->wpa.stats.msg3) {
		sm->stats.handshake_failures++;
		snprintf(why, sizeof(why), "4-way handshake failed: no valid "
			 "message 3%s (reason %u)", sm->wpa.stats.msg1 &&
			 sm->cfg.key_mgmt == WSTA_KM_PSK ? ", wrong PSK?" : "",
			 reason);
	} else if (sm->state == WSTA_AUTHENTICATING) {
		sm->stats.eap_failures++;
		snprintf(why, sizeof(why), "EAP authentication ended by the "
			 "AP leaving%s, reason %u", by_ap ? "" : " (or us)",
			 reason);
	} else {
		snprintf(why, sizeof(why), "disconnected%s, reason %u",
			 by_ap ? " by the AP" : "", reason);
	}
	if (sm->state == WSTA_CONNECTING)
		sm->stats.connect_failures++;
	go_down(sm, now, why);
}

uint64_t wsta_sm_deadline(const struct wsta_sm *sm)
{
	uint64_t w;

	switch (sm->state) {
	case WSTA_DISCONNECTED:
		return sm->link ? sm->deadline : UINT64_MAX;
	case WSTA_AUTHENTICATING:
		w = eapol_pae_deadline(&sm->pae);
		return w < sm->deadline ? w : sm->deadline;
	case WSTA_HANDSHAKE:
	case WSTA_COMPLETED:
		w = wpa_sm_deadline(&sm->wpa);
		if (w > sm->deadline)
			w = sm->deadline;
		if (sm->cfg.key_mgmt == WSTA_KM_EAP &&
		    eapol_pae_deadline(&sm->pae) < w)
			w = eapol_pae_deadline(&sm->pae);
		return w;
	default:
		return sm->deadline;
	}
}

/* The PAE's timer: EAPOL-Start again, authWhile, heldWhile. */
static bool eap_tick(struct wsta_sm *sm, uint64_t now)
{
	struct eapol_pae_out o;
	enum wsta_state before = sm->state;

	if (sm->cfg.key_mgmt != WSTA_KM_EAP ||
	    now < eapol_pae_deadline(&sm->pae))
		return true;
	eapol_pae_timeout(&sm->pae, now, &o);
	eap_send(sm, &o);
	eap_check(sm, now);
	return sm->state == before;
}

void wsta_sm_tick(struct wsta_sm *sm, uint64_t now)
{
	struct wpa_out o;

	if (now < wsta_sm_deadline(sm))
		return;
	switch (sm->state) {
	case WSTA_DISCONNECTED:
		try_connect(sm, now);
		return;
	case WSTA_CONNECTING:
	case WSTA_ASSOCIATED:
		sm->stats.timeouts++;
		fail(sm, now, sm->state == WSTA_CONNECTING ?
		     "no association in time" : "no RSNE from the scan cache "
		     "in time");
		return;
	case WSTA_AUTHENTICATING:
		if (now >= sm->deadline) {
			sm->stats.timeouts++;
			fail(sm, now, "no EAP result in time");
			return;
		}
		eap_tick(sm, now);
		return;
	case WSTA_HANDSHAKE:
	case WSTA_COMPLETED:
		if (!eap_tick(sm, now))
			return;
		wpa_sm_tick(&sm->wpa, now, &o);
		run(sm, &o, now);
		return;
	default:
		return;
	}
}
