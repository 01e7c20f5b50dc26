// SPDX-License-Identifier: GPL-2.0
/*
 * A lease's address, routes and MTU over rtnetlink, and its resolv.conf
 * text.  See apply.h.
 *
 * Who can write to the socket: any local process may send a netlink
 * datagram to our port; only the kernel's (port ID 0) are read.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "dhcp4/apply.h"
#include "lib/file.h"
#include "lib/log.h"
#include "lib/loop.h"

#define RTPROT_DHCP_	16	/* RTPROT_DHCP, in <linux/rtnetlink.h> too */
#define PENDING_MAX	64	/* requests remembered for their ack's log */
#define ROUTES_OUT_MAX	(2 * DHCP4_ROUTES_MAX)

struct pending {
	uint32_t seq;
	uint16_t type;
	char ifname[IFNAMSIZ];
};

struct dhcp4_apply {
	struct mnl_socket *nl;
	struct loop_watch *w;
	uint32_t seq;
	uint64_t errors;
	struct pending pend[PENDING_MAX];
};

static const char *type_name(uint16_t t)
{
	switch (t) {
	case RTM_NEWADDR: return "adding the address";
	case RTM_DELADDR: return "removing the address";
	case RTM_NEWROUTE: return "adding a route";
	case RTM_DELROUTE: return "removing a route";
	case RTM_NEWLINK: return "setting the MTU";
	}
	return "a request";
}

static void read_acks(struct loop_watch *w, int fd, uint32_t ev, void *data)
{
	struct dhcp4_apply *a = data;
	uint8_t buf[8192];
	int i;

	for (i = 0; i < 32; i++) {
		struct sockaddr_nl sa;
		socklen_t sl = sizeof(sa);
		const struct nlmsghdr *h;
		ssize_t n;
		int len;

		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&sa, &sl);
		if (n < 0)
			return;
		if (sl != sizeof(sa) || sa.nl_pid != 0)
			continue;
		len = (int)n;
		for (h = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(h, len);
		     h = mnl_nlmsg_next(h, &len)) {
			const struct nlmsgerr *e;
			struct pending *p;

			if (h->nlmsg_type != NLMSG_ERROR ||
			    h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				continue;
			e = mnl_nlmsg_get_payload(h);
			p = &a->pend[h->nlmsg_seq % PENDING_MAX];
			if (!e->error || p->seq != h->nlmsg_seq)
				continue;
			/* What is gone already is what we wanted. */
			if ((p->type == RTM_DELADDR || p->type == RTM_DELROUTE) &&
			    (e->error == -ESRCH || e->error == -ENOENT ||
			     e->error == -EADDRNOTAVAIL || e->error == -ENODEV))
				continue;
			/* And what is there already. */
			if (p->type == RTM_NEWROUTE && e->error == -EEXIST)
				continue;
			a->errors++;
			log_rl(LOG_WARNING, "dhcp4 %s: %s failed: %s",
			       p->ifname, type_name(p->type),
			       strerror(-e->error));
		}
	}
}

struct dhcp4_apply *dhcp4_apply_new(struct loop *loop)
{
	struct dhcp4_apply *a = calloc(1, sizeof(*a));
	int e;

