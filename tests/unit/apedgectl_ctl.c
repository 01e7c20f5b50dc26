// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's side of the control socket, against a scripted daemon (a
 * child process on a real socket): replies in parts reassembled, replies
 * that break the protocol refused, the read-only socket taken when the
 * admin one is closed to us, and "monitor daemon" printing events until
 * the daemon goes.
 */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apedgectl/ctl.h"
#include "apedgectl/monitor.h"
#include "lib/ctrl.h"
#include "ut.h"

UT_CASE(event_text)
{
	static const char ev[] = "{\"event\": \"sta-authorized\", \"time\": "
				 "1767225600.123, \"ifname\": \"wlan0\", "
				 "\"mac\": \"02:00:00:00:aa:01\", \"vlan\": 0}\n";
	static const char ev2[] = "{\"event\": \"reload\", \"ok\": false, "
				  "\"error\": \"a\\nb\", \"x\": null, "
				  "\"l\": [1], \"o\": {}}";
	struct strbuf sb;

	sb_init(&sb);
	UT_EXPECT(actl_event_text(ev, strlen(ev), &sb) == 0);
	UT_EXPECT_STR(sb_str(&sb), "sta-authorized ifname wlan0 mac "
		      "02:00:00:00:aa:01 vlan 0");
	sb_reset(&sb);
	UT_EXPECT(actl_event_text(ev2, strlen(ev2), &sb) == 0);
	UT_EXPECT_STR(sb_str(&sb), "reload ok false error a?b x - l [...] "
		      "o {...}");
	sb_reset(&sb);
	UT_EXPECT(actl_event_text("[1]", 3, &sb) < 0);
	UT_EXPECT(actl_event_text("{\"event\": 3}", 12, &sb) < 0);
	UT_EXPECT(actl_event_text("{\"n\": 3}", 8, &sb) < 0);
	UT_EXPECT(actl_event_text("{\"event\": \"x\"", 13, &sb) < 0);
	UT_EXPECT(actl_event_text("", 0, &sb) < 0);
	sb_free(&sb);
}

struct fake {
	char dir[32];
	char path[64];
	char ro[64];
	int lfd, lfd_ro;
	pid_t pid;
};

static int listen_on(const char *path, mode_t mode)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    chmod(path, mode) < 0 || listen(fd, 4) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int fake_up(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/apedgectl-ut-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	chmod(f->dir, 0755);
	snprintf(f->path, sizeof(f->path), "%s/d.sock", f->dir);
	snprintf(f->ro, sizeof(f->ro), "%s/d.ro.sock", f->dir);
	f->lfd = listen_on(f->path, 0600);
	f->lfd_ro = listen_on(f->ro, 0666);
	return f->lfd >= 0 && f->lfd_ro >= 0 ? 0 : -1;
}

static void fake_down(struct fake *f)
{
	close(f->lfd);
	close(f->lfd_ro);
	unlink(f->path);
	unlink(f->ro);
	rmdir(f->dir);
}

/*
 * The daemon's part, in a child: on the socket lfd, accept one client,
 * check its request, send the packets (n[i] bytes of pkts[i]; n[i] == 0
 * for strlen), then wait for the client to go.
 */
static void serve(struct fake *f, int lfd, const char *want,
		  const char *const *pkts, const size_t *n, size_t count)
{
	char req[256];
	ssize_t got;
	size_t i;
	int fd;

	f->pid = fork();
	if (f->pid)
		return;
	alarm(10);	/* a client that never comes fails the test */
	fd = accept(lfd, NULL, NULL);
	got = recv(fd, req, sizeof(req) - 1, 0);
	if (got < 0 || (req[got] = '\0', strcmp(req, want)))
		_exit(2);
	for (i = 0; i < count; i++)
		if (send(fd, pkts[i], n && n[i] ? n[i] : strlen(pkts[i]),
			 MSG_NOSIGNAL) < 0)
			_exit(3);
	shutdown(fd, SHUT_WR);
	while (recv(fd, req, sizeof(req), 0) > 0)
		;
	_exit(0);
}

