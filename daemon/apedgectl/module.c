// SPDX-License-Identifier: GPL-2.0
/*
 * The module itself: "info" (its version and features), and what every
 * object's runner uses to talk to it.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/errmsg.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"

/* ---- shared by the runners ---------------------------------------------- */

int actl_report(const struct actl_ctx *ctx, int err)
{
	char line[512];

	actl_error_line(line, sizeof(line), ctx->req->cmd, err,
			ctx->nl ? ctx->nl->ext : NULL);
	fprintf(stderr, "apedgectl: %s\n", line);
	return 1;
}

int actl_module_call(struct actl_ctx *ctx, const void *req, size_t len,
		     actl_msg_fn fn, void *data)
{
	uint32_t buf[AMSG_REQ_SIZE / 4];
	int err;

	if (!len || len > sizeof(buf))
		return actl_report(ctx, -EMSGSIZE);
	memcpy(buf, req, len);
	err = actl_nl_talk(ctx->nl, buf, len, fn, data);
	return err ? actl_report(ctx, err) : 0;
}

const char *actl_ifname(uint32_t ifindex, char *buf)
{
	if (!ifindex || !if_indextoname(ifindex, buf))
		buf[0] = '\0';
	return buf;
}

/* ---- info --------------------------------------------------------------- */

void info_print(struct print *p, const struct amsg_info *info)
{
	const char *name;
	char num[16];
	unsigned int i;

	print_obj_begin(p, NULL);
	print_str(p, PRINT_ANY, "version", "version %s\n", info->version);
	print_text(p, "features");
	print_arr_begin(p, "features");
	for (i = 0; i < 32; i++) {
		if (!(info->features & (1u << i)))
			continue;
		name = actl_feature_name(i);
		if (!name) {
			snprintf(num, sizeof(num), "bit%u", i);
			name = num;
		}
		print_str(p, PRINT_ANY, NULL, " %s", name);
	}
	print_arr_end(p);
	print_nl(p);
	print_obj_end(p);
}

static int info_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	struct amsg_info info;
	struct amsg_err err;

	if (amsg_parse_info(msg, len, ctx->nl->family, &info, &err) < 0)
		return -1;
	info_print(ctx->out, &info);
	return 0;
}

static int info_run(struct actl_ctx *ctx)
{
	uint32_t req[AMSG_REQ_SIZE / 4];

	return actl_module_call(ctx, req,
				amsg_build_empty(req, sizeof(req),
						 ctx->nl->family, NLM_F_ACK,
						 APEDGE_CMD_INFO_GET),
				info_cb, ctx);
}

static const struct actl_verb info_verbs[] = {
	{
		.name = "", .cmd = ACTL_CMD_INFO, .min_args = 0, .max_args = 0,
		.run = info_run, .title = "info",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_info = {
	.name = "info", .flags = ACTL_OBJ_NO_VERB, .verbs = info_verbs,
	.help = "the module's version and features",
};
