/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection to the apedge generic netlink family.
 *
 * One non-blocking netlink socket, watched by the loop, joined to nlctrl's
 * "notify" group (to see the family come and go) and, while connected, to
 * apedge's "events" group.  The family is looked up with a dump of nlctrl's
 * families, which unlike a get-family request never makes the kernel try
 * to load a module.  While the family is absent the lookup is repeated
 * every AGENL_RETRY_MS, and a new-family notification cuts the wait short.
 *
 * Requests are sent without waiting; their acknowledgements come back
 * through the loop and are matched on sequence number.  Each request
 * carries its own completion (a function and its data), so that an
 * answer goes to whoever asked: it is called once, from a deferred call
 * (loop_defer()), never from within the call that sent the request, with
 * the module's answer (0 or -errno, and its extack message), -ENOTCONN
 * when the module went away first, or -EIO when answers were lost (a
 * receive buffer overrun).  port-add and port-del, the root's own
 * bookkeeping, answer to ops->port_result; so does a request sent with no
 * completion function.
 */
#ifndef APEDGED_GENL_H
#define APEDGED_GENL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/amsg.h"

struct loop;
struct agenl;

#define AGENL_RETRY_MS 2000
#define AGENL_DUMP_STALE_MS 2000

enum agenl_state {
	APEDGED_NL_ABSENT,	/* family not registered (or not yet known) */
	APEDGED_NL_CONNECTED,	/* family known, events group joined */
};

/* A request's completion: see above. */
typedef void (*agenl_done_fn)(int error, const char *ext_msg, void *data);
/*
 * binding-get's: b is the address's binding (error 0), or NULL with the
 * error (-ENOENT: the address has none).
 */
typedef void (*agenl_binding_fn)(int error, const struct amsg_binding *b,
				 const char *ext_msg, void *data);

struct agenl_ops {
	/* Connected, or reconnected: (re)apply the configuration. */
	void (*connected)(void *data);
	/* The family went away; nothing is attached any more. */
	void (*disconnected)(void *data);
	void (*port_event)(const struct amsg_port *ev, void *data);
	/*
	 * A port the module already had when the daemon connected (a port
	 * dump sent on each connect), whoever attached it.
	 */
	void (*port_listed)(const struct amsg_port *port, void *data);
	/*
	 * The module relayed mac80211's Layer-2 Update of a station it found
	 * authorized on a port with l2update-relay (sta-authorized-ntf).
	 */
	void (*sta_authorized)(const struct amsg_sta_auth *ev, void *data);
	/*
	 * The answer to agenl_port_add() or agenl_port_del(), or to a
	 * request sent without a completion function; deferred, as above.
	 */
	void (*port_result)(uint8_t cmd, const char *ifname, int error,
			    const char *ext_msg, void *data);
	/* One binding of the dump agenl_binding_dump() started. */
	void (*binding)(const struct amsg_binding *b, void *data);
	/*
	 * That dump ended: 0, its error, -ENOTCONN (the module went away),
	 * -EIO (messages were lost) or -ETIMEDOUT (no end in
	 * AGENL_DUMP_STALE_MS, noticed at the next agenl_binding_dump()).
	 * Deferred, as above; until it has been called, the dump is still
	 * running for agenl_binding_dump().
	 */
	void (*binding_dump_done)(int error, void *data);
	/*
	 * The module's 802.1X events (kmod/auth.c), for the authenticator:
	 * ev->cmd APEDGE_CMD_AUTH_UNAUTH_SEEN, a frame other than EAPOL from
	 * the source ev->mac, which the port ev->ifindex has not authorized
	 * (the start of MAC authentication bypass; the module sends it at
	 * most once in 10 s per source and 20 a second in all); or
	 * APEDGE_CMD_AUTH_CHANGED, an auth-set of the port (no mac) or of
	 * the station ev->mac, whoever sent it, ev->authorized its result.
	 */
	void (*auth_event)(const struct amsg_auth *ev, void *data);
};

struct agenl *agenl_new(struct loop *loop, const struct agenl_ops *ops,
			void *data);
/* Open the socket and start looking for the family; 0 or -errno. */
int agenl_start(struct agenl *nl);
void agenl_free(struct agenl *nl);

