// SPDX-License-Identifier: GPL-2.0
/*
 * The control sockets' server.  See ctl.h and lib/ctrl.h.
 *
 * A client's life: accepted (its credentials read, the limits checked),
 * then requests one at a time: a request is read only once the reply to
 * the one before has been taken whole, so a client that does not read
 * costs one reply of memory and nothing else.  A client that shuts its
 * sending side still gets the replies it asked for, then is closed; one
 * that neither asks nor takes anything for the idle timeout is closed.
 * After "monitor" the client only receives: its events wait in a queue of
 * bounded size while the socket is full, and a monitor too slow to keep
 * the queue under its bound is cut off.
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

#include "apedged/ctl.h"
#include "apedged/events.h"
#include "lib/ctrl.h"
#include "lib/list.h"
#include "lib/log.h"
#include "lib/loop.h"

#ifndef SO_PEERGROUPS
#define SO_PEERGROUPS 59
#endif

struct ctrl_event {
	struct list node;
	size_t len;
	char text[];
};

struct ctrl_client {
	struct list node;
	struct ctrl_server *srv;
	int fd;
	struct loop_watch *watch;
	uint32_t mask;		/* what the watch waits for */
	struct loop_timer *idle;
	struct ctrl_peer peer;
	struct strbuf out;	/* the reply being sent */
	size_t out_off;		/* how much of it is sent */
	bool eof;		/* it sends no more requests */
	bool monitor;
	struct events_sub *sub;
	struct list queue;	/* events waiting for the socket */
	size_t queued;		/* their bytes */
};

struct ctrl_server {
	struct list node;
	struct ctrl *ctrl;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	enum ctrl_access max;
	int fd;
	struct loop_watch *watch;
	struct list clients;
	size_t n_clients;
};

struct ctrl {
	struct loop *loop;
	struct events *bus;
	struct ctrl_table tables[CTRL_TABLES_MAX];
	size_t n_tables;
	struct ctrl_policy policy;
	uint64_t idle_ms;
	struct list servers;
	struct ctrl_stats st;
	size_t n_monitors;
	char *rx;		/* one request, APEDGE_CTRL_MAX + 1 bytes */
	struct strbuf reply;
};

static const struct ctrl_cmd own_cmds[] = {
	{ "monitor", NULL, 0, 0, CTRL_STATIONS, NULL },
};

static const char *const access_names[] = {
	[CTRL_READ] = "read",
	[CTRL_STATIONS] = "stations",
	[CTRL_ADMIN] = "admin",
};

/* Requests and replies, pure */

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

/* How many of argv's words a command's words match: all of them, or 0. */
static int match_words(const char *words, int argc, char **argv)
{
	int i = 0;

	while (*words) {
		size_t n = strcspn(words, " ");

		if (i == argc || strlen(argv[i]) != n ||
		    memcmp(argv[i], words, n))
			return 0;
		i++;
		words += n;
		while (*words == ' ')
			words++;
	}
	return i;
}

static bool first_word_is(const char *words, const char *w)
{
	size_t n = strcspn(words, " ");

	return strlen(w) == n && !memcmp(words, w, n);
}

static void usage_of(struct strbuf *reply, const struct ctrl_cmd *cmd)
{
	ctrl_reply_error(reply, "usage: %s%s%s", cmd->words,
			 cmd->args ? " " : "", cmd->args ? cmd->args : "");
}

/*
 * "usage: sta add|authorize|del|show ..." for a first word that no
 * command's whole words match.
 */
