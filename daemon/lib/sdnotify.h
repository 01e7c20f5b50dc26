/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Telling the service manager how the daemon is doing, without libsystemd:
 * the datagram protocol of sd_notify(3).  A manager that wants to know
 * puts the address of a datagram socket in $NOTIFY_SOCKET (an absolute
 * path, or '@' and the name of an abstract socket); each notification is
 * one datagram of newline-separated KEY=VALUE lines.  Without the
 * variable every call does nothing, so the daemon calls them
 * unconditionally.
 *
 * apedged sends READY=1 once it serves requests and again after each
 * reload, RELOADING=1 with MONOTONIC_USEC= (what systemd's Type=notify-reload
 * wants; older managers ignore the extra line) when a reload begins,
 * STOPPING=1 when it begins to shut down, and STATUS= lines for
 * "systemctl status".
 */
#ifndef APEDGE_LIB_SDNOTIFY_H
#define APEDGE_LIB_SDNOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

/* The longest notification sent, its newline-separated lines included. */
#define SDNOTIFY_MSG_MAX 512

/*
 * The socket address that a $NOTIFY_SOCKET value names: 0, with *len the
 * length to give to sendto(); -EINVAL for a relative path, an empty name
 * or one too long for sun_path; -EAFNOSUPPORT for other kinds of address
 * (systemd 254 and later also accept "vsock:CID:PORT").
 */
int sdnotify_addr(const char *value, struct sockaddr_un *sa, socklen_t *len);

/*
 * The text of the RELOADING notification at CLOCK_MONOTONIC time
 * now_usec, written to buf; its length, or 0 when it does not fit.
 */
size_t sdnotify_reloading_msg(char *buf, size_t size, uint64_t now_usec);

/*
 * Send state (one or more KEY=VALUE lines) to $NOTIFY_SOCKET: 1 when it
 * was sent, 0 when the variable is not set, -errno when the address is
 * bad or sending failed.
 */
int sdnotify(const char *state);

/* READY=1, with a STATUS= line when status is not NULL. */
int sdnotify_ready(const char *status);
/* RELOADING=1 and MONOTONIC_USEC= the current CLOCK_MONOTONIC time. */
int sdnotify_reloading(void);
/* STOPPING=1. */
int sdnotify_stopping(void);
/* STATUS=, formatted; cut at SDNOTIFY_MSG_MAX. */
int sdnotify_status(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
