// SPDX-License-Identifier: GPL-2.0
/*
 * EAP-TLS end to end against an OpenSSL server in the same process (its
 * own framer, tests/unit/eaptls_peer.h), with certificates made at run
 * time: TLS 1.2 and 1.3, fragments both ways, the MSK against the
 * server's own export, and every certificate rule: a wrong CA, a wrong
 * domain, a certificate not for a server, no CA at all.
 */
#include "ut.h"
#include "eaptls_peer.h"
#include "eapol/method.h"
#include "eapol/tls.h"

#define NAME "radius.example.org"

struct run {
	enum eap_mres last;
	enum eap_mdecision dec;
	bool srv_done, srv_failed;
	bool keys;
	uint8_t msk[64], emsk[64], smsk[128];
	int version;
	const char *why;
	unsigned int srv_acks, srv_acks_sent;
	uint64_t our_acks, our_frags;
	bool early_fail;	/* decision FAIL after the first Response */
};

enum srv_twist { TW_NONE, TW_BAD_INDICATION, TW_NO_INDICATION };

static void run_tls(const struct pki *p, const struct eap_peer_cfg *cfg,
		    int srv_maxv, size_t srv_frag_sz, size_t cap,
		    enum srv_twist tw, struct run *r)
{
	const struct eap_method *m = &eap_method_tls;
	static struct srv s;
	static uint8_t req[SRV_BUF], out[EAP_METHOD_OUT_MAX];
	const char *why = NULL;
	size_t n, out_len = 0;
	bool indicated = false;
	void *st;
	int i;

	memset(r, 0, sizeof(*r));
	r->last = EAP_MRES_FAIL;
	if (!srv_init(&s, p, srv_maxv, true, srv_frag_sz))
		return;
	st = m->new(cfg, &why);
	if (!st) {
		r->why = why;
		srv_free(&s);
		return;
	}
	req[0] = 0x20;				/* Start */
	n = 1;
	for (i = 0; i < 200 && n; i++) {
		r->last = m->process(st, (uint8_t)i, req, n, out, cap,
				     &out_len);
		if (i == 0)
			r->early_fail = m->decision(st) == EAP_MDEC_FAIL;
		if (r->last != EAP_MRES_CONT && r->last != EAP_MRES_DONE)
			break;
		n = srv_step(&s, out, out_len, req, NULL, NULL);
		if (!n && s.hs_done && !indicated &&
		    SSL_version(s.ssl) >= TLS1_3_VERSION &&
		    tw != TW_NO_INDICATION) {
			uint8_t ind = tw == TW_BAD_INDICATION ? 0x01 : 0x00;

			indicated = true;
			srv_send_app(&s, &ind, 1);
			n = srv_frag(&s, req);
		}
	}
	r->dec = m->decision(st);
	r->srv_done = s.hs_done;
	r->srv_failed = s.failed;
	r->srv_acks = s.acks_from_peer;
	r->srv_acks_sent = s.acks_sent;
	r->keys = m->key(st, r->msk, r->emsk);
	r->version = SSL_version(s.ssl);
	if (s.hs_done) {
		if (r->version >= TLS1_3_VERSION) {
			uint8_t c = 13;

			SSL_export_keying_material(s.ssl, r->smsk, 128,
				"EXPORTER_EAP_TLS_Key_Material", 29, &c, 1, 1);
		} else {
			SSL_export_keying_material(s.ssl, r->smsk, 128,
				"client EAP encryption", 21, NULL, 0, 0);
		}
	}
	{
		struct eap_tls_peek { struct eaptls *t; } *pk = st;

		r->why = eaptls_why(pk->t);
		r->our_acks = eaptls_stats(pk->t)->acks_sent;
		r->our_frags = eaptls_stats(pk->t)->tx_frags;
	}
	m->free(st);
	srv_free(&s);
}

static void cfg_for(struct eap_peer_cfg *c, const struct pki *p,
		    const char *domain)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->identity, sizeof(c->identity), "client");
	snprintf(c->ca_file, sizeof(c->ca_file), "%s", p->ca);
	snprintf(c->client_cert, sizeof(c->client_cert), "%s",
		 p->client_cert);
	snprintf(c->private_key, sizeof(c->private_key), "%s",
		 p->client_key);
	if (domain)
		snprintf(c->domain, sizeof(c->domain), "%s", domain);
	c->method = EAP_TYPE_TLS;
}

static bool ok_run(const struct run *r)
{
	return r->last == EAP_MRES_DONE && r->dec == EAP_MDEC_COND_SUCC &&
	       r->srv_done && !r->srv_failed && r->keys && !r->why &&
	       !memcmp(r->msk, r->smsk, 64) &&
	       !memcmp(r->emsk, r->smsk + 64, 64);
}

static struct pki pki;

UT_CASE(tls12_ok)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, NAME);
	run_tls(&pki, &c, TLS1_2_VERSION, 1400, EAP_METHOD_OUT_MAX, TW_NONE,
		&r);
	UT_EXPECT(ok_run(&r));
	UT_EXPECT(r.version == TLS1_2_VERSION);
	UT_EXPECT(r.early_fail);
}

