// SPDX-License-Identifier: GPL-2.0
#include "apedged/config.h"
#include "apedged/status.h"
#include "lib/json.h"

void status_format(struct strbuf *sb, const struct status_info *si)
{
	struct json j;
	size_t i;

	json_init(&j, sb, JSON_SPACED);
	json_obj_begin(&j);
	json_kstr(&j, "version", si->version);
	json_kstr(&j, "module", si->module);
	json_ku64(&j, "family_id", si->family_id);
	json_kstr(&j, "module_version",
		  si->module_version ? si->module_version : "");
	json_ki64(&j, "pid", si->pid);
	json_ku64(&j, "uptime_s", si->uptime_s);
	json_kstr(&j, "log_level", si->log_level);
	json_kstr(&j, "config", si->config);
	json_karr_begin(&j, "ports");
	for (i = 0; i < si->n_ports; i++) {
		const struct status_port *p = &si->ports[i];

		json_obj_begin(&j);
		json_kstr(&j, "ifname", p->ifname);
		json_kstr(&j, "role", config_role_name(p->role));
		json_kbool(&j, "attached", p->attached);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	if (si->control) {
		json_key(&j, "control");
		json_raw(&j, si->control);
	}
	json_obj_end(&j);
}
