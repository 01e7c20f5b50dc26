// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output; see output.h.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/output.h"

void out_init(struct out *o, FILE *f, bool json, bool pretty)
{
	o->f = f;
	o->json = json;
	o->pretty = json && pretty;
	o->n = 0;
}

const char *actl_role_name(unsigned int role)
{
	switch (role) {
	case APEDGE_PORT_ROLE_UNTRUSTED: return "untrusted";
	case APEDGE_PORT_ROLE_TRUSTED: return "trusted";
	}
	return "unknown";
}

static const char *const class_names[] = {
	[APEDGE_POLICY_CLASS_DHCPV4_CLIENT] = "dhcpv4-client",
	[APEDGE_POLICY_CLASS_DHCPV4_SERVER] = "dhcpv4-server",
	[APEDGE_POLICY_CLASS_DHCPV6_CLIENT] = "dhcpv6-client",
	[APEDGE_POLICY_CLASS_DHCPV6_SERVER] = "dhcpv6-server",
	[APEDGE_POLICY_CLASS_DHCPV6_RELAY_FORW] = "dhcpv6-relay-forw",
	[APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL] = "dhcpv6-relay-repl",
	[APEDGE_POLICY_CLASS_ND_RS] = "nd-rs",
	[APEDGE_POLICY_CLASS_ND_RA] = "nd-ra",
	[APEDGE_POLICY_CLASS_ND_NS] = "nd-ns",
	[APEDGE_POLICY_CLASS_ND_NA] = "nd-na",
	[APEDGE_POLICY_CLASS_ND_REDIRECT] = "nd-redirect",
	[APEDGE_POLICY_CLASS_MALFORMED] = "malformed",
};

static const char *const verdict_names[] = {
	[APEDGE_VERDICT_PASS] = "pass",
	[APEDGE_VERDICT_DROP] = "drop",
	[APEDGE_VERDICT_COPY] = "copy",
	[APEDGE_VERDICT_REDIRECT] = "redirect",
};

static const char *const direction_names[] = {
	[APEDGE_DIRECTION_INGRESS] = "ingress",
	[APEDGE_DIRECTION_EGRESS] = "egress",
};

static const char *const reason_names[] = {
	[APEDGE_MALFORMED_REASON_VLAN] = "vlan",
	[APEDGE_MALFORMED_REASON_IP4] = "ip4",
	[APEDGE_MALFORMED_REASON_IP6] = "ip6",
	[APEDGE_MALFORMED_REASON_EXTHDR] = "exthdr",
	[APEDGE_MALFORMED_REASON_EXTHDR_LIMIT] = "exthdr-limit",
	[APEDGE_MALFORMED_REASON_FRAG_NOL4] = "frag-nol4",
	[APEDGE_MALFORMED_REASON_UDP] = "udp",
	[APEDGE_MALFORMED_REASON_DHCPV4] = "dhcpv4",
	[APEDGE_MALFORMED_REASON_DHCPV6] = "dhcpv6",
	[APEDGE_MALFORMED_REASON_ICMPV6] = "icmpv6",
};

#define NAME(tab, v) \
	((v) < sizeof(tab) / sizeof(tab[0]) ? tab[v] : NULL)

const char *actl_class_name(unsigned int class)
{
	return NAME(class_names, class);
}

const char *actl_verdict_name(unsigned int verdict)
{
	return NAME(verdict_names, verdict);
}

const char *actl_direction_name(unsigned int dir)
{
	return NAME(direction_names, dir);
}

const char *actl_reason_name(unsigned int reason)
{
	return NAME(reason_names, reason);
}

static unsigned int lookup(const char *const *tab, unsigned int n,
			   const char *name)
{
	unsigned int i;

	for (i = 1; i < n; i++)
		if (tab[i] && !strcmp(tab[i], name))
			return i;
	return 0;
}

unsigned int actl_class_value(const char *name)
{
	return lookup(class_names, sizeof(class_names) / sizeof(class_names[0]),
		      name);
}

