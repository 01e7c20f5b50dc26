// SPDX-License-Identifier: GPL-2.0
/* The replay cache of signed IAPP messages.  See replay.h. */
#include <string.h>

#include "iapp/replay.h"

void iapp_replay_init(struct iapp_replay *r)
{
	memset(r, 0, sizeof(*r));
}

static bool live(const struct iapp_replay_entry *e, uint64_t now_ms)
{
	return e->used && e->until_ms >= now_ms;
}

enum iapp_replay_verdict iapp_replay_check(struct iapp_replay *r,
					   const uint8_t tag[IAPP_AUTH_TAG_LEN],
					   uint64_t msg_ms, uint64_t now_ms,
					   uint64_t window_ms)
{
	struct iapp_replay_entry *room = NULL;
	size_t i;

	/* Written so that nothing overflows, whatever msg_ms says. */
	if (msg_ms > now_ms ? msg_ms - now_ms > window_ms :
			      now_ms - msg_ms > window_ms)
		return IAPP_REPLAY_STALE;
	for (i = 0; i < IAPP_REPLAY_MAX; i++) {
		struct iapp_replay_entry *e = &r->e[i];

		if (!live(e, now_ms)) {
			if (!room)
				room = e;
			continue;
		}
		if (!memcmp(e->tag, tag, IAPP_AUTH_TAG_LEN))
			return IAPP_REPLAY_SEEN;
	}
	if (!room)
		return IAPP_REPLAY_FULL;
	/* Live for as long as the time check would let it in. */
	room->used = true;
	room->until_ms = msg_ms > UINT64_MAX - window_ms ? UINT64_MAX :
			 msg_ms + window_ms;
	memcpy(room->tag, tag, IAPP_AUTH_TAG_LEN);
	return IAPP_REPLAY_FRESH;
}

unsigned int iapp_replay_count(const struct iapp_replay *r, uint64_t now_ms)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < IAPP_REPLAY_MAX; i++)
		if (live(&r->e[i], now_ms))
			n++;
	return n;
}

const char *iapp_replay_verdict_name(enum iapp_replay_verdict v)
{
	switch (v) {
	case IAPP_REPLAY_FRESH:
		return "fresh";
	case IAPP_REPLAY_STALE:
		return "stale";
	case IAPP_REPLAY_SEEN:
		return "replayed";
	case IAPP_REPLAY_FULL:
		return "full";
	}
	return "unknown";
}
