// SPDX-License-Identifier: GPL-2.0
/*
 * A WPA2 station's connection around wpa.c.  See wsta_sm.h.
 */
#include <stdio.h>
#include <string.h>

#include "eapol/sta_sm.h"

static const char *const state_names[WSTA_STATE_MAX] = {
	[WSTA_DISCONNECTED] = "DISCONNECTED",
	[WSTA_CONNECTING] = "CONNECTING",
	[WSTA_ASSOCIATED] = "ASSOCIATED",
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
}

void wsta_sm_fini(struct wsta_sm *sm)
{
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
			    size_t ie_len, uint64_t now)
{
	struct wpa_cfg wc;
	struct wpa_out o;

	memset(&wc, 0, sizeof(wc));
	memcpy(wc.aa, sm->bssid, 6);
	memcpy(wc.spa, sm->cfg.own_addr, 6);
	memcpy(wc.pmk, sm->cfg.pmk, WPA_PMK_LEN);
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
	set_state(sm, WSTA_HANDSHAKE, now, "waiting for message 1");
	if (sm->held_len) {
		size_t n = sm->held_len;

		sm->held_len = 0;
		wpa_sm_rx(&sm->wpa, sm->held, n, now, &o);
		run(sm, &o, now);
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
	start_handshake(sm, ie, ie_len, now);
}

void wsta_sm_eapol(struct wsta_sm *sm, const uint8_t src[6],
		  const uint8_t *frame, size_t len, uint64_t now)
{
	struct wpa_out o;

	sm->stats.eapol_rx++;
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
	if (sm->state != WSTA_HANDSHAKE && sm->state != WSTA_COMPLETED)
		return;
	/* Only the AP we are associated with takes part. */
	if (memcmp(src, sm->bssid, 6))
		return;
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
			 "message 3%s (reason %u)", sm->wpa.stats.msg1 ?
			 ", wrong PSK?" : "", reason);
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
	case WSTA_HANDSHAKE:
	case WSTA_COMPLETED:
		w = wpa_sm_deadline(&sm->wpa);
		return w < sm->deadline ? w : sm->deadline;
	default:
		return sm->deadline;
	}
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
	case WSTA_HANDSHAKE:
	case WSTA_COMPLETED:
		wpa_sm_tick(&sm->wpa, now, &o);
		run(sm, &o, now);
		return;
	default:
		return;
	}
}
