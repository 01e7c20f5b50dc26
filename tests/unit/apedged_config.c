// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <arpa/inet.h>

#include "lib/ctrl.h"
#include "apedged/config.h"
#include "config_bad.h"
#include "ut.h"

/* Parse text, expect failure on line with msg containing what. */
static int bad(const char *text, unsigned int line, const char *what)
{
	struct config cfg;

	/* a failed parse leaves nothing of the section to free */
	return config_bad(text, line, what, &cfg) &&
	       !cfg.ports && !cfg.n_ports;
}

UT_CASE(empty_is_defaults)
{
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse("", &cfg, &err) == 0);
	UT_EXPECT(cfg.log_level == LOG_INFO);
	UT_EXPECT(!cfg.log_level_set);
	UT_EXPECT_STR(cfg.ctrl_socket, APEDGE_CTRL_PATH);
	UT_EXPECT_STR(cfg.ctrl_socket_ro, "");
	UT_EXPECT_STR(cfg.ctrl_group, "");
	UT_EXPECT_STR(cfg.monitor_group, "");
	UT_EXPECT(cfg.n_ports == 0);
	config_free(&cfg);

	UT_ASSERT(parse("\n\n# only comments\n  ; and this\n\t\n", &cfg,
			&err) == 0);
	UT_EXPECT(cfg.n_ports == 0);
	config_free(&cfg);
}

