// SPDX-License-Identifier: GPL-2.0
/*
 * The EAP peer state machine (RFC 4137 §4): see peer.h.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "lib/json.h"
#include "lib/log.h"
#include "eapol/peer.h"

static const char *const state_names[EAP_PEER_STATE_COUNT] = {
	[EAP_PEER_DISABLED] = "DISABLED",
	[EAP_PEER_INITIALIZE] = "INITIALIZE",
	[EAP_PEER_IDLE] = "IDLE",
	[EAP_PEER_RECEIVED] = "RECEIVED",
	[EAP_PEER_GET_METHOD] = "GET_METHOD",
	[EAP_PEER_METHOD] = "METHOD",
	[EAP_PEER_SEND_RESPONSE] = "SEND_RESPONSE",
	[EAP_PEER_DISCARD] = "DISCARD",
	[EAP_PEER_IDENTITY] = "IDENTITY",
	[EAP_PEER_NOTIFICATION] = "NOTIFICATION",
	[EAP_PEER_RETRANSMIT] = "RETRANSMIT",
	[EAP_PEER_SUCCESS] = "SUCCESS",
	[EAP_PEER_FAILURE] = "FAILURE",
};

static const char *const drop_names[EAP_DROP_COUNT] = {
	[EAP_DROP_MALFORMED] = "malformed",
	[EAP_DROP_RESPONSE] = "response",
	[EAP_DROP_SUCCESS_EARLY] = "success_early",
	[EAP_DROP_RESULT_ID] = "result_id",
	[EAP_DROP_RESULT_LATE] = "result_late",
	[EAP_DROP_OTHER_TYPE] = "other_type",
	[EAP_DROP_METHOD_IGNORE] = "method_ignore",
	[EAP_DROP_METHOD_DONE] = "method_done",
};

const char *eap_peer_state_name(enum eap_peer_state s)
{
	return (unsigned int)s < EAP_PEER_STATE_COUNT ? state_names[s] : "?";
}

const char *eap_peer_drop_name(enum eap_peer_drop d)
{
	return (unsigned int)d < EAP_DROP_COUNT ? drop_names[d] : "?";
}

/* The one writer of p->state. */
static void set_state(struct eap_peer *p, enum eap_peer_state to,
		      const char *why)
{
	if (p->state != to)
		log_debug("eap %s: %s -> %s (%s)", p->ifname ? p->ifname : "?",
			  state_names[p->state], state_names[to], why);
	p->state = to;
}

static void method_drop(struct eap_peer *p)
{
	if (p->method && p->mst)
		p->method->free(p->mst);
	p->method = NULL;
	p->mst = NULL;
	p->method_done = false;
}

void eap_peer_init(struct eap_peer *p, const struct eap_peer_cfg *cfg,
		   const char *ifname)
{
	memset(p, 0, sizeof(*p));
	p->cfg = cfg;
	p->ifname = ifname;
	p->state = EAP_PEER_DISABLED;
	p->last_id = -1;
	p->decision = EAP_MDEC_FAIL;
	set_state(p, EAP_PEER_IDLE, "init");
}

void eap_peer_fini(struct eap_peer *p)
{
	method_drop(p);
	OPENSSL_cleanse(p->msk, sizeof(p->msk));
	OPENSSL_cleanse(p->emsk, sizeof(p->emsk));
	OPENSSL_cleanse(p->resp, sizeof(p->resp));
	p->key_available = false;
	p->resp_len = 0;
}

void eap_peer_restart(struct eap_peer *p)
{
	eap_peer_fini(p);
	set_state(p, EAP_PEER_INITIALIZE, "restart");
	p->last_id = -1;
	p->decision = EAP_MDEC_FAIL;
	p->refused_why = NULL;
	set_state(p, EAP_PEER_IDLE, "initialized");
}

static enum eap_peer_out discard(struct eap_peer *p, enum eap_peer_drop d)
{
	p->stats.discard[d]++;
	/* DISCARD goes back to IDLE; the results stay where they are */
	if (p->state == EAP_PEER_SUCCESS || p->state == EAP_PEER_FAILURE)
		return EAP_PEER_OUT_NONE;
	set_state(p, EAP_PEER_DISCARD, drop_names[d]);
	set_state(p, EAP_PEER_IDLE, "discarded");
	return EAP_PEER_OUT_NONE;
}

