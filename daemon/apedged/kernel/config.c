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
	INI_KEY_BOOL(struct config_port, "l2update_relay", l2update_relay,
		     "no"),
	INI_KEY_UINT(struct config_port, "l2update_vlan", l2update_vlan,
		     0, 4094, "0"),
	{ NULL },
};

/* The module refuses a burst that would last longer than its span. */
static int port_end(struct ini *ini, void *obj)
{
	const struct config_port *p = obj;
	uint64_t span = (uint64_t)(p->l2update_count - 1) *
			p->l2update_interval_ms;

	if (span > APEDGE_XID_SPAN_MAX)
		return ini_fail(ini, "port %s: a Layer-2 Update burst of %u frames %u ms apart lasts %llu ms, over the module's %u ms",
				p->ifname, p->l2update_count,
				p->l2update_interval_ms,
				(unsigned long long)span, APEDGE_XID_SPAN_MAX);
	return 0;
}

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
	.end = port_end,
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
