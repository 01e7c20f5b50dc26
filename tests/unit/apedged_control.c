// SPDX-License-Identifier: GPL-2.0
/*
 * The control sockets: request splitting, command tables and access
 * levels (pure), then real servers on temporary paths driven by the loop:
 * half-closing clients, the idle timeout, replies in parts, the limits on
 * clients, peers that are not root (the test drops to nobody in a child
 * when run as root), monitors and a slow one cut off.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "apedged/ctl.h"
#include "apedged/events.h"
#include "lib/ctrl.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "ut.h"

#define NOBODY 65534
#define GID_MON 4242
#define GID_ADM 4243

UT_CASE(split)
{
	char req[64], *argv[4];

	strcpy(req, "status");
	UT_ASSERT(ctrl_split(req, strlen(req), argv, 4) == 1);
	UT_EXPECT_STR(argv[0], "status");

	strcpy(req, "  port  add\teth0 \r\n");
	UT_ASSERT(ctrl_split(req, strlen(req), argv, 4) == 3);
	UT_EXPECT_STR(argv[0], "port");
	UT_EXPECT_STR(argv[1], "add");
	UT_EXPECT_STR(argv[2], "eth0");

	strcpy(req, " \n");
	UT_EXPECT(ctrl_split(req, strlen(req), argv, 4) == 0);
	strcpy(req, "a b c d e");
	UT_EXPECT(ctrl_split(req, strlen(req), argv, 4) == -E2BIG);
	strcpy(req, "a\nb");
	UT_EXPECT(ctrl_split(req, strlen(req), argv, 4) == -EINVAL);
	memcpy(req, "st\0tus", 6);
	UT_EXPECT(ctrl_split(req, 6, argv, 4) == -EINVAL);
}

struct calls {
	int n;
	char last[64];
};

static void echo_handler(int argc, char **argv, struct strbuf *reply,
			 void *data)
{
	struct calls *calls = data;

	calls->n++;
	snprintf(calls->last, sizeof(calls->last), "%s", argv[0]);
	if (!strcmp(argv[0], "hello")) {
		ctrl_reply_ok(reply);
		sb_printf(reply, "{\"argc\": %d}\n", argc);
	} else if (!strcmp(argv[0], "silent")) {
		/* writes nothing */
	} else {
		ctrl_reply_ok(reply);
		sb_printf(reply, "{\"cmd\": \"%s\"}\n", argv[0]);
	}
}

/* "big N": {"data": "aaa..."} and a newline, N bytes of JSON in all. */
static void big_handler(int argc, char **argv, struct strbuf *reply,
			void *data)
{
	size_t n = strtoul(argv[1], NULL, 10), i;

	ctrl_reply_ok(reply);
	sb_puts(reply, "{\"data\": \"");
	for (i = 0; i + 13 < n; i++)
		sb_append(reply, "abcdefghijklmnopqrstuvwxyz" + i % 26, 1);
	sb_puts(reply, "\"}\n");
}

static const struct ctrl_cmd test_cmds[] = {
	{ "hello", "[WORD]...", 0, 14, CTRL_READ, echo_handler },
	{ "silent", NULL, 0, 0, CTRL_READ, echo_handler },
	{ "secret", NULL, 0, 0, CTRL_STATIONS, echo_handler },
	{ "change", NULL, 0, 0, CTRL_ADMIN, echo_handler },
	{ "sta show", NULL, 0, 0, CTRL_STATIONS, echo_handler },
	{ "sta add", "IFNAME MAC", 2, 2, CTRL_ADMIN, echo_handler },
	{ "sta del", "MAC", 1, 1, CTRL_ADMIN, echo_handler },
	{ "big", "BYTES", 1, 1, CTRL_READ, big_handler },
};
#define N_CMDS (sizeof(test_cmds) / sizeof(test_cmds[0]))

static const char *handle(const char *text, enum ctrl_access level,
			  struct strbuf *reply, struct calls *calls)
{
	struct ctrl_table t = { test_cmds, N_CMDS, calls };
	char req[128];
	size_t len = strlen(text);

	memcpy(req, text, len + 1);
	ctrl_handle_request(&t, 1, req, len, level, reply);
	return sb_str(reply);
}

