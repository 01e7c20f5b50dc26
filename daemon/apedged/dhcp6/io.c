// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 server's sockets and routes: see io.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "dhcp6/io.h"
#include "dhcp6/wire.h"
#include "lib/log.h"
#include "lib/loop.h"

struct dhcp6_io {
	struct loop *loop;
	const struct dhcp6_io_ops *ops;
	void *data;
	int fd, rtnl;
	int neigh;			/* blocking, for dhcp6_io_neigh() */
	struct loop_watch *watch;
	uint32_t seq;
	uint8_t buf[DHCP6_MSG_MAX];
};

static void on_read(struct loop_watch *w, int fd, uint32_t events,
		    void *data)
{
	struct dhcp6_io *io = data;
	int n;

	for (n = 0; n < 64; n++) {
		struct sockaddr_in6 src;
		union {
			struct cmsghdr c;
			uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		} cbuf;
		struct iovec iov = { io->buf, sizeof(io->buf) };
		struct msghdr mh = {
			.msg_name = &src, .msg_namelen = sizeof(src),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = &cbuf, .msg_controllen = sizeof(cbuf),
		};
		struct in6_pktinfo *pi = NULL;
		struct cmsghdr *c;
		ssize_t len = recvmsg(fd, &mh, MSG_DONTWAIT);

		if (len < 0)
			return;
		for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if (c->cmsg_level == IPPROTO_IPV6 &&
			    c->cmsg_type == IPV6_PKTINFO)
				pi = (struct in6_pktinfo *)CMSG_DATA(c);
		if (!pi || mh.msg_namelen < sizeof(src))
			continue;
		io->ops->rx(io->data, io->buf, (size_t)len, &src,
			    (int)pi->ipi6_ifindex,
			    IN6_IS_ADDR_MULTICAST(&pi->ipi6_addr));
	}
}

struct dhcp6_io *dhcp6_io_new(struct loop *loop,
			      const struct dhcp6_io_ops *ops, void *data)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(DHCP6_SERVER_PORT) };
	struct dhcp6_io *io = calloc(1, sizeof(*io));
	int one = 1, hops = 8, e;

	if (!io)
		return NULL;
	io->loop = loop;
	io->ops = ops;
	io->data = data;
	io->rtnl = -1;
	io->neigh = -1;
	io->fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			0);
	if (io->fd < 0)
		goto fail;
	if (setsockopt(io->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
		       sizeof(one)) ||
	    setsockopt(io->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
		       sizeof(one)) ||
	    setsockopt(io->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(io->fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		       sizeof(hops)) ||
	    bind(io->fd, (struct sockaddr *)&sa, sizeof(sa)))
		goto fail;
	io->rtnl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
			  NETLINK_ROUTE);
	if (io->rtnl < 0)
		goto fail;
	io->watch = loop_watch_add(loop, io->fd, EPOLLIN, on_read, io);
	if (!io->watch)
		goto fail;
	return io;
fail:
	e = errno;
	dhcp6_io_free(io);
	errno = e;
	return NULL;
}

void dhcp6_io_free(struct dhcp6_io *io)
{
	if (!io)
		return;
	loop_watch_remove(io->watch);
	if (io->fd >= 0)
		close(io->fd);
	if (io->rtnl >= 0)
		close(io->rtnl);
	if (io->neigh >= 0)
		close(io->neigh);
	free(io);
}

int dhcp6_io_join(struct dhcp6_io *io, int ifindex, bool join)
{
	struct ipv6_mreq mr = { .ipv6mr_interface = (unsigned int)ifindex };

	inet_pton(AF_INET6, "ff02::1:2", &mr.ipv6mr_multiaddr);
	if (setsockopt(io->fd, IPPROTO_IPV6,
		       join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP,
		       &mr, sizeof(mr)) && !(join && errno == EADDRINUSE))
		return -errno;
	return 0;
}

int dhcp6_io_send(struct dhcp6_io *io, const struct sockaddr_in6 *dst,
		  int ifindex, const uint8_t *msg, size_t len)
{
	struct sockaddr_in6 to = *dst;
	union {
		struct cmsghdr c;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} cbuf;
	struct iovec iov = { (void *)msg, len };
	struct msghdr mh = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = &cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	struct in6_pktinfo pi = { .ipi6_ifindex = (unsigned int)ifindex };

	memset(&cbuf, 0, sizeof(cbuf));
	if (IN6_IS_ADDR_LINKLOCAL(&to.sin6_addr))
		to.sin6_scope_id = (uint32_t)ifindex;
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (sendmsg(io->fd, &mh, 0) < 0)
		return -errno;
	return 0;
}

