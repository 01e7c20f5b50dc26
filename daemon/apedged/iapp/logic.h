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

/*
 * Contexts from other APs (MOVE-response, CACHE-notify) become bindings
 * of the source guard on this AP, which let the station send from those
 * addresses.  So before a context is kept, each address is checked:
 *
 * - it must be one a DHCP server can lease to a station: not unspecified,
 *   loopback, multicast, broadcast or reserved (IPv4 0/8, 127/8, 224/4,
 *   240/4), not link-local (169.254/16, fe80::/10: the guard passes
 *   IPv6 link-local sources anyway, and no DHCP server leases them), not
 *   an IPv4-mapped IPv6 address (::ffff:0:0/96);
 * - it must not be ours: an address of this host or of an AP of the BSSID
 *   map (the caller's ours(), which may be NULL);
 * - one context installs at most IAPP_STA_ADDRS_MAX addresses, the IPv4
 *   ones first.
 *
 * Whether an address is already bound to another station is the module's
 * to say: the root asks it before each binding-add (apedged/ctxbind.h).
 */
#define IAPP_STA_ADDRS_MAX	8	/* addresses per station, both families */

/* Refused addresses, by reason; iapp_ctx_sanitize() adds to them. */
struct iapp_ctx_refusals {
	unsigned int invalid;	/* not a station's (see above) */
	unsigned int ours;	/* this host's or a mapped AP's */
	unsigned int over;	/* over IAPP_STA_ADDRS_MAX */
};

/* af AF_INET (4 bytes at addr) or AF_INET6 (16): see above. */
bool iapp_addr_bindable(int af, const uint8_t *addr);

/*
 * Keep in ctx only the addresses that pass the checks above, in order;
 * count the others in *r.  ours(af, addr, data) says whether an address
 * is ours.  Returns the addresses kept.
 */
unsigned int iapp_ctx_sanitize(struct iapp_ctx *ctx,
			       bool (*ours)(int af, const uint8_t *addr,
					    void *data),
			       void *data, struct iapp_ctx_refusals *r);

#endif
