// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server's config sections, [dhcp6] and [dhcp6 IFNAME], as key
 * tables; see config.h for the keys.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/config.h"

/* Split a comma list in place: the next item, blanks trimmed; NULL at end. */
static char *next_item(char **s)
{
	char *b = *s, *e, *c;

	if (!b)
		return NULL;
	while (*b == ' ' || *b == '\t')
		b++;
	c = strchr(b, ',');
	*s = c ? c + 1 : NULL;
	if (c)
		*c = '\0';
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return b;
}

static int parse_prefix(const char *s, struct in6_addr *a, uint8_t *plen)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long l;
	unsigned int b;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	l = strtoul(slash + 1, &end, 10);
	if (*end || end == slash + 1 || l > 128 ||
	    inet_pton(AF_INET6, buf, a) != 1)
		return -1;
	for (b = (unsigned int)l; b < 128; b++)
		if (a->s6_addr[b / 8] & (0x80 >> (b % 8)))
			return -1;	/* host bits set */
	*plen = (uint8_t)l;
	return 0;
}

int dhcp6_config_range(const char *s, struct dhcp6_range *r)
{
	char buf[2 * INET6_ADDRSTRLEN + 2], *dash;
	uint64_t f = 0, l = 0;
	int i;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (!dash)
		return -1;
	*dash = '\0';
	if (inet_pton(AF_INET6, buf, &r->first) != 1 ||
	    inet_pton(AF_INET6, dash + 1, &r->last) != 1)
		return -1;
	if (memcmp(&r->first, &r->last, 8))
		return -1;		/* within one /64 */
	for (i = 8; i < 16; i++) {
		f = f << 8 | r->first.s6_addr[i];
		l = l << 8 | r->last.s6_addr[i];
	}
	if (f > l || (f == 0 && l == UINT64_MAX))
		return -1;
	return 0;
}

int dhcp6_config_pool(const char *s, struct dhcp6_pool *p)
{
	char buf[INET6_ADDRSTRLEN + 16], *sp, *end;
	unsigned long d;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	sp = strpbrk(buf, " \t");
	if (!sp)
		return -1;
	*sp++ = '\0';
	while (*sp == ' ' || *sp == '\t')
		sp++;
	d = strtoul(sp, &end, 10);
	if (*end || end == sp || parse_prefix(buf, &p->prefix, &p->plen))
		return -1;
	/* Delegations no longer than a /64, at most 2^32 of them. */
	if (d < p->plen || d > 64 || d - p->plen > 32 || p->plen < 16)
		return -1;
	p->dlen = (uint8_t)d;
	return 0;
}

