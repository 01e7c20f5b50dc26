/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CACHE-notify table: contexts other APs sent ahead of a station that
 * may associate here, each kept for the timeout its CACHE-notify gave.
 * Pure state, no clock: callers pass the time in.
 *
 * At most IAPP_CACHE_MAX entries; when full, a new station's entry takes
 * the place of an expired one, else of the one that expires first.  Whether
 * to store one at all is iapp_cache_decide()'s (iapp/logic.h).
 */
#ifndef APEDGED_IAPP_CACHE_H
#define APEDGED_IAPP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iapp/wire.h"
#include "lib/mac.h"

#define IAPP_CACHE_MAX		256	/* CACHE-notify entries kept */

struct iapp_cache_entry {
	bool used;
	uint8_t mac[MAC_LEN];
	uint16_t seq;
	uint64_t expires_ms;
	struct iapp_ctx ctx;
};

struct iapp_cache {
	struct iapp_cache_entry e[IAPP_CACHE_MAX];
};

/* Store (or replace) mac's context until expires_ms. */
void iapp_cache_store(struct iapp_cache *c, const uint8_t mac[MAC_LEN],
		      uint16_t seq, const struct iapp_ctx *ctx,
		      uint64_t expires_ms, uint64_t now_ms);
/* mac's live entry, or NULL; expired entries met on the way are freed. */
struct iapp_cache_entry *iapp_cache_find(struct iapp_cache *c,
					 const uint8_t mac[MAC_LEN],
					 uint64_t now_ms);
/* Live entries. */
size_t iapp_cache_count(const struct iapp_cache *c, uint64_t now_ms);

#endif
