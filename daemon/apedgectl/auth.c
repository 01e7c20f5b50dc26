// SPDX-License-Identifier: GPL-2.0
/*
 * auth: IEEE 802.1X port authorization in the module (kmod/auth.c).
 *
 *   auth show [dev IF]
 *   auth set dev IF [mac MAC] authorized|unauthorized
 *   auth flush dev IF
 *
 * A port is put in 802.1X mode with "port add|set ... auth-mode
 * port|mac"; "auth set" then opens it (port mode, no mac) or a station
 * behind it (mac mode).  "auth flush" unauthorizes the port, or removes
 * every station of a mac-mode port.
 */
#include <inttypes.h>
#include <net/if.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

static const char *const set_kws[] = {
	"dev", "ifindex", "mac", "authorized", "unauthorized", NULL
};

static int parse_set(struct actl_parser *p, struct actl_req *req)
{
	const char *raw, *kw;
	bool state = false;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, set_kws)))
			return -1;
		if (actl_is_dev_kw(kw)) {
			if (actl_device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "mac")) {
			/* A unicast address: actl_mac_value() checks. */
			if (actl_mac_value(p, kw, req->mac))
				return -1;
			req->has_mac = true;
		} else {
			if (state)
				return actl_fail(p, "auth set: authorized or "
						 "unauthorized, once");
			state = true;
			req->authorized = !strcmp(kw, "authorized");
		}
	}
	if (!state)
		return actl_fail(p, "auth set: \"authorized\" or "
				 "\"unauthorized\" is required");
	return actl_need_device(p, req);
}

static int parse_flush(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, true);
}

static int parse_show(struct actl_parser *p, struct actl_req *req)
{
	return actl_dev_only(p, req, false);
}

static const char *mode_name(uint8_t mode)
{
	switch (mode) {
	case APEDGE_AUTH_MODE_PORT:
		return "port";
	case APEDGE_AUTH_MODE_MAC:
		return "mac";
	default:
		return "none";
	}
}

/* "dhcp,arp", "none". */
static const char *allow_text(uint32_t allow, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s",
		 allow & APEDGE_AUTH_ALLOW_DHCP ? "dhcp" : "",
		 (allow & APEDGE_AUTH_ALLOW_DHCP) &&
		 (allow & APEDGE_AUTH_ALLOW_ARP) ? "," : "",
		 allow & APEDGE_AUTH_ALLOW_ARP ? "arp" : "");
	if (!buf[0])
		snprintf(buf, size, "none");
	return buf;
}

void auth_print(struct print *p, const struct amsg_auth *a, const char *ifname)
{
	char mac[MAC_STR_LEN], allow[16], dev[24];

	if (a->ifname[0])
		ifname = a->ifname;
	if (ifname && *ifname)
		snprintf(dev, sizeof(dev), "%s", ifname);
	else
		snprintf(dev, sizeof(dev), "if%u", a->ifindex);
	print_obj_begin(p, NULL);
	print_uint(p, PRINT_ANY, "ifindex", "%u: ", a->ifindex);
	if (ifname && *ifname)
		print_str(p, PRINT_JSON, "ifname", NULL, ifname);
	print_str(p, PRINT_TEXT, NULL, "%s ", dev);
	if (a->has_mac) {
		mac_format(a->mac, mac);
		print_str(p, PRINT_ANY, "mac", "mac %s ", mac);
		print_bool(p, PRINT_JSON, "authorized", NULL, a->authorized);
		print_text(p, "%s", a->authorized ? "authorized" :
			   "unauthorized");
		print_u64(p, PRINT_ANY, "rx_passed", " rx %" PRIu64,
			  a->rx_passed);
		print_u64(p, PRINT_ANY, "tx_passed", " tx %" PRIu64 "\n",
			  a->tx_passed);
		print_obj_end(p);
		return;
	}
	print_str(p, PRINT_ANY, "mode", "auth-mode %s ", mode_name(a->mode));
	print_str(p, PRINT_ANY, "allow", "auth-allow %s",
		  allow_text(a->allow, allow, sizeof(allow)));
	if (a->mode == APEDGE_AUTH_MODE_PORT) {
		print_bool(p, PRINT_JSON, "authorized", NULL, a->authorized);
		print_text(p, " %s", a->authorized ? "authorized" :
			   "unauthorized");
	} else {
		print_uint(p, PRINT_ANY, "entries", " stations %u",
			   a->entries);
	}
	print_nl(p);
	print_u64(p, PRINT_ANY, "rx_dropped", "    rx dropped %" PRIu64,
		  a->rx_dropped);
	print_u64(p, PRINT_ANY, "rx_eapol", " eapol %" PRIu64, a->rx_eapol);
	print_u64(p, PRINT_ANY, "rx_allowed", " allowed %" PRIu64 "\n",
		  a->rx_allowed);
	print_u64(p, PRINT_ANY, "tx_dropped", "    tx dropped %" PRIu64,
		  a->tx_dropped);
	print_u64(p, PRINT_ANY, "tx_eapol", " eapol %" PRIu64, a->tx_eapol);
	print_u64(p, PRINT_ANY, "tx_allowed", " allowed %" PRIu64 "\n",
		  a->tx_allowed);
	print_u64(p, PRINT_ANY, "unauth_seen", "    unauth-seen %" PRIu64 "\n",
		  a->unauth_seen);
	print_obj_end(p);
}

