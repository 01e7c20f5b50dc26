/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket server; the protocol is in common/ctrl.h.
 *
 * A SOCK_SEQPACKET Unix socket, mode 0600, in a directory created when
 * missing.  Each client sends one request per packet and gets one reply
 * per packet; a client that does not read its reply is not read from
 * until it does.  All of it is non-blocking and runs from the loop.
 */
#ifndef APEDGED_CONTROL_H
#define APEDGED_CONTROL_H

#include "lib/strbuf.h"

struct loop;
struct ctrl_server;

#define CTRL_CLIENTS_MAX 16
#define CTRL_ARGS_MAX 16

/*
 * Handle one request of argc (>= 1) words; write the whole reply into
 * reply with ctrl_reply_ok() and JSON, or with ctrl_reply_error().
 */
typedef void (*ctrl_request_fn)(int argc, char **argv, struct strbuf *reply,
				void *data);

/* Listen on path; NULL with *err set to -errno (and the reason logged). */
struct ctrl_server *ctrl_server_new(struct loop *loop, const char *path,
				    ctrl_request_fn fn, void *data, int *err);
/* Close every client and the socket, and remove its path. */
void ctrl_server_free(struct ctrl_server *srv);
const char *ctrl_server_path(const struct ctrl_server *srv);

/*
 * Split a request packet of len bytes into words, in place; req must have
 * room for len + 1 bytes.  A trailing newline (or CRLF) is allowed.  Returns the number of words, -E2BIG for more than
 * max, or -EINVAL for a NUL or other control character.
 */
int ctrl_split(char *req, size_t len, char **argv, int max);

/* Start the reply with "ok"; the JSON object is to be appended. */
void ctrl_reply_ok(struct strbuf *reply);
/* Replace the reply with "error <message>". */
void ctrl_reply_error(struct strbuf *reply, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Build the reply to one request packet (req as for ctrl_split()). */
void ctrl_handle_request(char *req, size_t len, ctrl_request_fn fn,
			 void *data, struct strbuf *reply);

#endif
