// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: lib/ini on arbitrary text, with a key of every type.
 *
 * A text that is read is written back as "key=value" lines from the
 * structs it filled, read again, and must give the same structs: parse ->
 * build -> parse.  A text that is refused must say why, on a line it has.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ifname.h"
#include "lib/ini.h"
#include "lib/mac.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define F_HOSTS_MAX 8
#define F_PEERS_MAX 3

struct f_main {
	bool flag;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	char name[40];
	bool name_set;
	char path[64];
	unsigned int color;
	uint8_t mac[MAC_LEN];
	struct in_addr ip;
	uint8_t key[16];
	size_t key_len;
	char dev[IFNAMSIZ];
	unsigned long lo, hi;
};

struct f_iface {
	char dev[IFNAMSIZ];
	uint16_t mtu;
};

struct f_peer {
	uint8_t mac[MAC_LEN];
	struct in_addr ip;
	unsigned int line;
};

struct f_host {
	char name[IFNAMSIZ];
	uint32_t weight;
	unsigned int line;
};

struct f_root {
	struct f_main main;
	struct f_iface iface;
	struct f_peer *peers;
	size_t n_peers;
	struct f_host *hosts;
	size_t n_hosts;
};

static const struct ini_name colors[] = {
	{ "red", 1 }, { "green", 2 }, { "blue", 3 }, { NULL, 0 },
};

/* A decimal number, digits only, at most 65535. */
static int number(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 65535)
			return -1;
	}
	*out = v;
	return 0;
}

static int range_parse(struct ini *ini, void *obj, char *value)
{
	struct f_main *m = obj;
	char *dash = strchr(value, '-');

	if (!dash)
		return ini_fail(ini, "range '%s' needs a '-'", value);
	*dash = '\0';
	if (number(value, &m->lo) < 0 || number(dash + 1, &m->hi) < 0 ||
	    m->lo > m->hi)
		return ini_fail(ini, "invalid range");
	return 0;
}

static const struct ini_key main_keys[] = {
	INI_KEY_BOOL(struct f_main, "flag", flag, "on"),
	INI_KEY_UINT(struct f_main, "u8", u8, 1, 200, "1"),
	INI_KEY_UINT(struct f_main, "u16", u16, 0, 65535, NULL),
	INI_KEY_UINT(struct f_main, "u32", u32, 100, 4294967295u, "100"),
	INI_KEY_UINT(struct f_main, "u64", u64, 0, UINT64_MAX, NULL),
	INI_KEY_STRING(struct f_main, "name", name, 39, "anon",
		       INI_SET(struct f_main, name_set)),
	INI_KEY_PATH(struct f_main, "path", path, 50, "/x"),
	INI_KEY_ENUM(struct f_main, "color", color, colors, "red"),
	INI_KEY_MAC(struct f_main, "mac", mac, 0),
	INI_KEY_IPV4(struct f_main, "ip", ip),
	INI_KEY_HEX(struct f_main, "key", key, key_len, INI_F_SECRET),
	INI_KEY_IFNAME(struct f_main, "dev", dev),
	INI_KEY_CUSTOM(struct f_main, "range", lo, range_parse),
	{ NULL },
};

static const struct ini_section main_section = {
	.name = "main", .keys = main_keys, .size = sizeof(struct f_main),
};

static const struct ini_key iface_arg =
	INI_KEY_IFNAME(struct f_iface, "interface name", dev);
static const struct ini_key iface_keys[] = {
	INI_KEY_UINT(struct f_iface, "mtu", mtu, 68, 9000, "1500"),
	{ NULL },
};
static const struct ini_section iface_section = {
	.name = "iface", .keys = iface_keys, .size = sizeof(struct f_iface),
	.arg = &iface_arg, .arg_what = "an interface name",
	.arg_meta = "IFNAME",
};

static int peer_end(struct ini *ini, void *obj)
{
	const struct f_peer *p = obj;

	return p->ip.s_addr ? 0 : ini_fail(ini, "section [peer] needs 'ip'");
}

static const struct ini_key peer_arg =
	INI_KEY_MAC(struct f_peer, "peer", mac, INI_F_UNICAST);
static const struct ini_key peer_keys[] = {
	INI_KEY_IPV4(struct f_peer, "ip", ip),
	{ NULL },
};
static const struct ini_section peer_section = {
	.name = "peer", .keys = peer_keys, .size = sizeof(struct f_peer),
	.arg = &peer_arg, .arg_what = "a MAC address", .arg_meta = "MAC",
	.max = F_PEERS_MAX, .noun = "peer", .plural = "peers",
	.line_offset = offsetof(struct f_peer, line), .end = peer_end,
};

static const struct ini_key host_arg =
	INI_KEY_IFNAME(struct f_host, "host", name);
static const struct ini_key host_keys[] = {
	INI_KEY_UINT(struct f_host, "weight", weight, 1, 100, "10"),
	{ NULL },
};
static const struct ini_section host_section = {
	.name = "host", .keys = host_keys, .size = sizeof(struct f_host),
	.arg = &host_arg, .arg_what = "a host name", .arg_meta = "NAME",
	.max = F_HOSTS_MAX, .noun = "host", .plural = "hosts",
	.line_offset = offsetof(struct f_host, line),
};

static const struct ini_bind binds[] = {
	INI_BIND_ONE(main_section, struct f_root, main),
	INI_BIND_ONE(iface_section, struct f_root, iface),
	INI_BIND_ARRAY(peer_section, struct f_root, peers, n_peers),
	INI_BIND_ARRAY(host_section, struct f_root, hosts, n_hosts),
	{ NULL },
};

