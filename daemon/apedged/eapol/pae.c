// SPDX-License-Identifier: GPL-2.0
/*
 * The supplicant PAE (802.1X-2010 §8.5): see pae.h.
 */
#include <string.h>

#include "lib/log.h"
#include "eapol/pae.h"
#include "eapol/wire.h"

static const char *const state_names[EAPOL_PAE_STATE_COUNT] = {
	[EAPOL_PAE_LOGOFF] = "LOGOFF",
	[EAPOL_PAE_DISCONNECTED] = "DISCONNECTED",
	[EAPOL_PAE_CONNECTING] = "CONNECTING",
	[EAPOL_PAE_AUTHENTICATING] = "AUTHENTICATING",
	[EAPOL_PAE_AUTHENTICATED] = "AUTHENTICATED",
	[EAPOL_PAE_HELD] = "HELD",
	[EAPOL_PAE_RESTART] = "RESTART",
};

const char *eapol_pae_state_name(enum eapol_pae_state s)
{
	return (unsigned int)s < EAPOL_PAE_STATE_COUNT ? state_names[s] : "?";
}

static const char *ifn(const struct eapol_pae *pae)
{
	return pae->ifname ? pae->ifname : "?";
}

/* The one writer of pae->state. */
static void set_state(struct eapol_pae *pae, enum eapol_pae_state to,
		      uint64_t now, const char *why)
{
	if (pae->state != to) {
		log_info("eapol %s: %s -> %s (%s)", ifn(pae),
			 state_names[pae->state], state_names[to], why);
		pae->stats.transitions++;
	}
	pae->state = to;
	pae->since = now;
	pae->last_why = why;
	pae->deadline = UINT64_MAX;
	if (to == EAPOL_PAE_AUTHENTICATED)
		pae->authorized_at = now;
}

static void tx(struct eapol_pae_out *out, uint8_t type, const uint8_t *body,
	       size_t len)
{
	out->tx = true;
	out->type = type;
	out->body = body;
	out->body_len = len;
}

/*
 * CONNECTING: "startWhen = startPeriod; startCount = startCount + 1;
 * txStart()".
 */
static void connecting(struct eapol_pae *pae, uint64_t now, const char *why,
		       struct eapol_pae_out *out)
{
	set_state(pae, EAPOL_PAE_CONNECTING, now, why);
	pae->start_count++;
	pae->deadline = now + pae->t.start_period_ms;
	pae->stats.tx_start++;
	tx(out, EAPOL_START, NULL, 0);
}

static void held(struct eapol_pae *pae, uint64_t now, const char *why)
{
	set_state(pae, EAPOL_PAE_HELD, now, why);
	pae->deadline = now + pae->t.held_period_ms;
}

/* RESTART: "eapRestart = TRUE", then on to where we go next */
static void restart(struct eapol_pae *pae, uint64_t now, const char *why)
{
	set_state(pae, EAPOL_PAE_RESTART, now, why);
	eap_peer_restart(&pae->peer);
}

static void authenticating(struct eapol_pae *pae, uint64_t now,
			   const char *why)
{
	if (pae->state != EAPOL_PAE_AUTHENTICATING)
		set_state(pae, EAPOL_PAE_AUTHENTICATING, now, why);
	/* authWhile: restarted by every Request answered */
	pae->deadline = now + pae->t.auth_period_ms;
}

void eapol_pae_init(struct eapol_pae *pae, const char *ifname,
		    const struct eap_peer_cfg *cfg,
		    const struct eapol_pae_timers *t, uint64_t now)
{
	memset(pae, 0, sizeof(*pae));
	pae->ifname = ifname;
	pae->t = *t;
	if (!pae->t.max_start)
		pae->t.max_start = 1;
	pae->state = EAPOL_PAE_DISCONNECTED;
	pae->since = now;
	pae->deadline = UINT64_MAX;
	pae->last_why = "init";
	eap_peer_init(&pae->peer, cfg, ifname);
}

void eapol_pae_fini(struct eapol_pae *pae)
{
	eap_peer_fini(&pae->peer);
}

