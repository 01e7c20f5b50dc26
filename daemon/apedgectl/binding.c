// SPDX-License-Identifier: GPL-2.0
/*
 * binding: the module's table of addresses bound to a MAC address and a
 * port (the source guard's), and its limit.
 *
 *   binding add ip ADDR[/LEN] mac MAC dev IF [lifetime SECS]
 *   binding del ip ADDR[/LEN]
 *   binding show [dev IF | ip ADDR[/LEN]]
 *
 * ADDR/LEN is an IPv6 prefix binding (a delegated prefix): every address
 * in it passes the source guard from the station's port.
 *   binding limit [N]
 *   binding move mac MAC dev IF to IF
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <inttypes.h>
#include <net/if.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

static const char *const add_kws[] = {
	"ip", "mac", "dev", "ifindex", "lifetime", NULL
};
static const char *const del_kws[] = { "ip", NULL };
static const char *const show_kws[] = { "ip", "dev", "ifindex", NULL };
static const char *const move_kws[] = { "mac", "dev", "ifindex", "to", NULL };

/*
 * "ip ADDR" or, for IPv6, "ip ADDR/LEN": a prefix, 1 to 128, whose bits
 * past LEN are zero (as the module asks).
 */
static int binding_address(struct actl_parser *p, const char *kw,
			   struct actl_req *req)
{
	char buf[INET6_ADDRSTRLEN + 4], *slash, *end;
	unsigned long n;
	const char *s;
	unsigned int i;

	if (actl_value(p, kw, &s))
		return -1;
	if (req->family)
		return actl_fail(p, "the address is given twice");
	if (!(slash = strchr(s, '/')))
		return actl_address_value(p, s, req);
	if (strlen(s) >= sizeof(buf))
		return actl_fail(p, "ip \"%s\": not an IPv6 prefix", s);
	strcpy(buf, s);
	slash = buf + (slash - s);
	*slash = '\0';
	memset(req->addr, 0, sizeof(req->addr));
	if (inet_pton(AF_INET6, buf, req->addr) != 1)
		return actl_fail(p, "ip \"%s\": a prefix is IPv6 only", s);
	errno = 0;
	n = strtoul(slash + 1, &end, 10);
	if (!slash[1] || *end || errno || n < 1 || n > 128 ||
	    !isdigit((unsigned char)slash[1]))
		return actl_fail(p, "ip \"%s\": the length is 1 to 128", s);
	for (i = n / 8; i < 16; i++)
		if (req->addr[i] & (i == n / 8 ?
				    (uint8_t)~(0xff00 >> (n % 8)) : 0xff))
			return actl_fail(p, "ip \"%s\": bits set past /%lu",
					 s, n);
	req->family = AF_INET6;
	req->plen = n;
	return 0;
}

static int parse_words(struct actl_parser *p, struct actl_req *req,
		       const char *const *kws)
{
	const char *raw, *kw;
	unsigned long n;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, kws)))
			return -1;
		if (!strcmp(kw, "ip")) {
			if (binding_address(p, kw, req))
				return -1;
		} else if (actl_is_dev_kw(kw) && kws != del_kws) {
			if (actl_device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "to") && kws == move_kws) {
			const char *s;

			if (req->to_ifname[0])
				return actl_fail(p, "the port moved to is given twice");
			if (actl_value(p, kw, &s))
				return -1;
			if (!actl_valid_ifname(s))
				return actl_fail(p, "\"%s\" is not a valid interface name", s);
			strcpy(req->to_ifname, s);
		} else if (!strcmp(kw, "mac") &&
			   (kws == add_kws || kws == move_kws)) {
			if (actl_mac_value(p, kw, req->mac))
				return -1;
			req->has_mac = true;
		} else if (!strcmp(kw, "lifetime") && kws == add_kws) {
			if (actl_number(p, kw, 0, UINT32_MAX, &n))
				return -1;
			req->lifetime = n;
			req->has_lifetime = true;
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
	if (!req->family)
		return actl_fail(p, "binding add: \"ip ADDR\" is required");
	if (!req->has_mac)
		return actl_fail(p, "binding add: \"mac MAC\" is required");
	return actl_need_device(p, req);
}

static int parse_del(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, del_kws))
		return -1;
	if (!req->family)
		return actl_fail(p, "binding del: \"ip ADDR\" is required");
	return 0;
}

