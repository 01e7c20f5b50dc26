// SPDX-License-Identifier: GPL-2.0
/* A bridge port's PVID over rtnetlink: see brvlan.h. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>

#include "lib/brvlan.h"

#define BRVLAN_BUF 32768

int brvlan_parse_pvid(const void *msg, size_t len, int ifindex,
		      uint16_t *vid, uint16_t *flags)
{
	const struct nlmsghdr *h = msg;
	const struct ifinfomsg *ifi;
	const struct nlattr *a, *spec = NULL, *v;
	size_t off, alen;

	if (len < sizeof(*h) || h->nlmsg_len < sizeof(*h) ||
	    h->nlmsg_len > len ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -EINVAL;
	if (h->nlmsg_type != RTM_NEWLINK)
		return 0;
	ifi = NLMSG_DATA(h);
	if (ifi->ifi_index != ifindex)
		return 0;
	/* the attributes, each checked against what is left */
	off = NLMSG_LENGTH(sizeof(*ifi));
	off = NLMSG_ALIGN(off);
	while (off + sizeof(struct nlattr) <= h->nlmsg_len) {
		a = (const struct nlattr *)((const uint8_t *)msg + off);
		if (a->nla_len < sizeof(*a) || a->nla_len > h->nlmsg_len - off)
			return -EINVAL;
		if ((a->nla_type & NLA_TYPE_MASK) == IFLA_AF_SPEC)
			spec = a;
		off += NLA_ALIGN(a->nla_len);
	}
	if (!spec)
		return 0;
	alen = spec->nla_len - sizeof(*spec);
	off = 0;
	while (off + sizeof(struct nlattr) <= alen) {
		v = (const struct nlattr *)((const uint8_t *)(spec + 1) + off);
		if (v->nla_len < sizeof(*v) || v->nla_len > alen - off)
			return -EINVAL;
		if ((v->nla_type & NLA_TYPE_MASK) == IFLA_BRIDGE_VLAN_INFO) {
			struct bridge_vlan_info bi;

			if (v->nla_len < sizeof(*v) + sizeof(bi))
				return -EINVAL;
			memcpy(&bi, v + 1, sizeof(bi));
			if (bi.flags & BRIDGE_VLAN_INFO_PVID) {
				*vid = bi.vid;
				*flags = bi.flags;
				return 1;
			}
		}
		off += NLA_ALIGN(v->nla_len);
	}
	return 0;
}

static struct mnl_socket *open_rt(void)
{
	struct timeval tv = { .tv_sec = 2 };
	struct mnl_socket *nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);

	if (!nl)
		return NULL;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)) < 0) {
		int e = errno;

		mnl_socket_close(nl);
		errno = e;
		return NULL;
	}
	return nl;
}

struct walk {
	int ifindex;
	uint16_t vid, flags;
	int found;
	int error;
	bool done;
};

/* Every message of one datagram; only the kernel's are read. */
static void walk_datagram(struct walk *w, const uint8_t *buf, size_t n,
			  uint32_t seq)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
	int len = (int)n;

	for (; mnl_nlmsg_ok(h, len); h = mnl_nlmsg_next(h, &len)) {
		if (h->nlmsg_seq != seq)
			continue;
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(h);

			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
				w->error = -EINVAL;
				w->done = true;
				return;
			}
			w->error = e->error;
			w->done = true;
			return;
		}
		if (h->nlmsg_type == NLMSG_DONE) {
			w->done = true;
			return;
		}
		if (!w->found) {
			int r = brvlan_parse_pvid(h, h->nlmsg_len, w->ifindex,
						  &w->vid, &w->flags);

			if (r < 0)
				w->error = r;
			else if (r)
				w->found = 1;
		}
	}
}

