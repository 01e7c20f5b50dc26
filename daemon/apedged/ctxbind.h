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
 * - Applying: the new AP turns a fetched context back into binding-add
 *   requests (ctxbind_each_addr()).
 *
 * Lease seconds map to binding lifetimes: a permanent binding becomes
 * IAPP_LEASE_INFINITE, a lifetime of 0 (about to expire) is left out.
 */
#ifndef APEDGED_CTXBIND_H
#define APEDGED_CTXBIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

struct ctxbind {
	struct ctxbind_waiter w[CTXBIND_WAITERS_MAX];
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
 * fn for each address of ctx with a lease left (0 is skipped and counted
 * in the return value): af, address, lifetime (IAPP_LEASE_INFINITE:
 * permanent).
 */
unsigned int ctxbind_each_addr(const struct iapp_ctx *ctx,
			       void (*fn)(int af, const uint8_t *addr,
					  uint32_t lifetime, void *data),
			       void *data);

#endif
