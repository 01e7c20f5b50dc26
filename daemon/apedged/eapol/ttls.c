// SPDX-License-Identifier: GPL-2.0
/*
 * EAP-TTLSv0 (RFC 5281) with PAP or MS-CHAPv2 in AVPs.
 *
 * Phase 1 is tls.c, TLS 1.2 at most (as PEAP).  When the handshake is
 * complete we send the phase 2 AVPs at once (RFC 5281 §7.2):
 *  - PAP (§11.2.5): User-Name and User-Password, the password padded
 *    with zeros to a multiple of 16 octets.  The server proves nothing
 *    further: the method is done when they are sent, and what protects
 *    the password is the server certificate check of phase 1 alone.
 *  - MS-CHAPv2 (§11.2.4): the 16-octet MS-CHAP-Challenge and the Ident
 *    octet come from the TLS exporter with label "ttls challenge" (17
 *    octets), never from the server; User-Name, MS-CHAP-Challenge and
 *    MS-CHAP2-Response go out, and the server's MS-CHAP2-Success must
 *    carry the same Ident and the right authenticator response (RFC 2759
 *    §8.8) before we ACK it and call the method done.
 * MSK and EMSK: the exporter with "ttls keying material", 128 octets.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include "lib/bytes.h"
#include "lib/json.h"
#include "eapol/method.h"
#include "eapol/mschapv2.h"
#include "eapol/tls.h"
#include "eapol/tunwire.h"

enum ttls_state { TS_TUNNEL, TS_SENT, TS_DONE };

struct ttls {
	struct eaptls *t;
	struct eap_peer_cfg cfg;
	enum ttls_state state;
	bool ok;
	uint8_t chal[16], ident, peer_chal[16], nt[24], pw_hash[16];
	const char *why;
};

static void *ttls_new(const struct eap_peer_cfg *cfg, const char **why)
{
	struct ttls *s;
	int maxv = cfg->tls_max_version;

	if (!cfg->identity[0] || !cfg->password[0]) {
		*why = "no identity or password";
		return NULL;
	}
	if (cfg->phase2 != EAP_PHASE2_PAP && cfg->phase2 != EAP_PHASE2_MSCHAPV2) {
		*why = "phase2 must be pap or mschapv2";
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		*why = "out of memory";
		return NULL;
	}
	if (!maxv || maxv == 13 || maxv > TLS1_2_VERSION)
		maxv = TLS1_2_VERSION;
	s->t = eaptls_new(cfg, EAP_TYPE_TTLS, false, maxv, why);
	if (!s->t) {
		free(s);
		return NULL;
	}
	eaptls_set_ver(s->t, 0);		/* TTLSv0 */
	s->cfg = *cfg;
	return s;
}

static void ttls_free(void *st)
{
	struct ttls *s = st;

	if (!s)
		return;
	eaptls_free(s->t);
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}

static enum eap_mres ttls_fail(struct ttls *s, const char *why)
{
	eaptls_fail(s->t, why ? why : "TTLS failed");
	s->state = TS_DONE;
	s->ok = false;
	return EAP_MRES_FAIL;
}

/* The phase 2 AVPs into buf; their length or 0. */
static size_t phase2_avps(struct ttls *s, uint8_t *buf, size_t cap)
{
	const char *user = s->cfg.identity, *pw = s->cfg.password;
	size_t ul = strlen(user), pl = strlen(pw), off = 0;

	if (!ttls_avp_put(buf, cap, &off, TTLS_AVP_USER_NAME, 0, true, user,
			  ul))
		return 0;
	if (s->cfg.phase2 == EAP_PHASE2_PAP) {
		uint8_t padded[EAP_CFG_STR_MAX + 16] = { 0 };
		size_t n = (pl + 15) / 16 * 16;
		bool ok;

		memcpy(padded, pw, pl);
		ok = ttls_avp_put(buf, cap, &off, TTLS_AVP_USER_PASSWORD, 0,
				  true, padded, n ? n : 16);
		OPENSSL_cleanse(padded, sizeof(padded));
		return ok ? off : 0;
	} else {
		uint8_t k[17], r[50];

		if (!eaptls_export(s->t, "ttls challenge", NULL, 0, k,
				   sizeof(k)))
			return 0;
		memcpy(s->chal, k, 16);
		s->ident = k[16];
		if (RAND_bytes(s->peer_chal, 16) != 1 ||
		    !mschapv2_nt_password_hash(pw, pl, s->pw_hash) ||
		    !mschapv2_nt_response(s->chal, s->peer_chal, user, ul,
					  pw, pl, s->nt))
			return 0;
		r[0] = s->ident;
		r[1] = 0;			/* Flags */
		memcpy(r + 2, s->peer_chal, 16);
		memset(r + 18, 0, 8);		/* Reserved */
		memcpy(r + 26, s->nt, 24);
		if (!ttls_avp_put(buf, cap, &off, TTLS_AVP_MS_CHAP_CHALLENGE,
				  TTLS_VENDOR_MS, true, s->chal, 16) ||
		    !ttls_avp_put(buf, cap, &off, TTLS_AVP_MS_CHAP2_RESPONSE,
				  TTLS_VENDOR_MS, true, r, sizeof(r)))
			return 0;
		return off;
	}
}

