// SPDX-License-Identifier: GPL-2.0
/*
 * The nl80211 station listener's state machine (nl80211.c).  The socket is
 * real, but nl80211 is played by the test: it is announced under a family
 * id no real family has, and the stations' events, dumps and poll answers
 * are handed to the listener as datagrams.  The requests the listener
 * sends go to this host's kernel, which refuses them (no such family);
 * those errors must not disturb it.  "lo" stands in for the AP interface.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nl80211.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "wifi/nl80211.h"
#include "nl80211_fake.h"
#include "ut.h"

struct ev {
	char what;		/* 'a'ssociated, 'A'uthorized, 'g'one */
	int ifindex;
	uint8_t last;		/* the MAC's last byte */
	uint32_t vlan;
};

struct rec {
	struct ev ev[64];
	int n;
};

static void add(struct rec *r, char what, int ifindex, const uint8_t *mac,
		uint32_t vlan)
{
	if (r->n < 64)
		r->ev[r->n++] = (struct ev){ what, ifindex, mac[5], vlan };
}

static void on_assoc(void *data, int ifindex, const uint8_t mac[6])
{
	add(data, 'a', ifindex, mac, 0);
}

static void on_auth(void *data, int ifindex, const uint8_t mac[6],
		    uint32_t vlan)
{
	add(data, 'A', ifindex, mac, vlan);
}

static void on_gone(void *data, int ifindex, const uint8_t mac[6])
{
	add(data, 'g', ifindex, mac, 0);
}

static const struct nl80211_sta_ops ops = {
	.associated = on_assoc,
	.authorized = on_auth,
	.gone = on_gone,
};

/* The events since the last call, as "a1 A1 g2" (kind, MAC's last byte). */
static const char *events(struct rec *r)
{
	static char buf[256];
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->n; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%c%u",
					i ? " " : "", r->ev[i].what,
					r->ev[i].last);
	r->n = 0;
	return buf;
}

/* Run the loop until the request for (ifindex, mac or dump) is out. */
static uint32_t await_request(struct loop *loop, struct nl80211 *nl,
			      int ifindex, uint8_t last, bool dump)
{
	uint8_t mac[6];
	uint32_t seq;
	int i;

	mac_of(last, mac);
	for (i = 0; i < 100; i++) {
		seq = nl80211_request_seq(nl, ifindex, dump ? NULL : mac);
		if (seq)
			return seq;
		loop_iterate(loop, 20);
	}
	return 0;
}

static void pump(struct loop *loop, int ms)
{
	uint64_t end = loop_now_ms() + (uint64_t)ms;

	while (loop_now_ms() < end)
		loop_iterate(loop, 10);
}