	if (!a)
		return NULL;
	a->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!a->nl || mnl_socket_bind(a->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	a->w = loop_watch_add(loop, mnl_socket_get_fd(a->nl), EPOLLIN,
			      read_acks, a);
	if (!a->w)
		goto fail;
	a->seq = 1;
	return a;
fail:
	e = errno;
	log_err("dhcp4: cannot open an rtnetlink socket: %s", strerror(e));
	if (a->nl)
		mnl_socket_close(a->nl);
	free(a);
	errno = e;
	return NULL;
}

void dhcp4_apply_free(struct dhcp4_apply *a)
{
	if (!a)
		return;
	loop_watch_remove(a->w);
	mnl_socket_close(a->nl);
	free(a);
}

uint64_t dhcp4_apply_errors(const struct dhcp4_apply *a)
{
	return a->errors;
}

static struct nlmsghdr *req_start(struct dhcp4_apply *a, uint8_t *buf,
				  uint16_t type, uint16_t flags,
				  const char *ifname)
{
	struct nlmsghdr *h = mnl_nlmsg_put_header(buf);
	struct pending *p;

	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	h->nlmsg_seq = a->seq++;
	p = &a->pend[h->nlmsg_seq % PENDING_MAX];
	p->seq = h->nlmsg_seq;
	p->type = type;
	snprintf(p->ifname, sizeof(p->ifname), "%s", ifname);
	return h;
}

static int req_send(struct dhcp4_apply *a, const struct nlmsghdr *h)
{
	if (mnl_socket_sendto(a->nl, h, h->nlmsg_len) < 0)
		return -errno;
	return 0;
}

static int addr_req(struct dhcp4_apply *a, uint16_t type, int ifindex,
		    const char *ifname, const struct dhcp4_lease *l,
		    uint32_t metric, uint64_t now)
{
	uint8_t buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *h;
	struct ifaddrmsg *ifa;
	struct in_addr bcast;
	uint32_t mask;

	h = req_start(a, buf, type, type == RTM_NEWADDR ?
		      NLM_F_CREATE | NLM_F_REPLACE : 0, ifname);
	ifa = mnl_nlmsg_put_extra_header(h, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = l->plen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (uint32_t)ifindex;
	mnl_attr_put(h, IFA_LOCAL, 4, &l->ack.yiaddr);
	mnl_attr_put(h, IFA_ADDRESS, 4, &l->ack.yiaddr);
	if (type == RTM_NEWADDR) {
		struct ifa_cacheinfo ci = { 0 };

		mask = l->plen ? htonl(~0u << (32 - l->plen)) : 0;
		if (l->plen < 31) {
			bcast.s_addr = l->ack.yiaddr.s_addr | ~mask;
			mnl_attr_put(h, IFA_BROADCAST, 4, &bcast);
		}
		if (l->lease_s == 0xffffffffu) {
			ci.ifa_valid = ci.ifa_prefered = 0xffffffffu;
		} else {
			uint64_t end = l->acquired_ms +
				(uint64_t)l->lease_s * 1000;
			uint64_t left = end > now ? (end - now) / 1000 : 0;

			ci.ifa_valid = ci.ifa_prefered =
				left ? (uint32_t)left : 1;
		}
		mnl_attr_put(h, IFA_CACHEINFO, sizeof(ci), &ci);
		if (metric)
			mnl_attr_put_u32(h, IFA_RT_PRIORITY, metric);
	}
	return req_send(a, h);
}

static bool in_subnet(const struct dhcp4_lease *l, struct in_addr gw)
{
	uint32_t mask = l->plen ? ~0u << (32 - l->plen) : 0;

	return (ntohl(gw.s_addr) & mask) ==
		(ntohl(l->ack.yiaddr.s_addr) & mask);
}

static bool have_route(const struct dhcp4_route *r, size_t n,
		       struct in_addr dst, uint8_t plen)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r[i].dst.s_addr == dst.s_addr && r[i].plen == plen)
			return true;
	return false;
}

size_t dhcp4_apply_routes(const struct dhcp4_lease *l, struct dhcp4_route *out,
			  size_t max)
{
	const struct dhcp4_route *src;
	struct dhcp4_route dflt;
	size_t n_src, i, n = 0;

	if (l->ack.has_routes) {
		src = l->ack.routes;
		n_src = l->ack.n_routes;
	} else if (l->ack.n_routers) {
		memset(&dflt, 0, sizeof(dflt));
		dflt.gw = l->ack.routers[0];
		src = &dflt;
		n_src = 1;
	} else {
		return 0;
	}
	for (i = 0; i < n_src; i++) {
		const struct dhcp4_route *r = &src[i];

		if (r->gw.s_addr && !in_subnet(l, r->gw) &&
		    r->gw.s_addr != l->ack.yiaddr.s_addr &&
		    !have_route(out, n, r->gw, 32) && n < max) {
			out[n].dst = r->gw;
			out[n].plen = 32;
			out[n].gw.s_addr = 0;
			n++;
		}
		if (n < max && !have_route(out, n, r->dst, r->plen))
			out[n++] = *r;
	}
	return n;
}