static void usage_of_word(struct strbuf *reply,
			  const struct ctrl_table *tables, size_t n_tables,
			  const char *w, const struct ctrl_cmd *only)
{
	char line[256];
	size_t t, i, len;
	bool more = false, first = true;

	if (only) {
		usage_of(reply, only);
		return;
	}
	len = (size_t)snprintf(line, sizeof(line), "%s ", w);
	for (t = 0; t < n_tables; t++) {
		for (i = 0; i < tables[t].n; i++) {
			const struct ctrl_cmd *c = &tables[t].cmds[i];
			const char *verb;

			if (!first_word_is(c->words, w))
				continue;
			verb = c->words + strcspn(c->words, " ");
			verb += strspn(verb, " ");
			if (c->args || strchr(verb, ' '))
				more = true;
			if (len < sizeof(line))
				len += (size_t)snprintf(line + len,
							sizeof(line) - len,
							"%s%.*s",
							first ? "" : "|",
							(int)strcspn(verb, " "),
							verb);
			first = false;
		}
	}
	ctrl_reply_error(reply, "usage: %s%s", line, more ? " ..." : "");
}

static const char *denied_why(enum ctrl_access need)
{
	return need == CTRL_ADMIN ? "needs an admin on the admin socket" :
	       "reveals stations: admins and the monitor group only";
}

const struct ctrl_cmd *ctrl_handle_request(const struct ctrl_table *tables,
					   size_t n_tables, char *req,
					   size_t len, enum ctrl_access level,
					   struct strbuf *reply)
{
	const struct ctrl_cmd *best = NULL, *only = NULL;
	const struct ctrl_table *best_t = NULL;
	char *argv[CTRL_ARGS_MAX];
	int argc, best_n = 0, n_first = 0, nargs;
	size_t t, i;

	sb_reset(reply);
	argc = ctrl_split(req, len, argv, CTRL_ARGS_MAX);
	if (argc == -E2BIG) {
		ctrl_reply_error(reply, "too many words (at most %d)",
				 CTRL_ARGS_MAX);
		return NULL;
	}
	if (argc < 0) {
		ctrl_reply_error(reply, "request contains control characters");
		return NULL;
	}
	if (argc == 0) {
		ctrl_reply_error(reply, "empty request");
		return NULL;
	}

	for (t = 0; t < n_tables; t++) {
		for (i = 0; i < tables[t].n; i++) {
			const struct ctrl_cmd *c = &tables[t].cmds[i];
			int n = match_words(c->words, argc, argv);

			if (first_word_is(c->words, argv[0])) {
				n_first++;
				only = c;
			}
			if (n > best_n) {
				best = c;
				best_t = &tables[t];
				best_n = n;
			}
		}
	}
	if (!best) {
		char name[64];

		if (n_first) {
			usage_of_word(reply, tables, n_tables, argv[0],
				      n_first == 1 ? only : NULL);
			return NULL;
		}
		/* Quote at most a little of what we were sent. */
		snprintf(name, sizeof(name), "%s", argv[0]);
		ctrl_reply_error(reply, "unknown command '%s'", name);
		return NULL;
	}
	if (level < best->access) {
		ctrl_reply_error(reply, "permission denied: '%s' %s",
				 best->words, denied_why(best->access));
		return best;
	}
	nargs = argc - best_n;
	if (nargs < (int)best->min_args || nargs > (int)best->max_args) {
		usage_of(reply, best);
		return NULL;
	}
	if (!best->fn)
		return best;
	best->fn(argc, argv, reply, best_t->data);
	if (reply->oom)
		ctrl_reply_error(reply, "out of memory");
	else if (!reply->len)
		ctrl_reply_error(reply, "no reply");
	return best;
}

enum ctrl_access ctrl_peer_access(const struct ctrl_policy *p,
				  const struct ctrl_peer *peer, uid_t self)
{
	bool admin_grp = false, monitor_grp = false;
	size_t i;

	if (peer->uid == 0 || peer->uid == self)
		return CTRL_ADMIN;
	for (i = 0; i < peer->n_groups + 1; i++) {
		gid_t g = i ? peer->groups[i - 1] : peer->gid;

		if (p->admin_gid != CTRL_NO_GID && g == p->admin_gid)
			admin_grp = true;
		if (p->monitor_gid != CTRL_NO_GID && g == p->monitor_gid)
			monitor_grp = true;
	}
	if (admin_grp)
		return CTRL_ADMIN;
	return monitor_grp ? CTRL_STATIONS : CTRL_READ;
}

