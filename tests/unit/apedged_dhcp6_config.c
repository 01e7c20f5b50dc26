// SPDX-License-Identifier: GPL-2.0
/* [dhcp6] and [dhcp6 IFNAME]: their keys, defaults, lists and refusals. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "dhcp6/config.h"
#include "config_bad.h"
#include "ut.h"

static bool addr_is(const struct in6_addr *a, const char *s)
{
	struct in6_addr b;

	inet_pton(AF_INET6, s, &b);
	return !memcmp(a, &b, 16);
}

static int bad(const char *text, unsigned int line, const char *what)
{
	struct config cfg;

	/* a failed parse leaves nothing of the section to free */
	return config_bad(text, line, what, &cfg) &&
	       !cfg.dhcp6s && !cfg.n_dhcp6s;
}

UT_CASE(tables_are_sound)
{
	struct ini_error err;

	UT_EXPECT(ini_check(config_binds, &err) == 0);
}

UT_CASE(defaults)
{
	struct config_error err;
	struct config cfg;
	const struct dhcp6_link_cfg *l;

	UT_ASSERT(parse("[dhcp6 eth0]\nrange = 2001:db8:1::1000-2001:db8:1::1fff\n",
			&cfg, &err) == 0);
	UT_EXPECT_STR(cfg.dhcp6.state_dir, "/var/lib/apedge/dhcp6");
	UT_EXPECT(cfg.dhcp6.server_duid_len == 0);
	UT_ASSERT(cfg.n_dhcp6s == 1);
	UT_EXPECT(cfg.dhcp6s[0].mode == DHCP6_MODE_SERVER);
	l = &cfg.dhcp6s[0].link;
	UT_EXPECT_STR(l->ifname, "eth0");
	UT_EXPECT(l->n_ranges == 1 && !l->n_pools && !l->n_resv);
	UT_EXPECT(addr_is(&l->ranges[0].first, "2001:db8:1::1000") &&
		  addr_is(&l->ranges[0].last, "2001:db8:1::1fff"));
	UT_EXPECT(l->preferred == 3600 && l->valid == 7200 && !l->t1 &&
		  !l->t2 && !l->rapid_commit && !l->sol_max_rt);
	config_free(&cfg);
}

UT_CASE(full)
{
	static const char text[] =
		"[dhcp6]\n"
		"state_dir = /tmp/d6\n"
		"server_duid = hex:000300010200000000aa\n"
		"[dhcp6 br0]\n"
		"mode = server\n"
		"range = 2001:db8:1::10-2001:db8:1::20, 2001:db8:1::100-2001:db8:1::1ff\n"
		"pd_pool = 2001:db8:100::/48 56, 2001:db8:200::/60 64\n"
		"reservation = 000300010200000000bb 2001:db8:1::5, 000300010200000000bb 2001:db8:100:ab00::/56\n"
		"onlink = 2001:db8:9::/64\n"
		"preferred_lifetime = 600\n"
		"valid_lifetime = 1200\n"
		"t1 = 300\n"
		"t2 = 480\n"
		"dns = 2001:db8::53, 2001:db8::54\n"
		"domain_search = example.com, lan\n"
		"rapid_commit = yes\n"
		"sol_max_rt = 3600\n"
		"inf_max_rt = 600\n"
		"[dhcp6 eth1]\n"
		"mode = off\n";
	struct config_error err;
	struct config cfg;
	const struct dhcp6_link_cfg *l;

	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_EXPECT_STR(cfg.dhcp6.state_dir, "/tmp/d6");
	UT_EXPECT(cfg.dhcp6.server_duid_len == 10 &&
		  cfg.dhcp6.server_duid[9] == 0xaa);
	UT_ASSERT(cfg.n_dhcp6s == 2);
	l = &cfg.dhcp6s[0].link;
	UT_EXPECT(l->n_ranges == 2 &&
		  addr_is(&l->ranges[1].last, "2001:db8:1::1ff"));
	UT_EXPECT(l->n_pools == 2 && l->pools[0].plen == 48 &&
		  l->pools[0].dlen == 56 && l->pools[1].dlen == 64);
	UT_EXPECT(l->n_resv == 2 && l->resv[0].plen == 128 &&
		  l->resv[0].duid_len == 10 && l->resv[1].plen == 56 &&
		  addr_is(&l->resv[1].addr, "2001:db8:100:ab00::"));
	UT_EXPECT(l->n_onlink == 1);
	UT_EXPECT(l->preferred == 600 && l->valid == 1200 && l->t1 == 300 &&
		  l->t2 == 480);
	UT_EXPECT(l->n_dns == 2 && addr_is(&l->dns[1], "2001:db8::54"));
	/* example.com, lan: 7example3com0 3lan0 */
	UT_EXPECT(l->domains_len == 13 + 5 &&
		  !memcmp(l->domains, "\x07" "example" "\x03" "com" "\x00"
			  "\x03" "lan" "\x00", 18));
	UT_EXPECT(l->rapid_commit && l->sol_max_rt == 3600 &&
		  l->inf_max_rt == 600);
	UT_EXPECT(cfg.dhcp6s[1].mode == DHCP6_MODE_OFF);
	config_free(&cfg);
}

