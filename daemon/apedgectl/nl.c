// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's netlink I/O; see nl.h.  Parsing is lib/amsg.c's.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/apedge.h>

#include "apedgectl/nl.h"
#include "lib/amsg.h"

#define ACTL_BUF_SIZE (64 * 1024)

struct family_req {
	struct actl_nl *nl;
	const char *group;
};

static int family_cb(const void *msg, size_t len, void *data)
{
	struct family_req *f = data;
	struct amsg_family fam;
	struct amsg_err err;

	if (amsg_parse_family(msg, len, &fam, &err) < 0)
		return -1;
	f->nl->family = fam.id;
	f->nl->events_grp = f->group ? amsg_family_group(&fam, f->group) : 0;
	f->nl->punt_grp = amsg_family_group(&fam, APEDGE_MCGRP_PUNT);
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
	uint32_t req[AMSG_REQ_SIZE / 4];
	int one = 1, err;
	size_t len;

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

	len = amsg_build_family_get(req, sizeof(req), NLM_F_ACK, family);
	if (!len)
		return -ENAMETOOLONG;
	err = actl_nl_talk(nl, req, len, family_cb, &f);
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

int actl_nl_talk(struct actl_nl *nl, void *req, size_t len,
		 actl_reply_fn fn, void *data)
{
	uint32_t portid = mnl_socket_get_portid(nl->sock);
	struct nlmsghdr *nlh = req;
	ssize_t n;

	nl->err = 0;
	nl->ext[0] = '\0';
	if (!len)
		return nl->err = -EMSGSIZE;
	nlh->nlmsg_seq = ++nl->seq;
	if (mnl_socket_sendto(nl->sock, req, len) < 0)
		return nl->err = -errno;

	for (;;) {
		const uint8_t *pos, *msg;
		struct amsg_err bad;
		size_t left, msg_len;
		int r;

		n = mnl_socket_recvfrom(nl->sock, nl->buf, ACTL_BUF_SIZE);
		if (n < 0)
			return nl->err = -errno;
		pos = nl->buf;
		left = (size_t)n;
		while ((r = amsg_next(&pos, &left, &msg, &msg_len, &bad)) > 0) {
			struct nlmsghdr h;
			struct amsg_ack ack;

			amsg_header(msg, &h);
			if (h.nlmsg_seq != nl->seq || h.nlmsg_pid != portid)
				continue;
			if (h.nlmsg_type == NLMSG_ERROR ||
			    h.nlmsg_type == NLMSG_DONE) {
				if (amsg_parse_ack(msg, msg_len, &ack, &bad) < 0)
					return nl->err = -EPROTO;
				/* As ip(8): the table changed in between. */
				if (h.nlmsg_type == NLMSG_DONE &&
				    (h.nlmsg_flags & NLM_F_DUMP_INTR))
					fprintf(stderr, "apedgectl: the dump was "
						"interrupted by a change and may "
						"be inconsistent\n");
				strcpy(nl->ext, ack.ext_msg);
				return nl->err = ack.error;
			}
			if (h.nlmsg_type == NLMSG_NOOP)
				continue;
			if (fn && fn(msg, msg_len, data) < 0)
				return nl->err = -EPROTO;
		}
		if (r < 0)
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
		const uint8_t *pos, *msg;
		struct amsg_err bad;
		size_t left, msg_len;

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
				if (fn(NULL, 0, data) < 0)
					return 0;
				continue;
			}
			return -errno;
		}
		pos = nl->buf;
		left = (size_t)n;
		while (amsg_next(&pos, &left, &msg, &msg_len, &bad) > 0) {
			switch (amsg_event_kind(msg, msg_len, nl->family)) {
			case AMSG_EV_GONE:
				return -EIDRM;
			case AMSG_EV_FAMILY:
				if (fn(msg, msg_len, data) < 0)
					return 0;
				break;
			case AMSG_EV_OTHER:
				break;
			}
		}
	}
}
