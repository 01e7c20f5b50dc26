// SPDX-License-Identifier: GPL-2.0
/*
 * lib/ini: the reader on a made-up root with a key of every type, a
 * section given once ([main]), one with an argument given once ([iface
 * NAME]) and two repeated ones ([peer MAC], [host NAME]).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ini.h"
#include "lib/mac.h"
#include "ut.h"

enum color { RED = 1, GREEN = 2, BLUE = 300 };

struct t_main {
	bool flag;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	char name[16];
	bool name_set;
	char path[32];
	enum color color;
	uint8_t mac[MAC_LEN];
	uint8_t bcast[MAC_LEN];
	struct in_addr ip;
	uint8_t key[8];
	size_t key_len;
	char dev[IFNAMSIZ];
	unsigned int lo, hi;	/* range = LO-HI, custom */
};

struct t_iface {
	char dev[IFNAMSIZ];
	unsigned int mtu;
};

struct t_peer {
	uint8_t mac[MAC_LEN];
	struct in_addr ip;
	unsigned int line;
	bool ended;
};

struct t_host {
	char name[IFNAMSIZ];
	unsigned int weight;
	unsigned int line;
};

struct t_root {
	struct t_main main;
	struct t_iface iface;
	struct t_peer *peers;
	size_t n_peers;
	struct t_host *hosts;
	size_t n_hosts;
};

static const struct ini_name colors[] = {
	{ "red", RED }, { "green", GREEN }, { "blue", BLUE }, { NULL, 0 },
};

static int range_parse(struct ini *ini, void *obj, char *value)
{
	struct t_main *m = obj;
	char *dash = strchr(value, '-');

	if (!dash)
		return ini_fail(ini, "range '%s' needs a '-'", value);
	*dash = '\0';
	m->lo = (unsigned int)atoi(value);
	m->hi = (unsigned int)atoi(dash + 1);
	if (m->lo > m->hi)
		return ini_fail(ini, "range %u-%u is backwards", m->lo, m->hi);
	return 0;
}

static const struct ini_key main_keys[] = {
	INI_KEY_BOOL(struct t_main, "flag", flag, "yes"),
	INI_KEY_UINT(struct t_main, "u8", u8, 0, 255, "7"),
	INI_KEY_UINT(struct t_main, "u16", u16, 10, 65535, "10"),
	INI_KEY_UINT(struct t_main, "u32", u32, 0, 4294967295u, NULL),
	INI_KEY_UINT(struct t_main, "u64", u64, 5, UINT64_MAX, "5"),
	INI_KEY_STRING(struct t_main, "name", name, 15, "anon",
		       INI_SET(struct t_main, name_set)),
	INI_KEY_PATH(struct t_main, "path", path, 20, "/var/x"),
	INI_KEY_ENUM(struct t_main, "color", color, colors, "green"),
	INI_KEY_MAC(struct t_main, "mac", mac, INI_F_UNICAST),
	INI_KEY_MAC(struct t_main, "any_mac", bcast, 0),
	INI_KEY_IPV4(struct t_main, "ip", ip),
	INI_KEY_HEX(struct t_main, "key", key, key_len, INI_F_SECRET),
	INI_KEY_IFNAME(struct t_main, "dev", dev),
	INI_KEY_CUSTOM(struct t_main, "range", lo, range_parse),
	{ NULL },
};

static const struct ini_section main_section = {
	.name = "main",
	.keys = main_keys,
	.size = sizeof(struct t_main),
};

static const struct ini_key iface_arg =
	INI_KEY_IFNAME(struct t_iface, "interface name", dev);
static const struct ini_key iface_keys[] = {
	INI_KEY_UINT(struct t_iface, "mtu", mtu, 68, 9000, "1500"),
	{ NULL },
};

static const struct ini_section iface_section = {
	.name = "iface",
	.keys = iface_keys,
	.size = sizeof(struct t_iface),
	.arg = &iface_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
};