static int parse_show(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, show_kws))
		return -1;
	if (req->family && (req->ifname[0] || req->ifindex))
		return actl_fail(p, "binding show: give \"ip ADDR\" or \"dev "
				 "IF\", not both");
	return 0;
}

static int parse_move(struct actl_parser *p, struct actl_req *req)
{
	if (parse_words(p, req, move_kws))
		return -1;
	if (!req->has_mac)
		return actl_fail(p, "binding move: \"mac MAC\" is required");
	if (!req->to_ifname[0])
		return actl_fail(p, "binding move: \"to IF\" is required");
	return actl_need_device(p, req);
}

static int parse_limit(struct actl_parser *p, struct actl_req *req)
{
	unsigned long n;

	if (!actl_peek(p))
		return 0;
	if (actl_number(p, "limit", 1, APEDGE_BINDINGS_MAX_LIMIT, &n))
		return -1;
	req->limit = n;
	return 0;
}

void binding_print(struct print *p, const struct amsg_binding *b,
		   const char *ifname)
{
	char ip[INET6_ADDRSTRLEN] = "?", mac[MAC_STR_LEN];

	inet_ntop(b->af, b->addr, ip, sizeof(ip));
	mac_format(b->mac, mac);
	print_obj_begin(p, NULL);
	print_str(p, PRINT_ANY, "ip", "%s", ip);
	if (b->af == AF_INET6 && b->plen)
		print_uint(p, PRINT_ANY, "prefix_len", "/%u", b->plen);
	print_text(p, " ");
	print_str(p, PRINT_ANY, "mac", "lladdr %s ", mac);
	print_uint(p, PRINT_JSON, "ifindex", NULL, b->ifindex);
	if (*ifname)
		print_str(p, PRINT_ANY, "ifname", "dev %s", ifname);
	else
		print_uint(p, PRINT_TEXT, NULL, "dev if%u", b->ifindex);
	if (!b->permanent)
		print_uint(p, PRINT_ANY, "lifetime", " lifetime %u",
			   b->lifetime);
	else
		print_text(p, " permanent");
	print_str(p, PRINT_ANY, "origin", " %s\n",
		  actl_origin_name(b->origin));
	print_obj_end(p);
}

void binding_config_print(struct print *p,
			  const struct amsg_binding_config *c)
{
	print_obj_begin(p, NULL);
	print_uint(p, PRINT_ANY, "limit", "limit %u ", c->limit);
	print_uint(p, PRINT_ANY, "count", "count %u ", c->count);
	print_u64(p, PRINT_ANY, "refused", "refused %" PRIu64 " ", c->refused);
	print_u64(p, PRINT_ANY, "snooped", "snooped %" PRIu64 " ", c->snooped);
	print_u64(p, PRINT_ANY, "snoop_overflow", "snoop-overflow %" PRIu64
		  "\n", c->snoop_overflow);
	print_obj_end(p);
}

/* The request's binding: its address, and what the verb gives. */
static void req_binding(const struct actl_req *req, struct amsg_binding *b)
{
	memset(b, 0, sizeof(*b));
	b->af = req->family;
	memcpy(b->addr, req->addr, sizeof(b->addr));
	b->plen = req->plen;
	if (req->has_mac)
		memcpy(b->mac, req->mac, sizeof(b->mac));
	b->ifindex = req->ifindex;
	strcpy(b->ifname, req->ifname);
	b->permanent = !req->has_lifetime;
	b->lifetime = req->lifetime;
}

static int binding_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	char name[IF_NAMESIZE];
	struct amsg_binding b;
	struct amsg_err err;

	if (amsg_parse_binding(msg, len, ctx->nl->family, &b, &err) < 0)
		return -1;
	binding_print(ctx->out, &b, actl_ifname(b.ifindex, name));
	return 0;
}

static int run(struct actl_ctx *ctx, uint8_t cmd, uint16_t flags,
	       actl_msg_fn fn)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_binding b;

	req_binding(ctx->req, &b);
	return actl_module_call(ctx, req,
				amsg_build_binding(req, sizeof(req),
						   ctx->nl->family,
						   NLM_F_ACK | flags, cmd, &b),
				fn, ctx);
}

static int add_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_BINDING_ADD, 0, NULL);
}

static int del_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_BINDING_DEL, 0, NULL);
}

