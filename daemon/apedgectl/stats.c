// SPDX-License-Identifier: GPL-2.0
/*
 * stats: the module's counters, by port.
 *
 *   stats [show] [dev IF]
 *   stats reset [dev IF]
 *
 * As text, a table of the XID counters, then (when there are any) one of
 * the guard's counters, one of the source guard's drops and one of what
 * snooping refused.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

static int parse_dev(struct actl_parser *p, struct actl_req *req)
{
	const char *raw, *kw;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, actl_dev_kws)))
			return -1;
		if (!actl_is_dev_kw(kw))
			return actl_fail(p, "%s: unexpected \"%s\"",
					 actl_cmd_name(req->cmd), raw);
		if (actl_device(p, kw, req))
			return -1;
	}
	return 0;
}

void stats_begin(struct print *p, struct stats_text *t)
{
	sb_init(&t->counters);
	sb_init(&t->sg);
	sb_init(&t->snoop);
	print_arr_begin(p, NULL);
	print_text(p, "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n");
}

static void counter_json(struct print *p, const struct amsg_counter *c)
{
	char a[16];

	print_obj_begin(p, NULL);
	print_str(p, PRINT_JSON, "direction", NULL,
		  actl_name_or_num(actl_direction_name(c->direction),
				   c->direction, a, sizeof(a)));
	print_str(p, PRINT_JSON, "class", NULL,
		  actl_name_or_num(actl_class_name(c->class), c->class, a,
				   sizeof(a)));
	if (c->verdict)
		print_str(p, PRINT_JSON, "verdict", NULL,
			  actl_name_or_num(actl_verdict_name(c->verdict),
					   c->verdict, a, sizeof(a)));
	if (c->reason)
		print_str(p, PRINT_JSON, "reason", NULL,
			  actl_name_or_num(actl_reason_name(c->reason),
					   c->reason, a, sizeof(a)));
	print_u64(p, PRINT_JSON, "packets", NULL, c->packets);
	print_obj_end(p);
}

/* A counter's line of the text table that follows the ports'. */
static void counter_text(struct strbuf *sb, const char *ifname,
			 const struct amsg_counter *c)
{
	char a[16], b[16], v[16];

	sb_printf(sb, "%-16s %-7s %-17s %-9s %14" PRIu64 "\n", ifname,
		  actl_name_or_num(actl_direction_name(c->direction),
				   c->direction, a, sizeof(a)),
		  actl_name_or_num(actl_class_name(c->class), c->class, b,
				   sizeof(b)),
		  c->verdict ?
		  actl_name_or_num(actl_verdict_name(c->verdict), c->verdict,
				   v, sizeof(v)) :
		  actl_name_or_num(actl_reason_name(c->reason), c->reason, v,
				   sizeof(v)),
		  c->packets);
}

void stats_print(struct print *p, struct stats_text *t,
		 const struct amsg_stats *st)
{
	unsigned int i;
	char *name;

	print_obj_begin(p, NULL);
	print_uint(p, PRINT_JSON, "ifindex", NULL, st->ifindex);
	print_str(p, PRINT_ANY, "ifname", "%-16s ", st->ifname);
	print_uint(p, PRINT_TEXT, NULL, "%7u ", st->ifindex);
	print_u64(p, PRINT_ANY, "xid_transmit", "%14" PRIu64 " ",
		  st->xid_transmit);
	print_u64(p, PRINT_ANY, "xid_inject", "%14" PRIu64 " ",
		  st->xid_inject);
	print_u64(p, PRINT_ANY, "xid_errors", "%14" PRIu64 "\n",
		  st->xid_errors);
	print_u64(p, PRINT_JSON, "punt_sent", NULL, st->punt_sent);
	print_u64(p, PRINT_JSON, "punt_ratelimited", NULL,
		  st->punt_ratelimited);
	print_u64(p, PRINT_JSON, "punt_overflow", NULL, st->punt_overflow);
	print_u64(p, PRINT_JSON, "sg_drop_ipv4", NULL, st->sg_ipv4);
	print_u64(p, PRINT_JSON, "sg_drop_ipv6", NULL, st->sg_ipv6);
	print_u64(p, PRINT_JSON, "sg_drop_arp", NULL, st->sg_arp);
	print_u64(p, PRINT_JSON, "sg_drop_nd", NULL, st->sg_nd);
	print_u64(p, PRINT_JSON, "sg_drop_ll", NULL, st->sg_ll);
	print_u64(p, PRINT_JSON, "sg_drop_lla", NULL, st->sg_lla);
	print_u64(p, PRINT_JSON, "snoop_ports", NULL, st->snoop_ports);
	print_u64(p, PRINT_JSON, "snoop_untrusted", NULL, st->snoop_untrusted);
	print_u64(p, PRINT_JSON, "snoop_no_request", NULL,
		  st->snoop_no_request);
	print_u64(p, PRINT_JSON, "snoop_chaddr", NULL, st->snoop_chaddr);
	print_u64(p, PRINT_JSON, "snoop_unbound", NULL, st->snoop_unbound);
	print_u64(p, PRINT_JSON, "snoop_overflow", NULL, st->snoop_overflow);
	print_u64(p, PRINT_JSON, "dhcp_chaddr_drop", NULL,
		  st->dhcp_chaddr_drop);
	print_u64(p, PRINT_JSON, "l2update_relayed", NULL,
		  st->l2update_relayed);
	print_u64(p, PRINT_JSON, "l2update_refused", NULL,
		  st->l2update_refused);
	print_u64(p, PRINT_JSON, "l2update_overflow", NULL,
		  st->l2update_overflow);
	if (print_is_json(p) && st->n_counters) {
		print_arr_begin(p, "counters");
		for (i = 0; i < st->n_counters; i++)
			counter_json(p, &st->counters[i]);
		print_arr_end(p);
	}
	print_obj_end(p);
	if (print_is_json(p))
		return;
	name = print_safe(st->ifname);
	if (!name)
		return;
	for (i = 0; i < st->n_counters; i++)
		counter_text(&t->counters, name, &st->counters[i]);
	if (st->sg_ipv4 | st->sg_ipv6 | st->sg_arp | st->sg_nd | st->sg_ll |
	    st->sg_lla)
		sb_printf(&t->sg, "%-16s %14" PRIu64 " %14" PRIu64 " %14"
			  PRIu64 " %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
			  name, st->sg_ipv4, st->sg_ipv6, st->sg_arp, st->sg_nd,
			  st->sg_ll, st->sg_lla);
	if (st->snoop_ports | st->snoop_untrusted | st->snoop_no_request |
	    st->snoop_chaddr | st->snoop_unbound | st->snoop_overflow |
	    st->dhcp_chaddr_drop)
		sb_printf(&t->snoop, "%-16s %10" PRIu64 " %10" PRIu64 " %10"
			  PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			  " %11" PRIu64 "\n", name, st->snoop_ports,
			  st->snoop_untrusted, st->snoop_no_request,
			  st->snoop_chaddr, st->snoop_unbound,
			  st->snoop_overflow, st->dhcp_chaddr_drop);
	free(name);
}

