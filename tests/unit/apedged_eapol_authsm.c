// SPDX-License-Identifier: GPL-2.0
/*
 * The 802.1X authenticator's state machines (eapol/authsm.c) against a
 * scripted supplicant and a fake AAA server, on a virtual clock: every
 * frame sent, every Access-Request and every authorization is recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/authsm.h"
#include "eapol/wire.h"
#include "lib/json.h"
#include "lib/strbuf.h"
#include "ut.h"

#define TXMAX 64

struct txrec {
	uint8_t dst[6];
	uint8_t type;
	uint8_t body[256];
	size_t len;
};

struct fake {
	struct auth_port port;
	uint64_t now;
	struct txrec tx[TXMAX];
	size_t n_tx;
	/* the last Access-Request */
	unsigned int n_aaa, n_cancel;
	struct auth_session *aaa_s;
	uint32_t aaa_seq;
	char user[300], pass[64];
	uint8_t eap[512];
	size_t eap_len;
	uint8_t state[64];
	size_t state_len;
	bool call_check;
	uint8_t calling[6];
	/* authorizations */
	unsigned int n_authz;
	bool on;
	uint16_t vlan;
	struct auth_session *authz_s;
	bool tx_before_authz_ok;	/* the Success went out first */
};

static const uint8_t STA1[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t STA2[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x66 };
static const uint8_t GROUP[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x03 };

static void f_tx(void *ctx, const uint8_t dst[6], uint8_t type,
		 const uint8_t *body, size_t len)
{
	struct fake *f = ctx;
	struct txrec *t;

	if (f->n_tx >= TXMAX)
		abort();
	t = &f->tx[f->n_tx++];
	memcpy(t->dst, dst, 6);
	t->type = type;
	t->len = len < sizeof(t->body) ? len : sizeof(t->body);
	memcpy(t->body, body, t->len);
}

static int f_aaa(void *ctx, struct auth_session *s,
		 const struct auth_aaa_req *rq)
{
	struct fake *f = ctx;

	f->n_aaa++;
	f->aaa_s = s;
	f->aaa_seq = rq->seq;
	snprintf(f->user, sizeof(f->user), "%s", rq->user_name);
	snprintf(f->pass, sizeof(f->pass), "%s",
		 rq->user_password ? rq->user_password : "");
	f->eap_len = rq->eap_len;
	if (rq->eap_len)
		memcpy(f->eap, rq->eap, rq->eap_len);
	f->state_len = rq->state_len;
	if (rq->state_len)
		memcpy(f->state, rq->state, rq->state_len);
	f->call_check = rq->call_check;
	memcpy(f->calling, rq->calling_station, 6);
	return 0;
}

static void f_cancel(void *ctx, struct auth_session *s)
{
	((struct fake *)ctx)->n_cancel++;
}

static void f_authz(void *ctx, struct auth_session *s, bool on, uint16_t vlan)
{
	struct fake *f = ctx;

	f->n_authz++;
	f->on = on;
	f->vlan = vlan;
	f->authz_s = s;
	/* an 802.1X authorization comes after the EAP-Success went out */
	if (on && s->authz == AUTH_AZ_DOT1X)
		f->tx_before_authz_ok = f->n_tx &&
			f->tx[f->n_tx - 1].len >= 4 &&
			f->tx[f->n_tx - 1].body[0] == EAP_CODE_SUCCESS;
}

static const struct auth_ops fops = {
	.tx = f_tx, .aaa_send = f_aaa, .aaa_cancel = f_cancel,
	.authorize = f_authz,
};

static struct auth_cfg cfg_default(enum auth_mode mode)
{
	struct auth_cfg c = {
		.mode = mode,
		.quiet_period_ms = 60000,
		.reauth_period_ms = 3600000,
		.supp_timeout_ms = 30000,
		.server_timeout_ms = 30000,
		.max_req = 2,
		.max_sessions = 4,
		.mab_delay_ms = 10000,
	};
	return c;
}

static struct fake *fake_new(const struct auth_cfg *c)
{
	struct fake *f = calloc(1, sizeof(*f));

	f->now = 1000000;
	if (auth_port_init(&f->port, "eth1", c, &fops, f, f->now))
		abort();
	return f;
}

static void fake_free(struct fake *f)
{
	auth_port_fini(&f->port);
	free(f);
}

/* The virtual clock: ms pass, every deadline on the way fires in order. */
static void advance(struct fake *f, uint64_t ms)
{
	uint64_t end = f->now + ms, d;

	while ((d = auth_port_deadline(&f->port)) <= end) {
		if (d > f->now)
			f->now = d;
		auth_port_timeout(&f->port, f->now);
	}
	f->now = end;
}

static void rx_eapol(struct fake *f, const uint8_t *src, uint8_t type,
		     const uint8_t *body, size_t len)
{
	uint8_t b[600];
	size_t n = eapol_build(b, sizeof(b), 2, type, body, len);

	auth_port_rx(&f->port, src, b, n, f->now);
}

static void rx_eap(struct fake *f, const uint8_t *src, uint8_t code,
		   uint8_t id, uint8_t type, const char *data)
{
	uint8_t b[300];
	size_t n = eap_build(b, sizeof(b), code, id, type,
			     (const uint8_t *)data, data ? strlen(data) : 0);

	rx_eapol(f, src, EAPOL_EAP, b, n);
}

static const struct txrec *last_tx(struct fake *f)
{
	return f->n_tx ? &f->tx[f->n_tx - 1] : NULL;
}

/* The last frame sent was an EAP packet of code (and type): its id, or -1 */
static int last_eap(struct fake *f, uint8_t code, uint8_t type)
{
	const struct txrec *t = last_tx(f);
	struct eap_pkt e;

	if (!t || t->type != EAPOL_EAP ||
	    eap_parse(t->body, t->len, &e) != EAPOL_OK || e.code != code ||
	    (type && e.type != type))
		return -1;
	return e.id;
}

/* The AAA answers the last request. */
static void aaa(struct fake *f, enum auth_aaa_result res, uint8_t code,
		uint8_t id, uint8_t type, const char *st, uint16_t vlan,
		uint32_t stimeout, int term)
{
	uint8_t eap[64];
	size_t n = 0;
	struct auth_aaa_reply r = { .termination_action = term,
				    .vlan = vlan,
				    .session_timeout = stimeout };

	if (code)
		n = eap_build(eap, sizeof(eap), code, id, type,
			      code <= 2 ? (const uint8_t *)"x" : NULL,
			      code <= 2 ? 1 : 0);
	r.eap = n ? eap : NULL;
	r.eap_len = n;
	r.state = (const uint8_t *)st;
	r.state_len = st ? strlen(st) : 0;
	auth_port_aaa_reply(&f->port, f->aaa_s, f->aaa_seq, res, &r, f->now);
}

static struct auth_session *sess(struct fake *f, const uint8_t *mac)
{
	return auth_port_find(&f->port, mac);
}

/* Start, Identity, one MD5 round, Accept: the session authorized. */
static void authenticate(struct fake *f, const uint8_t *sta, uint16_t vlan,
			 uint32_t stimeout, int term)
{
	int id;

	rx_eapol(f, sta, EAPOL_START, NULL, 0);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, sta, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_CHALLENGE, EAP_CODE_REQUEST, 77, 4, "S1", 0, 0, -1);
	rx_eap(f, sta, EAP_CODE_RESPONSE, 77, 4, "md5");
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, 77, 0, NULL, vlan, stimeout,
	    term);
}