static int show_run(struct actl_ctx *ctx)
{
	int rc;

	print_arr_begin(ctx->out, NULL);
	/* One address is a "do"; a port's or all bindings a dump. */
	rc = run(ctx, APEDGE_CMD_BINDING_GET,
		 ctx->req->family ? 0 : NLM_F_DUMP, binding_cb);
	if (!rc)
		print_arr_end(ctx->out);
	return rc;
}

static int move_run(struct actl_ctx *ctx)
{
	const struct actl_req *r = ctx->req;
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_out o;

	amsg_out_begin(&o, req, sizeof(req), ctx->nl->family, NLM_F_ACK,
		       APEDGE_CMD_BINDING_MOVE, APEDGE_FAMILY_VERSION);
	amsg_out_put(&o, APEDGE_A_BINDING_MAC, r->mac, MAC_LEN);
	if (r->ifindex)
		amsg_out_u32(&o, APEDGE_A_BINDING_IFINDEX, r->ifindex);
	else
		amsg_out_str(&o, APEDGE_A_BINDING_IFNAME, r->ifname);
	amsg_out_str(&o, APEDGE_A_BINDING_TO_IFNAME, r->to_ifname);
	return actl_module_call(ctx, req, amsg_out_end(&o), NULL, NULL);
}

static int config_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	struct amsg_binding_config c;
	struct amsg_err err;

	if (amsg_parse_binding_config(msg, len, ctx->nl->family, &c, &err))
		return -1;
	binding_config_print(ctx->out, &c);
	return 0;
}

static int limit_run(struct actl_ctx *ctx)
{
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_out o;

	if (ctx->req->limit) {
		amsg_out_begin(&o, req, sizeof(req), ctx->nl->family,
			       NLM_F_ACK, APEDGE_CMD_BINDING_CONFIG_SET,
			       APEDGE_FAMILY_VERSION);
		amsg_out_u32(&o, APEDGE_A_BINDING_CONFIG_LIMIT,
			     ctx->req->limit);
		return actl_module_call(ctx, req, amsg_out_end(&o), NULL,
					NULL);
	}
	return actl_module_call(ctx, req,
				amsg_build_empty(req, sizeof(req),
						 ctx->nl->family, NLM_F_ACK,
						 APEDGE_CMD_BINDING_CONFIG_GET),
				config_cb, ctx);
}

static const struct actl_verb binding_verbs[] = {
	{
		.name = "add", .cmd = ACTL_CMD_BINDING_ADD, .min_args = 6,
		.max_args = 8, .parse = parse_add, .run = add_run,
		.args = "ip ADDR[/LEN] mac MAC dev IF [lifetime SECS]",
	},
	{
		.name = "del", .cmd = ACTL_CMD_BINDING_DEL, .min_args = 2,
		.max_args = 2, .parse = parse_del, .run = del_run,
		.args = "ip ADDR[/LEN]",
	},
	/* 4: so that "ip ADDR dev IF" is told it is one or the other. */
	{
		.name = "show", .cmd = ACTL_CMD_BINDING_SHOW, .min_args = 0,
		.max_args = 4, .parse = parse_show, .run = show_run,
		.args = "[dev IF | ip ADDR[/LEN]]",
	},
	{
		.name = "limit", .cmd = ACTL_CMD_BINDING_LIMIT, .min_args = 0,
		.max_args = 1, .parse = parse_limit, .run = limit_run,
		.args = "[N]",
	},
	{
		.name = "move", .cmd = ACTL_CMD_BINDING_MOVE, .min_args = 6,
		.max_args = 6, .parse = parse_move, .run = move_run,
		.args = "mac MAC dev IF to IF",
	},
	{
		.name = "list", .cmd = ACTL_CMD_BINDING_SHOW,
		.flags = ACTL_VERB_ALIAS, .min_args = 0, .max_args = 4,
		.parse = parse_show, .run = show_run,
	},
	{
		.name = "delete", .cmd = ACTL_CMD_BINDING_DEL,
		.flags = ACTL_VERB_ALIAS | ACTL_VERB_EXACT, .min_args = 2,
		.max_args = 2, .parse = parse_del, .run = del_run,
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_binding = {
	.name = "binding",
	.default_verb = "show", .verbs = binding_verbs,
	.help = "addresses bound to a station's MAC address and port "
		"(the source guard's table)",
};
