// SPDX-License-Identifier: GPL-2.0
/* [auth IFNAME]: its keys, defaults, refusals, and the machines' settings. */
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "eapol/authsm.h"
#include "eapol/config.h"
#include "config_bad.h"
#include "ut.h"

/* text must fail on line, its message holding what, and not the secret. */
static int bad(const char *text, unsigned int line, const char *what)
{
	struct config cfg;

	/* a failed parse leaves nothing of the section to free */
	return config_bad(text, line, what, &cfg) &&
	       !cfg.auths && !cfg.n_auths;
}

#define MIN "radius_server = 192.0.2.1\nradius_secret_file = /etc/s\n"

UT_CASE(defaults)
{
	struct config_error err;
	const struct config_auth *c;
	struct auth_cfg a;
	struct config cfg;

	UT_ASSERT(parse("[auth eth1]\n" MIN, &cfg, &err) == 0);
	UT_ASSERT(cfg.n_auths == 1);
	c = &cfg.auths[0];
	UT_EXPECT_STR(c->ifname, "eth1");
	UT_EXPECT(c->mode == AUTH_MODE_PORT && c->control == AUTH_CONTROL_AUTO);
	UT_EXPECT(c->n_servers == 1 && c->servers[0].port == 1812);
	UT_EXPECT_STR(c->servers[0].addr, "192.0.2.1");
	UT_EXPECT_STR(c->secret_file, "/etc/s");
	UT_EXPECT(!c->mab && c->mab_delay == 30);
	UT_EXPECT(c->mab_format == AUTH_MAB_FMT_PLAIN);
	UT_EXPECT(!c->guest_vlan && !c->auth_fail_vlan);
	UT_EXPECT(c->reauth_period == 3600 && c->quiet_period == 60);
	UT_EXPECT(c->supp_timeout == 30 && c->server_timeout == 30);
	UT_EXPECT(c->max_req == 2 && c->max_sessions == 64);
	UT_EXPECT(c->line == 1);
	eapol_auth_cfg(c, &a);
	UT_EXPECT(a.quiet_period_ms == 60000 && a.reauth_period_ms == 3600000);
	UT_EXPECT(a.supp_timeout_ms == 30000 && a.server_timeout_ms == 30000);
	UT_EXPECT(a.max_req == 2 && a.mab_delay_ms == 30000 && !a.mab);
	config_free(&cfg);
}

UT_CASE(full)
{
	struct config_error err;
	const struct config_auth *c;
	struct auth_cfg a;
	struct config cfg;

	UT_ASSERT(parse("[auth eth2]\nmode = mac\n"
			"radius_server = 192.0.2.1:1645, [2001:db8::1]:1812 "
			"2001:db8::2\n"
			"radius_secret_file = /etc/apedge/radius.secret\n"
			"nas_identifier = ap1\nmab = yes\nmab_delay = 5\n"
			"mab_format = ietf\nmab_password = s3cret\n"
			"guest_vlan = 30\nauth_fail_vlan = 40\n"
			"reauth_period = 0\nquiet_period = 10\n"
			"supp_timeout = 5\nserver_timeout = 7\nmax_req = 4\n"
			"max_sessions = 200\n", &cfg, &err) == 0);
	c = &cfg.auths[0];
	UT_EXPECT(c->mode == AUTH_MODE_MAC);
	UT_ASSERT(c->n_servers == 3);
	UT_EXPECT(c->servers[0].port == 1645);
	UT_EXPECT_STR(c->servers[1].addr, "2001:db8::1");
	UT_EXPECT(c->servers[1].port == 1812);
	UT_EXPECT_STR(c->servers[2].addr, "2001:db8::2");
	UT_EXPECT_STR(c->nas_identifier, "ap1");
	UT_EXPECT_STR(c->mab_password, "s3cret");
	eapol_auth_cfg(c, &a);
	UT_EXPECT(a.mode == AUTH_MODE_MAC && a.mab && a.mab_delay_ms == 5000);
	UT_EXPECT(a.mab_format == AUTH_MAB_FMT_IETF);
	UT_EXPECT(a.guest_vlan == 30 && a.auth_fail_vlan == 40);
	UT_EXPECT(!a.reauth_period_ms && a.quiet_period_ms == 10000);
	UT_EXPECT(a.supp_timeout_ms == 5000 && a.server_timeout_ms == 7000);
	UT_EXPECT(a.max_req == 4 && a.max_sessions == 200);
	UT_EXPECT_STR(a.mab_password, "s3cret");
	config_free(&cfg);

	/* forced ports need no server */
	UT_ASSERT(parse("[auth eth3]\ncontrol = force-authorized\n", &cfg,
			&err) == 0);
	UT_EXPECT(cfg.auths[0].control == AUTH_CONTROL_FORCE_AUTH);
	config_free(&cfg);
}

UT_CASE(refusals)
{
	UT_EXPECT(bad("[auth eth1]\nradius_secret_file = /s\n", 1,
		      "radius_server is required"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = 192.0.2.1\n", 1,
		      "radius_secret_file"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "mode = multi\n", 4, "mode"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = radius.example\n", 2,
		      "not an IPv4 or IPv6"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = 192.0.2.1:0\n", 2,
		      "bad port"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = 192.0.2.1:70000\n", 2,
		      "bad port"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = [2001:db8::1\n", 2,
		      "bad address"));
	UT_EXPECT(bad("[auth eth1]\nradius_server = 192.0.2.1 192.0.2.2 "
		      "192.0.2.3 192.0.2.4 192.0.2.5\n", 2, "at most 4"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "guest_vlan = 4095\n", 4,
		      "guest_vlan"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "max_req = 0\n", 4, "max_req"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "max_sessions = 5000\n", 4,
		      "max_sessions"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "mab_format = cisco\n", 4,
		      "mab_format"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "mab_password = s3cret\n", 1,
		      "mab_password without mab"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "radius_secret_file = x\n", 4,
		      "radius_secret_file"));
	UT_EXPECT(bad("[auth eth1]\n" MIN "[auth eth1]\n" MIN, 4, "eth1"));
	UT_EXPECT(bad("[auth]\n" MIN, 1, "auth"));
	/* a port cannot be both supplicant and authenticator */
	UT_EXPECT(bad("[eapol eth1]\nidentity = a\npassword = s3cret\n"
		      "[auth eth1]\n" MIN, 4, "cannot be both"));
}

UT_MAIN("apedged_eapol_authcfg",
	UT_ENTRY(defaults),
	UT_ENTRY(full),
	UT_ENTRY(refusals))