UT_CASE(success_path)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_PORT);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	UT_ASSERT(s);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	UT_ASSERT(id >= 0);
	/* port mode: to the PAE group address */
	UT_EXPECT(!memcmp(last_tx(f)->dst, GROUP, 6));
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATING);
	UT_EXPECT(s->be == AUTH_BE_RESPONSE);
	UT_EXPECT(f->n_aaa == 1);
	UT_EXPECT_STR(f->user, "alice");
	UT_EXPECT(f->eap_len == 10 && f->eap[0] == EAP_CODE_RESPONSE);
	UT_EXPECT(f->state_len == 0 && !f->call_check);
	UT_EXPECT(!memcmp(f->calling, STA1, 6));
	aaa(f, AUTH_AAA_CHALLENGE, EAP_CODE_REQUEST, 77, 4, "S1", 0, 0, -1);
	UT_EXPECT(s->be == AUTH_BE_REQUEST);
	UT_EXPECT(last_eap(f, EAP_CODE_REQUEST, 4) == 77);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, 77, 4, "md5");
	UT_EXPECT(f->n_aaa == 2);
	UT_EXPECT(f->state_len == 2 && !memcmp(f->state, "S1", 2));
	UT_EXPECT(!f->on && f->n_authz == 0);
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, 77, 0, NULL, 42, 0, -1);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATED);
	UT_EXPECT(s->be == AUTH_BE_IDLE);
	UT_EXPECT(f->on && f->vlan == 42 && f->n_authz == 1);
	UT_EXPECT(f->tx_before_authz_ok);
	UT_EXPECT(last_eap(f, EAP_CODE_SUCCESS, 0) == 77);
	UT_EXPECT(f->port.stats.auth_success_while_authenticating == 1);
	UT_EXPECT(f->port.stats.eapol_start_frames_rx == 1);
	UT_EXPECT(f->port.stats.eap_resp_id_frames_rx == 1);
	UT_EXPECT(f->port.stats.eap_resp_frames_rx == 1);
	UT_EXPECT(f->port.stats.eap_req_id_frames_tx == 1);
	UT_EXPECT(f->port.stats.eap_req_frames_tx == 1);
	UT_EXPECT(f->port.stats.eapol_frames_rx == 3);
	UT_EXPECT(f->port.stats.eapol_frames_tx == 3);
	UT_EXPECT(f->port.stats.last_eapol_frame_version == 2);
	fake_free(f);
}

