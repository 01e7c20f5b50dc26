// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client's sockets and timer.  See io.h; what is done with
 * what comes in is dhcp4.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dhcp4/io.h"
#include "lib/log.h"
#include "lib/loop.h"

#define READS_PER_WAKE	32

struct dhcp4_io {
	struct loop *loop;
	int ifindex;
	char ifname[IFNAMSIZ];
	const struct dhcp4_io_ops *ops;
	void *data;

	int tx_fd, raw_fd, udp_fd, arp_fd;
	struct loop_watch *raw_w, *udp_w, *arp_w;
	struct loop_timer *timer;
};

/*
 * IPv4 (version 4), protocol UDP, not a fragment (offset 0 and MF clear),
 * destination port 68.  The packet starts at the IPv4 header.
 */
static struct sock_filter ip_filter[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
	BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xf0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x40, 0, 8),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, 0, 6),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),
	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x3fff, 4, 0),
	BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),
	BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, DHCP4_CLIENT_PORT, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

/* ARP, hardware Ethernet (1), protocol IPv4, lengths 6 and 4. */
static struct sock_filter arp_filter[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 7),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 2),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 5),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 4),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 6, 0, 3),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 5),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 4, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

/*
 * A packet socket that receives protocol on the interface and only what
 * the filter passes: made with protocol 0 (nothing arrives), the filter
 * attached, then bound to the protocol, so that nothing unfiltered is
 * ever queued (and nothing queued is thrown away: a reply may already
 * be there).
 */
static int packet_open(struct dhcp4_io *io, uint16_t protocol,
		       struct sock_filter *f, unsigned short n)
{
	struct sock_fprog prog = { .len = n, .filter = f };
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(protocol),
		.sll_ifindex = io->ifindex,
	};
	int fd, one = 1;

	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
		       sizeof(prog)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one,
		       sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	return fd;
}

/*
 * One frame: its length, or -1 when there is none left.  *csum_unready
 * tells the kernel has not filled in the checksum yet; *not_ours that it
 * is one of ours leaving, or not ours at all: a socket bound to eth0
 * also gets what came in on eth0 for a VLAN interface on it (eth0.7),
 * with eth0.7's index (the kernel delivers to the device a frame
 * arrived on as well as to the one it is for).
 */
static ssize_t packet_read(const struct dhcp4_io *io, int fd, uint8_t *buf,
			   size_t size, bool *csum_unready, bool *not_ours)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
	} ctl;
	struct sockaddr_ll sll;
	struct iovec iov = { buf, size };
	struct msghdr mh = {
		.msg_name = &sll, .msg_namelen = sizeof(sll),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = &ctl, .msg_controllen = sizeof(ctl),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0)
		return -1;
	*csum_unready = false;
	*not_ours = sll.sll_pkttype == PACKET_OUTGOING ||
		    sll.sll_ifindex != io->ifindex;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		struct tpacket_auxdata aux;

		if (c->cmsg_level != SOL_PACKET ||
		    c->cmsg_type != PACKET_AUXDATA)
			continue;
		memcpy(&aux, CMSG_DATA(c), sizeof(aux));
		*csum_unready = aux.tp_status & TP_STATUS_CSUMNOTREADY;
	}
	return n;
}

static void raw_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct dhcp4_io *io = data;
	uint8_t buf[DHCP4_MSG_MAX + 64];
	const uint8_t *payload;
	struct in_addr src;
	bool unready, out;
	enum dhcp4_err e;
	size_t plen;
	ssize_t n;
	int i;

	for (i = 0; i < READS_PER_WAKE && io->raw_fd >= 0; i++) {
		n = packet_read(io, fd, buf, sizeof(buf), &unready, &out);
		if (n < 0)
			return;
		if (out)
			continue;
		if ((size_t)n > sizeof(buf)) {
			io->ops->malformed(io->data, DHCP4_ERR_LONG);
			continue;
		}
		/* Not checksummed yet: the UDP checksum is not there. */
		if (unready && n >= 28 && (buf[0] & 0x0f) >= 5 &&
		    (size_t)n >= (size_t)(buf[0] & 0x0f) * 4 + 8) {
			size_t ihl = (size_t)(buf[0] & 0x0f) * 4;

			buf[ihl + 6] = 0;
			buf[ihl + 7] = 0;
		}
		e = dhcp4_frame_parse(buf, (size_t)n, DHCP4_SERVER_PORT,
				      DHCP4_CLIENT_PORT, &src, &payload,
				      &plen);
		if (e != DHCP4_OK) {
			io->ops->malformed(io->data, e);
			continue;
		}
		io->ops->rx(io->data, payload, plen, src);
	}
}

