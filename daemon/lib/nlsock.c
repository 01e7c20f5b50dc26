// SPDX-License-Identifier: GPL-2.0
/*
 * A non-blocking generic netlink socket on the loop.  See nlsock.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "lib/amsg.h"
#include "lib/nlsock.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define RX_BUF_SIZE 65536
#define RX_BATCH 64		/* datagrams read per wakeup */
#define SOCK_RCVBUF (1024 * 1024)

struct nlsock {
	const struct nlsock_ops *ops;
	void *data;
	struct nl_sock *sk;
	struct loop_watch *watch;
	uint8_t *rx;
};

static void socket_cb(struct loop_watch *w, int fd, uint32_t events,
		      void *data)
{
	struct nlsock *s = data;
	const char *name = s->ops->name;
	int i;

	for (i = 0; i < RX_BATCH; i++) {
		struct sockaddr_nl sa;
		struct iovec iov = { s->rx, RX_BUF_SIZE };
		struct msghdr mh = {
			.msg_name = &sa,
			.msg_namelen = sizeof(sa),
			.msg_iov = &iov,
			.msg_iovlen = 1,
		};
		ssize_t n = recvmsg(fd, &mh, MSG_TRUNC | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == ENOBUFS) {
				log_warn("%s: netlink receive buffer overrun; "
					 "%s", name, s->ops->overrun_action);
				s->ops->resync(s->data);
				continue;
			}
			log_err("%s: netlink receive failed: %s", name,
				strerror(errno));
			return;
		}
		if (sa.nl_pid != 0)
			continue;	/* only the kernel talks to us */
		if ((size_t)n > RX_BUF_SIZE || (mh.msg_flags & MSG_TRUNC)) {
			log_warn("%s: netlink datagram of %zd bytes "
				 "truncated; resynchronising", name, n);
			s->ops->resync(s->data);
			continue;
		}
		s->ops->datagram(s->data, s->rx, (size_t)n);
	}
}

static int setup(struct nlsock *s, struct loop *loop)
{
	const char *name = s->ops->name;
	int one = 1, fd, r;

	s->rx = malloc(RX_BUF_SIZE);
	s->sk = nl_socket_alloc();
	if (!s->rx || !s->sk)
		return -ENOMEM;
	nl_socket_disable_seq_check(s->sk);
	nl_socket_disable_auto_ack(s->sk);
	r = genl_connect(s->sk);
	if (r < 0) {
		log_err("%s: cannot open a generic netlink socket: %s", name,
			nl_geterror(r));
		return -EIO;
	}
	fd = nl_socket_get_fd(s->sk);
	r = nl_socket_set_nonblocking(s->sk);
	if (r < 0) {
		log_err("%s: cannot make the netlink socket non-blocking: %s",
			name, nl_geterror(r));
		return -EIO;
	}
	if (nl_socket_set_buffer_size(s->sk, SOCK_RCVBUF, 0) < 0)
		log_debug("%s: cannot enlarge the netlink socket buffer",
			  name);
	/* Short acks with the kernel's explanation; both best effort. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));

	s->watch = loop_watch_add(loop, fd, EPOLLIN, socket_cb, s);
	if (!s->watch)
		return -errno;
	return 0;
}

struct nlsock *nlsock_open(struct loop *loop, const struct nlsock_ops *ops,
			   void *data)
{
	struct nlsock *s = calloc(1, sizeof(*s));
	int r;

	if (!s)
		return NULL;
	s->ops = ops;
	s->data = data;
	r = setup(s, loop);
	if (r < 0) {
		nlsock_close(s);
		errno = -r;
		return NULL;
	}
	return s;
}

void nlsock_close(struct nlsock *s)
{
	if (!s)
		return;
	loop_watch_remove(s->watch);
	if (s->sk)
		nl_socket_free(s->sk);
	free(s->rx);
	free(s);
}

int nlsock_send(struct nlsock *s, struct nl_msg *msg, uint32_t *seq)
{
	int r;

	if (!msg)
		return -ENOMEM;
	r = nl_send_auto(s->sk, msg);
	if (r >= 0 && seq)
		*seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (r < 0) {
		log_warn("%s: netlink send failed: %s", s->ops->name,
			 nl_geterror(r));
		return -EIO;
	}
	return 0;
}

int nlsock_send_bytes(struct nlsock *s, const void *buf, size_t len,
		      uint32_t *seq)
{
	struct nlmsghdr nlh;

	if (len < NLMSG_HDRLEN)
		return -EMSGSIZE;
	memcpy(&nlh, buf, sizeof(nlh));
	if (nlh.nlmsg_len != len)
		return -EMSGSIZE;
	/* libnl copies it, and fills in the port and sequence number. */
	return nlsock_send(s, nlmsg_convert((struct nlmsghdr *)buf), seq);
}

int nlsock_join(struct nlsock *s, uint32_t group)
{
	return nl_socket_add_membership(s->sk, (int)group);
}

void nlsock_leave(struct nlsock *s, uint32_t group)
{
	nl_socket_drop_membership(s->sk, (int)group);
}

void nlsock_walk(const char *name, const uint8_t *buf, size_t len,
		 void (*fn)(void *data, const uint8_t *msg, size_t len,
			    const struct nlmsghdr *nlh),
		 void *data)
{
	const uint8_t *pos = buf, *msg;
	size_t left = len, msg_len;
	struct amsg_err err;
	int r;

	while ((r = amsg_next(&pos, &left, &msg, &msg_len, &err)) > 0) {
		struct nlmsghdr nlh;

		amsg_header(msg, &nlh);
		if (nlh.nlmsg_type == NLMSG_NOOP ||
		    nlh.nlmsg_type == NLMSG_OVERRUN)
			continue;
		fn(data, msg, msg_len, &nlh);
	}
	if (r < 0)
		log_warn("%s: bad netlink datagram: %s", name, err.msg);
}