/* SEND_RESPONSE: lastId and lastRespData */
static enum eap_peer_out respond(struct eap_peer *p, uint8_t id,
				 uint8_t type, const uint8_t *data, size_t len)
{
	size_t n = eap_build(p->resp, sizeof(p->resp), EAP_CODE_RESPONSE, id,
			     type, data, len);

	if (!n) {
		p->resp_len = 0;
		p->stats.method_fail++;
		return EAP_PEER_OUT_NONE;
	}
	set_state(p, EAP_PEER_SEND_RESPONSE, "response");
	p->resp_len = n;
	p->last_id = id;
	p->stats.tx_response++;
	set_state(p, EAP_PEER_IDLE, "sent");
	return EAP_PEER_OUT_RESP;
}

static bool tunnelled(uint8_t type)
{
	return type == EAP_TYPE_PEAP || type == EAP_TYPE_TTLS;
}

static enum eap_peer_out identity(struct eap_peer *p, const struct eap_pkt *r)
{
	const struct eap_peer_cfg *c = p->cfg;
	const char *id = c->identity;

	set_state(p, EAP_PEER_IDENTITY, "Request/Identity");
	p->stats.identity++;
	/* a new Identity starts a new conversation (reauthentication) */
	method_drop(p);
	p->decision = EAP_MDEC_FAIL;
	p->key_available = false;
	if (tunnelled(c->method) && c->anonymous_identity[0])
		id = c->anonymous_identity;
	return respond(p, r->id, EAP_TYPE_IDENTITY, (const uint8_t *)id,
		       strnlen(id, EAP_CFG_STR_MAX - 1));
}

static enum eap_peer_out nak(struct eap_peer *p, const struct eap_pkt *r)
{
	/* RFC 3748 §5.3.1: the type we want, or 0 for none */
	uint8_t want = eap_method_find(p->cfg->method) ? p->cfg->method : 0;

	p->stats.nak++;
	return respond(p, r->id, EAP_TYPE_NAK, &want, 1);
}

static enum eap_peer_out method(struct eap_peer *p, const struct eap_pkt *r)
{
	uint8_t out[EAP_METHOD_OUT_MAX];
	size_t out_len = 0;
	enum eap_mres res;

	set_state(p, EAP_PEER_METHOD, p->method->name);
	res = p->method->process(p->mst, r->id, r->data, r->data_len, out,
				 sizeof(out), &out_len);
	if (out_len > sizeof(out))
		res = EAP_MRES_FAIL;
	p->decision = p->method->decision(p->mst);
	switch (res) {
	case EAP_MRES_IGNORE:
		return discard(p, EAP_DROP_METHOD_IGNORE);
	case EAP_MRES_FAIL:
		p->stats.method_fail++;
		p->method_done = true;
		p->decision = EAP_MDEC_FAIL;
		/* nothing to send: the server's Failure or authWhile ends it */
		set_state(p, EAP_PEER_IDLE, "method failed");
		return EAP_PEER_OUT_NONE;
	case EAP_MRES_DONE:
		p->method_done = true;
		break;
	case EAP_MRES_CONT:
		break;
	}
	return respond(p, r->id, p->method->type, out, out_len);
}

static enum eap_peer_out get_method(struct eap_peer *p,
				    const struct eap_pkt *r)
{
	const struct eap_method *m = eap_method_find(r->type);
	const char *why = NULL;

	set_state(p, EAP_PEER_GET_METHOD, "new method");
	if (!m || r->type != p->cfg->method)
		return nak(p, r);
	p->mst = m->new(p->cfg, &why);
	if (!p->mst) {
		p->stats.method_refused++;
		p->refused_why = why ? why : "refused";
		log_warn("eap %s: method %s refused: %s",
			 p->ifname ? p->ifname : "?", m->name, p->refused_why);
		return nak(p, r);
	}
	p->method = m;
	p->method_done = false;
	p->decision = EAP_MDEC_FAIL;
	return method(p, r);
}

static bool result_id_ok(const struct eap_peer *p, uint8_t id)
{
	return p->last_id >= 0 &&
	       (id == p->last_id || id == (uint8_t)(p->last_id + 1));
}

static enum eap_peer_out success(struct eap_peer *p)
{
	set_state(p, EAP_PEER_SUCCESS, "Success");
	if (p->method && p->method->key &&
	    p->method->key(p->mst, p->msk, p->emsk))
		p->key_available = true;
	return EAP_PEER_OUT_SUCCESS;
}

