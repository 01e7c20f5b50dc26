// SPDX-License-Identifier: GPL-2.0
/*
 * station: apedged's WPA2 stations on wireless uplinks ([station IF]),
 * through its control socket (apedged's eapol/station.c).
 *
 *   station show [dev IF]
 *
 * (The access point's own stations are "sta".)
 */
#include <stdio.h>
#include <string.h>

#include "apedgectl/cmd.h"

static int parse_dev(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, false);
}

int station_line(const struct actl_req *req, char *buf, size_t size)
{
	if (req->cmd != ACTL_CMD_STATION_SHOW)
		return -1;
	return actl_dev_line(buf, size, "station", "show", req->ifname);
}

void station_print_text(FILE *f, const struct jv_doc *d)
{
	const struct jv *root = jv_root(d), *c, *g, *v;
	char a[300], b[300], x[64], y[64], z[64], k[64];

	for (c = jv_first(d, root); c; c = jv_next(d, c)) {
		fprintf(f, "%s: %s (%s)\n",
			actl_jv_member(d, c, "ifname", a, sizeof(a)),
			actl_jv_member(d, c, "state", x, sizeof(x)),
			actl_jv_member(d, c, "reason", b, sizeof(b)));
		fprintf(f, "    ssid %s, bssid %s, freq %s\n",
			actl_jv_member(d, c, "ssid", a, sizeof(a)),
			actl_jv_member(d, c, "bssid", x, sizeof(x)),
			actl_jv_member(d, c, "freq", y, sizeof(y)));
		fprintf(f, "    %s, pairwise %s, group %s, connected for %ss\n",
			actl_jv_member(d, c, "key_mgmt", x, sizeof(x)),
			actl_jv_member(d, c, "pairwise", y, sizeof(y)),
			actl_jv_member(d, c, "group", z, sizeof(z)),
			actl_jv_member(d, c, "connected_s", a, sizeof(a)));
		for (g = jv_first(d, c); g; g = jv_next(d, g)) {
			if (g->type != JV_OBJ)
				continue;
			jv_key(g, k, sizeof(k));
			for (v = jv_first(d, g); v; v = jv_next(d, v)) {
				if (v->type != JV_NUM)
					continue;
				jv_key(v, x, sizeof(x));
				actl_jv_text(v, a, sizeof(a));
				fprintf(f, "    %-8s %-24s %12s\n", k, x, a);
			}
			if (strcmp(k, "wpa"))
				continue;
			for (v = jv_first(d, g); v; v = jv_next(d, v)) {
				const struct jv *w;

				if (v->type != JV_OBJ)
					continue;
				for (w = jv_first(d, v); w; w = jv_next(d, w)) {
					jv_key(w, x, sizeof(x));
					actl_jv_text(w, a, sizeof(a));
					fprintf(f, "    wpa drop %-19s %12s\n",
						x, a);
				}
			}
		}
	}
}

static int show_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, station_print_text, false);
}

static const struct actl_verb station_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_STATION_SHOW,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = show_run, .args = "[dev IF]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_station = {
	.name = "station", .flags = ACTL_OBJ_EXACT,
	.default_verb = "show", .verbs = station_verbs,
	.help = "apedged's WPA2 stations on wireless uplinks: state, AP, "
		"ciphers, counters",
};
