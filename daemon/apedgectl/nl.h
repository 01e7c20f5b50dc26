/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's netlink socket (libmnl): looking the family up, one request
 * and its replies, and the events group.  Requests are built, and replies
 * parsed, by the family's codec, lib/amsg.h.
 */
#ifndef APEDGECTL_NL_H
#define APEDGECTL_NL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct mnl_socket;

struct actl_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t events_grp;
	uint32_t punt_grp;	/* 0 if the module has no punt group */
	uint32_t seq;
	uint8_t *buf;		/* one receive buffer */
	/* The last error: negative errno and the kernel's extack text. */
	int err;
	char ext[256];
};

/* Called for every reply message that is not an error or the end. */
typedef int (*actl_reply_fn)(const void *msg, size_t len, void *data);

/*
 * Open the socket and look the family up.  -ENOENT if the apedge family
 * is not registered (the module is not loaded).
 */
int actl_nl_open(struct actl_nl *nl);
/* The same for any family, and the id of its multicast group group. */
int actl_nl_open_family(struct actl_nl *nl, const char *family,
			const char *group);
void actl_nl_close(struct actl_nl *nl);

/*
 * Send the len bytes of req (built with lib/amsg.h, 4-byte aligned; its
 * sequence number and port are filled in here) and read the replies
 * until the ACK, the error or the end of the dump; fn sees each reply.
 * Returns 0 or a negative errno, with the extack text in nl->ext.  A
 * malformed reply, or fn's -1, ends it with -EPROTO.
 */
int actl_nl_talk(struct actl_nl *nl, void *req, size_t len,
		 actl_reply_fn fn, void *data);

/*
 * Join the events group and call fn for each event, and with a NULL
 * message when events were lost, until fn returns -1 (then 0) or a
 * signal arrives (then 0 too).  The signals that end it must be blocked
 * by the caller and absent from waitmask, the mask used while waiting.
 * -EIDRM when the family goes away (its module was unloaded),
 * -EOPNOTSUPP if it has no events group.
 */
int actl_nl_listen(struct actl_nl *nl, actl_reply_fn fn, void *data,
		   const sigset_t *waitmask);

#endif