unsigned int actl_verdict_value(const char *name)
{
	return lookup(verdict_names,
		      sizeof(verdict_names) / sizeof(verdict_names[0]), name);
}

/* A name, or the number for a value this tool does not know yet. */
static const char *name_or_num(const char *name, unsigned int v, char *buf,
			       size_t len)
{
	if (name)
		return name;
	snprintf(buf, len, "%u", v);
	return buf;
}

/*
 * The length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0 if there is none.
 */
static unsigned int utf8_len(const unsigned char *p)
{
	unsigned int n, i;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	/* A NUL ends the string, and is not a continuation byte. */
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

/*
 * Interface names are bytes, not text: a byte that is not part of valid
 * UTF-8 is written as U+FFFD, so that the output stays valid JSON.
 */
void json_string(FILE *f, const char *s)
{
	const unsigned char *p;
	unsigned int n;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p += n) {
		n = 1;
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(f, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, f);
			} else if ((n = utf8_len(p))) {
				fwrite(p, 1, n, f);
			} else {
				fputs("\\ufffd", f);
				n = 1;
			}
		}
	}
	fputc('"', f);
}

/*
 * A flat JSON object, written a member at a time.  Pretty output indents
 * members by depth + 1 levels of two spaces.
 */
struct jobj {
	struct out *o;
	unsigned int depth;
	unsigned int members;
};

static void jnewline(const struct jobj *j, unsigned int depth)
{
	unsigned int i;

	if (!j->o->pretty)
		return;
	fputc('\n', j->o->f);
	for (i = 0; i < depth; i++)
		fputs("  ", j->o->f);
}

static void jbegin(struct jobj *j, struct out *o, unsigned int depth)
{
	j->o = o;
	j->depth = depth;
	j->members = 0;
	fputc('{', o->f);
}

static void jkey(struct jobj *j, const char *key)
{
	if (j->members++)
		fputc(',', j->o->f);
	jnewline(j, j->depth + 1);
	json_string(j->o->f, key);
	fputs(j->o->pretty ? ": " : ":", j->o->f);
}

static void jstr(struct jobj *j, const char *key, const char *val)
{
	jkey(j, key);
	json_string(j->o->f, val);
}

static void ju64(struct jobj *j, const char *key, uint64_t val)
{
	jkey(j, key);
	fprintf(j->o->f, "%" PRIu64, val);
}

static void jend(struct jobj *j)
{
	if (j->members)
		jnewline(j, j->depth);
	fputc('}', j->o->f);
}

/* Before an object: a comma and indentation inside a list. */
static unsigned int item(struct out *o)
{
	if (o->n++)
		fputc(',', o->f);
	if (o->pretty)
		fputs("\n  ", o->f);
	return 1;
}

void out_list_begin(struct out *o, const char *text_header)
{
	o->n = 0;
	if (o->json)
		fputc('[', o->f);
	else if (text_header)
		fprintf(o->f, "%s\n", text_header);
}

void out_list_end(struct out *o)
{
	if (!o->json)
		return;
	if (o->pretty && o->n)
		fputc('\n', o->f);
	fputs("]\n", o->f);
}

static const char *const feature_names[] = {
	"xid-transmit", "xid-inject", "xid-vlan", "xid-burst", "guard", "punt",
	"bindings", "source-guard",
};

void out_info(struct out *o, const struct actl_info *info)
{
	unsigned int i, n = 0;
	struct jobj j;

	if (!o->json) {
		fprintf(o->f, "version %s\nfeatures", info->version);
		for (i = 0; i < 32; i++) {
			if (!(info->features & (1u << i)))
				continue;
			if (i < sizeof(feature_names) / sizeof(feature_names[0]))
				fprintf(o->f, " %s", feature_names[i]);
			else
				fprintf(o->f, " bit%u", i);
		}
		fputc('\n', o->f);
		return;
	}
	jbegin(&j, o, 0);
	jstr(&j, "version", info->version);
	jkey(&j, "features");
	fputc('[', o->f);
	for (i = 0; i < 32; i++) {
		char name[8];

		if (!(info->features & (1u << i)))
			continue;
		if (n++)
			fputs(o->pretty ? ", " : ",", o->f);
		if (i < sizeof(feature_names) / sizeof(feature_names[0])) {
			json_string(o->f, feature_names[i]);
		} else {
			snprintf(name, sizeof(name), "bit%u", i);
			json_string(o->f, name);
		}
	}
	fputc(']', o->f);
	jend(&j);
	fputc('\n', o->f);
}

