/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IAPP engine's configuration: the [iapp] section and the BSSID map
 * ([bssid MAC] sections).  apedged/config.c parses them; the engine only
 * reads these structs, so it needs nothing of the daemon's root.
 */
#ifndef APEDGED_IAPP_CONFIG_H
#define APEDGED_IAPP_CONFIG_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/un.h>

#include "iapp/wire.h"
#include "lib/mac.h"

#define CONFIG_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)

enum config_kick {
	CONFIG_KICK_NONE,	/* log only */
	CONFIG_KICK_HOSTAPD,	/* DEAUTHENTICATE over hostapd's ctrl iface */
	CONFIG_KICK_NL80211,	/* nl80211 DEL_STATION */
};

struct config_iapp {
	bool enabled;		/* [iapp] with an interface given */
	char ifname[IFNAMSIZ];
	unsigned int ttl;
	struct iapp_key key;	/* len 0: no authentication */
	uint16_t port;
	unsigned int move_timeout_ms;
	enum config_kick kick;
	char hostapd_ctrl[CONFIG_PATH_MAX];
	bool has_bssid;
	uint8_t bssid[MAC_LEN];
	bool cache_notify;
	unsigned int cache_timeout_s;
};

/* One entry of the BSSID map: which AP (IPv4 address) serves a BSSID. */
struct config_bssid {
	uint8_t bssid[MAC_LEN];
	struct in_addr addr;
	unsigned int line;	/* of its section header */
};

const char *config_kick_name(enum config_kick kick);

#endif
