/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control sockets' server; the protocol is in lib/ctrl.h.
 *
 * One struct ctrl holds the commands (tables of words, argument counts
 * and access levels), the access policy, the event bus and the counters;
 * each struct ctrl_server is one listening socket of it: the admin socket
 * and the read-only one.  Each client sends one request per packet and
 * gets its reply, in parts when long, before its next request is read.
 * All of it is non-blocking and runs from the loop.
 *
 * Access: a command needs CTRL_READ, CTRL_STATIONS (it reveals stations)
 * or CTRL_ADMIN (it changes something).  A peer's level is the lower of
 * its socket's (CTRL_ADMIN for the admin socket, CTRL_STATIONS for the
 * read-only one) and its credentials' (SO_PEERCRED, SO_PEERGROUPS, taken
 * at connect): CTRL_ADMIN for uid 0, the daemon's own uid and the admin
 * group; CTRL_STATIONS for the monitor group; CTRL_READ for anyone else.
 *
 * Limits: CTRL_CLIENTS_MAX per socket, CTRL_CLIENTS_PER_UID per uid that
 * is not an admin's, CTRL_IDLE_TIMEOUT_MS without a request or progress in
 * taking a reply, APEDGE_CTRL_REPLY_MAX per reply, CTRL_MONITOR_QUEUE_MAX
 * bytes of events waiting for one monitor (beyond it the monitor is cut
 * off); each refusal is counted (struct ctrl_stats).
 */
#ifndef APEDGED_CTL_H
#define APEDGED_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/ctrl.h"
#include "lib/strbuf.h"

struct events;
struct loop;
struct ctrl;
struct ctrl_server;

#define CTRL_CLIENTS_MAX	16	/* clients of one socket */
#define CTRL_CLIENTS_PER_UID	4	/* of one uid, unless an admin's */
#define CTRL_IDLE_TIMEOUT_MS	30000	/* no request and no reply taken */
#define CTRL_ARGS_MAX		APEDGE_CTRL_WORDS_MAX	/* words of a request */
#define CTRL_MONITOR_QUEUE_MAX	(256 * 1024)	/* bytes of events waiting */
#define CTRL_TABLES_MAX		8
#define CTRL_PEER_GROUPS_MAX	64	/* supplementary groups looked at */
#define CTRL_NO_GID		((gid_t)-1)

enum ctrl_access {
	CTRL_READ,		/* the daemon's state and counters */
	CTRL_STATIONS,		/* reveals stations: MACs, addresses */
	CTRL_ADMIN,		/* changes something */
};

/*
 * Handle one request; argv holds every word, the command's own included.
 * Write the whole reply with ctrl_reply_ok() and JSON, or with
 * ctrl_reply_error().
 */
typedef void (*ctrl_request_fn)(int argc, char **argv, struct strbuf *reply,
				void *data);

struct ctrl_cmd {
	const char *words;		/* "sta show" */
	const char *args;		/* for the usage line: "MAC", or NULL */
	unsigned int min_args, max_args;	/* words after the command's */
	enum ctrl_access access;
	ctrl_request_fn fn;		/* NULL: the server's own (monitor) */
};

struct ctrl_table {
	const struct ctrl_cmd *cmds;
	size_t n;
	void *data;			/* given to their fn */
};

struct ctrl_policy {
	gid_t admin_gid;	/* its members are admins; CTRL_NO_GID */
	gid_t monitor_gid;	/* its members see stations; CTRL_NO_GID */
};

/* A client's credentials, from SO_PEERCRED and SO_PEERGROUPS. */
struct ctrl_peer {
	uid_t uid;
	gid_t gid;
	pid_t pid;
	gid_t groups[CTRL_PEER_GROUPS_MAX];
	size_t n_groups;
};

struct ctrl_socket_opts {
	const char *path;
	enum ctrl_access max;	/* CTRL_ADMIN, or CTRL_STATIONS: read-only */
	mode_t mode;		/* 0600, 0660, 0666 */
	gid_t group;		/* the socket's group; CTRL_NO_GID: ours */
};

struct ctrl_stats {
	uint64_t accepted;
	uint64_t refused_busy;		/* over CTRL_CLIENTS_MAX */
	uint64_t refused_per_uid;	/* over CTRL_CLIENTS_PER_UID */
	uint64_t requests;
	uint64_t denied;		/* refused by the access policy */
	uint64_t idle_closed;		/* CTRL_IDLE_TIMEOUT_MS passed */
	uint64_t split_replies;		/* sent in parts */
	uint64_t too_large;		/* over APEDGE_CTRL_REPLY_MAX */
	uint64_t events_sent;		/* to monitors */
	uint64_t monitors_dropped;	/* over CTRL_MONITOR_QUEUE_MAX */
};

/* bus: where monitors subscribe; NULL for none. */
struct ctrl *ctrl_new(struct loop *loop, struct events *bus);
/* Frees its servers too. */
void ctrl_free(struct ctrl *c);
/* 0, or -ENOSPC beyond CTRL_TABLES_MAX. */
int ctrl_add_table(struct ctrl *c, const struct ctrl_cmd *cmds, size_t n,
		   void *data);
/* Monitors that no longer qualify are cut off. */
void ctrl_set_policy(struct ctrl *c, const struct ctrl_policy *p);
/* For tests: CTRL_IDLE_TIMEOUT_MS by default. */
void ctrl_set_idle_timeout(struct ctrl *c, uint64_t ms);
const struct ctrl_stats *ctrl_get_stats(const struct ctrl *c);
/* {"clients": N, "monitors": N, "accepted": N, ...} */
void ctrl_format_stats(const struct ctrl *c, struct strbuf *sb);

/*
 * Listen on o->path (its directory created when missing, a stale socket
 * replaced); NULL with *err set to -errno (and the reason logged).
 */
struct ctrl_server *ctrl_server_new(struct ctrl *c,
				    const struct ctrl_socket_opts *o,
				    int *err);
/* Close every client and the socket, and remove its path. */
void ctrl_server_free(struct ctrl_server *srv);
/* Change the socket's mode and group (CTRL_NO_GID: leave it); 0 or -errno. */
int ctrl_server_set_mode(struct ctrl_server *srv, mode_t mode, gid_t group);
const char *ctrl_server_path(const struct ctrl_server *srv);

/* The peer's level by its credentials alone (self: the daemon's uid). */
enum ctrl_access ctrl_peer_access(const struct ctrl_policy *p,
				  const struct ctrl_peer *peer, uid_t self);

/*
 * Split a request packet of len bytes into words, in place; req must have
 * room for len + 1 bytes.  A trailing newline (or CRLF) is allowed.
 * Returns the number of words, -E2BIG for more than max, or -EINVAL for a
 * NUL or other control character.
 */
int ctrl_split(char *req, size_t len, char **argv, int max);

/* Start the reply with "ok"; the JSON object is to be appended. */
void ctrl_reply_ok(struct strbuf *reply);
/* Replace the reply with "error <message>". */
void ctrl_reply_error(struct strbuf *reply, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Build the reply to one request packet (req as for ctrl_split()) from a
 * peer of the given level: find its command in the tables, check the
 * level and the argument count, and call it.  Returns the command (NULL
 * when none was run); for one without fn the reply is left empty, for the
 * caller to write.
 */
const struct ctrl_cmd *ctrl_handle_request(const struct ctrl_table *tables,
					   size_t n_tables, char *req,
					   size_t len, enum ctrl_access level,
					   struct strbuf *reply);

#endif