static int peer_end(struct ini *ini, void *obj)
{
	struct t_peer *p = obj;

	p->ended = true;
	if (!p->ip.s_addr)
		return ini_fail(ini, "section [peer] needs 'ip'");
	if (p->ip.s_addr == htonl(0x7f000001))
		return ini_fail_at(ini, 0, "no loopback peers");
	return 0;
}

static const struct ini_key peer_arg =
	INI_KEY_MAC(struct t_peer, "peer", mac, INI_F_UNICAST);
static const struct ini_key peer_keys[] = {
	INI_KEY_IPV4(struct t_peer, "ip", ip),
	{ NULL },
};

static const struct ini_section peer_section = {
	.name = "peer",
	.keys = peer_keys,
	.size = sizeof(struct t_peer),
	.arg = &peer_arg,
	.arg_what = "a MAC address",
	.arg_meta = "MAC",
	.max = 3,
	.noun = "peer",
	.plural = "peers",
	.line_offset = offsetof(struct t_peer, line),
	.end = peer_end,
};

static const struct ini_key host_arg =
	INI_KEY_IFNAME(struct t_host, "host", name);
static const struct ini_key host_keys[] = {
	INI_KEY_UINT(struct t_host, "weight", weight, 1, 100, "10"),
	{ NULL },
};

static const struct ini_section host_section = {
	.name = "host",
	.keys = host_keys,
	.size = sizeof(struct t_host),
	.arg = &host_arg,
	.arg_what = "a host name",
	.arg_meta = "NAME",
	.max = 100,
	.noun = "host",
	.plural = "hosts",
	.line_offset = offsetof(struct t_host, line),
};

static const struct ini_bind binds[] = {
	INI_BIND_ONE(main_section, struct t_root, main),
	INI_BIND_ONE(iface_section, struct t_root, iface),
	INI_BIND_ARRAY(peer_section, struct t_root, peers, n_peers),
	INI_BIND_ARRAY(host_section, struct t_root, hosts, n_hosts),
	{ NULL },
};

static int parse_len(const char *text, size_t len, struct t_root *r,
		     struct ini_error *err)
{
	int ret;

	memset(r, 0, sizeof(*r));
	if (ini_defaults(binds, r) < 0)
		return -EFAULT;
	ret = ini_parse(text, len, binds, r, err);
	return ret;
}

static int parse(const char *text, struct t_root *r, struct ini_error *err)
{
	return parse_len(text, strlen(text), r, err);
}

/* Parse text, expect failure on line with msg containing what. */
static int bad(const char *text, unsigned int line, const char *what)
{
	struct ini_error err;
	struct t_root r;
	int ret = parse(text, &r, &err);

	ini_free(binds, &r);
	if (ret == 0) {
		fprintf(stderr, "  accepted: %s\n", text);
		return 0;
	}
	if (ret != -EINVAL || err.line != line || !strstr(err.msg, what)) {
		fprintf(stderr, "  for %s\n  got %d line %u: %s\n  want line "
			"%u: ...%s...\n", text, ret, err.line, err.msg, line,
			what);
		return 0;
	}
	return 1;
}

UT_CASE(tables_are_sound)
{
	struct ini_error err;

	UT_EXPECT(ini_check(binds, &err) == 0);
	if (err.msg[0])
		fprintf(stderr, "  %s\n", err.msg);
}

UT_CASE(defaults)
{
	struct ini_error err;
	struct t_root r;

	UT_ASSERT(parse("", &r, &err) == 0);
	UT_EXPECT(r.main.flag && r.main.u8 == 7 && r.main.u16 == 10);
	UT_EXPECT(r.main.u32 == 0 && r.main.u64 == 5);
	UT_EXPECT_STR(r.main.name, "anon");
	UT_EXPECT(!r.main.name_set);
	UT_EXPECT_STR(r.main.path, "/var/x");
	UT_EXPECT(r.main.color == GREEN);
	UT_EXPECT(r.main.key_len == 0 && !r.main.dev[0]);
	UT_EXPECT(r.iface.mtu == 1500);
	UT_EXPECT(!r.peers && !r.n_peers && !r.hosts && !r.n_hosts);
	ini_free(binds, &r);

	/* Only blanks and comments. */
	UT_ASSERT(parse("\n\n# c\n  ; c\n\t\n\r\n", &r, &err) == 0);
	UT_EXPECT(r.main.u8 == 7);
	ini_free(binds, &r);
}

