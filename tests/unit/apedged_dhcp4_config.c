// SPDX-License-Identifier: GPL-2.0
/* [dhcp4] and [dhcp4 IFNAME]: their keys, defaults and refusals. */
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "dhcp4/config.h"
#include "config_bad.h"
#include "ut.h"

/* text must fail on line, its message holding what. */
static int bad(const char *text, unsigned int line, const char *what)
{
	struct config cfg;

	/* a failed parse leaves nothing of the section to free */
	return config_bad(text, line, what, &cfg) &&
	       !cfg.dhcp4s && !cfg.n_dhcp4s;
}

UT_CASE(tables_are_sound)
{
	struct ini_error err;

	UT_EXPECT(ini_check(config_binds, &err) == 0);
}

UT_CASE(defaults)
{
	static const uint8_t prl[] = {
		1, 3, 6, 12, 15, 26, 28, 51, 54, 58, 59, 119, 121
	};
	struct config_error err;
	const struct config_dhcp4 *c;
	struct config cfg;
	char buf[128];

	UT_ASSERT(parse("", &cfg, &err) == 0);
	UT_EXPECT(cfg.n_dhcp4s == 0);
	UT_EXPECT_STR(cfg.dhcp4.state_dir, "/var/lib/apedge/dhcp4");
	config_free(&cfg);

	UT_ASSERT(parse("[dhcp4 eth0]\n", &cfg, &err) == 0);
	UT_ASSERT(cfg.n_dhcp4s == 1);
	c = &cfg.dhcp4s[0];
	UT_EXPECT_STR(c->ifname, "eth0");
	UT_EXPECT(c->line == 1);
	UT_EXPECT(c->acd);
	UT_EXPECT(c->cid_mode == DHCP4_CID_MAC);
	UT_EXPECT_STR(c->hostname, "");
	UT_EXPECT_STR(c->vendor_class, "apedge");
	UT_EXPECT(c->prl_len == sizeof(prl) &&
		  !memcmp(c->prl, prl, sizeof(prl)));
	UT_EXPECT(!c->release_on_stop);
	UT_EXPECT_STR(c->hook, "");
	UT_EXPECT(c->resolv_mode == DHCP4_RESOLV_AUTO);
	UT_EXPECT_STR(dhcp4_config_resolv_file(c, buf, sizeof(buf)),
		      "/run/apedge/resolv.conf.eth0");
	UT_EXPECT(c->route_metric == 0);
	UT_EXPECT(c->retrans_min_ms == 4000 && c->retrans_max_ms == 64000);
	UT_EXPECT(c->probe_wait_ms == 1000 && c->probe_min_ms == 1000 &&
		  c->probe_max_ms == 2000 && c->probe_num == 3);
	UT_EXPECT(c->announce_wait_ms == 2000 && c->announce_num == 2 &&
		  c->announce_interval_ms == 2000);
	config_free(&cfg);
}

