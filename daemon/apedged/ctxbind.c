// SPDX-License-Identifier: GPL-2.0
/*
 * Station contexts from and to the module's bindings.  See ctxbind.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "apedged/ctxbind.h"

int ctxbind_want(struct ctxbind *cb, const uint8_t mac[MAC_LEN])
{
	struct ctxbind_waiter *free_w = NULL;
	size_t i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		struct ctxbind_waiter *w = &cb->w[i];

		if (w->used && !w->in_dump && !memcmp(w->mac, mac, MAC_LEN))
			return 0;	/* waits for the next one already */
		if (!w->used && !free_w)
			free_w = w;
	}
	if (!free_w)
		return -ENOSPC;
	memset(free_w, 0, sizeof(*free_w));
	free_w->used = true;
	memcpy(free_w->mac, mac, MAC_LEN);
	return 0;
}

bool ctxbind_start(struct ctxbind *cb)
{
	bool any = false;
	size_t i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		if (!cb->w[i].used)
			continue;
		cb->w[i].in_dump = true;
		any = true;
	}
	return any;
}

static void add_addr(struct iapp_ctx *ctx, const struct amsg_binding *b,
		     uint32_t lease)
{
	unsigned int i;

	if (b->af == AF_INET) {
		for (i = 0; i < ctx->n_ipv4; i++)
			if (!memcmp(ctx->ipv4[i].addr, b->addr, 4))
				break;
		if (i == IAPP_CTX_ADDRS_MAX)
			return;
		if (i == ctx->n_ipv4)
			ctx->n_ipv4++;
		memcpy(ctx->ipv4[i].addr, b->addr, 4);
		ctx->ipv4[i].lease = lease;
	} else if (b->af == AF_INET6) {
		for (i = 0; i < ctx->n_ipv6; i++)
			if (!memcmp(ctx->ipv6[i].addr, b->addr, 16))
				break;
		if (i == IAPP_CTX_ADDRS_MAX)
			return;
		if (i == ctx->n_ipv6)
			ctx->n_ipv6++;
		memcpy(ctx->ipv6[i].addr, b->addr, 16);
		ctx->ipv6[i].lease = lease;
	}
}

void ctxbind_binding(struct ctxbind *cb, const struct amsg_binding *b)
{
	uint32_t lease = b->permanent ? IAPP_LEASE_INFINITE : b->lifetime;
	size_t i;

	if (!lease)
		return;		/* expiring: not worth carrying */
	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		struct ctxbind_waiter *w = &cb->w[i];

		if (w->used && w->in_dump && !memcmp(w->mac, b->mac, MAC_LEN))
			add_addr(&w->ctx, b, lease);
	}
}

bool ctxbind_finish(struct ctxbind *cb, int error,
		    void (*fn)(const uint8_t mac[MAC_LEN],
			       const struct iapp_ctx *ctx, void *data),
		    void *data)
{
	size_t i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		struct ctxbind_waiter w = cb->w[i];

		if (!w.used || !w.in_dump)
			continue;
		/* Dropped first: fn may ask again. */
		memset(&cb->w[i], 0, sizeof(cb->w[i]));
		fn(w.mac, error ? NULL : &w.ctx, data);
	}
	return ctxbind_waiting(cb);
}

bool ctxbind_requeue(struct ctxbind *cb)
{
	bool any = false;
	size_t i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++) {
		struct ctxbind_waiter *w = &cb->w[i];

		if (!w->used)
			continue;
		w->in_dump = false;
		memset(&w->ctx, 0, sizeof(w->ctx));
		any = true;
	}
	return any;
}

bool ctxbind_waiting(const struct ctxbind *cb)
{
	size_t i;

	for (i = 0; i < CTXBIND_WAITERS_MAX; i++)
		if (cb->w[i].used && !cb->w[i].in_dump)
			return true;
	return false;
}

unsigned int ctxbind_each_addr(const struct iapp_ctx *ctx,
			       void (*fn)(int af, const uint8_t *addr,
					  uint32_t lifetime, void *data),
			       void *data)
{
	unsigned int i, skipped = 0;

	for (i = 0; i < ctx->n_ipv4 && i < IAPP_CTX_ADDRS_MAX; i++) {
		if (!ctx->ipv4[i].lease)
			skipped++;
		else
			fn(AF_INET, ctx->ipv4[i].addr, ctx->ipv4[i].lease,
			   data);
	}
	for (i = 0; i < ctx->n_ipv6 && i < IAPP_CTX_ADDRS_MAX; i++) {
		if (!ctx->ipv6[i].lease)
			skipped++;
		else
			fn(AF_INET6, ctx->ipv6[i].addr, ctx->ipv6[i].lease,
			   data);
	}
	return skipped;
}

struct ctxbind_req *ctxbind_req_new(struct ctxbind *cb,
				    const uint8_t mac[MAC_LEN],
				    const char *ifname, int af,
				    const uint8_t *addr, uint32_t lifetime)
{
	size_t i;

	for (i = 0; i < CTXBIND_REQS_MAX; i++) {
		struct ctxbind_req *q = &cb->req[i];

		if (q->used)
			continue;
		memset(q, 0, sizeof(*q));
		q->used = true;
		memcpy(q->mac, mac, MAC_LEN);
		snprintf(q->ifname, sizeof(q->ifname), "%s", ifname);
		q->af = af;
		memcpy(q->addr, addr, af == AF_INET ? 4 : 16);
		q->lifetime = lifetime;
		return q;
	}
	return NULL;
}

void ctxbind_req_free(struct ctxbind_req *q)
{
	memset(q, 0, sizeof(*q));
}

bool ctxbind_may_add(const struct ctxbind_req *q,
		     const struct amsg_binding *b)
{
	return !b || !memcmp(b->mac, q->mac, MAC_LEN);
}