UT_CASE(handle_request)
{
	struct calls calls = { 0 };
	struct strbuf reply;

	sb_init(&reply);
	UT_EXPECT_STR(handle("hello a b\n", CTRL_READ, &reply, &calls),
		      "ok\n{\"argc\": 3}\n");
	UT_EXPECT_STR(handle("bogus", CTRL_ADMIN, &reply, &calls),
		      "error unknown command 'bogus'\n");
	UT_EXPECT_STR(handle("", CTRL_ADMIN, &reply, &calls),
		      "error empty request\n");
	UT_EXPECT_STR(handle("a\001", CTRL_ADMIN, &reply, &calls),
		      "error request contains control characters\n");
	/* One word over the limit of lib/ctrl.h (the handler sees 32). */
	UT_EXPECT_STR(handle("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 "
			     "20 21 22 23 24 25 26 27 28 29 30 31 32 33",
			     CTRL_ADMIN, &reply, &calls),
		      "error too many words (at most 32)\n");
	UT_EXPECT(APEDGE_CTRL_WORDS_MAX == 32);
	UT_EXPECT_STR(handle("silent", CTRL_READ, &reply, &calls),
		      "error no reply\n");
	UT_EXPECT(calls.n == 2);

	/* Argument counts and usage lines from the table. */
	UT_EXPECT_STR(handle("silent now", CTRL_ADMIN, &reply, &calls),
		      "error usage: silent\n");
	UT_EXPECT_STR(handle("sta del", CTRL_ADMIN, &reply, &calls),
		      "error usage: sta del MAC\n");
	UT_EXPECT_STR(handle("sta frob", CTRL_ADMIN, &reply, &calls),
		      "error usage: sta show|add|del ...\n");
	UT_EXPECT_STR(handle("sta", CTRL_ADMIN, &reply, &calls),
		      "error usage: sta show|add|del ...\n");
	UT_EXPECT_STR(handle("sta show", CTRL_STATIONS, &reply, &calls),
		      "ok\n{\"cmd\": \"sta\"}\n");
	UT_EXPECT(calls.n == 3);

	/* Levels: reads for all, stations for some, changes for admins. */
	UT_EXPECT_STR(handle("sta show", CTRL_READ, &reply, &calls),
		      "error permission denied: 'sta show' reveals stations: "
		      "admins and the monitor group only\n");
	UT_EXPECT_STR(handle("change", CTRL_STATIONS, &reply, &calls),
		      "error permission denied: 'change' needs an admin on "
		      "the admin socket\n");
	/* Refused before its arguments are looked at. */
	UT_EXPECT(strstr(handle("sta add x", CTRL_READ, &reply, &calls),
			 "error permission denied") == sb_str(&reply));
	UT_EXPECT(calls.n == 3);
	UT_EXPECT_STR(handle("change", CTRL_ADMIN, &reply, &calls),
		      "ok\n{\"cmd\": \"change\"}\n");
	UT_EXPECT(calls.n == 4);
	sb_free(&reply);
}

UT_CASE(peer_access)
{
	struct ctrl_policy none = { CTRL_NO_GID, CTRL_NO_GID };
	struct ctrl_policy p = { GID_ADM, GID_MON };
	struct ctrl_peer peer = { .uid = 1000, .gid = 1000 };

	UT_EXPECT(ctrl_peer_access(&p, &peer, 0) == CTRL_READ);
	UT_EXPECT(ctrl_peer_access(&p, &peer, 1000) == CTRL_ADMIN);
	peer.groups[peer.n_groups++] = 27;
	peer.groups[peer.n_groups++] = GID_MON;
	UT_EXPECT(ctrl_peer_access(&p, &peer, 0) == CTRL_STATIONS);
	UT_EXPECT(ctrl_peer_access(&none, &peer, 0) == CTRL_READ);
	peer.gid = GID_ADM;
	UT_EXPECT(ctrl_peer_access(&p, &peer, 0) == CTRL_ADMIN);
	UT_EXPECT(ctrl_peer_access(&none, &peer, 0) == CTRL_READ);
	peer.uid = 0;
	UT_EXPECT(ctrl_peer_access(&none, &peer, 1000) == CTRL_ADMIN);
	/* Unknown credentials. */
	peer = (struct ctrl_peer){ .uid = (uid_t)-1, .gid = CTRL_NO_GID };
	UT_EXPECT(ctrl_peer_access(&none, &peer, 0) == CTRL_READ);
}

