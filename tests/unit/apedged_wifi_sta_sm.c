// SPDX-License-Identifier: GPL-2.0
/*
 * The wifi engine's station state machine (daemon/apedged/wifi/sta_sm.c),
 * alone: events and the time in, actions out.  No clock, no socket.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "wifi/sta_sm.h"
#include "ut.h"

static const uint8_t MAC[6] = { 0x02, 0, 0, 0, 0x01, 0x07 };

/* The loop's clock is never 0; neither is the time here. */
#define T0 100000

static unsigned int step(struct wifi_sta_sm *sm, enum wifi_sta_event ev,
			 bool auth, uint64_t now)
{
	struct wifi_sta_input in = { .ev = ev, .authorized = auth };
	struct wifi_sta_out out;

	wifi_sta_sm_step(sm, &in, now, &out);
	return out.act;
}

static unsigned int step_in(struct wifi_sta_sm *sm,
			    const struct wifi_sta_input *in, uint64_t now)
{
	struct wifi_sta_out out;

	wifi_sta_sm_step(sm, in, now, &out);
	return out.act;
}

/* Run the timer as the I/O layer would until `until`; count GETs. */
static unsigned int run_until(struct wifi_sta_sm *sm, uint64_t *now,
			      uint64_t until, bool answer)
{
	unsigned int gets = 0, act;
	uint64_t next;

	for (;;) {
		next = wifi_sta_sm_next_ms(sm);
		if (!next || next > until)
			break;
		if (next > *now)
			*now = next;
		act = step(sm, WIFI_STA_EV_TIMER, false, *now);
		if (act & WIFI_STA_ACT_GET) {
			gets++;
			if (answer)	/* the kernel: not authorized */
				step(sm, WIFI_STA_EV_REPLY, false, *now + 1);
		}
	}
	*now = until;
	return gets;
}

UT_CASE(associate_then_authorize)
{
	struct wifi_sta_sm sm;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	unsigned int act;

	UT_ASSERT(f);
	log_set_stream(f);
	log_set_level(LOG_INFO);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, 1000);
	UT_EXPECT(sm.state == WIFI_STA_NEW);
	UT_EXPECT(!wifi_sta_sm_live(&sm));
	act = step(&sm, WIFI_STA_EV_NEW, false, 1000);
	UT_EXPECT(act == WIFI_STA_ACT_ASSOCIATED);
	UT_EXPECT(sm.state == WIFI_STA_ASSOCIATED && wifi_sta_sm_live(&sm));
	/* The first poll at once, the next after 20 ms. */
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 1000);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, 1000) ==
		  WIFI_STA_ACT_GET);
	/* One in flight: a timer before it times out sends nothing. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, 1020) == 0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REPLY, false, 1021) == 0);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 1020);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, 1021) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 1021 + 2000);
	act = step(&sm, WIFI_STA_EV_REPLY, true, 1030);
	UT_EXPECT(act == WIFI_STA_ACT_AUTHORIZED);
	UT_EXPECT(sm.state == WIFI_STA_AUTHORIZED);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 0);
	/* Said once. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_REPLY, true, 1040) == 0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_NEW, true, 1040) == 0);
	act = step(&sm, WIFI_STA_EV_DEL, false, 2000);
	UT_EXPECT(act == (WIFI_STA_ACT_GONE | WIFI_STA_ACT_FREE));
	UT_EXPECT(sm.state == WIFI_STA_GONE);
	UT_EXPECT(step(&sm, WIFI_STA_EV_DEL, false, 2000) == 0);
	fflush(f);
	UT_EXPECT(strstr(buf, "wifi wlan0 02:00:00:00:01:07: NEW -> "
			 "ASSOCIATED (NEW_STATION)\n"));
	UT_EXPECT(strstr(buf, "wifi wlan0 02:00:00:00:01:07: ASSOCIATED -> "
			 "AUTHORIZED (the kernel flags it authorized)\n"));
	UT_EXPECT(strstr(buf, "AUTHORIZED -> GONE (DEL_STATION)"));
	log_set_stream(NULL);
	fclose(f);
	free(buf);
}

/* An unauthorized station is asked for with a backoff, then left. */
UT_CASE(poll_backoff_bounded)
{
	struct wifi_sta_sm sm;
	uint64_t now = T0;
	unsigned int gets;

	log_set_level(LOG_ERR);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, now);
	step(&sm, WIFI_STA_EV_NEW, false, now);
	/* The first second: at 0, 20, 60, 140, 300, 620 ms. */
	gets = run_until(&sm, &now, T0 + 1000, true);
	UT_EXPECT(gets == 6);
	/* Then at most one a second, for 30 s from the association. */
	gets += run_until(&sm, &now, T0 + 60000, true);
	UT_EXPECT(gets == 35);
	UT_EXPECT(sm.state == WIFI_STA_IDLE);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 0);
	/* A kernel that never answers: one request per timeout. */
	now = T0;
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, now);
	step(&sm, WIFI_STA_EV_NEW, false, now);
	gets = run_until(&sm, &now, T0 + 60000, false);
	UT_EXPECT(gets == 15);
	/* A dump finding it authorized wakes it. */
	{
		struct wifi_sta_input in = { .ev = WIFI_STA_EV_DUMP,
					     .authorized = true, .gen = 4 };

		UT_EXPECT(step_in(&sm, &in, now) == 0);
		UT_EXPECT(sm.state == WIFI_STA_VLAN_WAIT);
		in.ev = WIFI_STA_EV_SEQ_DONE;
		in.gen = 3;
		UT_EXPECT(step_in(&sm, &in, now) == 0);
		in.gen = 4;
		UT_EXPECT(step_in(&sm, &in, now) == WIFI_STA_ACT_AUTHORIZED);
	}
}

