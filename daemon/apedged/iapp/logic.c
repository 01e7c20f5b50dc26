// SPDX-License-Identifier: GPL-2.0
/* The IAPP engine's decisions.  See iapp_logic.h. */
#include "iapp/logic.h"

static bool here(const struct sta *s)
{
	return s && s->state != STA_GONE;
}

enum iapp_add_verdict iapp_add_decide(const struct sta *s,
				      const struct iapp_msg *m)
{
	if (!here(s))
		return IAPP_ADD_IGNORED_NOT_HERE;
	if (!iapp_seq_newer(m->seq, s->seq))
		return IAPP_ADD_IGNORED_STALE;
	return IAPP_ADD_KICK;
}

enum iapp_move_status iapp_move_decide(const struct sta *s,
				       const struct iapp_msg *m)
{
	if (!s || !s->was_here)
		return IAPP_MOVE_DENIED;
	if (!iapp_seq_newer(m->seq, s->seq))
		return IAPP_MOVE_STALE;
	return IAPP_MOVE_SUCCESSFUL;
}

enum iapp_cache_status iapp_cache_decide(const struct sta *s,
					 bool has_cached, uint16_t cached_seq,
					 const struct iapp_msg *m)
{
	if (here(s) && !iapp_seq_newer(m->seq, s->seq))
		return IAPP_CACHE_STALE;
	if (has_cached && !iapp_seq_newer(m->seq, cached_seq))
		return IAPP_CACHE_STALE;
	return IAPP_CACHE_SUCCESSFUL;
}

const char *iapp_add_verdict_name(enum iapp_add_verdict v)
{
	switch (v) {
	case IAPP_ADD_KICK:
		return "kicked";
	case IAPP_ADD_IGNORED_NOT_HERE:
		return "ignored-not-here";
	case IAPP_ADD_IGNORED_STALE:
		return "ignored-stale";
	}
	return "unknown";
}
