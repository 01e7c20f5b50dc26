// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp4: apedged's DHCPv4 clients, through its control socket (apedged's
 * dhcp4/ctl.c).
 *
 *   dhcp4 show [dev IF]
 *   dhcp4 stats [dev IF]
 *   dhcp4 renew|rebind|release dev IF
 */
#include <stdio.h>
#include <string.h>

#include "apedgectl/cmd.h"

static int parse_dev(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, req->cmd != ACTL_CMD_DHCP4_SHOW &&
			     req->cmd != ACTL_CMD_DHCP4_STATS);
}

int dhcp4_line(const struct actl_req *req, char *buf, size_t size)
{
	static const char *const verbs[] = {
		[ACTL_CMD_DHCP4_SHOW] = "show",
		[ACTL_CMD_DHCP4_STATS] = "stats",
		[ACTL_CMD_DHCP4_RENEW] = "renew",
		[ACTL_CMD_DHCP4_REBIND] = "rebind",
		[ACTL_CMD_DHCP4_RELEASE] = "release",
	};

	if (req->cmd < ACTL_CMD_DHCP4_SHOW || req->cmd > ACTL_CMD_DHCP4_RELEASE)
		return -1;
	return actl_dev_line(buf, size, "dhcp4", verbs[req->cmd], req->ifname);
}

/* The strings of an array member, space-separated, "-" when none. */
static void list_text(const struct jv_doc *d, const struct jv *obj,
		      const char *key, char *buf, size_t size)
{
	const struct jv *a = jv_get(d, obj, key), *v;
	size_t used = 0;
	char s[300];

	snprintf(buf, size, "-");
	if (!a || a->type != JV_ARR)
		return;
	for (v = jv_first(d, a); v; v = jv_next(d, v)) {
		int k;

		actl_jv_text(v, s, sizeof(s));
		k = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
			     s);
		if (k < 0 || (size_t)k >= size - used)
			return;
		used += (size_t)k;
	}
}

void dhcp4_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c, *r, *routes;
	char a[300], b[300], x[64], y[64], z[64];

	for (c = jv_first(d, root); c; c = jv_next(d, c)) {
		const struct jv *bl = jv_get(d, c, "blocked");

		fprintf(f, "%s: %s", actl_jv_member(d, c, "ifname", a, sizeof(a)),
			actl_jv_member(d, c, "state", b, sizeof(b)));
		if (bl && bl->type == JV_STR)
			fprintf(f, " (blocked: %s)",
				actl_jv_member(d, c, "blocked", x, sizeof(x)));
		if (!jv_get(d, c, "address")) {
			fputc('\n', f);
			continue;
		}
		fprintf(f, " %s/%s from %s\n",
			actl_jv_member(d, c, "address", a, sizeof(a)),
			actl_jv_member(d, c, "plen", x, sizeof(x)),
			actl_jv_member(d, c, "server", b, sizeof(b)));
		fprintf(f, "    lease %ss, renew in %ss, rebind in %ss, "
			"expires in %ss\n",
			actl_jv_member(d, c, "lease_s", a, sizeof(a)),
			actl_jv_member(d, c, "renew_in_s", x, sizeof(x)),
			actl_jv_member(d, c, "rebind_in_s", y, sizeof(y)),
			actl_jv_member(d, c, "expires_in_s", z, sizeof(z)));
		list_text(d, c, "routers", a, sizeof(a));
		fprintf(f, "    routers %s", a);
		list_text(d, c, "dns", a, sizeof(a));
		fprintf(f, ", dns %s", a);
		fprintf(f, ", domain %s", actl_jv_member(d, c, "domain", a,
							 sizeof(a)));
		fprintf(f, ", mtu %s\n", actl_jv_member(d, c, "mtu", a,
							 sizeof(a)));
		list_text(d, c, "search", a, sizeof(a));
		if (strcmp(a, "-"))
			fprintf(f, "    search %s\n", a);
		routes = jv_get(d, c, "routes");
		for (r = routes ? jv_first(d, routes) : NULL; r;
		     r = jv_next(d, r))
			fprintf(f, "    route %s via %s\n",
				actl_jv_member(d, r, "dst", a, sizeof(a)),
				actl_jv_member(d, r, "gw", b, sizeof(b)));
	}
}

void dhcp4_stats_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c, *g, *v;
	char a[300], k[64], n[64];

	for (c = jv_first(d, root); c; c = jv_next(d, c)) {
		fprintf(f, "%s: %s\n",
			actl_jv_member(d, c, "ifname", a, sizeof(a)),
			actl_jv_member(d, c, "state", n, sizeof(n)));
		for (g = jv_first(d, c); g; g = jv_next(d, g)) {
			jv_key(g, k, sizeof(k));
			if (g->type == JV_NUM) {
				actl_jv_text(g, a, sizeof(a));
				fprintf(f, "    %-20s %12s\n", k, a);
			}
			if (g->type != JV_OBJ)
				continue;
			for (v = jv_first(d, g); v; v = jv_next(d, v)) {
				jv_key(v, n, sizeof(n));
				actl_jv_text(v, a, sizeof(a));
				fprintf(f, "    %-9s %-10s %12s\n", k, n, a);
			}
		}
	}
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, dhcp4_print_text, false);
}

static int stats_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, dhcp4_stats_print_text, false);
}

static int cmd_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, NULL, true);
}

static const struct actl_verb dhcp4_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_DHCP4_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = show_run, .args = "[dev IF]",
	},
	{
		.name = "list", .cmd = ACTL_CMD_DHCP4_SHOW,
		.flags = ACTL_VERB_DAEMON | ACTL_VERB_ALIAS, .min_args = 0,
		.max_args = 2, .parse = parse_dev, .run = show_run,
	},
	{
		.name = "stats", .cmd = ACTL_CMD_DHCP4_STATS,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = stats_run, .args = "[dev IF]",
	},
	{
		.name = "renew", .cmd = ACTL_CMD_DHCP4_RENEW,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_dev, .run = cmd_run, .args = "dev IF",
	},
	{
		.name = "rebind", .cmd = ACTL_CMD_DHCP4_REBIND,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_dev, .run = cmd_run, .args = "dev IF",
	},
	{
		.name = "release", .cmd = ACTL_CMD_DHCP4_RELEASE,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_dev, .run = cmd_run, .args = "dev IF",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_dhcp4 = {
	.name = "dhcp4", .flags = ACTL_OBJ_EXACT,
	.default_verb = "show", .verbs = dhcp4_verbs,
	.help = "apedged's DHCPv4 clients: their leases and counters; "
		"renew, rebind or release a lease",
};
