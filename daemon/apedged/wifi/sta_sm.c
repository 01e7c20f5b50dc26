// SPDX-License-Identifier: GPL-2.0
/*
 * A station's life on one watched AP interface.  See sta_sm.h.
 *
 * sm_set() is the one place that writes ->state, and it logs every
 * change as "wifi IFNAME MAC: FROM -> TO (why)".
 */
#include <string.h>

#include "lib/log.h"
#include "wifi/sta_sm.h"

static const char *const state_names[WIFI_STA_STATE_MAX] = {
	[WIFI_STA_NEW] = "NEW",
	[WIFI_STA_ASSOCIATED] = "ASSOCIATED",
	[WIFI_STA_IDLE] = "IDLE",
	[WIFI_STA_VLAN_WAIT] = "VLAN_WAIT",
	[WIFI_STA_AUTHORIZED] = "AUTHORIZED",
	[WIFI_STA_MOVED] = "MOVED",
	[WIFI_STA_GONE] = "GONE",
};

static const char *const event_names[WIFI_STA_EV_MAX] = {
	[WIFI_STA_EV_NEW] = "new-station",
	[WIFI_STA_EV_DUMP] = "dump",
	[WIFI_STA_EV_REPLY] = "reply",
	[WIFI_STA_EV_HINT] = "hint",
	[WIFI_STA_EV_DEL] = "del-station",
	[WIFI_STA_EV_ENOENT] = "enoent",
	[WIFI_STA_EV_REQ_FAILED] = "request-failed",
	[WIFI_STA_EV_DUMP_MISSED] = "dump-missed",
	[WIFI_STA_EV_SEQ_DONE] = "dump-done",
	[WIFI_STA_EV_TIMER] = "timer",
	[WIFI_STA_EV_IFACE_GONE] = "interface-gone",
	[WIFI_STA_EV_MOVED] = "moved",
	[WIFI_STA_EV_REVIVE] = "revive",
};

const char *wifi_sta_state_name(enum wifi_sta_state s)
{
	return (unsigned int)s < WIFI_STA_STATE_MAX ? state_names[s] : "?";
}

const char *wifi_sta_event_name(enum wifi_sta_event e)
{
	return (unsigned int)e < WIFI_STA_EV_MAX ? event_names[e] : "?";
}

static void sm_set(struct wifi_sta_sm *sm, enum wifi_sta_state to,
		   const char *why)
{
	char m[MAC_STR_LEN];

	if (sm->state == to)
		return;
	log_info("wifi %s %s: %s -> %s (%s)", sm->ifname,
		 mac_format(sm->mac, m), wifi_sta_state_name(sm->state),
		 wifi_sta_state_name(to), why);
	sm->state = to;
}

void wifi_sta_sm_init(struct wifi_sta_sm *sm, const char *ifname,
		      int ifindex, const uint8_t mac[MAC_LEN], uint64_t now_ms)
{
	memset(sm, 0, sizeof(*sm));
	sm->state = WIFI_STA_NEW;
	snprintf(sm->ifname, sizeof(sm->ifname), "%s", ifname ? ifname : "?");
	sm->ifindex = ifindex;
	memcpy(sm->mac, mac, MAC_LEN);
	sm->since_ms = now_ms;
}

bool wifi_sta_sm_live(const struct wifi_sta_sm *sm)
{
	switch (sm->state) {
	case WIFI_STA_ASSOCIATED:
	case WIFI_STA_IDLE:
	case WIFI_STA_VLAN_WAIT:
	case WIFI_STA_AUTHORIZED:
		return true;
	default:
		return false;
	}
}

/* (Re)start asking for the authorization, from the shortest interval. */
static void poll_start(struct wifi_sta_sm *sm, uint64_t now)
{
	sm->poll_delay_ms = WIFI_STA_POLL_MIN_MS;
	sm->req_next_ms = now;
	sm->poll_until_ms = now + WIFI_STA_POLL_GIVEUP_MS;
}

static void poll_stop(struct wifi_sta_sm *sm)
{
	sm->poll_until_ms = 0;
	if (!sm->verify_until_ms)
		sm->req_next_ms = 0;
}

static bool polling(const struct wifi_sta_sm *sm)
{
	return sm->state == WIFI_STA_ASSOCIATED;
}

/* Is a request of ours out (and not given up on)? */
static bool req_out(const struct wifi_sta_sm *sm, uint64_t now)
{
	return sm->req_sent_ms &&
	       now - sm->req_sent_ms < WIFI_STA_REQ_TIMEOUT_MS;
}

/* Send GET_STATION now (unless one is out), and plan the next. */
static void req_send(struct wifi_sta_sm *sm, uint64_t now,
		     struct wifi_sta_out *out)
{
	if (req_out(sm, now))
		return;
	out->act |= WIFI_STA_ACT_GET;
	sm->req_sent_ms = now;
	sm->polls++;
	if (polling(sm)) {
		sm->req_next_ms = now + sm->poll_delay_ms;
		sm->poll_delay_ms *= 2;
		if (sm->poll_delay_ms > WIFI_STA_POLL_MAX_MS)
			sm->poll_delay_ms = WIFI_STA_POLL_MAX_MS;
	} else {
		/* Verifying: again when this one times out. */
		sm->req_next_ms = now + WIFI_STA_REQ_TIMEOUT_MS;
	}
}