/* Clients */

static enum ctrl_access client_level(const struct ctrl_client *c)
{
	enum ctrl_access a = ctrl_peer_access(&c->srv->ctrl->policy, &c->peer,
					      geteuid());

	return a < c->srv->max ? a : c->srv->max;
}

static bool client_pending(const struct ctrl_client *c)
{
	return c->out_off < c->out.len || !list_empty(&c->queue);
}

static void client_free(struct ctrl_client *c)
{
	struct ctrl *ctrl = c->srv->ctrl;
	struct list *pos, *tmp;

	list_del(&c->node);
	c->srv->n_clients--;
	if (c->monitor)
		ctrl->n_monitors--;
	events_unsubscribe(c->sub);
	loop_watch_remove(c->watch);
	loop_timer_remove(c->idle);
	close(c->fd);
	sb_free(&c->out);
	list_for_each_safe(pos, tmp, &c->queue)
		free(list_entry(pos, struct ctrl_event, node));
	free(c);
}

/* The idle timer runs while the client owes us a request or a read. */
static void client_touch(struct ctrl_client *c)
{
	if (c->monitor && !client_pending(c))
		loop_timer_disarm(c->idle);
	else
		loop_timer_rearm(c->idle, c->srv->ctrl->idle_ms, 0);
}

/*
 * Wait for what can move this client on: the socket taking output while
 * some waits; else its next request, unless it sends no more (a monitor,
 * or one that shut its side).  Hang-ups and errors are always reported.
 */
static void client_watch(struct ctrl_client *c)
{
	uint32_t mask = 0;

	if (client_pending(c))
		mask = EPOLLOUT;
	else if (!c->eof && !c->monitor)
		mask = EPOLLIN | EPOLLRDHUP;
	if (mask != c->mask && !loop_watch_modify(c->watch, mask))
		c->mask = mask;
}

/* Send what waits, part by part; 0, or -errno when the client is lost. */
static int client_flush(struct ctrl_client *c)
{
	bool progress = false;
	ssize_t n;

	while (client_pending(c)) {
		const char *p;
		size_t len;
		struct ctrl_event *e = NULL;

		if (c->out_off < c->out.len) {
			p = c->out.buf + c->out_off;
			len = c->out.len - c->out_off;
			if (len > APEDGE_CTRL_MAX)
				len = APEDGE_CTRL_MAX;
		} else {
			e = list_entry(c->queue.next, struct ctrl_event, node);
			p = e->text;
			len = e->len;
		}
		n = send(c->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0)
			return -errno;
		progress = true;
		if (!e) {
			c->out_off += len;
			if (c->out_off == c->out.len) {
				sb_reset(&c->out);
				c->out_off = 0;
			}
		} else {
			list_del(&e->node);
			c->queued -= e->len;
			free(e);
			c->srv->ctrl->st.events_sent++;
		}
	}
	if (progress)
		client_touch(c);
	return 0;
}

/* Who, for log lines. */
#define PEER_FMT "uid %u pid %d on %s"
#define PEER_ARG(c) (unsigned int)(c)->peer.uid, (int)(c)->peer.pid, \
		    (c)->srv->path