/* hostapd's AP-STA-CONNECTED: ask now, believe the kernel. */
UT_CASE(hint)
{
	struct wifi_sta_sm sm;
	uint64_t now = T0;

	log_set_level(LOG_ERR);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, now);
	step(&sm, WIFI_STA_EV_NEW, false, now);
	run_until(&sm, &now, T0 + 5000, true);
	/* Backed off to a second; the hint asks at once, from 20 ms. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_HINT, false, T0 + 5001) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REPLY, false, T0 + 5002) == 0);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == T0 + 5021);
	UT_EXPECT(sm.state == WIFI_STA_ASSOCIATED);
	/* Given up, then a hint: polled again. */
	now = T0 + 5002;
	run_until(&sm, &now, T0 + 60000, true);
	UT_EXPECT(sm.state == WIFI_STA_IDLE);
	UT_EXPECT(step(&sm, WIFI_STA_EV_HINT, false, now) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(sm.state == WIFI_STA_ASSOCIATED);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REPLY, true, now + 2) ==
		  WIFI_STA_ACT_AUTHORIZED);
	/* A hint for an authorized station changes nothing. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_HINT, false, now + 3) == 0);
}

/* An AP with AP_VLANs: authorized once the dump sequence found it. */
UT_CASE(vlan_wait)
{
	struct wifi_sta_sm sm;
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_NEW };

	log_set_level(LOG_ERR);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	UT_EXPECT(step_in(&sm, &in, T0) == WIFI_STA_ACT_ASSOCIATED);
	/* The sequence now is 6: the next one must end. */
	in = (struct wifi_sta_input){ .ev = WIFI_STA_EV_REPLY,
				      .authorized = true, .need_vlan = true,
				      .gen = 6 };
	UT_EXPECT(step_in(&sm, &in, T0 + 10) == WIFI_STA_ACT_DUMP);
	UT_EXPECT(sm.state == WIFI_STA_VLAN_WAIT);
	/* Listed by its AP_VLAN's dump. */
	in = (struct wifi_sta_input){ .ev = WIFI_STA_EV_DUMP,
				      .authorized = true, .vlan_ifindex = 9,
				      .gen = 7 };
	UT_EXPECT(step_in(&sm, &in, T0 + 20) == 0);
	in = (struct wifi_sta_input){ .ev = WIFI_STA_EV_SEQ_DONE, .gen = 6 };
	UT_EXPECT(step_in(&sm, &in, T0 + 30) == 0);
	in.gen = 7;
	UT_EXPECT(step_in(&sm, &in, T0 + 30) == WIFI_STA_ACT_AUTHORIZED);
	UT_EXPECT(sm.vlan_ifindex == 9);
	/* Known VLAN, or no other interface: at once. */
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	in = (struct wifi_sta_input){ .ev = WIFI_STA_EV_NEW,
				      .authorized = true };
	UT_EXPECT(step_in(&sm, &in, T0) ==
		  (WIFI_STA_ACT_ASSOCIATED | WIFI_STA_ACT_AUTHORIZED));
}