static void port_members(struct jobj *j, const struct actl_port *port)
{
	ju64(j, "ifindex", port->ifindex);
	jstr(j, "ifname", port->ifname);
	jstr(j, "role", actl_role_name(port->role));
}

/* {"class": "verdict", ...} of the classes the module reported. */
static void port_policy(struct jobj *j, const struct actl_port *port)
{
	struct jobj p;
	char a[16], b[16];
	unsigned int c;

	if (!port->npolicy)
		return;
	jkey(j, "policy");
	jbegin(&p, j->o, j->depth + 1);
	for (c = 1; c < ACTL_CLASS_MAX; c++)
		if (port->policy[c])
			jstr(&p, name_or_num(actl_class_name(c), c, a, sizeof(a)),
			     name_or_num(actl_verdict_name(port->policy[c]),
					 port->policy[c], b, sizeof(b)));
	jend(&p);
}

void out_port(struct out *o, const struct actl_port *port)
{
	struct jobj j;

	unsigned int c, n = 0;
	char a[16];

	if (!o->json) {
		fprintf(o->f, "%u: %s role %s%s\n", port->ifindex, port->ifname,
			actl_role_name(port->role),
			port->source_guard ? " source-guard on" : "");
		for (c = 1; c < ACTL_CLASS_MAX; c++) {
			if (port->policy[c] != APEDGE_VERDICT_DROP)
				continue;
			fprintf(o->f, "%s%s", n++ ? " " : "    drop ",
				name_or_num(actl_class_name(c), c, a, sizeof(a)));
		}
		if (n)
			fputc('\n', o->f);
		return;
	}
	jbegin(&j, o, item(o));
	port_members(&j, port);
	port_policy(&j, port);
	if (port->has_punt_rate)
		ju64(&j, "punt_rate", port->punt_rate);
	if (port->has_source_guard)
		jstr(&j, "source_guard", port->source_guard ? "on" : "off");
	jend(&j);
}

void out_stats(struct out *o, const struct actl_stats *st)
{
	struct jobj j;

	if (!o->json) {
		fprintf(o->f, "%-16s %7u %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
			st->ifname, st->ifindex, st->xid_transmit,
			st->xid_inject, st->xid_errors);
		return;
	}
	jbegin(&j, o, item(o));
	ju64(&j, "ifindex", st->ifindex);
	jstr(&j, "ifname", st->ifname);
	ju64(&j, "xid_transmit", st->xid_transmit);
	ju64(&j, "xid_inject", st->xid_inject);
	ju64(&j, "xid_errors", st->xid_errors);
	ju64(&j, "punt_sent", st->punt_sent);
	ju64(&j, "punt_ratelimited", st->punt_ratelimited);
	ju64(&j, "punt_overflow", st->punt_overflow);
	ju64(&j, "sg_drop_ipv4", st->sg_ipv4);
	ju64(&j, "sg_drop_ipv6", st->sg_ipv6);
	ju64(&j, "sg_drop_arp", st->sg_arp);
	ju64(&j, "sg_drop_nd", st->sg_nd);
	if (st->ncounters) {
		unsigned int i;

		jkey(&j, "counters");
		fputc('[', o->f);
		for (i = 0; i < st->ncounters; i++) {
			const struct actl_counter *c = &st->counters[i];
			struct jobj cj;
			char a[16];

			if (i)
				fputc(',', o->f);
			if (o->pretty)
				fputs("\n      ", o->f);
			jbegin(&cj, o, 3);
			jstr(&cj, "direction", name_or_num(actl_direction_name(c->direction),
							   c->direction, a, sizeof(a)));
			jstr(&cj, "class", name_or_num(actl_class_name(c->class),
						       c->class, a, sizeof(a)));
			if (c->verdict)
				jstr(&cj, "verdict", name_or_num(actl_verdict_name(c->verdict),
								 c->verdict, a, sizeof(a)));
			if (c->reason)
				jstr(&cj, "reason", name_or_num(actl_reason_name(c->reason),
								c->reason, a, sizeof(a)));
			ju64(&cj, "packets", c->packets);
			jend(&cj);
		}
		if (o->pretty)
			fputs("\n    ", o->f);
		fputc(']', o->f);
	}
	jend(&j);
}

