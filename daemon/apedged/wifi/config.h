/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wifi engine's configuration: [ap IFNAME] sections, the access point
 * interfaces whose stations nl80211 reports, and the VLAN IDs of their
 * AP_VLAN interfaces.
 *
 *	[ap wlan0]
 *	vlan_map = wlan0.sta7:70 guest:20	# AP_VLAN name -> 802.1Q VLAN
 *						# ID, for names that do not
 *						# say it
 */
#ifndef APEDGED_WIFI_CONFIG_H
#define APEDGED_WIFI_CONFIG_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/ini.h"

#define CONFIG_APS_MAX 64
#define CONFIG_AP_VLANS_MAX 16	/* vlan_map entries of one AP */

/* An AP_VLAN interface name and the 802.1Q VLAN ID it carries. */
struct config_ap_vlan {
	char ifname[IFNAMSIZ];
	uint16_t vid;		/* 1..4094 */
};

/* An AP interface ([ap IFNAME]) whose stations nl80211 reports. */
struct config_ap {
	char ifname[IFNAMSIZ];
	struct config_ap_vlan vlans[CONFIG_AP_VLANS_MAX];
	size_t n_vlans;
	unsigned int line;	/* of its section header */
};

/* [ap IFNAME], repeated: bound to an array of struct config_ap. */
extern const struct ini_section wifi_ap_section;

/*
 * The 802.1Q VLAN ID of the AP_VLAN interface vlan_ifname of the AP ap:
 * the one ap's vlan_map gives it, else the one its name says in hostapd's
 * naming ("<ap>.<vid>" with vlan_naming=1, "vlan<vid>" with 0), else 0
 * (unknown: untagged).  A number is decimal, 1..4094, without a leading
 * zero.  ap may be NULL (no map).
 */
uint16_t config_ap_vlan_id(const struct config_ap *ap, const char *ap_ifname,
			   const char *vlan_ifname);

#endif