static void monitor_event(const char *line, size_t len, void *data)
{
	struct ctrl_client *c = data;
	struct ctrl *ctrl = c->srv->ctrl;
	struct ctrl_event *e;

	if (len > APEDGE_CTRL_MAX)
		return;
	if (list_empty(&c->queue) && c->out_off == c->out.len) {
		ssize_t n = send(c->fd, line, len, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n >= 0) {
			ctrl->st.events_sent++;
			return;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			client_free(c);
			return;
		}
	}
	if (c->queued + len > CTRL_MONITOR_QUEUE_MAX) {
		ctrl->st.monitors_dropped++;
		log_rl(LOG_WARNING, "ctrl: monitor " PEER_FMT " too slow "
		       "(%zu bytes of events waiting): cut off", PEER_ARG(c),
		       c->queued);
		client_free(c);
		return;
	}
	e = malloc(sizeof(*e) + len);
	if (!e) {
		ctrl->st.monitors_dropped++;
		client_free(c);
		return;
	}
	memcpy(e->text, line, len);
	e->len = len;
	if (list_empty(&c->queue))
		loop_timer_rearm(c->idle, ctrl->idle_ms, 0);
	list_add_tail(&c->queue, &e->node);
	c->queued += len;
	client_watch(c);
}

static void start_monitor(struct ctrl_client *c, struct strbuf *reply)
{
	struct ctrl *ctrl = c->srv->ctrl;

	if (!ctrl->bus) {
		ctrl_reply_error(reply, "monitor: no events here");
		return;
	}
	c->sub = events_subscribe(ctrl->bus, monitor_event, c);
	if (!c->sub) {
		ctrl_reply_error(reply, "out of memory");
		return;
	}
	c->monitor = true;
	ctrl->n_monitors++;
	log_debug("ctrl: monitor " PEER_FMT, PEER_ARG(c));
	ctrl_reply_ok(reply);
	sb_puts(reply, "{\"monitor\": true}\n");
}

/* A reply too long for one packet goes in parts: "ok LENGTH\n" first. */
static void frame_reply(struct ctrl *ctrl, struct strbuf *reply)
{
	struct strbuf framed;
	size_t body;

	if (reply->len <= APEDGE_CTRL_MAX)
		return;
	body = reply->len - 3;
	if (strncmp(reply->buf, "ok\n", 3) || body > APEDGE_CTRL_REPLY_MAX) {
		ctrl->st.too_large++;
		ctrl_reply_error(reply, "reply too large (more than %u bytes)",
				 APEDGE_CTRL_REPLY_MAX);
		return;
	}
	sb_init(&framed);
	sb_printf(&framed, "ok %zu\n", body);
	sb_append(&framed, reply->buf + 3, body);
	if (framed.oom) {
		sb_free(&framed);
		ctrl_reply_error(reply, "out of memory");
		return;
	}
	sb_free(reply);
	*reply = framed;
	ctrl->st.split_replies++;
}

static void handle(struct ctrl_client *c, size_t n)
{
	struct ctrl *ctrl = c->srv->ctrl;
	enum ctrl_access level = client_level(c);
	const struct ctrl_cmd *cmd;

	ctrl->st.requests++;
	cmd = ctrl_handle_request(ctrl->tables, ctrl->n_tables, ctrl->rx, n,
				  level, &c->out);
	if (cmd && level < cmd->access) {
		ctrl->st.denied++;
		log_rl(LOG_NOTICE, "ctrl: " PEER_FMT ": '%s' refused (its "
		       "level: %s)", PEER_ARG(c), cmd->words,
		       access_names[level]);
	} else if (cmd && !cmd->fn && cmd == &own_cmds[0] && !c->out.len) {
		start_monitor(c, &c->out);
	} else if (cmd && cmd->access == CTRL_ADMIN) {
		log_rl(LOG_INFO, "ctrl: " PEER_FMT ": %s", PEER_ARG(c),
		       cmd->words);
	}
	frame_reply(ctrl, &c->out);
	c->out_off = 0;
}

