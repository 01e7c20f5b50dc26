/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wiring of stations between the wifi engine and the IAPP engine: the
 * root's part, since engines never include each other.
 *
 *   wifi associated(ifname, mac)  -> iapp_sta_add()
 *   wifi authorized(ifname, mac)  -> iapp_sta_set_vlan() (the AP_VLAN's
 *                                    802.1Q ID from [ap]), iapp_sta_authorize()
 *   wifi gone(ifname, mac)        -> iapp_sta_del(), unless IAPP has the
 *                                    station on another interface (it
 *                                    moved there: the old one's news is old)
 *   wifi kick_result(error)       -> iapp_kick_result()
 *
 * and publishes what IAPP is told on the event bus (sta-associated,
 * sta-authorized with the VLAN, sta-gone) for the control socket's
 * monitors.
 *   iapp kick hook                -> wifi_kick() as [iapp] kick says
 */
#ifndef APEDGED_STATION_H
#define APEDGED_STATION_H

#include <stddef.h>

struct config;
struct events;
struct iapp;
struct netif;
struct sta;
struct wifi;
struct wifi_settings;

struct agenl;

struct station_wiring {
	struct iapp *iapp;
	struct wifi *wifi;
	struct netif *netif;		/* interface names; NULL: libc */
	struct events *bus;		/* the monitors' events; NULL: none */
	const struct config *cfg;	/* the daemon's current one */
	struct agenl *nl;		/* the module; NULL: none */
};

/* The wifi engine's callbacks; their data is a struct station_wiring. */
extern const struct wifi_ops station_wifi_ops;

/*
 * A station's event for the monitors (sta-associated, sta-authorized,
 * sta-gone): its name, ifname, mac and vlan (-1: none).
 */
void station_publish(struct station_wiring *sw, const char *name,
		     const char *ifname, const uint8_t mac[6], int vlan);

/* IAPP's kick hook: -EOPNOTSUPP for kick = none. */
int station_kick(const struct sta *s, struct station_wiring *sw);

/*
 * The wifi engine's settings for cfg, whose control socket is ctrl_path:
 * hostapd's control interface followed with kick = hostapd, and our
 * client socket beside the control socket ("DIR/STEM.hostapd.sock" for
 * "DIR/STEM.sock"), in path (size bytes).
 */
void station_wifi_settings(const struct config *cfg, const char *ctrl_path,
			   struct wifi_settings *s, char *path, size_t size);

#endif