static int served(struct fake *f)
{
	int status = 0;

	waitpid(f->pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define SERVE(f, lfd, want, ...) do {					\
	static const char *const pkts_[] = { __VA_ARGS__ };		\
	serve(f, lfd, want, pkts_, NULL,				\
	      sizeof(pkts_) / sizeof(pkts_[0]));			\
} while (0)

UT_CASE(call)
{
	const char *body;
	struct fake f;
	char *reply;

	UT_ASSERT(fake_up(&f) == 0);
	SERVE(&f, f.lfd, "ping", "ok\n{\"pong\": true}\n");
	UT_EXPECT(actl_ctl_call(f.path, "ping", &reply) == 0);
	UT_EXPECT(served(&f) == 0);
	UT_ASSERT(reply);
	UT_EXPECT(actl_ctl_split(reply, &body) == 1);
	UT_EXPECT_STR(body, "{\"pong\": true}\n");
	free(reply);

	/* In parts. */
	SERVE(&f, f.lfd, "sta show", "ok 17\n{\"stations\"", ": []}\n");
	UT_EXPECT(actl_ctl_call(f.path, "sta show", &reply) == 0);
	UT_EXPECT(served(&f) == 0);
	UT_EXPECT(reply && !strcmp(reply, "ok\n{\"stations\": []}\n"));
	free(reply);

	/* Cut short, malformed, too large, refused. */
	SERVE(&f, f.lfd, "sta show", "ok 17\n{\"stations\"");
	UT_EXPECT(actl_ctl_call(f.path, "sta show", &reply) == -ECONNRESET);
	UT_EXPECT(!reply);
	UT_EXPECT(served(&f) == 0);
	SERVE(&f, f.lfd, "status", "hello\n");
	UT_EXPECT(actl_ctl_call(f.path, "status", &reply) == -EPROTO);
	UT_EXPECT(served(&f) == 0);
	SERVE(&f, f.lfd, "status", "ok 99999999\n{");
	UT_EXPECT(actl_ctl_call(f.path, "status", &reply) == -EMSGSIZE);
	UT_EXPECT(served(&f) == 0);
	SERVE(&f, f.lfd, "reload", "error permission denied\n");
	UT_EXPECT(actl_ctl_call(f.path, "reload", &reply) == 0);
	UT_EXPECT(served(&f) == 0);
	UT_EXPECT(reply && actl_ctl_split(reply, &body) == 0);
	UT_EXPECT_STR(body, "permission denied");
	free(reply);
	fake_down(&f);
	UT_EXPECT(actl_ctl_call(f.path, "status", &reply) == -ENOENT);
}

/* 1 MiB in 64 KiB parts, as the daemon sends it. */
UT_CASE(call_1mib)
{
	static const size_t body = 1 << 20;
	size_t n[20], i, count = 0, off;
	const char *pkts[20];
	struct fake f;
	char *big, *reply;
	int hdr;

	UT_ASSERT(fake_up(&f) == 0);
	big = malloc(body + 32);
	UT_ASSERT(big);
	hdr = sprintf(big, "ok %zu\n", body);
	for (i = 0; i < body; i++)
		big[hdr + i] = i + 1 == body ? '\n' : 'a' + i % 26;
	for (off = 0; off < hdr + body; off += APEDGE_CTRL_MAX) {
		pkts[count] = big + off;
		n[count++] = hdr + body - off < APEDGE_CTRL_MAX ?
			     hdr + body - off : APEDGE_CTRL_MAX;
	}
	UT_EXPECT(count == 17);
	serve(&f, f.lfd, "sta show", pkts, n, count);
	UT_EXPECT(actl_ctl_call(f.path, "sta show", &reply) == 0);
	UT_EXPECT(served(&f) == 0);
	UT_ASSERT(reply);
	UT_EXPECT(strlen(reply) == 3 + body);
	UT_EXPECT(!memcmp(reply, "ok\n", 3) &&
		  !memcmp(reply + 3, big + hdr, body));
	free(reply);
	free(big);
	fake_down(&f);
}

/* As nobody, the admin socket (0600) is closed: the read-only one. */
UT_CASE(read_only_fallback)
{
	struct fake f;
	pid_t child;
	int status = 0;

	if (geteuid() != 0) {
		fprintf(stderr, "  not root: cannot drop to nobody; the "
			"fallback is not tested\n");
		return;
	}
	UT_ASSERT(fake_up(&f) == 0);
	SERVE(&f, f.lfd_ro, "status", "ok\n{\"socket\": \"ro\"}\n");
	child = fork();
	if (!child) {
		char *reply = NULL;

		if (setgroups(0, NULL) < 0 || setgid(65534) < 0 ||
		    setuid(65534) < 0)
			_exit(4);
		if (actl_ctl_call(f.path, "status", &reply) ||
		    strcmp(reply, "ok\n{\"socket\": \"ro\"}\n"))
			_exit(5);
		free(reply);
		_exit(0);
	}
	waitpid(child, &status, 0);
	UT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	UT_EXPECT(served(&f) == 0);
	fake_down(&f);
}

static const char *run_monitor(struct fake *f, bool json, int *rc,
			       char *out, size_t size)
{
	FILE *o;

	memset(out, 0, size);
	o = fmemopen(out, size - 1, "w");

	*rc = actl_monitor_daemon(f->path, json, o);
	fclose(o);
	return out;
}

UT_CASE(monitor)
{
	static const char e1[] = "{\"event\": \"sta-associated\", \"time\": "
				 "1.000, \"ifname\": \"wlan0\", \"mac\": "
				 "\"02:00:00:00:aa:01\"}\n";
	static const char e2[] = "{\"event\": \"reload\", \"time\": 2.000, "
				 "\"ok\": true, \"ports\": 2}\n";
	char out[1024];
	struct fake f;
	int rc;

	UT_ASSERT(fake_up(&f) == 0);
	SERVE(&f, f.lfd, "monitor", "ok\n{\"monitor\": true}\n", e1,
	      "not json\n", e2);
	UT_EXPECT_STR(run_monitor(&f, false, &rc, out, sizeof(out)),
		      "sta-associated ifname wlan0 mac 02:00:00:00:aa:01\n"
		      "reload ok true ports 2\n");
	UT_EXPECT(rc == 1);	/* the daemon went */
	UT_EXPECT(served(&f) == 0);

	SERVE(&f, f.lfd, "monitor", "ok\n{\"monitor\": true}\n", e1, e2);
	run_monitor(&f, true, &rc, out, sizeof(out));
	UT_EXPECT(!strncmp(out, e1, strlen(e1)) &&
		  !strcmp(out + strlen(e1), e2));
	UT_EXPECT(served(&f) == 0);

	SERVE(&f, f.lfd, "monitor", "error permission denied: 'monitor' "
	      "reveals stations\n");
	UT_EXPECT_STR(run_monitor(&f, false, &rc, out, sizeof(out)), "");
	UT_EXPECT(rc == 1);
	UT_EXPECT(served(&f) == 0);
	fake_down(&f);
}

UT_MAIN("apedgectl_ctl", UT_ENTRY(event_text), UT_ENTRY(call),
	UT_ENTRY(call_1mib), UT_ENTRY(read_only_fallback), UT_ENTRY(monitor))