UT_CASE(reject_held_quiet_period)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	size_t ntx;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	/* mac mode: to the station itself */
	UT_EXPECT(!memcmp(last_tx(f)->dst, STA1, 6));
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "mallory");
	aaa(f, AUTH_AAA_REJECT, EAP_CODE_FAILURE, (uint8_t)id, 0, NULL, 0, 0,
	    -1);
	UT_EXPECT(s->pae == AUTH_PAE_HELD);
	UT_EXPECT(!auth_session_authorized(s) && f->n_authz == 0);
	UT_EXPECT(last_eap(f, EAP_CODE_FAILURE, 0) == id);
	UT_EXPECT(f->port.stats.auth_fail_while_authenticating == 1);
	/* a Start in HELD is not heard */
	ntx = f->n_tx;
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	UT_EXPECT(s->pae == AUTH_PAE_HELD && f->n_tx == ntx);
	advance(f, 59999);
	UT_EXPECT(s->pae == AUTH_PAE_HELD);
	advance(f, 1);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	UT_EXPECT(last_eap(f, EAP_CODE_REQUEST, 1) >= 0);
	fake_free(f);
}

UT_CASE(reject_auth_fail_vlan)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f;
	struct auth_session *s;
	int id;

	c.auth_fail_vlan = 99;
	f = fake_new(&c);
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "mallory");
	aaa(f, AUTH_AAA_REJECT, 0, 0, 0, NULL, 0, 0, -1);
	/* no EAP-Failure from the server: one of ours */
	UT_EXPECT(last_eap(f, EAP_CODE_FAILURE, 0) == id);
	UT_EXPECT(s->authz == AUTH_AZ_FAILVLAN && f->on && f->vlan == 99);
	rx_eapol(f, STA1, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(!f->on && !auth_session_authorized(s));
	fake_free(f);
}

