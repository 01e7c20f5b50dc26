// SPDX-License-Identifier: GPL-2.0
/*
 * PEAPv0 ([MS-PEAP], draft-kamath-pppext-peapv0) with EAP-MSCHAPv2 inside.
 *
 * Phase 1 is tls.c (TLS 1.2 at most here: hostapd and most RADIUS
 * servers run PEAP on 1.2; RFC 9427's PEAP over TLS 1.3 is not done).
 * Phase 2 carries EAP packets in the tunnel, header-compressed: the
 * server sends Type and Type-Data only and we answer the same way, with
 * the outer Identifier standing for the inner one; an Extensions packet
 * (EAP Type 33, the Result TLV) comes and goes with its full header, and
 * so may a first Identity Request (FreeRADIUS sends it whole).  Every
 * Response but the Extensions one goes back compressed, whatever the
 * form of the Request: FreeRADIUS rejects a whole Identity Response
 * ("unexpected EAP-Response"), hostapd takes either.
 *
 * Success needs both: the inner MSCHAPv2 finished with the server's
 * authenticator response verified, and a Result TLV of success.  A
 * Result of success without the inner method having succeeded (a server
 * that skips phase 2) is answered with a failure.  Crypto binding is not
 * done: a Crypto-Binding TLV is read past and not answered, which a
 * server with binding "optional" (hostapd's default) accepts; the MSK is
 * then the TLS PRF's "client EAP encryption" as for PEAPv0 without
 * binding.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include "lib/bytes.h"
#include "lib/json.h"
#include "eapol/method.h"
#include "eapol/mschapv2_eap.h"
#include "eapol/tls.h"
#include "eapol/tunwire.h"

enum peap_state { PS_TUNNEL, PS_INNER, PS_DONE };

struct peap {
	struct eaptls *t;
	struct eap_peer_cfg cfg;
	void *inner;
	enum peap_state state;
	bool result_ok;
	bool binding_seen;
	const char *why;
};

static void *peap_new(const struct eap_peer_cfg *cfg, const char **why)
{
	struct peap *p;
	int maxv = cfg->tls_max_version;

	if (!cfg->identity[0] || !cfg->password[0]) {
		*why = "no identity or password";
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		*why = "out of memory";
		return NULL;
	}
	if (!maxv || maxv == 13 || maxv > TLS1_2_VERSION)
		maxv = TLS1_2_VERSION;
	p->t = eaptls_new(cfg, EAP_TYPE_PEAP, false, maxv, why);
	if (!p->t) {
		free(p);
		return NULL;
	}
	eaptls_set_ver(p->t, 0);		/* PEAPv0 */
	p->cfg = *cfg;
	return p;
}

static void peap_free(void *st)
{
	struct peap *p = st;

	if (!p)
		return;
	eaptls_free(p->t);
	if (p->inner)
		eap_method_mschapv2.free(p->inner);
	OPENSSL_cleanse(&p->cfg, sizeof(p->cfg));
	free(p);
}

static enum eap_mres peap_fail(struct peap *p, const char *why)
{
	eaptls_fail(p->t, why);
	p->state = PS_DONE;
	p->result_ok = false;
	return EAP_MRES_FAIL;
}

/* Our inner answer (Type and Type-Data, or a whole packet) into rsp. */
static size_t inner_wrap(uint8_t *rsp, size_t cap, bool full, uint8_t id,
			 uint8_t type, const uint8_t *d, size_t n)
{
	size_t h = full ? 5 : 1;

	if (n + h > cap)
		return 0;
	if (full) {
		rsp[0] = 2;			/* Response */
		rsp[1] = id;
		put_be16(rsp + 2, (uint16_t)(n + 5));
	}
	rsp[h - 1] = type;
	memcpy(rsp + h, d, n);
	return n + h;
}

/* The Extensions packet: Result TLV in, ours out. */
static size_t peap_tlvs(struct peap *p, const uint8_t *d, size_t n,
			uint8_t *val, size_t cap)
{
	struct cur c = cur_init(d, n);
	uint16_t result = 0;
	bool bad = false;

	while (cur_left(&c)) {
		struct peap_tlv tlv;

		if (peap_tlv_next(&c, &tlv) != TUN_OK) {
			bad = true;
			break;
		}
		if (tlv.type == PEAP_TLV_RESULT && tlv.len == 2)
			result = get_be16(tlv.val);
		else if (tlv.type == PEAP_TLV_CRYPTO_BINDING)
			p->binding_seen = true;
		else if (tlv.mandatory)
			bad = true;	/* one we do not know, and must */
	}
	if (!bad && result == PEAP_RESULT_SUCCESS && p->inner &&
	    eap_method_mschapv2.decision(p->inner) != EAP_MDEC_FAIL) {
		p->result_ok = true;
		return peap_tlv_result(val, cap, PEAP_RESULT_SUCCESS);
	}
	p->result_ok = false;
	if (!p->why)
		p->why = result == PEAP_RESULT_SUCCESS
			? "Result success before the inner method succeeded"
			: "Result TLV failure or malformed";
	return peap_tlv_result(val, cap, PEAP_RESULT_FAILURE);
}

