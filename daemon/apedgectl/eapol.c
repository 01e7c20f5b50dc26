// SPDX-License-Identifier: GPL-2.0
/*
 * eapol: apedged's 802.1X supplicants, through its control socket
 * (apedged's eapol/ctl.c).
 *
 *   eapol show [dev IF]
 *   eapol stats [dev IF]
 *   eapol logoff|reauth dev IF
 *   eapol auth [dev IF]		the authenticators ([auth IF])
 */
#include <stdio.h>
#include <string.h>

#include "apedgectl/cmd.h"

static int parse_dev(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, req->cmd != ACTL_CMD_EAPOL_SHOW &&
			     req->cmd != ACTL_CMD_EAPOL_STATS &&
			     req->cmd != ACTL_CMD_EAPOL_AUTH);
}

int eapol_line(const struct actl_req *req, char *buf, size_t size)
{
	static const char *const verbs[] = {
		[ACTL_CMD_EAPOL_SHOW] = "show",
		[ACTL_CMD_EAPOL_STATS] = "stats",
		[ACTL_CMD_EAPOL_LOGOFF] = "logoff",
		[ACTL_CMD_EAPOL_REAUTH] = "reauth",
		[ACTL_CMD_EAPOL_AUTH] = "auth",
	};

	if (req->cmd < ACTL_CMD_EAPOL_SHOW || req->cmd > ACTL_CMD_EAPOL_AUTH)
		return -1;
	return actl_dev_line(buf, size, "eapol", verbs[req->cmd], req->ifname);
}

void eapol_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c;
	char a[300], b[300], x[64], y[300], z[64];

	for (c = jv_first(d, root); c; c = jv_next(d, c)) {
		fprintf(f, "%s: %s (eap %s)",
			actl_jv_member(d, c, "ifname", a, sizeof(a)),
			actl_jv_member(d, c, "state", b, sizeof(b)),
			actl_jv_member(d, c, "eap_state", x, sizeof(x)));
		if (!strcmp(actl_jv_member(d, c, "authorized", z, sizeof(z)),
			    "true"))
			fprintf(f, " authorized for %ss",
				actl_jv_member(d, c, "authorized_s", x,
					       sizeof(x)));
		else
			fputs(" unauthorized", f);
		fputc('\n', f);
		fprintf(f, "    method %s, identity %s, authenticator %s\n",
			actl_jv_member(d, c, "method", a, sizeof(a)),
			actl_jv_member(d, c, "identity", y, sizeof(y)),
			actl_jv_member(d, c, "peer", b, sizeof(b)));
		fprintf(f, "    in state for %ss (%s)\n",
			actl_jv_member(d, c, "in_state_s", x, sizeof(x)),
			actl_jv_member(d, c, "reason", a, sizeof(a)));
	}
}

void eapol_stats_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c, *g, *v, *w;
	char a[300], k[64], n[64], m[64];

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
				if (v->type == JV_OBJ) {
					for (w = jv_first(d, v); w;
					     w = jv_next(d, w)) {
						jv_key(w, m, sizeof(m));
						actl_jv_text(w, a, sizeof(a));
						fprintf(f, "    %s %s %-16s %12s\n",
							k, n, m, a);
					}
					continue;
				}
				actl_jv_text(v, a, sizeof(a));
				fprintf(f, "    %-9s %-16s %12s\n", k, n, a);
			}
		}
	}
}

/* One line per port, one per session under it. */
void eapol_auth_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c, *g, *s;
	char a[300], b[64], x[64], y[64], z[64], v[32], w[300];

	for (c = jv_first(d, root); c; c = jv_next(d, c)) {
		fprintf(f, "%s: mode %s\n",
			actl_jv_member(d, c, "ifname", a, sizeof(a)),
			actl_jv_member(d, c, "mode", b, sizeof(b)));
		for (g = jv_first(d, c); g; g = jv_next(d, g)) {
			jv_key(g, b, sizeof(b));
			if (strcmp(b, "sessions") || g->type != JV_ARR)
				continue;
			for (s = jv_first(d, g); s; s = jv_next(d, s))
				fprintf(f, "    %s %s (backend %s, mab %s) "
					"authorized %s vlan %s identity %s\n",
					actl_jv_member(d, s, "mac", a,
						       sizeof(a)),
					actl_jv_member(d, s, "pae_state", b,
						       sizeof(b)),
					actl_jv_member(d, s, "backend_state",
						       x, sizeof(x)),
					actl_jv_member(d, s, "mab_state", y,
						       sizeof(y)),
					actl_jv_member(d, s, "authorized_by",
						       z, sizeof(z)),
					actl_jv_member(d, s, "vlan", v,
						       sizeof(v)),
					actl_jv_member(d, s, "identity", w,
						       sizeof(w)));
		}
	}
}

static int auth_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, eapol_auth_print_text, false);
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, eapol_print_text, false);
}

static int stats_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, eapol_stats_print_text, false);
}

static int cmd_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, NULL, true);
}

static const struct actl_verb eapol_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_EAPOL_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = show_run, .args = "[dev IF]",
	},
	{
		.name = "stats", .cmd = ACTL_CMD_EAPOL_STATS,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = stats_run, .args = "[dev IF]",
	},
	{
		.name = "logoff", .cmd = ACTL_CMD_EAPOL_LOGOFF,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_dev, .run = cmd_run, .args = "dev IF",
	},
	{
		.name = "reauth", .cmd = ACTL_CMD_EAPOL_REAUTH,
		.flags = ACTL_VERB_DAEMON, .min_args = 2, .max_args = 2,
		.parse = parse_dev, .run = cmd_run, .args = "dev IF",
	},
	{
		.name = "auth", .cmd = ACTL_CMD_EAPOL_AUTH,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = auth_run, .args = "[dev IF]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_eapol = {
	.name = "eapol", .flags = ACTL_OBJ_EXACT,
	.default_verb = "show", .verbs = eapol_verbs,
	.help = "apedged's 802.1X supplicants: their state and counters; "
		"log off or authenticate again",
};
