// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the configuration parser on arbitrary text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_error err;
	struct config cfg;
	size_t i;

	if (config_parse((const char *)data, size, &cfg, &err) < 0) {
		/* An error names its line and says something. */
		if (!memchr(err.msg, '\0', sizeof(err.msg)) || !err.msg[0])
			abort();
		if (cfg.ports || cfg.n_ports || cfg.aps || cfg.n_aps ||
		    cfg.bssids || cfg.n_bssids || cfg.iapp.key.len)
			abort();
		return 0;
	}
	if (cfg.n_ports > CONFIG_PORTS_MAX)
		abort();
	for (i = 0; i < cfg.n_ports; i++) {
		if (!config_ifname_valid(cfg.ports[i].ifname))
			abort();
		if (config_find_port(&cfg, cfg.ports[i].ifname) !=
		    &cfg.ports[i])
			abort();	/* duplicates are refused */
	}
	if (cfg.n_aps > CONFIG_APS_MAX)
		abort();
	for (i = 0; i < cfg.n_aps; i++) {
		const struct config_ap *ap = &cfg.aps[i];
		size_t j;

		if (!config_ifname_valid(ap->ifname) ||
		    config_find_ap(&cfg, ap->ifname) != ap ||
		    ap->n_vlans > CONFIG_AP_VLANS_MAX)
			abort();
		for (j = 0; j < ap->n_vlans; j++) {
			/* The map wins over the name, and gives 1..4094. */
			if (config_ap_vlan_id(ap, ap->ifname,
					      ap->vlans[j].ifname) !=
			    ap->vlans[j].vid || !ap->vlans[j].vid ||
			    ap->vlans[j].vid > 4094)
				abort();
		}
		/* Any name maps to 0 or a valid VLAN ID. */
		if (config_ap_vlan_id(NULL, ap->ifname, ap->ifname) > 4094)
			abort();
	}
	if (cfg.ctrl_socket[0] != '/')
		abort();
	config_free(&cfg);
	return 0;
}