UT_CASE(every_type)
{
	static const char text[] =
		"[main]\n"
		"flag = off\n"
		"u8 = 255\n"
		"u16 = 65535\n"
		"u32 = 4294967295\n"
		"u64 = 18446744073709551615\n"
		"name = a # b\n"
		"path = /etc/x y\n"
		"color = blue\n"
		"mac = 02-00-00-00-00-AB\n"
		"any_mac = ff:ff:ff:ff:ff:ff\n"
		"ip = 192.0.2.1\n"
		"key = 00fFa0\n"
		"dev = eth0.7\n"
		"range = 3-9\n";
	struct ini_error err;
	struct t_root r;

	UT_ASSERT(parse(text, &r, &err) == 0);
	UT_EXPECT(!r.main.flag && r.main.u8 == 255 && r.main.u16 == 65535);
	UT_EXPECT(r.main.u32 == 4294967295u && r.main.u64 == UINT64_MAX);
	/* A '#' after a value is part of it. */
	UT_EXPECT_STR(r.main.name, "a # b");
	UT_EXPECT(r.main.name_set);
	UT_EXPECT_STR(r.main.path, "/etc/x y");
	UT_EXPECT(r.main.color == BLUE);
	UT_EXPECT(r.main.mac[0] == 2 && r.main.mac[5] == 0xab);
	UT_EXPECT(r.main.bcast[0] == 0xff);
	UT_EXPECT(ntohl(r.main.ip.s_addr) == 0xc0000201);
	UT_EXPECT(r.main.key_len == 3 && r.main.key[1] == 0xff &&
		  r.main.key[2] == 0xa0 && r.main.key[3] == 0);
	UT_EXPECT_STR(r.main.dev, "eth0.7");
	UT_EXPECT(r.main.lo == 3 && r.main.hi == 9);
	ini_free(binds, &r);
	/* The secret is gone, the rest is left. */
	UT_EXPECT(!r.main.key_len && !r.main.key[1]);
	UT_EXPECT(r.main.u8 == 255);
}

UT_CASE(bools)
{
	static const char *const on[] = { "on", "yes", "true" };
	static const char *const off[] = { "off", "no", "false" };
	struct ini_error err;
	struct t_root r;
	char text[64];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "[main]\nflag = %s\n", off[i]);
		UT_ASSERT(parse(text, &r, &err) == 0);
		UT_EXPECT(!r.main.flag);
		snprintf(text, sizeof(text), "[main]\nflag=%s\n", on[i]);
		UT_ASSERT(parse(text, &r, &err) == 0);
		UT_EXPECT(r.main.flag);
	}
	UT_EXPECT(bad("[main]\nflag = On\n", 2, "invalid flag 'On' (expected "
		      "on, off, yes, no, true or false)"));
	UT_EXPECT(bad("[main]\nflag = 1\n", 2, "invalid flag"));
}

UT_CASE(numbers)
{
	UT_EXPECT(bad("[main]\nu8 = 256\n", 2, "invalid u8 '256' (expected "
		      "0..255)"));
	UT_EXPECT(bad("[main]\nu8 = -1\n", 2, "invalid u8 '-1' (expected a "
		      "number)"));
	UT_EXPECT(bad("[main]\nu8 = +1\n", 2, "expected a number"));
	UT_EXPECT(bad("[main]\nu8 = 0x10\n", 2, "0..255"));
	UT_EXPECT(bad("[main]\nu8 = 1 2\n", 2, "0..255"));
	UT_EXPECT(bad("[main]\nu16 = 9\n", 2, "10..65535"));
	UT_EXPECT(bad("[main]\nu32 = 4294967296\n", 2, "0..4294967295"));
	UT_EXPECT(bad("[main]\nu64 = 18446744073709551616\n", 2,
		      "5..18446744073709551615"));
	UT_EXPECT(bad("[main]\nu64 = 4\n", 2, "5..1844"));
	UT_EXPECT(bad("[iface x]\nmtu = 67\n", 2, "68..9000"));
}

