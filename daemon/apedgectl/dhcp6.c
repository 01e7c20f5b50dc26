// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6: apedged's DHCPv6 server and relay, through its control socket
 * (apedged's dhcp6/ctl.c).
 *
 *   dhcp6 show [dev IF]
 *   dhcp6 leases [dev IF]       page after page ("from N"), as one list
 *   dhcp6 stats
 *   dhcp6 lease del ADDRESS | PREFIX/LEN
 *   dhcp6 reconfigure ADDRESS | PREFIX/LEN [renew|rebind|info]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apedgectl/cmd.h"
#include "apedgectl/ctl.h"
#include "lib/ctrl.h"

static int parse_dev(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, false);
}

static int parse_none(struct actl_parser *p, struct actl_req *req)
{
	const char *raw = actl_next(p);

	if (raw)
		return actl_fail(p, "%s: unexpected \"%s\"",
				 actl_cmd_name(req->cmd), raw);
	return 0;
}

/* ADDRESS[/PLEN] of "dhcp6 WHAT": hex digits, ':', '.', '/' only. */
static int parse_lease_addr(struct actl_parser *p, struct actl_req *req,
			    const char *what, const char *a)
{
	const char *s;

	if (strlen(a) >= sizeof(req->dhcp6_lease))
		return actl_fail(p, "dhcp6 %s: \"%s\" is too long", what, a);
	for (s = a; *s; s++)
		if (!strchr("0123456789abcdefABCDEF:./", *s))
			return actl_fail(p, "dhcp6 %s: \"%s\" is not an IPv6 "
					 "address or prefix", what, a);
	snprintf(req->dhcp6_lease, sizeof(req->dhcp6_lease), "%s", a);
	return 0;
}

/* del ADDRESS[/PLEN] */
static int parse_del(struct actl_parser *p, struct actl_req *req)
{
	const char *kw = actl_next(p), *a = actl_next(p);

	if (!kw || strcmp(kw, "del") || !a || actl_next(p))
		return actl_fail(p, "dhcp6 lease: expected del ADDRESS or "
				 "del PREFIX/LEN");
	return parse_lease_addr(p, req, "lease del", a);
}

/* reconfigure ADDRESS[/PLEN] [renew|rebind|info] */
static int parse_reconf(struct actl_parser *p, struct actl_req *req)
{
	static const char *const whats[] = { "renew", "rebind", "info" };
	const char *a = actl_next(p), *w = actl_next(p);
	unsigned int i;
	int r;

	if (!a || actl_next(p))
		return actl_fail(p, "dhcp6 reconfigure: expected ADDRESS or "
				 "PREFIX/LEN, then renew, rebind or info");
	r = parse_lease_addr(p, req, "reconfigure", a);
	if (r)
		return r;
	req->dhcp6_what = whats[0];
	if (!w)
		return 0;
	for (i = 0; i < 3; i++)
		if (!strcmp(w, whats[i])) {
			req->dhcp6_what = whats[i];
			return 0;
		}
	return actl_fail(p, "dhcp6 reconfigure: \"%s\": use renew, rebind "
			 "or info", w);
}

