// SPDX-License-Identifier: GPL-2.0
/* [eapol IFNAME]: its keys, defaults and refusals. */
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "eapol/config.h"
#include "config_bad.h"
#include "ut.h"

/* text must fail on line, its message holding what, and not the secret. */
static int bad(const char *text, unsigned int line, const char *what)
{
	struct config cfg;

	/* a failed parse leaves nothing of the section to free */
	return config_bad(text, line, what, &cfg) &&
	       !cfg.eapols && !cfg.n_eapols;
}

UT_CASE(defaults)
{
	struct config_error err;
	const struct config_eapol *c;
	struct config cfg;

	UT_ASSERT(parse("[eapol eth0]\nidentity = ap1\npassword = s3cret\n",
			&cfg, &err) == 0);
	UT_ASSERT(cfg.n_eapols == 1);
	c = &cfg.eapols[0];
	UT_EXPECT_STR(c->ifname, "eth0");
	UT_EXPECT_STR(c->peer.identity, "ap1");
	UT_EXPECT_STR(c->peer.password, "s3cret");
	UT_EXPECT(c->peer.method == EAP_TYPE_MD5);
	UT_EXPECT(c->peer.phase2 == EAP_PHASE2_MSCHAPV2);
	UT_EXPECT(!c->peer.ca_none_accept_mitm);
	UT_EXPECT(c->start_period == 30 && c->max_start == 3);
	UT_EXPECT(c->held_period == 60 && c->auth_period == 30);
	UT_EXPECT(c->line == 1);
	config_free(&cfg);
}

UT_CASE(full)
{
	struct config_error err;
	const struct config_eapol *c;
	struct config cfg;

	UT_ASSERT(parse("[eapol eth0.7]\nidentity = ap1@example.org\n"
			"anonymous_identity = anon@example.org\n"
			"password = s3cret\nmethod = ttls\nphase2 = pap\n"
			"ca_file = /etc/ca.pem\ndomain = radius.example.org\n"
			"start_period = 5\nmax_start = 10\nheld_period = 7\n"
			"auth_period = 9\n[eapol eth1]\nidentity = x\n"
			"method = tls\nclient_cert = /c.pem\n"
			"private_key = /k.pem\nprivate_key_password = s3cret\n"
			"ca_none_accept_mitm = yes\n", &cfg, &err) == 0);
	UT_ASSERT(cfg.n_eapols == 2);
	c = &cfg.eapols[0];
	UT_EXPECT(c->peer.method == EAP_TYPE_TTLS);
	UT_EXPECT(c->peer.phase2 == EAP_PHASE2_PAP);
	UT_EXPECT_STR(c->peer.anonymous_identity, "anon@example.org");
	UT_EXPECT_STR(c->peer.ca_file, "/etc/ca.pem");
	UT_EXPECT_STR(c->peer.domain, "radius.example.org");
	UT_EXPECT(c->start_period == 5 && c->max_start == 10);
	UT_EXPECT(c->held_period == 7 && c->auth_period == 9);
	c = &cfg.eapols[1];
	UT_EXPECT(c->peer.method == EAP_TYPE_TLS);
	UT_EXPECT(c->peer.ca_none_accept_mitm);
	UT_EXPECT_STR(c->peer.private_key, "/k.pem");
	UT_EXPECT(eapol_config_equal(&cfg.eapols[0], &cfg.eapols[0]));
	UT_EXPECT(!eapol_config_equal(&cfg.eapols[0], &cfg.eapols[1]));
	config_free(&cfg);
}

UT_CASE(refusals)
{
	UT_EXPECT(bad("[eapol eth0]\npassword = s3cret\n", 1,
		      "identity is required"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\n", 1, "needs a password"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\nmethod = peap\n"
		      "password = s3cret\n", 1, "ca_none_accept_mitm"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\nmethod = tls\n"
		      "ca_file = /ca.pem\n", 1, "client_cert"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\nmethod = leap\n", 3,
		      "method"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\npassword = x\n"
		      "max_start = 0\n", 4, "max_start"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\npassword = x\n"
		      "ca_file = relative.pem\n", 4, "ca_file"));
	UT_EXPECT(bad("[eapol]\nidentity = a\n", 1, "eapol"));
	UT_EXPECT(bad("[eapol eth0]\nidentity = a\npassword = x\n"
		      "[eapol eth0]\nidentity = b\npassword = y\n", 4,
		      "eth0"));
}

UT_MAIN("apedged_eapol_config",
	UT_ENTRY(defaults),
	UT_ENTRY(full),
	UT_ENTRY(refusals))
