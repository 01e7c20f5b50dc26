// SPDX-License-Identifier: GPL-2.0
/*
 * daemon: apedged itself, and what every object that talks to apedged's
 * control socket (sta, iapp, dhcp4) uses: one request line, one reply.
 *
 *   daemon status|ping|reload
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apedgectl/cmd.h"
#include "apedgectl/ctl.h"
#include "lib/ctrl.h"

int actl_daemon_line(const struct actl_req *req, char *buf, size_t size)
{
	int n;

	switch (req->cmd) {
	case ACTL_CMD_DAEMON:
		n = snprintf(buf, size, "%s\n", req->daemon_req);
		break;
	case ACTL_CMD_IAPP_SHOW:
		n = snprintf(buf, size, "iapp show\n");
		break;
	case ACTL_CMD_STA_ADD:
	case ACTL_CMD_STA_AUTHORIZE:
	case ACTL_CMD_STA_DEL:
	case ACTL_CMD_STA_SHOW:
		return sta_line(req, buf, size);
	case ACTL_CMD_DHCP4_SHOW:
	case ACTL_CMD_DHCP4_STATS:
	case ACTL_CMD_DHCP4_RENEW:
	case ACTL_CMD_DHCP4_REBIND:
	case ACTL_CMD_DHCP4_RELEASE:
		return dhcp4_line(req, buf, size);
	case ACTL_CMD_EAPOL_SHOW:
	case ACTL_CMD_EAPOL_STATS:
	case ACTL_CMD_EAPOL_LOGOFF:
	case ACTL_CMD_EAPOL_REAUTH:
	case ACTL_CMD_EAPOL_AUTH:
		return eapol_line(req, buf, size);
	case ACTL_CMD_STATION_SHOW:
		return station_line(req, buf, size);
	case ACTL_CMD_DHCP6_SHOW:
	case ACTL_CMD_DHCP6_LEASES:
	case ACTL_CMD_DHCP6_STATS:
	case ACTL_CMD_DHCP6_LEASE_DEL:
	case ACTL_CMD_DHCP6_RECONFIGURE:
		return dhcp6_line(req, buf, size);
	default:
		return -1;
	}
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

void actl_jv_text(const struct jv *v, char *buf, size_t size)
{
	size_t n;

	if (!v) {
		snprintf(buf, size, "-");
		return;
	}
	switch (v->type) {
	case JV_STR:
		jv_str(v, buf, size);
		/* No control character reaches the terminal. */
		for (n = 0; buf[n]; n++)
			if ((unsigned char)buf[n] < 0x20 || buf[n] == 0x7f)
				buf[n] = '?';
		return;
	case JV_NUM:
		n = v->len < size ? v->len : size - 1;
		memcpy(buf, v->s, n);
		buf[n] = '\0';
		return;
	case JV_BOOL:
		snprintf(buf, size, "%s", v->b ? "yes" : "no");
		return;
	default:
		snprintf(buf, size, "-");
	}
}

const char *actl_jv_member(const struct jv_doc *d, const struct jv *obj,
			   const char *key, char *buf, size_t size)
{
	actl_jv_text(jv_get(d, obj, key), buf, size);
	return buf;
}

/* Text of a reply by text(); false if it is not our JSON. */
static bool print_reply_text(void (*text)(FILE *f, const struct jv_doc *d),
			     const char *body)
{
	struct jv_doc d;

	/* An object, or (dhcp4 show) an array of them. */
	if (jv_parse(body, strlen(body), &d) < 0 ||
	    (jv_root(&d)->type != JV_OBJ && jv_root(&d)->type != JV_ARR)) {
		jv_free(&d);
		return false;
	}
	text(stdout, &d);
	jv_free(&d);
	return true;
}

static int print_reply(struct actl_ctx *ctx, const char *what, char *buf,
		       void (*text)(FILE *f, const struct jv_doc *d),
		       bool quiet);

int actl_daemon_call(struct actl_ctx *ctx,
		     void (*text)(FILE *f, const struct jv_doc *d),
		     bool quiet)
{
	const struct actl_req *req = ctx->req;
	const char *path = req->ctrl_path ? req->ctrl_path : APEDGE_CTRL_PATH;
	char line[512], what[64], *buf;
	int err, rc;

	if (req->cmd == ACTL_CMD_DAEMON)
		snprintf(what, sizeof(what), "daemon %s", req->daemon_req);
	else
		snprintf(what, sizeof(what), "%s", actl_cmd_name(req->cmd));

	if (actl_daemon_line(req, line, sizeof(line)) < 0) {
		fprintf(stderr, "apedgectl: %s: request too long\n", what);
		return 1;
	}
	err = actl_ctl_call(path, line, &buf);
	if (err) {
		actl_ctl_report(what, path, err);
		return 1;
	}
	rc = print_reply(ctx, what, buf, text, quiet);
	free(buf);
	return rc;
}

/* The reply in buf: "ok" and its JSON, or "error" and why. */
static int print_reply(struct actl_ctx *ctx, const char *what, char *buf,
		       void (*text)(FILE *f, const struct jv_doc *d),
		       bool quiet)
{
	const struct actl_req *req = ctx->req;
	const char *body;

	switch (actl_ctl_split(buf, &body)) {
	case 1:
		if (!req->json && text && print_reply_text(text, body))
			return 0;
		if (!req->json && quiet)
			return 0;
		if (*body)
			fputs(body, stdout);
		else if (!req->json)
			puts("ok");
		if (req->json && !*body)
			puts("{}");
		return 0;
	case 0:
		fprintf(stderr, "apedgectl: %s: %s", what, body);
		if (!*body || body[strlen(body) - 1] != '\n')
			fputc('\n', stderr);
		return 1;
	}
	fprintf(stderr, "apedgectl: %s: malformed reply from apedged\n",
		what);
	return 1;
}

static int parse_verb(struct actl_parser *p, struct actl_req *req)
{
	req->daemon_req = req->verb->name;
	return 0;
}

static int daemon_run(struct actl_ctx *ctx)
{
	return actl_daemon_call(ctx, NULL, false);
}

static const struct actl_verb daemon_verbs[] = {
	{
		.name = "status", .cmd = ACTL_CMD_DAEMON,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.parse = parse_verb, .run = daemon_run, .title = "daemon",
	},
	{
		.name = "ping", .cmd = ACTL_CMD_DAEMON,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.parse = parse_verb, .run = daemon_run, .title = "daemon",
	},
	{
		.name = "reload", .cmd = ACTL_CMD_DAEMON,
		.flags = ACTL_VERB_DAEMON, .min_args = 0, .max_args = 0,
		.parse = parse_verb, .run = daemon_run, .title = "daemon",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_daemon = {
	.name = "daemon",
	.default_verb = "status", .verbs = daemon_verbs,
	.help = "apedged: its status, whether it answers, reloading its "
		"configuration",
};
