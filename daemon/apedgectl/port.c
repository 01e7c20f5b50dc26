// SPDX-License-Identifier: GPL-2.0
/*
 * port: the interfaces the module is attached to.
 *
 *   port add dev IF [role trusted|untrusted] [source-guard on|off]
 *            [verify-chaddr on|off] [allow-opaque on|off]
 *            [l2update transmit|inject|off] [l2update-relay on|off]
 *            [l2update-vlan VID] [auth-mode none|port|mac]
 *            [auth-allow dhcp,arp|none]
 *   port set dev IF [source-guard on|off] [verify-chaddr on|off]
 *            [allow-opaque on|off] [l2update transmit|inject|off]
 *            [l2update-relay on|off] [l2update-vlan VID]
 *            [auth-mode none|port|mac] [auth-allow dhcp,arp|none]
 *            (at least one)
 *   port del dev IF
 *   port show [dev IF]
 */
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

static const char *const roles[] = { "trusted", "untrusted", NULL };
static const char *const on_off[] = { "on", "off", NULL };
static const char *const modes[] = { "transmit", "inject", "off", NULL };

/* A port switch: kw on|off into *val (ACTL_SG_ON or ACTL_SG_OFF). */
static int on_or_off(struct actl_parser *p, const char *kw, uint8_t *val)
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (!(s = actl_expand(p, s, on_off)))
		return -1;
	if (!strcmp(s, "on"))
		*val = ACTL_SG_ON;
	else if (!strcmp(s, "off"))
		*val = ACTL_SG_OFF;
	else
		return actl_fail(p, "%s \"%s\": use on or off", kw, s);
	return 0;
}

static int l2update(struct actl_parser *p, const char *kw,
		    struct actl_req *req)
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (!(s = actl_expand(p, s, modes)))
		return -1;
	if (!strcmp(s, "transmit"))
		req->l2update = APEDGE_XID_MODE_TRANSMIT;
	else if (!strcmp(s, "inject"))
		req->l2update = APEDGE_XID_MODE_INJECT;
	else if (!strcmp(s, "off"))
		req->l2update = 0;
	else
		return actl_fail(p, "l2update \"%s\": use transmit, inject or "
				 "off", s);
	req->has_l2update = true;
	return 0;
}

static int l2update_vlan(struct actl_parser *p, const char *kw,
			 struct actl_req *req)
{
	unsigned long v;

	if (actl_number(p, kw, 0, 4094, &v))
		return -1;
	req->l2update_vlan = (uint16_t)v;
	req->has_l2update_vlan = true;
	return 0;
}

static int auth_mode(struct actl_parser *p, const char *kw,
		     struct actl_req *req)
{
	static const char *const names[] = { "none", "port", "mac", NULL };
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (!(s = actl_expand(p, s, names)))
		return -1;
	if (!strcmp(s, "none"))
		req->auth_mode = APEDGE_AUTH_MODE_NONE;
	else if (!strcmp(s, "port"))
		req->auth_mode = APEDGE_AUTH_MODE_PORT;
	else if (!strcmp(s, "mac"))
		req->auth_mode = APEDGE_AUTH_MODE_MAC;
	else
		return actl_fail(p, "auth-mode \"%s\": use none, port or mac",
				 s);
	req->has_auth_mode = true;
	return 0;
}

/* auth-allow: a comma-separated list of dhcp and arp, or none. */
static int auth_allow(struct actl_parser *p, const char *kw,
		      struct actl_req *req)
{
	char buf[64], *tok, *save = NULL;
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (strlen(s) >= sizeof(buf))
		return actl_fail(p, "auth-allow \"%s\": use dhcp, arp, "
				 "dhcp,arp or none", s);
	strcpy(buf, s);
	req->auth_allow = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "dhcp"))
			req->auth_allow |= APEDGE_AUTH_ALLOW_DHCP;
		else if (!strcmp(tok, "arp"))
			req->auth_allow |= APEDGE_AUTH_ALLOW_ARP;
		else if (strcmp(tok, "none") || strcmp(s, "none"))
			return actl_fail(p, "auth-allow \"%s\": use dhcp, "
					 "arp, dhcp,arp or none", s);
	}
	req->has_auth_allow = true;
	return 0;
}

