// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine's sockets and timers.  See io.h; what is done with what
 * comes in is iapp.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "iapp/io.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"

#define DGRAMS_PER_WAKE	64

struct iapp_io {
	struct loop *loop;
	struct netif *netif;		/* interface facts; may be NULL */
	struct netif_sub *link_sub;	/* the IAPP interface's events */
	char sub_name[IFNAMSIZ];	/* ... which is that one */
	const struct iapp_io_ops *ops;
	void *data;
	const struct config_iapp *cfg;	/* the engine's, while open */

	int udp_fd, tcp_fd;
	struct loop_watch *udp_watch, *tcp_watch;
	struct loop_timer *retry;
	struct loop_timer *tick;
	struct loop_defer *defer;	/* pending: resumes, ops.deferred */
	bool want_deferred;

	struct list conns;
	size_t n_conns;
	size_t n_served;		/* of them, accepted ones */
};

static const struct iapp_key *key(const struct iapp_io *io)
{
	return io->cfg ? &io->cfg->key : NULL;
}

/* Deferred calls */

static void defer_cb(void *data);

static void defer(struct iapp_io *io)
{
	if (!io->defer)
		io->defer = loop_defer(io->loop, defer_cb, io);
	if (!io->defer)
		log_err("iapp: cannot defer a call: %s", strerror(errno));
}

void iapp_io_defer(struct iapp_io *io)
{
	io->want_deferred = true;
	defer(io);
}

/* Connections */

static void conn_free(struct iapp_conn *c)
{
	struct iapp_io *io = c->io;

	list_del(&c->node);
	io->n_conns--;
	if (c->kind == IAPP_CONN_SERVER)
		io->n_served--;
	loop_watch_remove(c->watch);
	loop_timer_remove(c->timer);
	close(c->fd);
	free(c);
}

static void conn_end(struct iapp_conn *c, enum iapp_conn_end how)
{
	c->io->ops->ended(c->io->data, c, how);
	conn_free(c);
}

void iapp_io_conn_close(struct iapp_conn *c)
{
	conn_free(c);
}

/*
 * Wait to write, or to read; not both.  While writing, a peer that shut
 * down its side (EPOLLRDHUP, which stays ready) must not wake us until
 * it can take our bytes: we read what it sent once the write is done.
 */
static void conn_update_watch(struct iapp_conn *c)
{
	if (c->paused)
		loop_watch_modify(c->watch, EPOLLRDHUP);
	else if (c->connecting || c->tx_off < c->tx_len)
		loop_watch_modify(c->watch, EPOLLOUT);
	else
		loop_watch_modify(c->watch, EPOLLIN | EPOLLRDHUP);
}

static bool conn_queue(struct iapp_conn *c, const uint8_t *msg, size_t len)
{
	if (!len || c->tx_len - c->tx_off + len > sizeof(c->tx))
		return false;
	memmove(c->tx, c->tx + c->tx_off, c->tx_len - c->tx_off);
	c->tx_len -= c->tx_off;
	c->tx_off = 0;
	memcpy(c->tx + c->tx_len, msg, len);
	c->tx_len += len;
	c->tx_cmd = msg[1];
	return true;
}

/* false when the connection is to be closed. */
static bool conn_flush(struct iapp_conn *c)
{
	while (c->tx_off < c->tx_len && !c->connecting) {
		ssize_t n = send(c->fd, c->tx + c->tx_off, c->tx_len - c->tx_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			log_debug("iapp: send to %s: %s", c->peer,
				  strerror(errno));
			return false;
		}
		c->tx_off += (size_t)n;
	}
	if (c->tx_len && c->tx_off == c->tx_len) {
		c->tx_off = c->tx_len = 0;
		c->io->ops->sent(c->io->data, c, c->tx_cmd);
	}
	conn_update_watch(c);
	return true;
}

bool iapp_io_conn_send(struct iapp_conn *c, const uint8_t *msg, size_t len)
{
	return conn_queue(c, msg, len) && conn_flush(c);
}

void iapp_io_conn_deadline(struct iapp_conn *c, uint64_t ms)
{
	loop_timer_rearm(c->timer, ms, 0);
}

void iapp_io_conn_pause(struct iapp_conn *c)
{
	c->paused = true;
	c->resume = false;
	conn_update_watch(c);
}

void iapp_io_conn_resume(struct iapp_conn *c)
{
	c->paused = false;
	c->resume = true;
	conn_update_watch(c);
	defer(c->io);
}

/*
 * Take the whole messages off the front of rx, one at a time while
 * nothing waits to be sent and the engine has not paused c.  false: c
 * was closed (and freed).
 */
