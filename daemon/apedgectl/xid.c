// SPDX-License-Identifier: GPL-2.0
/*
 * xid: the Layer-2 Update frame of a station, sent by the module.
 *
 *   xid send dev IF sta MAC [mode transmit|inject] [vlan VID]
 *            [count N [interval MS]] [rw BYTE]
 */
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/nl.h"

static const char *const send_kws[] = {
	"dev", "ifindex", "sta", "mode", "vlan", "count", "interval", "rw", NULL
};
static const char *const modes[] = { "transmit", "inject", NULL };

static int parse_send(struct actl_parser *p, struct actl_req *req)
{
	const char *raw, *kw, *s;
	unsigned long n;

	while ((raw = actl_next(p))) {
		if (!(kw = actl_expand(p, raw, send_kws)))
			return -1;
		if (actl_is_dev_kw(kw)) {
			if (actl_device(p, kw, req))
				return -1;
		} else if (!strcmp(kw, "sta")) {
			if (actl_mac_value(p, kw, req->sta))
				return -1;
			req->has_sta = true;
		} else if (!strcmp(kw, "mode")) {
			if (actl_value(p, kw, &s))
				return -1;
			if (!(s = actl_expand(p, s, modes)))
				return -1;
			if (!strcmp(s, "transmit"))
				req->mode = APEDGE_XID_MODE_TRANSMIT;
			else if (!strcmp(s, "inject"))
				req->mode = APEDGE_XID_MODE_INJECT;
			else
				return actl_fail(p, "mode \"%s\": use transmit "
						 "or inject", s);
		} else if (!strcmp(kw, "vlan")) {
			if (actl_number(p, kw, 1, 4094, &n))
				return -1;
			req->vlan = n;
		} else if (!strcmp(kw, "count")) {
			if (actl_number(p, kw, 1, APEDGE_XID_COUNT_MAX, &n))
				return -1;
			req->count = n;
		} else if (!strcmp(kw, "interval")) {
			if (actl_number(p, kw, 0, APEDGE_XID_INTERVAL_MAX, &n))
				return -1;
			req->interval = n;
			req->has_interval = true;
		} else if (!strcmp(kw, "rw")) {
			if (actl_number(p, kw, 0, 255, &n))
				return -1;
			req->rw = n;
			req->has_rw = true;
		} else {
			return actl_fail(p, "xid send: unexpected \"%s\"", raw);
		}
	}
	if (actl_need_device(p, req))
		return -1;
	if (!req->has_sta)
		return actl_fail(p, "xid send: \"sta MAC\" is required");
	if (req->has_interval && req->interval && req->count < 2)
		return actl_fail(p, "xid send: interval needs a count of 2 or "
				 "more");
	return 0;
}

static int send_run(struct actl_ctx *ctx)
{
	const struct actl_req *r = ctx->req;
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_xid x = {
		.ifindex = r->ifindex, .mode = r->mode, .vlan = r->vlan,
		.count = r->count, .has_interval = r->has_interval,
		.interval = r->interval, .has_rw = r->has_rw, .rw = r->rw,
	};

	strcpy(x.ifname, r->ifname);
	memcpy(x.sta, r->sta, sizeof(x.sta));
	return actl_module_call(ctx, req,
				amsg_build_xid_send(req, sizeof(req),
						    ctx->nl->family,
						    NLM_F_ACK, &x),
				NULL, NULL);
}

static const struct actl_verb xid_verbs[] = {
	{
		.name = "send", .cmd = ACTL_CMD_XID_SEND, .min_args = 4,
		.max_args = 14, .parse = parse_send, .run = send_run,
		.args = "dev IF sta MAC [mode transmit|inject] [vlan VID]\n"
			"[count N [interval MS]] [rw BYTE]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_xid = {
	.name = "xid",
	.verbs = xid_verbs,
	.help = "a station's Layer-2 Update frame (IEEE 802.2 XID), sent "
		"by the module",
};
