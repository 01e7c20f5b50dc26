/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration of apedged, parsed from an INI-like text (lib/ini.h):
 *
 *	# comment (also ';'), on a line of its own
 *	[general]
 *	log_level = info		# debug|info|notice|warning|error
 *	ctrl_socket = /run/apedge/apedged.sock
 *	ctrl_socket_ro = /run/apedge/apedged.ro.sock	# or none
 *	ctrl_group = apedge-admin	# its members are admins (0660)
 *	monitor_group = apedge		# its members see stations
 *
 * and the sections of the engines, each in its folder's config.h:
 * [port IFNAME] (kernel/), [iapp] and [bssid MAC] (iapp/), [ap IFNAME]
 * (wifi/), [dhcp4] and [dhcp4 IFNAME] (dhcp4/), [dhcp6] and [dhcp6 IFNAME]
 * (dhcp6/).  config.c owns [general] and binds every section into struct
 * config: a new engine's section is one line of config_binds[].
 *
 * config_parse() is pure: it reads a buffer and fills a struct, and on
 * error reports the line and what is wrong with it.  Reading the file is
 * the caller's business (config_load() in config_file.c).
 */
#ifndef APEDGED_CONFIG_H
#define APEDGED_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp4/config.h"
#include "eapol/config.h"
#include "dhcp6/config.h"
#include "iapp/config.h"
#include "kernel/config.h"
#include "lib/ifname.h"
#include "lib/ini.h"
#include "wifi/config.h"

#define CONFIG_LINE_MAX INI_LINE_MAX	/* longest line, without newline */
#define CONFIG_GROUP_MAX 64	/* a group's name or number, and its NUL */

struct config {
	int log_level;		/* LOG_ERR .. LOG_DEBUG */
	bool log_level_set;	/* given in the file */
	char ctrl_socket[CONFIG_PATH_MAX];
	bool ctrl_socket_set;
	/* "": beside ctrl_socket (lib/ctrl.h ctrl_ro_path()); or "none" */
	char ctrl_socket_ro[CONFIG_PATH_MAX];
	char ctrl_group[CONFIG_GROUP_MAX];	/* "": none */
	char monitor_group[CONFIG_GROUP_MAX];	/* "": none */
	struct config_port *ports;
	size_t n_ports;
	struct config_iapp iapp;
	struct config_bssid *bssids;
	size_t n_bssids;
	struct config_ap *aps;
	size_t n_aps;
	struct config_dhcp4_global dhcp4;
	struct config_dhcp4 *dhcp4s;
	size_t n_dhcp4s;
	struct config_eapol *eapols;
	size_t n_eapols;
	struct config_station *stations;
	size_t n_stations;
	struct config_auth *auths;
	size_t n_auths;
	struct config_dhcp6_global dhcp6;
	struct config_dhcp6 *dhcp6s;
	size_t n_dhcp6s;
};

struct config_error {
	unsigned int line;	/* 1-based; 0 when not about a line */
	char msg[INI_MSG_MAX];
};

/* Every section and where it goes in struct config. */
extern const struct ini_bind config_binds[];

/* Every key's default: log level info, APEDGE_CTRL_PATH, no ports. */
void config_init(struct config *cfg);
/* Free the sections' arrays and cleanse the secrets (the IAPP key). */
void config_free(struct config *cfg);

/*
 * Parse len bytes of text into cfg, which is initialised first.  Returns 0,
 * or -EINVAL (-ENOMEM) with err filled in and cfg left empty.
 */
int config_parse(const char *text, size_t len, struct config *cfg,
		 struct config_error *err);

const struct config_port *config_find_port(const struct config *cfg,
					   const char *ifname);
const struct config_bssid *config_find_bssid(const struct config *cfg,
					     const uint8_t bssid[MAC_LEN]);

const struct config_dhcp4 *config_find_dhcp4(const struct config *cfg,
					     const char *ifname);

const struct config_ap *config_find_ap(const struct config *cfg,
				       const char *ifname);

/* Whether name is acceptable to the kernel as an interface name. */
#define config_ifname_valid ifname_valid

#endif