UT_CASE(tls13_ok)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, NAME);
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
	UT_EXPECT(r.version == TLS1_3_VERSION);
	/* capped by the configuration */
	c.tls_max_version = 12;
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
	UT_EXPECT(r.version == TLS1_2_VERSION);
}

UT_CASE(tls13_indication)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, NAME);
	/* application data other than the one 0x00 octet: a failure */
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_BAD_INDICATION, &r);
	UT_EXPECT(r.last == EAP_MRES_FAIL);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL);
	UT_EXPECT(!r.keys);
	/* no indication: never done, a Success would be refused */
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NO_INDICATION, &r);
	UT_EXPECT(r.last == EAP_MRES_CONT);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL);
}

UT_CASE(fragments_both_ways)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, NAME);
	for (int v = 0; v < 2; v++) {
		run_tls(&pki, &c, v ? TLS1_2_VERSION : 0, 100, 200, TW_NONE,
			&r);
		UT_EXPECT(ok_run(&r));
		UT_EXPECT(r.srv_acks_sent > 0);	/* ours ACKed */
		UT_EXPECT(r.srv_acks > 5);	/* theirs ACKed by us */
		UT_EXPECT(r.our_acks >= r.srv_acks);
		UT_EXPECT(r.our_frags > r.srv_acks_sent);
	}
}

UT_CASE(wrong_ca)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, NAME);
	snprintf(c.ca_file, sizeof(c.ca_file), "%s", pki.other_ca);
	for (int v = 0; v < 2; v++) {
		run_tls(&pki, &c, v ? TLS1_2_VERSION : 0, 1400,
			EAP_METHOD_OUT_MAX, TW_NONE, &r);
		UT_EXPECT(r.dec == EAP_MDEC_FAIL);
		UT_EXPECT(!r.keys);
		UT_EXPECT(!r.srv_done);
		UT_EXPECT(r.srv_failed);	/* it got our alert */
		/* the server sends its chain with the CA (OpenSSL's auto
		 * chain): a self-signed root we do not trust */
		UT_EXPECT(r.why && strstr(r.why, "self-signed"));
	}
}

UT_CASE(domain_rules)
{
	struct eap_peer_cfg c;
	struct run r;

	cfg_for(&c, &pki, "evil.example.org");
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL && !r.keys && r.srv_failed);
	UT_EXPECT(r.why && strstr(r.why, "mismatch"));
	/* the parent domain alone is not the server's name */
	cfg_for(&c, &pki, "example.org");
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL);
	/* a leading dot: any name under it */
	cfg_for(&c, &pki, ".example.org");
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
	cfg_for(&c, &pki, ".example.com");
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL);
	/* case does not matter in DNS names */
	cfg_for(&c, &pki, "RADIUS.example.ORG");
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
	/* no domain: the CA alone decides */
	cfg_for(&c, &pki, NULL);
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
}

UT_CASE(not_a_server_cert)
{
	struct pki p2;
	struct eap_peer_cfg c;
	struct run r;

	UT_ASSERT(pki_make(&p2, NAME, "clientAuth"));
	cfg_for(&c, &p2, NAME);
	run_tls(&p2, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(r.dec == EAP_MDEC_FAIL && !r.keys && r.srv_failed);
	UT_EXPECT(r.why && strstr(r.why, "purpose"));
	pki_remove(&p2);
}

UT_CASE(no_ca)
{
	struct eap_peer_cfg c;
	struct run r;
	const char *why = NULL;

	cfg_for(&c, &pki, NULL);
	c.ca_file[0] = '\0';
	UT_EXPECT(!eap_method_tls.new(&c, &why));
	UT_EXPECT(why && strstr(why, "ca_none_accept_mitm"));
	/* the key named for the risk: any server will do */
	c.ca_none_accept_mitm = true;
	run_tls(&pki, &c, 0, 1400, EAP_METHOD_OUT_MAX, TW_NONE, &r);
	UT_EXPECT(ok_run(&r));
	/* unreadable files refuse at once */
	cfg_for(&c, &pki, NULL);
	snprintf(c.ca_file, sizeof(c.ca_file), "%s/none.pem", pki.dir);
	UT_EXPECT(!eap_method_tls.new(&c, &why));
	cfg_for(&c, &pki, NULL);
	snprintf(c.private_key, sizeof(c.private_key), "%s", pki.server_key);
	UT_EXPECT(!eap_method_tls.new(&c, &why));
	cfg_for(&c, &pki, NULL);
	c.client_cert[0] = '\0';
	UT_EXPECT(!eap_method_tls.new(&c, &why));
}

UT_CASE(setup)
{
	UT_ASSERT(pki_make(&pki, NAME, "serverAuth"));
}

UT_CASE(teardown)
{
	pki_remove(&pki);
}

UT_MAIN("eapol_tls",
	UT_ENTRY(setup),
	UT_ENTRY(tls12_ok),
	UT_ENTRY(tls13_ok),
	UT_ENTRY(tls13_indication),
	UT_ENTRY(fragments_both_ways),
	UT_ENTRY(wrong_ca),
	UT_ENTRY(domain_rules),
	UT_ENTRY(not_a_server_cert),
	UT_ENTRY(no_ca),
	UT_ENTRY(teardown))