UT_CASE(logoff)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_PORT);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	authenticate(f, STA1, 0, 0, -1);
	s = sess(f, STA1);
	UT_ASSERT(s && s->pae == AUTH_PAE_AUTHENTICATED && f->on);
	rx_eapol(f, STA1, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(s->pae == AUTH_PAE_DISCONNECTED && !f->on);
	UT_EXPECT(f->port.stats.auth_eap_logoff_while_authenticated == 1);
	UT_EXPECT(f->port.stats.eapol_logoff_frames_rx == 1);
	/* logoff while CONNECTING */
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	rx_eapol(f, STA1, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(s->pae == AUTH_PAE_DISCONNECTED);
	UT_EXPECT(f->port.stats.eap_logoffs_while_connecting == 1);
	/* logoff while AUTHENTICATING: ABORTING, the AAA request dropped */
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATING);
	rx_eapol(f, STA1, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(s->pae == AUTH_PAE_DISCONNECTED && f->n_cancel >= 1);
	UT_EXPECT(f->port.stats.auth_eap_logoff_while_authenticating == 1);
	/* the late Accept to the cancelled request changes nothing */
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, (uint8_t)id, 0, NULL, 0, 0,
	    -1);
	UT_EXPECT(!f->on && s->pae == AUTH_PAE_DISCONNECTED);
	UT_EXPECT(f->port.stats.aaa_stale_replies == 1);
	fake_free(f);
}

UT_CASE(max_req_retransmissions)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	size_t ntx;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_CHALLENGE, EAP_CODE_REQUEST, 9, 4, "S", 0, 0, -1);
	ntx = f->n_tx;
	/* the same Request again every suppTimeout, maxReq times */
	advance(f, 30000);
	UT_EXPECT(f->n_tx == ntx + 1 && last_eap(f, EAP_CODE_REQUEST, 4) == 9);
	advance(f, 30000);
	UT_EXPECT(f->n_tx == ntx + 2 && last_eap(f, EAP_CODE_REQUEST, 4) == 9);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATING);
	/* then the backend times out: ABORTING, RESTART, CONNECTING */
	advance(f, 30000);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	UT_EXPECT(last_eap(f, EAP_CODE_REQUEST, 1) >= 0);
	UT_EXPECT(f->port.stats.auth_timeouts_while_authenticating == 1);
	UT_EXPECT(f->port.stats.eap_req_frames_tx == 3);
	UT_EXPECT(!f->on);
	fake_free(f);
}

UT_CASE(identity_timeouts_and_server_timeout)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	UT_EXPECT(f->port.stats.eap_req_id_frames_tx == 1);
	advance(f, 30000);
	advance(f, 30000);
	UT_EXPECT(f->port.stats.eap_req_id_frames_tx == 3);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	/* reAuthMax rounds unanswered: DISCONNECTED, nothing more sent */
	advance(f, 30000);
	UT_EXPECT(s->pae == AUTH_PAE_DISCONNECTED);
	UT_EXPECT(f->port.stats.eap_req_id_frames_tx == 3);
	/* the server never answers: serverTimeout aborts */
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	advance(f, 29999);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATING);
	advance(f, 1);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && f->n_cancel >= 1);
	/* the AAA client's own timeout aborts too */
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_TIMEOUT, 0, 0, 0, NULL, 0, 0, -1);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	UT_EXPECT(f->port.stats.auth_timeouts_while_authenticating == 2);
	UT_EXPECT(!f->on);
	fake_free(f);
}

UT_CASE(reauth_timer)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	authenticate(f, STA1, 0, 0, -1);
	s = sess(f, STA1);
	UT_ASSERT(s && f->on);
	advance(f, 3599999);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATED);
	advance(f, 1);
	/* reauthentication keeps the port open until the result */
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && f->on);
	UT_EXPECT(f->port.stats.auth_reauths_while_authenticated == 1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_REJECT, EAP_CODE_FAILURE, (uint8_t)id, 0, NULL, 0, 0,
	    -1);
	UT_EXPECT(s->pae == AUTH_PAE_HELD && !f->on);
	/* on demand */
	advance(f, 60000);
	authenticate(f, STA1, 0, 0, -1);
	UT_EXPECT(f->on);
	auth_port_reauth(&f->port, STA1, f->now);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && f->on);
	/* no answer to the reauthentication: the port shuts (and the idle
	 * session is reaped) */
	advance(f, 90000);
	UT_EXPECT(!f->on && f->authz_s == s);
	UT_EXPECT(!sess(f, STA1) || s->pae == AUTH_PAE_DISCONNECTED);
	fake_free(f);
}