UT_CASE(full)
{
	static const char text[] =
		"# apedged\n"
		"[general]\n"
		"log_level = debug\n"
		"  ctrl_socket=/tmp/a b/x.sock  \n"
		"ctrl_socket_ro = none\n"
		"ctrl_group = adm\n"
		"monitor_group = 4242\n"
		"\n"
		"[port eth0]\n"
		"role = trusted\n"
		"[ port   wlan0.1 ]\n"
		"role\t=\tuntrusted\r\n"
		"[port br-lan]\n";
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_EXPECT(cfg.log_level == LOG_DEBUG && cfg.log_level_set);
	UT_EXPECT_STR(cfg.ctrl_socket, "/tmp/a b/x.sock");
	UT_EXPECT_STR(cfg.ctrl_socket_ro, "none");
	UT_EXPECT_STR(cfg.ctrl_group, "adm");
	UT_EXPECT_STR(cfg.monitor_group, "4242");
	UT_ASSERT(cfg.n_ports == 3);
	UT_EXPECT_STR(cfg.ports[0].ifname, "eth0");
	UT_EXPECT(cfg.ports[0].role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT(cfg.ports[0].line == 9);
	UT_EXPECT_STR(cfg.ports[1].ifname, "wlan0.1");
	UT_EXPECT(cfg.ports[1].role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT_STR(cfg.ports[2].ifname, "br-lan");
	/* The default role is the safe one. */
	UT_EXPECT(cfg.ports[2].role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT(config_find_port(&cfg, "wlan0.1") == &cfg.ports[1]);
	UT_EXPECT(config_find_port(&cfg, "wlan0") == NULL);
	config_free(&cfg);
}

UT_CASE(levels)
{
	static const char *const names[] = {
		"error", "warning", "notice", "info", "debug",
	};
	static const int levels[] = {
		LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG,
	};
	struct config_error err;
	struct config cfg;
	char text[64];
	size_t i;

	for (i = 0; i < 5; i++) {
		snprintf(text, sizeof(text), "[general]\nlog_level = %s\n",
			 names[i]);
		UT_ASSERT(parse(text, &cfg, &err) == 0);
		UT_EXPECT(cfg.log_level == levels[i]);
		config_free(&cfg);
	}
}

UT_CASE(no_trailing_newline)
{
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse("[port eth1]\nrole = trusted", &cfg, &err) == 0);
	UT_ASSERT(cfg.n_ports == 1);
	UT_EXPECT(cfg.ports[0].role == APEDGE_PORT_ROLE_TRUSTED);
	config_free(&cfg);
}

UT_CASE(bad_sections)
{
	UT_EXPECT(bad("[general\n", 1, "without ']'"));
	UT_EXPECT(bad("\n[general] x\n", 2, "after ']'"));
	UT_EXPECT(bad("[]\n", 1, "empty section"));
	UT_EXPECT(bad("[globals]\n", 1, "unknown section [globals]"));
	UT_EXPECT(bad("[General]\n", 1, "unknown section"));
	UT_EXPECT(bad("[general x]\n", 1, "takes no name"));
	UT_EXPECT(bad("[general]\n[general]\n", 2, "duplicate section"));
	UT_EXPECT(bad("[port]\n", 1, "needs an interface name"));
	UT_EXPECT(bad("[port eth0 eth1]\n", 1, "invalid interface name"));
	UT_EXPECT(bad("[port a/b]\n", 1, "invalid interface name"));
	UT_EXPECT(bad("[port a:b]\n", 1, "invalid interface name"));
	UT_EXPECT(bad("[port ..]\n", 1, "invalid interface name"));
	UT_EXPECT(bad("[port 0123456789abcdef]\n", 1,
		      "invalid interface name"));
	UT_EXPECT(bad("[port eth0]\nrole = trusted\n\n[port eth0]\n", 4,
		      "duplicate port 'eth0' (first on line 1)"));
}

UT_CASE(bad_lines)
{
	UT_EXPECT(bad("[general]\nlog_level\n", 2, "expected 'key = value'"));
	UT_EXPECT(bad("[general]\n= debug\n", 2, "missing key"));
	UT_EXPECT(bad("[general]\nlog_level =\n", 2, "missing value"));
	UT_EXPECT(bad("[general]\nlog_level =   \n", 2, "missing value"));
	UT_EXPECT(bad("log_level = debug\n", 1, "outside of any section"));
	UT_EXPECT(bad("[general]\nlog_level = info\x01\n", 2,
		      "control character 0x01"));
	UT_EXPECT(bad("[general]\nlog_level = info\r\r\n", 2,
		      "control character 0x0d"));
}

UT_CASE(bad_keys_and_values)
{
	UT_EXPECT(bad("[general]\nloglevel = info\n", 2,
		      "unknown key 'loglevel' in section [general]"));
	UT_EXPECT(bad("[general]\nlog_level = verbose\n", 2,
		      "invalid log_level 'verbose'"));
	UT_EXPECT(bad("[general]\nlog_level = info # x\n", 2,
		      "invalid log_level"));
	UT_EXPECT(bad("[general]\nlog_level = info\nlog_level = debug\n", 3,
		      "duplicate key 'log_level'"));
	UT_EXPECT(bad("[general]\nctrl_socket = run/x.sock\n", 2,
		      "absolute path"));
	UT_EXPECT(bad("[general]\nctrl_socket = /a\nctrl_socket = /b\n", 3,
		      "duplicate key 'ctrl_socket'"));
	UT_EXPECT(bad("[general]\nctrl_socket_ro = ro.sock\n", 2,
		      "ctrl_socket_ro must be an absolute path or none"));
	UT_EXPECT(bad("[general]\nctrl_socket_ro = none\n"
		      "ctrl_socket_ro = /a\n", 3,
		      "duplicate key 'ctrl_socket_ro'"));
	UT_EXPECT(bad("[general]\nctrl_group = a:b\n", 2,
		      "invalid ctrl_group 'a:b'"));
	UT_EXPECT(bad("[general]\nmonitor_group = a b\n", 2,
		      "invalid monitor_group 'a b'"));
	UT_EXPECT(bad("[general]\nmonitor_group = "
		      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		      "\n", 2, "monitor_group is too long (at most 63"));
	UT_EXPECT(bad("[general]\nctrl_group = adm\nctrl_group = adm\n", 3,
		      "duplicate key 'ctrl_group'"));
	UT_EXPECT(bad("[port eth0]\nrole = server\n", 2,
		      "invalid role 'server'"));
	UT_EXPECT(bad("[port eth0]\nrole = trusted\nrole = trusted\n", 3,
		      "duplicate key 'role'"));
	UT_EXPECT(bad("[port eth0]\nmode = trusted\n", 2,
		      "unknown key 'mode' in section [port eth0]"));
	UT_EXPECT(bad("[port eth0]\nlog_level = info\n", 2, "unknown key"));
}

UT_CASE(long_lines)
{
	char text[600];
	char path[200];

	/* Exactly CONFIG_LINE_MAX is fine ... */
	memset(text, '#', CONFIG_LINE_MAX);
	text[CONFIG_LINE_MAX] = '\0';
	{
		struct config_error err;
		struct config cfg;

		UT_EXPECT(parse(text, &cfg, &err) == 0);
		config_free(&cfg);
	}
	/* ... one more is not, with or without its newline. */
	memset(text, '#', CONFIG_LINE_MAX + 1);
	strcpy(text + CONFIG_LINE_MAX + 1, "\n");
	UT_EXPECT(bad(text, 1, "line too long"));
	text[CONFIG_LINE_MAX + 1] = '\0';
	UT_EXPECT(bad(text, 1, "line too long"));
	snprintf(text, sizeof(text), "[general]\n\n%0300d\n", 0);
	UT_EXPECT(bad(text, 3, "line too long"));

	/* A socket path that does not fit sun_path. */
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	snprintf(text, sizeof(text), "[general]\nctrl_socket = %s\n", path);
	UT_EXPECT(bad(text, 2, "ctrl_socket is too long"));
}

UT_CASE(nul_byte)
{
	static const char text[] = "[general]\nlog_level = in\0fo\n";
	struct config_error err;
	struct config cfg;

	UT_EXPECT(config_parse(text, sizeof(text) - 1, &cfg, &err) < 0);
	UT_EXPECT(err.line == 2);
	UT_EXPECT(strstr(err.msg, "NUL") != NULL);
}

UT_CASE(too_many_ports)
{
	size_t size = (CONFIG_PORTS_MAX + 1) * 16 + 1;
	char *text = malloc(size);
	struct config_error err;
	struct config cfg;
	size_t len = 0;
	int i;

	UT_ASSERT(text);
	for (i = 0; i <= CONFIG_PORTS_MAX; i++)
		len += (size_t)snprintf(text + len, size - len,
					"[port p%d]\n", i);
	UT_EXPECT(config_parse(text, len, &cfg, &err) < 0);
	UT_EXPECT(err.line == CONFIG_PORTS_MAX + 1);
	UT_EXPECT(strstr(err.msg, "too many ports") != NULL);
	/* One fewer is fine. */
	len -= strlen("[port p256]\n");
	UT_EXPECT(config_parse(text, len, &cfg, &err) == 0);
	UT_EXPECT(cfg.n_ports == CONFIG_PORTS_MAX);
	config_free(&cfg);
	free(text);
}

UT_CASE(ifname_rules)
{
	UT_EXPECT(config_ifname_valid("eth0"));
	UT_EXPECT(config_ifname_valid("0123456789abcde"));
	UT_EXPECT(!config_ifname_valid("0123456789abcdef"));
	UT_EXPECT(!config_ifname_valid(""));
	UT_EXPECT(!config_ifname_valid("."));
	UT_EXPECT(config_ifname_valid("..."));
	UT_EXPECT(!config_ifname_valid("a b"));
	UT_EXPECT_STR(config_role_name(APEDGE_PORT_ROLE_TRUSTED), "trusted");
	UT_EXPECT_STR(config_role_name(APEDGE_PORT_ROLE_UNTRUSTED),
		      "untrusted");
	UT_EXPECT_STR(config_role_name(0), "unknown");
}

UT_CASE(iapp_and_l2update)
{
	static const char text[] =
		"[port eth0]\n"
		"l2update = inject\n"
		"l2update_count = 3\n"
		"l2update_interval_ms = 20\n"
		"[port wlan0]\n"
		"[iapp]\n"
		"interface = br-mgmt\n"
		"ttl = 4\n"
		"key = 00ff10\n"
		"port = 13517\n"
		"move_timeout_ms = 500\n"
		"kick = hostapd\n"
		"hostapd_ctrl = /run/hostapd\n"
		"bssid = 02:00:00:00:01:00\n"
		"cache_notify = all\n"
		"cache_timeout_s = 30\n"
		"[bssid 02:00:00:00:02:00]\n"
		"address = 192.0.2.2\n";
	static const uint8_t b2[MAC_LEN] = { 2, 0, 0, 0, 2, 0 };
	const struct config_bssid *b;
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse("", &cfg, &err) == 0);
	UT_EXPECT(!cfg.iapp.enabled && cfg.iapp.ttl == 1);
	UT_EXPECT(cfg.iapp.port == 3517 && cfg.iapp.move_timeout_ms == 1000);
	UT_EXPECT(cfg.iapp.kick == CONFIG_KICK_NONE && !cfg.iapp.key.len);
	config_free(&cfg);

	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_ASSERT(cfg.n_ports == 2);
	UT_EXPECT(cfg.ports[0].l2update == APEDGE_XID_MODE_INJECT);
	UT_EXPECT(cfg.ports[0].l2update_count == 3);
	UT_EXPECT(cfg.ports[0].l2update_interval_ms == 20);
	UT_EXPECT(cfg.ports[1].l2update == 0);
	UT_EXPECT(cfg.ports[1].l2update_count == 1);
	UT_EXPECT(cfg.iapp.enabled);
	UT_EXPECT_STR(cfg.iapp.ifname, "br-mgmt");
	UT_EXPECT(cfg.iapp.ttl == 4 && cfg.iapp.port == 13517);
	UT_EXPECT(cfg.iapp.key.len == 3 && cfg.iapp.key.key[1] == 0xff);
	UT_EXPECT(cfg.iapp.move_timeout_ms == 500);
	UT_EXPECT(cfg.iapp.kick == CONFIG_KICK_HOSTAPD);
	UT_EXPECT_STR(cfg.iapp.hostapd_ctrl, "/run/hostapd");
	UT_EXPECT(cfg.iapp.has_bssid && cfg.iapp.bssid[4] == 1);
	UT_EXPECT(cfg.iapp.cache_notify && cfg.iapp.cache_timeout_s == 30);
	UT_ASSERT(cfg.n_bssids == 1);
	b = config_find_bssid(&cfg, b2);
	UT_ASSERT(b);
	UT_EXPECT(ntohl(b->addr.s_addr) == 0xc0000202);
	config_free(&cfg);
}

/* A burst the module would refuse (its span, APEDGE_XID_SPAN_MAX) is
 * refused here, at the line of its port. */
UT_CASE(l2update_span)
{
	struct config_error err;
	struct config cfg;

	UT_EXPECT(parse("[port eth0]\nl2update = transmit\n"
			"l2update_count = 11\nl2update_interval_ms = 1000\n",
			&cfg, &err) == 0);
	config_free(&cfg);
	UT_EXPECT(bad("[port eth0]\nl2update_count = 32\n"
		      "l2update_interval_ms = 10000\n", 1,
		      "lasts 310000 ms, over the module's 10000 ms"));
	UT_EXPECT(bad("[port eth0]\nl2update_count = 12\n"
		      "l2update_interval_ms = 1000\n", 1, "over the module's"));
}

UT_CASE(iapp_bad)
{
	UT_EXPECT(bad("[iapp]\nttl = 2\n", 0, "needs 'interface'"));
	UT_EXPECT(bad("[iapp]\ninterface = a\n[iapp]\n", 3,
		      "duplicate section [iapp]"));
	UT_EXPECT(bad("[iapp x]\n", 1, "takes no name"));
	UT_EXPECT(bad("[iapp]\ninterface = a\ninterface = b\n", 3,
		      "duplicate key 'interface'"));
	UT_EXPECT(bad("[iapp]\ninterface = a/b\n", 2, "invalid interface"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nttl = 0\n", 3, "1..255"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nttl = 256\n", 3, "1..255"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nttl = -1\n", 3, "number"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nkey = abc\n", 3,
		      "invalid key"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nkey = zz\n", 3,
		      "invalid key"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nport = 0\n", 3, "1..65535"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nmove_timeout_ms = 99\n", 3,
		      "100..60000"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nkick = nl\n", 3,
		      "invalid kick"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nhostapd_ctrl = x\n", 3,
		      "absolute"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nbssid = 01:00:00:00:00:01\n",
		      3, "invalid bssid"));
	UT_EXPECT(bad("[iapp]\ninterface = a\ncache_notify = some\n", 3,
		      "invalid cache_notify"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nfoo = 1\n", 3,
		      "unknown key 'foo' in section [iapp]"));
	UT_EXPECT(bad("[bssid]\n", 1, "needs a BSSID"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00]\n", 1, "invalid BSSID"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\n", 1, "needs 'address'"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\naddress = 1.2.3\n", 2,
		      "IPv4"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\naddress = 1.2.3.4\n"
		      "address = 1.2.3.5\n", 3, "duplicate key 'address'"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\naddress = 1.2.3.4\n"
		      "[bssid 02-00-00-00-00-01]\naddress = 1.2.3.4\n", 3,
		      "duplicate BSSID 02:00:00:00:00:01 (first on line 1)"));
	UT_EXPECT(bad("[port a]\nl2update = both\n", 2, "invalid l2update"));
	UT_EXPECT(bad("[port a]\nl2update = off\nl2update = off\n", 3,
		      "duplicate key 'l2update'"));
	UT_EXPECT(bad("[port a]\nl2update_count = 33\n", 2, "1..32"));
	UT_EXPECT(bad("[port a]\nl2update_interval_ms = 10001\n", 2,
		      "0..10000"));
}