static void client_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct ctrl_client *c = data;
	struct ctrl *ctrl = c->srv->ctrl;
	ssize_t n;

	if (events & (EPOLLERR | EPOLLHUP)) {
		/* It is gone: nothing more can reach it. */
		client_free(c);
		return;
	}
	if (client_flush(c) < 0) {
		client_free(c);
		return;
	}
	if (!client_pending(c) && !c->eof && !c->monitor &&
	    (events & (EPOLLIN | EPOLLRDHUP))) {
		n = recv(fd, ctrl->rx, APEDGE_CTRL_MAX + 1,
			 MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR) {
				client_free(c);
				return;
			}
			/* Nothing left to read, and its side is shut. */
			if (errno != EINTR && (events & EPOLLRDHUP))
				c->eof = true;
		} else if (n == 0 && (events & EPOLLRDHUP)) {
			c->eof = true;
		} else {
			/* A request (an empty one gets "empty request"). */
			loop_timer_rearm(c->idle, ctrl->idle_ms, 0);
			if (n > APEDGE_CTRL_MAX)
				ctrl_reply_error(&c->out, "request too long "
						 "(more than %d bytes)",
						 APEDGE_CTRL_MAX);
			else
				handle(c, (size_t)n);
			if (client_flush(c) < 0) {
				client_free(c);
				return;
			}
		}
	}
	if (c->eof && !c->monitor && !client_pending(c)) {
		client_free(c);
		return;
	}
	client_watch(c);
}

static void idle_cb(struct loop_timer *t, void *data)
{
	struct ctrl_client *c = data;

	c->srv->ctrl->st.idle_closed++;
	log_rl(LOG_INFO, "ctrl: " PEER_FMT ": idle for %llu ms%s; closed",
	       PEER_ARG(c), (unsigned long long)c->srv->ctrl->idle_ms,
	       client_pending(c) ? " with a reply not taken" : "");
	client_free(c);
}

static void read_peer(int fd, struct ctrl_peer *p)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	/* Unknown credentials get the least: nobody's. */
	p->uid = (uid_t)-1;
	p->gid = CTRL_NO_GID;
	p->pid = 0;
	p->n_groups = 0;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
	    len == sizeof(cred)) {
		p->uid = cred.uid;
		p->gid = cred.gid;
		p->pid = cred.pid;
	}
	len = sizeof(p->groups);
	/* ERANGE (more groups than we look at) leaves it empty: fewer rights. */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, p->groups, &len) == 0)
		p->n_groups = len / sizeof(gid_t);
}

static size_t clients_of_uid(const struct ctrl_server *srv, uid_t uid)
{
	const struct list *pos;
	size_t n = 0;

	list_for_each(pos, &srv->clients)
		if (list_entry(pos, struct ctrl_client, node)->peer.uid == uid)
			n++;
	return n;
}

/*
 * Say why and close.  What it sent already is read first: closing with
 * it unread would reset the connection, and the reason be lost.
 */
static void refuse(struct ctrl *ctrl, int cfd, const char *msg)
{
	int i;

	send(cfd, msg, strlen(msg), MSG_NOSIGNAL | MSG_DONTWAIT);
	for (i = 0; i < 64; i++)
		if (recv(cfd, ctrl->rx, APEDGE_CTRL_MAX, MSG_DONTWAIT) < 0)
			break;
	close(cfd);
}

