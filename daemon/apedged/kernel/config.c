// SPDX-License-Identifier: GPL-2.0
/* The kernel engine's config section, [port IFNAME], as a key table. */
#include "kernel/config.h"

static const struct ini_name roles[] = {
	{ "trusted", APEDGE_PORT_ROLE_TRUSTED },
	{ "untrusted", APEDGE_PORT_ROLE_UNTRUSTED },
	{ NULL, 0 },
};

static const struct ini_name l2update_modes[] = {
	{ "transmit", APEDGE_XID_MODE_TRANSMIT },
	{ "inject", APEDGE_XID_MODE_INJECT },
	{ "off", 0 },
	{ NULL, 0 },
};

static const struct ini_key port_arg =
	INI_KEY_IFNAME(struct config_port, "interface name", ifname);

static const struct ini_key port_keys[] = {
	/* The default role is the safe one. */
	INI_KEY_ENUM(struct config_port, "role", role, roles, "untrusted"),
	INI_KEY_ENUM(struct config_port, "l2update", l2update,
		     l2update_modes, "off"),
	INI_KEY_UINT(struct config_port, "l2update_count", l2update_count,
		     1, APEDGE_XID_COUNT_MAX, "1"),
	INI_KEY_UINT(struct config_port, "l2update_interval_ms",
		     l2update_interval_ms, 0, APEDGE_XID_INTERVAL_MAX, "0"),
	{ NULL },
};

const struct ini_section kernel_port_section = {
	.name = "port",
	.keys = port_keys,
	.size = sizeof(struct config_port),
	.arg = &port_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = CONFIG_PORTS_MAX,
	.noun = "port",
	.plural = "ports",
	.line_offset = offsetof(struct config_port, line),
};

const char *config_role_name(enum apedge_port_role role)
{
	switch (role) {
	case APEDGE_PORT_ROLE_TRUSTED:
		return "trusted";
	case APEDGE_PORT_ROLE_UNTRUSTED:
		return "untrusted";
	}
	return "unknown";
}