UT_CASE(session_timeout)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;

	/* Termination-Action RADIUS-Request: reauthenticate at 600 s */
	authenticate(f, STA1, 0, 600, 1);
	s = sess(f, STA1);
	advance(f, 599999);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATED);
	advance(f, 1);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && f->on);
	fake_free(f);

	/* Termination-Action Default: the session ends at 600 s */
	c.mode = AUTH_MODE_PORT;
	f = fake_new(&c);
	authenticate(f, STA1, 0, 600, -1);
	s = sess(f, STA1);
	advance(f, 599999);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATED && f->on);
	advance(f, 1);
	UT_EXPECT(s->pae == AUTH_PAE_DISCONNECTED && !f->on);
	fake_free(f);
}

UT_CASE(station_eap_success_refused)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_SUCCESS, (uint8_t)id, 0, NULL);
	rx_eap(f, STA1, EAP_CODE_REQUEST, (uint8_t)id, 1, NULL);
	rx_eap(f, STA1, EAP_CODE_FAILURE, (uint8_t)id, 0, NULL);
	UT_EXPECT(f->port.stats.eap_from_station_dropped == 3);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && !f->on && !f->n_aaa);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	rx_eap(f, STA1, EAP_CODE_SUCCESS, (uint8_t)id, 0, NULL);
	UT_EXPECT(s->pae == AUTH_PAE_AUTHENTICATING && !f->on);
	UT_EXPECT(f->port.stats.eap_from_station_dropped == 4);
	fake_free(f);
}

UT_CASE(wrong_identifier_ignored)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)(id + 1), 1, "alice");
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && !f->n_aaa);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_CHALLENGE, EAP_CODE_REQUEST, 50, 4, "S", 0, 0, -1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, 51, 4, "md5");
	UT_EXPECT(f->n_aaa == 1 && s->be == AUTH_BE_REQUEST);
	UT_EXPECT(f->port.stats.eap_wrong_id == 2);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, 50, 4, "md5");
	UT_EXPECT(f->n_aaa == 2 && s->be == AUTH_BE_RESPONSE);
	/* an Accept whose Success has another Identifier: ignored */
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, 49, 0, NULL, 0, 0, -1);
	UT_EXPECT(!f->on && s->pae == AUTH_PAE_AUTHENTICATING);
	UT_EXPECT(f->port.stats.aaa_bad_replies == 1);
	/* that request is answered: a second reply to it is stale */
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, 50, 0, NULL, 0, 0, -1);
	UT_EXPECT(!f->on && f->port.stats.aaa_stale_replies == 1);
	fake_free(f);

	/* an Accept with no EAP-Success at all: ignored */
	f = fake_new(&c);
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	aaa(f, AUTH_AAA_ACCEPT, 0, 0, 0, NULL, 0, 0, -1);
	UT_EXPECT(!f->on && f->port.stats.aaa_bad_replies == 1);
	UT_EXPECT(sess(f, STA1)->pae == AUTH_PAE_AUTHENTICATING);
	fake_free(f);
}

UT_CASE(stale_reply_other_session)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s1, *s2;
	uint32_t seq1;
	int id;

	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	s1 = sess(f, STA1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, (uint8_t)id, 1, "alice");
	seq1 = f->aaa_seq;
	rx_eapol(f, STA2, EAPOL_START, NULL, 0);
	s2 = sess(f, STA2);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	rx_eap(f, STA2, EAP_CODE_RESPONSE, (uint8_t)id, 1, "bob");
	/* session 1's Accept handed to session 2: refused */
	f->aaa_seq = seq1;
	aaa(f, AUTH_AAA_ACCEPT, EAP_CODE_SUCCESS, (uint8_t)id, 0, NULL, 0, 0,
	    -1);
	UT_EXPECT(!f->on && f->port.stats.aaa_stale_replies == 1);
	UT_EXPECT(s1->pae == AUTH_PAE_AUTHENTICATING);
	UT_EXPECT(s2->pae == AUTH_PAE_AUTHENTICATING);
	fake_free(f);
}