int dhcp6_config_resv(const char *s, struct dhcp6_resv *r)
{
	char buf[2 * DHCP6_DUID_MAX + INET6_ADDRSTRLEN + 16], *sp;
	size_t n, i;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	sp = strpbrk(buf, " \t");
	if (!sp)
		return -1;
	*sp++ = '\0';
	while (*sp == ' ' || *sp == '\t')
		sp++;
	n = strlen(buf);
	if (n % 2 || n / 2 < DHCP6_DUID_MIN || n / 2 > DHCP6_DUID_MAX)
		return -1;
	for (i = 0; i < n / 2; i++) {
		char b[3] = { buf[2 * i], buf[2 * i + 1], 0 };

		if (!isxdigit((unsigned char)b[0]) ||
		    !isxdigit((unsigned char)b[1]))
			return -1;
		r->duid[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	r->duid_len = (uint8_t)(n / 2);
	if (!dhcp6_duid_valid(r->duid, r->duid_len))
		return -1;
	if (strchr(sp, '/'))
		return parse_prefix(sp, &r->addr, &r->plen) ||
		       r->plen == 128 || r->plen < 16 ? -1 : 0;
	r->plen = 128;
	return inet_pton(AF_INET6, sp, &r->addr) == 1 ? 0 : -1;
}

int dhcp6_config_upstream(const char *s, struct dhcp6_upstream *u)
{
	char buf[INET6_ADDRSTRLEN + IFNAMSIZ + 2], *pct;

	memset(u, 0, sizeof(*u));
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	pct = strchr(buf, '%');
	if (pct) {
		*pct++ = '\0';
		if (!*pct || strlen(pct) >= IFNAMSIZ || strchr(pct, '/'))
			return -1;
		snprintf(u->ifname, sizeof(u->ifname), "%s", pct);
	}
	if (inet_pton(AF_INET6, buf, &u->addr) != 1 ||
	    IN6_IS_ADDR_UNSPECIFIED(&u->addr) || IN6_IS_ADDR_LOOPBACK(&u->addr))
		return -1;
	/* A multicast or link-local address needs its interface. */
	if ((IN6_IS_ADDR_MULTICAST(&u->addr) ||
	     IN6_IS_ADDR_LINKLOCAL(&u->addr)) && !pct)
		return -1;
	return 0;
}

int dhcp6_config_id(const char *s, uint8_t *out, size_t max)
{
	size_t n, i;

	if (strncmp(s, "hex:", 4)) {
		n = strlen(s);
		if (!n || n > max)
			return -1;
		memcpy(out, s, n);
		return (int)n;
	}
	s += 4;
	n = strlen(s);
	if (!n || n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		char b[3] = { s[2 * i], s[2 * i + 1], 0 };

		if (!isxdigit((unsigned char)b[0]) ||
		    !isxdigit((unsigned char)b[1]))
			return -1;
		out[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	return (int)(n / 2);
}

static int parse_upstream(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	struct config_dhcp6_relay *r = &c->relay;
	char *s = value, *it;

	r->n_upstreams = 0;
	while ((it = next_item(&s))) {
		if (r->n_upstreams >= DHCP6_UPSTREAMS_MAX)
			return ini_fail(ini, "upstream: at most %d",
					DHCP6_UPSTREAMS_MAX);
		if (dhcp6_config_upstream(it, &r->up[r->n_upstreams]))
			return ini_fail(ini, "upstream: \"%s\" is not an IPv6 "
					"address (a multicast or link-local one "
					"with %%IFNAME)", it);
		r->n_upstreams++;
	}
	return 0;
}

static int parse_iid(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	struct dhcp6_relay_if *f = &c->relay.rif;
	int n = dhcp6_config_id(value, f->interface_id,
				sizeof(f->interface_id));

	if (n < 0)
		return ini_fail(ini, "interface_id: 1 to %d bytes, as text or "
				"hex:XX..", DHCP6_RELAY_ID_MAX);
	f->interface_id_len = (uint16_t)n;
	c->relay.interface_id_set = true;
	return 0;
}

static int parse_sub(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	struct dhcp6_relay_if *f = &c->relay.rif;
	int n;

	f->subscriber_id_len = 0;
	if (!strcmp(value, "none"))
		return 0;
	n = dhcp6_config_id(value, f->subscriber_id, sizeof(f->subscriber_id));
	if (n < 0)
		return ini_fail(ini, "subscriber_id: none, or 1 to %d bytes "
				"as text or hex:XX..", DHCP6_RELAY_ID_MAX);
	f->subscriber_id_len = (uint16_t)n;
	return 0;
}

/* RFC 4649 §3: enterprise-number, then the remote-id (at least a byte). */
static int parse_remote(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	struct dhcp6_relay_if *f = &c->relay.rif;
	char hex[2 * DHCP6_RELAY_ID_MAX + 8], *colon, *end;
	unsigned long long en;
	int n;

	f->has_remote_id = false;
	f->remote_id_len = 0;
	if (!strcmp(value, "none"))
		return 0;
	colon = strchr(value, ':');
	if (!colon || colon == value)
		goto bad;
	*colon = '\0';
	en = strtoull(value, &end, 10);
	if (*end || en > UINT32_MAX ||
	    snprintf(hex, sizeof(hex), "hex:%s", colon + 1) >= (int)sizeof(hex))
		goto bad;
	n = dhcp6_config_id(hex, f->remote_id, sizeof(f->remote_id));
	if (n < 0)
		goto bad;
	f->has_remote_id = true;
	f->remote_enterprise = (uint32_t)en;
	f->remote_id_len = (uint16_t)n;
	return 0;
bad:
	return ini_fail(ini, "remote_id: none, or ENTERPRISE:HEX (a decimal "
			"enterprise number, 1 to %d bytes)", DHCP6_RELAY_ID_MAX);
}

static int parse_link(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;

	c->relay.link_auto = !strcmp(value, "auto");
	memset(&c->relay.rif.link, 0, sizeof(c->relay.rif.link));
	if (c->relay.link_auto)
		return 0;
	if (inet_pton(AF_INET6, value, &c->relay.rif.link) != 1 ||
	    IN6_IS_ADDR_MULTICAST(&c->relay.rif.link) ||
	    IN6_IS_ADDR_LINKLOCAL(&c->relay.rif.link))
		return ini_fail(ini, "link_address: auto, ::, or a global "
				"address");
	return 0;
}

static int parse_range(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	char *s = value, *it;

	c->link.n_ranges = 0;
	while ((it = next_item(&s))) {
		if (c->link.n_ranges >= DHCP6_RANGES_MAX)
			return ini_fail(ini, "range: at most %d",
					DHCP6_RANGES_MAX);
		if (dhcp6_config_range(it, &c->link.ranges[c->link.n_ranges]))
			return ini_fail(ini, "range: \"%s\" is not FIRST-LAST "
					"in one /64", it);
		c->link.n_ranges++;
	}
	return 0;
}

static int parse_pool(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	char *s = value, *it;

	c->link.n_pools = 0;
	while ((it = next_item(&s))) {
		if (c->link.n_pools >= DHCP6_POOLS_MAX)
			return ini_fail(ini, "pd_pool: at most %d",
					DHCP6_POOLS_MAX);
		if (dhcp6_config_pool(it, &c->link.pools[c->link.n_pools]))
			return ini_fail(ini, "pd_pool: \"%s\" is not PREFIX/LEN "
					"DELEGATED-LEN (LEN..64, 2^32 at most)",
					it);
		c->link.n_pools++;
	}
	return 0;
}

static int parse_resv(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	char *s = value, *it;

	c->link.n_resv = 0;
	while ((it = next_item(&s))) {
		if (c->link.n_resv >= DHCP6_RESV_MAX)
			return ini_fail(ini, "reservation: at most %d",
					DHCP6_RESV_MAX);
		if (dhcp6_config_resv(it, &c->link.resv[c->link.n_resv]))
			return ini_fail(ini, "reservation: \"%s\" is not "
					"DUID-HEX ADDRESS or DUID-HEX PREFIX/LEN",
					it);
		c->link.n_resv++;
	}
	return 0;
}

static int parse_onlink(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	char *s = value, *it;
	uint8_t plen;

	c->link.n_onlink = 0;
	while ((it = next_item(&s))) {
		if (c->link.n_onlink >= DHCP6_ONLINK_MAX)
			return ini_fail(ini, "onlink: at most %d",
					DHCP6_ONLINK_MAX);
		if (parse_prefix(it, &c->link.onlink[c->link.n_onlink], &plen) ||
		    plen != 64)
			return ini_fail(ini, "onlink: \"%s\" is not a /64", it);
		c->link.n_onlink++;
	}
	return 0;
}

static int parse_dns(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	char *s = value, *it;

	c->link.n_dns = 0;
	while ((it = next_item(&s))) {
		if (c->link.n_dns >= DHCP6_DNS_MAX)
			return ini_fail(ini, "dns: at most %d", DHCP6_DNS_MAX);
		if (inet_pton(AF_INET6, it, &c->link.dns[c->link.n_dns]) != 1)
			return ini_fail(ini, "dns: \"%s\" is not an IPv6 "
					"address", it);
		c->link.n_dns++;
	}
	return 0;
}

static int parse_domains(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6 *c = obj;
	const char *names[DHCP6_DOMAINS_MAX];
	char *s = value, *it;
	unsigned int n = 0;
	size_t len;

	while ((it = next_item(&s))) {
		if (n >= DHCP6_DOMAINS_MAX)
			return ini_fail(ini, "domain_search: at most %d",
					DHCP6_DOMAINS_MAX);
		names[n++] = it;
	}
	c->link.domains_len = 0;
	if (!n)
		return 0;
	len = dhcp6_domains_encode(c->link.domains, sizeof(c->link.domains),
				   names, n);
	if (!len)
		return ini_fail(ini, "domain_search: not a list of domain "
				"names");
	c->link.domains_len = (uint16_t)len;
	return 0;
}

static int parse_sduid(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp6_global *g = obj;
	const char *h;
	size_t n, i;

	g->server_duid_len = 0;
	if (!strcmp(value, "auto"))
		return 0;
	if (strncmp(value, "hex:", 4))
		return ini_fail(ini, "server_duid must be auto or hex:XX..");
	h = value + 4;
	n = strlen(h);
	if (n % 2 || n / 2 < DHCP6_DUID_MIN || n / 2 > DHCP6_DUID_MAX)
		return ini_fail(ini, "server_duid: %d to %d bytes",
				DHCP6_DUID_MIN, DHCP6_DUID_MAX);
	for (i = 0; i < n / 2; i++) {
		char b[3] = { h[2 * i], h[2 * i + 1], 0 };

		if (!isxdigit((unsigned char)b[0]) ||
		    !isxdigit((unsigned char)b[1]))
			return ini_fail(ini, "server_duid: not hex digits");
		g->server_duid[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	if (!dhcp6_duid_valid(g->server_duid, n / 2))
		return ini_fail(ini, "server_duid: not a DUID (RFC 8415 §11)");
	g->server_duid_len = n / 2;
	return 0;
}

static const struct ini_key global_keys[] = {
	INI_KEY_PATH(struct config_dhcp6_global, "state_dir", state_dir,
		     DHCP6_CONFIG_PATH_MAX - 32, DHCP6_STATE_DIR),
	INI_KEY_CUSTOM(struct config_dhcp6_global, "server_duid",
		       server_duid_len, parse_sduid, .def = "auto"),
	{ NULL },
};

const struct ini_section dhcp6_global_section = {
	.name = "dhcp6",
	.keys = global_keys,
	.size = sizeof(struct config_dhcp6_global),
};

static const struct ini_name mode_names[] = {
	{ "server", DHCP6_MODE_SERVER },
	{ "relay", DHCP6_MODE_RELAY },
	{ "ldra", DHCP6_MODE_LDRA },
	{ "off", DHCP6_MODE_OFF },
	{ NULL, 0 },
};

static const struct ini_key server_arg =
	INI_KEY_IFNAME(struct config_dhcp6, "IFNAME", ifname);

#define C struct config_dhcp6
static const struct ini_key server_keys[] = {
	INI_KEY_ENUM(C, "mode", mode, mode_names, "server"),
	INI_KEY_CUSTOM(C, "range", link.n_ranges, parse_range),
	INI_KEY_CUSTOM(C, "pd_pool", link.n_pools, parse_pool),
	INI_KEY_CUSTOM(C, "reservation", link.n_resv, parse_resv),
	INI_KEY_CUSTOM(C, "onlink", link.n_onlink, parse_onlink),
	INI_KEY_UINT(C, "preferred_lifetime", link.preferred, 60, 0x7fffffff,
		     "3600"),
	INI_KEY_UINT(C, "valid_lifetime", link.valid, 60, 0x7fffffff, "7200"),
	INI_KEY_UINT(C, "t1", link.t1, 0, 0x7fffffff, "0"),
	INI_KEY_UINT(C, "t2", link.t2, 0, 0x7fffffff, "0"),
	INI_KEY_CUSTOM(C, "dns", link.n_dns, parse_dns),
	INI_KEY_CUSTOM(C, "domain_search", link.domains_len, parse_domains),
	INI_KEY_BOOL(C, "rapid_commit", link.rapid_commit, "no"),
	INI_KEY_UINT(C, "sol_max_rt", link.sol_max_rt, 0, 86400, "0"),
	INI_KEY_UINT(C, "inf_max_rt", link.inf_max_rt, 0, 86400, "0"),
	INI_KEY_BOOL(C, "reconfigure", link.reconfigure, "no"),
	INI_KEY_CUSTOM(C, "upstream", relay.n_upstreams, parse_upstream),
	INI_KEY_CUSTOM(C, "interface_id", relay.interface_id_set, parse_iid),
	INI_KEY_CUSTOM(C, "remote_id", relay.rif.has_remote_id, parse_remote,
		       .def = "none"),
	INI_KEY_CUSTOM(C, "subscriber_id", relay.rif.subscriber_id_len,
		       parse_sub, .def = "none"),
	INI_KEY_CUSTOM(C, "link_address", relay.link_auto, parse_link,
		       .def = "auto"),
	INI_KEY_BOOL(C, "trust_relay", relay.rif.trust_relay, "no"),
	INI_KEY_BOOL(C, "client_lladdr", relay.rif.client_lladdr, "yes"),
	INI_KEY_UINT(C, "hop_limit", relay.rif.hop_limit, 1,
		     DHCP6_RELAY_HOPS_MAX, "8"),
	INI_KEY_IFNAME(C, "uplink", relay.uplink),
	{ NULL },
};
#undef C

/* Either relay: no server keys; the Interface-ID defaults to the name. */
static int relay_end(struct ini *ini, struct config_dhcp6 *c)
{
	const struct dhcp6_link_cfg *l = &c->link;
	struct dhcp6_relay_if *f = &c->relay.rif;

	if (l->n_ranges || l->n_pools || l->n_resv || l->n_dns ||
	    l->domains_len || l->n_onlink)
		return ini_fail(ini, "[dhcp6 %s]: a relay serves no range, "
				"pd_pool, reservation, onlink, dns or "
				"domain_search", c->ifname);
	if (!c->relay.interface_id_set) {
		f->interface_id_len = (uint16_t)strlen(c->ifname);
		memcpy(f->interface_id, c->ifname, f->interface_id_len);
	}
	return 0;
}

static int server_end(struct ini *ini, void *obj)
{
	struct config_dhcp6 *c = obj;
	struct dhcp6_link_cfg *l = &c->link;

	snprintf(l->ifname, sizeof(l->ifname), "%s", c->ifname);
	if (l->preferred > l->valid)
		return ini_fail(ini, "[dhcp6 %s]: preferred_lifetime is above "
				"valid_lifetime", c->ifname);
	if (l->t1 && l->t2 && l->t1 > l->t2)
		return ini_fail(ini, "[dhcp6 %s]: t1 is above t2", c->ifname);
	if ((l->sol_max_rt && l->sol_max_rt < 60) ||
	    (l->inf_max_rt && l->inf_max_rt < 60))
		return ini_fail(ini, "[dhcp6 %s]: sol_max_rt and inf_max_rt "
				"are 0 or 60..86400 (RFC 8415 §21.24)",
				c->ifname);
	if (c->mode == DHCP6_MODE_LDRA) {
		struct dhcp6_relay_if *f = &c->relay.rif;

		if (!c->relay.uplink[0])
			return ini_fail(ini, "[dhcp6 %s]: mode ldra needs an "
					"uplink (the network-facing port)",
					c->ifname);
		if (!strcmp(c->relay.uplink, c->ifname))
			return ini_fail(ini, "[dhcp6 %s]: the uplink is the "
					"client port itself", c->ifname);
		if (c->relay.n_upstreams || !c->relay.link_auto ||
		    f->trust_relay || f->hop_limit != DHCP6_RELAY_HOPS_MAX)
			return ini_fail(ini, "[dhcp6 %s]: a lightweight relay "
					"takes no upstream, link_address, "
					"trust_relay or hop_limit (RFC 6221: "
					"link-address ::, client ports "
					"untrusted)", c->ifname);
		return relay_end(ini, c);
	}
	if (c->relay.uplink[0])
		return ini_fail(ini, "[dhcp6 %s]: uplink is for mode ldra",
				c->ifname);
	if (c->mode == DHCP6_MODE_RELAY) {
		if (!c->relay.n_upstreams)
			return ini_fail(ini, "[dhcp6 %s]: a relay needs an "
					"upstream", c->ifname);
		return relay_end(ini, c);
	}
	if (c->relay.n_upstreams || c->relay.interface_id_set ||
	    c->relay.rif.has_remote_id || c->relay.rif.subscriber_id_len ||
	    c->relay.rif.trust_relay)
		return ini_fail(ini, "[dhcp6 %s]: upstream, interface_id, "
				"remote_id, subscriber_id and trust_relay are "
				"for mode relay", c->ifname);
	if (c->mode == DHCP6_MODE_SERVER && !l->n_ranges && !l->n_pools &&
	    !l->n_resv && !l->n_dns && !l->domains_len)
		return ini_fail(ini, "[dhcp6 %s]: a server needs a range, a "
				"pd_pool, a reservation, dns or "
				"domain_search", c->ifname);
	return 0;
}

const struct ini_section dhcp6_section = {
	.name = "dhcp6",
	.keys = server_keys,
	.size = sizeof(struct config_dhcp6),
	.arg = &server_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = DHCP6_SERVERS_MAX,
	.noun = "DHCPv6 server",
	.plural = "DHCPv6 servers",
	.line_offset = offsetof(struct config_dhcp6, line),
	.end = server_end,
};