static int parse(const char *text, size_t len, struct f_root *r,
		 struct ini_error *err)
{
	memset(r, 0, sizeof(*r));
	if (ini_defaults(binds, r) < 0)
		abort();
	return ini_parse(text, len, binds, r, err);
}

struct out {
	char *buf;
	size_t len, size;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len)
		abort();
	o->len += (size_t)n;
}

/* The text of r, as short as its values allow. */
static void build(const struct f_root *r, struct out *o)
{
	const struct f_main *m = &r->main;
	char s[INET_ADDRSTRLEN], mac[MAC_STR_LEN];
	size_t i;

	put(o, "[main]\nflag=%s\nu8=%u\nu16=%u\nu32=%u\nu64=%llu\n",
	    m->flag ? "yes" : "false", m->u8, m->u16, m->u32,
	    (unsigned long long)m->u64);
	if (m->name_set)
		put(o, "name=%s\n", m->name);
	put(o, "path=%s\ncolor=%s\n", m->path, colors[m->color - 1].name);
	put(o, "mac=%s\n", mac_format(m->mac, mac));
	put(o, "ip=%s\n", inet_ntop(AF_INET, &m->ip, s, sizeof(s)));
	if (m->key_len) {
		put(o, "key=");
		for (i = 0; i < m->key_len; i++)
			put(o, "%02X", m->key[i]);
		put(o, "\n");
	}
	if (m->dev[0])
		put(o, "dev=%s\n", m->dev);
	put(o, "range=%lu-%lu\n", m->lo, m->hi);
	if (r->iface.dev[0])
		put(o, "[iface %s]\nmtu=%u\n", r->iface.dev, r->iface.mtu);
	for (i = 0; i < r->n_peers; i++)
		put(o, "[peer %s]\nip=%s\n", mac_format(r->peers[i].mac, mac),
		    inet_ntop(AF_INET, &r->peers[i].ip, s, sizeof(s)));
	for (i = 0; i < r->n_hosts; i++)
		put(o, "[host %s]\nweight=%u\n", r->hosts[i].name,
		    r->hosts[i].weight);
}

static void check(const struct f_root *r)
{
	const struct f_main *m = &r->main;
	size_t i, j;

	if (m->u8 < 1 || m->u8 > 200 || m->u32 < 100 || !m->color ||
	    m->color > 3 || strlen(m->name) > 39 || strlen(m->path) > 50 ||
	    m->path[0] != '/' || m->key_len > sizeof(m->key) ||
	    (m->dev[0] && !ifname_valid(m->dev)) || m->lo > m->hi)
		abort();
	if (r->iface.dev[0] && (!ifname_valid(r->iface.dev) ||
				r->iface.mtu < 68 || r->iface.mtu > 9000))
		abort();
	if (r->n_peers > F_PEERS_MAX || r->n_hosts > F_HOSTS_MAX)
		abort();
	for (i = 0; i < r->n_peers; i++) {
		if (!mac_is_unicast(r->peers[i].mac) || !r->peers[i].ip.s_addr)
			abort();
		for (j = 0; j < i; j++)
			if (!memcmp(r->peers[i].mac, r->peers[j].mac, MAC_LEN))
				abort();	/* duplicates are refused */
	}
	for (i = 0; i < r->n_hosts; i++) {
		if (!ifname_valid(r->hosts[i].name) || !r->hosts[i].weight ||
		    r->hosts[i].weight > 100)
			abort();
		for (j = 0; j < i; j++)
			if (!strcmp(r->hosts[i].name, r->hosts[j].name))
				abort();
	}
}

static bool same(struct f_root *a, struct f_root *b)
{
	size_t i;

	if (memcmp(&a->main, &b->main, sizeof(a->main)) ||
	    memcmp(&a->iface, &b->iface, sizeof(a->iface)) ||
	    a->n_peers != b->n_peers || a->n_hosts != b->n_hosts)
		return false;
	for (i = 0; i < a->n_peers; i++) {
		a->peers[i].line = b->peers[i].line = 0;
		if (memcmp(&a->peers[i], &b->peers[i], sizeof(a->peers[i])))
			return false;
	}
	for (i = 0; i < a->n_hosts; i++) {
		a->hosts[i].line = b->hosts[i].line = 0;
		if (memcmp(&a->hosts[i], &b->hosts[i], sizeof(a->hosts[i])))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[64 * 1024];
	struct out o = { .buf = buf, .size = sizeof(buf) };
	struct ini_error err, err2;
	struct f_root r, r2;
	unsigned int lines = 1;
	size_t i;

	for (i = 0; i + 1 < size; i++)
		if (data[i] == '\n')
			lines++;
	if (parse((const char *)data, size, &r, &err) < 0) {
		if (!memchr(err.msg, '\0', sizeof(err.msg)) || !err.msg[0] ||
		    err.line > lines)
			abort();
		ini_free(binds, &r);
		if (r.peers || r.n_peers || r.hosts || r.n_hosts ||
		    r.main.key_len)
			abort();
		return 0;
	}
	check(&r);
	build(&r, &o);
	if (parse(o.buf, o.len, &r2, &err2) < 0) {
		fprintf(stderr, "line %u: %s\n%.*s", err2.line, err2.msg,
			(int)o.len, o.buf);
		abort();
	}
	if (!same(&r, &r2))
		abort();
	ini_free(binds, &r);
	ini_free(binds, &r2);
	return 0;
}