static void verify_end(struct wifi_sta_sm *sm)
{
	char m[MAC_STR_LEN];

	if (!sm->verify_until_ms)
		return;
	sm->verify_until_ms = 0;
	if (!polling(sm))
		sm->req_next_ms = 0;
	if (sm->state != WIFI_STA_MOVED)
		log_info("wifi %s %s: still there, though not in the station "
			 "dump (on an AP_VLAN?)", sm->ifname,
			 mac_format(sm->mac, m));
}

static void go_gone(struct wifi_sta_sm *sm, const char *why,
		    struct wifi_sta_out *out)
{
	if (sm->state != WIFI_STA_MOVED && sm->state != WIFI_STA_NEW)
		out->act |= WIFI_STA_ACT_GONE;
	out->act |= WIFI_STA_ACT_FREE;
	sm->req_next_ms = 0;
	sm->verify_until_ms = 0;
	sm_set(sm, WIFI_STA_GONE, why);
}

/* The kernel flags it authorized: report it now or after the VLAN. */
static void authorized(struct wifi_sta_sm *sm, const struct wifi_sta_input *in,
		       uint64_t now, struct wifi_sta_out *out)
{
	sm->auth_ms = now;
	poll_stop(sm);
	if (in->ev == WIFI_STA_EV_DUMP) {
		/* Other interfaces of the sequence may still list it. */
		sm->need_gen = in->gen;
		sm_set(sm, WIFI_STA_VLAN_WAIT, "authorized in the station "
		       "dump; reported when the dump ends");
		return;
	}
	if (sm->vlan_ifindex || !in->need_vlan) {
		out->act |= WIFI_STA_ACT_AUTHORIZED;
		sm_set(sm, WIFI_STA_AUTHORIZED, in->ev == WIFI_STA_EV_REPLY ?
		       "the kernel flags it authorized" :
		       "authorized in the event");
		return;
	}
	/* The sequence in flight may be past its AP_VLAN: the next one. */
	sm->need_gen = in->gen + 1;
	out->act |= WIFI_STA_ACT_DUMP;
	sm_set(sm, WIFI_STA_VLAN_WAIT, "the kernel flags it authorized; "
	       "looking for its AP_VLAN");
}

/* NEW, DUMP or REPLY: what the kernel says of it. */
static void seen(struct wifi_sta_sm *sm, const struct wifi_sta_input *in,
		 uint64_t now, struct wifi_sta_out *out)
{
	if (in->ev == WIFI_STA_EV_DUMP || in->ev == WIFI_STA_EV_NEW)
		sm->seen_gen = in->gen;
	else if (in->ev == WIFI_STA_EV_REPLY)
		sm->req_sent_ms = 0;
	if (in->vlan_ifindex && sm->state != WIFI_STA_MOVED)
		sm->vlan_ifindex = in->vlan_ifindex;
	verify_end(sm);

	switch (sm->state) {
	case WIFI_STA_NEW:
		out->act |= WIFI_STA_ACT_ASSOCIATED;
		poll_start(sm, now);
		sm_set(sm, WIFI_STA_ASSOCIATED,
		       in->ev == WIFI_STA_EV_DUMP ? "in the station dump" :
		       "NEW_STATION");
		if (in->authorized)
			authorized(sm, in, now, out);
		return;
	case WIFI_STA_MOVED:
		if (in->ev != WIFI_STA_EV_NEW)
			return;		/* still in the kernel there */
		out->act |= WIFI_STA_ACT_ASSOCIATED;
		sm->vlan_ifindex = in->vlan_ifindex;
		poll_start(sm, now);
		sm_set(sm, WIFI_STA_ASSOCIATED, "NEW_STATION: associated "
		       "here again");
		if (in->authorized)
			authorized(sm, in, now, out);
		return;
	case WIFI_STA_ASSOCIATED:
		if (in->authorized) {
			authorized(sm, in, now, out);
			return;
		}
		if (in->ev == WIFI_STA_EV_NEW)
			poll_start(sm, now);	/* a new handshake */
		return;
	case WIFI_STA_IDLE:
		if (in->authorized) {
			authorized(sm, in, now, out);
			return;
		}
		if (in->ev == WIFI_STA_EV_NEW) {
			poll_start(sm, now);
			sm_set(sm, WIFI_STA_ASSOCIATED, "NEW_STATION: "
			       "associated again; polling again");
		}
		return;
	default:
		/* VLAN_WAIT, AUTHORIZED: nothing more to learn. */
		return;
	}
}

static void timer(struct wifi_sta_sm *sm, uint64_t now,
		  struct wifi_sta_out *out)
{
	char why[96];