static int role(struct actl_parser *p, const char *kw, struct actl_req *req)
{
	const char *s;

	if (actl_value(p, kw, &s))
		return -1;
	if (!(s = actl_expand(p, s, roles)))
		return -1;
	if (!strcmp(s, "trusted"))
		req->role = APEDGE_PORT_ROLE_TRUSTED;
	else if (!strcmp(s, "untrusted"))
		req->role = APEDGE_PORT_ROLE_UNTRUSTED;
	else
		return actl_fail(p, "role \"%s\": use trusted or untrusted", s);
	return 0;
}

/* The keywords of each verb; a keyword of another verb is unexpected. */
static const char *const add_kws[] = {
	"dev", "ifindex", "role", "source-guard", "verify-chaddr",
	"allow-opaque", "l2update", "l2update-relay", "l2update-vlan",
	"auth-mode", "auth-allow", NULL
};
static const char *const set_kws[] = {
	"dev", "ifindex", "source-guard", "verify-chaddr", "allow-opaque",
	"l2update", "l2update-relay", "l2update-vlan", "auth-mode",
	"auth-allow", NULL
};

static int parse_words(struct actl_parser *p, struct actl_req *req,
		       const char *const *kws)
{
	const char *raw, *kw;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, kws)))
			return -1;
		if (actl_is_dev_kw(kw)) {
			if (actl_device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "role") && kws == add_kws) {
			if (role(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "source-guard") && kws != actl_dev_kws) {
			if (on_or_off(p, kw, &req->source_guard))
				return -1;
		} else if (!strcmp(kw, "verify-chaddr") &&
			   kws != actl_dev_kws) {
			if (on_or_off(p, kw, &req->verify_chaddr))
				return -1;
		} else if (!strcmp(kw, "allow-opaque") && kws != actl_dev_kws) {
			if (on_or_off(p, kw, &req->allow_opaque))
				return -1;
		} else if (!strcmp(kw, "l2update") && kws != actl_dev_kws) {
			if (l2update(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "l2update-relay") &&
			   kws != actl_dev_kws) {
			if (on_or_off(p, kw, &req->l2update_relay))
				return -1;
		} else if (!strcmp(kw, "l2update-vlan") &&
			   kws != actl_dev_kws) {
			if (l2update_vlan(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "auth-mode") && kws != actl_dev_kws) {
			if (auth_mode(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "auth-allow") && kws != actl_dev_kws) {
			if (auth_allow(p, kw, req))
				return -1;
		} else {
			return actl_fail(p, "%s: unexpected \"%s\"",
					 actl_cmd_name(req->cmd), raw);
		}
	}
	return 0;
}

static int parse_add(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, add_kws))
		return -1;
	return actl_need_device(p, req);
}

static int parse_set(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, set_kws))
		return -1;
	if (!req->source_guard && !req->verify_chaddr && !req->allow_opaque &&
	    !req->has_l2update && !req->l2update_relay &&
	    !req->has_l2update_vlan && !req->has_auth_mode &&
	    !req->has_auth_allow)
		return actl_fail(p, "port set: nothing to set (source-guard, "
				 "verify-chaddr, allow-opaque, l2update, "
				 "l2update-relay, l2update-vlan, auth-mode, "
				 "auth-allow)");
	return actl_need_device(p, req);
}

static int parse_del(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, actl_dev_kws))
		return -1;
	return actl_need_device(p, req);
}

static int parse_show(struct actl_parser *p, struct actl_req *req)
{
	return parse_words(p, req, actl_dev_kws);
}

/* How the module checks the port's relayed updates (amsg keeps it 1 or 2). */
static const char *l2relay_path_name(const struct amsg_port *port)
{
	return port->l2update_relay_path == APEDGE_L2RELAY_PATH_MAC80211 ?
	       "mac80211" : "cfg80211";
}