/* The server's answer to MS-CHAPv2: true when it proved the password. */
static bool check_success(struct ttls *s, const uint8_t *d, size_t n)
{
	struct cur c = cur_init(d, n);
	bool seen = false, ok = false;

	while (cur_left(&c)) {
		struct ttls_avp a;

		if (ttls_avp_next(&c, &a) != TUN_OK) {
			s->why = "malformed AVP";
			return false;
		}
		if (a.vendor == TTLS_VENDOR_MS &&
		    a.code == TTLS_AVP_MS_CHAP2_SUCCESS) {
			seen = true;
			ok = a.len >= 1 + MSCHAPV2_AUTH_RESP_LEN &&
			     a.data[0] == s->ident &&
			     mschapv2_auth_response_ok(s->pw_hash, s->nt,
				s->peer_chal, s->chal,
				s->cfg.identity, strlen(s->cfg.identity),
				a.data + 1, a.len - 1);
		} else if (a.vendor == TTLS_VENDOR_MS &&
			   a.code == TTLS_AVP_MS_CHAP_ERROR) {
			s->why = "MS-CHAP-Error from the server";
			return false;
		}
	}
	if (!seen)
		s->why = "no MS-CHAP2-Success";
	else if (!ok)
		s->why = "wrong authenticator response";
	return ok;
}

static enum eap_mres ttls_process(void *st, uint8_t id, const uint8_t *req,
				  size_t len, uint8_t *out, size_t cap,
				  size_t *out_len)
{
	struct ttls *s = st;
	uint8_t avps[2 * EAP_CFG_STR_MAX + 128];
	const uint8_t *app;
	size_t app_len, n;
	bool w;

	if (s->state == TS_DONE)
		return EAP_MRES_IGNORE;
	switch (eaptls_process(s->t, req, len, out, cap, out_len)) {
	case EAPTLS_EV_SENT:
		return EAP_MRES_CONT;
	case EAPTLS_EV_IGNORE:
		return EAP_MRES_IGNORE;
	case EAPTLS_EV_FAIL:
		return ttls_fail(s, NULL);
	case EAPTLS_EV_DATA:
		break;
	}
	app = eaptls_app(s->t, &app_len);
	if (s->state == TS_TUNNEL) {
		if (app_len)
			return ttls_fail(s, "data before phase 2");
		n = phase2_avps(s, avps, sizeof(avps));
		w = n && eaptls_write(s->t, avps, n, out, cap, out_len);
		OPENSSL_cleanse(avps, sizeof(avps));
		if (!w)
			return ttls_fail(s, "phase 2 does not fit");
		if (s->cfg.phase2 == EAP_PHASE2_PAP) {
			s->state = TS_DONE;
			s->ok = true;
			return EAP_MRES_DONE;
		}
		s->state = TS_SENT;
		return EAP_MRES_CONT;
	}
	/* TS_SENT, MS-CHAPv2: the server's verdict */
	if (!check_success(s, app, app_len))
		return ttls_fail(s, s->why);
	if (!eaptls_write(s->t, NULL, 0, out, cap, out_len))
		return ttls_fail(s, "cap");
	s->state = TS_DONE;
	s->ok = true;
	return EAP_MRES_DONE;
}

static enum eap_mdecision ttls_decision(void *st)
{
	struct ttls *s = st;

	return s->state == TS_DONE && s->ok && !eaptls_why(s->t)
		? EAP_MDEC_COND_SUCC : EAP_MDEC_FAIL;
}

static bool ttls_key(void *st, uint8_t msk[64], uint8_t emsk[64])
{
	struct ttls *s = st;

	return ttls_decision(s) != EAP_MDEC_FAIL &&
	       eaptls_export_keys(s->t, "ttls keying material", NULL, 0, msk, emsk);
}

static void ttls_stats_json(void *st, struct json *j)
{
	struct ttls *s = st;

	eaptls_stats_json(s->t, j);
	json_kstr(j, "phase2", s->cfg.phase2 == EAP_PHASE2_PAP ? "pap"
							       : "mschapv2");
}

const struct eap_method eap_method_ttls = {
	.type = EAP_TYPE_TTLS,
	.name = "ttls",
	.new = ttls_new,
	.free = ttls_free,
	.process = ttls_process,
	.decision = ttls_decision,
	.key = ttls_key,
	.stats_json = ttls_stats_json,
};