static void udp_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct dhcp4_io *io = data;
	uint8_t buf[DHCP4_MSG_MAX];
	struct sockaddr_in from;
	socklen_t fl;
	ssize_t n;
	int i;

	for (i = 0; i < READS_PER_WAKE && io->udp_fd >= 0; i++) {
		fl = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC,
			     (struct sockaddr *)&from, &fl);
		if (n < 0)
			return;
		if ((size_t)n > sizeof(buf)) {
			io->ops->malformed(io->data, DHCP4_ERR_LONG);
			continue;
		}
		if (ntohs(from.sin_port) != DHCP4_SERVER_PORT) {
			io->ops->malformed(io->data, DHCP4_ERR_UDP);
			continue;
		}
		io->ops->rx(io->data, buf, (size_t)n, from.sin_addr);
	}
}

static void arp_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct dhcp4_io *io = data;
	uint8_t buf[128];
	bool unready, out;
	ssize_t n;
	int i;

	for (i = 0; i < READS_PER_WAKE && io->arp_fd >= 0; i++) {
		n = packet_read(io, fd, buf, sizeof(buf), &unready, &out);
		if (n < 0)
			return;
		if (out)
			continue;
		io->ops->arp(io->data, buf,
			     (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf));
	}
}

static void timer_cb(struct loop_timer *t, void *data)
{
	struct dhcp4_io *io = data;

	io->ops->timeout(io->data);
}

struct dhcp4_io *dhcp4_io_new(struct loop *loop, int ifindex,
			      const char *ifname,
			      const struct dhcp4_io_ops *ops, void *data)
{
	struct dhcp4_io *io = calloc(1, sizeof(*io));
	int e;

	if (!io)
		return NULL;
	io->loop = loop;
	io->ifindex = ifindex;
	snprintf(io->ifname, sizeof(io->ifname), "%s", ifname);
	io->ops = ops;
	io->data = data;
	io->raw_fd = io->udp_fd = io->arp_fd = -1;
	io->tx_fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK |
			   SOCK_CLOEXEC, 0);
	io->timer = io->tx_fd >= 0 ?
		loop_timer_add(loop, 0, 0, timer_cb, io) : NULL;
	if (!io->timer) {
		e = errno;
		log_err("dhcp4 %s: cannot open a packet socket: %s", ifname,
			strerror(e));
		if (io->tx_fd >= 0)
			close(io->tx_fd);
		free(io);
		errno = e;
		return NULL;
	}
	loop_timer_disarm(io->timer);
	return io;
}