static void listen_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct ctrl_server *srv = data;
	struct ctrl *ctrl = srv->ctrl;
	struct ctrl_client *c;
	struct ctrl_peer peer;
	int cfd;

	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			log_rl(LOG_WARNING, "ctrl: accept on %s failed: %s",
			       srv->path, strerror(errno));
		return;
	}
	read_peer(cfd, &peer);
	if (srv->n_clients >= CTRL_CLIENTS_MAX) {
		ctrl->st.refused_busy++;
		refuse(ctrl, cfd, "error too many clients\n");
		log_rl(LOG_WARNING, "ctrl: too many clients on %s; uid %u "
		       "pid %d refused", srv->path, (unsigned int)peer.uid,
		       (int)peer.pid);
		return;
	}
	if (ctrl_peer_access(&ctrl->policy, &peer, geteuid()) < CTRL_ADMIN &&
	    clients_of_uid(srv, peer.uid) >= CTRL_CLIENTS_PER_UID) {
		ctrl->st.refused_per_uid++;
		refuse(ctrl, cfd, "error too many clients of this user\n");
		log_rl(LOG_WARNING, "ctrl: uid %u has %d clients on %s; pid "
		       "%d refused", (unsigned int)peer.uid,
		       CTRL_CLIENTS_PER_UID, srv->path, (int)peer.pid);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(cfd);
		return;
	}
	c->srv = srv;
	c->fd = cfd;
	c->peer = peer;
	sb_init(&c->out);
	list_init(&c->queue);
	c->mask = EPOLLIN | EPOLLRDHUP;
	c->watch = loop_watch_add(ctrl->loop, cfd, c->mask, client_cb, c);
	c->idle = loop_timer_add(ctrl->loop, ctrl->idle_ms, 0, idle_cb, c);
	if (!c->watch || !c->idle) {
		loop_watch_remove(c->watch);
		loop_timer_remove(c->idle);
		close(cfd);
		free(c);
		return;
	}
	list_add_tail(&srv->clients, &c->node);
	srv->n_clients++;
	ctrl->st.accepted++;
}

/* The object */

struct ctrl *ctrl_new(struct loop *loop, struct events *bus)
{
	struct ctrl *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->rx = malloc(APEDGE_CTRL_MAX + 1);
	if (!c->rx) {
		free(c);
		return NULL;
	}
	c->loop = loop;
	c->bus = bus;
	c->idle_ms = CTRL_IDLE_TIMEOUT_MS;
	c->policy.admin_gid = CTRL_NO_GID;
	c->policy.monitor_gid = CTRL_NO_GID;
	list_init(&c->servers);
	c->tables[0] = (struct ctrl_table){ own_cmds, 1, c };
	c->n_tables = 1;
	return c;
}

void ctrl_free(struct ctrl *c)
{
	if (!c)
		return;
	while (!list_empty(&c->servers))
		ctrl_server_free(list_entry(c->servers.next,
					    struct ctrl_server, node));
	free(c->rx);
	free(c);
}

int ctrl_add_table(struct ctrl *c, const struct ctrl_cmd *cmds, size_t n,
		   void *data)
{
	if (c->n_tables == CTRL_TABLES_MAX)
		return -ENOSPC;
	c->tables[c->n_tables++] = (struct ctrl_table){ cmds, n, data };
	return 0;
}

void ctrl_set_policy(struct ctrl *c, const struct ctrl_policy *p)
{
	struct list *spos, *pos, *tmp;

	c->policy = *p;
	list_for_each(spos, &c->servers) {
		struct ctrl_server *srv = list_entry(spos, struct ctrl_server,
						     node);

		list_for_each_safe(pos, tmp, &srv->clients) {
			struct ctrl_client *cl = list_entry(pos,
							    struct ctrl_client,
							    node);

			if (!cl->monitor || client_level(cl) >= CTRL_STATIONS)
				continue;
			c->st.denied++;
			log_notice("ctrl: monitor " PEER_FMT " no longer "
				   "allowed; cut off", PEER_ARG(cl));
			client_free(cl);
		}
	}
}

void ctrl_set_idle_timeout(struct ctrl *c, uint64_t ms)
{
	c->idle_ms = ms;
}

const struct ctrl_stats *ctrl_get_stats(const struct ctrl *c)
{
	return &c->st;
}

