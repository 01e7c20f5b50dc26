// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client's config sections, [dhcp4] and [dhcp4 IFNAME], as key
 * tables; see config.h for the keys.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp4/config.h"

#define DEFAULT_PRL "1,3,6,12,15,26,28,51,54,58,59,119,121"

static int parse_client_id(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp4 *c = obj;
	const char *h;
	size_t n, i;

	c->client_id_len = 0;
	if (!strcmp(value, "mac")) {
		c->cid_mode = DHCP4_CID_MAC;
		return 0;
	}
	if (!strcmp(value, "duid")) {
		c->cid_mode = DHCP4_CID_DUID;
		return 0;
	}
	if (strncmp(value, "hex:", 4))
		return ini_fail(ini, "client_id must be mac, duid or hex:XX..");
	h = value + 4;
	n = strlen(h);
	if (n < 4 || n % 2 || n / 2 > DHCP4_CLIENT_ID_MAX)
		return ini_fail(ini, "client_id hex: 2 to %d bytes (type byte "
				"first)", DHCP4_CLIENT_ID_MAX);
	for (i = 0; i < n / 2; i++) {
		char b[3] = { h[2 * i], h[2 * i + 1], 0 };

		if (!isxdigit((unsigned char)b[0]) ||
		    !isxdigit((unsigned char)b[1]))
			return ini_fail(ini, "client_id: not hex digits");
		c->client_id[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	c->client_id_len = n / 2;
	c->cid_mode = DHCP4_CID_HEX;
	return 0;
}

/* RFC 1123 host name characters: letters, digits, '-' and '.'. */
static int parse_hostname(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp4 *c = obj;
	const char *s;

	if (strlen(value) > 63 && !strchr(value, '.'))
		return ini_fail(ini, "hostname: a label is at most 63 "
				"characters");
	if (strlen(value) >= sizeof(c->hostname))
		return ini_fail(ini, "hostname is too long");
	for (s = value; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
			return ini_fail(ini, "hostname: only letters, digits, "
					"'-' and '.'");
	snprintf(c->hostname, sizeof(c->hostname), "%s", value);
	return 0;
}

static int parse_request(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp4 *c = obj;
	char *s = value, *end;
	unsigned long v;
	size_t i;

	c->prl_len = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s < '0' || *s > '9')
			return ini_fail(ini, "request: a list of option "
					"numbers, 1..254, with commas");
		v = strtoul(s, &end, 10);
		if (v < 1 || v > 254 || end - s > 3)
			return ini_fail(ini, "request: option %lu is not in "
					"1..254", v);
		for (i = 0; i < c->prl_len; i++)
			if (c->prl[i] == v)
				return ini_fail(ini, "request: option %lu "
						"twice", v);
		if (c->prl_len >= DHCP4_PRL_MAX)
			return ini_fail(ini, "request: at most %d options",
					DHCP4_PRL_MAX);
		c->prl[c->prl_len++] = (uint8_t)v;
		s = end;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == ',') {
			s++;
			if (!*s)
				return ini_fail(ini, "request: a comma at "
						"the end");
		} else if (*s) {
			return ini_fail(ini, "request: a list of option "
					"numbers, 1..254, with commas");
		}
	}
	return 0;
}

static int parse_resolv(struct ini *ini, void *obj, char *value)
{
	struct config_dhcp4 *c = obj;

	c->resolv_path[0] = '\0';
	if (!strcmp(value, "auto")) {
		c->resolv_mode = DHCP4_RESOLV_AUTO;
		return 0;
	}
	if (!strcmp(value, "none")) {
		c->resolv_mode = DHCP4_RESOLV_NONE;
		return 0;
	}
	if (value[0] != '/')
		return ini_fail(ini, "resolv must be auto, none or an "
				"absolute path");
	if (strlen(value) >= sizeof(c->resolv_path) - 8)
		return ini_fail(ini, "resolv: the path is too long");
	snprintf(c->resolv_path, sizeof(c->resolv_path), "%s", value);
	c->resolv_mode = DHCP4_RESOLV_FILE;
	return 0;
}

static const struct ini_key global_keys[] = {
	/* Room for "/", an interface name, ".lease" and a ".tmp". */
	INI_KEY_PATH(struct config_dhcp4_global, "state_dir", state_dir,
		     DHCP4_CONFIG_PATH_MAX - 1 - IFNAMSIZ - 12,
		     DHCP4_STATE_DIR),
	{ NULL },
};

const struct ini_section dhcp4_global_section = {
	.name = "dhcp4",
	.keys = global_keys,
	.size = sizeof(struct config_dhcp4_global),
};

static const struct ini_key client_arg =
	INI_KEY_IFNAME(struct config_dhcp4, "IFNAME", ifname);