/* The guard's counters of one port, one line each, after the table. */
void out_counters(struct out *o, const struct actl_stats *st)
{
	unsigned int i;
	char a[16], b[16], c2[16];

	if (o->json)
		return;
	for (i = 0; i < st->ncounters; i++) {
		const struct actl_counter *c = &st->counters[i];

		fprintf(o->f, "%-16s %-7s %-17s %-9s %14" PRIu64 "\n", st->ifname,
			name_or_num(actl_direction_name(c->direction), c->direction, a, sizeof(a)),
			name_or_num(actl_class_name(c->class), c->class, b, sizeof(b)),
			c->verdict ? name_or_num(actl_verdict_name(c->verdict), c->verdict, c2, sizeof(c2)) :
			name_or_num(actl_reason_name(c->reason), c->reason, c2, sizeof(c2)),
			c->packets);
	}
}

void out_event(struct out *o, const char *event, const struct actl_port *port)
{
	struct out line = *o;
	struct jobj j;

	if (!o->json) {
		fprintf(o->f, "%s %u: %s role %s\n", event, port->ifindex,
			port->ifname, actl_role_name(port->role));
		fflush(o->f);
		return;
	}
	/* One compact object per line, whatever -p says. */
	line.pretty = false;
	jbegin(&j, &line, 0);
	jstr(&j, "event", event);
	port_members(&j, port);
	jend(&j);
	fputc('\n', o->f);
	fflush(o->f);
}

void out_punt(struct out *o, const struct actl_punt *punt, const char *ifname)
{
	char a[16], b[16], c[16], dev[24];
	const char *dir, *cls, *verdict;
	struct out line = *o;
	struct jobj j;
	uint32_t i;

	dir = name_or_num(actl_direction_name(punt->direction),
			  punt->direction, a, sizeof(a));
	cls = name_or_num(actl_class_name(punt->class), punt->class, b,
			  sizeof(b));
	verdict = name_or_num(actl_verdict_name(punt->verdict), punt->verdict,
			      c, sizeof(c));
	if (!o->json) {
		if (ifname && *ifname)
			snprintf(dev, sizeof(dev), "%s", ifname);
		else
			snprintf(dev, sizeof(dev), "if%u", punt->ifindex);
		fprintf(o->f, "punt %u: %s %s %s %s %u bytes\n", punt->ifindex,
			dev, dir, cls, verdict, punt->len);
		fflush(o->f);
		return;
	}
	line.pretty = false;
	jbegin(&j, &line, 0);
	jstr(&j, "event", "punt");
	ju64(&j, "ifindex", punt->ifindex);
	if (ifname && *ifname)
		jstr(&j, "ifname", ifname);
	jstr(&j, "direction", dir);
	jstr(&j, "class", cls);
	jstr(&j, "verdict", verdict);
	ju64(&j, "len", punt->len);
	jkey(&j, "packet");
	fputc('"', o->f);
	for (i = 0; i < punt->caplen; i++)
		fprintf(o->f, "%02x", punt->packet[i]);
	fputc('"', o->f);
	jend(&j);
	fputc('\n', o->f);
	fflush(o->f);
}

