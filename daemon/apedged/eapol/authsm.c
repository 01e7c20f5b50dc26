// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X authenticator's state machines: see authsm.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/log.h"
#include "eapol/authsm.h"
#include "eapol/wire.h"

#define NEVER UINT64_MAX
/* 802.1X-2004 §8.2.4.1.2: reAuthMax; CONNECTING sends reAuthMax + 1
 * Requests/Identity, suppTimeout apart, before DISCONNECTED */
#define AUTH_REAUTH_MAX 2
#define EAP_TYPE_IDENTITY_ 1

static const uint8_t pae_group[AUTH_MAC_LEN] = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x03
};

static const char *const pae_names[AUTH_PAE_STATE_COUNT] = {
	[AUTH_PAE_INITIALIZE] = "INITIALIZE",
	[AUTH_PAE_DISCONNECTED] = "DISCONNECTED",
	[AUTH_PAE_RESTART] = "RESTART",
	[AUTH_PAE_CONNECTING] = "CONNECTING",
	[AUTH_PAE_AUTHENTICATING] = "AUTHENTICATING",
	[AUTH_PAE_AUTHENTICATED] = "AUTHENTICATED",
	[AUTH_PAE_ABORTING] = "ABORTING",
	[AUTH_PAE_HELD] = "HELD",
	[AUTH_PAE_FORCE_AUTH] = "FORCE_AUTH",
	[AUTH_PAE_FORCE_UNAUTH] = "FORCE_UNAUTH",
};

static const char *const be_names[AUTH_BE_STATE_COUNT] = {
	[AUTH_BE_INITIALIZE] = "INITIALIZE",
	[AUTH_BE_IDLE] = "IDLE",
	[AUTH_BE_REQUEST] = "REQUEST",
	[AUTH_BE_RESPONSE] = "RESPONSE",
	[AUTH_BE_SUCCESS] = "SUCCESS",
	[AUTH_BE_FAIL] = "FAIL",
	[AUTH_BE_TIMEOUT] = "TIMEOUT",
};

static const char *const mab_names[AUTH_MAB_STATE_COUNT] = {
	[AUTH_MAB_OFF] = "off",
	[AUTH_MAB_WAITING] = "waiting",
	[AUTH_MAB_QUERYING] = "querying",
	[AUTH_MAB_ACCEPTED] = "accepted",
	[AUTH_MAB_REJECTED] = "rejected",
};

static const char *const authz_names[] = {
	[AUTH_AZ_NONE] = "none",
	[AUTH_AZ_DOT1X] = "802.1x",
	[AUTH_AZ_MAB] = "mab",
	[AUTH_AZ_GUEST] = "guest",
	[AUTH_AZ_FAILVLAN] = "auth-fail",
	[AUTH_AZ_FORCED] = "forced",
};

const char *auth_pae_state_name(enum auth_pae_state s)
{
	return (unsigned int)s < AUTH_PAE_STATE_COUNT ? pae_names[s] : "?";
}

const char *auth_be_state_name(enum auth_be_state s)
{
	return (unsigned int)s < AUTH_BE_STATE_COUNT ? be_names[s] : "?";
}

const char *auth_mab_state_name(enum auth_mab_state s)
{
	return (unsigned int)s < AUTH_MAB_STATE_COUNT ? mab_names[s] : "?";
}

const char *auth_authz_name(enum auth_authz a)
{
	return (unsigned int)a <= AUTH_AZ_FORCED ? authz_names[a] : "?";
}

