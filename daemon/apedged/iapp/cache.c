// SPDX-License-Identifier: GPL-2.0
/* The CACHE-notify table.  See cache.h. */
#include <string.h>

#include "iapp/cache.h"

void iapp_cache_store(struct iapp_cache *c, const uint8_t mac[MAC_LEN],
		      uint16_t seq, const struct iapp_ctx *ctx,
		      uint64_t expires_ms, uint64_t now_ms)
{
	struct iapp_cache_entry *e = NULL, *victim = NULL;
	unsigned int i;

	for (i = 0; i < IAPP_CACHE_MAX; i++) {
		struct iapp_cache_entry *x = &c->e[i];

		if (x->used && !memcmp(x->mac, mac, MAC_LEN)) {
			e = x;
			break;
		}
		if (!x->used || x->expires_ms <= now_ms) {
			if (!victim || victim->used)
				victim = x;
		} else if (!victim || (victim->used &&
				       x->expires_ms < victim->expires_ms)) {
			victim = x;
		}
	}
	if (!e)
		e = victim;
	e->used = true;
	memcpy(e->mac, mac, MAC_LEN);
	e->seq = seq;
	e->expires_ms = expires_ms;
	e->ctx = *ctx;
}

struct iapp_cache_entry *iapp_cache_find(struct iapp_cache *c,
					 const uint8_t mac[MAC_LEN],
					 uint64_t now_ms)
{
	unsigned int i;

	for (i = 0; i < IAPP_CACHE_MAX; i++) {
		struct iapp_cache_entry *x = &c->e[i];

		if (x->used && x->expires_ms <= now_ms)
			x->used = false;
		if (x->used && !memcmp(x->mac, mac, MAC_LEN))
			return x;
	}
	return NULL;
}

size_t iapp_cache_count(const struct iapp_cache *c, uint64_t now_ms)
{
	size_t i, n = 0;

	for (i = 0; i < IAPP_CACHE_MAX; i++)
		if (c->e[i].used && c->e[i].expires_ms > now_ms)
			n++;
	return n;
}