static enum eap_peer_out failure(struct eap_peer *p, const char *why)
{
	set_state(p, EAP_PEER_FAILURE, why);
	return EAP_PEER_OUT_FAIL;
}

enum eap_peer_out eap_peer_rx(struct eap_peer *p, const uint8_t *buf,
			      size_t len)
{
	struct eap_pkt r;
	enum eapol_err e = eap_parse(buf, len, &r);

	if (e != EAPOL_OK) {
		p->stats.malformed[e]++;
		return discard(p, EAP_DROP_MALFORMED);
	}
	switch (r.code) {
	case EAP_CODE_RESPONSE:
		return discard(p, EAP_DROP_RESPONSE);
	case EAP_CODE_SUCCESS:
		p->stats.rx_success++;
		if (p->state == EAP_PEER_SUCCESS ||
		    p->state == EAP_PEER_FAILURE)
			return discard(p, EAP_DROP_RESULT_LATE);
		if (!result_id_ok(p, r.id))
			return discard(p, EAP_DROP_RESULT_ID);
		set_state(p, EAP_PEER_RECEIVED, "Success");
		if (p->decision == EAP_MDEC_FAIL) {
			/* a failed method's Success is a failure */
			if (p->method && p->method_done)
				return failure(p, "Success after the method failed");
			return discard(p, EAP_DROP_SUCCESS_EARLY);
		}
		return success(p);
	case EAP_CODE_FAILURE:
		p->stats.rx_failure++;
		if (p->state == EAP_PEER_SUCCESS ||
		    p->state == EAP_PEER_FAILURE)
			return discard(p, EAP_DROP_RESULT_LATE);
		if (!result_id_ok(p, r.id))
			return discard(p, EAP_DROP_RESULT_ID);
		set_state(p, EAP_PEER_RECEIVED, "Failure");
		if (p->decision == EAP_MDEC_UNCOND_SUCC)
			return success(p);	/* §4.1: the method's word */
		return failure(p, "Failure");
	}
	/* a Request */
	p->stats.rx_request++;
	if (p->state == EAP_PEER_SUCCESS || p->state == EAP_PEER_FAILURE) {
		/* the lower layer restarts us first (eapRestart) */
		eap_peer_restart(p);
	}
	set_state(p, EAP_PEER_RECEIVED, "Request");
	if (p->last_id >= 0 && r.id == p->last_id && p->resp_len) {
		set_state(p, EAP_PEER_RETRANSMIT, "same Identifier");
		p->stats.retransmit++;
		set_state(p, EAP_PEER_IDLE, "retransmitted");
		return EAP_PEER_OUT_RESP;
	}
	if (r.type == EAP_TYPE_IDENTITY)
		return identity(p, &r);
	if (r.type == EAP_TYPE_NOTIFICATION) {
		set_state(p, EAP_PEER_NOTIFICATION, "Notification");
		p->stats.notification++;
		return respond(p, r.id, EAP_TYPE_NOTIFICATION, NULL, 0);
	}
	if (!p->method)
		return get_method(p, &r);
	if (r.type != p->method->type)
		return discard(p, EAP_DROP_OTHER_TYPE);
	if (p->method_done)
		return discard(p, EAP_DROP_METHOD_DONE);
	return method(p, &r);
}

const char *eap_peer_method_name(const struct eap_peer *p)
{
	return p->method ? p->method->name : NULL;
}

void eap_peer_stats_json(const struct eap_peer *p, struct json *j)
{
	const struct eap_peer_stats *s = &p->stats;

	json_ku64(j, "rx_request", s->rx_request);
	json_ku64(j, "rx_success", s->rx_success);
	json_ku64(j, "rx_failure", s->rx_failure);
	json_ku64(j, "tx_response", s->tx_response);
	json_ku64(j, "retransmit", s->retransmit);
	json_ku64(j, "nak", s->nak);
	json_ku64(j, "identity", s->identity);
	json_ku64(j, "notification", s->notification);
	json_ku64(j, "method_refused", s->method_refused);
	json_ku64(j, "method_fail", s->method_fail);
	json_kobj_begin(j, "discard");
	for (int i = 0; i < EAP_DROP_COUNT; i++)
		json_ku64(j, drop_names[i], s->discard[i]);
	json_obj_end(j);
	json_kobj_begin(j, "malformed");
	for (int i = EAP_ERR_SHORT; i < EAPOL_ERR_COUNT; i++)
		json_ku64(j, eapol_err_name(i), s->malformed[i]);
	json_obj_end(j);
}
