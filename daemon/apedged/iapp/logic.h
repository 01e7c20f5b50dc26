/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IAPP engine's decisions, as pure functions of the station table's
 * entry and the message: no I/O, no state of their own.
 *
 * The rule for ADD-notify (see sta.h for how sequence numbers are made
 * comparable between APs): a station associated here is removed when, and
 * only when, the ADD-notify's sequence number is newer than that of its
 * association here.  An equal number is the same association (a duplicate
 * or a replay of an announcement) and an older one a past association:
 * both are ignored, so a replayed ADD-notify never removes a newer
 * association.
 */
#ifndef APEDGED_IAPP_LOGIC_H
#define APEDGED_IAPP_LOGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "iapp/wire.h"
#include "iapp/sta.h"

enum iapp_add_verdict {
	IAPP_ADD_KICK,			/* it moved: remove it here */
	IAPP_ADD_IGNORED_NOT_HERE,	/* not associated here */
	IAPP_ADD_IGNORED_STALE,		/* not newer than ours */
};

/* s: the station's entry (NULL when none); m: a parsed ADD-notify. */
enum iapp_add_verdict iapp_add_decide(const struct sta *s,
				      const struct iapp_msg *m);

/*
 * The old AP's answer to a MOVE-notify: denied when the station never was
 * here (no entry, or one only heard of), stale when the notify is not
 * newer than its association here, else successful: send the context and
 * remove the station if it is still here.  A station that already left
 * (the ADD-notify of the new AP usually comes first) still has its
 * context given.
 */
enum iapp_move_status iapp_move_decide(const struct sta *s,
				       const struct iapp_msg *m);

/*
 * Whether to store a CACHE-notify: stale when the station is here with a
 * newer or equal association, or the cache holds a newer or equal one
 * (cached_seq, when has_cached).
 */
enum iapp_cache_status iapp_cache_decide(const struct sta *s,
					 bool has_cached, uint16_t cached_seq,
					 const struct iapp_msg *m);

const char *iapp_add_verdict_name(enum iapp_add_verdict v);

#endif
