/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The life of one station on one watched AP interface, as nl80211 shows
 * it: a pure state machine.  Events, the time and what the I/O layer
 * knows (the kernel's AUTHORIZED flag, the AP_VLAN, dump sequence
 * numbers) go in; actions (report, send GET_STATION, dump, free) come out.
 * No clock is read, no socket touched, no timer armed here: nl80211.c
 * does that, and the unit tests drive time by hand.
 *
 * A station is keyed by (watched ifindex, MAC): the same MAC may have an
 * entry on two local radios at once while it moves between them, and
 * only one of them is live (the others are MOVED and report nothing).
 *
 *   NEW --event/dump--> ASSOCIATED --poll: AUTHORIZED--> AUTHORIZED
 *                          |   \                           ^
 *                          |    `--AUTHORIZED, AP has ---> VLAN_WAIT
 *                          |       AP_VLANs: dump them     (sequence ends)
 *                     30 s |
 *                          v
 *                        IDLE (no longer polled; a dump, a new
 *                              association or hostapd's hint wake it)
 *
 *   any live state --DEL_STATION, not in a dump and ENOENT, interface
 *                    gone--> GONE (reported, freed)
 *   any live state --the MAC associated on another watched interface-->
 *                    MOVED (silent; its late DEL_STATION frees it)
 *
 * Authorization is asked for with GET_STATION (mac80211 sends no event
 * when hostapd sets the flag), one request in flight at a time, with an
 * exponential backoff: WIFI_STA_POLL_MIN_MS doubling up to
 * WIFI_STA_POLL_MAX_MS, for at most WIFI_STA_POLL_GIVEUP_MS after the
 * association (or the last hint).  hostapd's AP-STA-CONNECTED, when its
 * control interface is followed, is a hint: it asks at once, and what is
 * believed is still the kernel's flag (hostapd announces a station before
 * it sets the flag in the kernel; acting on less was CVE-2019-5108).
 *
 * A station missing from a completed dump of its AP is asked for once
 * more ("verifying"; a dump of the AP leaves out the stations on its
 * AP_VLANs, GET_STATION on the AP finds them): any answer about it keeps
 * it, ENOENT or WIFI_STA_VERIFY_MS of silence make it GONE.  Verifying is
 * a pending question with a deadline beside the state, not a state.
 */
#ifndef APEDGED_WIFI_STA_SM_H
#define APEDGED_WIFI_STA_SM_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/mac.h"

#define WIFI_STA_POLL_MIN_MS 20		/* first GET_STATION interval */
#define WIFI_STA_POLL_MAX_MS 1000	/* the interval doubles up to this */
#define WIFI_STA_POLL_GIVEUP_MS 30000	/* polling stops after this */
#define WIFI_STA_REQ_TIMEOUT_MS 2000	/* a GET_STATION got no answer */
#define WIFI_STA_VERIFY_MS 3000		/* not in a dump: wait this long */

enum wifi_sta_state {
	WIFI_STA_NEW,		/* created, nothing reported yet */
	WIFI_STA_ASSOCIATED,	/* reported associated; polled */
	WIFI_STA_IDLE,		/* associated, no longer polled */
	WIFI_STA_VLAN_WAIT,	/* flagged authorized; its AP_VLAN looked for */
	WIFI_STA_AUTHORIZED,	/* reported authorized */
	WIFI_STA_MOVED,		/* the MAC is live on another interface */
	WIFI_STA_GONE,		/* reported gone (or dropped silently) */
	WIFI_STA_STATE_MAX
};

enum wifi_sta_event {
	/* NL80211_CMD_NEW_STATION event: (re)associated here. */
	WIFI_STA_EV_NEW,
	/* Listed in a dump of its AP (or of one of its AP_VLANs). */
	WIFI_STA_EV_DUMP,
	/* The answer to our GET_STATION. */
	WIFI_STA_EV_REPLY,
	/* hostapd said AP-STA-CONNECTED: ask now. */
	WIFI_STA_EV_HINT,
	/* NL80211_CMD_DEL_STATION. */
	WIFI_STA_EV_DEL,
	/* Our GET_STATION was answered ENOENT. */
	WIFI_STA_EV_ENOENT,
	/* Our GET_STATION failed otherwise, or could not be sent. */
	WIFI_STA_EV_REQ_FAILED,
	/* A dump sequence of its AP ended without listing it. */
	WIFI_STA_EV_DUMP_MISSED,
	/* A dump sequence of its AP ended (in.gen: which). */
	WIFI_STA_EV_SEQ_DONE,
	/* Time passed (the deadline of wifi_sta_sm_next_ms() came). */
	WIFI_STA_EV_TIMER,
	/* Its interface went away or is no longer watched, or nl80211 did. */
	WIFI_STA_EV_IFACE_GONE,
	/* The same MAC (re)associated on another watched interface. */
	WIFI_STA_EV_MOVED,
	/*
	 * MOVED: the live entry of its MAC went away, while the kernel
	 * still listed this one: live again, if the kernel confirms it.
	 */
	WIFI_STA_EV_REVIVE,
	WIFI_STA_EV_MAX
};

struct wifi_sta_input {
	enum wifi_sta_event ev;
	/* NEW, DUMP, REPLY: the kernel flags it authorized (mask and set). */
	bool authorized;
	/* NEW, DUMP, REPLY: the AP_VLAN it was listed under or named, 0. */
	uint32_t vlan_ifindex;
	/*
	 * DUMP, SEQ_DONE: the number of the dump sequence.  NEW, REPLY:
	 * the number of its AP's current (or last) sequence: an event
	 * during a sequence counts as being listed in it, and an authorized
	 * station's AP_VLAN is looked for by the next one.
	 */
	unsigned int gen;
	/*
	 * NEW, REPLY: its AP has other interfaces on the wiphy, so an
	 * authorized station's AP_VLAN is to be found by a dump sequence.
	 */
	bool need_vlan;
	/* IFACE_GONE: why, for the log (else NULL). */
	const char *why;
};

/* Actions, in the order nl80211.c carries them out. */
#define WIFI_STA_ACT_ASSOCIATED	0x01	/* report it associated */
#define WIFI_STA_ACT_AUTHORIZED	0x02	/* report it authorized (vlan) */
#define WIFI_STA_ACT_GONE	0x04	/* report it gone */
#define WIFI_STA_ACT_GET	0x08	/* send GET_STATION for it */
#define WIFI_STA_ACT_DUMP	0x10	/* dump its AP (and AP_VLANs) */
#define WIFI_STA_ACT_FREE	0x20	/* forget it (after the reports) */

struct wifi_sta_out {
	unsigned int act;
};

struct wifi_sta_sm {
	enum wifi_sta_state state;	/* written by sm_set() alone */
	char ifname[IFNAMSIZ];		/* the watched AP's, for the log */
	int ifindex;
	uint8_t mac[MAC_LEN];
	uint32_t vlan_ifindex;		/* its AP_VLAN, 0 while not known */
	uint64_t since_ms;		/* first seen */
	uint64_t auth_ms;		/* flagged authorized */

	/* Our one GET_STATION: when it went (0: none in flight). */
	uint64_t req_sent_ms;
	uint64_t req_next_ms;		/* the next one is due (0: none) */
	uint32_t poll_delay_ms;		/* the backoff's current step */
	uint64_t poll_until_ms;		/* polling gives up */
	unsigned int polls;		/* GET_STATION sent for it */

	uint64_t verify_until_ms;	/* 0 unless verifying */
	unsigned int seen_gen;		/* the last dump sequence listing it */
	unsigned int need_gen;		/* VLAN_WAIT: the sequence to end */
};

/* A station in state NEW; the first event reports it. */
void wifi_sta_sm_init(struct wifi_sta_sm *sm, const char *ifname,
		      int ifindex, const uint8_t mac[MAC_LEN], uint64_t now_ms);

/*
 * Feed one event at now_ms.  out->act says what to do, in bit order;
 * WIFI_STA_ACT_FREE comes with GONE (state WIFI_STA_GONE).
 */
void wifi_sta_sm_step(struct wifi_sta_sm *sm, const struct wifi_sta_input *in,
		      uint64_t now_ms, struct wifi_sta_out *out);

/* When it wants a WIFI_STA_EV_TIMER next; 0: never. */
uint64_t wifi_sta_sm_next_ms(const struct wifi_sta_sm *sm);

/* Reported associated and not gone nor moved: IAPP knows it. */
bool wifi_sta_sm_live(const struct wifi_sta_sm *sm);

const char *wifi_sta_state_name(enum wifi_sta_state s);
const char *wifi_sta_event_name(enum wifi_sta_event e);

#endif
