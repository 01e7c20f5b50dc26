// SPDX-License-Identifier: GPL-2.0
/*
 * PEAPv0/EAP-MSCHAPv2 and TTLS (PAP, MS-CHAPv2) end to end against an
 * in-process server (tests/unit/eaptls_peer.h for TLS; phase 2 written
 * here from the documents: header-compressed inner EAP, the Result TLV,
 * AVPs, the "ttls challenge" exporter).  Good and wrong passwords, a
 * server that forges the authenticator response, one that skips phase 2,
 * and the MSK against the server's own export.
 */
#include "ut.h"
#include "eaptls_peer.h"
#include "eapol/method.h"
#include "eapol/mschapv2.h"
#include "eapol/tls.h"
#include "eapol/tunwire.h"

#define NAME "radius.example.org"
#define USER "alice"
#define PASS "correct horse"

static struct pki pki;

enum twist { TW_NONE, TW_WRONG_PW, TW_FORGED_S, TW_SKIP_PHASE2,
	     TW_WHOLE_ID };

struct res {
	enum eap_mres last;
	enum eap_mdecision dec;
	bool keys, msk_match;
	bool srv_accepted;		/* phase 2 verified on the server */
	uint16_t peer_result;		/* PEAP: the peer's Result TLV */
	bool pap_ok;
};

/* The server's phase 2, one step per peer message. */
struct p2 {
	int step;
	enum twist tw;
	uint8_t type;			/* 25 or 21 */
	uint8_t phase2;
	uint8_t chal[16], ident;
	struct res *r;
};

static void send_peap_tlv(struct srv *s, uint8_t id, uint16_t result)
{
	uint8_t m[11] = { 1, id, 0, 11, 33, 0x80, 0x03, 0, 2, 0,
			  (uint8_t)result };

	srv_send_app(s, m, sizeof(m));
}

/* The server's next phase 2 message after the peer's app data. */
static void p2_step(struct srv *s, struct p2 *p, const uint8_t *a, size_t n)
{
	const char *srv_pw = p->tw == TW_WRONG_PW ? "wrong" : PASS;
	uint8_t m[200], h[16];

	if (p->type == EAP_TYPE_PEAP) {
		switch (p->step++) {
		case 0:	/* after the ACK of our Finished */
			if (p->tw == TW_WHOLE_ID) {
				/* FreeRADIUS: the Identity Request whole */
				m[0] = 1; m[1] = 7; m[2] = 0; m[3] = 5;
				m[4] = 1;
				srv_send_app(s, m, 5);
				return;
			}
			m[0] = 1;		/* compressed Identity */
			srv_send_app(s, m, 1);
			return;
		case 1:
			/* the Response compressed, whatever the Request */
			if (n != 1 + strlen(USER) || a[0] != 1 ||
			    memcmp(a + 1, USER, strlen(USER)))
				return;
			if (p->tw == TW_SKIP_PHASE2) {
				send_peap_tlv(s, 9, PEAP_RESULT_SUCCESS);
				p->step = 4;
				return;
			}
			RAND_bytes(p->chal, 16);
			m[0] = 26; m[1] = 1; m[2] = 5; m[3] = 0; m[4] = 24;
			m[5] = 16;
			memcpy(m + 6, p->chal, 16);
			memcpy(m + 22, "srv", 3);
			srv_send_app(s, m, 25);
			return;
		case 2: {
			uint8_t nt[24];
			char sresp[MSCHAPV2_AUTH_RESP_LEN + 1];

			if (n != 1 + 54 + strlen(USER) || a[0] != 26 ||
			    a[1] != 2 || a[2] != 5 || a[5] != 49)
				return;
			mschapv2_nt_response(p->chal, a + 6, USER,
					     strlen(USER), srv_pw,
					     strlen(srv_pw), nt);
			if (memcmp(nt, a + 30, 24)) {
				m[0] = 26; m[1] = 4; m[2] = 5; m[3] = 0;
				m[4] = 4 + 9;
				memcpy(m + 5, "E=691 R=0", 9);
				srv_send_app(s, m, 14);
				return;
			}
			p->r->srv_accepted = true;
			mschapv2_nt_password_hash(srv_pw, strlen(srv_pw), h);
			mschapv2_auth_response(h, nt, a + 6, p->chal, USER,
					       strlen(USER), sresp);
			if (p->tw == TW_FORGED_S)
				sresp[10] ^= 1;
			m[0] = 26; m[1] = 3; m[2] = 5; m[3] = 0;
			m[4] = 4 + 42 + 5;
			memcpy(m + 5, sresp, 42);
			memcpy(m + 47, " M=ok", 5);
			srv_send_app(s, m, 52);
			return;
		}
		case 3:	/* the peer's Success or Failure Response */
			send_peap_tlv(s, 8, n == 2 && a[1] == 3
				      ? PEAP_RESULT_SUCCESS
				      : PEAP_RESULT_FAILURE);
			return;
		case 4:	/* the peer's Result TLV, full header */
			if (n == 11 && a[0] == 2 && a[4] == 33)
				p->r->peer_result = (uint16_t)(a[9] << 8 | a[10]);
			return;
		}
		return;
	}
	/* TTLS */
	if (p->step++ != 0) {
		return;		/* the peer's ACK of our Success: done */
	}
	{
		struct cur c = cur_init(a, n);
		struct ttls_avp av;
		const uint8_t *user = NULL, *pw = NULL, *ch = NULL,
			      *rsp = NULL;
		size_t ulen = 0, pwlen = 0;
		uint8_t k[17], nt[24];
		size_t off = 0;
		char sresp[MSCHAPV2_AUTH_RESP_LEN + 1];

		while (cur_left(&c) && ttls_avp_next(&c, &av) == TUN_OK) {
			if (av.code == 1 && !av.vendor)
				user = av.data, ulen = av.len;
			if (av.code == 2 && !av.vendor)
				pw = av.data, pwlen = av.len;
			if (av.code == 11 && av.vendor == 311 && av.len == 16)
				ch = av.data;
			if (av.code == 25 && av.vendor == 311 && av.len == 50)
				rsp = av.data;
		}
		if (!user || ulen != strlen(USER) || memcmp(user, USER, ulen))
			return;
		if (p->phase2 == EAP_PHASE2_PAP) {
			p->r->pap_ok = pw && pwlen % 16 == 0 &&
				       pwlen >= strlen(PASS) &&
				       !memcmp(pw, PASS, strlen(PASS)) &&
				       !pw[strlen(PASS)];
			p->r->srv_accepted = p->r->pap_ok;
			return;
		}
		SSL_export_keying_material(s->ssl, k, 17, "ttls challenge",
					   14, NULL, 0, 0);
		if (!ch || !rsp || memcmp(ch, k, 16) || rsp[0] != k[16])
			return;
		mschapv2_nt_response(k, rsp + 2, USER, strlen(USER), srv_pw,
				     strlen(srv_pw), nt);
		if (memcmp(nt, rsp + 26, 24)) {
			ttls_avp_put(m, sizeof(m), &off, 2, 311, true,
				     "\x00E=691 R=0", 10);
			srv_send_app(s, m, off);
			return;
		}
		p->r->srv_accepted = true;
		mschapv2_nt_password_hash(srv_pw, strlen(srv_pw), h);
		mschapv2_auth_response(h, nt, rsp + 2, k, USER, strlen(USER),
				       sresp);
		if (p->tw == TW_FORGED_S)
			sresp[20] ^= 1;
		{
			uint8_t v[43];

			v[0] = k[16];
			memcpy(v + 1, sresp, 42);
			ttls_avp_put(m, sizeof(m), &off, 26, 311, true, v, 43);
		}
		srv_send_app(s, m, off);
	}
}