/* Send h, read until its ack or the dump's end. */
static int transact(struct nlmsghdr *h, struct walk *w)
{
	static uint8_t buf[BRVLAN_BUF];
	struct mnl_socket *nl = open_rt();
	struct sockaddr_nl sa;
	socklen_t sl;
	ssize_t n;
	int r = 0;

	if (!nl)
		return -errno;
	h->nlmsg_seq = (uint32_t)time(NULL);
	if (mnl_socket_sendto(nl, h, h->nlmsg_len) < 0) {
		r = -errno;
		goto out;
	}
	while (!w->done) {
		sl = sizeof(sa);
		n = recvfrom(mnl_socket_get_fd(nl), buf, sizeof(buf), 0,
			     (struct sockaddr *)&sa, &sl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = errno == EAGAIN ? -ETIMEDOUT : -errno;
			goto out;
		}
		if (sl != sizeof(sa) || sa.nl_pid != 0)
			continue;
		walk_datagram(w, buf, (size_t)n, h->nlmsg_seq);
	}
	r = w->error;
out:
	mnl_socket_close(nl);
	return r;
}

int brvlan_get_pvid(int ifindex, uint16_t *vid, uint16_t *flags)
{
	uint8_t req[256];
	struct nlmsghdr *h = mnl_nlmsg_put_header(req);
	struct ifinfomsg *ifi;
	struct walk w = { .ifindex = ifindex };
	int r;

	h->nlmsg_type = RTM_GETLINK;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE;
	mnl_attr_put_u32(h, IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
	r = transact(h, &w);
	if (r < 0)
		return r;
	*vid = w.found ? w.vid : 0;
	*flags = w.found ? w.flags : 0;
	return 0;
}

static int vlan_cmd(uint16_t type, int ifindex, uint16_t vid,
		    uint16_t flags)
{
	uint8_t req[256];
	struct nlmsghdr *h = mnl_nlmsg_put_header(req);
	struct ifinfomsg *ifi;
	struct bridge_vlan_info bi = { .flags = flags, .vid = vid };
	struct nlattr *nest;
	struct walk w = { .ifindex = ifindex };

	if (!vid || vid > 4094)
		return -EINVAL;
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE;
	ifi->ifi_index = ifindex;
	nest = mnl_attr_nest_start(h, IFLA_AF_SPEC);
	mnl_attr_put(h, IFLA_BRIDGE_VLAN_INFO, sizeof(bi), &bi);
	mnl_attr_nest_end(h, nest);
	return transact(h, &w);
}

int brvlan_add(int ifindex, uint16_t vid, uint16_t flags)
{
	return vlan_cmd(RTM_SETLINK, ifindex, vid, flags);
}

int brvlan_del(int ifindex, uint16_t vid)
{
	return vlan_cmd(RTM_DELLINK, ifindex, vid, 0);
}

int brvlan_assign(int ifindex, uint16_t vid, struct brvlan_orig *orig)
{
	uint16_t cur, flags;
	int r = brvlan_get_pvid(ifindex, &cur, &flags);

	if (r < 0)
		return r;
	if (!orig->valid) {
		orig->vid = cur;
		orig->flags = flags;
		orig->valid = true;
	}
	if (cur == vid && (flags & BRIDGE_VLAN_INFO_UNTAGGED))
		return 0;
	r = brvlan_add(ifindex, vid, BRIDGE_VLAN_INFO_PVID |
				     BRIDGE_VLAN_INFO_UNTAGGED);
	if (r < 0)
		return r;
	/* out of the VLAN it was in: nothing of it reaches the device */
	if (cur && cur != vid)
		r = brvlan_del(ifindex, cur);
	return r;
}

int brvlan_restore(int ifindex, struct brvlan_orig *orig)
{
	uint16_t cur, flags;
	int r;

	if (!orig->valid)
		return 0;
	r = brvlan_get_pvid(ifindex, &cur, &flags);
	if (r < 0)
		return r;
	if (orig->vid && (cur != orig->vid || flags != orig->flags)) {
		r = brvlan_add(ifindex, orig->vid, orig->flags);
		if (r < 0)
			return r;
	}
	if (cur && cur != orig->vid) {
		r = brvlan_del(ifindex, cur);
		if (r < 0)
			return r;
	}
	orig->valid = false;
	return 0;
}