UT_CASE(strings_and_names)
{
	UT_EXPECT(bad("[main]\nname = 0123456789abcdef\n", 2,
		      "name is too long (at most 15 characters)"));
	UT_EXPECT(bad("[main]\npath = x\n", 2, "path must be an absolute "
		      "path"));
	UT_EXPECT(bad("[main]\npath = /0123456789012345678901\n", 2,
		      "path is too long (at most 20 characters)"));
	UT_EXPECT(bad("[main]\ncolor = Red\n", 2, "invalid color 'Red' "
		      "(expected red, green or blue)"));
	UT_EXPECT(bad("[main]\nmac = 01:00:00:00:00:01\n", 2, "invalid mac "
		      "'01:00:00:00:00:01' (expected a unicast "
		      "xx:xx:xx:xx:xx:xx)"));
	UT_EXPECT(bad("[main]\nmac = 00:00:00:00:00:00\n", 2, "unicast"));
	UT_EXPECT(bad("[main]\nmac = 02:00:00:00:00\n", 2, "invalid mac"));
	UT_EXPECT(bad("[main]\nmac = 02:00-00:00:00:00\n", 2, "invalid mac"));
	UT_EXPECT(bad("[main]\nany_mac = 02:00:00:00:00:00:00\n", 2,
		      "(expected xx:xx:xx:xx:xx:xx)"));
	UT_EXPECT(bad("[main]\nip = 1.2.3\n", 2, "invalid ip '1.2.3' "
		      "(expected an IPv4 address)"));
	UT_EXPECT(bad("[main]\nip = 1.2.3.256\n", 2, "IPv4"));
	UT_EXPECT(bad("[main]\nip = ::1\n", 2, "IPv4"));
	UT_EXPECT(bad("[main]\ndev = a/b\n", 2, "invalid interface name "
		      "'a/b'"));
	UT_EXPECT(bad("[main]\ndev = 0123456789abcdef\n", 2, "invalid "
		      "interface name"));
	UT_EXPECT(bad("[main]\nrange = 5\n", 2, "range '5' needs a '-'"));
	UT_EXPECT(bad("[main]\nrange = 5-1\n", 2, "backwards"));
}

UT_CASE(hex_secret)
{
	struct ini_error err;
	struct t_root r;

	/* The value of a secret is never in a message. */
	UT_EXPECT(bad("[main]\nkey = abc\n", 2, "invalid key (expected 2 to "
		      "16 hex digits, an even count)"));
	UT_EXPECT(parse("[main]\nkey = 5ecre7zz\n", &r, &err) == -EINVAL);
	UT_EXPECT(!strstr(err.msg, "5ecre7"));
	ini_free(binds, &r);
	UT_EXPECT(bad("[main]\nkey = 000102030405060708\n", 2,
		      "invalid key"));
	UT_EXPECT(bad("[main]\nkey = 0\n", 2, "invalid key"));
	UT_EXPECT(bad("[main]\nkey = 0 \t1\n", 2, "invalid key"));
	UT_ASSERT(parse("[main]\nkey = 0001020304050607\n", &r, &err) == 0);
	UT_EXPECT(r.main.key_len == 8 && r.main.key[7] == 7);
	ini_free(binds, &r);
}

