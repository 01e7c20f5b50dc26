// SPDX-License-Identifier: GPL-2.0
#include "apedged/config.h"
#include "apedged/status.h"

void status_format(struct strbuf *sb, const struct status_info *si)
{
	size_t i;

	sb_puts(sb, "{\"version\": ");
	sb_json_string(sb, si->version);
	sb_puts(sb, ", \"module\": ");
	sb_json_string(sb, si->module);
	sb_printf(sb, ", \"family_id\": %u", si->family_id);
	sb_puts(sb, ", \"module_version\": ");
	sb_json_string(sb, si->module_version ? si->module_version : "");
	sb_printf(sb, ", \"pid\": %d, \"uptime_s\": %llu", si->pid,
		  (unsigned long long)si->uptime_s);
	sb_puts(sb, ", \"log_level\": ");
	sb_json_string(sb, si->log_level);
	sb_puts(sb, ", \"config\": ");
	sb_json_string(sb, si->config);
	sb_puts(sb, ", \"ports\": [");
	for (i = 0; i < si->n_ports; i++) {
		const struct status_port *p = &si->ports[i];

		sb_puts(sb, i ? ", {\"ifname\": " : "{\"ifname\": ");
		sb_json_string(sb, p->ifname);
		sb_puts(sb, ", \"role\": ");
		sb_json_string(sb, config_role_name(p->role));
		sb_printf(sb, ", \"attached\": %s}",
			  p->attached ? "true" : "false");
	}
	sb_puts(sb, "]");
	if (si->control) {
		sb_puts(sb, ", \"control\": ");
		sb_puts(sb, si->control);
	}
	sb_puts(sb, "}");
}