UT_CASE(iapp_keys_per_section)
{
	struct config_error err;
	struct config cfg;

	/* Each port has its own keys. */
	UT_ASSERT(parse("[port a]\nl2update = off\n[port b]\nl2update = "
			"transmit\n", &cfg, &err) == 0);
	UT_EXPECT(cfg.n_ports == 2 && cfg.ports[1].l2update ==
		  APEDGE_XID_MODE_TRANSMIT);
	config_free(&cfg);
}

UT_CASE(ap_sections)
{
	static const char text[] =
		"[iapp]\n"
		"interface = br0\n"
		"kick = nl80211\n"
		"[ap wlan0]\n"
		"[ap wlan1]\n"
		"vlan_map = guest:20\t wlan1.x:4094  a.b.c:1\n";
	const struct config_ap *ap;
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_EXPECT(cfg.iapp.kick == CONFIG_KICK_NL80211);
	UT_EXPECT_STR(config_kick_name(cfg.iapp.kick), "nl80211");
	UT_ASSERT(cfg.n_aps == 2);
	UT_EXPECT(!config_find_ap(&cfg, "wlan2"));
	ap = config_find_ap(&cfg, "wlan0");
	UT_ASSERT(ap);
	UT_EXPECT(ap->n_vlans == 0 && ap->line == 4);
	ap = config_find_ap(&cfg, "wlan1");
	UT_ASSERT(ap);
	UT_ASSERT(ap->n_vlans == 3);
	UT_EXPECT_STR(ap->vlans[0].ifname, "guest");
	UT_EXPECT(ap->vlans[0].vid == 20);
	UT_EXPECT_STR(ap->vlans[1].ifname, "wlan1.x");
	UT_EXPECT(ap->vlans[1].vid == 4094);
	UT_EXPECT_STR(ap->vlans[2].ifname, "a.b.c");
	config_free(&cfg);
	UT_EXPECT(!cfg.aps && !cfg.n_aps);
}