	if (sm->verify_until_ms && now >= sm->verify_until_ms) {
		go_gone(sm, "not in the station dump, and no answer about it",
			out);
		return;
	}
	if (polling(sm) && now >= sm->poll_until_ms) {
		snprintf(why, sizeof(why), "not authorized after %u s and %u "
			 "polls; no longer polled", WIFI_STA_POLL_GIVEUP_MS /
			 1000, sm->polls);
		poll_stop(sm);
		sm_set(sm, WIFI_STA_IDLE, why);
		if (!sm->verify_until_ms)
			return;
	}
	if (sm->req_next_ms && now >= sm->req_next_ms)
		req_send(sm, now, out);
}

void wifi_sta_sm_step(struct wifi_sta_sm *sm, const struct wifi_sta_input *in,
		      uint64_t now, struct wifi_sta_out *out)
{
	out->act = 0;
	if (sm->state == WIFI_STA_GONE)
		return;

	switch (in->ev) {
	case WIFI_STA_EV_NEW:
	case WIFI_STA_EV_DUMP:
	case WIFI_STA_EV_REPLY:
		seen(sm, in, now, out);
		break;
	case WIFI_STA_EV_HINT:
		if (sm->state == WIFI_STA_IDLE)
			sm_set(sm, WIFI_STA_ASSOCIATED, "hostapd says it "
			       "connected; polling again");
		if (sm->state != WIFI_STA_ASSOCIATED)
			break;
		sm->poll_delay_ms = WIFI_STA_POLL_MIN_MS;
		sm->poll_until_ms = now + WIFI_STA_POLL_GIVEUP_MS;
		/* Ask now; the answer in flight may predate the flag. */
		sm->req_sent_ms = 0;
		req_send(sm, now, out);
		break;
	case WIFI_STA_EV_DEL:
		go_gone(sm, "DEL_STATION", out);
		break;
	case WIFI_STA_EV_ENOENT:
		sm->req_sent_ms = 0;
		/*
		 * Polled: the station is going, and its DEL_STATION says so
		 * (or the dump after a lost one).  Verified: it is gone.
		 */
		if (sm->verify_until_ms)
			go_gone(sm, "not in the station dump, and the kernel "
				"does not know it", out);
		break;
	case WIFI_STA_EV_REQ_FAILED:
		sm->req_sent_ms = 0;
		if (!polling(sm) && sm->verify_until_ms)
			sm->req_next_ms = now + WIFI_STA_POLL_MIN_MS;
		break;
	case WIFI_STA_EV_DUMP_MISSED:
		if (sm->state == WIFI_STA_NEW) {
			go_gone(sm, "not in the station dump", out);
			break;
		}
		sm->verify_until_ms = now + WIFI_STA_VERIFY_MS;
		sm->req_sent_ms = 0;
		req_send(sm, now, out);
		break;
	case WIFI_STA_EV_SEQ_DONE:
		if (sm->state == WIFI_STA_VLAN_WAIT && in->gen >= sm->need_gen) {
			out->act |= WIFI_STA_ACT_AUTHORIZED;
			sm_set(sm, WIFI_STA_AUTHORIZED, sm->vlan_ifindex ?
			       "its AP_VLAN found" : "on no AP_VLAN");
		}
		break;
	case WIFI_STA_EV_TIMER:
		timer(sm, now, out);
		break;
	case WIFI_STA_EV_IFACE_GONE:
		go_gone(sm, in->why ? in->why : "interface gone", out);
		break;
	case WIFI_STA_EV_MOVED:
		if (sm->state == WIFI_STA_MOVED)
			break;
		sm->req_next_ms = 0;
		sm->req_sent_ms = 0;
		sm->poll_until_ms = 0;
		sm->verify_until_ms = 0;
		sm_set(sm, WIFI_STA_MOVED, "associated on another interface");
		break;
	case WIFI_STA_EV_REVIVE:
		if (sm->state != WIFI_STA_MOVED)
			break;
		out->act |= WIFI_STA_ACT_ASSOCIATED;
		poll_start(sm, now);
		sm_set(sm, WIFI_STA_ASSOCIATED, "its entry on the other "
		       "interface went away; still listed here");
		/* Is it still there?  ENOENT or silence: gone. */
		sm->verify_until_ms = now + WIFI_STA_VERIFY_MS;
		req_send(sm, now, out);
		break;
	default:
		break;
	}
}

uint64_t wifi_sta_sm_next_ms(const struct wifi_sta_sm *sm)
{
	uint64_t next = 0;

#define EARLIER(t) do { if ((t) && (!next || (t) < next)) next = (t); } while (0)
	if (sm->state == WIFI_STA_GONE)
		return 0;
	EARLIER(sm->verify_until_ms);
	if (polling(sm))
		EARLIER(sm->poll_until_ms);
	if (sm->req_next_ms) {
		uint64_t t = sm->req_next_ms;

		/* One in flight: nothing before it times out. */
		if (sm->req_sent_ms &&
		    sm->req_sent_ms + WIFI_STA_REQ_TIMEOUT_MS > t)
			t = sm->req_sent_ms + WIFI_STA_REQ_TIMEOUT_MS;
		EARLIER(t);
	}
#undef EARLIER
	return next;
}