UT_CASE(stations)
{
	struct loop *loop = loop_new();
	struct rec r = { .n = 0 };
	struct nl80211 *nl;
	int lo = (int)if_nametoindex("lo");
	char *logbuf = NULL;
	size_t logsize = 0;
	FILE *logf = open_memstream(&logbuf, &logsize);
	uint8_t mac[6];
	uint32_t seq;

	UT_ASSERT(loop && lo > 0 && logf);
	log_set_stream(logf);
	log_set_level(LOG_INFO);
	nl = nl80211_new(loop, NULL, &ops, &r);
	UT_ASSERT(nl);
	UT_EXPECT(nl80211_watch(nl, "lo") == 0);
	UT_EXPECT(nl80211_watch(nl, "lo") == -EEXIST);
	UT_EXPECT(nl80211_watch(nl, "") == -EINVAL);
	UT_EXPECT(nl80211_watch(nl, "0123456789abcdef") == -EINVAL);
	if (nl80211_start(nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	UT_EXPECT(nl80211_ifindex(nl, "lo") == lo);
	UT_EXPECT_STR(nl80211_ifname(nl, lo), "lo");
	pump(loop, 200);	/* the real lookup: nl80211 is not here */
	if (nl80211_present(nl)) {
		fprintf(stderr, "  cfg80211 is loaded here; skipped\n");
		goto out;
	}
	fflush(logf);
	UT_EXPECT(strstr(logbuf, "family \"nl80211\" not found (cfg80211 "
			 "not loaded?)"));
	mac_of(1, mac);
	UT_EXPECT(nl80211_del_station(nl, lo, mac, 3) == -ENOTCONN);

	/* nl80211 appears: the stations of lo are dumped. */
	family_ntf(nl, CTRL_CMD_NEWFAMILY, FAKE_ID);
	UT_EXPECT(nl80211_present(nl));
	seq = await_request(loop, nl, lo, 0, true);
	UT_ASSERT(seq);
	/*
	 * One authorized, one not, one without flags, one of another
	 * interface (ignored).  The authorized one is reported at the end,
	 * once its VLAN is known (none here: lo has no wiphy).
	 */
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 1, AUTH);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 2, 0);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 3, -1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, 999, 4, AUTH);
	done_msg(nl, seq);
	UT_EXPECT_STR(events(&r), "a1 a2 a3 A1");

	/* 2 is polled; not yet, then yes; said once. */
	seq = await_request(loop, nl, lo, 2, false);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, seq, lo, 2, 0);
	UT_EXPECT_STR(events(&r), "");
	seq = await_request(loop, nl, lo, 2, false);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, seq, lo, 2, AUTH);
	UT_EXPECT_STR(events(&r), "A2");
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, seq, lo, 2, AUTH);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 2, AUTH);
	UT_EXPECT_STR(events(&r), "");
	/* A late answer for a request not ours adds no station. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 12345, lo, 9, AUTH);
	UT_EXPECT_STR(events(&r), "");

	/* An event: associated, not authorized until the kernel says so. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 5, -1);
	UT_EXPECT_STR(events(&r), "a5");
	pump(loop, 100);	/* polled; the kernel's errors change nothing */
	UT_EXPECT_STR(events(&r), "");
	/* An event on an interface not watched (another AP) is not ours. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, 999, 6, AUTH);
	UT_EXPECT_STR(events(&r), "");

	/* Gone: on lo, and off an AP_VLAN (another ifindex, same MAC). */
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, lo, 3, -1);
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, 998, 2, -1);
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, lo, 7, -1);
	UT_EXPECT_STR(events(&r), "g3 g2");
	UT_EXPECT(r.n == 0);

	/*
	 * Resync: known 1 and 5; 8 arrives during the dump; 5 is not in it.
	 * It is asked for once more, and gone when the kernel says ENOENT.
	 */
	nl80211_resync(nl);
	seq = await_request(loop, nl, lo, 0, true);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 8, -1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 1, AUTH);
	done_msg(nl, seq);
	UT_EXPECT_STR(events(&r), "a8");
	seq = await_request(loop, nl, lo, 5, false);
	if (seq)
		error_msg(nl, seq, -ENOENT);
	/* (The host's kernel may have said ENOENT first: the same.) */
	UT_EXPECT_STR(events(&r), "g5");
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 8, AUTH);
	UT_EXPECT_STR(events(&r), "A8");

	/*
	 * A station on an AP_VLAN is not in the AP's dump but is still
	 * there: the kernel naming it keeps it.
	 */
	nl80211_resync(nl);
	seq = await_request(loop, nl, lo, 0, true);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 8, AUTH);
	done_msg(nl, seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 1, AUTH);
	pump(loop, 100);
	UT_EXPECT_STR(events(&r), "");

	/* Removal goes out; the family leaving takes every station. */
	UT_EXPECT(nl80211_del_station(nl, lo, mac, 3) == 0);
	UT_EXPECT(nl80211_del_station(nl, 0, mac, 3) == -EINVAL);
	family_ntf(nl, CTRL_CMD_DELFAMILY, FAKE_ID);
	UT_EXPECT(!nl80211_present(nl));
	UT_EXPECT_STR(events(&r), "g1 g8");
	UT_EXPECT(nl80211_del_station(nl, lo, mac, 3) == -ENOTCONN);

	/* Back: dumped again; unwatching reports what was there gone. */
	family_ntf(nl, CTRL_CMD_NEWFAMILY, FAKE_ID);
	seq = await_request(loop, nl, lo, 0, true);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, NLM_F_MULTI, seq, lo, 1, AUTH);
	done_msg(nl, seq);
	UT_EXPECT_STR(events(&r), "a1 A1");
	UT_EXPECT(nl80211_unwatch(nl, "lo") == 0);
	UT_EXPECT(nl80211_unwatch(nl, "lo") == -ENOENT);
	UT_EXPECT_STR(events(&r), "g1");
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 1, AUTH);
	UT_EXPECT_STR(events(&r), "");
	fflush(logf);
	UT_EXPECT(strstr(logbuf, "lo: station 02:00:00:00:01:01 authorized"));