UT_CASE(ap_bad)
{
	UT_EXPECT(bad("[ap]\n", 1, "needs an interface name"));
	UT_EXPECT(bad("[ap a/b]\n", 1, "invalid interface name"));
	UT_EXPECT(bad("[ap w]\n[ap w]\n", 2,
		      "duplicate AP interface 'w' (first on line 1)"));
	UT_EXPECT(bad("[ap w]\nvlan = 3\n", 2,
		      "unknown key 'vlan' in section [ap w]"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:1\nvlan_map = y:2\n", 3,
		      "duplicate key 'vlan_map'"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x\n", 2, "expected IFNAME:VID"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:0\n", 2, "invalid VLAN ID"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:4095\n", 2, "invalid VLAN ID"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:010\n", 2, "invalid VLAN ID"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:+1\n", 2, "invalid VLAN ID"));
	UT_EXPECT(bad("[ap w]\nvlan_map = :1\n", 2, "invalid interface"));
	UT_EXPECT(bad("[ap w]\nvlan_map = x:1 x:2\n", 2, "given twice"));
	UT_EXPECT(bad("[ap w]\nvlan_map = a:1 b:1 c:1 d:1 e:1 f:1 g:1 h:1 "
		      "i:1 j:1 k:1 l:1 m:1 n:1 o:1 p:1 q:1\n", 2,
		      "too many vlan_map entries"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nkick = del\n", 3,
		      "expected none, hostapd or nl80211"));
}

UT_CASE(ap_vlan_id)
{
	struct config_ap ap = {
		.ifname = "wlan0",
		.vlans = { { "guest", 20 }, { "wlan0.7", 70 } },
		.n_vlans = 2,
	};

	/* hostapd's vlan_naming=1 and =0 */
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.10") == 10);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "vlan10") == 10);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "vlan4094") == 4094);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.1") == 1);
	/* the map first */
	UT_EXPECT(config_ap_vlan_id(&ap, "wlan0", "guest") == 20);
	UT_EXPECT(config_ap_vlan_id(&ap, "wlan0", "wlan0.7") == 70);
	UT_EXPECT(config_ap_vlan_id(&ap, "wlan0", "wlan0.8") == 8);
	/* names that say nothing, or nonsense */
	UT_EXPECT(config_ap_vlan_id(&ap, "wlan0", "staff") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan1.10") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.0") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.4095") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.010") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.10x") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "wlan0.99999") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "vlan") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "vlan-3") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "wlan0", "") == 0);
	UT_EXPECT(config_ap_vlan_id(NULL, "", ".5") == 0);
}

