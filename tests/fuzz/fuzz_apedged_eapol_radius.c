// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: eapol/radius.c and eapol/radclient.c, the replies a
 * RADIUS client gets.  A client on the virtual clock has one request
 * pending; the input is fed to it three ways:
 *  - as it is (the attacker without the secret): it must never be taken
 *    (the callback never runs) unless it is a right reply, which the
 *    fuzzer cannot forge;
 *  - with its Identifier set to the pending request's, same property;
 *  - signed with the secret, as the server would (input[0] the Code,
 *    input[1] bit 0: without Message-Authenticator, the rest the
 *    attributes as they are): the decoder sees every attribute layout.
 * Properties checked (abort() on failure): the callback runs at most once
 * and only for a signed reply with a Message-Authenticator and a known
 * Code; what rad_reply_decode() gives is within its bounds; a reply that
 * verified still verifies after decode (decode does not write the packet).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "eapol/radclient.h"
#include "lib/loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t last[RAD_MAX_LEN];
static size_t last_len;
static int calls;

static int fz_send(void *ctx, unsigned int server, const uint8_t *pkt,
		   size_t len)
{
	memcpy(last, pkt, len);
	last_len = len;
	return 0;
}

static bool fz_random(void *ctx, uint8_t *buf, size_t len)
{
	memset(buf, 0xa5, len);
	return true;
}

static void fz_cb(void *user, enum rad_result res, const struct rad_reply *r)
{
	calls++;
	if (res == RAD_TIMEOUT || !r)
		abort();
	if (r->eap_len > RAD_EAP_MAX || (r->eap_len && r->eap != r->eap_buf) ||
	    r->state_len > RAD_ATTR_MAX || r->vlan > 4094 ||
	    strlen(r->reply_message) > RAD_ATTR_MAX ||
	    (r->termination_action != -1 && r->termination_action != 0 &&
	     r->termination_action != 1))
		abort();
}

static size_t sign(uint8_t *out, const uint8_t *data, size_t size,
		   const uint8_t *req, const uint8_t *secret, size_t slen)
{
	static struct rad_msg m;
	EVP_MD_CTX *x;
	unsigned int k;
	size_t n = size - 2, len;

	if (n > RAD_MAX_LEN - RAD_HDR_LEN - 18)
		n = RAD_MAX_LEN - RAD_HDR_LEN - 18;
	rad_msg_init(&m, data[0], req[1], req + 4);
	memcpy(m.buf + RAD_HDR_LEN, data + 2, n);
	m.len += n;
	if (!(data[1] & 1))
		rad_put_msgauth(&m);
	len = rad_msg_finish(&m, secret, slen);
	x = EVP_MD_CTX_new();
	if (!len || !x || EVP_DigestInit_ex(x, EVP_md5(), NULL) != 1 ||
	    EVP_DigestUpdate(x, m.buf, len) != 1 ||
	    EVP_DigestUpdate(x, secret, slen) != 1 ||
	    EVP_DigestFinal_ex(x, m.buf + 4, &k) != 1)
		abort();
	EVP_MD_CTX_free(x);
	memcpy(out, m.buf, len);
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct rad_client_ops ops = {
		.send = fz_send, .random = fz_random,
	};
	static const struct rad_access a = {
		.user_name = "alice",
		.eap = (const uint8_t *)"\x02\x01\x00\x0a\x01" "alice",
		.eap_len = 10,
	};
	static struct rad_reply r;
	static uint8_t buf[RAD_MAX_LEN + 64];
	struct rad_client_cfg cfg = { .n_servers = 1 };
	struct rad_client *c;
	struct loop *l;
	uint8_t req[RAD_HDR_LEN];
	size_t n;
	enum rad_err e;
	bool good;

	if (size > sizeof(buf))
		return 0;
	loop_clock_virtual(1000);
	l = loop_new();
	if (!l)
		abort();
	memcpy(cfg.server[0].name, "fuzz", 5);
	memcpy(cfg.server[0].secret, "fuzz-secret", 11);
	cfg.server[0].secret_len = 11;
	c = rad_client_new(l, &cfg, &ops, NULL);
	calls = 0;
	if (!c || rad_client_access(c, &a, fz_cb, NULL) <= 0)
		abort();
	memcpy(req, last, RAD_HDR_LEN);

	/* as it is; then with the pending Identifier */
	rad_client_input(c, 0, data, size);
	if (calls)
		abort();
	memcpy(buf, data, size);
	if (size > 1) {
		buf[1] = req[1];
		rad_client_input(c, 0, buf, size);
		if (calls)
			abort();
	}
	/* the codec alone on the raw input */
	e = rad_reply_decode(data, size, req + 4, cfg.server[0].secret, 11, &r);
	if (e >= RAD_ERR_COUNT)
		abort();
	rad_reply_clear(&r);

	/* signed by the server */
	if (size >= 2) {
		n = sign(buf, data, size, req, cfg.server[0].secret, 11);
		good = rad_verify_reply(buf, n, req + 4, cfg.server[0].secret,
					11, true) == RAD_OK;
		if (good && rad_reply_decode(buf, n, req + 4,
					     cfg.server[0].secret, 11, &r) ==
		    RAD_OK) {
			if (r.eap_len > n || r.vlan > 4094)
				abort();
			rad_reply_clear(&r);
			if (rad_verify_reply(buf, n, req + 4,
					     cfg.server[0].secret, 11, true))
				abort();
		}
		rad_client_input(c, 0, buf, n);
		if (calls > 1 || (calls && (!good || (data[1] & 1) ||
					     (data[0] != 2 && data[0] != 3 &&
					      data[0] != 11))))
			abort();
		/* again: never a second callback */
		rad_client_input(c, 0, buf, n);
		if (calls > 1)
			abort();
	}
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
	return 0;
}