void auth_mab_user(char *buf, size_t size, const uint8_t m[AUTH_MAC_LEN],
		   enum auth_mab_format f)
{
	switch (f) {
	case AUTH_MAB_FMT_IETF:
		snprintf(buf, size, "%02X-%02X-%02X-%02X-%02X-%02X",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		break;
	case AUTH_MAB_FMT_COLON:
		snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		break;
	default:
		snprintf(buf, size, "%02x%02x%02x%02x%02x%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		break;
	}
}

static const char *ifn(const struct auth_session *s)
{
	return s->port->ifname ? s->port->ifname : "?";
}

#define MACF "%02x:%02x:%02x:%02x:%02x:%02x"
#define MACA(m) (m)[0], (m)[1], (m)[2], (m)[3], (m)[4], (m)[5]

/* The one writer of s->pae. */
static void set_pae(struct auth_session *s, enum auth_pae_state to,
		    uint64_t now, const char *why)
{
	struct auth_stats *st = &s->port->stats;

	if (s->pae != to)
		log_rl(LOG_INFO, "auth %s " MACF ": %s -> %s (%s)", ifn(s),
		       MACA(s->mac), pae_names[s->pae], pae_names[to], why);
	if (to == AUTH_PAE_CONNECTING)
		st->enters_connecting++;
	else if (to == AUTH_PAE_AUTHENTICATING)
		st->enters_authenticating++;
	s->pae = to;
	s->since = now;
	s->last_why = why;
	s->tx_when = NEVER;
	s->quiet_while = NEVER;
}

/* The one writer of s->be. */
static void set_be(struct auth_session *s, enum auth_be_state to)
{
	s->be = to;
	if (to == AUTH_BE_IDLE || to == AUTH_BE_INITIALIZE)
		s->a_while = NEVER;
}

/* The one writer of s->authz: tells the engine on each change. */
static void set_authz(struct auth_session *s, enum auth_authz a,
		      uint16_t vlan)
{
	struct auth_port *p = s->port;
	bool was = s->authz != AUTH_AZ_NONE, on = a != AUTH_AZ_NONE;

	if (!on)
		vlan = 0;
	if (s->authz == a && s->vlan == vlan)
		return;
	if (was || on)
		log_rl(LOG_INFO, "auth %s " MACF ": authorized %s -> %s vlan %u",
		       ifn(s), MACA(s->mac), authz_names[s->authz],
		       authz_names[a], vlan);
	s->authz = a;
	s->vlan = vlan;
	if (!on) {
		s->reauth_when = NEVER;
		s->session_end = NEVER;
	}
	if (was != on || on)
		p->ops->authorize(p->ctx, s, on, vlan);
}

static const uint8_t *dst_of(const struct auth_session *s)
{
	return s->port->cfg.mode == AUTH_MODE_PORT ? pae_group : s->mac;
}

static void tx_frame(struct auth_session *s, uint8_t type, const uint8_t *b,
		     size_t len)
{
	s->port->stats.eapol_frames_tx++;
	s->port->ops->tx(s->port->ctx, dst_of(s), type, b, len);
}

/* An EAP Success or Failure of our own making. */
static void tx_result(struct auth_session *s, uint8_t code, uint8_t id)
{
	uint8_t b[EAP_HDR_LEN];
	size_t n = eap_build(b, sizeof(b), code, id, 0, NULL, 0);

	if (n)
		tx_frame(s, EAPOL_EAP, b, n);
}

static void aaa_abort(struct auth_session *s)
{
	if (s->aaa_seq) {
		s->port->ops->aaa_cancel(s->port->ctx, s);
		s->aaa_seq = 0;
	}
}

static void aaa_send(struct auth_session *s, struct auth_aaa_req *rq,
		     uint64_t now);

/* --- the backend (§8.2.9) ------------------------------------------- */

/* REQUEST: "txReq(); aWhile = suppTimeout; reqCount++" */
static void be_request(struct auth_session *s, uint64_t now)
{
	struct auth_port *p = s->port;

	set_be(s, AUTH_BE_REQUEST);
	s->a_while = now + p->cfg.supp_timeout_ms;
	s->req_count++;
	p->stats.eap_req_frames_tx++;
	p->stats.backend_others_requests_to_supplicant++;
	tx_frame(s, EAPOL_EAP, s->last_req, s->last_req_len);
}

/* RESPONSE: "aWhile = serverTimeout; reqCount = 0; sendRespToServer()" */
static void be_response(struct auth_session *s, const uint8_t *eap,
			size_t len, uint64_t now)
{
	struct auth_aaa_req rq = {
		.user_name = s->identity,
		.eap = eap,
		.eap_len = len,
		.state = s->state_len ? s->state : NULL,
		.state_len = s->state_len,
	};

	set_be(s, AUTH_BE_RESPONSE);
	s->req_count = 0;
	s->port->stats.backend_responses++;
	aaa_send(s, &rq, now);
	s->a_while = now + s->port->cfg.server_timeout_ms;
}

static void be_abort(struct auth_session *s)
{
	aaa_abort(s);
	set_be(s, AUTH_BE_INITIALIZE);
	set_be(s, AUTH_BE_IDLE);
}

/* --- the authenticator PAE (§8.2.4) ---------------------------------- */

static void pae_connecting(struct auth_session *s, uint64_t now,
			   const char *why);

static void pae_disconnected(struct auth_session *s, uint64_t now,
			     const char *why)
{
	be_abort(s);
	set_pae(s, AUTH_PAE_DISCONNECTED, now, why);
	/* "authPortStatus = Unauthorized; reAuthCount = 0; eapolLogoff =
	 * FALSE" */
	if (s->authz == AUTH_AZ_DOT1X || s->authz == AUTH_AZ_FAILVLAN)
		set_authz(s, AUTH_AZ_NONE, 0);
	s->reauth_count = 0;
	s->logoff = false;
	s->state_len = 0;
	/* A port keeps looking for its supplicant; a MAC session waits for
	 * a frame, or its reaping. */
	if (s->port->cfg.mode == AUTH_MODE_PORT &&
	    s->mab != AUTH_MAB_QUERYING && s->mab != AUTH_MAB_ACCEPTED)
		s->tx_when = now + s->port->cfg.quiet_period_ms;
}

/* RESTART then CONNECTING: "eapRestart = TRUE" */
static void pae_restart(struct auth_session *s, uint64_t now, const char *why)
{
	be_abort(s);
	set_pae(s, AUTH_PAE_RESTART, now, why);
	s->state_len = 0;
	pae_connecting(s, now, why);
}

/*
 * CONNECTING: "reAuthCount = reAuthCount + 1"; past reAuthMax, on to
 * DISCONNECTED.  A Request/Identity of a new Identifier each time (the
 * retransmission every suppTimeout, as 802.1X-2001's txWhen).
 */
static void pae_connecting(struct auth_session *s, uint64_t now,
			   const char *why)
{
	struct auth_port *p = s->port;
	uint8_t b[EAP_HDR_LEN + 1];
	size_t n;

	s->reauth_count++;
	if (s->reauth_count > AUTH_REAUTH_MAX + 1u) {
		/* no supplicant: the guest VLAN when nothing else decides */
		pae_disconnected(s, now, "no Response/Identity");
		if (!s->heard_eapol && s->mab == AUTH_MAB_OFF &&
		    p->cfg.guest_vlan && s->authz == AUTH_AZ_NONE)
			set_authz(s, AUTH_AZ_GUEST, p->cfg.guest_vlan);
		return;
	}
	set_pae(s, AUTH_PAE_CONNECTING, now, why);
	s->cur_id = p->next_id++;
	n = eap_build(b, sizeof(b), EAP_CODE_REQUEST, s->cur_id,
		      EAP_TYPE_IDENTITY_, NULL, 0);
	s->tx_when = now + p->cfg.supp_timeout_ms;
	p->stats.eap_req_id_frames_tx++;
	tx_frame(s, EAPOL_EAP, b, n);
}

static void pae_held(struct auth_session *s, uint64_t now, const char *why)
{
	be_abort(s);
	set_pae(s, AUTH_PAE_HELD, now, why);
	/* "quietWhile = quietPeriod" */
	s->quiet_while = now + s->port->cfg.quiet_period_ms;
	s->logoff = false;
}

/* ABORTING: "authAbort = TRUE", then DISCONNECTED or RESTART. */
static void pae_aborting(struct auth_session *s, uint64_t now,
			 const char *why)
{
	set_pae(s, AUTH_PAE_ABORTING, now, why);
	be_abort(s);
	if (s->logoff)
		pae_disconnected(s, now, why);
	else
		pae_restart(s, now, why);
}

/* The RADIUS reply's session limits (RFC 3580 §3.17, §3.19). */
static void session_timers(struct auth_session *s,
			   const struct auth_aaa_reply *r, uint64_t now)
{
	const struct auth_cfg *c = &s->port->cfg;

	s->reauth_when = c->reauth_period_ms ? now + c->reauth_period_ms :
					       NEVER;
	s->session_end = NEVER;
	if (!r || !r->session_timeout)
		return;
	if (r->termination_action == 1)
		s->reauth_when = now + (uint64_t)r->session_timeout * 1000;
	else
		s->session_end = now + (uint64_t)r->session_timeout * 1000;
}

static void pae_authenticated(struct auth_session *s, uint64_t now,
			      const struct auth_aaa_reply *r)
{
	set_pae(s, AUTH_PAE_AUTHENTICATED, now, "Accept and Success");
	s->reauth_count = 0;
	set_authz(s, AUTH_AZ_DOT1X, r ? r->vlan : 0);
	session_timers(s, r, now);
}

/* --- MAB ------------------------------------------------------------ */

static void mab_query(struct auth_session *s, uint64_t now)
{
	const struct auth_cfg *c = &s->port->cfg;
	char user[18];
	struct auth_aaa_req rq = { .user_name = user, .call_check = true };

	auth_mab_user(user, sizeof(user), s->mac, c->mab_format);
	rq.user_password = c->mab_password && c->mab_password[0] ?
			   c->mab_password : user;
	s->mab = AUTH_MAB_QUERYING;
	s->mab_when = NEVER;
	s->port->stats.mab_queries++;
	/* 802.1X stops asking while the AAA decides */
	if (s->pae == AUTH_PAE_CONNECTING)
		pae_disconnected(s, now, "MAB");
	aaa_send(s, &rq, now);
	s->a_while = now + c->server_timeout_ms;
}

/* An EAPOL frame from a MAB session: 802.1X takes over. */
static void mab_to_dot1x(struct auth_session *s, uint64_t now)
{
	enum auth_mab_state was = s->mab;

	s->heard_eapol = true;
	s->mab_when = NEVER;
	if (was == AUTH_MAB_OFF)
		return;
	s->mab = AUTH_MAB_OFF;
	if (was != AUTH_MAB_WAITING)
		s->port->stats.mab_to_dot1x++;
	if (was == AUTH_MAB_QUERYING) {
		aaa_abort(s);
		s->a_while = NEVER;
	}
	if (s->authz == AUTH_AZ_MAB || s->authz == AUTH_AZ_GUEST)
		set_authz(s, AUTH_AZ_NONE, 0);
	if (s->pae == AUTH_PAE_HELD)
		set_pae(s, AUTH_PAE_DISCONNECTED, now, "EAPOL after MAB");
}

static void mab_reply(struct auth_session *s, enum auth_aaa_result res,
		      const struct auth_aaa_reply *r, uint64_t now)
{
	struct auth_port *p = s->port;

	s->a_while = NEVER;
	switch (res) {
	case AUTH_AAA_ACCEPT:
		p->stats.mab_accepts++;
		s->mab = AUTH_MAB_ACCEPTED;
		set_authz(s, AUTH_AZ_MAB, r ? r->vlan : 0);
		session_timers(s, r, now);
		return;
	case AUTH_AAA_TIMEOUT:
		/* ask again after quietPeriod; an authorization stays */
		s->mab = s->authz == AUTH_AZ_MAB ? AUTH_MAB_ACCEPTED :
						   AUTH_MAB_WAITING;
		if (s->mab == AUTH_MAB_WAITING)
			s->mab_when = now + p->cfg.quiet_period_ms;
		else
			s->reauth_when = now + p->cfg.quiet_period_ms;
		return;
	default:
		/* a Challenge to a Call-Check is a refusal too */
		p->stats.mab_rejects++;
		s->mab = AUTH_MAB_REJECTED;
		if (p->cfg.guest_vlan) {
			set_authz(s, AUTH_AZ_GUEST, p->cfg.guest_vlan);
			pae_disconnected(s, now, "MAB Reject, guest VLAN");
			s->tx_when = NEVER;
			return;
		}
		set_authz(s, AUTH_AZ_NONE, 0);
		pae_held(s, now, "MAB Reject");
		return;
	}
}

/* --- sessions --------------------------------------------------------- */

static void aaa_send(struct auth_session *s, struct auth_aaa_req *rq,
		     uint64_t now)
{
	struct auth_port *p = s->port;

	aaa_abort(s);
	if (!++p->next_seq)
		p->next_seq = 1;
	rq->seq = p->next_seq;
	memcpy(rq->calling_station, s->mac, AUTH_MAC_LEN);
	s->aaa_seq = rq->seq;
	if (p->ops->aaa_send(p->ctx, s, rq)) {
		/* not sent: the server timeout will tell */
		s->aaa_seq = 0;
	}
}

static void session_start(struct auth_session *s, uint64_t now)
{
	const struct auth_cfg *c = &s->port->cfg;

	set_pae(s, AUTH_PAE_INITIALIZE, now, "new");
	set_be(s, AUTH_BE_INITIALIZE);
	set_be(s, AUTH_BE_IDLE);
	if (c->control == AUTH_CONTROL_FORCE_AUTH) {
		set_pae(s, AUTH_PAE_FORCE_AUTH, now, "force-authorized");
		set_authz(s, AUTH_AZ_FORCED, 0);
		return;
	}
	if (c->control == AUTH_CONTROL_FORCE_UNAUTH) {
		set_pae(s, AUTH_PAE_FORCE_UNAUTH, now, "force-unauthorized");
		return;
	}
	set_pae(s, AUTH_PAE_DISCONNECTED, now, "new");
	if (c->mab) {
		s->mab = AUTH_MAB_WAITING;
		s->mab_when = now + c->mab_delay_ms;
	}
}

static struct auth_session *session_new(struct auth_port *p,
					const uint8_t mac[AUTH_MAC_LEN],
					uint64_t now)
{
	struct auth_session *s;
	size_t max = p->cfg.mode == AUTH_MODE_PORT ? 1 : p->cfg.max_sessions;

	if (max > AUTH_SESSIONS_MAX)
		max = AUTH_SESSIONS_MAX;
	if (p->n_sessions >= max) {
		p->stats.sessions_refused++;
		log_rl(LOG_NOTICE, "auth %s: session table full (%zu), "
		       MACF " refused", p->ifname, max, MACA(mac));
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->port = p;
	memcpy(s->mac, mac, AUTH_MAC_LEN);
	s->created = s->last_rx = s->since = now;
	s->a_while = s->tx_when = s->quiet_while = NEVER;
	s->reauth_when = s->session_end = s->mab_when = NEVER;
	s->last_why = "new";
	p->sessions[p->n_sessions++] = s;
	p->stats.sessions_created++;
	session_start(s, now);
	return s;
}

static void session_free(struct auth_port *p, size_t i)
{
	struct auth_session *s = p->sessions[i];

	aaa_abort(s);
	set_authz(s, AUTH_AZ_NONE, 0);
	p->sessions[i] = p->sessions[--p->n_sessions];
	free(s);
}

struct auth_session *auth_port_find(const struct auth_port *p,
				    const uint8_t mac[AUTH_MAC_LEN])
{
	size_t i;

	if (p->cfg.mode == AUTH_MODE_PORT)
		return p->n_sessions ? p->sessions[0] : NULL;
	for (i = 0; i < p->n_sessions; i++)
		if (!memcmp(p->sessions[i]->mac, mac, AUTH_MAC_LEN))
			return p->sessions[i];
	return NULL;
}

static bool is_unicast(const uint8_t mac[AUTH_MAC_LEN])
{
	static const uint8_t zero[AUTH_MAC_LEN];

	return !(mac[0] & 1) && memcmp(mac, zero, AUTH_MAC_LEN);
}

/* The session of src, made when there is none (and room). */
static struct auth_session *session_of(struct auth_port *p,
				       const uint8_t src[AUTH_MAC_LEN],
				       uint64_t now)
{
	struct auth_session *s;

	if (!is_unicast(src))
		return NULL;
	s = auth_port_find(p, src);
	if (!s)
		s = session_new(p, src, now);
	if (s && p->cfg.mode == AUTH_MODE_PORT &&
	    memcmp(s->mac, src, AUTH_MAC_LEN) &&
	    (s->pae == AUTH_PAE_DISCONNECTED || s->pae == AUTH_PAE_CONNECTING))
		/* the port's supplicant is whoever speaks while none is */
		memcpy(s->mac, src, AUTH_MAC_LEN);
	if (s)
		s->last_rx = now;
	return s;
}

int auth_port_init(struct auth_port *p, const char *ifname,
		   const struct auth_cfg *cfg, const struct auth_ops *ops,
		   void *ctx, uint64_t now)
{
	size_t max;

	memset(p, 0, sizeof(*p));
	p->ifname = ifname;
	p->cfg = *cfg;
	if (!p->cfg.max_sessions)
		p->cfg.max_sessions = 1;
	if (!p->cfg.max_req)
		p->cfg.max_req = 1;
	p->ops = ops;
	p->ctx = ctx;
	p->next_id = (uint8_t)now;
	max = p->cfg.mode == AUTH_MODE_PORT ? 1 : p->cfg.max_sessions;
	if (max > AUTH_SESSIONS_MAX)
		max = AUTH_SESSIONS_MAX;
	p->sessions = calloc(max, sizeof(*p->sessions));
	return p->sessions ? 0 : -ENOMEM;
}

void auth_port_fini(struct auth_port *p)
{
	size_t i;

	for (i = 0; i < p->n_sessions; i++)
		free(p->sessions[i]);
	free(p->sessions);
	p->sessions = NULL;
	p->n_sessions = 0;
}

/* --- input ------------------------------------------------------------ */

static void rx_start(struct auth_session *s, uint64_t now)
{
	struct auth_stats *st = &s->port->stats;

	switch (s->pae) {
	case AUTH_PAE_AUTHENTICATING:
		st->auth_eap_starts_while_authenticating++;
		pae_aborting(s, now, "EAPOL-Start");
		return;
	case AUTH_PAE_AUTHENTICATED:
		st->auth_eap_starts_while_authenticated++;
		pae_restart(s, now, "EAPOL-Start");
		return;
	case AUTH_PAE_HELD:
		return;			/* quietWhile */
	case AUTH_PAE_CONNECTING:
		s->reauth_count = 0;
		pae_restart(s, now, "EAPOL-Start");
		return;
	default:
		pae_restart(s, now, "EAPOL-Start");
		return;
	}
}

static void rx_logoff(struct auth_session *s, uint64_t now)
{
	struct auth_stats *st = &s->port->stats;

	s->logoff = true;
	switch (s->pae) {
	case AUTH_PAE_CONNECTING:
		st->eap_logoffs_while_connecting++;
		pae_disconnected(s, now, "EAPOL-Logoff");
		return;
	case AUTH_PAE_AUTHENTICATING:
		st->auth_eap_logoff_while_authenticating++;
		pae_aborting(s, now, "EAPOL-Logoff");
		return;
	case AUTH_PAE_AUTHENTICATED:
		st->auth_eap_logoff_while_authenticated++;
		pae_disconnected(s, now, "EAPOL-Logoff");
		return;
	case AUTH_PAE_HELD:
		if (s->authz == AUTH_AZ_FAILVLAN)
			set_authz(s, AUTH_AZ_NONE, 0);
		s->logoff = false;
		return;
	default:
		s->logoff = false;
		return;
	}
}

static void rx_eap(struct auth_session *s, const uint8_t *b, size_t len,
		   uint64_t now)
{
	struct auth_port *p = s->port;
	struct eap_pkt e;
	enum eapol_err err = eap_parse(b, len, &e);
	size_t n;

	if (err != EAPOL_OK) {
		if (err == EAP_ERR_LEN || err == EAP_ERR_SHORT)
			p->stats.eap_length_error_frames_rx++;
		else
			p->stats.invalid_eapol_frames_rx++;
		return;
	}
	if (e.code != EAP_CODE_RESPONSE) {
		/* the authenticator takes nothing else from the wire */
		p->stats.eap_from_station_dropped++;
		log_rl(LOG_NOTICE, "auth %s " MACF ": EAP %s from a station "
		       "dropped", p->ifname, MACA(s->mac),
		       eap_code_name(e.code));
		return;
	}
	if (e.type == EAP_TYPE_IDENTITY_)
		p->stats.eap_resp_id_frames_rx++;
	else
		p->stats.eap_resp_frames_rx++;
	switch (s->pae) {
	case AUTH_PAE_CONNECTING:
		if (e.type != EAP_TYPE_IDENTITY_ || e.id != s->cur_id)
			break;
		/* rxRespId: the identity, up to its first NUL */
		n = e.data_len < AUTH_IDENTITY_MAX ? e.data_len :
						      AUTH_IDENTITY_MAX;
		memcpy(s->identity, e.data, n);
		s->identity[n] = 0;
		set_pae(s, AUTH_PAE_AUTHENTICATING, now, "Response/Identity");
		be_response(s, b, e.len, now);
		return;
	case AUTH_PAE_AUTHENTICATING:
		if (s->be != AUTH_BE_REQUEST || e.id != s->cur_id)
			break;
		be_response(s, b, e.len, now);
		return;
	case AUTH_PAE_DISCONNECTED:
		/* a supplicant that speaks first: ask it who it is */
		if (!s->aaa_seq)
			pae_restart(s, now, "unsolicited Response");
		return;
	default:
		break;
	}
	p->stats.eap_wrong_id++;
}

void auth_port_rx(struct auth_port *p, const uint8_t src[AUTH_MAC_LEN],
		  const uint8_t *frame, size_t len, uint64_t now)
{
	struct auth_session *s;
	struct eapol_frame f;
	enum eapol_err err = eapol_parse(frame, len, &f);

	if (err != EAPOL_OK) {
		if (err == EAPOL_ERR_BODY_LEN)
			p->stats.eap_length_error_frames_rx++;
		else
			p->stats.invalid_eapol_frames_rx++;
		return;
	}
	p->stats.eapol_frames_rx++;
	p->stats.last_eapol_frame_version = f.version;
	memcpy(p->stats.last_eapol_frame_source, src, AUTH_MAC_LEN);
	if (f.type != EAPOL_EAP && f.type != EAPOL_START &&
	    f.type != EAPOL_LOGOFF)
		return;			/* Key, MKA, ...: not ours */
	s = session_of(p, src, now);
	if (!s)
		return;
	if (f.type == EAPOL_START)
		p->stats.eapol_start_frames_rx++;
	else if (f.type == EAPOL_LOGOFF)
		p->stats.eapol_logoff_frames_rx++;
	if (s->pae == AUTH_PAE_FORCE_AUTH || s->pae == AUTH_PAE_FORCE_UNAUTH) {
		if (f.type == EAPOL_START)
			tx_result(s, s->pae == AUTH_PAE_FORCE_AUTH ?
				  EAP_CODE_SUCCESS : EAP_CODE_FAILURE,
				  p->next_id++);
		return;
	}
	mab_to_dot1x(s, now);
	switch (f.type) {
	case EAPOL_START:
		rx_start(s, now);
		return;
	case EAPOL_LOGOFF:
		rx_logoff(s, now);
		return;
	default:
		rx_eap(s, f.body, f.body_len, now);
		return;
	}
}

void auth_port_seen(struct auth_port *p, const uint8_t mac[AUTH_MAC_LEN],
		    uint64_t now)
{
	struct auth_session *s;
	bool fresh;

	if (!is_unicast(mac))
		return;
	fresh = !auth_port_find(p, mac);
	if (p->cfg.mode == AUTH_MODE_PORT && !fresh &&
	    p->sessions[0]->pae != AUTH_PAE_DISCONNECTED)
		return;
	s = session_of(p, mac, now);
	if (!s || s->pae != AUTH_PAE_DISCONNECTED || s->aaa_seq ||
	    s->authz != AUTH_AZ_NONE)
		return;
	if (!fresh && s->mab == AUTH_MAB_OFF && p->cfg.mab &&
	    !s->heard_eapol) {
		s->mab = AUTH_MAB_WAITING;
		s->mab_when = now + p->cfg.mab_delay_ms;
	}
	/* a station that may wait for the authenticator to speak */
	pae_restart(s, now, "frame seen");
}

static bool session_is(const struct auth_port *p, const struct auth_session *s)
{
	size_t i;

	for (i = 0; i < p->n_sessions; i++)
		if (p->sessions[i] == s)
			return true;
	return false;
}

void auth_port_aaa_reply(struct auth_port *p, struct auth_session *s,
			 uint32_t seq, enum auth_aaa_result res,
			 const struct auth_aaa_reply *r, uint64_t now)
{
	struct eap_pkt e;
	bool have_eap;

	if (!s || !session_is(p, s) || !seq || seq != s->aaa_seq) {
		p->stats.aaa_stale_replies++;
		return;
	}
	s->aaa_seq = 0;
	if (s->mab == AUTH_MAB_QUERYING) {
		mab_reply(s, res, r, now);
		return;
	}
	if (s->pae != AUTH_PAE_AUTHENTICATING || s->be != AUTH_BE_RESPONSE) {
		p->stats.aaa_stale_replies++;
		return;
	}
	have_eap = r && r->eap && eap_parse(r->eap, r->eap_len, &e) == EAPOL_OK;
	switch (res) {
	case AUTH_AAA_CHALLENGE:
		if (!have_eap || e.code != EAP_CODE_REQUEST ||
		    e.len > sizeof(s->last_req)) {
			p->stats.aaa_bad_replies++;
			return;		/* aWhile runs on */
		}
		p->stats.backend_access_challenges++;
		memcpy(s->last_req, r->eap, e.len);
		s->last_req_len = e.len;
		s->cur_id = e.id;
		s->state_len = 0;
		if (r->state && r->state_len <= sizeof(s->state)) {
			memcpy(s->state, r->state, r->state_len);
			s->state_len = r->state_len;
		}
		be_request(s, now);
		return;
	case AUTH_AAA_ACCEPT:
		/* RFC 3579 §2.6: the Accept carries the EAP-Success, whose
		 * Identifier is that of the Response it answers. */
		if (!have_eap || e.code != EAP_CODE_SUCCESS ||
		    e.id != s->cur_id) {
			p->stats.aaa_bad_replies++;
			log_rl(LOG_WARNING, "auth %s " MACF ": Accept without "
			       "the EAP-Success of Identifier %u ignored",
			       p->ifname, MACA(s->mac), s->cur_id);
			return;		/* aWhile runs on */
		}
		set_be(s, AUTH_BE_SUCCESS);
		p->stats.backend_auth_successes++;
		p->stats.auth_success_while_authenticating++;
		tx_frame(s, EAPOL_EAP, r->eap, e.len);	/* Success first */
		set_be(s, AUTH_BE_IDLE);
		s->state_len = 0;
		pae_authenticated(s, now, r);
		return;
	case AUTH_AAA_REJECT:
		set_be(s, AUTH_BE_FAIL);
		p->stats.backend_auth_fails++;
		p->stats.auth_fail_while_authenticating++;
		if (have_eap && e.code == EAP_CODE_FAILURE)
			tx_frame(s, EAPOL_EAP, r->eap, e.len);
		else
			tx_result(s, EAP_CODE_FAILURE, s->cur_id);
		set_be(s, AUTH_BE_IDLE);
		pae_held(s, now, "Reject");
		if (p->cfg.auth_fail_vlan)
			set_authz(s, AUTH_AZ_FAILVLAN, p->cfg.auth_fail_vlan);
		else
			set_authz(s, AUTH_AZ_NONE, 0);
		return;
	case AUTH_AAA_TIMEOUT:
		set_be(s, AUTH_BE_TIMEOUT);
		p->stats.auth_timeouts_while_authenticating++;
		set_be(s, AUTH_BE_IDLE);
		pae_aborting(s, now, "AAA timeout");
		return;
	}
}

/* reAuthenticate (§8.2.5): 802.1X again, or the MAB query again. */
static void reauth(struct auth_session *s, uint64_t now, const char *why)
{
	s->reauth_when = NEVER;
	if (s->pae == AUTH_PAE_AUTHENTICATED) {
		s->port->stats.auth_reauths_while_authenticated++;
		pae_restart(s, now, why);
	} else if (s->mab == AUTH_MAB_ACCEPTED) {
		mab_query(s, now);
	}
}

void auth_port_reauth(struct auth_port *p, const uint8_t *mac, uint64_t now)
{
	size_t i;

	for (i = 0; i < p->n_sessions; i++)
		if (!mac || !memcmp(p->sessions[i]->mac, mac, AUTH_MAC_LEN))
			reauth(p->sessions[i], now, "reauth command");
}

void auth_port_link_down(struct auth_port *p, uint64_t now)
{
	while (p->n_sessions)
		session_free(p, p->n_sessions - 1);
}

/* --- time ------------------------------------------------------------- */

static uint64_t session_deadline(const struct auth_session *s)
{
	uint64_t d = s->a_while;

	if (s->tx_when < d)
		d = s->tx_when;
	if (s->quiet_while < d)
		d = s->quiet_while;
	if (s->reauth_when < d)
		d = s->reauth_when;
	if (s->session_end < d)
		d = s->session_end;
	if (s->mab_when < d)
		d = s->mab_when;
	if (s->port->cfg.mode == AUTH_MODE_MAC && s->authz == AUTH_AZ_NONE &&
	    s->last_rx + AUTH_SESSION_IDLE_MS < d)
		d = s->last_rx + AUTH_SESSION_IDLE_MS;
	return d;
}

uint64_t auth_port_deadline(const struct auth_port *p)
{
	uint64_t d = NEVER, x;
	size_t i;

	for (i = 0; i < p->n_sessions; i++) {
		x = session_deadline(p->sessions[i]);
		if (x < d)
			d = x;
	}
	return d;
}

/* One timer of s that is due, handled.  False: none was. */
static bool session_tick(struct auth_session *s, uint64_t now)
{
	struct auth_port *p = s->port;

	if (s->a_while <= now) {
		s->a_while = NEVER;
		if (s->mab == AUTH_MAB_QUERYING) {
			aaa_abort(s);
			mab_reply(s, AUTH_AAA_TIMEOUT, NULL, now);
		} else if (s->be == AUTH_BE_REQUEST &&
			   s->req_count < p->cfg.max_req + 1) {
			/* "aWhile == 0 && reqCount != maxReq": again */
			be_request(s, now);
		} else if (s->be == AUTH_BE_REQUEST ||
			   s->be == AUTH_BE_RESPONSE) {
			const char *why = s->be == AUTH_BE_REQUEST ?
					  "suppTimeout" : "serverTimeout";

			set_be(s, AUTH_BE_TIMEOUT);
			p->stats.auth_timeouts_while_authenticating++;
			aaa_abort(s);
			set_be(s, AUTH_BE_IDLE);
			pae_aborting(s, now, why);
		}
		return true;
	}
	if (s->tx_when <= now) {
		s->tx_when = NEVER;
		if (s->pae == AUTH_PAE_CONNECTING)
			pae_connecting(s, now, "txWhen");
		else if (s->pae == AUTH_PAE_DISCONNECTED)
			pae_restart(s, now, "looking for a supplicant");
		return true;
	}
	if (s->quiet_while <= now) {
		s->quiet_while = NEVER;
		if (s->pae == AUTH_PAE_HELD) {
			if (s->mab == AUTH_MAB_REJECTED) {
				s->mab = AUTH_MAB_WAITING;
				s->mab_when = now + p->cfg.mab_delay_ms;
			}
			pae_restart(s, now, "quietWhile");
		}
		return true;
	}
	if (s->session_end <= now) {
		s->session_end = NEVER;
		if (s->mab == AUTH_MAB_ACCEPTED) {
			set_authz(s, AUTH_AZ_NONE, 0);
			s->mab = AUTH_MAB_WAITING;
			s->mab_when = now;
		} else {
			pae_disconnected(s, now, "Session-Timeout");
		}
		return true;
	}
	if (s->reauth_when <= now) {
		reauth(s, now, "reAuthWhen");
		return true;
	}
	if (s->mab_when <= now) {
		s->mab_when = NEVER;
		if (s->mab == AUTH_MAB_WAITING && !s->heard_eapol)
			mab_query(s, now);
		return true;
	}
	return false;
}

void auth_port_timeout(struct auth_port *p, uint64_t now)
{
	struct auth_session *s;
	size_t i = 0;
	int n;

	while (i < p->n_sessions) {
		s = p->sessions[i];
		for (n = 0; n < 16 && session_tick(s, now); n++)
			;
		if (p->cfg.mode == AUTH_MODE_MAC &&
		    s->authz == AUTH_AZ_NONE &&
		    s->last_rx + AUTH_SESSION_IDLE_MS <= now) {
			/* a query in flight goes with it (session_free) */
			p->stats.sessions_reaped++;
			session_free(p, i);
			continue;
		}
		i++;
	}
}

/* --- JSON ------------------------------------------------------------- */

static void mac_str(char *b, size_t n, const uint8_t m[AUTH_MAC_LEN])
{
	snprintf(b, n, MACF, MACA(m));
}

void auth_port_json(const struct auth_port *p, struct json *j, uint64_t now)
{
	const struct auth_stats *st = &p->stats;
	char mac[18];
	size_t i;

	json_kstr(j, "ifname", p->ifname ? p->ifname : "");
	json_kstr(j, "mode", p->cfg.mode == AUTH_MODE_PORT ? "port" : "mac");
	json_kobj_begin(j, "stats");
#define K(name, field) json_ku64(j, name, st->field)
	K("eapol_frames_rx", eapol_frames_rx);
	K("eapol_frames_tx", eapol_frames_tx);
	K("eapol_start_frames_rx", eapol_start_frames_rx);
	K("eapol_logoff_frames_rx", eapol_logoff_frames_rx);
	K("eap_resp_id_frames_rx", eap_resp_id_frames_rx);
	K("eap_resp_frames_rx", eap_resp_frames_rx);
	K("eap_req_id_frames_tx", eap_req_id_frames_tx);
	K("eap_req_frames_tx", eap_req_frames_tx);
	K("invalid_eapol_frames_rx", invalid_eapol_frames_rx);
	K("eap_length_error_frames_rx", eap_length_error_frames_rx);
	json_ku64(j, "last_eapol_frame_version", st->last_eapol_frame_version);
	mac_str(mac, sizeof(mac), st->last_eapol_frame_source);
	json_kstr(j, "last_eapol_frame_source", mac);
	K("enters_connecting", enters_connecting);
	K("eap_logoffs_while_connecting", eap_logoffs_while_connecting);
	K("enters_authenticating", enters_authenticating);
	K("auth_success_while_authenticating",
	  auth_success_while_authenticating);
	K("auth_timeouts_while_authenticating",
	  auth_timeouts_while_authenticating);
	K("auth_fail_while_authenticating", auth_fail_while_authenticating);
	K("auth_eap_starts_while_authenticating",
	  auth_eap_starts_while_authenticating);
	K("auth_eap_logoff_while_authenticating",
	  auth_eap_logoff_while_authenticating);
	K("auth_reauths_while_authenticated",
	  auth_reauths_while_authenticated);
	K("auth_eap_starts_while_authenticated",
	  auth_eap_starts_while_authenticated);
	K("auth_eap_logoff_while_authenticated",
	  auth_eap_logoff_while_authenticated);
	K("backend_responses", backend_responses);
	K("backend_access_challenges", backend_access_challenges);
	K("backend_others_requests_to_supplicant",
	  backend_others_requests_to_supplicant);
	K("backend_auth_successes", backend_auth_successes);
	K("backend_auth_fails", backend_auth_fails);
	K("eap_from_station_dropped", eap_from_station_dropped);
	K("eap_wrong_id", eap_wrong_id);
	K("aaa_stale_replies", aaa_stale_replies);
	K("aaa_bad_replies", aaa_bad_replies);
	K("mab_queries", mab_queries);
	K("mab_accepts", mab_accepts);
	K("mab_rejects", mab_rejects);
	K("mab_to_dot1x", mab_to_dot1x);
	K("sessions_created", sessions_created);
	K("sessions_reaped", sessions_reaped);
	K("sessions_refused", sessions_refused);
#undef K
	json_obj_end(j);
	json_karr_begin(j, "sessions");
	for (i = 0; i < p->n_sessions; i++) {
		const struct auth_session *s = p->sessions[i];

		json_obj_begin(j);
		mac_str(mac, sizeof(mac), s->mac);
		json_kstr(j, "mac", mac);
		json_kstr(j, "pae_state", pae_names[s->pae]);
		json_kstr(j, "backend_state", be_names[s->be]);
		json_kstr(j, "mab_state", mab_names[s->mab]);
		json_kbool(j, "authorized", auth_session_authorized(s));
		json_kstr(j, "authorized_by", auth_authz_name(s->authz));
		json_ku64(j, "vlan", s->vlan);
		json_kstr(j, "identity", s->identity);
		json_ku64(j, "since_s", (now - s->since) / 1000);
		json_kstr(j, "last_why", s->last_why ? s->last_why : "");
		json_obj_end(j);
	}
	json_arr_end(j);
}
