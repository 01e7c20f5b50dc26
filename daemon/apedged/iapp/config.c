// SPDX-License-Identifier: GPL-2.0
/* The IAPP engine's configuration values: names for logs and JSON. */
#include "iapp/config.h"

const char *config_kick_name(enum config_kick kick)
{
	switch (kick) {
	case CONFIG_KICK_NONE:
		return "none";
	case CONFIG_KICK_HOSTAPD:
		return "hostapd";
	case CONFIG_KICK_NL80211:
		return "nl80211";
	}
	return "unknown";
}