void port_print(struct print *p, const struct amsg_port *port)
{
	char a[16], b[16];
	unsigned int c, n = 0;

	print_obj_begin(p, NULL);
	print_uint(p, PRINT_ANY, "ifindex", "%u: ", port->ifindex);
	print_str(p, PRINT_ANY, "ifname", "%s ", port->ifname);
	print_str(p, PRINT_ANY, "role", "role %s",
		  actl_role_name(port->role));
	if (port->source_guard)
		print_text(p, " source-guard on");
	if (port->verify_chaddr)
		print_text(p, " verify-chaddr on");
	if (port->allow_opaque)
		print_text(p, " allow-opaque on");
	if (port->l2update)
		print_text(p, " l2update %s",
			   port->l2update == APEDGE_XID_MODE_INJECT ?
			   "inject" : "transmit");
	if (port->l2update_relay)
		print_text(p, " l2update-relay on");
	if (port->has_l2update_relay_path)
		print_text(p, " (%s)", l2relay_path_name(port));
	if (port->l2update_vlan)
		print_text(p, " l2update-vlan %u", port->l2update_vlan);
	if (port->auth_mode)
		print_text(p, " auth-mode %s",
			   port->auth_mode == APEDGE_AUTH_MODE_MAC ? "mac" :
			   "port");
	if (port->auth_allow)
		print_text(p, " auth-allow %s%s%s",
			   port->auth_allow & APEDGE_AUTH_ALLOW_DHCP ?
			   "dhcp" : "",
			   port->auth_allow == (APEDGE_AUTH_ALLOW_DHCP |
						APEDGE_AUTH_ALLOW_ARP) ? "," : "",
			   port->auth_allow & APEDGE_AUTH_ALLOW_ARP ?
			   "arp" : "");
	print_nl(p);
	/* Text: the classes dropped, on a line of their own. */
	for (c = 1; c < AMSG_CLASS_MAX; c++) {
		if (port->policy[c] != APEDGE_VERDICT_DROP)
			continue;
		print_text(p, "%s%s", n++ ? " " : "    drop ",
			   actl_name_or_num(actl_class_name(c), c, a,
					    sizeof(a)));
	}
	if (n)
		print_nl(p);
	/* JSON: {"class": "verdict", ...} of the classes the module gave. */
	if (port->n_policy && print_is_json(p)) {
		print_obj_begin(p, "policy");
		for (c = 1; c < AMSG_CLASS_MAX; c++) {
			unsigned int v = port->policy[c];

			if (!v)
				continue;
			print_str(p, PRINT_JSON,
				  actl_name_or_num(actl_class_name(c), c, a,
						   sizeof(a)), NULL,
				  actl_name_or_num(actl_verdict_name(v), v, b,
						   sizeof(b)));
		}
		print_obj_end(p);
	}
	if (port->has_punt_rate)
		print_uint(p, PRINT_JSON, "punt_rate", NULL, port->punt_rate);
	if (port->has_source_guard)
		print_str(p, PRINT_JSON, "source_guard", NULL,
			  port->source_guard ? "on" : "off");
	if (port->has_verify_chaddr)
		print_str(p, PRINT_JSON, "verify_chaddr", NULL,
			  port->verify_chaddr ? "on" : "off");
	if (port->has_allow_opaque)
		print_str(p, PRINT_JSON, "allow_opaque", NULL,
			  port->allow_opaque ? "on" : "off");
	if (port->has_l2update)
		print_str(p, PRINT_JSON, "l2update", NULL,
			  port->l2update == APEDGE_XID_MODE_INJECT ? "inject" :
			  port->l2update ? "transmit" : "off");
	if (port->has_l2update_relay)
		print_str(p, PRINT_JSON, "l2update_relay", NULL,
			  port->l2update_relay ? "on" : "off");
	if (port->has_l2update_relay_path)
		print_str(p, PRINT_JSON, "l2update_relay_path", NULL,
			  l2relay_path_name(port));
	if (port->has_l2update_vlan)
		print_uint(p, PRINT_JSON, "l2update_vlan", NULL,
			   port->l2update_vlan);
	if (port->has_auth_mode)
		print_str(p, PRINT_JSON, "auth_mode", NULL,
			  port->auth_mode == APEDGE_AUTH_MODE_MAC ? "mac" :
			  port->auth_mode == APEDGE_AUTH_MODE_PORT ? "port" :
			  "none");
	if (port->has_auth_allow)
		print_uint(p, PRINT_JSON, "auth_allow", NULL,
			   port->auth_allow);
	print_obj_end(p);
}