static void run(const struct eap_method *me, uint8_t phase2, enum twist tw,
		size_t frag, struct res *r)
{
	static struct srv s;
	static uint8_t req[SRV_BUF], out[EAP_METHOD_OUT_MAX], app[SRV_BUF];
	struct eap_peer_cfg c;
	struct p2 p = { .tw = tw, .type = me->type, .phase2 = phase2, .r = r };
	const char *why = NULL;
	size_t n, out_len = 0, app_len;
	uint8_t msk[64], emsk[64], k[128];
	void *st;
	int i;

	memset(r, 0, sizeof(*r));
	r->last = EAP_MRES_FAIL;
	memset(&c, 0, sizeof(c));
	snprintf(c.identity, sizeof(c.identity), USER);
	snprintf(c.password, sizeof(c.password), PASS);
	snprintf(c.ca_file, sizeof(c.ca_file), "%s", pki.ca);
	snprintf(c.domain, sizeof(c.domain), NAME);
	c.method = me->type;
	c.phase2 = phase2;
	if (!srv_init(&s, &pki, 0, false, frag))
		return;
	st = me->new(&c, &why);
	if (!st) {
		srv_free(&s);
		return;
	}
	req[0] = 0x20;
	n = 1;
	for (i = 0; i < 100 && n; i++) {
		r->last = me->process(st, (uint8_t)i, req, n, out,
				      sizeof(out), &out_len);
		if (r->last != EAP_MRES_CONT && r->last != EAP_MRES_DONE)
			break;
		app_len = 0;
		n = srv_step(&s, out, out_len, req, app, &app_len);
		if (!n && s.hs_done && !(out_len > 1 && (out[0] & 0x40))) {
			p2_step(&s, &p, app, app_len);
			n = s.out_len ? srv_frag(&s, req) : 0;
		}
	}
	r->dec = me->decision(st);
	r->keys = me->key(st, msk, emsk);
	if (r->keys && s.hs_done) {
		SSL_export_keying_material(s.ssl, k, 128,
			me->type == EAP_TYPE_PEAP ? "client EAP encryption"
						  : "ttls keying material",
			me->type == EAP_TYPE_PEAP ? 21 : 20, NULL, 0, 0);
		r->msk_match = !memcmp(msk, k, 64) && !memcmp(emsk, k + 64, 64);
	}
	me->free(st);
	srv_free(&s);
}