UT_CASE(lines)
{
	struct ini_error err;
	struct t_root r;

	/* Blanks around everything; CRLF; no final newline. */
	UT_ASSERT(parse("  [ main ]  \r\n\t u8\t=\t9 \r\n[iface   lo]\nmtu="
			"100", &r, &err) == 0);
	UT_EXPECT(r.main.u8 == 9);
	UT_EXPECT_STR(r.iface.dev, "lo");
	UT_EXPECT(r.iface.mtu == 100);
	ini_free(binds, &r);
	/* DEL and bytes above 0x7f are text. */
	UT_ASSERT(parse("[main]\nname = \x7f\xc3\xa9\n", &r, &err) == 0);
	UT_EXPECT_STR(r.main.name, "\x7f\xc3\xa9");
	ini_free(binds, &r);

	UT_EXPECT(bad("[main]\nu8\n", 2, "expected 'key = value' or "
		      "'[section]'"));
	UT_EXPECT(bad("[main]\n = 1\n", 2, "missing key before '='"));
	UT_EXPECT(bad("[main]\nu8 = \t\n", 2, "missing value for 'u8'"));
	UT_EXPECT(bad("u8 = 1\n", 1, "key 'u8' outside of any section"));
	UT_EXPECT(bad("\n# x\nu8 =\n", 3, "missing value"));
	UT_EXPECT(bad("[main]\nu8 = 1\x01\n", 2, "invalid control character "
		      "0x01"));
	UT_EXPECT(bad("[main]\nu8 = 1\r\r\n", 2, "control character 0x0d"));
	UT_EXPECT(bad("[main]\n\x1b\n", 2, "control character 0x1b"));
}

UT_CASE(nul_byte)
{
	static const char text[] = "[main]\n\nname = a\0b\n";
	struct ini_error err;
	struct t_root r;

	UT_EXPECT(parse_len(text, sizeof(text) - 1, &r, &err) == -EINVAL);
	UT_EXPECT(err.line == 3 && strstr(err.msg, "NUL byte"));
	ini_free(binds, &r);
}

UT_CASE(long_lines)
{
	char text[INI_LINE_MAX + 32];
	struct ini_error err;
	struct t_root r;

	memset(text, ';', INI_LINE_MAX);
	strcpy(text + INI_LINE_MAX, "\r\n");
	UT_EXPECT(parse(text, &r, &err) == 0);
	text[INI_LINE_MAX] = '\0';
	UT_EXPECT(parse(text, &r, &err) == 0);
	memset(text, ';', INI_LINE_MAX + 1);
	strcpy(text + INI_LINE_MAX + 1, "\n");
	UT_EXPECT(bad(text, 1, "line too long (more than 255 characters)"));
	text[INI_LINE_MAX + 1] = '\0';
	UT_EXPECT(bad(text, 1, "line too long"));
	snprintf(text, sizeof(text), "[main]\n\nname = %0260d\n", 0);
	UT_EXPECT(bad(text, 3, "line too long"));
}

UT_CASE(sections)
{
	UT_EXPECT(bad("[main\n", 1, "section header without ']'"));
	UT_EXPECT(bad("\n[main] x\n", 2, "unexpected text after ']'"));
	UT_EXPECT(bad("[main]]\n", 1, "unexpected text after ']'"));
	UT_EXPECT(bad("[ ]\n", 1, "empty section name"));
	UT_EXPECT(bad("[mains]\n", 1, "unknown section [mains]"));
	UT_EXPECT(bad("[Main]\n", 1, "unknown section [Main]"));
	UT_EXPECT(bad("[main x]\n", 1, "section [main] takes no name"));
	UT_EXPECT(bad("[main]\n[iface a]\n[main]\n", 3,
		      "duplicate section [main]"));
	UT_EXPECT(bad("[iface]\n", 1, "section [iface] needs an interface "
		      "name: [iface IFNAME]"));
	UT_EXPECT(bad("[iface a b]\n", 1, "invalid interface name 'a b'"));
	UT_EXPECT(bad("[iface a]\n[iface b]\n", 2,
		      "duplicate section [iface]"));
	UT_EXPECT(bad("[peer]\n", 1, "section [peer] needs a MAC address: "
		      "[peer MAC]"));
	UT_EXPECT(bad("[peer 03:00:00:00:00:01]\n", 1, "invalid peer "
		      "'03:00:00:00:00:01' (expected a unicast"));
}

