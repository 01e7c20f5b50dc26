// SPDX-License-Identifier: GPL-2.0
/*
 * The interface watcher's rtnetlink socket (see netif_io.h).
 *
 * Who can write to it: any process may send a unicast netlink message to
 * our port ID, for NETLINK_ROUTE needs no privilege to send to a user
 * socket, so an unprivileged local user could forge "eth0 is down" or "lo
 * has 192.0.2.1".  Only datagrams whose source is the kernel (port ID 0)
 * are read; the others are dropped and counted.  Joining the multicast
 * groups and sending to them is the kernel's alone.
 */
#include "lib/netif_io.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "lib/netif.h"

/* A datagram: dumps come in parts of at most 32 KiB; more for safety. */
#define NETIF_IO_BUF_SIZE 65536
/* The receive buffer asked for: a burst of link changes fits. */
#define NETIF_IO_RCVBUF (1 << 20)
/* Datagrams read per wakeup before the loop sees to the others. */
#define NETIF_IO_BATCH 64

struct netif_io {
	struct netif *nf;
	struct mnl_socket *nl;
	struct loop_watch *watch;
	uint8_t *buf;
};

/* Read what is there (at most a batch): 0, or -errno when reading fails. */
static int read_some(struct netif_io *io)
{
	int fd = mnl_socket_get_fd(io->nl), i;

	for (i = 0; i < NETIF_IO_BATCH; i++) {
		struct sockaddr_nl sa;
		struct iovec iov = {
			.iov_base = io->buf, .iov_len = NETIF_IO_BUF_SIZE,
		};
		struct msghdr mh = {
			.msg_name = &sa, .msg_namelen = sizeof(sa),
			.msg_iov = &iov, .msg_iovlen = 1,
		};
		ssize_t n = recvmsg(fd, &mh, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == ENOBUFS) {
				netif_io_lost(io->nf);
				continue;
			}
			return -errno;
		}
		if (mh.msg_namelen != sizeof(sa) ||
		    sa.nl_family != AF_NETLINK || sa.nl_pid != 0) {
			netif_io_foreign(io->nf);
			continue;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			netif_io_lost(io->nf);
			continue;
		}
		netif_input(io->nf, io->buf, (size_t)n);
	}
	return 0;
}

static void watch_cb(struct loop_watch *w, int fd, uint32_t events,
		     void *data)
{
	struct netif_io *io = data;
	int err = read_some(io);

	if (err < 0)
		log_rl(LOG_ERR, "netif: reading rtnetlink: %s", strerror(-err));
}

int netif_io_wait(struct netif_io *io, int timeout_ms)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(io->nl), .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	if (n == 0)
		return -ETIMEDOUT;
	return read_some(io);
}

int netif_io_dump(void *data, uint16_t type, uint32_t seq)
{
	struct netif_io *io = data;
	uint8_t req[64];
	size_t len = netif_wire_dump_request(req, sizeof(req), type, seq);

	if (!len)
		return -EINVAL;
	if (mnl_socket_sendto(io->nl, req, len) < 0)
		return -errno;
	return 0;
}

int netif_io_set_rcvbuf(struct netif_io *io, int bytes)
{
	if (setsockopt(mnl_socket_get_fd(io->nl), SOL_SOCKET, SO_RCVBUF,
		       &bytes, sizeof(bytes)) < 0)
		return -errno;
	return 0;
}

struct netif_io *netif_io_open(struct loop *loop, struct netif *nf,
			       uint32_t *portid)
{
	struct netif_io *io = calloc(1, sizeof(*io));
	int rcvbuf = NETIF_IO_RCVBUF, fd, err;
	const char *what = "memory";

	if (!io || !(io->buf = malloc(NETIF_IO_BUF_SIZE)))
		goto fail;
	io->nf = nf;
	what = "rtnetlink socket";
	io->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!io->nl)
		goto fail;
	fd = mnl_socket_get_fd(io->nl);
	/* Past rmem_max with CAP_NET_ADMIN; else what rmem_max allows. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	what = "joining the link and address groups";
	if (mnl_socket_bind(io->nl, RTMGRP_LINK | RTMGRP_IPV4_IFADDR |
			    RTMGRP_IPV6_IFADDR, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	what = "watching the socket";
	io->watch = loop_watch_add(loop, fd, EPOLLIN, watch_cb, io);
	if (!io->watch)
		goto fail;
	*portid = mnl_socket_get_portid(io->nl);
	return io;
fail:
	err = errno;
	log_err("netif: %s: %s", what, strerror(err));
	netif_io_close(io);
	errno = err;
	return NULL;
}

void netif_io_close(struct netif_io *io)
{
	if (!io)
		return;
	loop_watch_remove(io->watch);
	if (io->nl)
		mnl_socket_close(io->nl);
	free(io->buf);
	free(io);
}