UT_CASE(mab_accept)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f;
	struct auth_session *s;

	c.mab = true;
	c.mab_format = AUTH_MAB_FMT_IETF;
	f = fake_new(&c);
	auth_port_seen(&f->port, STA1, f->now);
	s = sess(f, STA1);
	UT_ASSERT(s);
	/* it is asked for an identity first, in case it waits */
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING && s->mab == AUTH_MAB_WAITING);
	advance(f, 9999);
	UT_EXPECT(!f->n_aaa);
	advance(f, 1);
	UT_EXPECT(f->n_aaa == 1 && f->call_check);
	UT_EXPECT_STR(f->user, "02-11-22-33-44-55");
	UT_EXPECT_STR(f->pass, "02-11-22-33-44-55");
	UT_EXPECT(s->mab == AUTH_MAB_QUERYING);
	aaa(f, AUTH_AAA_ACCEPT, 0, 0, 0, NULL, 20, 0, -1);
	UT_EXPECT(s->authz == AUTH_AZ_MAB && f->on && f->vlan == 20);
	UT_EXPECT(f->port.stats.mab_accepts == 1);
	/* re-asked at reAuthPeriod, still authorized meanwhile */
	advance(f, 3600000);
	UT_EXPECT(f->n_aaa == 2 && f->on && s->mab == AUTH_MAB_QUERYING);
	aaa(f, AUTH_AAA_REJECT, 0, 0, 0, NULL, 0, 0, -1);
	UT_EXPECT(!f->on && s->pae == AUTH_PAE_HELD);
	fake_free(f);
}

UT_CASE(mab_reject_guest_and_held)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f;
	struct auth_session *s;
	char u[20];

	c.mab = true;
	c.mab_password = "pw";
	f = fake_new(&c);
	auth_port_seen(&f->port, STA1, f->now);
	s = sess(f, STA1);
	advance(f, 10000);
	UT_EXPECT_STR(f->user, "021122334455");
	UT_EXPECT_STR(f->pass, "pw");
	aaa(f, AUTH_AAA_REJECT, 0, 0, 0, NULL, 0, 0, -1);
	UT_EXPECT(s->pae == AUTH_PAE_HELD && !f->on && f->n_authz == 0);
	UT_EXPECT(s->mab == AUTH_MAB_REJECTED);
	/* after quietPeriod, asked again */
	advance(f, 60000 + 10000);
	UT_EXPECT(f->n_aaa == 2);
	fake_free(f);

	c.guest_vlan = 30;
	f = fake_new(&c);
	auth_port_seen(&f->port, STA1, f->now);
	s = sess(f, STA1);
	advance(f, 10000);
	aaa(f, AUTH_AAA_REJECT, 0, 0, 0, NULL, 0, 0, -1);
	UT_EXPECT(s->authz == AUTH_AZ_GUEST && f->on && f->vlan == 30);
	/* a guest is never reaped into nothing silently */
	advance(f, AUTH_SESSION_IDLE_MS * 2);
	UT_EXPECT(sess(f, STA1) == s && f->on);
	auth_mab_user(u, sizeof(u), STA1, AUTH_MAB_FMT_COLON);
	UT_EXPECT_STR(u, "02:11:22:33:44:55");
	fake_free(f);
}