UT_CASE(keys)
{
	struct ini_error err;
	struct t_root r;

	UT_EXPECT(bad("[main]\nU8 = 1\n", 2, "unknown key 'U8' in section "
		      "[main]"));
	UT_EXPECT(bad("[iface  eth0 ]\nu8 = 1\n", 2, "unknown key 'u8' in "
		      "section [iface eth0]"));
	UT_EXPECT(bad("[peer 02-00-00-00-00-01]\nip = 1.1.1.1\nmtu = 1\n",
		      3, "unknown key 'mtu' in section [peer "
		      "02-00-00-00-00-01]"));
	UT_EXPECT(bad("[main]\nu8 = 1\nu16 = 11\nu8 = 1\n", 4,
		      "duplicate key 'u8'"));
	/* Even when the second value is bad. */
	UT_EXPECT(bad("[main]\ncolor = red\ncolor = pink\n", 3,
		      "duplicate key 'color'"));
	UT_EXPECT(bad("[main]\nkey = 00\nkey = 00\n", 3,
		      "duplicate key 'key'"));
	/* Each instance has its own keys. */
	UT_ASSERT(parse("[host a]\nweight = 1\n[host b]\nweight = 2\n", &r,
			&err) == 0);
	UT_ASSERT(r.n_hosts == 2);
	UT_EXPECT(r.hosts[0].weight == 1 && r.hosts[1].weight == 2);
	ini_free(binds, &r);
}

UT_CASE(repeated)
{
	static const char text[] =
		"[host a]\n"
		"[peer 02:00:00:00:00:01]\n"
		"ip = 192.0.2.1\n"
		"\n"
		"[host b]\n"
		"weight = 99\n"
		"[peer 02:00:00:00:00:02]\n"
		"ip = 192.0.2.2\n";
	struct ini_error err;
	struct t_root r;

	UT_ASSERT(parse(text, &r, &err) == 0);
	UT_ASSERT(r.n_hosts == 2 && r.n_peers == 2);
	UT_EXPECT_STR(r.hosts[0].name, "a");
	UT_EXPECT(r.hosts[0].weight == 10 && r.hosts[0].line == 1);
	UT_EXPECT_STR(r.hosts[1].name, "b");
	UT_EXPECT(r.hosts[1].weight == 99 && r.hosts[1].line == 5);
	UT_EXPECT(r.peers[0].mac[5] == 1 && r.peers[0].line == 2);
	UT_EXPECT(r.peers[1].mac[5] == 2 && r.peers[1].line == 7);
	/* end() ran for each, the last at the end of the text. */
	UT_EXPECT(r.peers[0].ended && r.peers[1].ended);
	ini_free(binds, &r);
	UT_EXPECT(!r.peers && !r.n_peers && !r.hosts && !r.n_hosts);

	/* The same argument twice, however written. */
	UT_EXPECT(bad("[host a]\n\n[host a]\n", 3,
		      "duplicate host 'a' (first on line 1)"));
	UT_EXPECT(bad("[peer 02:00:00:00:00:0a]\nip = 1.1.1.1\n"
		      "[host a]\n[peer 02-00-00-00-00-0A]\n", 4,
		      "duplicate peer 02:00:00:00:00:0a (first on line 1)"));
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:02]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:03]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:04]\nip=1.1.1.1\n", 7,
		      "too many peers (at most 3)"));
	/* A duplicate is named as such even past the maximum. */
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:02]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:03]\nip=1.1.1.1\n"
		      "[peer 02:00:00:00:00:03]\nip=1.1.1.1\n", 7,
		      "duplicate peer"));
}

UT_CASE(end_hook)
{
	/* Once the text is read, on the section's own line ... */
	UT_EXPECT(bad("[main]\n[peer 02:00:00:00:00:01]\n\n[iface x]\n", 2,
		      "section [peer] needs 'ip'"));
	UT_EXPECT(bad("[main]\n[peer 02:00:00:00:00:01]\n# x\n", 2,
		      "needs 'ip'"));
	/* ... instance by instance ... */
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\nip = 1.1.1.1\n"
		      "[peer 02:00:00:00:00:02]\n", 3, "needs 'ip'"));
	/* ... or where the hook says ... */
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\nip = 127.0.0.1\n", 0,
		      "no loopback peers"));
	/* ... after any error of a line. */
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\n[bogus]\n", 2,
		      "unknown section [bogus]"));
	UT_EXPECT(bad("[peer 02:00:00:00:00:01]\n[main]\nu8 = x\n", 3,
		      "invalid u8"));
}

