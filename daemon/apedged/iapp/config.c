// SPDX-License-Identifier: GPL-2.0
/*
 * The IAPP engine's config sections, [iapp] and [bssid MAC], as key
 * tables; and the names of their values for logs and JSON.
 */
#include <net/if.h>

#include "iapp/config.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const struct ini_name kicks[] = {
	{ "none", CONFIG_KICK_NONE },
	{ "hostapd", CONFIG_KICK_HOSTAPD },
	{ "nl80211", CONFIG_KICK_NL80211 },
	{ NULL, 0 },
};

static const struct ini_name cache_notify_names[] = {
	{ "off", 0 },
	{ "all", 1 },
	{ NULL, 0 },
};

static const struct ini_key iapp_keys[] = {
	INI_KEY_IFNAME(struct config_iapp, "interface", ifname,
		       INI_SET(struct config_iapp, enabled)),
	INI_KEY_UINT(struct config_iapp, "ttl", ttl, 1, 255, "1"),
	INI_KEY_HEX(struct config_iapp, "key", key.key, key.len,
		    INI_F_SECRET),
	INI_KEY_UINT(struct config_iapp, "port", port, 1, 65535,
		     STR(IAPP_PORT)),
	INI_KEY_UINT(struct config_iapp, "move_timeout_ms", move_timeout_ms,
		     100, 60000, "1000"),
	INI_KEY_ENUM(struct config_iapp, "kick", kick, kicks, "none"),
	/* Room for "/" and an interface name after it. */
	INI_KEY_PATH(struct config_iapp, "hostapd_ctrl", hostapd_ctrl,
		     CONFIG_PATH_MAX - 1 - IFNAMSIZ, "/var/run/hostapd"),
	INI_KEY_MAC(struct config_iapp, "bssid", bssid, INI_F_UNICAST,
		    INI_SET(struct config_iapp, has_bssid)),
	INI_KEY_ENUM(struct config_iapp, "cache_notify", cache_notify,
		     cache_notify_names, "off"),
	INI_KEY_UINT(struct config_iapp, "cache_timeout_s", cache_timeout_s,
		     1, 65535, "60"),
	INI_KEY_UINT(struct config_iapp, "replay_window_s", replay_window_s,
		     1, IAPP_REPLAY_WINDOW_S_MAX, STR(IAPP_REPLAY_WINDOW_S)),
	{ NULL },
};

static int iapp_end(struct ini *ini, void *obj)
{
	const struct config_iapp *ia = obj;

	/* Not about one line: the section lacks a key. */
	if (!ia->enabled)
		return ini_fail_at(ini, 0, "section [iapp] needs 'interface'");
	return 0;
}

const struct ini_section iapp_section = {
	.name = "iapp",
	.keys = iapp_keys,
	.size = sizeof(struct config_iapp),
	.end = iapp_end,
};

static const struct ini_key bssid_arg =
	INI_KEY_MAC(struct config_bssid, "BSSID", bssid, INI_F_UNICAST);

static const struct ini_key bssid_keys[] = {
	INI_KEY_IPV4(struct config_bssid, "address", addr),
	{ NULL },
};

static int bssid_end(struct ini *ini, void *obj)
{
	const struct config_bssid *b = obj;

	if (!b->addr.s_addr)
		return ini_fail(ini, "section [bssid] needs 'address'");
	return 0;
}

const struct ini_section iapp_bssid_section = {
	.name = "bssid",
	.keys = bssid_keys,
	.size = sizeof(struct config_bssid),
	.arg = &bssid_arg,
	.arg_what = "a BSSID",
	.arg_meta = "MAC",
	.max = CONFIG_BSSIDS_MAX,
	.noun = "BSSID",
	.plural = "BSSIDs",
	.line_offset = offsetof(struct config_bssid, line),
	.end = bssid_end,
};

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