void ctrl_format_stats(const struct ctrl *c, struct strbuf *sb)
{
	const struct ctrl_stats *s = &c->st;
	const struct list *pos;
	size_t clients = 0;

	list_for_each(pos, &c->servers)
		clients += list_entry(pos, struct ctrl_server,
				      node)->n_clients;
	sb_printf(sb, "{\"clients\": %zu, \"monitors\": %zu, "
		  "\"accepted\": %llu, \"refused_busy\": %llu, "
		  "\"refused_per_uid\": %llu, \"requests\": %llu, "
		  "\"denied\": %llu, \"idle_closed\": %llu, "
		  "\"split_replies\": %llu, \"too_large\": %llu, "
		  "\"events_sent\": %llu, \"monitors_dropped\": %llu}",
		  clients, c->n_monitors,
		  (unsigned long long)s->accepted,
		  (unsigned long long)s->refused_busy,
		  (unsigned long long)s->refused_per_uid,
		  (unsigned long long)s->requests,
		  (unsigned long long)s->denied,
		  (unsigned long long)s->idle_closed,
		  (unsigned long long)s->split_replies,
		  (unsigned long long)s->too_large,
		  (unsigned long long)s->events_sent,
		  (unsigned long long)s->monitors_dropped);
}

/* The sockets */

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

struct ctrl_server *ctrl_server_new(struct ctrl *c,
				    const struct ctrl_socket_opts *o,
				    int *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ctrl_server *srv;
	mode_t old_umask;
	int r;

	if (strlen(o->path) >= sizeof(sa.sun_path)) {
		log_err("ctrl: socket path %s is too long", o->path);
		*err = -ENAMETOOLONG;
		return NULL;
	}
	srv = calloc(1, sizeof(*srv));
	if (!srv) {
		*err = -ENOMEM;
		return NULL;
	}
	srv->ctrl = c;
	srv->max = o->max;
	srv->fd = -1;
	list_init(&srv->clients);
	list_init(&srv->node);
	snprintf(srv->path, sizeof(srv->path), "%s", o->path);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", o->path);

	r = make_parent_dirs(o->path);
	if (r < 0) {
		log_err("ctrl: cannot create the directory of %s: %s", o->path,
			strerror(-r));
		goto fail;
	}
	r = clear_stale(o->path);
	if (r < 0)
		goto fail;

	srv->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC,
			 0);
	if (srv->fd < 0) {
		r = -errno;
		log_err("ctrl: socket: %s", strerror(errno));
		goto fail;
	}
	/* Never, not even for a moment, open to more than its owner. */
	old_umask = umask(0177);
	r = bind(srv->fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old_umask);
	if (r < 0) {
		r = -errno;
		log_err("ctrl: cannot bind %s: %s", o->path, strerror(errno));
		goto fail;
	}
	if ((o->group != CTRL_NO_GID && chown(o->path, (uid_t)-1,
					      o->group) < 0) ||
	    chmod(o->path, o->mode) < 0 || listen(srv->fd, 8) < 0) {
		r = -errno;
		log_err("ctrl: cannot set up %s: %s", o->path, strerror(errno));
		unlink(o->path);
		goto fail;
	}
	srv->watch = loop_watch_add(c->loop, srv->fd, EPOLLIN, listen_cb, srv);
	if (!srv->watch) {
		r = -errno;
		unlink(o->path);
		goto fail;
	}
	list_add_tail(&c->servers, &srv->node);
	log_debug("ctrl: listening on %s (mode %04o, %s)", o->path,
		  (unsigned int)o->mode, o->max == CTRL_ADMIN ? "admin" :
		  "read-only");
	return srv;

fail:
	if (srv->fd >= 0)
		close(srv->fd);
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
	list_del(&srv->node);
	loop_watch_remove(srv->watch);
	close(srv->fd);
	unlink(srv->path);
	free(srv);
}

int ctrl_server_set_mode(struct ctrl_server *srv, mode_t mode, gid_t group)
{
	if (group != CTRL_NO_GID && chown(srv->path, (uid_t)-1, group) < 0)
		return -errno;
	if (chmod(srv->path, mode) < 0)
		return -errno;
	return 0;
}

const char *ctrl_server_path(const struct ctrl_server *srv)
{
	return srv->path;
}