out:
	nl80211_free(nl);
	loop_free(loop);
	log_set_stream(NULL);
	fclose(logf);
	free(logbuf);
}

/* Two radios, wlan0 and wlan1, under indexes only this test knows. */
#define WLAN0 7100
#define WLAN1 7101

static int fake_index(void *data, const char *name)
{
	if (!strcmp(name, "wlan0"))
		return WLAN0;
	if (!strcmp(name, "wlan1"))
		return WLAN1;
	return 0;
}

static unsigned int no_siblings(void *data, const char *name, int ifindex,
				int *out, unsigned int max)
{
	return 0;
}

static const struct nl80211_if_ops fake_ifs = {
	.index = fake_index,
	.siblings = no_siblings,
};

/* The events since the last call with their interface: "a7@0 g7@1". */
static const char *events_on(struct rec *r)
{
	static char buf[256];
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->n; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					"%s%c%u@%d", i ? " " : "",
					r->ev[i].what, r->ev[i].last,
					r->ev[i].ifindex - WLAN0);
	r->n = 0;
	return buf;
}

/* nl80211 present, wlan0 and wlan1 watched and dumped (empty). */
static struct nl80211 *two_radios(struct loop *loop, struct rec *r)
{
	struct nl80211 *nl = nl80211_new(loop, NULL, &ops, r);
	uint32_t seq;

	if (!nl)
		return NULL;
	nl80211_set_if_ops(nl, &fake_ifs, NULL);
	if (nl80211_watch(nl, "wlan0") || nl80211_watch(nl, "wlan1") ||
	    nl80211_start(nl) < 0) {
		nl80211_free(nl);
		return NULL;
	}
	/* The dumps go out at once, one after the other. */
	family_ntf(nl, CTRL_CMD_NEWFAMILY, FAKE_ID);
	seq = nl80211_request_seq(nl, WLAN0, NULL);
	if (seq)
		done_msg(nl, seq);
	seq = nl80211_request_seq(nl, WLAN1, NULL);
	if (seq)
		done_msg(nl, seq);
	return nl;
}

/*
 * A station moves from wlan0 to wlan1 (two local radios) and wlan0's
 * DEL_STATION comes after wlan1's NEW_STATION: one association, on wlan1;
 * the late DEL removes nothing.
 */
UT_CASE(moved_between_radios)
{
	struct loop *loop = loop_new();
	struct rec r = { .n = 0 };
	struct nl80211 *nl;
	uint8_t mac[6];
	uint32_t seq;

	UT_ASSERT(loop);
	log_set_level(LOG_ERR);
	/* The clock moves by hand; the host's answers are never read. */
	loop_clock_virtual(1000000);
	nl = two_radios(loop, &r);
	if (!nl) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		loop_free(loop);
		loop_clock_real();
		return;
	}
	UT_EXPECT(nl80211_ifindex(nl, "wlan1") == WLAN1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, -1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, AUTH);
	UT_EXPECT_STR(events_on(&r), "a7@0 A7@0");
	/* It moves: NEW on wlan1, then wlan0's late DEL. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN1, 7, -1);
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, WLAN0, 7, -1);
	UT_EXPECT_STR(events_on(&r), "a7@1");
	/* It is polled on wlan1, and authorized there. */
	mac_of(7, mac);
	loop_clock_advance(loop, 1);
	UT_EXPECT(nl80211_request_seq(nl, WLAN0, mac) == 0);
	seq = nl80211_request_seq(nl, WLAN1, mac);
	UT_ASSERT(seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, seq, WLAN1, 7, AUTH);
	UT_EXPECT_STR(events_on(&r), "A7@1");
	/* Back to wlan0, whose DEL comes from one of its AP_VLANs. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, -1);
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, 7999, 7, -1);
	UT_EXPECT_STR(events_on(&r), "a7@0");
	/* The other order: DEL first, then NEW. */
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, WLAN0, 7, -1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN1, 7, -1);
	UT_EXPECT_STR(events_on(&r), "g7@0 a7@1");
	/* Gone from wlan1 while wlan0 still lists it: live there again. */
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 8, -1);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN1, 8, -1);
	UT_EXPECT_STR(events_on(&r), "a8@0 a8@1");
	sta_msg(nl, NL80211_CMD_DEL_STATION, 0, 0, WLAN1, 8, -1);
	UT_EXPECT_STR(events_on(&r), "g8@1 a8@0");
	/* ... if the kernel confirms it: it says ENOENT. */
	mac_of(8, mac);
	seq = nl80211_request_seq(nl, WLAN0, mac);
	UT_ASSERT(seq);
	error_msg(nl, seq, -ENOENT);
	UT_EXPECT_STR(events_on(&r), "g8@0");
	nl80211_free(nl);
	loop_free(loop);
	loop_clock_real();
}

