// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket: request splitting and replies (pure), then a real
 * server on a temporary path driven by the loop.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/ctrl.h"
#include "apedged/ctl.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "ut.h"

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

static void echo_handler(int argc, char **argv, struct strbuf *reply,
			 void *data)
{
	int *calls = data;

	(*calls)++;
	if (!strcmp(argv[0], "hello")) {
		ctrl_reply_ok(reply);
		sb_printf(reply, "{\"argc\": %d}\n", argc);
	} else if (!strcmp(argv[0], "silent")) {
		/* writes nothing */
	} else {
		ctrl_reply_error(reply, "unknown command '%s'", argv[0]);
	}
}

static const char *handle(const char *text, struct strbuf *reply, int *calls)
{
	char req[128];
	size_t len = strlen(text);

	memcpy(req, text, len + 1);
	ctrl_handle_request(req, len, echo_handler, calls, reply);
	return sb_str(reply);
}

UT_CASE(handle_request)
{
	struct strbuf reply;
	int calls = 0;

	sb_init(&reply);
	UT_EXPECT_STR(handle("hello a b\n", &reply, &calls),
		      "ok\n{\"argc\": 3}\n");
	UT_EXPECT_STR(handle("bogus", &reply, &calls),
		      "error unknown command 'bogus'\n");
	UT_EXPECT_STR(handle("", &reply, &calls), "error empty request\n");
	UT_EXPECT_STR(handle("a\001", &reply, &calls),
		      "error request contains control characters\n");
	UT_EXPECT_STR(handle("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
			     &reply, &calls),
		      "error too many words (at most 16)\n");
	UT_EXPECT_STR(handle("silent", &reply, &calls), "error no reply\n");
	UT_EXPECT(calls == 3);
	sb_free(&reply);
}

struct client_run {
	struct loop *loop;
	int fd;
	char reply[APEDGE_CTRL_MAX + 1];
	ssize_t n;
};

static void client_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct client_run *cr = data;

	cr->n = recv(fd, cr->reply, sizeof(cr->reply) - 1, 0);
	if (cr->n >= 0)
		cr->reply[cr->n] = '\0';
	loop_quit(cr->loop, 0);
}

static void timeout_cb(struct loop_timer *t, void *data)
{
	loop_quit(data, -1);
}

/* Send req over a new connection and run the loop until the reply. */
static int ask(struct loop *loop, const char *path, const void *req,
	       size_t len, struct client_run *cr)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct loop_watch *w;
	struct loop_timer *t;
	int r;

	memset(cr, 0, sizeof(*cr));
	cr->loop = loop;
	cr->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (cr->fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (connect(cr->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(cr->fd, req, len, 0) != (ssize_t)len) {
		close(cr->fd);
		return -1;
	}
	w = loop_watch_add(loop, cr->fd, EPOLLIN, client_cb, cr);
	t = loop_timer_add(loop, 2000, 0, timeout_cb, loop);
	r = loop_run(loop);
	loop_watch_remove(w);
	loop_timer_remove(t);
	close(cr->fd);
	return r;
}

UT_CASE(server)
{
	char dir[] = "/tmp/apedged-ut-XXXXXX";
	char path[100], big[APEDGE_CTRL_MAX + 10];
	struct client_run cr;
	struct ctrl_server *srv, *srv2;
	struct loop *loop;
	struct stat st;
	int calls = 0, err = 0;

	FILE *devnull = fopen("/dev/null", "w");

	UT_ASSERT(devnull);
	log_set_stream(devnull);	/* the refusals below log errors */
	UT_ASSERT(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub/dir/ctrl.sock", dir);
	UT_ASSERT((loop = loop_new()));
	srv = ctrl_server_new(loop, path, echo_handler, &calls, &err);
	UT_ASSERT(srv);
	UT_EXPECT_STR(ctrl_server_path(srv), path);
	UT_ASSERT(stat(path, &st) == 0);
	UT_EXPECT(S_ISSOCK(st.st_mode));
	UT_EXPECT((st.st_mode & 0777) == 0600);

	/* A live socket is not taken over. */
	srv2 = ctrl_server_new(loop, path, echo_handler, &calls, &err);
	UT_EXPECT(!srv2 && err == -EADDRINUSE);

	UT_EXPECT(ask(loop, path, "hello x", 7, &cr) == 0);
	UT_EXPECT_STR(cr.reply, "ok\n{\"argc\": 2}\n");
	UT_EXPECT(ask(loop, path, "nope", 4, &cr) == 0);
	UT_EXPECT_STR(cr.reply, "error unknown command 'nope'\n");
	UT_EXPECT(ask(loop, path, "", 0, &cr) == 0);
	UT_EXPECT_STR(cr.reply, "error empty request\n");
	memset(big, 'a', sizeof(big));
	UT_EXPECT(ask(loop, path, big, sizeof(big), &cr) == 0);
	UT_EXPECT(strstr(cr.reply, "error request too long") == cr.reply);

	ctrl_server_free(srv);
	UT_EXPECT(stat(path, &st) < 0 && errno == ENOENT);

	/* A stale socket (nobody listening) is replaced. */
	{
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
		UT_ASSERT(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
		close(fd);
	}
	srv = ctrl_server_new(loop, path, echo_handler, &calls, &err);
	UT_ASSERT(srv);
	ctrl_server_free(srv);

	/* Not a socket: left alone. */
	{
		FILE *f = fopen(path, "w");

		UT_ASSERT(f);
		fclose(f);
	}
	UT_EXPECT(!ctrl_server_new(loop, path, echo_handler, &calls, &err));
	UT_EXPECT(err == -EEXIST);
	unlink(path);

	loop_free(loop);
	snprintf(path, sizeof(path), "%s/sub/dir", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
	log_set_stream(NULL);
	fclose(devnull);
}

UT_MAIN("apedged_control", UT_ENTRY(split), UT_ENTRY(handle_request),
	UT_ENTRY(server))