UT_CASE(too_many_instances_grow)
{
	size_t size = 120 * 16, len = 0;
	char *text = malloc(size);
	struct ini_error err;
	struct t_root r;
	int i;

	UT_ASSERT(text);
	for (i = 0; i < 101; i++)
		len += (size_t)snprintf(text + len, size - len,
					"[host h%d]\n", i);
	UT_EXPECT(parse_len(text, len, &r, &err) == -EINVAL);
	UT_EXPECT(err.line == 101 && strstr(err.msg, "too many hosts "
					     "(at most 100)"));
	ini_free(binds, &r);
	len -= strlen("[host h100]\n");
	UT_EXPECT(parse_len(text, len, &r, &err) == 0);
	UT_EXPECT(r.n_hosts == 100);
	UT_EXPECT_STR(r.hosts[99].name, "h99");
	ini_free(binds, &r);
	free(text);
}

/* Every prefix of a good text is read or refused on its last line. */
UT_CASE(truncations)
{
	static const char text[] =
		"# all\n"
		"[main]\n"
		"flag = no\n"
		"u16 = 1000\n"
		"name = abc\n"
		"color = red\n"
		"mac = 02:00:00:00:00:01\n"
		"ip = 10.0.0.1\n"
		"key = 0011\n"
		"range = 1-2\n"
		"[iface eth0]\n"
		"mtu = 1400\n"
		"[host h1]\n"
		"weight = 50\n";
	size_t len, i;

	for (len = 0; len < sizeof(text); len++) {
		unsigned int lines = 1;
		struct ini_error err;
		struct t_root r;
		int ret;

		for (i = 0; i + 1 < len; i++)
			if (text[i] == '\n')
				lines++;
		ret = parse_len(text, len, &r, &err);
		if (ret && (ret != -EINVAL || err.line != lines ||
			    !err.msg[0])) {
			fprintf(stderr, "  at %zu: %d line %u: %s\n", len, ret,
				err.line, err.msg);
			*ut_failed = 1;
		}
		if (!ret && len == sizeof(text) - 1)
			UT_EXPECT(r.n_hosts == 1 && r.hosts[0].weight == 50);
		ini_free(binds, &r);
	}
}

/* Tables that are wrong are found by ini_check(), not by a user. */
static const struct ini_key k_dup[] = {
	INI_KEY_UINT(struct t_iface, "mtu", mtu, 0, 10, NULL),
	INI_KEY_UINT(struct t_iface, "mtu", mtu, 0, 10, NULL),
	{ NULL },
};
static const struct ini_key k_def[] = {
	INI_KEY_UINT(struct t_iface, "mtu", mtu, 68, 9000, "10"),
	{ NULL },
};
static const struct ini_key k_str[] = {
	INI_KEY_STRING(struct t_iface, "dev", dev, IFNAMSIZ, NULL),
	{ NULL },
};
static const struct ini_key k_range[] = {
	INI_KEY_UINT(struct t_main, "u8", u8, 0, 256, NULL),
	{ NULL },
};
static const struct ini_name big[] = { { "x", 70000 }, { NULL, 0 } };
static const struct ini_key k_enum[] = {
	INI_KEY_ENUM(struct t_main, "u16", u16, big, NULL),
	{ NULL },
};
static const struct ini_key k_mac[] = {
	INI_KEY_MAC(struct t_main, "ip", ip, 0),
	{ NULL },
};

static int check_keys(const struct ini_key *keys, size_t size,
		      const char *what)
{
	const struct ini_section sec = {
		.name = "s", .keys = keys, .size = size,
	};
	const struct ini_bind b[] = { { .section = &sec }, { NULL } };
	struct ini_error err;

	if (ini_check(b, &err) == 0 || !strstr(err.msg, what)) {
		fprintf(stderr, "  want %s, got %s\n", what, err.msg);
		return 0;
	}
	return 1;
}

/*
 * One name bound twice, without an ARG ([host], in place) and with one
 * ([host NAME], repeated): the header's form picks the binding.
 */
