// SPDX-License-Identifier: GPL-2.0
/* The wifi engine's config section, [ap IFNAME], as a key table. */
#include <stdio.h>
#include <string.h>

#include "lib/ifname.h"
#include "wifi/config.h"

/* A VLAN ID: 1..4094 in decimal, without sign or leading zero; else 0. */
static uint16_t vid_parse(const char *s)
{
	unsigned int v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 4)
		return 0;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	return v <= 4094 ? (uint16_t)v : 0;
}

uint16_t config_ap_vlan_id(const struct config_ap *ap, const char *ap_ifname,
			   const char *vlan_ifname)
{
	size_t i, n = strlen(ap_ifname);

	for (i = 0; ap && i < ap->n_vlans; i++)
		if (!strcmp(ap->vlans[i].ifname, vlan_ifname))
			return ap->vlans[i].vid;
	if (n && !strncmp(vlan_ifname, ap_ifname, n) && vlan_ifname[n] == '.')
		return vid_parse(vlan_ifname + n + 1);
	if (!strncmp(vlan_ifname, "vlan", 4))
		return vid_parse(vlan_ifname + 4);
	return 0;
}

/* vlan_map = IFNAME:VID [IFNAME:VID ...] */
static int vlan_map_parse(struct ini *ini, void *obj, char *value)
{
	struct config_ap *ap = obj;
	char *tok, *save = NULL, *colon;
	size_t i;

	for (tok = strtok_r(value, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		struct config_ap_vlan *v;

		colon = strrchr(tok, ':');
		if (!colon)
			return ini_fail(ini, "invalid vlan_map entry '%s' "
					"(expected IFNAME:VID)", tok);
		*colon = '\0';
		if (!ifname_valid(tok))
			return ini_fail(ini, "invalid interface name '%s' in "
					"vlan_map", tok);
		for (i = 0; i < ap->n_vlans; i++)
			if (!strcmp(ap->vlans[i].ifname, tok))
				return ini_fail(ini, "interface '%s' given "
						"twice in vlan_map", tok);
		if (ap->n_vlans >= CONFIG_AP_VLANS_MAX)
			return ini_fail(ini, "too many vlan_map entries (at "
					"most %d)", CONFIG_AP_VLANS_MAX);
		v = &ap->vlans[ap->n_vlans];
		v->vid = vid_parse(colon + 1);
		if (!v->vid)
			return ini_fail(ini, "invalid VLAN ID '%s' for '%s' in "
					"vlan_map (expected 1..4094)",
					colon + 1, tok);
		snprintf(v->ifname, sizeof(v->ifname), "%s", tok);
		ap->n_vlans++;
	}
	return 0;
}

static const struct ini_key ap_arg =
	INI_KEY_IFNAME(struct config_ap, "interface name", ifname);

static const struct ini_key ap_keys[] = {
	INI_KEY_CUSTOM(struct config_ap, "vlan_map", vlans, vlan_map_parse),
	{ NULL },
};

const struct ini_section wifi_ap_section = {
	.name = "ap",
	.keys = ap_keys,
	.size = sizeof(struct config_ap),
	.arg = &ap_arg,
	.arg_what = "an interface name",
	.arg_meta = "IFNAME",
	.max = CONFIG_APS_MAX,
	.noun = "AP interface",
	.plural = "AP interfaces",
	.line_offset = offsetof(struct config_ap, line),
};