/* Not in a dump: asked once more; ENOENT or silence make it gone. */
UT_CASE(verify)
{
	struct wifi_sta_sm sm;
	struct wifi_sta_input in = { .ev = WIFI_STA_EV_DUMP, .gen = 1,
				     .authorized = true };

	log_set_level(LOG_ERR);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	step_in(&sm, &in, T0);
	in.ev = WIFI_STA_EV_SEQ_DONE;
	UT_EXPECT(step_in(&sm, &in, T0) == WIFI_STA_ACT_AUTHORIZED);
	/* Still there (on an AP_VLAN): kept. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_DUMP_MISSED, false, T0 + 100) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == T0 + 2100);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REPLY, true, T0 + 110) == 0);
	UT_EXPECT(sm.state == WIFI_STA_AUTHORIZED && !sm.verify_until_ms);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 0);
	/* ENOENT: gone. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_DUMP_MISSED, false, T0 + 200) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(step(&sm, WIFI_STA_EV_ENOENT, false, T0 + 210) ==
		  (WIFI_STA_ACT_GONE | WIFI_STA_ACT_FREE));
	/* Silence: asked again after 2 s, gone after 3 s. */
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	in = (struct wifi_sta_input){ .ev = WIFI_STA_EV_NEW,
				      .authorized = true };
	step_in(&sm, &in, T0);
	UT_EXPECT(sm.state == WIFI_STA_AUTHORIZED);
	UT_EXPECT(step(&sm, WIFI_STA_EV_DUMP_MISSED, false, T0) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REQ_FAILED, false, T0 + 5) == 0);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == T0 + 25);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, T0 + 25) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == T0 + 2025);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, T0 + 2025) ==
		  WIFI_STA_ACT_GET);
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == T0 + 3000);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, T0 + 2999) == 0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_TIMER, false, T0 + 3000) ==
		  (WIFI_STA_ACT_GONE | WIFI_STA_ACT_FREE));
	/* A polled station's ENOENT is not its end: DEL_STATION is. */
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	step(&sm, WIFI_STA_EV_NEW, false, T0);
	step(&sm, WIFI_STA_EV_TIMER, false, T0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_ENOENT, false, T0 + 1) == 0);
	UT_EXPECT(sm.state == WIFI_STA_ASSOCIATED);
}

/* The MAC went to another interface: silent here, its DEL too. */
UT_CASE(moved)
{
	struct wifi_sta_sm sm;

	log_set_level(LOG_ERR);
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	step(&sm, WIFI_STA_EV_NEW, false, T0);
	step(&sm, WIFI_STA_EV_REPLY, true, T0 + 5);
	UT_EXPECT(sm.state == WIFI_STA_AUTHORIZED);
	UT_EXPECT(step(&sm, WIFI_STA_EV_MOVED, false, T0 + 10) == 0);
	UT_EXPECT(sm.state == WIFI_STA_MOVED && !wifi_sta_sm_live(&sm));
	UT_EXPECT(wifi_sta_sm_next_ms(&sm) == 0);
	/* Still listed in its old AP's dump: nothing. */
	UT_EXPECT(step(&sm, WIFI_STA_EV_DUMP, true, T0 + 20) == 0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_HINT, false, T0 + 20) == 0);
	UT_EXPECT(step(&sm, WIFI_STA_EV_DEL, false, T0 + 30) ==
		  WIFI_STA_ACT_FREE);
	/* Back here: associated again. */
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	step(&sm, WIFI_STA_EV_NEW, false, T0);
	step(&sm, WIFI_STA_EV_MOVED, false, T0 + 10);
	UT_EXPECT(step(&sm, WIFI_STA_EV_NEW, false, T0 + 40) ==
		  WIFI_STA_ACT_ASSOCIATED);
	UT_EXPECT(sm.state == WIFI_STA_ASSOCIATED);
	/* Its live twin went away while the kernel still lists it here. */
	step(&sm, WIFI_STA_EV_MOVED, false, T0 + 50);
	UT_EXPECT(step(&sm, WIFI_STA_EV_REVIVE, false, T0 + 60) ==
		  (WIFI_STA_ACT_ASSOCIATED | WIFI_STA_ACT_GET));
	UT_EXPECT(step(&sm, WIFI_STA_EV_ENOENT, false, T0 + 61) ==
		  (WIFI_STA_ACT_GONE | WIFI_STA_ACT_FREE));
	/* Interface gone: a moved one leaves silently. */
	wifi_sta_sm_init(&sm, "wlan0", 3, MAC, T0);
	step(&sm, WIFI_STA_EV_NEW, false, T0);
	step(&sm, WIFI_STA_EV_MOVED, false, T0 + 10);
	UT_EXPECT(step(&sm, WIFI_STA_EV_IFACE_GONE, false, T0 + 20) ==
		  WIFI_STA_ACT_FREE);
}

UT_CASE(names)
{
	UT_EXPECT_STR(wifi_sta_state_name(WIFI_STA_VLAN_WAIT), "VLAN_WAIT");
	UT_EXPECT_STR(wifi_sta_state_name(WIFI_STA_STATE_MAX), "?");
	UT_EXPECT_STR(wifi_sta_event_name(WIFI_STA_EV_DEL), "del-station");
	UT_EXPECT_STR(wifi_sta_event_name(WIFI_STA_EV_MAX), "?");
}

UT_MAIN("apedged_wifi_sta_sm",
	UT_ENTRY(associate_then_authorize),
	UT_ENTRY(poll_backoff_bounded),
	UT_ENTRY(hint),
	UT_ENTRY(vlan_wait),
	UT_ENTRY(verify),
	UT_ENTRY(moved),
	UT_ENTRY(names))
