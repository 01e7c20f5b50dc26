// SPDX-License-Identifier: GPL-2.0
/*
 * The [eapol IFNAME] section as a key table; see config.h for the keys.
 */
#include <stddef.h>
#include <string.h>

#include "eapol/config.h"

static const struct ini_name methods[] = {
	{ "md5", EAP_TYPE_MD5 },
	{ "tls", EAP_TYPE_TLS },
	{ "peap", EAP_TYPE_PEAP },
	{ "ttls", EAP_TYPE_TTLS },
	{ NULL, 0 },
};

static const struct ini_name phase2s[] = {
	{ "pap", EAP_PHASE2_PAP },
	{ "mschapv2", EAP_PHASE2_MSCHAPV2 },
	{ NULL, 0 },
};

static const struct ini_key client_arg =
	INI_KEY_IFNAME(struct config_eapol, "IFNAME", ifname);

#define C struct config_eapol
#define S (EAP_CFG_STR_MAX - 1)
static const struct ini_key client_keys[] = {
	INI_KEY_STRING(C, "identity", peer.identity, S, NULL),
	INI_KEY_STRING(C, "anonymous_identity", peer.anonymous_identity, S,
		       NULL),
	INI_KEY_STRING(C, "password", peer.password, S, NULL,
		       .flags = INI_F_SECRET),
	INI_KEY_ENUM(C, "method", peer.method, methods, "md5"),
	INI_KEY_ENUM(C, "phase2", peer.phase2, phase2s, "mschapv2"),
	INI_KEY_PATH(C, "ca_file", peer.ca_file, S, NULL),
	INI_KEY_STRING(C, "domain", peer.domain, S, NULL),
	INI_KEY_PATH(C, "client_cert", peer.client_cert, S, NULL),
	INI_KEY_PATH(C, "private_key", peer.private_key, S, NULL),
	INI_KEY_STRING(C, "private_key_password", peer.private_key_password,
		       S, NULL, .flags = INI_F_SECRET),
	INI_KEY_BOOL(C, "ca_none_accept_mitm", peer.ca_none_accept_mitm,
		     "no"),
	INI_KEY_UINT(C, "start_period", start_period, 1, 3600, "30"),
	INI_KEY_UINT(C, "max_start", max_start, 1, 100, "3"),
	INI_KEY_UINT(C, "held_period", held_period, 1, 3600, "60"),
	INI_KEY_UINT(C, "auth_period", auth_period, 1, 3600, "30"),
	{ NULL },
};
#undef S
#undef C

static int client_end(struct ini *ini, void *obj)
{
	const struct config_eapol *c = obj;
	const struct eap_peer_cfg *p = &c->peer;

	if (!p->identity[0])
		return ini_fail(ini, "[eapol %s]: identity is required",
				c->ifname);
	if (p->method == EAP_TYPE_MD5 && !p->password[0])
		return ini_fail(ini, "[eapol %s]: method md5 needs a "
				"password", c->ifname);
	if (p->method != EAP_TYPE_MD5 && !p->ca_file[0] &&
	    !p->ca_none_accept_mitm)
		return ini_fail(ini, "[eapol %s]: a TLS method needs ca_file "
				"(or, accepting any server, "
				"ca_none_accept_mitm = yes)", c->ifname);
	if (p->method == EAP_TYPE_TLS &&
	    (!p->client_cert[0] || !p->private_key[0]))
		return ini_fail(ini, "[eapol %s]: method tls needs "
				"client_cert and private_key", c->ifname);
	return 0;
}

const struct ini_section eapol_section = {
	.name = "eapol",
	.keys = client_keys,
	.size = sizeof(struct config_eapol),
	.arg = &client_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = EAPOL_CLIENTS_MAX,
	.noun = "802.1X supplicant",
	.plural = "802.1X supplicants",
	.line_offset = offsetof(struct config_eapol, line),
	.end = client_end,
};

bool eapol_config_equal(const struct config_eapol *a,
			const struct config_eapol *b)
{
	return !strcmp(a->ifname, b->ifname) &&
	       !memcmp(&a->peer, &b->peer, sizeof(a->peer)) &&
	       a->start_period == b->start_period &&
	       a->max_start == b->max_start &&
	       a->held_period == b->held_period &&
	       a->auth_period == b->auth_period;
}

/* [station IFNAME] */

static const struct ini_name key_mgmts[] = {
	{ "WPA-PSK", 0 },
	{ "WPA-EAP", 1 },
	{ NULL, 0 },
};

static const struct ini_key station_arg =
	INI_KEY_IFNAME(struct config_station, "IFNAME", ifname);

#define C struct config_station
static const struct ini_key station_keys[] = {
	INI_KEY_STRING(C, "ssid", ssid, 32, NULL),
	INI_KEY_ENUM(C, "key_mgmt", key_mgmt, key_mgmts, "WPA-PSK"),
	INI_KEY_STRING(C, "psk", psk, 64, NULL, .flags = INI_F_SECRET),
	INI_KEY_MAC(C, "bssid", bssid, INI_F_UNICAST,
		    INI_SET(C, have_bssid)),
	INI_KEY_UINT(C, "freq", freq, 0, 7125, "0"),
	{ NULL },
};
#undef C

static bool all_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		      (*s >= 'A' && *s <= 'F')))
			return false;
	return true;
}

static int station_end(struct ini *ini, void *obj)
{
	const struct config_station *c = obj;
	size_t n = strlen(c->psk);

	if (!c->ssid[0])
		return ini_fail(ini, "[station %s]: ssid is required",
				c->ifname);
	if (c->key_mgmt != 0)
		return ini_fail(ini, "[station %s]: key_mgmt WPA-EAP is not "
				"supported yet", c->ifname);
	if (n < 8 || (n == 64 && !all_hex(c->psk)))
		return ini_fail(ini, "[station %s]: psk must be a passphrase "
				"of 8 to 63 characters or 64 hex digits",
				c->ifname);
	for (const char *p = c->psk; *p; p++)
		if (*p < 32 || *p > 126)
			return ini_fail(ini, "[station %s]: psk has a "
					"character outside ASCII 32..126",
					c->ifname);
	if (c->freq && c->freq < 2412)
		return ini_fail(ini, "[station %s]: freq is in MHz (2412 "
				"and up)", c->ifname);
	return 0;
}

const struct ini_section station_section = {
	.name = "station",
	.keys = station_keys,
	.size = sizeof(struct config_station),
	.arg = &station_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = STATION_MAX,
	.noun = "WPA2 station",
	.plural = "WPA2 stations",
	.line_offset = offsetof(struct config_station, line),
	.end = station_end,
};

bool station_config_equal(const struct config_station *a,
			  const struct config_station *b)
{
	return !strcmp(a->ifname, b->ifname) && !strcmp(a->ssid, b->ssid) &&
	       a->key_mgmt == b->key_mgmt && !strcmp(a->psk, b->psk) &&
	       a->have_bssid == b->have_bssid &&
	       !memcmp(a->bssid, b->bssid, 6) && a->freq == b->freq;
}
