/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration of apedged, parsed from an INI-like text:
 *
 *	# comment (also ';'), on a line of its own
 *	[general]
 *	log_level = info		# debug|info|notice|warning|error
 *	ctrl_socket = /run/apedge/apedged.sock
 *
 *	[port eth0]
 *	role = trusted			# trusted|untrusted (default)
 *
 * config_parse() is pure: it reads a buffer and fills a struct, and on
 * error reports the line and what is wrong with it.  Reading the file is
 * the caller's business (config_load() in apedged.c).
 */
#ifndef APEDGED_CONFIG_H
#define APEDGED_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/un.h>

#include <linux/apedge.h>

#define CONFIG_LINE_MAX 255	/* longest line, not counting its newline */
#define CONFIG_PORTS_MAX 256
#define CONFIG_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)

struct config_port {
	char ifname[IFNAMSIZ];
	enum apedge_port_role role;
	unsigned int line;	/* of its section header */
};

struct config {
	int log_level;		/* LOG_ERR .. LOG_DEBUG */
	bool log_level_set;	/* given in the file */
	char ctrl_socket[CONFIG_PATH_MAX];
	bool ctrl_socket_set;
	struct config_port *ports;
	size_t n_ports;
};

struct config_error {
	unsigned int line;	/* 1-based; 0 when not about a line */
	char msg[160];
};

/* Defaults: log level info, APEDGE_CTRL_PATH, no ports. */
void config_init(struct config *cfg);
void config_free(struct config *cfg);

/*
 * Parse len bytes of text into cfg, which is initialised first.  Returns 0,
 * or -EINVAL (-ENOMEM) with err filled in and cfg left empty.
 */
int config_parse(const char *text, size_t len, struct config *cfg,
		 struct config_error *err);

const struct config_port *config_find_port(const struct config *cfg,
					   const char *ifname);
const char *config_role_name(enum apedge_port_role role);

/* Whether name is acceptable to the kernel as an interface name. */
bool config_ifname_valid(const char *name);

#endif