static int route_req(struct dhcp4_apply *a, uint16_t type, int ifindex,
		     const char *ifname, const struct dhcp4_lease *l,
		     const struct dhcp4_route *r, uint32_t metric)
{
	uint8_t buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *h;
	struct rtmsg *rtm;
	struct in_addr dst;
	uint32_t mask = r->plen ? htonl(~0u << (32 - r->plen)) : 0;

	/*
	 * Not NLM_F_REPLACE: another client's (or the admin's) route to
	 * the same destination and metric stays beside ours, as with "ip
	 * route prepend"; ours again (a renewal) is EEXIST, no error.
	 */
	h = req_start(a, buf, type, type == RTM_NEWROUTE ? NLM_F_CREATE : 0,
		      ifname);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = r->plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_DHCP_;
	rtm->rtm_scope = r->gw.s_addr ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	dst.s_addr = r->dst.s_addr & mask;
	if (r->plen)
		mnl_attr_put(h, RTA_DST, 4, &dst);
	if (r->gw.s_addr)
		mnl_attr_put(h, RTA_GATEWAY, 4, &r->gw);
	mnl_attr_put_u32(h, RTA_OIF, (uint32_t)ifindex);
	mnl_attr_put_u32(h, RTA_PRIORITY, metric);
	if (type == RTM_NEWROUTE)
		mnl_attr_put(h, RTA_PREFSRC, 4, &l->ack.yiaddr);
	return req_send(a, h);
}

int dhcp4_apply_lease(struct dhcp4_apply *a, int ifindex, const char *ifname,
		      const struct dhcp4_lease *l, uint32_t metric,
		      uint64_t now)
{
	struct dhcp4_route routes[ROUTES_OUT_MAX];
	size_t n, i;
	int r;

	r = addr_req(a, RTM_NEWADDR, ifindex, ifname, l, metric, now);
	if (r < 0)
		return r;
	n = dhcp4_apply_routes(l, routes, ROUTES_OUT_MAX);
	for (i = 0; i < n; i++) {
		r = route_req(a, RTM_NEWROUTE, ifindex, ifname, l, &routes[i],
			      metric);
		if (r < 0)
			return r;
	}
	return 0;
}

int dhcp4_apply_unlease(struct dhcp4_apply *a, int ifindex,
			const char *ifname, const struct dhcp4_lease *l,
			uint32_t metric)
{
	struct dhcp4_route routes[ROUTES_OUT_MAX];
	size_t n, i;
	int r = 0;

	/* In reverse: what goes through a host route before it. */
	n = dhcp4_apply_routes(l, routes, ROUTES_OUT_MAX);
	for (i = n; i-- > 0;)
		r |= route_req(a, RTM_DELROUTE, ifindex, ifname, l, &routes[i],
			       metric);
	r |= addr_req(a, RTM_DELADDR, ifindex, ifname, l, metric, 0);
	return r < 0 ? -EIO : 0;
}

int dhcp4_apply_mtu(struct dhcp4_apply *a, int ifindex, const char *ifname,
		    uint32_t mtu)
{
	uint8_t buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *h;
	struct ifinfomsg *ifi;

	h = req_start(a, buf, RTM_NEWLINK, 0, ifname);
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	mnl_attr_put_u32(h, IFLA_MTU, mtu);
	return req_send(a, h);
}

/* A name a resolv.conf line may hold: letters, digits, '-', '_', '.'. */
static bool dns_name_ok(const char *s)
{
	if (!*s || strlen(s) > 253)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '.'))
			return false;
	return true;
}

void dhcp4_resolv_format(const struct dhcp4_lease *l, const char *ifname,
			 struct strbuf *sb)
{
	const struct dhcp4_msg *m = &l->ack;
	char a[INET_ADDRSTRLEN];
	unsigned int i, n = 0;

	if (!m->n_dns && !m->domain[0] && !m->n_search)
		return;
	sb_printf(sb, "# DHCPv4 on %s, written by apedged\n", ifname);
	if (dns_name_ok(m->domain))
		sb_printf(sb, "domain %s\n", m->domain);
	for (i = 0; i < m->n_search && i < DHCP4_SEARCH_MAX; i++) {
		if (!dns_name_ok(m->search[i]))
			continue;
		sb_printf(sb, "%s%s", n++ ? " " : "search ", m->search[i]);
	}
	if (n)
		sb_puts(sb, "\n");
	for (i = 0; i < m->n_dns && i < DHCP4_DNS_MAX; i++)
		sb_printf(sb, "nameserver %s\n",
			  inet_ntop(AF_INET, &m->dns[i], a, sizeof(a)));
}

int dhcp4_resolv_write(const char *path, const char *text)
{
	return file_write_atomic(path, text, strlen(text), 0644);
}