UT_CASE(items)
{
	struct dhcp6_range r;
	struct dhcp6_pool p;
	struct dhcp6_resv v;

	UT_EXPECT(!dhcp6_config_range("2001:db8::1-2001:db8::1", &r));
	UT_EXPECT(dhcp6_config_range("2001:db8::2-2001:db8::1", &r));
	UT_EXPECT(dhcp6_config_range("2001:db8::1-2001:db9::1", &r));
	UT_EXPECT(dhcp6_config_range("2001:db8::1", &r));
	UT_EXPECT(dhcp6_config_range("2001:db8::-2001:db8::ffff:ffff:ffff:ffff",
				     &r));
	UT_EXPECT(!dhcp6_config_pool("2001:db8::/32 64", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::/32 65", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::/24 64", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::/48 40", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::1/48 56", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::/48", &p));
	UT_EXPECT(dhcp6_config_pool("2001:db8::/x 56", &p));
	UT_EXPECT(!dhcp6_config_resv("000300010200000000bb 2001:db8::1", &v));
	UT_EXPECT(dhcp6_config_resv("000300010200000000b 2001:db8::1", &v));
	UT_EXPECT(dhcp6_config_resv("0003 2001:db8::1", &v));
	UT_EXPECT(dhcp6_config_resv("000300010200000000bb 2001:db8::/128",
				    &v));
	UT_EXPECT(dhcp6_config_resv("000300010200000000bb nope", &v));
	UT_EXPECT(dhcp6_config_resv("zz0300010200000000bb 2001:db8::1", &v));
}

/* mode relay: its keys and their defaults. */
UT_CASE(relay)
{
	struct config_error err;
	struct config cfg;
	const struct config_dhcp6_relay *r;

	UT_ASSERT(parse("[dhcp6 eth0]\nmode = relay\n"
			"upstream = 2001:db8::547, ff05::1:3%eth1, fe80::1%eth2\n"
			"remote_id = 4491:0a0B0c\nsubscriber_id = sub 7\n"
			"trust_relay = yes\nhop_limit = 3\n"
			"[dhcp6 eth1]\nmode = relay\nupstream = 2001:db8::547\n"
			"interface_id = hex:00010203\nlink_address = 2001:db8:5::1\n",
			&cfg, &err) == 0);
	UT_ASSERT(cfg.n_dhcp6s == 2);
	r = &cfg.dhcp6s[0].relay;
	UT_EXPECT(cfg.dhcp6s[0].mode == DHCP6_MODE_RELAY);
	UT_ASSERT(r->n_upstreams == 3);
	UT_EXPECT(addr_is(&r->up[0].addr, "2001:db8::547") && !r->up[0].ifname[0]);
	UT_EXPECT(addr_is(&r->up[1].addr, "ff05::1:3"));
	UT_EXPECT_STR(r->up[1].ifname, "eth1");
	UT_EXPECT_STR(r->up[2].ifname, "eth2");
	UT_EXPECT(r->rif.interface_id_len == 4 &&
		  !memcmp(r->rif.interface_id, "eth0", 4));	/* default */
	UT_EXPECT(r->rif.has_remote_id && r->rif.remote_enterprise == 4491 &&
		  r->rif.remote_id_len == 3 &&
		  !memcmp(r->rif.remote_id, "\x0a\x0b\x0c", 3));
	UT_EXPECT(r->rif.subscriber_id_len == 5 &&
		  !memcmp(r->rif.subscriber_id, "sub 7", 5));
	UT_EXPECT(r->rif.trust_relay && r->rif.hop_limit == 3);
	UT_EXPECT(r->link_auto);
	r = &cfg.dhcp6s[1].relay;
	UT_EXPECT(r->rif.interface_id_len == 4 &&
		  !memcmp(r->rif.interface_id, "\0\1\2\3", 4));
	UT_EXPECT(!r->rif.has_remote_id && !r->rif.subscriber_id_len);
	UT_EXPECT(!r->rif.trust_relay && r->rif.hop_limit == 8);
	UT_EXPECT(!r->link_auto && addr_is(&r->rif.link, "2001:db8:5::1"));
	config_free(&cfg);
}

UT_CASE(refused)
{
	UT_EXPECT(bad("[dhcp6]\n[dhcp6]\n", 2, "duplicate"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\n[dhcp6 a]\n", 3, "duplicate"));
	UT_EXPECT(bad("[dhcp6 a]\n", 1, "needs a range"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\n", 1, "needs an upstream"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "dns = ::1\n", 1, "serves no"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\nupstream = 2001:db8::1\n", 1,
		      "for mode relay"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\ntrust_relay = yes\n", 1,
		      "for mode relay"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = ff05::1:3\n", 3,
		      "upstream"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = fe80::1\n", 3,
		      "upstream"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = ::\n", 3,
		      "upstream"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = ::1\n", 3,
		      "upstream"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1, "
		      "2001:db8::2, 2001:db8::3, 2001:db8::4, 2001:db8::5, "
		      "2001:db8::6, 2001:db8::7, 2001:db8::8, 2001:db8::9\n", 3,
		      "at most"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "remote_id = 9\n", 4, "remote_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "remote_id = 9:\n", 4, "remote_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "remote_id = 4294967296:00\n", 4, "remote_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "remote_id = 9:0g\n", 4, "remote_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "interface_id = hex:abc\n", 4, "interface_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "subscriber_id = hex:\n", 4, "subscriber_id"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "hop_limit = 9\n", 4, "hop_limit"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = relay\nupstream = 2001:db8::1\n"
		      "link_address = fe80::1\n", 4, "link_address"));
	UT_EXPECT(bad("[dhcp6 a]\nmode = bridge\n", 2, "mode"));
	UT_EXPECT(bad("[dhcp6 a]\nrange = x\n", 2, "range"));
	UT_EXPECT(bad("[dhcp6 a]\npd_pool = 2001:db8::/48\n", 2, "pd_pool"));
	UT_EXPECT(bad("[dhcp6 a]\nreservation = 01 ::1\n", 2, "reservation"));
	UT_EXPECT(bad("[dhcp6 a]\nonlink = 2001:db8::/48\n", 2, "onlink"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = 1.2.3.4\n", 2, "dns"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1, ::2, ::3, ::4, ::5, ::6, ::7, "
		      "::8, ::9\n", 2, "at most"));
	UT_EXPECT(bad("[dhcp6 a]\ndomain_search = a..b\n", 2,
		      "domain_search"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\npreferred_lifetime = 9000\n", 1,
		      "preferred_lifetime"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\nt1 = 9\nt2 = 8\n", 1, "t1"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\nsol_max_rt = 5\n", 1,
		      "sol_max_rt"));
	UT_EXPECT(bad("[dhcp6 a]\ndns = ::1\nreconfigure = maybe\n", 3,
		      "reconfigure"));
	UT_EXPECT(bad("[dhcp6]\nserver_duid = hex:00\n", 2, "server_duid"));
	UT_EXPECT(bad("[dhcp6]\nserver_duid = hex:0001000102\n", 2,
		      "not a DUID"));
	UT_EXPECT(bad("[dhcp6]\nstate_dir = rel\n", 2, "absolute"));
}

UT_MAIN("apedged_dhcp6_config",
	UT_ENTRY(tables_are_sound),
	UT_ENTRY(defaults),
	UT_ENTRY(full),
	UT_ENTRY(items),
	UT_ENTRY(relay),
	UT_ENTRY(refused))
