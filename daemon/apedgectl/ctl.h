/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client side of apedged's control sockets (see lib/ctrl.h).
 */
#ifndef APEDGECTL_CTL_H
#define APEDGECTL_CTL_H

#include <stddef.h>

/* How long apedgectl waits for each packet of a reply. */
#define ACTL_CTL_TIMEOUT_MS 5000

/*
 * Split a reply packet: 1 for "ok" with body pointing at the JSON after
 * the first line, 0 for "error" with body at its message, -1 if malformed.
 * Pure; reply must be NUL-terminated.
 */
int actl_ctl_split(char *reply, const char **body);

/*
 * Connect to the daemon's socket at path or, when its mode keeps us out
 * (EACCES: not root), to the read-only socket beside it, where the
 * daemon answers what may be read.  A connected socket, or -errno.
 */
int actl_ctl_connect(const char *path);

/*
 * Send one request and read its reply, in as many parts as it comes, into
 * *reply (malloc()ed, NUL-terminated: "ok\n" and the JSON, or "error
 * ..."; the caller frees it).  0, or -errno: -EPROTO for a reply that
 * breaks the protocol, -EMSGSIZE for one over APEDGE_CTRL_REPLY_MAX,
 * -ETIMEDOUT, -ECONNRESET when the daemon closed first (too many
 * clients).
 */
int actl_ctl_call(const char *path, const char *request, char **reply);

/* The same on a connected socket (left open). */
int actl_ctl_talk(int fd, const char *request, char **reply);

/* Why a call to the daemon at path failed, on stderr: "apedgectl: WHAT: ..." */
void actl_ctl_report(const char *what, const char *path, int err);

#endif