int dhcp6_line(const struct actl_req *req, char *buf, size_t size)
{
	int n;

	switch (req->cmd) {
	case ACTL_CMD_DHCP6_SHOW:
		return actl_dev_line(buf, size, "dhcp6", "show", req->ifname);
	case ACTL_CMD_DHCP6_LEASES:
		return actl_dev_line(buf, size, "dhcp6", "leases", req->ifname);
	case ACTL_CMD_DHCP6_STATS:
		n = snprintf(buf, size, "dhcp6 stats\n");
		break;
	case ACTL_CMD_DHCP6_LEASE_DEL:
		n = snprintf(buf, size, "dhcp6 lease del %s\n",
			     req->dhcp6_lease);
		break;
	case ACTL_CMD_DHCP6_RECONFIGURE:
		n = snprintf(buf, size, "dhcp6 reconfigure %s %s\n",
			     req->dhcp6_lease, req->dhcp6_what);
		break;
	default:
		return -1;
	}
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* One line an interface: "vs server", or "eth0 relay up 2001:db8::1,..
 * link 2001:db8:1::1 interface-id 65746830 ...". */
void dhcp6_show_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *ifs = jv_get(d, jv_root(d), "interfaces"), *i, *u;
	static const char *const keys[] = {
		"link_address", "interface_id", "remote_enterprise",
		"remote_id", "subscriber_id", "trust_relay", "hop_limit",
	};
	char a[300], b[64];
	unsigned int k;

	if (!ifs)
		return;
	for (i = jv_first(d, ifs); i; i = jv_next(d, i)) {
		fprintf(f, "%s %s", actl_jv_member(d, i, "ifname", a, sizeof(a)),
			actl_jv_member(d, i, "mode", b, sizeof(b)));
		if (!strcmp(actl_jv_member(d, i, "present", b, sizeof(b)),
			    "false"))
			fprintf(f, " (absent)");
		u = jv_get(d, i, "upstreams");
		if (u) {
			const struct jv *x;
			const char *sep = " upstream ";

			for (x = jv_first(d, u); x; x = jv_next(d, x)) {
				actl_jv_text(x, a, sizeof(a));
				fprintf(f, "%s%s", sep, a);
				sep = ",";
			}
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
				const struct jv *v = jv_get(d, i, keys[k]);
				char name[32], *c;

				if (!v)
					continue;
				snprintf(name, sizeof(name), "%s", keys[k]);
				for (c = name; *c; c++)
					if (*c == '_')
						*c = '-';
				actl_jv_text(v, a, sizeof(a));
				fprintf(f, " %s %s", name, a);
			}
		}
		fputc('\n', f);
	}
}

void dhcp6_leases_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *leases = jv_get(d, jv_root(d), "leases"), *l;
	char a[300], b[300], c[64], x[64], y[64], z[64], w[64];

	if (!leases)
		return;
	for (l = jv_first(d, leases); l; l = jv_next(d, l))
		fprintf(f, "%s %s %s/%s duid %s iaid %s %s valid %s "
			"remaining %s\n",
			actl_jv_member(d, l, "ifname", c, sizeof(c)),
			actl_jv_member(d, l, "kind", x, sizeof(x)),
			actl_jv_member(d, l, "address", a, sizeof(a)),
			actl_jv_member(d, l, "plen", y, sizeof(y)),
			actl_jv_member(d, l, "duid", b, sizeof(b)),
			actl_jv_member(d, l, "iaid", z, sizeof(z)),
			actl_jv_member(d, l, "state", w, sizeof(w)),
			actl_jv_member(d, l, "valid", c, sizeof(c)),
			actl_jv_member(d, l, "remaining", x, sizeof(x)));
}

void dhcp6_stats_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *g, *v;
	char a[64], k[64], n[64];

	for (g = jv_first(d, root); g; g = jv_next(d, g)) {
		jv_key(g, k, sizeof(k));
		if (g->type != JV_OBJ)
			continue;
		for (v = jv_first(d, g); v; v = jv_next(d, v)) {
			jv_key(v, n, sizeof(n));
			actl_jv_text(v, a, sizeof(a));
			fprintf(f, "%-10s %-22s %12s\n", k, n, a);
		}
	}
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, dhcp6_show_print_text, false);
}

/*
 * The daemon sends the leases a page at a time (apedged's dhcp6/ctl.h):
 * ask for each in turn on one connection, and print them as one list,
 * {"leases": [...]} with -j, as they come.
 */