static enum eap_mres peap_process(void *st, uint8_t id, const uint8_t *req,
				  size_t len, uint8_t *out, size_t cap,
				  size_t *out_len)
{
	struct peap *p = st;
	uint8_t in_out[EAP_METHOD_OUT_MAX], rsp[EAP_METHOD_OUT_MAX + 5];
	const uint8_t *app, *d;
	size_t app_len, n, in_len = 0, rlen = 0;
	uint8_t iid, type;
	bool full;
	enum eap_mres ir;
	const char *why = NULL;

	if (p->state == PS_DONE)
		return EAP_MRES_IGNORE;
	switch (eaptls_process(p->t, req, len, out, cap, out_len)) {
	case EAPTLS_EV_SENT:
		return EAP_MRES_CONT;
	case EAPTLS_EV_IGNORE:
		return EAP_MRES_IGNORE;
	case EAPTLS_EV_FAIL:
		return peap_fail(p, NULL);
	case EAPTLS_EV_DATA:
		break;
	}
	app = eaptls_app(p->t, &app_len);
	if (!app_len) {
		/* the server's Finished: ACK it, phase 2 comes next */
		p->state = PS_INNER;
		return eaptls_write(p->t, NULL, 0, out, cap, out_len)
			? EAP_MRES_CONT : peap_fail(p, "cap");
	}
	full = app_len >= 5 && app[0] == 1 && get_be16(app + 2) == app_len &&
	       (app[4] == EAP_TYPE_PEAP_TLV ||
		(app_len == 5 && app[4] == EAP_TYPE_IDENTITY));
	if (full) {
		iid = app[1];
		type = app[4];
		d = app + 5;
		n = app_len - 5;
	} else {
		iid = id;
		type = app[0];
		d = app + 1;
		n = app_len - 1;
	}
	switch (type) {
	case EAP_TYPE_IDENTITY:
		rlen = inner_wrap(rsp, sizeof(rsp), false, iid, type,
				  (const uint8_t *)p->cfg.identity,
				  strlen(p->cfg.identity));
		break;
	case EAP_TYPE_MSCHAPV2:
		if (!p->inner) {
			p->inner = eap_method_mschapv2.new(&p->cfg, &why);
			if (!p->inner)
				return peap_fail(p, why);
		}
		ir = eap_method_mschapv2.process(p->inner, iid, d, n, in_out,
						 sizeof(in_out), &in_len);
		if (ir == EAP_MRES_IGNORE) {
			/* discard: answer nothing new, the server resends */
			return EAP_MRES_IGNORE;
		}
		if (ir == EAP_MRES_FAIL)
			return peap_fail(p, mschapv2_eap_why(p->inner));
		rlen = inner_wrap(rsp, sizeof(rsp), false, iid, type, in_out,
				  in_len);
		break;
	case EAP_TYPE_PEAP_TLV: {
		uint8_t val[8];
		size_t vl = peap_tlvs(p, d, n, val, sizeof(val));

		/* always with its full header */
		rlen = inner_wrap(rsp, sizeof(rsp), true, iid, type, val, vl);
		p->state = PS_DONE;
		break;
	}
	default: {
		/* a Nak proposing MSCHAPv2 (RFC 3748 §5.3.1) */
		uint8_t want = EAP_TYPE_MSCHAPV2;

		rlen = inner_wrap(rsp, sizeof(rsp), false, iid, EAP_TYPE_NAK,
				  &want, 1);
		break;
	}
	}
	if (!rlen || !eaptls_write(p->t, rsp, rlen, out, cap, out_len)) {
		OPENSSL_cleanse(rsp, sizeof(rsp));
		return peap_fail(p, "response does not fit");
	}
	OPENSSL_cleanse(rsp, sizeof(rsp));
	OPENSSL_cleanse(in_out, sizeof(in_out));
	return p->state == PS_DONE ? EAP_MRES_DONE : EAP_MRES_CONT;
}

static enum eap_mdecision peap_decision(void *st)
{
	struct peap *p = st;

	return p->state == PS_DONE && p->result_ok && !eaptls_why(p->t)
		? EAP_MDEC_COND_SUCC : EAP_MDEC_FAIL;
}

static bool peap_key(void *st, uint8_t msk[64], uint8_t emsk[64])
{
	struct peap *p = st;

	return peap_decision(p) != EAP_MDEC_FAIL &&
	       eaptls_export_keys(p->t, "client EAP encryption", NULL, 0, msk, emsk);
}

static void peap_stats_json(void *st, struct json *j)
{
	struct peap *p = st;

	eaptls_stats_json(p->t, j);
	if (p->why)
		json_kstr(j, "phase2_failure", p->why);
	json_kbool(j, "crypto_binding_offered", p->binding_seen);
}

const struct eap_method eap_method_peap = {
	.type = EAP_TYPE_PEAP,
	.name = "peap",
	.new = peap_new,
	.free = peap_free,
	.process = peap_process,
	.decision = peap_decision,
	.key = peap_key,
	.stats_json = peap_stats_json,
};
