// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket server.  See control.h and common/ctrl.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/ctrl.h"
#include "apedged/ctl.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"

struct ctrl_client {
	struct list node;
	struct ctrl_server *srv;
	int fd;
	struct loop_watch *watch;
	struct strbuf out;	/* a reply the client has not taken yet */
};

struct ctrl_server {
	struct loop *loop;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd;
	struct loop_watch *watch;
	ctrl_request_fn fn;
	void *data;
	struct list clients;
	size_t n_clients;
	char *rx;
};

int ctrl_split(char *req, size_t len, char **argv, int max)
{
	size_t i;
	int argc = 0;

	if (len && req[len - 1] == '\n')
		len--;
	if (len && req[len - 1] == '\r')
		len--;
	for (i = 0; i < len; i++)
		if ((unsigned char)req[i] < 0x20 && req[i] != '\t')
			return -EINVAL;
	req[len] = '\0';

	for (i = 0; i < len;) {
		while (i < len && (req[i] == ' ' || req[i] == '\t'))
			req[i++] = '\0';
		if (i == len)
			break;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = &req[i];
		while (i < len && req[i] != ' ' && req[i] != '\t')
			i++;
	}
	return argc;
}

void ctrl_reply_ok(struct strbuf *reply)
{
	sb_reset(reply);
	sb_puts(reply, "ok\n");
}

void ctrl_reply_error(struct strbuf *reply, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sb_reset(reply);
	sb_printf(reply, "error %s\n", msg);
}

void ctrl_handle_request(char *req, size_t len, ctrl_request_fn fn,
			 void *data, struct strbuf *reply)
{
	char *argv[CTRL_ARGS_MAX];
	int argc;

	sb_reset(reply);
	argc = ctrl_split(req, len, argv, CTRL_ARGS_MAX);
	if (argc == -E2BIG)
		ctrl_reply_error(reply, "too many words (at most %d)",
				 CTRL_ARGS_MAX);
	else if (argc < 0)
		ctrl_reply_error(reply, "request contains control characters");
	else if (argc == 0)
		ctrl_reply_error(reply, "empty request");
	else
		fn(argc, argv, reply, data);

	if (reply->oom)
		ctrl_reply_error(reply, "out of memory");
	else if (!reply->len)
		ctrl_reply_error(reply, "no reply");
	else if (reply->len > APEDGE_CTRL_MAX)
		ctrl_reply_error(reply, "reply too large");
}

static void client_free(struct ctrl_client *c)
{
	list_del(&c->node);
	c->srv->n_clients--;
	loop_watch_remove(c->watch);
	close(c->fd);
	sb_free(&c->out);
	free(c);
}

/* Send the pending reply; false when the client is gone. */
static bool client_flush(struct ctrl_client *c)
{
	ssize_t n;

	n = send(c->fd, c->out.buf, c->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		/* Wait until it can take the reply; read nothing meanwhile. */
		loop_watch_modify(c->watch, EPOLLOUT | EPOLLRDHUP);
		return true;
	}
	if (n < 0) {
		log_debug("ctrl: send failed: %s", strerror(errno));
		return false;
	}
	sb_reset(&c->out);
	loop_watch_modify(c->watch, EPOLLIN | EPOLLRDHUP);
	return true;
}

static void client_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct ctrl_client *c = data;
	struct ctrl_server *srv = c->srv;
	ssize_t n;

	if (c->out.len) {
		if (!client_flush(c))
			client_free(c);
		return;
	}
	if (!(events & EPOLLIN)) {
		if (events & (EPOLLHUP | EPOLLERR))
			client_free(c);
		return;
	}

	n = recv(fd, srv->rx, APEDGE_CTRL_MAX + 1, MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return;
		client_free(c);
		return;
	}
	if (n == 0 && (events & (EPOLLRDHUP | EPOLLHUP))) {
		client_free(c);		/* it closed its end */
		return;
	}
	/* Otherwise an empty packet, which gets "error empty request". */
	if (n > APEDGE_CTRL_MAX)
		ctrl_reply_error(&c->out, "request too long (more than %d "
				 "bytes)", APEDGE_CTRL_MAX);
	else
		ctrl_handle_request(srv->rx, (size_t)n, srv->fn, srv->data,
				    &c->out);
	if (!client_flush(c))
		client_free(c);
}

