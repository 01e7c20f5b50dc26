// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's netlink I/O; see nl.h.  Parsing is in reply.c.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/apedge.h>

#include "apedgectl/nl.h"
#include "apedgectl/reply.h"

#define ACTL_BUF_SIZE (64 * 1024)

struct family_req {
	struct actl_nl *nl;
	const char *group;
};

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct family_req *f = data;

	if (actl_parse_family(nlh, f->group, &f->nl->family,
			      &f->nl->events_grp) ||
	    actl_parse_family(nlh, APEDGE_MCGRP_PUNT, &f->nl->family,
			      &f->nl->punt_grp))
		return -1;
	return 0;
}

int actl_nl_open(struct actl_nl *nl)
{
	return actl_nl_open_family(nl, APEDGE_FAMILY_NAME, APEDGE_MCGRP_EVENTS);
}

int actl_nl_open_family(struct actl_nl *nl, const char *family,
			const char *group)
{
	struct family_req f = { nl, group };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->seq = time(NULL);
	nl->buf = malloc(ACTL_BUF_SIZE);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		actl_nl_close(nl);
		return err;
	}
	/* Errors with the kernel's reason, without an echo of the request. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_GET_STRICT_CHK, &one, sizeof(one));

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	err = actl_nl_talk(nl, nlh, family_cb, &f);
	if (!err && !nl->family)
		err = -EPROTO;
	return err;
}

void actl_nl_close(struct actl_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}

struct nlmsghdr *actl_nl_msg(struct actl_nl *nl, void *buf, uint8_t cmd,
			     uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = APEDGE_FAMILY_VERSION;
	return nlh;
}

int actl_nl_talk(struct actl_nl *nl, struct nlmsghdr *nlh, actl_reply_fn fn,
		 void *data)
{
	uint32_t portid = mnl_socket_get_portid(nl->sock);
	ssize_t n;
	int err;

	nl->err = 0;
	nl->ext[0] = '\0';
	nlh->nlmsg_seq = ++nl->seq;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return nl->err = -errno;

	for (;;) {
		const struct nlmsghdr *m;
		int len;

		n = mnl_socket_recvfrom(nl->sock, nl->buf, ACTL_BUF_SIZE);
		if (n < 0)
			return nl->err = -errno;
		len = n;
		for (m = (const struct nlmsghdr *)nl->buf; actl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (m->nlmsg_seq != nl->seq || m->nlmsg_pid != portid)
				continue;
			if (m->nlmsg_type == NLMSG_ERROR ||
			    m->nlmsg_type == NLMSG_DONE) {
				if (actl_parse_error(m, &err, nl->ext,
						     sizeof(nl->ext)))
					err = -EPROTO;
				return nl->err = err;
			}
			if (m->nlmsg_type == NLMSG_NOOP)
				continue;
			if (fn && fn(m, data) < 0)
				return nl->err = -EPROTO;
		}
		if (len)
			return nl->err = -EPROTO;
	}
}

int actl_nl_listen(struct actl_nl *nl, actl_reply_fn fn, void *data,
		   const sigset_t *waitmask)
{
	int fd = mnl_socket_get_fd(nl->sock);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	/* The controller's "notify" group has the controller's id. */
	unsigned int ctrl_grp = GENL_ID_CTRL;
	ssize_t n;

	if (!nl->events_grp)
		return -EOPNOTSUPP;
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				  &nl->events_grp, sizeof(nl->events_grp)) < 0)
		return -errno;
	/* Punted packets too, where the module has them. */
	if (nl->punt_grp &&
	    mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				  &nl->punt_grp, sizeof(nl->punt_grp)) < 0)
		return -errno;
	/* To hear of the module's unloading; not worth failing for. */
	if (nl->family != GENL_ID_CTRL)
		mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
				      &ctrl_grp, sizeof(ctrl_grp));
	for (;;) {
		const struct nlmsghdr *m;
		int len;

		/* The only place where the ending signals are let in. */
		if (ppoll(&pfd, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				return 0;
			return -errno;
		}
		n = recv(fd, nl->buf, ACTL_BUF_SIZE, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			/* Events were lost; say so and go on. */
			if (errno == ENOBUFS) {
				if (fn(NULL, data) < 0)
					return 0;
				continue;
			}
			return -errno;
		}
		len = n;
		for (m = (const struct nlmsghdr *)nl->buf; actl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			switch (actl_event_kind(m, nl->family)) {
			case ACTL_EV_GONE:
				return -EIDRM;
			case ACTL_EV_FAMILY:
				if (fn(m, data) < 0)
					return 0;
				break;
			case ACTL_EV_OTHER:
				break;
			}
		}
	}
}