UT_CASE(ro_path)
{
	char out[32];

	UT_EXPECT(ctrl_ro_path("/run/apedge/apedged.sock", out,
			       sizeof(out)) == 0);
	UT_EXPECT_STR(out, "/run/apedge/apedged.ro.sock");
	UT_EXPECT(ctrl_ro_path("/tmp/ctl", out, sizeof(out)) == 0);
	UT_EXPECT_STR(out, "/tmp/ctl.ro");
	UT_EXPECT(ctrl_ro_path("/.sock", out, sizeof(out)) == 0);
	UT_EXPECT_STR(out, "/.ro.sock");
	UT_EXPECT(ctrl_ro_path("/run/apedge/apedged.sock", out, 27) ==
		  -ENAMETOOLONG);
}

/* A temporary directory, a loop, a ctrl with the test commands. */
struct env {
	char dir[32];
	char path[64];		/* the admin socket */
	char ro[64];		/* the read-only one */
	struct loop *loop;
	struct events *bus;
	struct ctrl *ctrl;
	struct ctrl_server *srv, *srv_ro;
	struct calls calls;
	FILE *devnull;
};

static int env_up(struct env *e, mode_t admin_mode)
{
	struct ctrl_socket_opts o = { .group = CTRL_NO_GID };
	int err = 0;

	memset(e, 0, sizeof(*e));
	snprintf(e->dir, sizeof(e->dir), "/tmp/apedged-ut-XXXXXX");
	e->devnull = fopen("/dev/null", "w");
	log_set_stream(e->devnull);	/* refusals are logged */
	if (!mkdtemp(e->dir))
		return -1;
	snprintf(e->path, sizeof(e->path), "%s/sub/ctl.sock", e->dir);
	snprintf(e->ro, sizeof(e->ro), "%s/sub/ctl.ro.sock", e->dir);
	/* Let nobody reach the sockets in the tests that drop to it. */
	chmod(e->dir, 0755);
	e->loop = loop_new();
	e->bus = events_new();
	e->ctrl = ctrl_new(e->loop, e->bus);
	if (!e->loop || !e->bus || !e->ctrl ||
	    ctrl_add_table(e->ctrl, test_cmds, N_CMDS, &e->calls) < 0)
		return -1;
	o.path = e->path;
	o.max = CTRL_ADMIN;
	o.mode = admin_mode;
	e->srv = ctrl_server_new(e->ctrl, &o, &err);
	o.path = e->ro;
	o.max = CTRL_STATIONS;
	o.mode = 0666;
	e->srv_ro = ctrl_server_new(e->ctrl, &o, &err);
	return e->srv && e->srv_ro ? 0 : -1;
}

static void env_down(struct env *e)
{
	char sub[80];

	ctrl_free(e->ctrl);
	events_free(e->bus);
	loop_free(e->loop);
	snprintf(sub, sizeof(sub), "%s/sub", e->dir);
	rmdir(sub);
	rmdir(e->dir);
	log_set_stream(NULL);
	if (e->devnull)
		fclose(e->devnull);
	loop_clock_real();
}