UT_CASE(full)
{
	static const char text[] =
		"[dhcp4]\n"
		"state_dir = /tmp/leases\n"
		"[dhcp4 eth0]\n"
		"acd = no\n"
		"client_id = hex:ff0011\n"
		"hostname = ap-1.example\n"
		"vendor_class = edge box\n"
		"request = 1, 3,6 ,121\n"
		"release_on_stop = yes\n"
		"hook = /etc/apedge/dhcp4-hook\n"
		"resolv = /etc/resolv.conf\n"
		"resolv_file = /run/x\n"
		"route_metric = 100\n"
		"retrans_min_ms = 500\n"
		"retrans_max_ms = 8000\n"
		"probe_wait_ms = 10\nprobe_min_ms = 20\nprobe_max_ms = 30\n"
		"probe_num = 1\nannounce_wait_ms = 40\nannounce_num = 0\n"
		"announce_interval_ms = 50\n"
		"[dhcp4 eth0.7]\n"
		"client_id = duid\n"
		"resolv = none\n"
		"resolv_file = /run/r7\n";
	struct config_error err;
	const struct config_dhcp4 *c;
	struct config cfg;
	char buf[128];

	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_EXPECT_STR(cfg.dhcp4.state_dir, "/tmp/leases");
	UT_ASSERT(cfg.n_dhcp4s == 2);
	c = config_find_dhcp4(&cfg, "eth0");
	UT_ASSERT(c);
	UT_EXPECT(!c->acd);
	UT_EXPECT(c->cid_mode == DHCP4_CID_HEX && c->client_id_len == 3 &&
		  !memcmp(c->client_id, "\xff\x00\x11", 3));
	UT_EXPECT_STR(c->hostname, "ap-1.example");
	UT_EXPECT_STR(c->vendor_class, "edge box");
	UT_EXPECT(c->prl_len == 4 && !memcmp(c->prl, "\x01\x03\x06\x79", 4));
	UT_EXPECT(c->release_on_stop);
	UT_EXPECT_STR(c->hook, "/etc/apedge/dhcp4-hook");
	UT_EXPECT(c->resolv_mode == DHCP4_RESOLV_FILE);
	UT_EXPECT_STR(dhcp4_config_resolv_file(c, buf, sizeof(buf)),
		      "/etc/resolv.conf");
	UT_EXPECT(c->route_metric == 100);
	UT_EXPECT(c->retrans_min_ms == 500 && c->retrans_max_ms == 8000);
	UT_EXPECT(c->probe_wait_ms == 10 && c->probe_min_ms == 20 &&
		  c->probe_max_ms == 30 && c->probe_num == 1);
	UT_EXPECT(c->announce_wait_ms == 40 && c->announce_num == 0 &&
		  c->announce_interval_ms == 50);
	c = config_find_dhcp4(&cfg, "eth0.7");
	UT_ASSERT(c);
	UT_EXPECT(c->line == 23);
	UT_EXPECT(c->cid_mode == DHCP4_CID_DUID);
	UT_EXPECT(c->resolv_mode == DHCP4_RESOLV_NONE);
	UT_EXPECT_STR(dhcp4_config_resolv_file(c, buf, sizeof(buf)),
		      "/run/r7");
	UT_EXPECT(!config_find_dhcp4(&cfg, "eth1"));
	config_free(&cfg);
}

UT_CASE(sm_config)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0x42, 1 };
	struct config_error err;
	struct dhcp4_sm_config sc;
	struct config cfg;

	UT_ASSERT(parse("[dhcp4 a]\nacd = no\nhostname = h\n"
			"retrans_min_ms = 1000\n[dhcp4 b]\nclient_id = duid\n"
			"[dhcp4 c]\nclient_id = hex:0102\n", &cfg, &err) == 0);
	dhcp4_config_sm(&cfg.dhcp4s[0], mac, &sc);
	UT_EXPECT(!sc.acd);
	UT_EXPECT(sc.retrans_min_ms == 1000 && sc.retrans_max_ms == 64000);
	UT_EXPECT_STR(sc.hostname, "h");
	UT_EXPECT_STR(sc.vendor_class, "apedge");
	UT_EXPECT(sc.prl_len == 13);
	/* RFC 2132 §9.14: type 1, the MAC. */
	UT_EXPECT(sc.client_id_len == 7 && sc.client_id[0] == 1 &&
		  !memcmp(sc.client_id + 1, mac, 6));
	/* RFC 4361 §6.1: 255, IAID, DUID-LL (type 3, hardware 1, MAC). */
	dhcp4_config_sm(&cfg.dhcp4s[1], mac, &sc);
	UT_EXPECT(sc.client_id_len == 15 && sc.client_id[0] == 255 &&
		  !memcmp(sc.client_id + 1, mac + 2, 4) &&
		  !memcmp(sc.client_id + 5, "\x00\x03\x00\x01", 4) &&
		  !memcmp(sc.client_id + 9, mac, 6));
	UT_EXPECT(sc.acd);
	dhcp4_config_sm(&cfg.dhcp4s[2], mac, &sc);
	UT_EXPECT(sc.client_id_len == 2 && sc.client_id[0] == 1 &&
		  sc.client_id[1] == 2);
	config_free(&cfg);
}

