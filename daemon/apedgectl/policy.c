// SPDX-License-Identifier: GPL-2.0
/*
 * policy: what a port's guard does with each class of packet.
 *
 *   policy set dev IF [CLASS pass|drop|copy|redirect]... [punt-rate N]
 */
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

/* Class names are not shortened: new classes would make prefixes ambiguous. */
static int parse_set(struct actl_parser *p, struct actl_req *req)
{
	unsigned int class, verdict, n = 0;
	const char *kw, *v;

	while ((kw = actl_next(p))) {
		if (actl_is_dev_kw(kw)) {
			if (actl_device(p, kw, req))
				return -1;
			continue;
		}
		if (!strcmp(kw, "punt-rate")) {
			unsigned long r;

			if (actl_number(p, kw, 0, APEDGE_PUNT_RATE_MAX, &r))
				return -1;
			req->punt_rate = r;
			req->has_punt_rate = true;
			n++;
			continue;
		}
		class = actl_class_value(kw);
		if (!class || class >= ACTL_POLICY_CLASSES)
			return actl_fail(p, "policy set: unknown class \"%s\"",
					 kw);
		if (actl_value(p, kw, &v))
			return -1;
		verdict = actl_verdict_value(v);
		if (!verdict)
			return actl_fail(p, "%s \"%s\": use pass, drop, copy or "
					 "redirect", kw, v);
		req->policy[class] = verdict;
		n++;
	}
	if (actl_need_device(p, req))
		return -1;
	if (!n)
		return actl_fail(p, "policy set: no \"CLASS VERDICT\" or "
				 "punt-rate given");
	return 0;
}

static int set_run(struct actl_ctx *ctx)
{
	const struct actl_req *r = ctx->req;
	uint32_t req[AMSG_REQ_SIZE / 4];
	struct amsg_port port = {
		.ifindex = r->ifindex,
		.has_punt_rate = r->has_punt_rate,
		.punt_rate = r->punt_rate,
	};
	unsigned int c;

	strcpy(port.ifname, r->ifname);
	for (c = 1; c < ACTL_POLICY_CLASSES && c < AMSG_CLASS_MAX; c++)
		if (r->policy[c]) {
			port.policy[c] = r->policy[c];
			port.n_policy++;
		}
	return actl_module_call(ctx, req,
				amsg_build_port(req, sizeof(req),
						ctx->nl->family, NLM_F_ACK,
						APEDGE_CMD_POLICY_SET, &port),
				NULL, NULL);
}

/* dev IF, and each class of the family and the punt rate once. */
#define SET_WORDS_MAX (2 + 2 * (ACTL_POLICY_CLASSES - 1) + 2)

static const struct actl_verb policy_verbs[] = {
	{
		.name = "set", .cmd = ACTL_CMD_POLICY_SET, .min_args = 4,
		.max_args = SET_WORDS_MAX, .parse = parse_set, .run = set_run,
		.args = "dev IF [CLASS pass|drop|copy|redirect]... [punt-rate N]",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_policy = {
	.name = "policy",
	.verbs = policy_verbs,
	.help = "what a port's guard does with each class of packet",
};