static bool conn_process(struct iapp_conn *c)
{
	struct iapp_io *io = c->io;

	while (c->tx_off == c->tx_len && !c->paused) {
		long need = iapp_stream_need(c->rx, c->rx_len, key(io));
		uint8_t msg[IAPP_WIRE_MAX];

		if (need < 0) {
			io->ops->bad_stream(io->data, c, (enum iapp_err)-need);
			conn_end(c, IAPP_CONN_END_CLOSED);
			return false;
		}
		if (!need || (size_t)need > c->rx_len)
			return true;
		/* Off rx first: the engine may pause, or queue an answer. */
		memcpy(msg, c->rx, (size_t)need);
		memmove(c->rx, c->rx + need, c->rx_len - (size_t)need);
		c->rx_len -= (size_t)need;
		if (!io->ops->message(io->data, c, msg, (size_t)need)) {
			conn_end(c, IAPP_CONN_END_CLOSED);
			return false;
		}
	}
	return true;
}

static void conn_timer_cb(struct loop_timer *t, void *data)
{
	struct iapp_conn *c = data;

	if (c->io->ops->deadline(c->io->data, c))
		return;
	conn_end(c, IAPP_CONN_END_TIMEOUT);
}

static void conn_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct iapp_conn *c = data;

	if (c->connecting) {
		int err = 0;
		socklen_t len = sizeof(err);

		if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			log_debug("iapp: connect to %s: %s", c->peer,
				  strerror(err));
			conn_end(c, IAPP_CONN_END_ERROR);
			return;
		}
		c->connecting = false;
	}
	if (c->tx_off < c->tx_len) {
		if (!conn_flush(c)) {
			conn_end(c, IAPP_CONN_END_ERROR);
			return;
		}
		if (c->tx_off < c->tx_len)
			return;
		/* What came meanwhile is still to be read. */
		conn_process(c);
		return;
	}
	if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
		return;
	for (;;) {
		ssize_t n = recv(fd, c->rx + c->rx_len,
				 sizeof(c->rx) - c->rx_len, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			conn_end(c, n < 0 ? IAPP_CONN_END_ERROR :
				 c->rx_len ? IAPP_CONN_END_EOF_MID :
				 IAPP_CONN_END_EOF);
			return;
		}
		c->rx_len += (size_t)n;
		if (!conn_process(c))
			return;
		if (c->rx_len == sizeof(c->rx) || c->tx_off < c->tx_len ||
		    c->paused)
			break;
	}
}

static struct iapp_conn *conn_new(struct iapp_io *io, int fd,
				  enum iapp_conn_kind kind,
				  const struct in_addr *peer,
				  uint64_t timeout_ms)
{
	struct iapp_conn *c = calloc(1, sizeof(*c));

	if (!c) {
		close(fd);
		return NULL;
	}
	c->io = io;
	c->fd = fd;
	c->kind = kind;
	c->addr = *peer;
	inet_ntop(AF_INET, peer, c->peer, sizeof(c->peer));
	c->watch = loop_watch_add(io->loop, fd, EPOLLIN | EPOLLRDHUP, conn_cb,
				  c);
	c->timer = loop_timer_add(io->loop, timeout_ms, 0, conn_timer_cb, c);
	if (!c->watch || !c->timer) {
		loop_watch_remove(c->watch);
		loop_timer_remove(c->timer);
		close(fd);
		free(c);
		return NULL;
	}
	list_add_tail(&io->conns, &c->node);
	io->n_conns++;
	if (kind == IAPP_CONN_SERVER)
		io->n_served++;
	return c;
}

static void tcp_accept_cb(struct loop_watch *w, int fd, uint32_t events,
			  void *data)
{
	struct iapp_io *io = data;
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int cfd;

	cfd = accept4(fd, (struct sockaddr *)&sa, &len,
		      SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	if (len < sizeof(sa) || sa.sin_family != AF_INET ||
	    !io->ops->accept(io->data, &sa.sin_addr)) {
		close(cfd);
		return;
	}
	conn_new(io, cfd, IAPP_CONN_SERVER, &sa.sin_addr, IAPP_TCP_TIMEOUT_MS);
}

struct iapp_conn *iapp_io_connect(struct iapp_io *io,
				  enum iapp_conn_kind kind,
				  const struct in_addr *addr,
				  const uint8_t *msg, size_t len,
				  uint64_t timeout_ms, int *err)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(io->cfg ? io->cfg->port : IAPP_PORT),
		.sin_addr = *addr,
	};
	struct iapp_conn *c;
	int fd;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	c = conn_new(io, fd, kind, addr, timeout_ms);
	if (!c) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!conn_queue(c, msg, len)) {
		conn_free(c);
		*err = -EMSGSIZE;
		return NULL;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
	    errno != EINPROGRESS) {
		*err = -errno;
		conn_free(c);
		return NULL;
	}
	c->connecting = true;
	conn_update_watch(c);
	return c;
}