UT_CASE(equal)
{
	struct config_error err;
	struct config a, b;

	UT_ASSERT(parse("[dhcp4 x]\nacd = no\n", &a, &err) == 0);
	UT_ASSERT(parse("\n\n[dhcp4 x]\nacd = no\n", &b, &err) == 0);
	UT_EXPECT(dhcp4_config_equal(&a.dhcp4s[0], &b.dhcp4s[0]));
	config_free(&b);
	UT_ASSERT(parse("[dhcp4 x]\nacd = yes\n", &b, &err) == 0);
	UT_EXPECT(!dhcp4_config_equal(&a.dhcp4s[0], &b.dhcp4s[0]));
	config_free(&a);
	config_free(&b);
}

UT_CASE(refused)
{
	UT_EXPECT(bad("[dhcp4]\n[dhcp4]\n", 2, "duplicate"));
	UT_EXPECT(bad("[dhcp4 a]\n[dhcp4 a]\n", 2, "duplicate"));
	UT_EXPECT(bad("[dhcp4 a/b]\n", 1, ""));
	UT_EXPECT(bad("[dhcp4]\nacd = no\n", 2, "unknown key"));
	UT_EXPECT(bad("[dhcp4 a]\nstate_dir = /x\n", 2, "unknown key"));
	UT_EXPECT(bad("[dhcp4]\nstate_dir = rel\n", 2, "absolute"));
	UT_EXPECT(bad("[dhcp4 a]\nclient_id = ip\n", 2, "client_id"));
	UT_EXPECT(bad("[dhcp4 a]\nclient_id = hex:01\n", 2, "2 to"));
	UT_EXPECT(bad("[dhcp4 a]\nclient_id = hex:010\n", 2, "2 to"));
	UT_EXPECT(bad("[dhcp4 a]\nclient_id = hex:01zz\n", 2, "hex"));
	UT_EXPECT(bad("[dhcp4 a]\nhostname = a b\n", 2, "hostname"));
	UT_EXPECT(bad("[dhcp4 a]\nhostname = a;b\n", 2, "hostname"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 1,,3\n", 2, "request"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 1,3,\n", 2, "comma"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 0\n", 2, "1..254"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 255\n", 2, "1..254"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 0003\n", 2, "1..254"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 3,3\n", 2, "twice"));
	UT_EXPECT(bad("[dhcp4 a]\nrequest = 3 6\n", 2, "request"));
	UT_EXPECT(bad("[dhcp4 a]\nresolv = file\n", 2, "resolv"));
	UT_EXPECT(bad("[dhcp4 a]\nhook = x\n", 2, "absolute"));
	UT_EXPECT(bad("[dhcp4 a]\nprobe_num = 0\n", 2, "probe_num"));
	UT_EXPECT(bad("[dhcp4 a]\nretrans_min_ms = 9000\n"
		      "retrans_max_ms = 8000\n", 1, "retrans_min_ms"));
	UT_EXPECT(bad("[dhcp4 a]\nprobe_min_ms = 3000\n", 1,
		      "probe_min_ms"));
}

UT_CASE(untrusted_port_refused)
{
	struct config_error err;
	struct config cfg;

	UT_EXPECT(bad("[port eth0]\n[dhcp4 eth0]\n", 2, "untrusted"));
	UT_EXPECT(bad("[port eth0]\nrole = untrusted\n\n[dhcp4 eth0]\n", 4,
		      "untrusted"));
	UT_ASSERT(parse("[port eth0]\nrole = trusted\n[dhcp4 eth0]\n"
			"[port eth1]\n", &cfg, &err) == 0);
	config_free(&cfg);
}

UT_CASE(too_many)
{
	char text[64 * 20 + 32];
	size_t n = 0;
	int i;

	for (i = 0; i <= DHCP4_CLIENTS_MAX; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "[dhcp4 e%d]\n", i);
	UT_EXPECT(bad(text, DHCP4_CLIENTS_MAX + 1, "too many"));
}

UT_MAIN("dhcp4_config",
	UT_ENTRY(tables_are_sound),
	UT_ENTRY(defaults),
	UT_ENTRY(full),
	UT_ENTRY(sm_config),
	UT_ENTRY(equal),
	UT_ENTRY(refused),
	UT_ENTRY(untrusted_port_refused),
	UT_ENTRY(too_many),
)
