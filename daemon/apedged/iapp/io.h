/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IAPP engine's I/O: the only file of iapp/ that opens sockets or arms
 * timers.  It decides nothing; what comes in goes to the engine (iapp.c)
 * through struct iapp_io_ops:
 *
 * - UDP: the socket bound to the IAPP port and interface, joined to the
 *   group 224.0.1.178 (ADD-notify in and out);
 * - TCP: the listening socket and the connections, accepted (MOVE- and
 *   CACHE-notify in) or ours (MOVE- and CACHE-notify out), each framed
 *   into whole messages with iapp_stream_need(), with a deadline timer
 *   (IAPP_TCP_TIMEOUT_MS for an accepted one, until the engine sets it);
 * - the IAPP interface's coming and going, from the interface watcher
 *   (lib/netif.h): it listens once the interface is there;
 * - the engine's timers: reopening the sockets, the periodic tick;
 * - deferred calls (loop_defer()): a connection that was paused resumes
 *   reading, and the engine's own deferred work runs, only once the
 *   current callback has returned.
 *
 * Callbacks into the engine come from the loop, never from within a call
 * the engine made: iapp_io_conn_close() frees without calling ended(),
 * iapp_io_connect() reports a failure by its return value, and
 * iapp_io_conn_resume() reads on from a deferred call.
 */
#ifndef APEDGED_IAPP_IO_H
#define APEDGED_IAPP_IO_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iapp/config.h"
#include "iapp/wire.h"
#include "lib/list.h"

struct loop;
struct netif;
struct loop_watch;
struct loop_timer;
struct iapp_io;

/* The most bytes of one message on the wire: header, body, trailer. */
#define IAPP_WIRE_MAX		(IAPP_MSG_MAX + IAPP_AUTH_LEN)
#define IAPP_TCP_TIMEOUT_MS	5000	/* a server connection's idle limit */
#define IAPP_TCP_CONNS_MAX	16	/* TCP connections, each way */
#define IAPP_RETRY_MS		2000	/* reopening the sockets */
#define IAPP_TICK_MS		60000	/* ops.tick */

enum iapp_conn_kind {
	IAPP_CONN_SERVER,	/* accepted: MOVE- and CACHE-notify come in */
	IAPP_CONN_MOVE,		/* ours: MOVE-notify out, response in */
	IAPP_CONN_CACHE,	/* ours: CACHE-notify out, response in */
};

/* How a connection ended (ops.ended). */
enum iapp_conn_end {
	IAPP_CONN_END_ERROR,	/* connect, send or receive failed */
	IAPP_CONN_END_EOF,	/* the peer closed between messages */
	IAPP_CONN_END_EOF_MID,	/* the peer closed in a message */
	IAPP_CONN_END_TIMEOUT,	/* its deadline passed */
	IAPP_CONN_END_CLOSED,	/* ops.message said so, or a bad stream */
};

/* One TCP connection. */
struct iapp_conn {
	/* The engine's. */
	enum iapp_conn_kind kind;
	struct in_addr addr;
	char peer[INET_ADDRSTRLEN];
	uint8_t mac[MAC_LEN];		/* a client's station */
	bool answered;			/* a client got its response */
	bool filling;			/* a server waits for ops.ctx_fill */
	bool filled;			/* ... whose answer has come */
	bool fill_ok;			/* ... with fill_ctx (else none) */
	struct iapp_msg req;		/* the MOVE-notify to answer */
	struct iapp_ctx fill_ctx;

	/* io's. */
	struct list node;
	struct iapp_io *io;
	int fd;
	struct loop_watch *watch;
	struct loop_timer *timer;
	bool connecting;
	bool paused;			/* not reading messages */
	bool resume;			/* to read on, deferred */
	uint8_t tx_cmd;			/* of what is in tx, for ops.sent */
	size_t rx_len;
	size_t tx_len, tx_off;
	uint8_t rx[IAPP_WIRE_MAX];
	uint8_t tx[IAPP_WIRE_MAX];
};