struct list *iapp_io_conns(struct iapp_io *io)
{
	return &io->conns;
}

size_t iapp_io_n_conns(const struct iapp_io *io)
{
	return io->n_conns;
}

size_t iapp_io_n_served(const struct iapp_io *io)
{
	return io->n_served;
}

/* The first connection waiting to read on; NULL when none. */
static struct iapp_conn *next_resume(struct iapp_io *io)
{
	struct list *pos;

	list_for_each(pos, &io->conns) {
		struct iapp_conn *c = list_entry(pos, struct iapp_conn, node);

		if (c->resume)
			return c;
	}
	return NULL;
}

static void defer_cb(void *data)
{
	struct iapp_io *io = data;
	struct iapp_conn *c;

	io->defer = NULL;
	/* Looked for again each time: processing may free any of them. */
	while ((c = next_resume(io))) {
		c->resume = false;
		conn_process(c);
	}
	if (io->want_deferred) {
		io->want_deferred = false;
		io->ops->deferred(io->data);
	}
}

/* The host's addresses, as the interface watcher knows them. */

bool iapp_io_addr_is_own(struct iapp_io *io, int af, const uint8_t *addr)
{
	return io->netif && netif_has_addr(io->netif, 0, af, addr);
}

/* UDP */

static void udp_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct iapp_io *io = data;
	uint8_t buf[IAPP_WIRE_MAX + 1];
	int i;

	for (i = 0; i < DGRAMS_PER_WAKE; i++) {
		struct sockaddr_in sa;
		socklen_t slen = sizeof(sa);
		ssize_t n;

		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC,
			     (struct sockaddr *)&sa, &slen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (slen < sizeof(sa) || sa.sin_family != AF_INET)
			continue;
		io->ops->datagram(io->data, buf, (size_t)n, &sa.sin_addr);
		if (!io->udp_watch)
			return;		/* closed meanwhile */
	}
}

