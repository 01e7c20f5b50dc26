// SPDX-License-Identifier: GPL-2.0
/* Which VLAN, and whether to open: see authvlan.h. */
#include <stddef.h>

#include "eapol/authvlan.h"

void auth_apply_decide(enum auth_mode mode, enum auth_authz az,
		       uint16_t vlan, struct auth_apply *out)
{
	out->open = false;
	out->vlan = 0;
	out->why = NULL;
	if (az == AUTH_AZ_NONE)
		return;
	if (vlan > 4094) {
		out->why = "VLAN out of range";
		return;
	}
	if (mode == AUTH_MODE_PORT) {
		out->open = true;
		out->vlan = vlan;
		return;
	}
	if (vlan) {
		out->why = "a station of a mode-mac port cannot have a VLAN "
			   "of its own";
		return;
	}
	out->open = true;
}
