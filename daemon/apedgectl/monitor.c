// SPDX-License-Identifier: GPL-2.0
/*
 * monitor: events, one a line, until interrupted.
 *
 *   monitor [module]   the module's: ports attached and detached, punted
 *                      packets, 802.1X events (auth-unauth-seen,
 *                      auth-changed) (its events and punt groups)
 *   monitor daemon     apedged's; see monitor.h and the "monitor" request
 *                      in lib/ctrl.h
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/ctl.h"
#include "apedgectl/monitor.h"
#include "apedgectl/names.h"
#include "apedgectl/nl.h"
#include "lib/ctrl.h"
#include "lib/jsonv.h"

#define WHAT "monitor daemon"

/* A value's text, on one line. */
static void put_value(struct strbuf *out, const struct jv *v)
{
	char buf[512], *c;

	switch (v->type) {
	case JV_STR:
		jv_str(v, buf, sizeof(buf));
		for (c = buf; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		sb_puts(out, buf[0] ? buf : "\"\"");
		break;
	case JV_NUM:
		sb_append(out, v->s, v->len);
		break;
	case JV_BOOL:
		sb_puts(out, v->b ? "true" : "false");
		break;
	case JV_NULL:
		sb_puts(out, "-");
		break;
	case JV_ARR:
		sb_puts(out, "[...]");
		break;
	case JV_OBJ:
		sb_puts(out, "{...}");
		break;
	}
}

int actl_event_text(const char *line, size_t len, struct strbuf *out)
{
	const struct jv *root, *ev, *m;
	char key[64];
	struct jv_doc d;

	if (jv_parse(line, len, &d) < 0)
		return -1;
	root = jv_root(&d);
	ev = jv_get(&d, root, "event");
	if (root->type != JV_OBJ || !ev || ev->type != JV_STR) {
		jv_free(&d);
		return -1;
	}
	put_value(out, ev);
	for (m = jv_first(&d, root); m; m = jv_next(&d, m)) {
		jv_key(m, key, sizeof(key));
		if (!strcmp(key, "event") || !strcmp(key, "time"))
			continue;
		sb_puts(out, " ");
		for (char *c = key; *c; c++)
			if ((unsigned char)*c <= 0x20 || *c == 0x7f)
				*c = '?';
		sb_puts(out, key);
		sb_puts(out, " ");
		put_value(out, m);
	}
	jv_free(&d);
	return 0;
}

static void on_signal(int sig)
{
	/* Only to end the wait for events. */
}

static int print_event(const char *line, size_t len, bool json, FILE *out)
{
	struct strbuf sb;

	if (json) {
		fwrite(line, 1, len, out);
		if (!len || line[len - 1] != '\n')
			fputc('\n', out);
		return 0;
	}
	sb_init(&sb);
	if (actl_event_text(line, len, &sb) < 0) {
		fprintf(stderr, "apedgectl: " WHAT ": malformed event "
			"skipped\n");
	} else {
		fputs(sb_str(&sb), out);
		fputc('\n', out);
	}
	sb_free(&sb);
	return 0;
}

/*
 * Block SIGINT and SIGTERM and catch them with on_signal(); *wait gets
 * the mask to wait with: the caller's mask less those two.
 */
static void catch_stop_signals(sigset_t *wait)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, wait);
	sigdelset(wait, SIGINT);
	sigdelset(wait, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/*
 * SIGINT and SIGTERM stay blocked but while we wait for an event, so
 * that one arriving while an event is printed still ends the wait.
 */
static int listen_events(int fd, bool json, FILE *out)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	sigset_t wait;
	char *pkt;
	ssize_t n;
	int rc = 1;

	pkt = malloc(APEDGE_CTRL_MAX + 1);
	if (!pkt)
		return 1;
	catch_stop_signals(&wait);
	setvbuf(out, NULL, _IOLBF, 0);
	for (;;) {
		if (ppoll(&pfd, 1, NULL, &wait) < 0) {
			if (errno == EINTR) {
				rc = 0;
				break;
			}
			fprintf(stderr, "apedgectl: " WHAT ": %s\n",
				strerror(errno));
			break;
		}
		n = recv(fd, pkt, APEDGE_CTRL_MAX + 1, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			fprintf(stderr, "apedgectl: " WHAT ": %s\n",
				strerror(errno));
			break;
		}
		if (n == 0) {
			fprintf(stderr, "apedgectl: " WHAT ": apedged closed "
				"the connection (stopped, or it cut off a "
				"monitor too slow to keep up)\n");
			break;
		}
		if (n > APEDGE_CTRL_MAX) {
			fprintf(stderr, "apedgectl: " WHAT ": malformed event "
				"skipped\n");
			continue;
		}
		print_event(pkt, (size_t)n, json, out);
	}
	sigprocmask(SIG_SETMASK, &wait, NULL);
	free(pkt);
	return rc;
}