static int leases_run(struct actl_ctx *ctx)
{
	const struct actl_req *req = ctx->req;
	const char *path = req->ctrl_path ? req->ctrl_path : APEDGE_CTRL_PATH;
	const char *body;
	const struct jv *arr, *l, *next;
	struct jv_doc d;
	char line[128], *buf = NULL;
	uint64_t from = 0;
	bool first = true;
	int fd, err = 0, n, rc = 1;

	fd = actl_ctl_connect(path);
	if (fd < 0) {
		actl_ctl_report("dhcp6 leases", path, fd);
		return 1;
	}
	if (req->json)
		fputs("{\"leases\":[", stdout);
	for (;;) {
		n = snprintf(line, sizeof(line), "dhcp6 leases%s%s from %" PRIu64
			     "\n", req->ifname[0] ? " dev " : "", req->ifname,
			     from);
		if (n < 0 || (size_t)n >= sizeof(line))
			break;
		err = actl_ctl_talk(fd, line, &buf);
		if (err) {
			actl_ctl_report("dhcp6 leases", path, err);
			break;
		}
		if (actl_ctl_split(buf, &body) != 1) {
			fprintf(stderr, "apedgectl: dhcp6 leases: %s%s", body,
				body[0] && body[strlen(body) - 1] == '\n' ?
				"" : "\n");
			break;
		}
		if (jv_parse(body, strlen(body), &d) < 0 ||
		    jv_root(&d)->type != JV_OBJ ||
		    !(arr = jv_get(&d, jv_root(&d), "leases")) ||
		    arr->type != JV_ARR) {
			jv_free(&d);
			fprintf(stderr, "apedgectl: dhcp6 leases: malformed "
				"reply from apedged\n");
			break;
		}
		if (req->json) {
			for (l = jv_first(&d, arr); l; l = jv_next(&d, l)) {
				if (!first)
					putchar(',');
				fwrite(l->s, 1, l->len, stdout);
				first = false;
			}
		} else {
			dhcp6_leases_print_text(stdout, &d);
		}
		next = jv_get(&d, jv_root(&d), "next");
		/* A cursor must move on, or a broken daemon loops us. */
		if (!next || next->type != JV_NUM || jv_u64(next) <= from) {
			rc = next ? 1 : 0;
			if (next)
				fprintf(stderr, "apedgectl: dhcp6 leases: "
					"the daemon's cursor went back\n");
			jv_free(&d);
			break;
		}
		from = jv_u64(next);
		jv_free(&d);
		free(buf);
		buf = NULL;
	}
	free(buf);
	close(fd);
	if (req->json)
		fputs("]}\n", stdout);
	return rc;
}

static int stats_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, dhcp6_stats_print_text, false);
}

static int cmd_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, NULL, true);
}

static const struct actl_verb dhcp6_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_DHCP6_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = show_run, .args = "[dev IF]",
	},
	{
		.name = "leases", .cmd = ACTL_CMD_DHCP6_LEASES,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = leases_run, .args = "[dev IF]",
	},
	{
		.name = "stats", .cmd = ACTL_CMD_DHCP6_STATS,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.parse = parse_none, .run = stats_run,
	},
	{
		.name = "lease", .cmd = ACTL_CMD_DHCP6_LEASE_DEL,
		.title = "dhcp6 lease del",
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_del, .run = cmd_run,
		.args = "del ADDRESS|PREFIX/LEN",
	},
	{
		.name = "reconfigure", .cmd = ACTL_CMD_DHCP6_RECONFIGURE,
		.flags = ACTL_VERB_DAEMON, .min_args = 1, .max_args = 2,
		.parse = parse_reconf, .run = cmd_run,
		.args = "ADDRESS|PREFIX/LEN [renew|rebind|info]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_dhcp6 = {
	.name = "dhcp6", .flags = ACTL_OBJ_EXACT,
	.default_verb = "leases", .verbs = dhcp6_verbs,
	.help = "apedged's DHCPv6 server and relay: its interfaces, leases "
		"and counters; remove a lease; ask a client to come back "
		"(RECONFIGURE)",
};
