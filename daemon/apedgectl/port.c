// SPDX-License-Identifier: GPL-2.0
/*
 * port: the interfaces the module is attached to.
 *
 *   port add dev IF [role trusted|untrusted] [source-guard on|off]
 *            [verify-chaddr on|off] [allow-opaque on|off]
 *   port set dev IF [source-guard on|off] [verify-chaddr on|off]
 *            [allow-opaque on|off]     (at least one)
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
	"allow-opaque", NULL
};
static const char *const set_kws[] = {
	"dev", "ifindex", "source-guard", "verify-chaddr", "allow-opaque", NULL
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
	if (!req->source_guard && !req->verify_chaddr && !req->allow_opaque)
		return actl_fail(p, "port set: nothing to set (source-guard, "
				 "verify-chaddr or allow-opaque on|off)");
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
		.max_args = 10, .parse = parse_add, .run = add_run,
		.args = "dev IF [role trusted|untrusted] [source-guard on|off] "
			"[verify-chaddr on|off] [allow-opaque on|off]",
	},
	{
		.name = "del", .cmd = ACTL_CMD_PORT_DEL, .min_args = 2,
		.max_args = 2, .parse = parse_del, .run = del_run,
		.args = "dev IF",
	},
	{
		.name = "set", .cmd = ACTL_CMD_PORT_SET, .min_args = 4,
		.max_args = 8, .parse = parse_set, .run = set_run,
		.args = "dev IF [source-guard|verify-chaddr|allow-opaque on|off]...",
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