void stats_end(struct print *p, struct stats_text *t, bool ok)
{
	if (ok) {
		print_arr_end(p);
		if (t->counters.len)
			print_text(p, "\nPORT             DIR     CLASS             VERDICT          PACKETS\n%s",
				   sb_str(&t->counters));
		if (t->sg.len)
			print_text(p, "\nPORT             SG-DROP-IPV4   SG-DROP-IPV6    SG-DROP-ARP     SG-DROP-ND     SG-DROP-LL    SG-DROP-LLA\n%s",
				   sb_str(&t->sg));
		if (t->snoop.len)
			print_text(p, "\nPORT              SN-PORTS SN-UNTRUST SN-NO-REQ  SN-CHADDR SN-UNBOUND SN-OVERFLOW CHADDR-DROP\n%s",
				   sb_str(&t->snoop));
	}
	sb_free(&t->counters);
	sb_free(&t->sg);
	sb_free(&t->snoop);
}

struct show {
	struct actl_ctx *ctx;
	struct stats_text text;
};

static int stats_cb(const void *msg, size_t len, void *data)
{
	static struct amsg_stats st;
	struct show *s = data;
	struct amsg_err err;

	if (amsg_parse_stats(msg, len, s->ctx->nl->family, &st, &err) < 0)
		return -1;
	stats_print(s->ctx->out, &s->text, &st);
	return 0;
}

static int run(struct actl_ctx *ctx, uint8_t cmd, actl_msg_fn fn,
	       void *data)
{
	const struct actl_req *r = ctx->req;
	bool one = r->ifname[0] || r->ifindex;
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_out o;

	amsg_out_begin(&o, req, sizeof(req), ctx->nl->family,
		       NLM_F_ACK | (one || cmd != APEDGE_CMD_STATS_GET ? 0 :
				    NLM_F_DUMP),
		       cmd, APEDGE_FAMILY_VERSION);
	amsg_put_stats_dev(&o, r->ifindex, r->ifname);
	return actl_module_call(ctx, req, amsg_out_end(&o), fn, data);
}

static int show_run(struct actl_ctx *ctx)
{
	struct show s = { .ctx = ctx };
	int rc;

	stats_begin(ctx->out, &s.text);
	rc = run(ctx, APEDGE_CMD_STATS_GET, stats_cb, &s);
	stats_end(ctx->out, &s.text, !rc);
	return rc;
}

static int reset_run(struct actl_ctx *ctx)
{
	return run(ctx, APEDGE_CMD_STATS_RESET, NULL, NULL);
}

static const struct actl_verb stats_verbs[] = {
	{
		.name = "show", .cmd = ACTL_CMD_STATS, .min_args = 0,
		.max_args = 2, .parse = parse_dev, .run = show_run,
		.args = "[dev IF]", .title = "stats",
	},
	{
		.name = "list", .cmd = ACTL_CMD_STATS,
		.flags = ACTL_VERB_ALIAS, .min_args = 0, .max_args = 2,
		.parse = parse_dev, .run = show_run, .title = "stats",
	},
	{
		.name = "reset", .cmd = ACTL_CMD_STATS_RESET, .min_args = 0,
		.max_args = 2, .parse = parse_dev, .run = reset_run,
		.args = "[dev IF]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_stats = {
	.name = "stats", .flags = ACTL_OBJ_BARE,
	.default_verb = "show", .verbs = stats_verbs,
	.help = "the module's counters, by port",
};