UT_CASE(tables_are_sound)
{
	struct ini_error err;

	UT_EXPECT(ini_check(config_binds, &err) == 0);
	if (err.msg[0])
		fprintf(stderr, "  %s\n", err.msg);
}

UT_CASE(key_cleansed)
{
	static const uint8_t zero[IAPP_KEY_MAX];
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse("[iapp]\ninterface = a\nkey = 5ec2e7\n", &cfg,
			&err) == 0);
	UT_EXPECT(cfg.iapp.key.len == 3 && cfg.iapp.key.key[0] == 0x5e);
	config_free(&cfg);
	UT_EXPECT(!cfg.iapp.key.len && !memcmp(cfg.iapp.key.key, zero,
					       sizeof(zero)));
	/* Also when the file is refused after it, and never quoted. */
	UT_EXPECT(parse("[iapp]\ninterface = a\nkey = 5ec2e7\nttl = 0\n",
			&cfg, &err) < 0);
	UT_EXPECT(!cfg.iapp.key.len && !memcmp(cfg.iapp.key.key, zero,
					       sizeof(zero)));
	UT_EXPECT(bad("[iapp]\ninterface = a\nkey = 5ec2e7z\n", 3,
		      "invalid key (expected"));
	UT_EXPECT(parse("[iapp]\nkey = 5ec2e7zz\n", &cfg, &err) < 0);
	UT_EXPECT(!strstr(err.msg, "5ec2e7"));
}