/* The request's port: its device, and what the verb sets. */
static void req_port(const struct actl_req *req, struct amsg_port *port)
{
	memset(port, 0, sizeof(*port));
	port->ifindex = req->ifindex;
	strcpy(port->ifname, req->ifname);
	port->role = req->role;
	if (req->source_guard) {
		port->has_source_guard = true;
		port->source_guard = req->source_guard == ACTL_SG_ON;
	}
	if (req->verify_chaddr) {
		port->has_verify_chaddr = true;
		port->verify_chaddr = req->verify_chaddr == ACTL_SG_ON;
	}
	if (req->allow_opaque) {
		port->has_allow_opaque = true;
		port->allow_opaque = req->allow_opaque == ACTL_SG_ON;
	}
	port->has_l2update = req->has_l2update;
	port->l2update = req->l2update;
	if (req->l2update_relay) {
		port->has_l2update_relay = true;
		port->l2update_relay = req->l2update_relay == ACTL_SG_ON;
	}
	port->has_l2update_vlan = req->has_l2update_vlan;
	port->l2update_vlan = req->l2update_vlan;
	port->has_auth_mode = req->has_auth_mode;
	port->auth_mode = req->auth_mode;
	port->has_auth_allow = req->has_auth_allow;
	port->auth_allow = req->auth_allow;
}

static int port_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	struct amsg_port port;
	struct amsg_err err;

	if (amsg_parse_port(msg, len, ctx->nl->family, &port, &err) < 0)
		return -1;
	port_print(ctx->out, &port);
	return 0;
}

static int run(struct actl_ctx *ctx, uint8_t cmd, uint16_t flags,
	       actl_msg_fn fn)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_port port;

	req_port(ctx->req, &port);
	return actl_module_call(ctx, req,
				amsg_build_port(req, sizeof(req),
						ctx->nl->family,
						NLM_F_ACK | flags, cmd, &port),
				fn, ctx);
}

static int add_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_PORT_ADD, 0, NULL);
}

static int set_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_PORT_SET, 0, NULL);
}

static int del_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_PORT_DEL, 0, NULL);
}

static int show_run(struct actl_ctx *ctx)
{
	bool one = ctx->req->ifname[0] || ctx->req->ifindex;
	int rc;

	print_arr_begin(ctx->out, NULL);
	rc = run(ctx, APEDGE_CMD_PORT_GET, one ? 0 : NLM_F_DUMP, port_cb);
	if (!rc)
		print_arr_end(ctx->out);
	return rc;
}

static const struct actl_verb port_verbs[] = {
	{
		.name = "add", .cmd = ACTL_CMD_PORT_ADD, .min_args = 2,
		.max_args = 20, .parse = parse_add, .run = add_run,
		.args = "dev IF [role trusted|untrusted] [source-guard on|off] "
			"[verify-chaddr on|off] [allow-opaque on|off] "
			"[l2update transmit|inject|off] [l2update-relay on|off] "
			"[l2update-vlan VID] [auth-mode none|port|mac] "
			"[auth-allow dhcp,arp|none]",
	},
	{
		.name = "del", .cmd = ACTL_CMD_PORT_DEL, .min_args = 2,
		.max_args = 2, .parse = parse_del, .run = del_run,
		.args = "dev IF",
	},
	{
		.name = "set", .cmd = ACTL_CMD_PORT_SET, .min_args = 4,
		.max_args = 18, .parse = parse_set, .run = set_run,
		.args = "dev IF [source-guard|verify-chaddr|allow-opaque on|off]... "
			"[l2update transmit|inject|off] [l2update-relay on|off] "
			"[l2update-vlan VID] [auth-mode none|port|mac] "
			"[auth-allow dhcp,arp|none]",
	},
	{
		.name = "show", .cmd = ACTL_CMD_PORT_SHOW, .min_args = 0,
		.max_args = 2, .parse = parse_show, .run = show_run,
		.args = "[dev IF]",
	},
	{
		.name = "list", .cmd = ACTL_CMD_PORT_SHOW,
		.flags = ACTL_VERB_ALIAS, .min_args = 0, .max_args = 2,
		.parse = parse_show, .run = show_run,
	},
	{
		.name = "ls", .cmd = ACTL_CMD_PORT_SHOW,
		.flags = ACTL_VERB_ALIAS | ACTL_VERB_EXACT, .min_args = 0,
		.max_args = 2, .parse = parse_show, .run = show_run,
	},
	{
		.name = "delete", .cmd = ACTL_CMD_PORT_DEL,
		.flags = ACTL_VERB_ALIAS | ACTL_VERB_EXACT, .min_args = 2,
		.max_args = 2, .parse = parse_del, .run = del_run,
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_port = {
	.name = "port",
	.default_verb = "show", .verbs = port_verbs,
	.help = "the interfaces the module is attached to",
};