void eapol_pae_link(struct eapol_pae *pae, bool up, uint64_t now,
		    struct eapol_pae_out *out)
{
	memset(out, 0, sizeof(*out));
	if (up == pae->link)
		return;
	pae->link = up;
	if (!up) {
		if (pae->state != EAPOL_PAE_LOGOFF)
			set_state(pae, EAPOL_PAE_DISCONNECTED, now, "link down");
		eap_peer_restart(&pae->peer);
		return;
	}
	if (pae->user_logoff)
		return;
	/* DISCONNECTED: "startCount = 0" */
	pae->start_count = 0;
	eap_peer_restart(&pae->peer);
	if (pae->t.first_start_ms) {
		/* CONNECTING, its first Start held back: see pae.h */
		set_state(pae, EAPOL_PAE_CONNECTING, now, "link up");
		pae->deadline = now + pae->t.first_start_ms;
		return;
	}
	connecting(pae, now, "link up", out);
}

void eapol_pae_logoff(struct eapol_pae *pae, uint64_t now,
		      struct eapol_pae_out *out)
{
	memset(out, 0, sizeof(*out));
	pae->user_logoff = true;
	eap_peer_restart(&pae->peer);
	set_state(pae, EAPOL_PAE_LOGOFF, now, "logoff");
	if (pae->link) {
		pae->stats.tx_logoff++;
		tx(out, EAPOL_LOGOFF, NULL, 0);
	}
}

void eapol_pae_reauth(struct eapol_pae *pae, uint64_t now,
		      struct eapol_pae_out *out)
{
	memset(out, 0, sizeof(*out));
	pae->user_logoff = false;
	restart(pae, now, "reauth");
	pae->start_count = 0;
	if (!pae->link) {
		set_state(pae, EAPOL_PAE_DISCONNECTED, now, "link down");
		return;
	}
	connecting(pae, now, "reauth", out);
}

void eapol_pae_timeout(struct eapol_pae *pae, uint64_t now,
		       struct eapol_pae_out *out)
{
	memset(out, 0, sizeof(*out));
	if (pae->deadline == UINT64_MAX || now < pae->deadline)
		return;
	switch (pae->state) {
	case EAPOL_PAE_CONNECTING:
		/* "(startWhen == 0) && (startCount < maxStart)" */
		if (pae->start_count < pae->t.max_start) {
			connecting(pae, now, "startWhen", out);
			return;
		}
		pae->stats.start_timeout++;
		held(pae, now, "maxStart Starts unanswered");
		return;
	case EAPOL_PAE_AUTHENTICATING:
		/* authWhile: the backend's timeout, then CONNECTING again */
		pae->stats.auth_timeout++;
		restart(pae, now, "authWhile");
		pae->start_count = 0;
		connecting(pae, now, "authWhile", out);
		return;
	case EAPOL_PAE_HELD:
		/* "heldWhile == 0" */
		pae->start_count = 0;
		connecting(pae, now, "heldWhile", out);
		return;
	default:
		pae->deadline = UINT64_MAX;
		return;
	}
}

void eapol_pae_rx_eap(struct eapol_pae *pae, const uint8_t *eap, size_t len,
		      uint64_t now, struct eapol_pae_out *out)
{
	enum eap_peer_out r;
	struct eap_pkt pk;
	bool request;

	memset(out, 0, sizeof(*out));
	/* LOGOFF and DISCONNECTED do not listen */
	if (pae->state == EAPOL_PAE_LOGOFF ||
	    pae->state == EAPOL_PAE_DISCONNECTED || !pae->link)
		return;
	request = eap_parse(eap, len, &pk) == EAPOL_OK &&
		  pk.code == EAP_CODE_REQUEST;
	/* A Request after the result: the authenticator starts again. */
	if (request && (pae->state == EAPOL_PAE_AUTHENTICATED ||
			pae->state == EAPOL_PAE_HELD)) {
		if (pae->state == EAPOL_PAE_AUTHENTICATED)
			pae->stats.reauth++;
		restart(pae, now, "Request after the result");
	}
	r = eap_peer_rx(&pae->peer, eap, len);
	switch (r) {
	case EAP_PEER_OUT_NONE:
		if (request && pae->state != EAPOL_PAE_AUTHENTICATING &&
		    pae->peer.last_id >= 0)
			authenticating(pae, now, "Request");
		return;
	case EAP_PEER_OUT_RESP:
		authenticating(pae, now, "Request");
		pae->stats.tx_eap++;
		tx(out, EAPOL_EAP, pae->peer.resp, pae->peer.resp_len);
		return;
	case EAP_PEER_OUT_SUCCESS:
		pae->stats.auth_success++;
		set_state(pae, EAPOL_PAE_AUTHENTICATED, now, "EAP Success");
		return;
	case EAP_PEER_OUT_FAIL:
		pae->stats.auth_failure++;
		held(pae, now, "EAP Failure");
		return;
	}
}