UT_CASE(hostapd_ctrl_room)
{
	char path[CONFIG_PATH_MAX], text[256];
	struct config_error err;
	struct config cfg;
	size_t n = CONFIG_PATH_MAX - 1 - IFNAMSIZ;

	/* Room is kept for "/" and an interface name after the path. */
	memset(path, 'h', n);
	path[0] = '/';
	path[n] = '\0';
	snprintf(text, sizeof(text), "[iapp]\ninterface = a\nhostapd_ctrl = "
		 "%s\n", path);
	UT_ASSERT(parse(text, &cfg, &err) == 0);
	UT_EXPECT_STR(cfg.iapp.hostapd_ctrl, path);
	config_free(&cfg);
	snprintf(text, sizeof(text), "[iapp]\ninterface = a\nhostapd_ctrl = "
		 "%sh\n", path);
	UT_EXPECT(bad(text, 3, "hostapd_ctrl is too long"));
}

UT_CASE(sections_checked_last)
{
	/* A line's error comes before a section's missing key ... */
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\n[port a]\nrole = x\n", 3,
		      "invalid role"));
	UT_EXPECT(bad("[iapp]\n[bssid 02:00:00:00:00:01]\naddress = 1.2.3.4\n"
		      "[bssid 02:00:00:00:00:01]\n", 4, "duplicate BSSID"));
	/* ... and the BSSID map's before [iapp]'s. */
	UT_EXPECT(bad("[iapp]\n[bssid 02:00:00:00:00:01]\n", 2,
		      "section [bssid] needs 'address'"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\naddress = 1.2.3.4\n"
		      "[bssid 02:00:00:00:00:02]\n", 3, "needs 'address'"));
	UT_EXPECT(bad("[bssid 02:00:00:00:00:01]\naddress = 1.2.3.4\n"
		      "ttl = 1\n", 3, "unknown key 'ttl' in section [bssid "
		      "02:00:00:00:00:01]"));
}