enum agenl_state agenl_get_state(const struct agenl *nl);
const char *agenl_state_name(enum agenl_state state);
/* 0 while absent. */
uint16_t agenl_family_id(const struct agenl *nl);
/* The module's version string, "" when not (yet) known. */
const char *agenl_module_version(const struct agenl *nl);

/*
 * Act on one datagram received from the kernel.  The socket's callback
 * calls it; tests call it to play the kernel's part.
 */
void agenl_handle_datagram(struct agenl *nl, const uint8_t *buf, size_t len);

/* Send port-add / port-del; 0, -ENOTCONN when absent, or -errno. */
int agenl_port_add(struct agenl *nl, const char *ifname, uint32_t role);
/* port-add with every attribute port gives (ifname required). */
int agenl_port_add_port(struct agenl *nl, const struct amsg_port *port);
int agenl_port_del(struct agenl *nl, const char *ifname);
/*
 * Send xid-send on ifname for sta (vlan 0 untagged; count 0 and 1 one
 * frame, interval_ms only with a burst); 0, -ENOTCONN when absent, or
 * -errno (and then done is never called).  Its answer goes to done(data),
 * or with a NULL done to ops->port_result with APEDGE_CMD_XID_SEND.
 */
int agenl_xid_send(struct agenl *nl, const char *ifname,
		   const uint8_t sta[6], uint32_t mode, uint16_t vlan,
		   uint32_t count, uint32_t interval_ms, agenl_done_fn done,
		   void *data);
/*
 * binding-add of addr (af AF_INET: 4 bytes, AF_INET6: 16) for mac on the
 * port ifname, lifetime in seconds (0: for ever); as agenl_xid_send(), with
 * APEDGE_CMD_BINDING_ADD.
 */
int agenl_binding_add(struct agenl *nl, int af, const uint8_t *addr,
		      const uint8_t mac[6], const char *ifname,
		      uint32_t lifetime, agenl_done_fn done, void *data);
/*
 * binding-add of everything b gives (an IPv6 prefix with plen, an origin,
 * the port by b->ifname); as agenl_xid_send().
 */
int agenl_binding_set(struct agenl *nl, const struct amsg_binding *b,
		      agenl_done_fn done, void *data);
/* binding-del of addr, or of the prefix addr/plen (plen not 0); as above. */
int agenl_binding_del(struct agenl *nl, int af, const uint8_t *addr,
		      uint8_t plen, agenl_done_fn done, void *data);
/*
 * binding-move: every binding of mac on the port from moves to the port
 * to; as agenl_xid_send(), with APEDGE_CMD_BINDING_MOVE.
 */
int agenl_binding_move(struct agenl *nl, const uint8_t mac[6],
		       const char *from, const char *to, agenl_done_fn done,
		       void *data);
/*
 * binding-get of addr (af AF_INET: 4 bytes, AF_INET6: 16); 0, -ENOTCONN
 * when absent, or -errno (and then got is never called).  Its answer goes
 * to got(data).
 */
int agenl_binding_get(struct agenl *nl, int af, const uint8_t *addr,
		      agenl_binding_fn got, void *data);
/*
 * auth-set: authorize (or not) the port ifname in port mode (mac NULL),
 * or the station mac behind it in mac mode; with mac NULL and authorized
 * false on a mac-mode port, every station of the port is unauthorized.
 * As agenl_xid_send(), with APEDGE_CMD_AUTH_SET.
 */
int agenl_auth_set(struct agenl *nl, const char *ifname, const uint8_t *mac,
		   bool authorized, agenl_done_fn done, void *data);
/* The sequence number of the last request sent (for tests). */
uint32_t agenl_last_seq(const struct agenl *nl);
/*
 * Dump the module's bindings to ops->binding, then ops->binding_dump_done;
 * 0, -ENOTCONN when absent, -EBUSY while one runs, or -errno.  The done
 * callback's error is -EAGAIN when the table changed during the dump
 * (up to AGENL_DUMP_INTR_MAX times in a row; then 0 with what came).
 */
#define AGENL_DUMP_INTR_MAX	3
int agenl_binding_dump(struct agenl *nl);

#endif