struct iapp_io_ops {
	/*
	 * A datagram of n bytes from src; buf holds min(n, IAPP_WIRE_MAX + 1)
	 * of them.
	 */
	void (*datagram)(void *data, const uint8_t *buf, size_t n,
			 const struct in_addr *src);
	/* A TCP peer connected: true takes it, false closes it at once. */
	bool (*accept)(void *data, const struct in_addr *peer);
	/* One whole message on c, len bytes with its trailer; false: close. */
	bool (*message)(void *data, struct iapp_conn *c, const uint8_t *buf,
			size_t len);
	/* The header at the front of c's stream is bad; c is closed. */
	void (*bad_stream)(void *data, struct iapp_conn *c, enum iapp_err e);
	/* The message queued on c with command cmd has all been sent. */
	void (*sent)(void *data, struct iapp_conn *c, uint8_t cmd);
	/* c's deadline passed: true when the engine re-armed it. */
	bool (*deadline)(void *data, struct iapp_conn *c);
	/* c ends; it is freed once this returns. */
	void (*ended)(void *data, struct iapp_conn *c, enum iapp_conn_end how);
	/* Every IAPP_TICK_MS. */
	void (*tick)(void *data);
	/* What iapp_io_defer() asked for. */
	void (*deferred)(void *data);
};

/* netif: the host's interfaces and addresses; NULL opens no socket. */
struct iapp_io *iapp_io_new(struct loop *loop, struct netif *netif,
			    const struct iapp_io_ops *ops, void *data);
void iapp_io_free(struct iapp_io *io);

/*
 * Open the UDP and TCP sockets as cfg says (cfg must outlive them: the
 * engine's copy).  An absent interface is waited for (netif), another
 * failure logged and retried every IAPP_RETRY_MS.
 */
void iapp_io_open(struct iapp_io *io, const struct config_iapp *cfg);
/* Close them, and every connection (without ops.ended). */
void iapp_io_close(struct iapp_io *io);
bool iapp_io_listening(const struct iapp_io *io);

/* Multicast one datagram to the group; 0, -ENOTCONN (closed) or -errno. */
int iapp_io_send_group(struct iapp_io *io, const uint8_t *buf, size_t len);

/*
 * Connect to addr at the configured port and queue msg; the deadline is
 * timeout_ms.  NULL with *err (-errno) when that failed at once.
 */
struct iapp_conn *iapp_io_connect(struct iapp_io *io,
				  enum iapp_conn_kind kind,
				  const struct in_addr *addr,
				  const uint8_t *msg, size_t len,
				  uint64_t timeout_ms, int *err);
/* Queue msg on c and send what can be; false when c is to be closed. */
bool iapp_io_conn_send(struct iapp_conn *c, const uint8_t *msg, size_t len);
void iapp_io_conn_deadline(struct iapp_conn *c, uint64_t ms);
/* Stop taking messages off c (its peer closing is still seen). */
void iapp_io_conn_pause(struct iapp_conn *c);
/* Take them again, from a deferred call. */
void iapp_io_conn_resume(struct iapp_conn *c);
/* Close and free c now; ops.ended is not called. */
void iapp_io_conn_close(struct iapp_conn *c);

/* The connections (struct iapp_conn, node), and how many were accepted. */
struct list *iapp_io_conns(struct iapp_io *io);
size_t iapp_io_n_conns(const struct iapp_io *io);
size_t iapp_io_n_served(const struct iapp_io *io);

/*
 * Whether addr (AF_INET: 4 bytes, AF_INET6: 16) is one of this host's
 * addresses, on any interface (the interface watcher's table).
 */
bool iapp_io_addr_is_own(struct iapp_io *io, int af, const uint8_t *addr);

/* Have ops.deferred called once, after the current callback. */
void iapp_io_defer(struct iapp_io *io);

#endif