static void jtext(const struct jv *v, char *buf, size_t size)
{
	size_t n;

	if (!v) {
		snprintf(buf, size, "-");
		return;
	}
	switch (v->type) {
	case JV_STR:
		jv_str(v, buf, size);
		return;
	case JV_NUM:
		n = v->len < size ? v->len : size - 1;
		memcpy(buf, v->s, n);
		buf[n] = '\0';
		return;
	case JV_BOOL:
		snprintf(buf, size, "%s", v->b ? "yes" : "no");
		return;
	default:
		snprintf(buf, size, "-");
	}
}

/* The text of one member of obj, "-" when absent. */
static const char *member(const struct jv_doc *d, const struct jv *obj,
			  const char *key, char *buf, size_t size)
{
	jtext(jv_get(d, obj, key), buf, size);
	return buf;
}

void out_iapp_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *sent, *recv, *v, *c;
	char a[64], b[64], k[64];

	fprintf(f, "iapp %s", member(d, root, "enabled", a, sizeof(a)));
	if (jv_get(d, root, "interface") &&
	    jv_get(d, root, "interface")->type == JV_STR)
		fprintf(f, " on %s", member(d, root, "interface", a, sizeof(a)));
	fprintf(f, ", listening %s", member(d, root, "listening", a, sizeof(a)));
	fprintf(f, ", port %s", member(d, root, "port", a, sizeof(a)));
	fprintf(f, ", ttl %s", member(d, root, "ttl", a, sizeof(a)));
	fprintf(f, ", auth %s", member(d, root, "auth", a, sizeof(a)));
	fprintf(f, ", kick %s\n", member(d, root, "kick-method", a, sizeof(a)));
	fprintf(f, "%s station(s), %s cached, %s BSSID(s) mapped, "
		"%s connection(s)\n",
		member(d, root, "stations", a, sizeof(a)),
		member(d, root, "cached", b, sizeof(b)),
		member(d, root, "bssids", k, sizeof(k)),
		member(d, root, "connections", k + 32, 32));

	sent = jv_get(d, root, "sent");
	recv = jv_get(d, root, "received");
	fprintf(f, "\n%-16s %12s %12s\n", "MESSAGE", "SENT", "RECEIVED");
	for (c = jv_first(d, sent); c; c = jv_next(d, c)) {
		jv_key(c, k, sizeof(k));
		jtext(c, a, sizeof(a));
		fprintf(f, "%-16s %12s %12s\n", k, a,
			member(d, recv, k, b, sizeof(b)));
	}
	fprintf(f, "\n%-16s %-20s %12s\n", "GROUP", "OUTCOME", "COUNT");
	for (v = jv_first(d, root); v; v = jv_next(d, v)) {
		char g[32];

		jv_key(v, g, sizeof(g));
		if (v->type == JV_NUM && strcmp(g, "port") && strcmp(g, "ttl") &&
		    strcmp(g, "bssids") && strcmp(g, "stations") &&
		    strcmp(g, "cached") && strcmp(g, "connections")) {
			jtext(v, a, sizeof(a));
			fprintf(f, "%-16s %-20s %12s\n", g, "-", a);
		}
		if (v->type != JV_OBJ || v == sent || v == recv)
			continue;
		for (c = jv_first(d, v); c; c = jv_next(d, c)) {
			jv_key(c, k, sizeof(k));
			jtext(c, a, sizeof(a));
			fprintf(f, "%-16s %-20s %12s\n", g, k, a);
		}
	}
}

