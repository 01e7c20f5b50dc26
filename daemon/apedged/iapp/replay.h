/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The replay cache of signed IAPP messages: pure state, no clock (the
 * caller passes the time in).
 *
 * A signed message carries its sender's wall-clock time under the HMAC
 * (the version 1 trailer, iapp/wire.h).  It is taken only when that time
 * is within the window of ours, and only once: the tag (the HMAC) of each
 * message taken is kept until the message's time has left the window, so
 * that the same bytes sent again within the window are refused as well.
 * After that, the time check refuses them.
 *
 * The cache is keyed by the tag, not by the sender's address: whoever
 * replays a captured datagram can put any source address on it.  Only
 * messages whose HMAC verified are entered, so only key holders can fill
 * it; when it is full of live tags the message is refused (fail closed)
 * and counted.  IAPP_REPLAY_MAX tags in a 30 s window is some 34 signed
 * messages a second from the whole ESS, far above what roaming makes.
 */
#ifndef APEDGED_IAPP_REPLAY_H
#define APEDGED_IAPP_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "iapp/wire.h"

#define IAPP_REPLAY_MAX		1024	/* tags remembered */

enum iapp_replay_verdict {
	IAPP_REPLAY_FRESH,	/* taken: its tag is remembered */
	IAPP_REPLAY_STALE,	/* its time is outside the window */
	IAPP_REPLAY_SEEN,	/* the same tag within the window: a replay */
	IAPP_REPLAY_FULL,	/* no room for its tag: refused */
};

struct iapp_replay_entry {
	bool used;
	uint64_t until_ms;		/* live until then */
	uint8_t tag[IAPP_AUTH_TAG_LEN];
};

struct iapp_replay {
	struct iapp_replay_entry e[IAPP_REPLAY_MAX];
};

void iapp_replay_init(struct iapp_replay *r);

/*
 * A message signed at msg_ms with tag arrived at now_ms (both wall clock,
 * ms since the epoch): fresh when |now_ms - msg_ms| <= window_ms and its
 * tag is not among those remembered; a fresh tag is remembered until
 * msg_ms + window_ms.
 */
enum iapp_replay_verdict iapp_replay_check(struct iapp_replay *r,
					   const uint8_t tag[IAPP_AUTH_TAG_LEN],
					   uint64_t msg_ms, uint64_t now_ms,
					   uint64_t window_ms);

/* Tags remembered and still live at now_ms. */
unsigned int iapp_replay_count(const struct iapp_replay *r, uint64_t now_ms);

const char *iapp_replay_verdict_name(enum iapp_replay_verdict v);

#endif