UT_CASE(mab_to_dot1x)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f;
	struct auth_session *s;
	unsigned int cancels;

	c.mab = true;
	f = fake_new(&c);
	/* EAPOL while the MAB query is out: the query cancelled */
	auth_port_seen(&f->port, STA1, f->now);
	s = sess(f, STA1);
	advance(f, 10000);
	UT_ASSERT(s->mab == AUTH_MAB_QUERYING);
	cancels = f->n_cancel;
	authenticate(f, STA1, 5, 0, -1);
	UT_EXPECT(f->n_cancel == cancels + 1);
	UT_EXPECT(s->mab == AUTH_MAB_OFF && s->authz == AUTH_AZ_DOT1X);
	UT_EXPECT(f->vlan == 5 && f->port.stats.mab_to_dot1x == 1);
	fake_free(f);

	/* EAPOL after a MAB Accept: the MAB authorization withdrawn */
	f = fake_new(&c);
	auth_port_seen(&f->port, STA1, f->now);
	s = sess(f, STA1);
	advance(f, 10000);
	aaa(f, AUTH_AAA_ACCEPT, 0, 0, 0, NULL, 20, 0, -1);
	UT_ASSERT(f->on);
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	UT_EXPECT(!f->on && s->mab == AUTH_MAB_OFF);
	UT_EXPECT(s->pae == AUTH_PAE_CONNECTING);
	/* and no MAB query comes later */
	advance(f, 100000);
	UT_EXPECT(f->n_aaa == 1);
	fake_free(f);
}

UT_CASE(mac_mode_bound_and_reaped)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f;
	uint8_t m[6] = { 0x02, 0, 0, 0, 0, 0 };
	int i;

	c.max_sessions = 3;
	f = fake_new(&c);
	for (i = 1; i <= 5; i++) {
		m[5] = (uint8_t)i;
		rx_eapol(f, m, EAPOL_START, NULL, 0);
	}
	UT_EXPECT(f->port.n_sessions == 3);
	UT_EXPECT(f->port.stats.sessions_refused == 2);
	/* group and zero sources make no session */
	rx_eapol(f, GROUP, EAPOL_START, NULL, 0);
	UT_EXPECT(f->port.stats.sessions_refused == 2);
	/* one authorized, the others idle: reaped */
	authenticate(f, STA1, 0, 0, -1);
	UT_EXPECT(f->port.stats.sessions_refused >= 3 && !f->on);
	advance(f, AUTH_SESSION_IDLE_MS + 1);
	UT_EXPECT(f->port.n_sessions == 0);
	authenticate(f, STA1, 0, 0, -1);
	UT_EXPECT(f->port.n_sessions == 1 && f->on);
	advance(f, AUTH_SESSION_IDLE_MS + 1);
	/* an authorized session stays */
	UT_EXPECT(f->port.n_sessions == 1 && f->on);
	UT_EXPECT(f->port.stats.sessions_reaped == 3);
	fake_free(f);
}

UT_CASE(two_macs_independent)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct auth_session *s1, *s2;
	int id;

	authenticate(f, STA1, 10, 0, -1);
	s1 = sess(f, STA1);
	UT_ASSERT(f->on && f->authz_s == s1);
	rx_eapol(f, STA2, EAPOL_START, NULL, 0);
	s2 = sess(f, STA2);
	UT_ASSERT(s2 && s2 != s1);
	id = last_eap(f, EAP_CODE_REQUEST, 1);
	UT_EXPECT(!memcmp(last_tx(f)->dst, STA2, 6));
	rx_eap(f, STA2, EAP_CODE_RESPONSE, (uint8_t)id, 1, "eve");
	aaa(f, AUTH_AAA_REJECT, EAP_CODE_FAILURE, (uint8_t)id, 0, NULL, 0, 0,
	    -1);
	UT_EXPECT(s2->pae == AUTH_PAE_HELD && !auth_session_authorized(s2));
	UT_EXPECT(s1->pae == AUTH_PAE_AUTHENTICATED && s1->vlan == 10);
	/* STA2's logoff does nothing to STA1 */
	rx_eapol(f, STA2, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(auth_session_authorized(s1));
	rx_eapol(f, STA1, EAPOL_LOGOFF, NULL, 0);
	UT_EXPECT(!auth_session_authorized(s1) && f->authz_s == s1);
	fake_free(f);
}