UT_CASE(name_with_and_without_arg)
{
	struct ini_section host_global = main_section;
	const struct ini_bind both[] = {
		INI_BIND_ONE(host_global, struct t_root, main),
		INI_BIND_ARRAY(host_section, struct t_root, hosts, n_hosts),
		{ NULL },
	};
	const struct ini_bind twice[] = {
		INI_BIND_ARRAY(host_section, struct t_root, hosts, n_hosts),
		INI_BIND_ARRAY(host_section, struct t_root, peers, n_peers),
		{ NULL },
	};
	static const char text[] = "[host a]\nweight = 3\n[host]\nu8 = 9\n"
		"[host b]\n";
	struct ini_error err;
	struct t_root r;

	host_global.name = "host";
	UT_ASSERT(ini_check(both, &err) == 0);
	UT_EXPECT(ini_check(twice, &err) < 0 && strstr(err.msg, "twice"));
	memset(&r, 0, sizeof(r));
	UT_ASSERT(ini_defaults(both, &r) == 0);
	UT_ASSERT(ini_parse(text, strlen(text), both, &r, &err) == 0);
	UT_EXPECT(r.main.u8 == 9);
	UT_EXPECT(r.n_hosts == 2 && r.hosts[0].weight == 3 &&
		  !strcmp(r.hosts[1].name, "b"));
	ini_free(both, &r);
	/* Keys of one form are unknown in the other; each form once. */
	memset(&r, 0, sizeof(r));
	ini_defaults(both, &r);
	UT_EXPECT(ini_parse("[host]\nweight = 1\n", 18, both, &r, &err) < 0 &&
		  err.line == 2 && strstr(err.msg, "unknown key"));
	ini_free(both, &r);
	memset(&r, 0, sizeof(r));
	ini_defaults(both, &r);
	UT_EXPECT(ini_parse("[host]\n[host]\n", 14, both, &r, &err) < 0 &&
		  err.line == 2 && strstr(err.msg, "duplicate"));
	ini_free(both, &r);
	/* With one form bound only, the other is refused as before. */
	UT_EXPECT(bad("[host]\n", 1, "needs a host name"));
	UT_EXPECT(bad("[main x]\n", 1, "takes no name"));
}

UT_CASE(tables_are_checked)
{
	const struct ini_bind twice[] = {
		INI_BIND_ONE(main_section, struct t_root, main),
		INI_BIND_ONE(main_section, struct t_root, main),
		{ NULL },
	};
	struct ini_section rep = peer_section;
	const struct ini_bind norep[] = { { .section = &rep }, { NULL } };
	struct ini_error err;

	UT_EXPECT(check_keys(k_dup, sizeof(struct t_iface), "given twice"));
	UT_EXPECT(check_keys(k_def, sizeof(struct t_iface),
			     "a default is refused: invalid mtu '10'"));
	UT_EXPECT(check_keys(k_str, sizeof(struct t_iface), "max 16"));
	UT_EXPECT(check_keys(k_range, sizeof(struct t_main), "range"));
	UT_EXPECT(check_keys(k_enum, sizeof(struct t_main), "does not fit"));
	UT_EXPECT(check_keys(k_mac, sizeof(struct t_main), "size"));
	UT_EXPECT(check_keys(k_def, 2, "outside"));
	UT_EXPECT(ini_check(twice, &err) < 0 && strstr(err.msg, "twice"));
	rep.plural = NULL;
	UT_EXPECT(ini_check(norep, &err) < 0 && strstr(err.msg, "plural"));
}

UT_MAIN("lib_ini", UT_ENTRY(tables_are_sound), UT_ENTRY(defaults),
	UT_ENTRY(every_type), UT_ENTRY(bools), UT_ENTRY(numbers),
	UT_ENTRY(strings_and_names), UT_ENTRY(hex_secret), UT_ENTRY(lines),
	UT_ENTRY(nul_byte), UT_ENTRY(long_lines), UT_ENTRY(sections),
	UT_ENTRY(keys), UT_ENTRY(repeated), UT_ENTRY(end_hook),
	UT_ENTRY(too_many_instances_grow), UT_ENTRY(truncations),
	UT_ENTRY(name_with_and_without_arg), UT_ENTRY(tables_are_checked))
