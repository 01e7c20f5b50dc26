// SPDX-License-Identifier: GPL-2.0
/*
 * EAP-TLS (RFC 5216; TLS 1.3 per RFC 9190): mutual certificate
 * authentication on the TLS layer of tls.c.
 *
 * TLS 1.2: the exchange ends when the server's Finished arrives; we ACK
 * it and wait for the Success.  TLS 1.3: the handshake completes on our
 * side before the server has seen our certificate, so success is the
 * server's protected success indication, one application-data octet 0x00
 * (RFC 9190 §2.5); anything else in application data is a failure.
 */
#include <stdlib.h>

#include <openssl/ssl.h>

#include "eapol/method.h"
#include "eapol/tls.h"

struct eap_tls {
	struct eaptls *t;
	bool done;
};

static void *tls_new(const struct eap_peer_cfg *cfg, const char **why)
{
	struct eap_tls *s = calloc(1, sizeof(*s));

	if (!s) {
		*why = "out of memory";
		return NULL;
	}
	s->t = eaptls_new(cfg, EAP_TYPE_TLS, true, 0, why);
	if (!s->t) {
		free(s);
		return NULL;
	}
	return s;
}

static void tls_free(void *st)
{
	struct eap_tls *s = st;

	if (!s)
		return;
	eaptls_free(s->t);
	free(s);
}

static enum eap_mres tls_process(void *st, uint8_t id, const uint8_t *req,
				 size_t len, uint8_t *out, size_t cap,
				 size_t *out_len)
{
	struct eap_tls *s = st;
	const uint8_t *app;
	size_t app_len;

	if (s->done)
		return EAP_MRES_IGNORE;	/* a Request after our last word */
	switch (eaptls_process(s->t, req, len, out, cap, out_len)) {
	case EAPTLS_EV_SENT:
		return EAP_MRES_CONT;
	case EAPTLS_EV_IGNORE:
		return EAP_MRES_IGNORE;
	case EAPTLS_EV_FAIL:
		return EAP_MRES_FAIL;
	case EAPTLS_EV_DATA:
		break;
	}
	app = eaptls_app(s->t, &app_len);
	if (eaptls_version(s->t) >= TLS1_3_VERSION) {
		if (app_len == 1 && app[0] == 0x00) {
			s->done = true;
		} else if (app_len) {
			eaptls_fail(s->t, "unexpected application data");
			return EAP_MRES_FAIL;
		}
	} else {
		if (app_len) {
			eaptls_fail(s->t, "unexpected application data");
			return EAP_MRES_FAIL;
		}
		s->done = true;
	}
	/* our Finished (1.3) still pending, or an ACK */
	if (!eaptls_write(s->t, NULL, 0, out, cap, out_len)) {
		eaptls_fail(s->t, "response does not fit");
		return EAP_MRES_FAIL;
	}
	return s->done ? EAP_MRES_DONE : EAP_MRES_CONT;
}

static enum eap_mdecision tls_decision(void *st)
{
	struct eap_tls *s = st;

	return s->done && !eaptls_why(s->t) ? EAP_MDEC_COND_SUCC
					     : EAP_MDEC_FAIL;
}

static bool tls_key(void *st, uint8_t msk[64], uint8_t emsk[64])
{
	struct eap_tls *s = st;

	return s->done && eaptls_keys(s->t, msk, emsk);
}

static void tls_stats_json(void *st, struct json *j)
{
	struct eap_tls *s = st;

	eaptls_stats_json(s->t, j);
}

const struct eap_method eap_method_tls = {
	.type = EAP_TYPE_TLS,
	.name = "tls",
	.new = tls_new,
	.free = tls_free,
	.process = tls_process,
	.decision = tls_decision,
	.key = tls_key,
	.stats_json = tls_stats_json,
};
