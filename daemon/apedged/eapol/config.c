// SPDX-License-Identifier: GPL-2.0
/*
 * The [eapol IFNAME] section as a key table; see config.h for the keys.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eapol/authsm.h"
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

/* --- [auth IFNAME] ---------------------------------------------------- */

static const struct ini_name auth_modes[] = {
	{ "port", AUTH_MODE_PORT },
	{ "mac", AUTH_MODE_MAC },
	{ NULL, 0 },
};

static const struct ini_name auth_controls[] = {
	{ "auto", AUTH_CONTROL_AUTO },
	{ "force-authorized", AUTH_CONTROL_FORCE_AUTH },
	{ "force-unauthorized", AUTH_CONTROL_FORCE_UNAUTH },
	{ NULL, 0 },
};

static const struct ini_name mab_formats[] = {
	{ "plain", AUTH_MAB_FMT_PLAIN },
	{ "ietf", AUTH_MAB_FMT_IETF },
	{ "colon", AUTH_MAB_FMT_COLON },
	{ NULL, 0 },
};

/* One ADDR[:PORT] or [V6ADDR]:PORT (or a bare V6ADDR) into sv. */
static int parse_one_server(struct ini *ini, char *w,
			    struct config_auth_server *sv)
{
	unsigned char buf[16];
	char *port = NULL, *addr = w, *end;
	unsigned long n;

	if (w[0] == '[') {
		addr = w + 1;
		end = strchr(addr, ']');
		if (!end || (end[1] && end[1] != ':'))
			return ini_fail(ini, "radius_server: bad address '%s'",
					w);
		*end = 0;
		if (end[1] == ':')
			port = end + 2;
	} else if (strchr(w, ':') == strrchr(w, ':') && strchr(w, ':')) {
		port = strchr(w, ':');
		*port++ = 0;
	}
	if (inet_pton(AF_INET, addr, buf) != 1 &&
	    inet_pton(AF_INET6, addr, buf) != 1)
		return ini_fail(ini, "radius_server: '%s' is not an IPv4 or "
				"IPv6 address", addr);
	snprintf(sv->addr, sizeof(sv->addr), "%s", addr);
	sv->port = AUTH_RADIUS_PORT;
	if (port) {
		n = strtoul(port, &end, 10);
		if (!*port || *end || n < 1 || n > 65535)
			return ini_fail(ini, "radius_server: bad port '%s'",
					port);
		sv->port = (uint16_t)n;
	}
	return 0;
}

static int parse_servers(struct ini *ini, void *obj, char *value)
{
	struct config_auth *c = obj;
	char *save = NULL, *w;
	int r;

	c->n_servers = 0;
	for (w = strtok_r(value, " \t,", &save); w;
	     w = strtok_r(NULL, " \t,", &save)) {
		if (c->n_servers >= AUTH_RADIUS_SERVERS_MAX)
			return ini_fail(ini, "radius_server: at most %d "
					"servers", AUTH_RADIUS_SERVERS_MAX);
		r = parse_one_server(ini, w, &c->servers[c->n_servers]);
		if (r)
			return r;
		c->n_servers++;
	}
	if (!c->n_servers)
		return ini_fail(ini, "radius_server: no address");
	return 0;
}

static const struct ini_key auth_arg =
	INI_KEY_IFNAME(struct config_auth, "IFNAME", ifname);

#define C struct config_auth
static const struct ini_key auth_keys[] = {
	INI_KEY_ENUM(C, "mode", mode, auth_modes, "port"),
	INI_KEY_ENUM(C, "control", control, auth_controls, "auto"),
	INI_KEY_CUSTOM(C, "radius_server", servers, parse_servers),
	INI_KEY_PATH(C, "radius_secret_file", secret_file, 255, NULL),
	INI_KEY_STRING(C, "nas_identifier", nas_identifier, 63, NULL),
	INI_KEY_BOOL(C, "mab", mab, "no"),
	INI_KEY_UINT(C, "mab_delay", mab_delay, 1, 3600, "30"),
	INI_KEY_ENUM(C, "mab_format", mab_format, mab_formats, "plain"),
	INI_KEY_STRING(C, "mab_password", mab_password, 127, NULL,
		       .flags = INI_F_SECRET),
	INI_KEY_UINT(C, "guest_vlan", guest_vlan, 0, 4094, "0"),
	INI_KEY_UINT(C, "auth_fail_vlan", auth_fail_vlan, 0, 4094, "0"),
	INI_KEY_UINT(C, "reauth_period", reauth_period, 0, 86400, "3600"),
	INI_KEY_UINT(C, "quiet_period", quiet_period, 0, 65535, "60"),
	INI_KEY_UINT(C, "supp_timeout", supp_timeout, 1, 65535, "30"),
	INI_KEY_UINT(C, "server_timeout", server_timeout, 1, 65535, "30"),
	INI_KEY_UINT(C, "max_req", max_req, 1, 10, "2"),
	INI_KEY_UINT(C, "max_sessions", max_sessions, 1, AUTH_SESSIONS_MAX,
		     "64"),
	{ NULL },
};
#undef C

static int auth_end(struct ini *ini, void *obj)
{
	const struct config_auth *c = obj;

	if (c->control != AUTH_CONTROL_AUTO)
		return 0;
	if (!c->n_servers)
		return ini_fail(ini, "[auth %s]: radius_server is required",
				c->ifname);
	if (!c->secret_file[0])
		return ini_fail(ini, "[auth %s]: radius_secret_file is "
				"required", c->ifname);
	if (c->mab_password[0] && !c->mab)
		return ini_fail(ini, "[auth %s]: mab_password without mab = "
				"yes", c->ifname);
	return 0;
}

const struct ini_section auth_section = {
	.name = "auth",
	.keys = auth_keys,
	.size = sizeof(struct config_auth),
	.arg = &auth_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = AUTH_PORTS_MAX,
	.noun = "802.1X authenticator",
	.plural = "802.1X authenticators",
	.line_offset = offsetof(struct config_auth, line),
	.end = auth_end,
};

void eapol_auth_cfg(const struct config_auth *c, struct auth_cfg *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = (enum auth_mode)c->mode;
	o->control = (enum auth_control)c->control;
	o->quiet_period_ms = c->quiet_period * 1000;
	o->reauth_period_ms = c->reauth_period * 1000;
	o->supp_timeout_ms = c->supp_timeout * 1000;
	o->server_timeout_ms = c->server_timeout * 1000;
	o->max_req = c->max_req;
	o->max_sessions = c->max_sessions;
	o->mab = c->mab;
	o->mab_delay_ms = c->mab_delay * 1000;
	o->mab_format = (enum auth_mab_format)c->mab_format;
	o->mab_password = c->mab_password;
	o->guest_vlan = (uint16_t)c->guest_vlan;
	o->auth_fail_vlan = (uint16_t)c->auth_fail_vlan;
}
