/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wifi engine: the stations of the access point interfaces ([ap]
 * sections), as nl80211 shows them (wifi/nl80211.c, each station's life in
 * wifi/sta_sm.c), helped by hostapd's control interface when there is one
 * (wifi/hostapd.c): AP-STA-CONNECTED makes the authorization be asked for
 * at once, and DEAUTHENTICATE removes a station with a frame.
 *
 * The engine includes nothing of the others: what it learns goes out
 * through struct wifi_ops, which the daemon's root wires to the IAPP
 * engine (apedged/station.c).
 */
#ifndef APEDGED_WIFI_WIFI_H
#define APEDGED_WIFI_WIFI_H

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct netif;
struct wifi;
struct nl80211;
struct hostapd;

/*
 * The callbacks; any may be NULL.  ifname is the watched AP interface's.
 * Each station is reported associated once, then authorized at most once
 * (with the AP_VLAN interface it is on, else 0), then gone once; a station
 * moving to another watched interface is reported associated there, and
 * nothing more on the old one.  kick_result() is hostapd's answer to
 * wifi_kick(WIFI_KICK_HOSTAPD): 0, -EPERM (it refused) or -ETIMEDOUT.
 * A callback may call wifi_kick(), but not wifi_unwatch(),
 * wifi_configure() or wifi_free().
 */
struct wifi_ops {
	void (*associated)(void *data, const char *ifname,
			   const uint8_t mac[6]);
	void (*authorized)(void *data, const char *ifname,
			   const uint8_t mac[6], uint32_t vlan_ifindex);
	void (*gone)(void *data, const char *ifname, const uint8_t mac[6]);
	void (*kick_result)(void *data, const char *ifname,
			    const uint8_t mac[6], int error);
};

struct wifi_settings {
	/*
	 * Talk to hostapd: follow the events of every watched interface's
	 * hostapd (CTRL_DIR/IFNAME), and kick through it.
	 */
	bool hostapd;
	const char *hostapd_ctrl;	/* hostapd's ctrl_interface */
	const char *client_path;	/* our socket (see wifi/hostapd.h) */
};

/* netif: the interface watcher (see wifi/nl80211.h); NULL: libc lookups. */
struct wifi *wifi_new(struct loop *loop, struct netif *netif,
		      const struct wifi_ops *ops, void *data);
void wifi_free(struct wifi *w);

/* 0, or -errno: the settings are kept anyway and used when they can be. */
int wifi_configure(struct wifi *w, const struct wifi_settings *s);

/*
 * Follow an AP interface by name (one that does not exist yet is looked
 * for again), or stop: its stations are then reported gone.  The first
 * watch opens the nl80211 socket.  0, -EEXIST / -ENOENT, -EINVAL, -errno.
 */
int wifi_watch(struct wifi *w, const char *ifname);
int wifi_unwatch(struct wifi *w, const char *ifname);

/*
 * Someone who saw it happen (hostapd's AP-STA-CONNECTED, the module's
 * relay of mac80211's Layer-2 Update) says mac was authorized on ifname:
 * ask the kernel now rather than at the next poll.  Only a hint: the
 * station is reported authorized once nl80211 says so.
 */
void wifi_sta_hint(struct wifi *w, const char *ifname, const uint8_t mac[6]);

enum wifi_kick_method {
	WIFI_KICK_NL80211,	/* DEL_STATION: no frame to the station */
	WIFI_KICK_HOSTAPD,	/* DEAUTHENTICATE through hostapd */
};

/*
 * Remove a station from ifname.  NL80211 needs a watched interface
 * (-ENODEV otherwise); HOSTAPD any interface hostapd runs.  0 once asked,
 * else -errno.
 */
int wifi_kick(struct wifi *w, const char *ifname, const uint8_t mac[6],
	      enum wifi_kick_method how);

/* The parts, for tests and tools. */
struct nl80211 *wifi_nl80211(struct wifi *w);
struct hostapd *wifi_hostapd(struct wifi *w);

#endif