/* [iapp] replay_window_s: 30 s unless set, 1 to 3600. */
UT_CASE(iapp_replay_window)
{
	struct config_error err;
	struct config cfg;

	UT_ASSERT(parse("[iapp]\ninterface = a\n", &cfg, &err) == 0);
	UT_EXPECT(cfg.iapp.replay_window_s == 30);
	config_free(&cfg);
	UT_ASSERT(parse("[iapp]\ninterface = a\nreplay_window_s = 1\n", &cfg,
			&err) == 0);
	UT_EXPECT(cfg.iapp.replay_window_s == 1);
	config_free(&cfg);
	UT_ASSERT(parse("[iapp]\ninterface = a\nreplay_window_s = 3600\n",
			&cfg, &err) == 0);
	UT_EXPECT(cfg.iapp.replay_window_s == IAPP_REPLAY_WINDOW_S_MAX);
	config_free(&cfg);
	UT_EXPECT(bad("[iapp]\ninterface = a\nreplay_window_s = 0\n", 3,
		      "replay_window_s"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nreplay_window_s = 3601\n", 3,
		      "replay_window_s"));
	UT_EXPECT(bad("[iapp]\ninterface = a\nreplay_window_s = 5\n"
		      "replay_window_s = 6\n", 4, "duplicate"));
}

UT_MAIN("apedged_config", UT_ENTRY(ap_sections), UT_ENTRY(ap_bad),
	UT_ENTRY(ap_vlan_id), UT_ENTRY(iapp_and_l2update), UT_ENTRY(l2update_span), UT_ENTRY(iapp_bad),
	UT_ENTRY(iapp_replay_window), UT_ENTRY(iapp_keys_per_section), UT_ENTRY(empty_is_defaults), UT_ENTRY(full),
	UT_ENTRY(levels), UT_ENTRY(no_trailing_newline),
	UT_ENTRY(bad_sections), UT_ENTRY(bad_lines),
	UT_ENTRY(bad_keys_and_values), UT_ENTRY(long_lines),
	UT_ENTRY(nul_byte), UT_ENTRY(too_many_ports), UT_ENTRY(ifname_rules),
	UT_ENTRY(tables_are_sound), UT_ENTRY(key_cleansed),
	UT_ENTRY(hostapd_ctrl_room), UT_ENTRY(sections_checked_last))
