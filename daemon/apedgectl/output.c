// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output; see output.h.
 */
#include <inttypes.h>
#include <string.h>

#include <linux/apedge.h>

#include "output.h"

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

void json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
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
	"xid-transmit", "xid-inject", "xid-vlan", "xid-burst",
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

void out_port(struct out *o, const struct actl_port *port)
{
	struct jobj j;

	if (!o->json) {
		fprintf(o->f, "%u: %s role %s\n", port->ifindex, port->ifname,
			actl_role_name(port->role));
		return;
	}
	jbegin(&j, o, item(o));
	port_members(&j, port);
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
	jend(&j);
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
