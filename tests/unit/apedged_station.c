// SPDX-License-Identifier: GPL-2.0
/*
 * The root's wiring of stations (apedged/station.c): the wifi engine, fed
 * nl80211's part by the test (tests/unit/nl80211_fake.h) for two radios,
 * wlan0 and wlan1, and the IAPP engine behind it.  A station moving
 * between the radios must end up associated once, on the new one, in
 * IAPP's table, whatever order the kernel's events come in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"
#include "apedged/station.h"
#include "iapp/iapp.h"
#include "iapp/sta.h"
#include "lib/log.h"
#include "lib/loop.h"
#include "wifi/nl80211.h"
#include "wifi/wifi.h"
#include "nl80211_fake.h"
#include "ut.h"

#define WLAN0 7200
#define WLAN1 7201

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

struct env {
	struct loop *loop;
	struct config cfg;
	struct station_wiring sw;
	struct nl80211 *nl;
};

static const struct iapp_ops no_iapp_ops;

static bool setup(struct env *e)
{
	uint32_t seq;

	memset(e, 0, sizeof(*e));
	loop_clock_virtual(1000000);
	e->loop = loop_new();
	config_init(&e->cfg);
	e->sw.cfg = &e->cfg;
	e->sw.iapp = e->loop ? iapp_new(e->loop, NULL, &no_iapp_ops, NULL) : NULL;
	if (!e->sw.iapp)
		return false;
	e->sw.wifi = wifi_new(e->loop, NULL, &station_wifi_ops, &e->sw);
	if (!e->sw.wifi)
		return false;
	e->nl = wifi_nl80211(e->sw.wifi);
	nl80211_set_if_ops(e->nl, &fake_ifs, NULL);
	if (wifi_watch(e->sw.wifi, "wlan0") || wifi_watch(e->sw.wifi, "wlan1"))
		return false;
	family_ntf(e->nl, CTRL_CMD_NEWFAMILY, FAKE_ID);
	seq = nl80211_request_seq(e->nl, WLAN0, NULL);
	if (seq)
		done_msg(e->nl, seq);
	seq = nl80211_request_seq(e->nl, WLAN1, NULL);
	if (seq)
		done_msg(e->nl, seq);
	return true;
}

static void teardown(struct env *e)
{
	wifi_free(e->sw.wifi);
	iapp_free(e->sw.iapp);
	config_free(&e->cfg);
	loop_free(e->loop);
	loop_clock_real();
}

/* IAPP's table: "STATE@IFNAME" for the station, "" if absent. */
static const char *iapp_has(struct env *e, uint8_t last)
{
	static char buf[64];
	uint8_t mac[6];
	struct sta *s;

	mac_of(last, mac);
	s = sta_find_here(iapp_stas(e->sw.iapp), mac);
	if (!s)
		return "";
	snprintf(buf, sizeof(buf), "%s@%s", sta_state_name(s->state),
		 s->ifname);
	return buf;
}

UT_CASE(moved_between_radios)
{
	struct env e;

	log_set_level(LOG_ERR);
	if (!setup(&e)) {
		fprintf(stderr, "  no generic netlink socket; skipped\n");
		teardown(&e);
		return;
	}
	sta_msg(e.nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, -1);
	sta_msg(e.nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, AUTH);
	UT_EXPECT_STR(iapp_has(&e, 7), "authorized@wlan0");
	/* NEW on wlan1, then wlan0's late DEL: one association, wlan1. */
	sta_msg(e.nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN1, 7, -1);
	UT_EXPECT_STR(iapp_has(&e, 7), "associated@wlan1");
	sta_msg(e.nl, NL80211_CMD_DEL_STATION, 0, 0, WLAN0, 7, -1);
	UT_EXPECT_STR(iapp_has(&e, 7), "associated@wlan1");
	UT_EXPECT(iapp_stas(e.sw.iapp)->n == 1);
	sta_msg(e.nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN1, 7, AUTH);
	UT_EXPECT_STR(iapp_has(&e, 7), "authorized@wlan1");
	/* DEL first, then NEW: gone, then associated on wlan0. */
	sta_msg(e.nl, NL80211_CMD_DEL_STATION, 0, 0, WLAN1, 7, -1);
	UT_EXPECT_STR(iapp_has(&e, 7), "");
	sta_msg(e.nl, NL80211_CMD_NEW_STATION, 0, 0, WLAN0, 7, -1);
	UT_EXPECT_STR(iapp_has(&e, 7), "associated@wlan0");
	UT_EXPECT(iapp_stas(e.sw.iapp)->n == 1);
	teardown(&e);
}

/* The wiring alone: news of a station IAPP has elsewhere is old. */
UT_CASE(stale_news)
{
	struct env e;
	uint8_t mac[6];

	log_set_level(LOG_ERR);
	if (!setup(&e)) {
		teardown(&e);
		return;
	}
	mac_of(9, mac);
	station_wifi_ops.associated(&e.sw, "wlan1", mac);
	station_wifi_ops.authorized(&e.sw, "wlan0", mac, 0);
	UT_EXPECT_STR(iapp_has(&e, 9), "associated@wlan1");
	station_wifi_ops.gone(&e.sw, "wlan0", mac);
	UT_EXPECT_STR(iapp_has(&e, 9), "associated@wlan1");
	station_wifi_ops.authorized(&e.sw, "wlan1", mac, 0);
	UT_EXPECT_STR(iapp_has(&e, 9), "authorized@wlan1");
	station_wifi_ops.gone(&e.sw, "wlan1", mac);
	UT_EXPECT_STR(iapp_has(&e, 9), "");
	/* A kick refused by hostapd is counted. */
	station_wifi_ops.kick_result(&e.sw, "wlan1", mac, -EPERM);
	station_wifi_ops.kick_result(&e.sw, "wlan1", mac, 0);
	UT_EXPECT(iapp_get_stats(e.sw.iapp)->kick_failed == 1);
	teardown(&e);
}

UT_CASE(settings)
{
	struct config cfg;
	struct wifi_settings ws;
	char path[108];

	config_init(&cfg);
	station_wifi_settings(&cfg, "/run/apedge/apedged.sock", &ws, path,
			      sizeof(path));
	UT_EXPECT_STR(path, "/run/apedge/apedged.hostapd.sock");
	UT_EXPECT(!ws.hostapd && ws.client_path == path);
	UT_EXPECT_STR(ws.hostapd_ctrl, "/var/run/hostapd");
	cfg.iapp.kick = CONFIG_KICK_HOSTAPD;
	station_wifi_settings(&cfg, "/tmp/t/ap1", &ws, path, sizeof(path));
	UT_EXPECT_STR(path, "/tmp/t/ap1.hostapd.sock");
	UT_EXPECT(ws.hostapd);
	station_wifi_settings(&cfg, "/tmp/t/ap1", &ws, path, 10);
	UT_EXPECT(!ws.client_path);
	config_free(&cfg);
}

UT_MAIN("apedged_station",
	UT_ENTRY(moved_between_radios),
	UT_ENTRY(stale_news),
	UT_ENTRY(settings))