static void listen_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct ctrl_server *srv = data;
	struct ctrl_client *c;
	int cfd;

	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			log_warn("ctrl: accept failed: %s", strerror(errno));
		return;
	}
	if (srv->n_clients >= CTRL_CLIENTS_MAX) {
		static const char busy[] = "error too many clients\n";

		send(cfd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(cfd);
		log_warn("ctrl: too many clients; one refused");
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(cfd);
		return;
	}
	c->srv = srv;
	c->fd = cfd;
	sb_init(&c->out);
	c->watch = loop_watch_add(srv->loop, cfd, EPOLLIN | EPOLLRDHUP,
				  client_cb, c);
	if (!c->watch) {
		close(cfd);
		free(c);
		return;
	}
	list_add_tail(&srv->clients, &c->node);
	srv->n_clients++;
}

/* mkdir -p the directory of path, new parts mode 0755. */
static int make_parent_dirs(const char *path)
{
	char dir[PATH_MAX];
	char *p;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p && *p != '/')
			continue;
		{
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0755) < 0 && errno != EEXIST)
				return -errno;
			*p = c;
		}
		if (!*p)
			break;
	}
	return 0;
}

/*
 * Make way for our socket at path: a stale socket is removed, a live one
 * (another apedged) or a non-socket is left alone and refused.
 */
static int clear_stale(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int fd, r;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode)) {
		log_err("ctrl: %s exists and is not a socket", path);
		return -EEXIST;
	}
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (r == 0 || errno == EAGAIN || errno == EINPROGRESS) {
		close(fd);
		log_err("ctrl: %s is in use (is another apedged running?)",
			path);
		return -EADDRINUSE;
	}
	close(fd);
	log_debug("ctrl: removing stale socket %s", path);
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

struct ctrl_server *ctrl_server_new(struct loop *loop, const char *path,
				    ctrl_request_fn fn, void *data, int *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ctrl_server *srv;
	mode_t old_umask;
	int r;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		log_err("ctrl: socket path %s is too long", path);
		*err = -ENAMETOOLONG;
		return NULL;
	}
	srv = calloc(1, sizeof(*srv));
	if (!srv) {
		*err = -ENOMEM;
		return NULL;
	}
	srv->loop = loop;
	srv->fn = fn;
	srv->data = data;
	srv->fd = -1;
	list_init(&srv->clients);
	snprintf(srv->path, sizeof(srv->path), "%s", path);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);

	srv->rx = malloc(APEDGE_CTRL_MAX + 1);
	if (!srv->rx) {
		r = -ENOMEM;
		goto fail;
	}
	r = make_parent_dirs(path);
	if (r < 0) {
		log_err("ctrl: cannot create the directory of %s: %s", path,
			strerror(-r));
		goto fail;
	}
	r = clear_stale(path);
	if (r < 0)
		goto fail;

	srv->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC,
			 0);
	if (srv->fd < 0) {
		r = -errno;
		log_err("ctrl: socket: %s", strerror(errno));
		goto fail;
	}
	/* Never, not even for a moment, accessible to others. */
	old_umask = umask(0177);
	r = bind(srv->fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old_umask);
	if (r < 0) {
		r = -errno;
		log_err("ctrl: cannot bind %s: %s", path, strerror(errno));
		goto fail;
	}
	if (chmod(path, 0600) < 0 || listen(srv->fd, 8) < 0) {
		r = -errno;
		log_err("ctrl: cannot set up %s: %s", path, strerror(errno));
		unlink(path);
		goto fail;
	}
	srv->watch = loop_watch_add(loop, srv->fd, EPOLLIN, listen_cb, srv);
	if (!srv->watch) {
		r = -errno;
		unlink(path);
		goto fail;
	}
	log_debug("ctrl: listening on %s", path);
	return srv;

fail:
	if (srv->fd >= 0)
		close(srv->fd);
	free(srv->rx);
	free(srv);
	*err = r;
	return NULL;
}

void ctrl_server_free(struct ctrl_server *srv)
{
	if (!srv)
		return;
	while (!list_empty(&srv->clients))
		client_free(list_entry(srv->clients.next, struct ctrl_client,
				       node));
	loop_watch_remove(srv->watch);
	close(srv->fd);
	unlink(srv->path);
	free(srv->rx);
	free(srv);
}

const char *ctrl_server_path(const struct ctrl_server *srv)
{
	return srv->path;
}
