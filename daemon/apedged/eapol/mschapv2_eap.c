// SPDX-License-Identifier: GPL-2.0
/*
 * EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2), the peer side, as the
 * inner method of PEAP.  It is not offered outside a tunnel: methods.c
 * does not list it, so a plain EAP-MSCHAPv2 Request is answered with a
 * Nak.
 *
 * Challenge -> Response (RFC 2759 §8.1); Success -> the authenticator
 * response is checked (§8.8: a missing or wrong one ends the exchange
 * with no answer) and an empty Success Response goes back; Failure -> a
 * Failure Response and a failed decision (no retry, no password change).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "eapol/method.h"
#include "eapol/mschapv2.h"
#include "eapol/mschapv2_eap.h"
#include "eapol/tunwire.h"

enum mc_state { MC_START, MC_SENT, MC_OK, MC_FAILED };

struct mc {
	enum mc_state state;
	char user[EAP_CFG_STR_MAX], pw[EAP_CFG_STR_MAX];
	uint8_t auth_chal[16], peer_chal[16], nt[24], pw_hash[16];
	const char *why;
};

static void *mc_new(const struct eap_peer_cfg *cfg, const char **why)
{
	struct mc *m;

	if (!cfg->identity[0] || !cfg->password[0]) {
		*why = "no identity or password";
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		*why = "out of memory";
		return NULL;
	}
	memcpy(m->user, cfg->identity, sizeof(m->user));
	memcpy(m->pw, cfg->password, sizeof(m->pw));
	m->user[sizeof(m->user) - 1] = m->pw[sizeof(m->pw) - 1] = '\0';
	return m;
}

static void mc_free(void *st)
{
	if (st)
		OPENSSL_cleanse(st, sizeof(struct mc));
	free(st);
}

static enum eap_mres mc_fail(struct mc *m, const char *why)
{
	m->state = MC_FAILED;
	if (!m->why)
		m->why = why;
	return EAP_MRES_FAIL;
}

static enum eap_mres mc_process(void *st, uint8_t id, const uint8_t *req,
				size_t len, uint8_t *out, size_t cap,
				size_t *out_len)
{
	struct mc *m = st;
	struct mschapv2_pkt p;
	size_t ul = strlen(m->user);

	*out_len = 0;
	if (mschapv2_pkt_parse(req, len, &p) != TUN_OK)
		return EAP_MRES_IGNORE;
	switch (p.op) {
	case MSCHAPV2_OP_CHALLENGE:
		if (m->state != MC_START)
			return EAP_MRES_IGNORE;
		memcpy(m->auth_chal, p.chal, 16);
		if (RAND_bytes(m->peer_chal, 16) != 1 ||
		    !mschapv2_nt_password_hash(m->pw, strlen(m->pw),
					       m->pw_hash) ||
		    !mschapv2_nt_response(m->auth_chal, m->peer_chal, m->user,
					  ul, m->pw, strlen(m->pw), m->nt))
			return mc_fail(m, "MS-CHAPv2 computation failed");
		*out_len = mschapv2_pkt_response(out, cap, p.id, m->peer_chal,
						 m->nt, m->user, ul);
		if (!*out_len)
			return mc_fail(m, "response does not fit");
		m->state = MC_SENT;
		return EAP_MRES_CONT;
	case MSCHAPV2_OP_SUCCESS:
		if (m->state != MC_SENT)
			return EAP_MRES_IGNORE;
		if (!mschapv2_auth_response_ok(m->pw_hash, m->nt, m->peer_chal,
					       m->auth_chal, m->user, ul,
					       p.text, p.text_len))
			return mc_fail(m, "wrong authenticator response");
		if (cap < 1)
			return mc_fail(m, "response does not fit");
		out[0] = MSCHAPV2_OP_SUCCESS;
		*out_len = 1;
		m->state = MC_OK;
		return EAP_MRES_DONE;
	case MSCHAPV2_OP_FAILURE:
	default:
		if (m->state != MC_SENT || cap < 1)
			return EAP_MRES_IGNORE;
		out[0] = MSCHAPV2_OP_FAILURE;
		*out_len = 1;
		m->state = MC_FAILED;
		m->why = "MS-CHAPv2 Failure from the server";
		return EAP_MRES_DONE;
	}
}

static enum eap_mdecision mc_decision(void *st)
{
	struct mc *m = st;

	return m->state == MC_OK ? EAP_MDEC_COND_SUCC : EAP_MDEC_FAIL;
}

static bool mc_key(void *st, uint8_t msk[64], uint8_t emsk[64])
{
	struct mc *m = st;
	uint8_t hh[16];
	bool ok;

	if (m->state != MC_OK)
		return false;
	memset(msk, 0, 64);
	memset(emsk, 0, 64);
	ok = mschapv2_hash_hash(m->pw_hash, hh) &&
	     mschapv2_peer_msk(hh, m->nt, msk);
	OPENSSL_cleanse(hh, sizeof(hh));
	return ok;
}

const char *mschapv2_eap_why(void *st)
{
	return ((struct mc *)st)->why;
}

const struct eap_method eap_method_mschapv2 = {
	.type = EAP_TYPE_MSCHAPV2,
	.name = "mschapv2",
	.new = mc_new,
	.free = mc_free,
	.process = mc_process,
	.decision = mc_decision,
	.key = mc_key,
};