static int connect_to(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK,
			0);

	if (fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* One packet from fd, pumping the loop meanwhile; -1 after 2 s. */
static ssize_t get(struct env *e, int fd, char *buf, size_t size)
{
	ssize_t n;
	int i;

	for (i = 0; i < 200; i++) {
		n = recv(fd, buf, size - 1, MSG_DONTWAIT);
		if (n >= 0) {
			buf[n] = '\0';
			return n;
		}
		if (errno != EAGAIN)
			return -1;
		loop_iterate(e->loop, 10);
	}
	return -1;
}

/* A request over a new connection, its whole reply reassembled. */
static int ask(struct env *e, const char *path, const char *req,
	       struct ctrl_rx *rx, int *parts)
{
	static char pkt[APEDGE_CTRL_MAX + 1];
	int fd = connect_to(path), r = -1;
	ssize_t n;

	*parts = 0;
	ctrl_rx_init(rx, APEDGE_CTRL_REPLY_MAX);
	if (fd < 0)
		return -1;
	if (send(fd, req, strlen(req), 0) < 0)
		goto out;
	do {
		n = get(e, fd, pkt, sizeof(pkt));
		if (n <= 0)
			goto out;
		(*parts)++;
		r = ctrl_rx_feed(rx, pkt, (size_t)n);
	} while (r == 0);
out:
	close(fd);
	return r == 1 ? 0 : -1;
}

static const char *ask_str(struct env *e, const char *path, const char *req,
			   char *out, size_t size)
{
	struct ctrl_rx rx;
	int parts;

	out[0] = '\0';
	if (!ask(e, path, req, &rx, &parts))
		snprintf(out, size, "%s", rx.buf);
	ctrl_rx_free(&rx);
	return out;
}

UT_CASE(server)
{
	struct ctrl_socket_opts o = { .max = CTRL_ADMIN, .mode = 0600,
				      .group = CTRL_NO_GID };
	char big[APEDGE_CTRL_MAX + 10], out[256];
	struct ctrl_server *srv2;
	struct stat st;
	struct env e;
	int err = 0, fd;
	ssize_t n;

	UT_ASSERT(env_up(&e, 0600) == 0);
	UT_EXPECT_STR(ctrl_server_path(e.srv), e.path);
	UT_ASSERT(stat(e.path, &st) == 0);
	UT_EXPECT(S_ISSOCK(st.st_mode));
	UT_EXPECT((st.st_mode & 0777) == 0600);
	UT_ASSERT(stat(e.ro, &st) == 0);
	UT_EXPECT((st.st_mode & 0777) == 0666);
	UT_EXPECT(ctrl_server_set_mode(e.srv_ro, 0660, getegid()) == 0);
	UT_ASSERT(stat(e.ro, &st) == 0);
	UT_EXPECT((st.st_mode & 0777) == 0660);

	/* A live socket is not taken over. */
	o.path = e.path;
	srv2 = ctrl_server_new(e.ctrl, &o, &err);
	UT_EXPECT(!srv2 && err == -EADDRINUSE);

	UT_EXPECT_STR(ask_str(&e, e.path, "hello x", out, sizeof(out)),
		      "ok\n{\"argc\": 2}\n");
	UT_EXPECT_STR(ask_str(&e, e.path, "nope", out, sizeof(out)),
		      "error unknown command 'nope'\n");
	/* Root on the read-only socket: no changes. */
	UT_EXPECT_STR(ask_str(&e, e.ro, "secret", out, sizeof(out)),
		      "ok\n{\"cmd\": \"secret\"}\n");
	UT_EXPECT(strstr(ask_str(&e, e.ro, "change", out, sizeof(out)),
			 "error permission denied") == out);
	UT_EXPECT(ctrl_get_stats(e.ctrl)->denied == 1);

	/* An empty packet; a packet too long. */
	UT_ASSERT((fd = connect_to(e.path)) >= 0);
	UT_EXPECT(send(fd, "", 0, 0) == 0);
	n = get(&e, fd, out, sizeof(out));
	UT_EXPECT(n > 0 && !strcmp(out, "error empty request\n"));
	memset(big, 'a', sizeof(big));
	UT_EXPECT(send(fd, big, sizeof(big), 0) == (ssize_t)sizeof(big));
	n = get(&e, fd, out, sizeof(out));
	UT_EXPECT(n > 0 && strstr(out, "error request too long") == out);
	close(fd);

	ctrl_server_free(e.srv);
	e.srv = NULL;
	UT_EXPECT(stat(e.path, &st) < 0 && errno == ENOENT);

	/* A stale socket (nobody listening) is replaced. */
	{
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		int sfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", e.path);
		UT_ASSERT(bind(sfd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
		close(sfd);
	}
	e.srv = ctrl_server_new(e.ctrl, &o, &err);
	UT_ASSERT(e.srv);
	ctrl_server_free(e.srv);

	/* Not a socket: left alone. */
	{
		FILE *f = fopen(e.path, "w");

		UT_ASSERT(f);
		fclose(f);
	}
	UT_EXPECT(!ctrl_server_new(e.ctrl, &o, &err));
	UT_EXPECT(err == -EEXIST);
	unlink(e.path);
	env_down(&e);
}

/*
 * A client that sends requests without reading the replies, so that the
 * server's reply waits, and then shuts its sending side: the server must
 * not spin on the half-close, and must still deliver every reply.
 */
UT_CASE(half_close)
{
	static const char want[] = "ok\n{\"argc\": 1}\n";
	int fd, sent = 0, got = 0, busy = 0, bad = 0, i;
	char buf[256];
	struct env e;
	ssize_t n = -1;

	UT_ASSERT(env_up(&e, 0600) == 0);
	UT_ASSERT((fd = connect_to(e.path)) >= 0);

	/* Until both its queue and the server's are full. */
	for (i = 0; i < 100000; i++) {
		if (send(fd, "hello", 5, MSG_DONTWAIT) < 0) {
			UT_EXPECT(errno == EAGAIN);
			break;
		}
		sent++;
		loop_iterate(e.loop, 0);
	}
	UT_EXPECT(sent > 2 && sent < 100000);
	UT_ASSERT(shutdown(fd, SHUT_WR) == 0);
	loop_iterate(e.loop, 0);
	/* Nothing can be done until the client reads: the loop is idle. */
	for (i = 0; i < 20; i++)
		if (loop_iterate(e.loop, 0) > 0)
			busy++;
	UT_EXPECT(busy == 0);

	/* It reads: every reply comes, then the end. */
	for (i = 0; i < 100000; i++) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n == 0)
			break;
		if (n > 0) {
			if (n != sizeof(want) - 1 || memcmp(buf, want, n))
				bad++;
			got++;
			continue;
		}
		UT_ASSERT(errno == EAGAIN);
		loop_iterate(e.loop, 10);
	}
	UT_EXPECT(n == 0);
	UT_EXPECT(bad == 0);
	UT_EXPECT(got == sent);
	UT_EXPECT(e.calls.n == sent);
	close(fd);
	env_down(&e);
}

/* Whether the server closed fd: its end of file, after what it sent. */
static bool closed(int fd)
{
	char buf[APEDGE_CTRL_MAX];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		;
	return n == 0;
}

UT_CASE(idle_timeout)
{
	int quiet, asked, reader;
	char out[128];
	struct env e;

	loop_clock_virtual(1000000);
	UT_ASSERT(env_up(&e, 0600) == 0);
	UT_ASSERT((quiet = connect_to(e.path)) >= 0);
	UT_ASSERT((asked = connect_to(e.path)) >= 0);
	UT_ASSERT((reader = connect_to(e.path)) >= 0);
	loop_iterate(e.loop, 0);
	/* One asks for more than its socket takes and reads none of it. */
	UT_ASSERT(send(asked, "big 4000000", 11, 0) == 11);
	loop_iterate(e.loop, 0);
	loop_iterate(e.loop, 0);

	loop_clock_advance(e.loop, CTRL_IDLE_TIMEOUT_MS - 1);
	UT_EXPECT(!closed(quiet) && !closed(reader));
	/* A request restarts the wait. */
	UT_ASSERT(send(reader, "hello", 5, 0) == 5);
	UT_EXPECT(get(&e, reader, out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "ok\n{\"argc\": 1}\n");
	loop_clock_advance(e.loop, 1);
	loop_iterate(e.loop, 0);
	UT_EXPECT(closed(quiet));
	UT_EXPECT(closed(asked));
	UT_EXPECT(!closed(reader));
	UT_EXPECT(ctrl_get_stats(e.ctrl)->idle_closed == 2);
	loop_clock_advance(e.loop, CTRL_IDLE_TIMEOUT_MS);
	loop_iterate(e.loop, 0);
	UT_EXPECT(closed(reader));
	UT_EXPECT(ctrl_get_stats(e.ctrl)->idle_closed == 3);
	close(quiet);
	close(asked);
	close(reader);
	env_down(&e);
}

UT_CASE(big_reply)
{
	struct ctrl_rx rx;
	char req[32], out[128];
	int parts = 0;
	struct env e;
	size_t i;

	UT_ASSERT(env_up(&e, 0600) == 0);
	/* One byte more than a packet: the first reply in parts. */
	snprintf(req, sizeof(req), "big %d", APEDGE_CTRL_MAX - 2);
	UT_EXPECT(ask(&e, e.path, req, &rx, &parts) == 0);
	UT_EXPECT(parts == 2);
	UT_EXPECT(rx.len == APEDGE_CTRL_MAX + 1);
	ctrl_rx_free(&rx);
	snprintf(req, sizeof(req), "big %d", APEDGE_CTRL_MAX - 3);
	UT_EXPECT(ask(&e, e.path, req, &rx, &parts) == 0);
	UT_EXPECT(parts == 1);
	ctrl_rx_free(&rx);

	/* 1 MiB. */
	UT_EXPECT(ask(&e, e.path, "big 1048576", &rx, &parts) == 0);
	UT_EXPECT(parts == 1048576 / APEDGE_CTRL_MAX + 1);
	UT_EXPECT(rx.len == 3 + 1048576);
	UT_ASSERT(rx.buf);
	UT_EXPECT(!strncmp(rx.buf, "ok\n{\"data\": \"abc", 16));
	for (i = 0; i + 13 < 1048576; i++)
		if (rx.buf[13 + i] != 'a' + (char)(i % 26))
			break;
	UT_EXPECT(i + 13 == 1048576);
	UT_EXPECT(!strcmp(rx.buf + rx.len - 3, "\"}\n"));
	ctrl_rx_free(&rx);
	UT_EXPECT(ctrl_get_stats(e.ctrl)->split_replies == 2);

	/* Beyond the bound: an error, and the connection goes on. */
	snprintf(req, sizeof(req), "big %u", APEDGE_CTRL_REPLY_MAX + 4);
	UT_EXPECT_STR(ask_str(&e, e.path, req, out, sizeof(out)),
		      "error reply too large (more than 16777216 bytes)\n");
	UT_EXPECT(ctrl_get_stats(e.ctrl)->too_large == 1);
	env_down(&e);
}

UT_CASE(too_many_clients)
{
	int fds[CTRL_CLIENTS_MAX + 1], i;
	char out[128];
	struct env e;

	UT_ASSERT(env_up(&e, 0600) == 0);
	for (i = 0; i <= CTRL_CLIENTS_MAX; i++) {
		fds[i] = connect_to(e.path);
		UT_ASSERT(fds[i] >= 0);
		loop_iterate(e.loop, 0);
	}
	UT_EXPECT(get(&e, fds[CTRL_CLIENTS_MAX], out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "error too many clients\n");
	UT_EXPECT(closed(fds[CTRL_CLIENTS_MAX]));
	UT_EXPECT(ctrl_get_stats(e.ctrl)->refused_busy == 1);
	/* The others are served; the read-only socket counts its own. */
	UT_EXPECT(send(fds[0], "hello", 5, 0) == 5);
	UT_EXPECT(get(&e, fds[0], out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "ok\n{\"argc\": 1}\n");
	UT_EXPECT_STR(ask_str(&e, e.ro, "hello", out, sizeof(out)),
		      "ok\n{\"argc\": 1}\n");
	for (i = 0; i <= CTRL_CLIENTS_MAX; i++)
		close(fds[i]);
	env_down(&e);
}

/* The child's side of the peer test: blocking requests, one line each. */
static void child_ask(const char *path, const char *req, FILE *report)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = 5 };
	char buf[512];
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	ssize_t n;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(report, "%s: connect: %s\n", req, strerror(errno));
		close(fd);
		return;
	}
	if (send(fd, req, strlen(req), 0) < 0 ||
	    (n = recv(fd, buf, sizeof(buf) - 1, 0)) < 0) {
		fprintf(report, "%s: %s\n", req, strerror(errno));
		close(fd);
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fprintf(report, "%s: %s\n", req, buf);
	close(fd);
}

/* Run fn as nobody (with groups) in a child; its report in out. */
static int as_nobody(struct env *e, const gid_t *groups, size_t n_groups,
		     void (*fn)(struct env *e, FILE *report), char *out,
		     size_t size)
{
	int pfd[2], status = 0;
	size_t len = 0;
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		FILE *report = fdopen(pfd[1], "w");

		close(pfd[0]);
		if (setgroups(n_groups, groups) < 0 || setgid(NOBODY) < 0 ||
		    setuid(NOBODY) < 0) {
			fprintf(report, "cannot become nobody\n");
			_exit(1);
		}
		setvbuf(report, NULL, _IONBF, 0);
		fn(e, report);
		_exit(0);
	}
	close(pfd[1]);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		ssize_t n = read(pfd[0], out + len, size - 1 - len);

		if (n > 0) {
			len += (size_t)n;
			continue;
		}
		if (n == 0 || len == size - 1)
			break;
		loop_iterate(e->loop, 5);
	}
	out[len] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

static void nobody_plain(struct env *e, FILE *report)
{
	int fds[CTRL_CLIENTS_PER_UID], i;

	child_ask(e->path, "change", report);	/* mode 0666 here */
	child_ask(e->path, "hello", report);
	child_ask(e->ro, "hello", report);
	child_ask(e->ro, "sta show", report);
	child_ask(e->ro, "monitor", report);
	child_ask(e->ro, "change", report);
	/* Its share of the read-only socket, then one more (once the
	 * server has seen the ones above go). */
	usleep(200000);
	for (i = 0; i < CTRL_CLIENTS_PER_UID; i++)
		fds[i] = connect_to(e->ro);
	child_ask(e->ro, "hello", report);
	for (i = 0; i < CTRL_CLIENTS_PER_UID; i++)
		close(fds[i]);
}

static void nobody_groups(struct env *e, FILE *report)
{
	child_ask(e->ro, "sta show", report);
	child_ask(e->ro, "monitor", report);
	child_ask(e->ro, "change", report);
	child_ask(e->path, "change", report);
}

UT_CASE(peers)
{
	static const gid_t groups[] = { GID_MON, GID_ADM };
	struct ctrl_policy p = { GID_ADM, GID_MON };
	char out[2048];
	struct env e;

	if (geteuid() != 0) {
		fprintf(stderr, "  not root: cannot drop to nobody; the peer "
			"checks are skipped\n");
		return;
	}
	/* The admin socket open to all, to see SO_PEERCRED do its job. */
	UT_ASSERT(env_up(&e, 0666) == 0);
	UT_ASSERT(as_nobody(&e, NULL, 0, nobody_plain, out,
			    sizeof(out)) == 0);
	UT_EXPECT_STR(out,
		"change: error permission denied: 'change' needs an admin on "
		"the admin socket\n"
		"hello: ok\n"
		"hello: ok\n"
		"sta show: error permission denied: 'sta show' reveals "
		"stations: admins and the monitor group only\n"
		"monitor: error permission denied: 'monitor' reveals stations: "
		"admins and the monitor group only\n"
		"change: error permission denied: 'change' needs an admin on "
		"the admin socket\n"
		"hello: error too many clients of this user\n");
	UT_EXPECT(ctrl_get_stats(e.ctrl)->denied == 4);
	UT_EXPECT(ctrl_get_stats(e.ctrl)->refused_per_uid == 1);
	UT_EXPECT(e.calls.n == 2);

	/* The groups: the monitor group sees stations, the admin group
	 * changes things, on the admin socket only. */
	ctrl_set_policy(e.ctrl, &p);
	UT_ASSERT(as_nobody(&e, groups, 2, nobody_groups, out,
			    sizeof(out)) == 0);
	UT_EXPECT_STR(out,
		"sta show: ok\n"
		"monitor: ok\n"
		"change: error permission denied: 'change' needs an admin on "
		"the admin socket\n"
		"change: ok\n");
	UT_EXPECT(e.calls.n == 4);
	env_down(&e);
}

static uint64_t fixed_clock(void)
{
	return 1767225600123ull;
}

/* Read fd dry, counting the events and checking each. */
static int drain(int fd, int *bad)
{
	static const char head[] = "{\"event\": \"test\", \"time\": "
				   "1767225600.123, \"n\": ";
	char buf[4096];
	int n_events = 0;
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
		buf[n] = '\0';
		if (strncmp(buf, head, sizeof(head) - 1) ||
		    buf[n - 1] != '\n')
			(*bad)++;
		n_events++;
	}
	return n_events;
}

