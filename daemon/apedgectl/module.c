// SPDX-License-Identifier: GPL-2.0
/*
 * The module itself: "info" (its version and features) and "monitor"
 * (its events: ports attached and detached, punted packets), and what
 * every object's runner uses to talk to it.
 */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
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

/* ---- monitor ------------------------------------------------------------ */

void port_event_print(struct print *p, const char *event,
		      const struct amsg_port *port)
{
	print_str(p, PRINT_TEXT, NULL, "%s ", event);
	print_obj_begin(p, NULL);
	print_str(p, PRINT_JSON, "event", NULL, event);
	print_uint(p, PRINT_ANY, "ifindex", "%u: ", port->ifindex);
	print_str(p, PRINT_ANY, "ifname", "%s ", port->ifname);
	print_str(p, PRINT_ANY, "role", "role %s\n",
		  actl_role_name(port->role));
	print_obj_end(p);
}

void punt_print(struct print *p, const struct amsg_punt *punt,
		const char *ifname)
{
	char a[16], b[16], c[16], dev[24], hex[2 * APEDGE_PUNT_SNAPLEN + 1];
	uint32_t i;

	if (ifname && *ifname)
		snprintf(dev, sizeof(dev), "%s", ifname);
	else
		snprintf(dev, sizeof(dev), "if%u", punt->ifindex);
	for (i = 0; i < punt->caplen && i < APEDGE_PUNT_SNAPLEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", punt->packet[i]);
	hex[2 * i] = '\0';

	print_obj_begin(p, NULL);
	print_str(p, PRINT_JSON, "event", NULL, "punt");
	print_uint(p, PRINT_ANY, "ifindex", "punt %u: ", punt->ifindex);
	if (ifname && *ifname)
		print_str(p, PRINT_JSON, "ifname", NULL, ifname);
	print_str(p, PRINT_TEXT, NULL, "%s ", dev);
	print_str(p, PRINT_ANY, "direction", "%s ",
		  actl_name_or_num(actl_direction_name(punt->direction),
				   punt->direction, a, sizeof(a)));
	print_str(p, PRINT_ANY, "class", "%s ",
		  actl_name_or_num(actl_class_name(punt->class), punt->class,
				   b, sizeof(b)));
	print_str(p, PRINT_ANY, "verdict", "%s ",
		  actl_name_or_num(actl_verdict_name(punt->verdict),
				   punt->verdict, c, sizeof(c)));
	print_uint(p, PRINT_ANY, "len", "%u bytes\n", punt->len);
	print_str(p, PRINT_JSON, "packet", NULL, hex);
	print_obj_end(p);
}

static void on_signal(int sig)
{
	/* Only to interrupt the wait for events; see monitor_run(). */
}

static int event_cb(const void *msg, size_t len, void *data)
{
	struct actl_ctx *ctx = data;
	struct amsg_port port;
	struct amsg_err err;
	int cmd;

	if (!msg) {
		fprintf(stderr, "apedgectl: monitor: events were lost (receive buffer overrun)\n");
		return 0;
	}
	cmd = amsg_genl_cmd(msg, len);
	if (cmd == APEDGE_CMD_PUNT_NTF) {
		static struct amsg_punt punt;
		char name[IF_NAMESIZE];

		if (amsg_parse_punt(msg, len, ctx->nl->family, &punt, &err)) {
			fprintf(stderr, "apedgectl: monitor: malformed punt skipped\n");
			return 0;
		}
		punt_print(ctx->out, &punt, actl_ifname(punt.ifindex, name));
		fflush(stdout);
		return 0;
	}
	if (cmd != APEDGE_CMD_PORT_ADD_NTF && cmd != APEDGE_CMD_PORT_DEL_NTF)
		return 0;
	if (amsg_parse_port(msg, len, ctx->nl->family, &port, &err)) {
		fprintf(stderr, "apedgectl: monitor: malformed event skipped\n");
		return 0;
	}
	port_event_print(ctx->out, cmd == APEDGE_CMD_PORT_ADD_NTF ?
			"port-add" : "port-del", &port);
	fflush(stdout);
	return 0;
}

/*
 * SIGINT and SIGTERM stay blocked but while apedgectl waits for events,
 * so that one arriving while an event is printed still ends the wait.
 * Events are one a line: JSON compact, whatever -p says.
 */
static int monitor_run(struct actl_ctx *ctx)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct actl_ctx line = *ctx;
	struct print out;
	sigset_t block, wait;
	int err;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait);
	sigdelset(&wait, SIGINT);
	sigdelset(&wait, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	print_init(&out, stdout, ctx->req->json, false);
	line.out = &out;
	err = actl_nl_listen(ctx->nl, event_cb, &line, &wait);
	print_free(&out);
	if (err) {
		line.nl = NULL;
		return actl_report(&line, err);
	}
	return 0;
}

/*
 * "monitor" alone is "monitor module"; the events of other sources (the
 * daemon's) are verbs beside it.
 */
static const struct actl_verb monitor_verbs[] = {
	{
		.name = "module", .cmd = ACTL_CMD_MONITOR,
		.flags = ACTL_VERB_NO_BATCH, .run = monitor_run,
		.title = "monitor",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_monitor = {
	.name = "monitor", .flags = ACTL_OBJ_BARE, .default_verb = "module",
	.verbs = monitor_verbs,
	.help = "events, one a line, until interrupted: the module's "
		"(ports attached and detached, punted packets)",
};