UT_CASE(setup)
{
	UT_ASSERT(pki_make(&pki, NAME, "serverAuth"));
}

UT_CASE(peap_ok)
{
	struct res r;

	for (int f = 0; f < 2; f++) {
		run(&eap_method_peap, 0, TW_NONE, f ? 150 : 1400, &r);
		UT_EXPECT(r.last == EAP_MRES_DONE);
		UT_EXPECT(r.dec == EAP_MDEC_COND_SUCC);
		UT_EXPECT(r.srv_accepted);
		UT_EXPECT(r.peer_result == PEAP_RESULT_SUCCESS);
		UT_EXPECT(r.keys && r.msk_match);
	}
}

/* A server that sends the inner Identity Request with its header (as
 * FreeRADIUS does) still gets a compressed Identity Response. */
UT_CASE(peap_whole_identity_request)
{
	struct res r;

	run(&eap_method_peap, 0, TW_WHOLE_ID, 1400, &r);
	UT_EXPECT(r.last == EAP_MRES_DONE);
	UT_EXPECT(r.srv_accepted);
	UT_EXPECT(r.peer_result == PEAP_RESULT_SUCCESS);
	UT_EXPECT(r.keys && r.msk_match);
}

UT_CASE(peap_wrong_password)
{
	struct res r;

	run(&eap_method_peap, 0, TW_WRONG_PW, 1400, &r);
	UT_EXPECT(!r.srv_accepted);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL && !r.keys);
	UT_EXPECT(r.peer_result == PEAP_RESULT_FAILURE);
}

UT_CASE(peap_forged_authenticator)
{
	struct res r;

	/* the server took our response but cannot prove the password */
	run(&eap_method_peap, 0, TW_FORGED_S, 1400, &r);
	UT_EXPECT(r.srv_accepted);
	UT_EXPECT(r.last == EAP_MRES_FAIL);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL && !r.keys);
}

UT_CASE(peap_skipped_phase2)
{
	struct res r;

	run(&eap_method_peap, 0, TW_SKIP_PHASE2, 1400, &r);
	UT_EXPECT(r.peer_result == PEAP_RESULT_FAILURE);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL && !r.keys);
}

UT_CASE(ttls_pap)
{
	struct res r;

	run(&eap_method_ttls, EAP_PHASE2_PAP, TW_NONE, 1400, &r);
	UT_EXPECT(r.pap_ok);
	UT_EXPECT(r.last == EAP_MRES_DONE && r.dec == EAP_MDEC_COND_SUCC);
	UT_EXPECT(r.keys && r.msk_match);
}

UT_CASE(ttls_mschapv2)
{
	struct res r;

	run(&eap_method_ttls, EAP_PHASE2_MSCHAPV2, TW_NONE, 200, &r);
	UT_EXPECT(r.srv_accepted);
	UT_EXPECT(r.last == EAP_MRES_DONE && r.dec == EAP_MDEC_COND_SUCC);
	UT_EXPECT(r.keys && r.msk_match);
	run(&eap_method_ttls, EAP_PHASE2_MSCHAPV2, TW_WRONG_PW, 1400, &r);
	UT_EXPECT(!r.srv_accepted);
	UT_EXPECT(r.last == EAP_MRES_FAIL && r.dec == EAP_MDEC_FAIL);
	run(&eap_method_ttls, EAP_PHASE2_MSCHAPV2, TW_FORGED_S, 1400, &r);
	UT_EXPECT(r.srv_accepted);
	UT_EXPECT(r.last == EAP_MRES_FAIL && r.dec == EAP_MDEC_FAIL &&
		  !r.keys);
}

UT_CASE(refusals)
{
	struct eap_peer_cfg c;
	const char *why = NULL;

	memset(&c, 0, sizeof(c));
	snprintf(c.identity, sizeof(c.identity), USER);
	snprintf(c.password, sizeof(c.password), PASS);
	c.phase2 = EAP_PHASE2_PAP;
	UT_EXPECT(!eap_method_peap.new(&c, &why) && why);
	UT_EXPECT(!eap_method_ttls.new(&c, &why) && why);
	snprintf(c.ca_file, sizeof(c.ca_file), "%s", pki.ca);
	c.password[0] = '\0';
	UT_EXPECT(!eap_method_peap.new(&c, &why));
	UT_EXPECT(!eap_method_ttls.new(&c, &why));
	snprintf(c.password, sizeof(c.password), PASS);
	c.phase2 = 0;
	UT_EXPECT(!eap_method_ttls.new(&c, &why));
}

UT_CASE(teardown)
{
	pki_remove(&pki);
}

UT_MAIN("eapol_tunnel",
	UT_ENTRY(setup),
	UT_ENTRY(peap_ok),
	UT_ENTRY(peap_whole_identity_request),
	UT_ENTRY(peap_wrong_password),
	UT_ENTRY(peap_forged_authenticator),
	UT_ENTRY(peap_skipped_phase2),
	UT_ENTRY(ttls_pap),
	UT_ENTRY(ttls_mschapv2),
	UT_ENTRY(refusals),
	UT_ENTRY(teardown))