UT_CASE(monitor)
{
	uint64_t (*old_clock)(void) = events_clock;
	char out[256], fields[1200], pad[1024];
	int mon, slow, got = 0, bad = 0, i;
	struct env e;

	events_clock = fixed_clock;
	UT_ASSERT(env_up(&e, 0600) == 0);
	UT_ASSERT((mon = connect_to(e.path)) >= 0);
	UT_ASSERT((slow = connect_to(e.ro)) >= 0);
	UT_ASSERT(send(mon, "monitor", 7, 0) == 7);
	UT_EXPECT(get(&e, mon, out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "ok\n{\"monitor\": true}\n");
	UT_ASSERT(send(slow, "monitor", 7, 0) == 7);
	UT_EXPECT(get(&e, slow, out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "ok\n{\"monitor\": true}\n");
	UT_EXPECT(events_subscribers(e.bus) == 2);

	events_publish(e.bus, "test", "{\"n\": 0, \"s\": \"x\"}");
	UT_EXPECT(get(&e, mon, out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "{\"event\": \"test\", \"time\": 1767225600.123, "
		      "\"n\": 0, \"s\": \"x\"}\n");
	events_publish(e.bus, "bare", NULL);
	UT_EXPECT(get(&e, mon, out, sizeof(out)) > 0);
	UT_EXPECT_STR(out, "{\"event\": \"bare\", \"time\": "
		      "1767225600.123}\n");
	/* A monitor sends nothing more: a request is not answered. */
	UT_ASSERT(send(mon, "hello", 5, 0) == 5);
	loop_iterate(e.loop, 0);
	UT_EXPECT(e.calls.n == 0);

	/* mon reads as they come, slow never: slow is cut off, mon not. */
	memset(pad, 'p', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	for (i = 1; i <= 2000; i++) {
		snprintf(fields, sizeof(fields), "{\"n\": %d, \"pad\": \"%s\"}",
			 i, pad);
		events_publish(e.bus, "test", fields);
		loop_iterate(e.loop, 0);
		got += drain(mon, &bad);
	}
	UT_EXPECT(got == 2000);
	UT_EXPECT(bad == 0);
	UT_EXPECT(ctrl_get_stats(e.ctrl)->monitors_dropped == 1);
	UT_EXPECT(events_subscribers(e.bus) == 1);
	UT_EXPECT(closed(slow));

	/* The bus outlives a monitor that goes. */
	close(mon);
	loop_iterate(e.loop, 0);
	UT_EXPECT(events_subscribers(e.bus) == 0);
	events_publish(e.bus, "test", NULL);
	close(slow);
	env_down(&e);
	events_clock = old_clock;
}

/* Unsubscribing from a callback, its own and another's. */
struct sub_test {
	struct events_sub *self, *other;
	int calls;
};

static void sub_cb(const char *line, size_t len, void *data)
{
	struct sub_test *t = data;

	t->calls++;
	events_unsubscribe(t->other);
	t->other = NULL;
	events_unsubscribe(t->self);
	t->self = NULL;
}

UT_CASE(bus)
{
	struct events *ev = events_new();
	struct sub_test a = { 0 }, b = { 0 };

	UT_ASSERT(ev);
	a.self = events_subscribe(ev, sub_cb, &a);
	b.self = events_subscribe(ev, sub_cb, &b);
	a.other = b.self;
	b.other = NULL;
	events_publish(ev, "x", "{}");
	UT_EXPECT(a.calls == 1 && b.calls == 0);
	UT_EXPECT(events_subscribers(ev) == 0);
	events_publish(ev, "x", "not json");
	UT_EXPECT(events_published(ev) == 2);
	events_free(ev);
}

UT_MAIN("apedged_control", UT_ENTRY(split), UT_ENTRY(handle_request),
	UT_ENTRY(peer_access), UT_ENTRY(ro_path), UT_ENTRY(server),
	UT_ENTRY(half_close), UT_ENTRY(idle_timeout), UT_ENTRY(big_reply),
	UT_ENTRY(too_many_clients), UT_ENTRY(peers), UT_ENTRY(monitor),
	UT_ENTRY(bus))
