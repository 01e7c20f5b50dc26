/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A non-blocking generic netlink socket on the loop: what genl.c (the
 * apedge family) and nl80211.c (station events) both need from theirs.
 *
 * nlsock_open() connects the socket (libnl, sequence check and auto-ack
 * off), makes it non-blocking, enlarges its receive buffer and asks for
 * capped and extended acks, then watches it.  Each datagram from the
 * kernel goes to ops->datagram(); a receive buffer overrun (ENOBUFS) and a
 * truncated datagram, after which messages are lost, go to ops->resync().
 * nlsock_walk() steps through one datagram's messages.  Every log line
 * starts with the name given ("apedge", "nl80211").
 */
#ifndef APEDGED_NLSOCK_H
#define APEDGED_NLSOCK_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

struct loop;
struct nl_msg;
struct nlsock;

struct nlsock_ops {
	/* The prefix of the log lines. */
	const char *name;
	/* What the overrun's log line says follows ("resynchronising"). */
	const char *overrun_action;
	/* One datagram from the kernel. */
	void (*datagram)(void *data, const uint8_t *buf, size_t len);
	/* Messages were lost: ask again for what matters. */
	void (*resync)(void *data);
};

/* NULL with errno set (and the cause logged) on failure. */
struct nlsock *nlsock_open(struct loop *loop, const struct nlsock_ops *ops,
			   void *data);
void nlsock_close(struct nlsock *s);

/*
 * Send msg, which is freed (NULL: -ENOMEM); its sequence number in *seq
 * unless seq is NULL.  0, or -EIO (logged).
 */
int nlsock_send(struct nlsock *s, struct nl_msg *msg, uint32_t *seq);

/*
 * Send the len bytes of a request built with lib/amsg.h (port and
 * sequence number left 0, filled in here); len 0 (it did not fit) is
 * -EMSGSIZE.  As nlsock_send() otherwise.
 */
int nlsock_send_bytes(struct nlsock *s, const void *buf, size_t len,
		      uint32_t *seq);

/* Join or leave a multicast group; 0 or a libnl error (nl_geterror()). */
int nlsock_join(struct nlsock *s, uint32_t group);
void nlsock_leave(struct nlsock *s, uint32_t group);

/*
 * Call fn for each message of a datagram, with its header, leaving out
 * NLMSG_NOOP and NLMSG_OVERRUN.  A datagram that is not whole messages
 * is logged, with name as prefix, after those messages before the fault.
 */
void nlsock_walk(const char *name, const uint8_t *buf, size_t len,
		 void (*fn)(void *data, const uint8_t *msg, size_t len,
			    const struct nlmsghdr *nlh),
		 void *data);

#endif