/*
 * A station that never gets authorized is asked for with a backoff: a
 * bounded number of GET_STATION over a minute, not one per 20 ms.
 */
UT_CASE(poll_bounded)
{
	struct loop *loop = loop_new();
	struct rec r = { .n = 0 };
	struct nl80211 *nl;
	int lo = (int)if_nametoindex("lo");
	unsigned int gets = 0, first_second = 0, t;
	uint32_t seq, last = 0;
	uint8_t mac[6];

	UT_ASSERT(loop && lo > 0);
	log_set_level(LOG_ERR);
	loop_clock_virtual(1000000);
	nl = nl80211_new(loop, NULL, &ops, &r);
	UT_ASSERT(nl);
	if (nl80211_watch(nl, "lo") || nl80211_start(nl) < 0) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		goto out;
	}
	family_ntf(nl, CTRL_CMD_NEWFAMILY, FAKE_ID);
	loop_clock_advance(loop, 10);
	seq = nl80211_request_seq(nl, lo, NULL);
	UT_ASSERT(seq);
	done_msg(nl, seq);
	sta_msg(nl, NL80211_CMD_NEW_STATION, 0, 0, lo, 9, -1);
	UT_EXPECT_STR(events(&r), "a9");
	mac_of(9, mac);
	/* The kernel answers every request at once: not authorized. */
	for (t = 0; t < 60000; t++) {
		seq = nl80211_request_seq(nl, lo, mac);
		if (seq && seq != last) {
			gets++;
			if (t < 1000)
				first_second++;
			last = seq;
			sta_msg(nl, NL80211_CMD_NEW_STATION, 0, seq, lo, 9,
				0);
		}
		loop_clock_advance(loop, 1);
	}
	fprintf(stderr, "  %u GET_STATION in 60 s, %u in the first\n", gets,
		first_second);
	UT_EXPECT(first_second >= 5);
	UT_EXPECT(gets <= 40);
	UT_EXPECT_STR(events(&r), "");
out:
	nl80211_free(nl);
	loop_free(loop);
	loop_clock_real();
}

UT_CASE(missing_interface)
{
	struct loop *loop = loop_new();
	struct nl80211 *nl = nl80211_new(loop, NULL, &ops, NULL);

	UT_ASSERT(loop && nl);
	log_set_level(LOG_ERR);
	UT_EXPECT(nl80211_watch(nl, "apedge-none0") == 0);
	if (nl80211_start(nl) == 0)
		UT_EXPECT(nl80211_ifindex(nl, "apedge-none0") == 0);
	UT_EXPECT(!nl80211_ifname(nl, 0));
	nl80211_free(nl);
	loop_free(loop);
}

UT_MAIN("apedged_nl80211_conn",
	UT_ENTRY(stations),
	UT_ENTRY(moved_between_radios),
	UT_ENTRY(poll_bounded),
	UT_ENTRY(missing_interface))