int actl_monitor_daemon(const char *path, bool json, FILE *out)
{
	const char *body;
	char *reply = NULL;
	int fd, r, rc = 1;

	fd = actl_ctl_connect(path);
	if (fd < 0) {
		actl_ctl_report(WHAT, path, fd);
		return 1;
	}
	r = actl_ctl_talk(fd, "monitor", &reply);
	if (r < 0) {
		actl_ctl_report(WHAT, path, r);
	} else if ((r = actl_ctl_split(reply, &body)) == 1) {
		rc = listen_events(fd, json, out);
	} else {
		fprintf(stderr, "apedgectl: " WHAT ": %s", r ? "malformed "
			"reply from apedged\n" : body);
		if (!r && (!*body || body[strlen(body) - 1] != '\n'))
			fputc('\n', stderr);
	}
	free(reply);
	close(fd);
	return rc;
}

/* ---- the module's events ------------------------------------------------ */

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
	if (cmd == APEDGE_CMD_AUTH_UNAUTH_SEEN ||
	    cmd == APEDGE_CMD_AUTH_CHANGED) {
		char name[IF_NAMESIZE];
		struct amsg_auth a;

		if (amsg_parse_auth(msg, len, ctx->nl->family, &a, &err)) {
			fprintf(stderr, "apedgectl: monitor: malformed auth event skipped\n");
			return 0;
		}
		auth_event_print(ctx->out, &a, actl_ifname(a.ifindex, name));
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
	struct actl_ctx line = *ctx;
	struct print out;
	sigset_t wait;
	int err;

	catch_stop_signals(&wait);
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

/* ---- the object --------------------------------------------------------- */

static int parse_daemon(struct actl_parser *p, struct actl_req *req)
{
	req->monitor_daemon = true;
	return 0;
}

static int daemon_run(struct actl_ctx *ctx)
{
	return actl_monitor_daemon(ctx->req->ctrl_path ? ctx->req->ctrl_path :
				   APEDGE_CTRL_PATH, ctx->req->json, stdout);
}

/* "monitor" alone is "monitor module". */
static const struct actl_verb monitor_verbs[] = {
	{
		.name = "module", .cmd = ACTL_CMD_MONITOR,
		.flags = ACTL_VERB_NO_BATCH, .run = monitor_run,
		.title = "monitor",
	},
	{
		.name = "daemon", .cmd = ACTL_CMD_MONITOR,
		.flags = ACTL_VERB_DAEMON | ACTL_VERB_NO_BATCH,
		.parse = parse_daemon, .run = daemon_run, .title = "monitor",
	},
	{ .name = NULL }
};

const struct actl_object actl_obj_monitor = {
	.name = "monitor", .default_verb = "module", .verbs = monitor_verbs,
	.help = "events, one a line, until interrupted: the module's (ports "
		"attached and detached, punted packets) or apedged's "
		"(stations, IAPP, ports, reloads)",
};
