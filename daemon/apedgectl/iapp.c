// SPDX-License-Identifier: GPL-2.0
/*
 * iapp: apedged's IAPP engine (IEEE 802.11F), through its control socket.
 *
 *   iapp show
 */
#include <stdio.h>
#include <string.h>

#include "apedgectl/cmd.h"

void iapp_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *sent, *recv, *v, *c;
	char a[64], b[64], k[64];

	fprintf(f, "iapp %s", actl_jv_member(d, root, "enabled", a, sizeof(a)));
	if (jv_get(d, root, "interface") &&
	    jv_get(d, root, "interface")->type == JV_STR)
		fprintf(f, " on %s", actl_jv_member(d, root, "interface", a, sizeof(a)));
	fprintf(f, ", listening %s", actl_jv_member(d, root, "listening", a, sizeof(a)));
	fprintf(f, ", port %s", actl_jv_member(d, root, "port", a, sizeof(a)));
	fprintf(f, ", ttl %s", actl_jv_member(d, root, "ttl", a, sizeof(a)));
	fprintf(f, ", auth %s", actl_jv_member(d, root, "auth", a, sizeof(a)));
	fprintf(f, ", kick %s\n", actl_jv_member(d, root, "kick-method", a, sizeof(a)));
	fprintf(f, "%s station(s), %s cached, %s BSSID(s) mapped, "
		"%s connection(s)\n",
		actl_jv_member(d, root, "stations", a, sizeof(a)),
		actl_jv_member(d, root, "cached", b, sizeof(b)),
		actl_jv_member(d, root, "bssids", k, sizeof(k)),
		actl_jv_member(d, root, "connections", k + 32, 32));

	sent = jv_get(d, root, "sent");
	recv = jv_get(d, root, "received");
	fprintf(f, "\n%-16s %12s %12s\n", "MESSAGE", "SENT", "RECEIVED");
	for (c = jv_first(d, sent); c; c = jv_next(d, c)) {
		jv_key(c, k, sizeof(k));
		actl_jv_text(c, a, sizeof(a));
		fprintf(f, "%-16s %12s %12s\n", k, a,
			actl_jv_member(d, recv, k, b, sizeof(b)));
	}
	fprintf(f, "\n%-16s %-20s %12s\n", "GROUP", "OUTCOME", "COUNT");
	for (v = jv_first(d, root); v; v = jv_next(d, v)) {
		char g[32];

		jv_key(v, g, sizeof(g));
		if (v->type == JV_NUM && strcmp(g, "port") && strcmp(g, "ttl") &&
		    strcmp(g, "bssids") && strcmp(g, "stations") &&
		    strcmp(g, "cached") && strcmp(g, "connections")) {
			actl_jv_text(v, a, sizeof(a));
			fprintf(f, "%-16s %-20s %12s\n", g, "-", a);
		}
		if (v->type != JV_OBJ || v == sent || v == recv)
			continue;
		for (c = jv_first(d, v); c; c = jv_next(d, c)) {
			jv_key(c, k, sizeof(k));
			actl_jv_text(c, a, sizeof(a));
			fprintf(f, "%-16s %-20s %12s\n", g, k, a);
		}
	}
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, iapp_print_text, false);
}

static const struct actl_verb iapp_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_IAPP_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.run = show_run,
	},
	{
		.name = "list", .cmd = ACTL_CMD_IAPP_SHOW,
		.flags = ACTL_VERB_DAEMON | ACTL_VERB_ALIAS, .min_args = 0,
		.max_args = 0, .run = show_run,
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_iapp = {
	.name = "iapp", .flags = ACTL_OBJ_EXACT,
	.default_verb = "show", .verbs = iapp_verbs,
	.help = "apedged's IAPP engine (IEEE 802.11F): its settings and "
		"counters",
};
