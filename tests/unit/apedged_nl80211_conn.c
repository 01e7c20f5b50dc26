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
#include "nlmb.h"
#include "ut.h"

#define FAKE_ID 0x7ff1
#define FAKE_GROUP 0x7ff1
#define AUTH (1u << NL80211_STA_FLAG_AUTHORIZED)

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

static void start(struct mb *m, uint16_t type, uint16_t flags, uint32_t seq,
		  uint8_t cmd)
{
	mb_genl(m, type, flags, seq, cmd, 0);
}

static void feed(struct nl80211 *nl, struct mb *m)
{
	mb_end(m);
	nl80211_handle_datagram(nl, m->buf, m->len);
}

static void family_ntf(struct nl80211 *nl, uint8_t cmd, uint16_t id)
{
	uint32_t group = FAKE_GROUP;
	struct mb m, grp = { .len = 0 }, entry = { .len = 0 };

	start(&m, GENL_ID_CTRL, 0, 0, cmd);
	mb_attr(&m, CTRL_ATTR_FAMILY_NAME, "nl80211", sizeof("nl80211"));
	mb_attr(&m, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_NAME, "mlme", sizeof("mlme"));
	mb_attr(&entry, CTRL_ATTR_MCAST_GRP_ID, &group, sizeof(group));
	mb_attr(&grp, 1 | NLA_F_NESTED, entry.buf, entry.len);
	mb_attr(&m, CTRL_ATTR_MCAST_GROUPS | NLA_F_NESTED, grp.buf, grp.len);
	feed(nl, &m);
}

static void mac_of(uint8_t last, uint8_t mac[6])
{
	static const uint8_t base[6] = { 0x02, 0, 0, 0, 0x01, 0 };

	memcpy(mac, base, 6);
	mac[5] = last;
}

/* A NEW_STATION (event: seq 0) or DEL_STATION; has_flags when set != -1. */
static void sta_msg(struct nl80211 *nl, uint8_t cmd, uint16_t flags,
		    uint32_t seq, uint32_t ifindex, uint8_t last,
		    int64_t set)
{
	struct nl80211_sta_flag_update fl = { AUTH, (uint32_t)set };
	struct mb m, info = { .len = 0 };
	uint8_t mac[6];

	mac_of(last, mac);
	start(&m, FAKE_ID, flags, seq, cmd);
	mb_attr(&m, NL80211_ATTR_IFINDEX, &ifindex, sizeof(ifindex));
	mb_attr(&m, NL80211_ATTR_MAC, mac, 6);
	if (set >= 0) {
		mb_attr(&info, NL80211_STA_INFO_STA_FLAGS, &fl, sizeof(fl));
		mb_attr(&m, NL80211_ATTR_STA_INFO | NLA_F_NESTED, info.buf,
		     info.len);
	}
	feed(nl, &m);
}

static void done_msg(struct nl80211 *nl, uint32_t seq)
{
	struct nlmsghdr nlh = { .nlmsg_len = NLMSG_HDRLEN + 4,
				.nlmsg_type = NLMSG_DONE,
				.nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = seq };
	uint8_t buf[NLMSG_HDRLEN + 4] = { 0 };

	memcpy(buf, &nlh, sizeof(nlh));
	nl80211_handle_datagram(nl, buf, sizeof(buf));
}

static void error_msg(struct nl80211 *nl, uint32_t seq, int error)
{
	struct nlmsghdr nlh = { .nlmsg_len = NLMSG_HDRLEN +
				sizeof(struct nlmsgerr),
				.nlmsg_type = NLMSG_ERROR,
				.nlmsg_flags = NLM_F_CAPPED, .nlmsg_seq = seq };
	struct nlmsgerr e = { .error = error };
	uint8_t buf[NLMSG_HDRLEN + sizeof(struct nlmsgerr)];

	e.msg.nlmsg_len = NLMSG_HDRLEN;
	e.msg.nlmsg_seq = seq;
	memcpy(buf, &nlh, sizeof(nlh));
	memcpy(buf + NLMSG_HDRLEN, &e, sizeof(e));
	nl80211_handle_datagram(nl, buf, sizeof(buf));
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
	UT_ENTRY(missing_interface))
