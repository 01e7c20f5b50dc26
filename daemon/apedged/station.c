// SPDX-License-Identifier: GPL-2.0
/*
 * Stations between the wifi and IAPP engines.  See station.h.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "apedged/config.h"
#include "apedged/events.h"
#include "apedged/station.h"
#include "iapp/iapp.h"
#include "iapp/sta.h"
#include "kernel/genl.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/mac.h"
#include "lib/netif.h"
#include "lib/strbuf.h"
#include "wifi/wifi.h"

void station_publish(struct station_wiring *sw, const char *name,
		     const char *ifname, const uint8_t mac[6], int vlan)
{
	char m[MAC_STR_LEN];
	struct strbuf f;
	struct json j;

	if (!sw->bus)
		return;
	sb_init(&f);
	json_init(&j, &f, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "ifname", ifname);
	json_kstr(&j, "mac", mac_format(mac, m));
	if (vlan >= 0)
		json_ki64(&j, "vlan", vlan);
	json_obj_end(&j);
	events_publish(sw->bus, name, json_ok(&j) ? f.buf : NULL);
	sb_free(&f);
}

/* IAPP's entry of mac when it is here on ifname; else NULL (logged). */
static struct sta *here_on(struct station_wiring *sw, const char *ifname,
			   const uint8_t mac[6], const char *what)
{
	struct sta *s = sta_find_here(iapp_stas(sw->iapp), mac);
	char m[MAC_STR_LEN];

	if (s && strcmp(s->ifname, ifname)) {
		log_info("station %s: %s on %s ignored: it is on %s now",
			 mac_format(mac, m), what, ifname, s->ifname);
		return NULL;
	}
	return s;
}

static void moved(int error, const char *ext_msg, void *data)
{
	if (error)
		log_rl(LOG_INFO, "binding-move: %s%s%s", strerror(-error),
		       ext_msg[0] ? ": " : "", ext_msg);
}

/*
 * A station here on another interface (another radio, another AP_VLAN)
 * associated on ifname: its bindings in the module follow it, before its
 * first frame there meets the source guard.
 */
static void follow(struct station_wiring *sw, const char *ifname,
		   const uint8_t mac[6])
{
	struct sta *s = sta_find_here(iapp_stas(sw->iapp), mac);
	char m[MAC_STR_LEN];
	int r;

	if (!sw->nl || !s || !strcmp(s->ifname, ifname))
		return;
	r = agenl_binding_move(sw->nl, mac, s->ifname, ifname, moved, NULL);
	if (r && r != -ENOTCONN)
		log_warn("station %s: binding-move %s -> %s: %s",
			 mac_format(mac, m), s->ifname, ifname, strerror(-r));
}

static void associated(void *data, const char *ifname, const uint8_t mac[6])
{
	struct station_wiring *sw = data;
	struct iapp_sta_args a = {
		.ifname = ifname,
		.mac = mac,
	};
	char m[MAC_STR_LEN];
	int r;

	station_publish(sw, "sta-associated", ifname, mac, -1);
	follow(sw, ifname, mac);
	r = iapp_sta_add(sw->iapp, &a);
	if (r < 0)
		log_err("station %s on %s: %s", mac_format(mac, m), ifname,
			r == -ENOSPC ? "the station table is full" :
			strerror(-r));
}

/* The 802.1Q VLAN ID of an AP_VLAN interface; 0 when it says none. */
static uint16_t vlan_of(struct station_wiring *sw, const char *ap_ifname,
			uint32_t vlan_ifindex, const uint8_t mac[6])
{
	char name[IF_NAMESIZE], m[MAC_STR_LEN];
	const struct netif_link *l = NULL;
	uint16_t vid;

	if (!vlan_ifindex)
		return 0;
	if (sw->netif) {
		l = netif_link_by_index(sw->netif, (int)vlan_ifindex);
		if (l)
			snprintf(name, sizeof(name), "%s", l->name);
	}
	if (sw->netif ? !l : !if_indextoname(vlan_ifindex, name)) {
		log_warn("station %s: its AP_VLAN (ifindex %u) is gone: "
			 "untagged", mac_format(mac, m), vlan_ifindex);
		return 0;
	}
	vid = config_ap_vlan_id(config_find_ap(sw->cfg, ap_ifname), ap_ifname,
				name);
	if (!vid)
		log_warn("station %s: no VLAN ID for its AP_VLAN %s (add it "
			 "to vlan_map of [ap %s]): untagged",
			 mac_format(mac, m), name, ap_ifname);
	return vid;
}

static void authorized(void *data, const char *ifname, const uint8_t mac[6],
		       uint32_t vlan_ifindex)
{
	struct station_wiring *sw = data;
	uint16_t vlan;

	if (!here_on(sw, ifname, mac, "its authorization"))
		return;
	vlan = vlan_of(sw, ifname, vlan_ifindex, mac);
	station_publish(sw, "sta-authorized", ifname, mac, vlan);
	iapp_sta_set_vlan(sw->iapp, mac, vlan);
	iapp_sta_authorize(sw->iapp, mac);
}

static void gone(void *data, const char *ifname, const uint8_t mac[6])
{
	struct station_wiring *sw = data;

	if (!here_on(sw, ifname, mac, "its departure") &&
	    sta_find_here(iapp_stas(sw->iapp), mac))
		return;		/* it is on another interface now */
	station_publish(sw, "sta-gone", ifname, mac, -1);
	/* -ENOENT: already removed by a kick. */
	iapp_sta_del(sw->iapp, mac);
}

static void kick_result(void *data, const char *ifname, const uint8_t mac[6],
			int error)
{
	struct station_wiring *sw = data;

	iapp_kick_result(sw->iapp, error);
}

const struct wifi_ops station_wifi_ops = {
	.associated = associated,
	.authorized = authorized,
	.gone = gone,
	.kick_result = kick_result,
};

int station_kick(const struct sta *s, struct station_wiring *sw)
{
	switch (sw->cfg->iapp.kick) {
	case CONFIG_KICK_NL80211:
		return wifi_kick(sw->wifi, s->ifname, s->mac,
				 WIFI_KICK_NL80211);
	case CONFIG_KICK_HOSTAPD:
		return wifi_kick(sw->wifi, s->ifname, s->mac,
				 WIFI_KICK_HOSTAPD);
	default:
		return -EOPNOTSUPP;
	}
}

void station_wifi_settings(const struct config *cfg, const char *ctrl_path,
			   struct wifi_settings *s, char *path, size_t size)
{
	size_t len = strlen(ctrl_path), stem = len;

	if (len >= 5 && !strcmp(ctrl_path + len - 5, ".sock"))
		stem = len - 5;
	if (snprintf(path, size, "%.*s.hostapd.sock", (int)stem,
		     ctrl_path) >= (int)size)
		path[0] = '\0';
	*s = (struct wifi_settings){
		.hostapd = cfg->iapp.kick == CONFIG_KICK_HOSTAPD,
		.hostapd_ctrl = cfg->iapp.hostapd_ctrl,
		.client_path = path[0] ? path : NULL,
	};
}
