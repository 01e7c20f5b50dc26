// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration: the [general] section, and where every engine's
 * sections go in struct config.  lib/ini reads the text; see config.h for
 * the format and lib/ini.h for what it refuses.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "apedged/config.h"
#include "lib/ctrl.h"

/* log.c's names, as config_levels_match_log in the tests checks. */
static const struct ini_name log_levels[] = {
	{ "debug", LOG_DEBUG },
	{ "info", LOG_INFO },
	{ "notice", LOG_NOTICE },
	{ "warning", LOG_WARNING },
	{ "error", LOG_ERR },
	{ NULL, 0 },
};

/* ctrl_socket_ro: an absolute path, or "none". */
static int parse_ro_socket(struct ini *ini, void *obj, char *value)
{
	struct config *cfg = obj;

	if (value[0] != '/' && strcmp(value, "none"))
		return ini_fail(ini, "ctrl_socket_ro must be an absolute path "
				"or none");
	if (strlen(value) >= sizeof(cfg->ctrl_socket_ro))
		return ini_fail(ini, "ctrl_socket_ro is too long (at most %zu "
				"characters)", sizeof(cfg->ctrl_socket_ro) - 1);
	snprintf(cfg->ctrl_socket_ro, sizeof(cfg->ctrl_socket_ro), "%s",
		 value);
	return 0;
}

/* A group's name or number, looked up when the sockets are set up. */
static int parse_group(struct ini *ini, char *g, const char *key,
		       const char *value)
{
	if (strlen(value) >= CONFIG_GROUP_MAX)
		return ini_fail(ini, "%s is too long (at most %d characters)",
				key, CONFIG_GROUP_MAX - 1);
	if (strpbrk(value, ":/ \t"))
		return ini_fail(ini, "invalid %s '%s'", key, value);
	snprintf(g, CONFIG_GROUP_MAX, "%s", value);
	return 0;
}

static int parse_ctrl_group(struct ini *ini, void *obj, char *value)
{
	return parse_group(ini, ((struct config *)obj)->ctrl_group,
			   "ctrl_group", value);
}

static int parse_monitor_group(struct ini *ini, void *obj, char *value)
{
	return parse_group(ini, ((struct config *)obj)->monitor_group,
			   "monitor_group", value);
}

static const struct ini_key general_keys[] = {
	INI_KEY_ENUM(struct config, "log_level", log_level, log_levels, "info",
		     INI_SET(struct config, log_level_set)),
	INI_KEY_PATH(struct config, "ctrl_socket", ctrl_socket,
		     CONFIG_PATH_MAX - 1, APEDGE_CTRL_PATH,
		     INI_SET(struct config, ctrl_socket_set)),
	INI_KEY_CUSTOM(struct config, "ctrl_socket_ro", ctrl_socket_ro,
		       parse_ro_socket),
	INI_KEY_CUSTOM(struct config, "ctrl_group", ctrl_group,
		       parse_ctrl_group),
	INI_KEY_CUSTOM(struct config, "monitor_group", monitor_group,
		       parse_monitor_group),
	{ NULL },
};

/* Its keys are struct config's own fields: bound at offset 0. */
static const struct ini_section general_section = {
	.name = "general",
	.keys = general_keys,
	.size = sizeof(struct config),
};

/*
 * One line per section.  Their end() checks run in this order once the
 * whole text is read: the BSSID map's before [iapp]'s.
 */