#define C struct config_dhcp4
static const struct ini_key client_keys[] = {
	INI_KEY_BOOL(C, "acd", acd, "yes"),
	INI_KEY_CUSTOM(C, "client_id", cid_mode, parse_client_id),
	INI_KEY_CUSTOM(C, "hostname", hostname, parse_hostname),
	INI_KEY_STRING(C, "vendor_class", vendor_class, DHCP4_NAME_MAX,
		       "apedge"),
	INI_KEY_CUSTOM(C, "request", prl, parse_request, .def = DEFAULT_PRL),
	INI_KEY_BOOL(C, "release_on_stop", release_on_stop, "no"),
	INI_KEY_PATH(C, "hook", hook, DHCP4_CONFIG_PATH_MAX - 1, NULL, ),
	INI_KEY_CUSTOM(C, "resolv", resolv_mode, parse_resolv, .def = "auto"),
	INI_KEY_PATH(C, "resolv_file", resolv_file,
		     DHCP4_CONFIG_PATH_MAX - 8, NULL, ),
	INI_KEY_UINT(C, "route_metric", route_metric, 0, UINT32_MAX, "0"),
	INI_KEY_UINT(C, "retrans_min_ms", retrans_min_ms, 100, 600000, "4000"),
	INI_KEY_UINT(C, "retrans_max_ms", retrans_max_ms, 100, 600000,
		     "64000"),
	INI_KEY_UINT(C, "probe_wait_ms", probe_wait_ms, 0, 60000, "1000"),
	INI_KEY_UINT(C, "probe_min_ms", probe_min_ms, 1, 60000, "1000"),
	INI_KEY_UINT(C, "probe_max_ms", probe_max_ms, 1, 60000, "2000"),
	INI_KEY_UINT(C, "probe_num", probe_num, 1, 10, "3"),
	INI_KEY_UINT(C, "announce_wait_ms", announce_wait_ms, 0, 60000,
		     "2000"),
	INI_KEY_UINT(C, "announce_num", announce_num, 0, 10, "2"),
	INI_KEY_UINT(C, "announce_interval_ms", announce_interval_ms, 1,
		     60000, "2000"),
	{ NULL },
};
#undef C

static int client_end(struct ini *ini, void *obj)
{
	const struct config_dhcp4 *c = obj;

	if (c->retrans_min_ms > c->retrans_max_ms)
		return ini_fail(ini, "[dhcp4 %s]: retrans_min_ms is above "
				"retrans_max_ms", c->ifname);
	if (c->probe_min_ms > c->probe_max_ms)
		return ini_fail(ini, "[dhcp4 %s]: probe_min_ms is above "
				"probe_max_ms", c->ifname);
	return 0;
}

const struct ini_section dhcp4_section = {
	.name = "dhcp4",
	.keys = client_keys,
	.size = sizeof(struct config_dhcp4),
	.arg = &client_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = DHCP4_CLIENTS_MAX,
	.noun = "DHCPv4 client",
	.plural = "DHCPv4 clients",
	.line_offset = offsetof(struct config_dhcp4, line),
	.end = client_end,
};

void dhcp4_config_sm(const struct config_dhcp4 *c, const uint8_t mac[6],
		     struct dhcp4_sm_config *o)
{
	dhcp4_sm_config_default(o);
	o->acd = c->acd;
	o->retrans_min_ms = c->retrans_min_ms;
	o->retrans_max_ms = c->retrans_max_ms;
	o->probe_wait_ms = c->probe_wait_ms;
	o->probe_min_ms = c->probe_min_ms;
	o->probe_max_ms = c->probe_max_ms;
	o->probe_num = c->probe_num;
	o->announce_wait_ms = c->announce_wait_ms;
	o->announce_num = c->announce_num;
	o->announce_interval_ms = c->announce_interval_ms;
	switch (c->cid_mode) {
	case DHCP4_CID_HEX:
		memcpy(o->client_id, c->client_id, c->client_id_len);
		o->client_id_len = (uint8_t)c->client_id_len;
		break;
	case DHCP4_CID_DUID:
		/*
		 * RFC 4361 §6.1: type 255, a 4-byte IAID (here the MAC's
		 * last four bytes), then the DUID: DUID-LL (RFC 8415
		 * §11.4), type 3, hardware type 1, the MAC.
		 */
		o->client_id[0] = 255;
		memcpy(o->client_id + 1, mac + 2, 4);
		o->client_id[5] = 0;
		o->client_id[6] = 3;
		o->client_id[7] = 0;
		o->client_id[8] = 1;
		memcpy(o->client_id + 9, mac, 6);
		o->client_id_len = 15;
		break;
	default:
		o->client_id[0] = 1;
		memcpy(o->client_id + 1, mac, 6);
		o->client_id_len = 7;
		break;
	}
	snprintf(o->hostname, sizeof(o->hostname), "%s", c->hostname);
	snprintf(o->vendor_class, sizeof(o->vendor_class), "%s",
		 c->vendor_class);
	memcpy(o->prl, c->prl, c->prl_len);
	o->prl_len = (uint8_t)c->prl_len;
}

const char *dhcp4_config_resolv_file(const struct config_dhcp4 *c,
				     char *buf, size_t size)
{
	if (c->resolv_mode == DHCP4_RESOLV_FILE)
		snprintf(buf, size, "%s", c->resolv_path);
	else if (c->resolv_file[0])
		snprintf(buf, size, "%s", c->resolv_file);
	else
		snprintf(buf, size, DHCP4_RESOLV_DIR "/resolv.conf.%s",
			 c->ifname);
	return buf;
}

bool dhcp4_config_equal(const struct config_dhcp4 *a,
			const struct config_dhcp4 *b)
{
	struct config_dhcp4 t;

	memcpy(&t, a, sizeof(t));

	t.line = b->line;
	return !memcmp(&t, b, sizeof(t));
}