void out_stas_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *list = jv_get(d, jv_root(d), "stations"), *s, *c;
	char mac[32], ifn[32], st[32], vlan[16], seq[16], prev[32], a[64];

	fprintf(f, "%-17s  %-15s  %-10s  %4s  %5s  %-17s  %s\n", "STATION",
		"IFNAME", "STATE", "VLAN", "SEQ", "PREV-AP", "ADDRESSES");
	for (s = jv_first(d, list); s; s = jv_next(d, s)) {
		const struct jv *fetched = jv_get(d, s, "context_fetched");
		bool any = false;

		fprintf(f, "%-17s  %-15s  %-10s  %4s  %5s  %-17s  ",
			member(d, s, "mac", mac, sizeof(mac)),
			member(d, s, "ifname", ifn, sizeof(ifn)),
			member(d, s, "state", st, sizeof(st)),
			member(d, s, "vlan", vlan, sizeof(vlan)),
			member(d, s, "seq", seq, sizeof(seq)),
			member(d, s, "prev_ap", prev, sizeof(prev)));
		for (c = jv_first(d, jv_get(d, s, "ipv4")); c; c = jv_next(d, c)) {
			jtext(c, a, sizeof(a));
			fprintf(f, "%s%s", any ? " " : "", a);
			any = true;
		}
		for (c = jv_first(d, jv_get(d, s, "ipv6")); c; c = jv_next(d, c)) {
			jtext(c, a, sizeof(a));
			fprintf(f, "%s%s", any ? " " : "", a);
			any = true;
		}
		if (!any)
			fputc('-', f);
		if (fetched && fetched->type == JV_BOOL && fetched->b)
			fputs(" (fetched)", f);
		fputc('\n', f);
	}
}

void out_sg(struct out *o, const struct actl_stats *st)
{
	if (o->json || !(st->sg_ipv4 | st->sg_ipv6 | st->sg_arp | st->sg_nd))
		return;
	fprintf(o->f, "%-16s %14" PRIu64 " %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
		st->ifname, st->sg_ipv4, st->sg_ipv6, st->sg_arp, st->sg_nd);
}

static const char *origin_name(uint32_t origin)
{
	switch (origin) {
	case APEDGE_BINDING_ORIGIN_SNOOPED: return "snooped";
	case APEDGE_BINDING_ORIGIN_STATIC: return "static";
	}
	return "unknown";
}

void out_binding(struct out *o, const struct actl_binding *b,
		 const char *ifname)
{
	char ip[INET6_ADDRSTRLEN] = "?", mac[18];
	struct jobj j;

	inet_ntop(b->family, b->addr, ip, sizeof(ip));
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
		 b->mac[0], b->mac[1], b->mac[2], b->mac[3], b->mac[4],
		 b->mac[5]);
	if (!o->json) {
		fprintf(o->f, "%s lladdr %s dev ", ip, mac);
		if (*ifname)
			fputs(ifname, o->f);
		else
			fprintf(o->f, "if%u", b->ifindex);
		if (b->has_lifetime)
			fprintf(o->f, " lifetime %u", b->lifetime);
		else
			fputs(" permanent", o->f);
		fprintf(o->f, " %s\n", origin_name(b->origin));
		return;
	}
	jbegin(&j, o, item(o));
	jstr(&j, "ip", ip);
	jstr(&j, "mac", mac);
	ju64(&j, "ifindex", b->ifindex);
	if (*ifname)
		jstr(&j, "ifname", ifname);
	if (b->has_lifetime)
		ju64(&j, "lifetime", b->lifetime);
	jstr(&j, "origin", origin_name(b->origin));
	jend(&j);
}

void out_binding_config(struct out *o, const struct actl_binding_config *c)
{
	struct jobj j;

	if (!o->json) {
		fprintf(o->f, "limit %u count %u refused %" PRIu64
			" snooped %" PRIu64 " snoop-overflow %" PRIu64 "\n",
			c->limit, c->count, c->refused, c->snooped,
			c->snoop_overflow);
		return;
	}
	jbegin(&j, o, 0);
	ju64(&j, "limit", c->limit);
	ju64(&j, "count", c->count);
	ju64(&j, "refused", c->refused);
	ju64(&j, "snooped", c->snooped);
	ju64(&j, "snoop_overflow", c->snoop_overflow);
	jend(&j);
	fputc('\n', o->f);
}