const struct ini_bind config_binds[] = {
	INI_BIND_ROOT(general_section),
	INI_BIND_ARRAY(kernel_port_section, struct config, ports, n_ports),
	INI_BIND_ARRAY(iapp_bssid_section, struct config, bssids, n_bssids),
	INI_BIND_ONE(iapp_section, struct config, iapp),
	INI_BIND_ARRAY(wifi_ap_section, struct config, aps, n_aps),
	INI_BIND_ONE(dhcp4_global_section, struct config, dhcp4),
	INI_BIND_ARRAY(dhcp4_section, struct config, dhcp4s, n_dhcp4s),
	INI_BIND_ARRAY(eapol_section, struct config, eapols, n_eapols),
	INI_BIND_ARRAY(station_section, struct config, stations, n_stations),
	INI_BIND_ARRAY(auth_section, struct config, auths, n_auths),
	INI_BIND_ONE(dhcp6_global_section, struct config, dhcp6),
	INI_BIND_ARRAY(dhcp6_section, struct config, dhcp6s, n_dhcp6s),
	{ NULL },
};

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* Cannot fail: the unit tests run ini_check() on the tables. */
	ini_defaults(config_binds, cfg);
}

void config_free(struct config *cfg)
{
	ini_free(config_binds, cfg);
}

const struct config_port *config_find_port(const struct config *cfg,
					   const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->n_ports; i++)
		if (!strcmp(cfg->ports[i].ifname, ifname))
			return &cfg->ports[i];
	return NULL;
}

const struct config_bssid *config_find_bssid(const struct config *cfg,
					     const uint8_t bssid[MAC_LEN])
{
	size_t i;

	for (i = 0; i < cfg->n_bssids; i++)
		if (!memcmp(cfg->bssids[i].bssid, bssid, MAC_LEN))
			return &cfg->bssids[i];
	return NULL;
}

const struct config_ap *config_find_ap(const struct config *cfg,
				       const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->n_aps; i++)
		if (!strcmp(cfg->aps[i].ifname, ifname))
			return &cfg->aps[i];
	return NULL;
}

const struct config_dhcp4 *config_find_dhcp4(const struct config *cfg,
					     const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->n_dhcp4s; i++)
		if (!strcmp(cfg->dhcp4s[i].ifname, ifname))
			return &cfg->dhcp4s[i];
	return NULL;
}

/*
 * What no one section can tell.  A DHCPv4 client on an untrusted port
 * would never hear a server: the module's guard drops DHCP replies that
 * come in on an untrusted port (Documentation/admin-guide/guard.rst).
 */
static int cross_check(struct config *cfg, struct config_error *err)
{
	const struct config_port *p;
	size_t i, k;

	/* a port authenticates others or itself, not both */
	for (i = 0; i < cfg->n_auths; i++)
		for (k = 0; k < cfg->n_eapols; k++)
			if (!strcmp(cfg->auths[i].ifname,
				    cfg->eapols[k].ifname)) {
				err->line = cfg->auths[i].line;
				snprintf(err->msg, sizeof(err->msg),
					 "[auth %s]: the port has an [eapol "
					 "%s] supplicant (line %u); it cannot "
					 "be both", cfg->auths[i].ifname,
					 cfg->eapols[k].ifname,
					 cfg->eapols[k].line);
				return -EINVAL;
			}

	for (i = 0; i < cfg->n_dhcp4s; i++) {
		p = config_find_port(cfg, cfg->dhcp4s[i].ifname);
		if (p && p->role == APEDGE_PORT_ROLE_UNTRUSTED) {
			err->line = cfg->dhcp4s[i].line;
			snprintf(err->msg, sizeof(err->msg), "[dhcp4 %s]: %s "
				 "is an untrusted port, whose guard drops the "
				 "server's replies; make it trusted",
				 cfg->dhcp4s[i].ifname, p->ifname);
			return -EINVAL;
		}
	}
	return 0;
}

int config_parse(const char *text, size_t len, struct config *cfg,
		 struct config_error *err)
{
	struct ini_error ierr;
	int r;

	config_init(cfg);
	r = ini_parse(text, len, config_binds, cfg, &ierr);
	err->line = ierr.line;
	snprintf(err->msg, sizeof(err->msg), "%s", ierr.msg);
	if (!r)
		r = cross_check(cfg, err);
	if (r < 0)
		config_free(cfg);
	return r;
}