static void close_one(int *fd, struct loop_watch **w)
{
	loop_watch_remove(*w);
	*w = NULL;
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void dhcp4_io_free(struct dhcp4_io *io)
{
	if (!io)
		return;
	close_one(&io->raw_fd, &io->raw_w);
	close_one(&io->udp_fd, &io->udp_w);
	close_one(&io->arp_fd, &io->arp_w);
	close(io->tx_fd);
	loop_timer_remove(io->timer);
	free(io);
}

static int watch(struct dhcp4_io *io, int fd, struct loop_watch **w,
		 loop_watch_fn fn, const char *what)
{
	*w = loop_watch_add(io->loop, fd, EPOLLIN, fn, io);
	if (!*w) {
		int e = -errno;

		log_err("dhcp4 %s: cannot watch its %s socket: %s", io->ifname,
			what, strerror(-e));
		close(fd);
		return e;
	}
	return fd;
}

int dhcp4_io_set_raw(struct dhcp4_io *io, bool on)
{
	int fd;

	if (!on) {
		close_one(&io->raw_fd, &io->raw_w);
		return 0;
	}
	if (io->raw_fd >= 0)
		return 0;
	fd = packet_open(io, ETH_P_IP, ip_filter,
			 sizeof(ip_filter) / sizeof(ip_filter[0]));
	if (fd < 0) {
		log_err("dhcp4 %s: cannot open its packet socket: %s",
			io->ifname, strerror(-fd));
		return fd;
	}
	fd = watch(io, fd, &io->raw_w, raw_cb, "packet");
	if (fd < 0)
		return fd;
	io->raw_fd = fd;
	return 0;
}

int dhcp4_io_set_arp(struct dhcp4_io *io, bool on)
{
	int fd;

	if (!on) {
		close_one(&io->arp_fd, &io->arp_w);
		return 0;
	}
	if (io->arp_fd >= 0)
		return 0;
	fd = packet_open(io, ETH_P_ARP, arp_filter,
			 sizeof(arp_filter) / sizeof(arp_filter[0]));
	if (fd < 0) {
		log_err("dhcp4 %s: cannot open its ARP socket: %s",
			io->ifname, strerror(-fd));
		return fd;
	}
	fd = watch(io, fd, &io->arp_w, arp_cb, "ARP");
	if (fd < 0)
		return fd;
	io->arp_fd = fd;
	return 0;
}

int dhcp4_io_set_udp(struct dhcp4_io *io, bool on)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(DHCP4_CLIENT_PORT),
	};
	int fd, one = 1;

	if (!on) {
		close_one(&io->udp_fd, &io->udp_w);
		return 0;
	}
	if (io->udp_fd >= 0)
		return 0;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, io->ifname,
		       (socklen_t)strlen(io->ifname) + 1) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		int e = -errno;

		log_err("dhcp4 %s: cannot open its UDP socket on port 68: %s",
			io->ifname, strerror(-e));
		if (fd >= 0)
			close(fd);
		return e;
	}
	fd = watch(io, fd, &io->udp_w, udp_cb, "UDP");
	if (fd < 0)
		return fd;
	io->udp_fd = fd;
	return 0;
}

static int send_ll(struct dhcp4_io *io, uint16_t protocol, const uint8_t *p,
		   size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(protocol),
		.sll_ifindex = io->ifindex,
		.sll_halen = 6,
		.sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};

	if (sendto(io->tx_fd, p, len, 0, (struct sockaddr *)&sll,
		   sizeof(sll)) < 0)
		return -errno;
	return 0;
}

int dhcp4_io_send_broadcast(struct dhcp4_io *io, struct in_addr src,
			    const uint8_t *msg, size_t len)
{
	uint8_t frame[DHCP4_MSG_MAX + 64];
	struct in_addr dst = { .s_addr = INADDR_BROADCAST };
	size_t n;

	n = dhcp4_frame_build(frame, sizeof(frame), src, dst,
			      DHCP4_CLIENT_PORT, DHCP4_SERVER_PORT, msg, len);
	if (!n)
		return -EMSGSIZE;
	return send_ll(io, ETH_P_IP, frame, n);
}

int dhcp4_io_send_unicast(struct dhcp4_io *io, struct in_addr dst,
			  const uint8_t *msg, size_t len)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(DHCP4_SERVER_PORT),
		.sin_addr = dst,
	};
	int r = dhcp4_io_set_udp(io, true);

	if (r < 0)
		return r;
	if (sendto(io->udp_fd, msg, len, 0, (struct sockaddr *)&sin,
		   sizeof(sin)) < 0)
		return -errno;
	return 0;
}

int dhcp4_io_send_arp(struct dhcp4_io *io, const uint8_t *pkt, size_t len)
{
	return send_ll(io, ETH_P_ARP, pkt, len);
}

void dhcp4_io_arm(struct dhcp4_io *io, uint64_t deadline)
{
	uint64_t now = loop_now_ms();

	if (deadline == UINT64_MAX) {
		loop_timer_disarm(io->timer);
		return;
	}
	loop_timer_rearm(io->timer, deadline > now ? deadline - now : 0, 0);
}
