// SPDX-License-Identifier: GPL-2.0
/*
 * EAP-MD5-Challenge (RFC 3748 §5.4), the CHAP computation of RFC 1994
 * §4.1: Response Value = MD5(Identifier || secret || Challenge).
 *
 * Request and Response Type-Data: Value-Size (1 octet), Value, Name (the
 * rest).  The Name of a Request is ignored; the Response carries none.
 * MD5-Challenge derives no keys and authenticates only the peer, so its
 * decision is conditional: the peer takes the server's word (a Success or
 * a Failure) as final.  The digest comes from OpenSSL's EVP.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "eapol/method.h"
#include "eapol/md5.h"

struct md5_state {
	char password[EAP_CFG_STR_MAX];
	size_t password_len;
	bool answered;
};

bool eap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
		      const uint8_t *chal, size_t chal_len,
		      uint8_t out[EAP_MD5_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 0;
	bool ok;

	if (!c)
		return false;
	ok = EVP_DigestInit_ex(c, EVP_md5(), NULL) == 1 &&
	     EVP_DigestUpdate(c, &id, 1) == 1 &&
	     EVP_DigestUpdate(c, secret, secret_len) == 1 &&
	     EVP_DigestUpdate(c, chal, chal_len) == 1 &&
	     EVP_DigestFinal_ex(c, out, &n) == 1 && n == EAP_MD5_LEN;
	EVP_MD_CTX_free(c);
	return ok;
}

static void *md5_new(const struct eap_peer_cfg *cfg, const char **why)
{
	struct md5_state *st;

	if (!cfg->password[0]) {
		*why = "no password";
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (!st) {
		*why = "out of memory";
		return NULL;
	}
	st->password_len = strnlen(cfg->password, sizeof(cfg->password) - 1);
	memcpy(st->password, cfg->password, st->password_len);
	return st;
}

static void md5_free(void *p)
{
	struct md5_state *st = p;

	if (!st)
		return;
	OPENSSL_cleanse(st, sizeof(*st));
	free(st);
}

static enum eap_mres md5_process(void *p, uint8_t id, const uint8_t *req,
				 size_t len, uint8_t *out, size_t cap,
				 size_t *out_len)
{
	struct md5_state *st = p;
	size_t vs;

	/* Value-Size, then at least one octet of Value (RFC 3748 §5.4) */
	if (len < 2)
		return EAP_MRES_IGNORE;
	vs = req[0];
	if (vs == 0 || vs > len - 1)
		return EAP_MRES_IGNORE;
	if (cap < 1 + EAP_MD5_LEN)
		return EAP_MRES_FAIL;
	out[0] = EAP_MD5_LEN;
	if (!eap_md5_response(id, (const uint8_t *)st->password,
			      st->password_len, req + 1, vs, out + 1))
		return EAP_MRES_FAIL;
	*out_len = 1 + EAP_MD5_LEN;
	st->answered = true;
	return EAP_MRES_DONE;
}

static enum eap_mdecision md5_decision(void *p)
{
	struct md5_state *st = p;

	return st->answered ? EAP_MDEC_COND_SUCC : EAP_MDEC_FAIL;
}

const struct eap_method eap_method_md5 = {
	.type = EAP_TYPE_MD5,
	.name = "md5",
	.new = md5_new,
	.free = md5_free,
	.process = md5_process,
	.decision = md5_decision,
};
