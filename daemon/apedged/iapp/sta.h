/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The station table: what apedged knows of the stations associated here,
 * and, for a while, of those that left or that other APs announced.
 *
 * Pure state: no I/O, no clock (callers pass the time in).  The IAPP
 * engine (iapp.c) drives it from station events (apedgectl sta ..., and
 * later nl80211) and from IAPP messages.
 *
 * Sequence numbers.  802.11F gives each association a 16-bit sequence
 * number but leaves open how two APs' numbers compare.  apedge makes them
 * comparable across the ESS with a hybrid clock per station: the number
 * of a new association is the lower 16 bits of the wall clock in seconds,
 * or, when that is not newer than the newest number known for the station
 * (its last association here, or an ADD-notify or MOVE heard from another
 * AP), that number plus one.  Every AP hears every ADD-notify, so a later
 * association always carries a newer number, also within one second.
 * Numbers are compared in serial arithmetic (iapp_seq_newer()); the
 * comparison is valid over half the 16-bit space, about 9 hours.
 */
#ifndef APEDGED_STA_H
#define APEDGED_STA_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iapp/wire.h"
#include "lib/list.h"
#include "lib/mac.h"

#define STA_MAX		4096		/* entries, gone ones included */
#define STA_GONE_KEEP_MS (3600 * 1000)	/* how long a gone entry is kept */

enum sta_state {
	STA_ASSOCIATED,		/* associated, not (yet) authorized */
	STA_AUTHORIZED,		/* 802.1X/WPA done: acted upon */
	STA_GONE,		/* left, kicked, or only heard of */
};

struct sta {
	struct list node;
	uint8_t mac[MAC_LEN];
	enum sta_state state;
	char ifname[IFNAMSIZ];		/* "" for a gone entry never here */
	uint16_t vlan;			/* 0: untagged */
	uint16_t seq;			/* of its last association here */
	uint16_t last_seq;		/* the newest known, here or not */
	bool was_here;			/* seq and ctx are of one here */
	uint64_t assoc_ms;		/* when it (re)associated here */
	uint64_t auth_ms;		/* when it was authorized; 0: not */
	uint64_t gone_ms;		/* when it became STA_GONE */
	bool has_prev_ap;
	uint8_t prev_ap[MAC_LEN];	/* BSSID it came from, if known */
	/*
	 * The IPv4 address of the AP whose ADD-notify for it was the newest
	 * heard (not ours): where it was last, for a MOVE-notify when no
	 * previous AP is given.  Kept across an association here, cleared
	 * once used.
	 */
	bool has_announcer;
	uint8_t announcer[4];
	struct iapp_ctx ctx;		/* its addresses and leases */
	bool ctx_fetched;		/* ctx came with a MOVE-response */
};

struct sta_table {
	struct list stas;
	size_t n;			/* entries, gone ones included */
};

void sta_table_init(struct sta_table *t);
void sta_table_free(struct sta_table *t);

/* The entry of mac, gone ones included; NULL when there is none. */
struct sta *sta_find(struct sta_table *t, const uint8_t mac[MAC_LEN]);
/* The entry of mac when associated or authorized here; else NULL. */
struct sta *sta_find_here(struct sta_table *t, const uint8_t mac[MAC_LEN]);

/* The sequence number of a new association; see above. */
uint16_t sta_next_seq(bool has_last, uint16_t last, uint16_t clock);

/*
 * A (re)association of mac on ifname: a new entry, or the old one reset to
 * STA_ASSOCIATED (its context and previous AP dropped) with a new sequence
 * number.  clock is the wall clock's seconds, truncated.  Returns the
 * entry, or NULL with *err -ENOSPC (table full of live stations), -ENOMEM
 * or -EINVAL (not a unicast address).
 */
struct sta *sta_associate(struct sta_table *t, const uint8_t mac[MAC_LEN],
			  const char *ifname, uint16_t vlan, uint64_t now_ms,
			  uint16_t clock, int *err);

/* true when this made it authorized (it was STA_ASSOCIATED). */
bool sta_authorize(struct sta *s, uint64_t now_ms);
/*
 * It left, or was removed: STA_GONE, kept with its sequence numbers and
 * context (a MOVE-notify may still ask for it).
 */
void sta_set_gone(struct sta *s, uint64_t now_ms);

/*
 * Another AP announced mac with seq: remember the number when it is newer
 * than what is known (a new gone entry when mac is unknown; nothing when
 * the table is full of live stations).
 */
void sta_note_seq(struct sta_table *t, const uint8_t mac[MAC_LEN],
		  uint16_t seq, uint64_t now_ms);

/*
 * An ADD-notify for mac with seq came from the AP at IPv4 address addr,
 * after sta_note_seq(): addr becomes the station's announcer when seq is
 * the newest number known for it.
 */
void sta_note_announcer(struct sta_table *t, const uint8_t mac[MAC_LEN],
			uint16_t seq, const uint8_t addr[4]);

/* Drop gone entries older than STA_GONE_KEEP_MS. */
void sta_expire(struct sta_table *t, uint64_t now_ms);

/* Add an IPv4 address to the context; -ENOSPC when it is full. */
int sta_ctx_add_ipv4(struct iapp_ctx *ctx, const uint8_t addr[4],
		     uint32_t lease);

const char *sta_state_name(enum sta_state state);

#endif