int iapp_io_send_group(struct iapp_io *io, const uint8_t *buf, size_t len)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(io->cfg ? io->cfg->port : IAPP_PORT),
	};

	if (io->udp_fd < 0)
		return -ENOTCONN;
	inet_pton(AF_INET, IAPP_MCAST_ADDR, &sa.sin_addr);
	if (sendto(io->udp_fd, buf, len, MSG_DONTWAIT,
		   (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* Sockets */

void iapp_io_close(struct iapp_io *io)
{
	while (!list_empty(&io->conns))
		conn_free(list_entry(io->conns.next, struct iapp_conn, node));
	loop_watch_remove(io->udp_watch);
	loop_watch_remove(io->tcp_watch);
	io->udp_watch = io->tcp_watch = NULL;
	if (io->udp_fd >= 0)
		close(io->udp_fd);
	if (io->tcp_fd >= 0)
		close(io->tcp_fd);
	io->udp_fd = io->tcp_fd = -1;
	loop_timer_disarm(io->retry);
}

bool iapp_io_listening(const struct iapp_io *io)
{
	return io->udp_fd >= 0;
}

/*
 * Bind fd to the IAPP interface, so that stations on other interfaces
 * (which may reach one of our addresses) can neither send ADD-notify nor
 * connect to the TCP port.
 */
static int bind_to_iface(const struct config_iapp *cfg, int fd)
{
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, cfg->ifname,
			  (socklen_t)strlen(cfg->ifname) + 1);
}

static int open_sockets(struct iapp_io *io)
{
	const struct config_iapp *cfg = io->cfg;
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(cfg->port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	struct ip_mreqn mr = { 0 };
	int one = 1, zero = 0, ttl = (int)cfg->ttl;
	const struct netif_link *l = io->netif ?
		netif_link_by_name(io->netif, cfg->ifname) : NULL;
	const char *what;

	if (!l) {
		log_err("iapp: interface %s: %s", cfg->ifname,
			strerror(ENODEV));
		return -ENODEV;
	}
	mr.imr_ifindex = l->index;
	inet_pton(AF_INET, IAPP_MCAST_ADDR, &mr.imr_multiaddr);

	what = "UDP socket";
	io->udp_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
	if (io->udp_fd < 0)
		goto fail;
	setsockopt(io->udp_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* Only what arrives on the IAPP interface: see bind_to_iface(). */
	what = "SO_BINDTODEVICE";
	if (bind_to_iface(cfg, io->udp_fd) < 0)
		goto fail;
	what = "UDP bind";
	if (bind(io->udp_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	what = "IP_ADD_MEMBERSHIP";
	if (setsockopt(io->udp_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0)
		goto fail;
	what = "IP_MULTICAST_IF";
	if (setsockopt(io->udp_fd, IPPROTO_IP, IP_MULTICAST_IF, &mr,
		       sizeof(mr)) < 0)
		goto fail;
	what = "IP_MULTICAST_TTL";
	if (setsockopt(io->udp_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl,
		       sizeof(ttl)) < 0 ||
	    setsockopt(io->udp_fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero,
		       sizeof(zero)) < 0)
		goto fail;

	what = "TCP socket";
	io->tcp_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
	if (io->tcp_fd < 0)
		goto fail;
	setsockopt(io->tcp_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	what = "SO_BINDTODEVICE";
	if (bind_to_iface(cfg, io->tcp_fd) < 0)
		goto fail;
	what = "TCP bind";
	if (bind(io->tcp_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(io->tcp_fd, IAPP_TCP_CONNS_MAX) < 0)
		goto fail;
	what = "loop";
	io->udp_watch = loop_watch_add(io->loop, io->udp_fd, EPOLLIN, udp_cb,
				       io);
	io->tcp_watch = loop_watch_add(io->loop, io->tcp_fd, EPOLLIN,
				       tcp_accept_cb, io);
	if (!io->udp_watch || !io->tcp_watch)
		goto fail;
	log_info("iapp: listening on port %u, group %s on %s (ttl %u%s)",
		 cfg->port, IAPP_MCAST_ADDR, cfg->ifname, cfg->ttl,
		 cfg->key.len ? ", authenticated" : "");
	return 0;

fail:
	log_err("iapp: %s on %s: %s", what, cfg->ifname, strerror(errno));
	iapp_io_close(io);
	return -EIO;
}

static void retry_cb(struct loop_timer *t, void *data)
{
	struct iapp_io *io = data;

	/* An absent interface is waited for in link_cb(), not polled. */
	if (io->udp_fd >= 0 || !io->cfg || !io->cfg->enabled ||
	    open_sockets(io) != -EIO)
		loop_timer_disarm(t);
}

/* The IAPP interface appeared (or took the name), or went away. */
static void link_cb(const struct netif_event *ev, void *data)
{
	struct iapp_io *io = data;

	if (ev->replay || !io->cfg || !io->cfg->enabled)
		return;
	if (ev->type == NETIF_LINK_NEW && io->udp_fd < 0) {
		loop_timer_disarm(io->retry);
		if (open_sockets(io) == -EIO)
			loop_timer_rearm(io->retry, IAPP_RETRY_MS,
					 IAPP_RETRY_MS);
	} else if (ev->type == NETIF_LINK_DEL && io->udp_fd >= 0) {
		log_notice("iapp: interface %s is gone; listening again "
			   "when it is back", io->cfg->ifname);
		iapp_io_close(io);
	}
}

void iapp_io_open(struct iapp_io *io, const struct config_iapp *cfg)
{
	iapp_io_close(io);
	io->cfg = cfg;
	if (io->netif && (!io->link_sub || strcmp(io->sub_name, cfg->ifname))) {
		netif_unsubscribe(io->link_sub);
		io->link_sub = cfg->ifname[0] ?
			netif_subscribe(io->netif, cfg->ifname, link_cb, io) :
			NULL;
		snprintf(io->sub_name, sizeof(io->sub_name), "%s",
			 io->link_sub ? cfg->ifname : "");
	}
	if (!cfg->enabled)
		return;
	switch (open_sockets(io)) {
	case -ENODEV:
		log_notice("iapp: listening once %s is there", cfg->ifname);
		break;
	case -EIO:
		log_notice("iapp: retrying every %d s", IAPP_RETRY_MS / 1000);
		loop_timer_rearm(io->retry, IAPP_RETRY_MS, IAPP_RETRY_MS);
		break;
	}
}

static void tick_cb(struct loop_timer *t, void *data)
{
	struct iapp_io *io = data;

	io->ops->tick(io->data);
}

struct iapp_io *iapp_io_new(struct loop *loop, struct netif *netif,
			    const struct iapp_io_ops *ops, void *data)
{
	struct iapp_io *io = calloc(1, sizeof(*io));

	if (!io)
		return NULL;
	io->loop = loop;
	io->netif = netif;
	io->ops = ops;
	io->data = data;
	io->udp_fd = io->tcp_fd = -1;
	list_init(&io->conns);
	io->retry = loop_timer_add(loop, IAPP_RETRY_MS, IAPP_RETRY_MS,
				   retry_cb, io);
	io->tick = loop_timer_add(loop, IAPP_TICK_MS, IAPP_TICK_MS, tick_cb,
				  io);
	if (!io->retry || !io->tick) {
		iapp_io_free(io);
		return NULL;
	}
	loop_timer_disarm(io->retry);
	return io;
}

void iapp_io_free(struct iapp_io *io)
{
	if (!io)
		return;
	netif_unsubscribe(io->link_sub);
	iapp_io_close(io);
	loop_defer_cancel(io->defer);
	loop_timer_remove(io->retry);
	loop_timer_remove(io->tick);
	free(io);
}