void auth_event_print(struct print *p, const struct amsg_auth *a,
		      const char *ifname)
{
	char mac[MAC_STR_LEN], dev[24];

	if (a->ifname[0])
		ifname = a->ifname;
	if (ifname && *ifname)
		snprintf(dev, sizeof(dev), "%s", ifname);
	else
		snprintf(dev, sizeof(dev), "if%u", a->ifindex);
	print_obj_begin(p, NULL);
	print_str(p, PRINT_ANY, "event", "%s ",
		  a->cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN ? "auth-unauth-seen" :
		  "auth-changed");
	print_uint(p, PRINT_ANY, "ifindex", "%u: ", a->ifindex);
	if (ifname && *ifname)
		print_str(p, PRINT_JSON, "ifname", NULL, ifname);
	print_str(p, PRINT_TEXT, NULL, "%s", dev);
	if (a->has_mac) {
		mac_format(a->mac, mac);
		print_str(p, PRINT_ANY, "mac", " mac %s", mac);
	}
	if (a->cmd == APEDGE_CMD_AUTH_CHANGED) {
		print_bool(p, PRINT_JSON, "authorized", NULL, a->authorized);
		print_text(p, " %s", a->authorized ? "authorized" :
			   "unauthorized");
	}
	print_nl(p);
	print_obj_end(p);
}

static int auth_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	char name[IF_NAMESIZE];
	struct amsg_auth a;
	struct amsg_err err;

	if (amsg_parse_auth(msg, len, ctx->nl->family, &a, &err) < 0)
		return -1;
	auth_print(ctx->out, &a, actl_ifname(a.ifindex, name));
	return 0;
}

static int set(struct actl_ctx *ctx, const uint8_t *mac, bool authorized)
{
	const struct actl_req *r = ctx->req;
	uint32_t req[AMSG_REQ_SIZE / 4];

	return actl_module_call(ctx, req,
				amsg_build_auth_set(req, sizeof(req),
						    ctx->nl->family,
						    NLM_F_ACK, r->ifindex,
						    r->ifname, mac,
						    authorized),
				NULL, NULL);
}

static int set_run(struct actl_ctx *ctx)
{
	return set(ctx, ctx->req->has_mac ? ctx->req->mac : NULL,
		   ctx->req->authorized);
}

static int flush_run(struct actl_ctx *ctx)
{
	return set(ctx, NULL, false);
}

static int show_run(struct actl_ctx *ctx)
{
	const struct actl_req *r = ctx->req;
	uint32_t req[AMSG_REQ_SIZE / 4];
	int rc;

	print_arr_begin(ctx->out, NULL);
	rc = actl_module_call(ctx, req,
			      amsg_build_auth_get(req, sizeof(req),
						  ctx->nl->family, NLM_F_ACK,
						  r->ifindex, r->ifname),
			      auth_cb, ctx);
	if (!rc)
		print_arr_end(ctx->out);
	return rc;
}

static const struct actl_verb auth_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_AUTH_SHOW, .min_args = 0,
		.max_args = 2, .parse = parse_show, .run = show_run,
		.args = "[dev IF]",
	},
	{
		.name = "set", .cmd = ACTL_CMD_AUTH_SET, .min_args = 3,
		.max_args = 5, .parse = parse_set, .run = set_run,
		.args = "dev IF [mac MAC] authorized|unauthorized",
	},
	{
		.name = "flush", .cmd = ACTL_CMD_AUTH_FLUSH, .min_args = 2,
		.max_args = 2, .parse = parse_flush, .run = flush_run,
		.args = "dev IF",
	},
	{
		.name = "list", .cmd = ACTL_CMD_AUTH_SHOW,
		.flags = ACTL_VERB_ALIAS, .min_args = 0, .max_args = 2,
		.parse = parse_show, .run = show_run,
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_auth = {
	.name = "auth",
	.default_verb = "show", .verbs = auth_verbs,
	.help = "IEEE 802.1X authorization of ports and stations "
		"(the module's)",
};