int dhcp6_io_global_addrs(const char *const *names, struct in6_addr *addrs,
			  size_t n)
{
	struct ifaddrs *ifa, *i;
	size_t k;

	memset(addrs, 0, n * sizeof(*addrs));
	if (getifaddrs(&ifa))
		return -errno;
	for (i = ifa; i; i = i->ifa_next) {
		const struct in6_addr *a;

		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET6)
			continue;
		a = &((const struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		if (IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_LOOPBACK(a) ||
		    IN6_IS_ADDR_MULTICAST(a) || IN6_IS_ADDR_UNSPECIFIED(a))
			continue;
		for (k = 0; k < n; k++)
			if (!strcmp(names[k], i->ifa_name) &&
			    IN6_IS_ADDR_UNSPECIFIED(&addrs[k]))
				addrs[k] = *a;
	}
	freeifaddrs(ifa);
	return 0;
}

static void rta_put(struct nlmsghdr *n, unsigned short type, const void *p,
		    size_t len)
{
	struct rtattr *a = (struct rtattr *)((uint8_t *)n +
					     NLMSG_ALIGN(n->nlmsg_len));

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(a), p, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(a->rta_len);
}

int dhcp6_io_route(struct dhcp6_io *io, bool add,
		   const struct in6_addr *prefix, uint8_t plen,
		   const struct in6_addr *gw, int ifindex)
{
	union {
		struct nlmsghdr n;
		uint8_t b[256];
	} m;
	struct rtmsg *rt;
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	uint32_t oif = (uint32_t)ifindex;

	/* The kernel's answers (errors only: no NLM_F_ACK) are read and
	 * dropped, so the socket's queue never fills. */
	while (recv(io->rtnl, m.b, sizeof(m.b), MSG_DONTWAIT) > 0)
		;
	memset(&m, 0, sizeof(m));
	m.n.nlmsg_len = NLMSG_LENGTH(sizeof(*rt));
	m.n.nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	m.n.nlmsg_flags = NLM_F_REQUEST | (add ? NLM_F_CREATE | NLM_F_REPLACE :
					   0);
	m.n.nlmsg_seq = ++io->seq;
	rt = NLMSG_DATA(&m.n);
	rt->rtm_family = AF_INET6;
	rt->rtm_dst_len = plen;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_DHCP;
	rt->rtm_scope = RT_SCOPE_UNIVERSE;
	rt->rtm_type = RTN_UNICAST;
	rta_put(&m.n, RTA_DST, prefix, 16);
	if (gw)
		rta_put(&m.n, RTA_GATEWAY, gw, 16);
	rta_put(&m.n, RTA_OIF, &oif, sizeof(oif));
	if (sendto(io->rtnl, &m, m.n.nlmsg_len, 0, (struct sockaddr *)&k,
		   sizeof(k)) < 0)
		return -errno;
	return 0;
}

int dhcp6_io_neigh_parse(const uint8_t *buf, size_t len, uint32_t seq,
			 uint8_t mac[6])
{
	size_t off = 0;

	/* Each header and attribute is copied out: buf need not be
	 * aligned, and no length is trusted before it is checked. */
	while (len - off >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr nh;
		struct ndmsg nd;
		size_t end, p;

		memcpy(&nh, buf + off, sizeof(nh));
		if (nh.nlmsg_len < sizeof(nh) || nh.nlmsg_len > len - off)
			return -EIO;
		end = off + nh.nlmsg_len;
		p = off + NLMSG_HDRLEN;
		off += NLMSG_ALIGN(nh.nlmsg_len) < len - off ?
		       NLMSG_ALIGN(nh.nlmsg_len) : len - off;
		if (nh.nlmsg_seq != seq)
			continue;
		if (nh.nlmsg_type == NLMSG_ERROR) {
			int32_t e;

			if (end - p < sizeof(e))
				return -EIO;
			memcpy(&e, buf + p, sizeof(e));
			return e < 0 ? e : -ENOENT;
		}
		if (nh.nlmsg_type != RTM_NEWNEIGH || end - p < sizeof(nd))
			continue;
		memcpy(&nd, buf + p, sizeof(nd));
		if (!(nd.ndm_state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY |
				      NUD_PROBE | NUD_PERMANENT | NUD_NOARP)))
			return -ENOENT;
		p += NLMSG_ALIGN(sizeof(nd));
		while (p < end && end - p >= sizeof(struct rtattr)) {
			struct rtattr a;

			memcpy(&a, buf + p, sizeof(a));
			if (a.rta_len < sizeof(a) || a.rta_len > end - p)
				return -ENOENT;
			if (a.rta_type == NDA_LLADDR &&
			    a.rta_len == RTA_LENGTH(6)) {
				memcpy(mac, buf + p + RTA_LENGTH(0), 6);
				return 0;
			}
			p += RTA_ALIGN(a.rta_len);
		}
		return -ENOENT;
	}
	return -EIO;
}

int dhcp6_io_neigh(struct dhcp6_io *io, int ifindex,
		   const struct in6_addr *addr, uint8_t mac[6])
{
	struct {
		struct nlmsghdr nh;
		struct ndmsg nd;
		struct rtattr dst;
		struct in6_addr a;
	} req = {
		.nh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = RTM_GETNEIGH,
			.nlmsg_flags = NLM_F_REQUEST,
		},
		.nd = { .ndm_family = AF_INET6, .ndm_ifindex = ifindex },
		.dst = { .rta_len = RTA_LENGTH(sizeof(struct in6_addr)),
			 .rta_type = NDA_DST },
		.a = *addr,
	};
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	uint8_t buf[1024];
	ssize_t n;
	int tries;

	if (io->neigh < 0) {
		io->neigh = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
				   NETLINK_ROUTE);
		if (io->neigh < 0)
			return -errno;
		if (setsockopt(io->neigh, SOL_SOCKET, SO_RCVTIMEO, &tv,
			       sizeof(tv))) {
			close(io->neigh);
			io->neigh = -1;
			return -errno;
		}
	}
	req.nh.nlmsg_seq = ++io->seq;
	if (sendto(io->neigh, &req, sizeof(req), 0, (struct sockaddr *)&k,
		   sizeof(k)) < 0)
		return -errno;
	/* Answers to an earlier request that timed out come first. */
	for (tries = 0; tries < 4; tries++) {
		int r;

		n = recv(io->neigh, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		r = dhcp6_io_neigh_parse(buf, (size_t)n, req.nh.nlmsg_seq, mac);
		if (r != -EIO)
			return r;
	}
	return -EIO;
}
