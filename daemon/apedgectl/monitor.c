// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl monitor daemon; see monitor.h and the "monitor" request in
 * lib/ctrl.h.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "apedgectl/ctl.h"
#include "apedgectl/monitor.h"
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
 * SIGINT and SIGTERM stay blocked but while we wait for an event, so
 * that one arriving while an event is printed still ends the wait.
 */
static int listen_events(int fd, bool json, FILE *out)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	sigset_t block, wait;
	char *pkt;
	ssize_t n;
	int rc = 1;

	pkt = malloc(APEDGE_CTRL_MAX + 1);
	if (!pkt)
		return 1;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait);
	sigdelset(&wait, SIGINT);
	sigdelset(&wait, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
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