UT_CASE(malformed_counted)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	uint8_t b[16];

	auth_port_rx(&f->port, STA1, b, 2, f->now);
	UT_EXPECT(f->port.stats.invalid_eapol_frames_rx == 1);
	/* Body Length past the end */
	ut_hex(b, "02 00 00 20 01 01 00 05 01");
	auth_port_rx(&f->port, STA1, b, 9, f->now);
	UT_EXPECT(f->port.stats.eap_length_error_frames_rx == 1);
	/* EAP Length past the body */
	ut_hex(b, "02 00 00 05 02 01 00 09 01");
	auth_port_rx(&f->port, STA1, b, 9, f->now);
	UT_EXPECT(f->port.stats.eap_length_error_frames_rx == 2);
	UT_EXPECT(f->port.stats.eapol_frames_rx == 1);
	/* an EAPOL-Key makes no session */
	ut_hex(b, "02 03 00 00");
	auth_port_rx(&f->port, STA1, b, 4, f->now);
	UT_EXPECT(f->port.n_sessions == 1 && f->port.stats.eapol_frames_rx == 2);
	fake_free(f);
}

UT_CASE(force_modes)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_PORT);
	struct fake *f;

	c.control = AUTH_CONTROL_FORCE_AUTH;
	f = fake_new(&c);
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	UT_EXPECT(f->on && sess(f, STA1)->pae == AUTH_PAE_FORCE_AUTH);
	UT_EXPECT(last_eap(f, EAP_CODE_SUCCESS, 0) >= 0);
	fake_free(f);
	c.control = AUTH_CONTROL_FORCE_UNAUTH;
	f = fake_new(&c);
	rx_eapol(f, STA1, EAPOL_START, NULL, 0);
	UT_EXPECT(!f->on && last_eap(f, EAP_CODE_FAILURE, 0) >= 0);
	rx_eap(f, STA1, EAP_CODE_RESPONSE, 1, 1, "x");
	UT_EXPECT(!f->n_aaa);
	fake_free(f);
}

UT_CASE(json_counters)
{
	struct auth_cfg c = cfg_default(AUTH_MODE_MAC);
	struct fake *f = fake_new(&c);
	struct strbuf sb;
	struct json j;

	authenticate(f, STA1, 7, 0, -1);
	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	json_obj_begin(&j);
	auth_port_json(&f->port, &j, f->now);
	json_obj_end(&j);
	UT_ASSERT(json_ok(&j));
	UT_EXPECT(strstr(sb_str(&sb), "\"eapol_start_frames_rx\":1"));
	UT_EXPECT(strstr(sb_str(&sb), "\"auth_success_while_authenticating\":1"));
	UT_EXPECT(strstr(sb_str(&sb), "\"pae_state\":\"AUTHENTICATED\""));
	UT_EXPECT(strstr(sb_str(&sb), "\"identity\":\"alice\""));
	UT_EXPECT(strstr(sb_str(&sb), "\"vlan\":7"));
	UT_EXPECT(strstr(sb_str(&sb), "\"last_eapol_frame_source\":"
			 "\"02:11:22:33:44:55\""));
	sb_free(&sb);
	fake_free(f);
}

UT_MAIN("apedged_eapol_authsm",
	UT_ENTRY(success_path),
	UT_ENTRY(reject_held_quiet_period),
	UT_ENTRY(reject_auth_fail_vlan),
	UT_ENTRY(logoff),
	UT_ENTRY(max_req_retransmissions),
	UT_ENTRY(identity_timeouts_and_server_timeout),
	UT_ENTRY(reauth_timer),
	UT_ENTRY(session_timeout),
	UT_ENTRY(station_eap_success_refused),
	UT_ENTRY(wrong_identifier_ignored),
	UT_ENTRY(stale_reply_other_session),
	UT_ENTRY(mab_accept),
	UT_ENTRY(mab_reject_guest_and_held),
	UT_ENTRY(mab_to_dot1x),
	UT_ENTRY(mac_mode_bound_and_reaped),
	UT_ENTRY(two_macs_independent),
	UT_ENTRY(malformed_counted),
	UT_ENTRY(force_modes),
	UT_ENTRY(json_counters))
