/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Station contexts and the module's bindings, both ways (pure state, no
 * I/O):
 *
 * - Filling: before the old AP answers a MOVE-notify, the daemon dumps the
 *   module's binding table; the stations waiting for that dump collect
 *   their bindings (matched on MAC) into a context block.  A station that
 *   asks while a dump is under way waits for the next one, since the one
 *   running may have passed its bindings already.
 * - Applying: the new AP turns a fetched context back into bindings
 *   (ctxbind_each_addr()).  Each address is first asked for with
 *   binding-get, and added with binding-add only when the module has no
 *   binding of it or one of the same station (ctxbind_may_add()): a
 *   context never takes another station's address away, the gateway's
 *   included.  The requests between the two are kept in a table of
 *   CTXBIND_REQS_MAX (ctxbind_req_new()); when it is full the address is
 *   skipped.
 *
 * Lease seconds map to binding lifetimes: a permanent binding becomes
 * IAPP_LEASE_INFINITE, a lifetime of 0 (about to expire) is left out.
 */
#ifndef APEDGED_CTXBIND_H
#define APEDGED_CTXBIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <net/if.h>

#include "iapp/iapp.h"
#include "lib/amsg.h"

#define IAPP_LEASE_INFINITE	0xffffffffu	/* as in DHCP */
#define CTXBIND_WAITERS_MAX	IAPP_TCP_CONNS_MAX

struct ctxbind_waiter {
	bool used;
	bool in_dump;			/* collecting from the running dump */
	uint8_t mac[MAC_LEN];
	struct iapp_ctx ctx;		/* addresses only */
};

/* The binding-get and binding-add of one address of a context. */
#define CTXBIND_REQS_MAX	256

struct ctxbind_req {
	bool used;
	uint8_t mac[MAC_LEN];		/* the station's */
	char ifname[IFNAMSIZ];		/* its port */
	int af;
	uint8_t addr[16];
	uint32_t lifetime;		/* IAPP_LEASE_INFINITE: permanent */
	void *owner;			/* the caller's */
};

struct ctxbind {
	struct ctxbind_waiter w[CTXBIND_WAITERS_MAX];
	struct ctxbind_req req[CTXBIND_REQS_MAX];
};

/* mac waits for the next dump; 0, or -ENOSPC when too many wait. */
int ctxbind_want(struct ctxbind *cb, const uint8_t mac[MAC_LEN]);
/* A dump starts: the waiters join it.  false when none waits. */
bool ctxbind_start(struct ctxbind *cb);
/* One binding of the running dump. */
void ctxbind_binding(struct ctxbind *cb, const struct amsg_binding *b);
/*
 * The running dump ended (error 0) or failed: fn gets each of its waiters'
 * MAC and context (NULL on failure), and they are dropped.  Returns
 * whether others still wait (for a next dump).
 */
bool ctxbind_finish(struct ctxbind *cb, int error,
		    void (*fn)(const uint8_t mac[MAC_LEN],
			       const struct iapp_ctx *ctx, void *data),
		    void *data);

/*
 * The running dump was refused before it began (-EBUSY: the socket's
 * other dump still ran): its waiters wait again, with what they had
 * collected cleared, and none is answered.  Returns whether any waits.
 */
bool ctxbind_requeue(struct ctxbind *cb);
/* Whether a station waits for a dump that has not begun. */
bool ctxbind_waiting(const struct ctxbind *cb);

/*
 * fn for each address of ctx with a lease left (0 is skipped and counted
 * in the return value): af, address, lifetime (IAPP_LEASE_INFINITE:
 * permanent).
 */
unsigned int ctxbind_each_addr(const struct iapp_ctx *ctx,
			       void (*fn)(int af, const uint8_t *addr,
					  uint32_t lifetime, void *data),
			       void *data);

/* A free request, filled in; NULL when CTXBIND_REQS_MAX are in flight. */
struct ctxbind_req *ctxbind_req_new(struct ctxbind *cb,
				    const uint8_t mac[MAC_LEN],
				    const char *ifname, int af,
				    const uint8_t *addr, uint32_t lifetime);
void ctxbind_req_free(struct ctxbind_req *q);

/*
 * Whether q's address may be bound to q's station, given the module's
 * binding of it (NULL: none): only when it has none or that station's.
 */
bool ctxbind_may_add(const struct ctxbind_req *q,
		     const struct amsg_binding *b);

#endif
