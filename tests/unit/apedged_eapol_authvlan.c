// SPDX-License-Identifier: GPL-2.0
/*
 * eapol/authvlan.c: which VLAN a session's authorization puts the port in,
 * and whether the module may open it.
 */
#include "ut.h"

#include "eapol/authvlan.h"

static struct auth_apply dec(enum auth_mode m, enum auth_authz az,
			     uint16_t vlan)
{
	struct auth_apply a = { .open = true, .vlan = 999, .why = "x" };

	auth_apply_decide(m, az, vlan, &a);
	return a;
}

UT_CASE(unauthorized_is_shut_in_own_vlan)
{
	struct auth_apply a = dec(AUTH_MODE_PORT, AUTH_AZ_NONE, 20);

	UT_EXPECT(!a.open);
	UT_EXPECT(a.vlan == 0);
	UT_EXPECT(a.why == NULL);
	a = dec(AUTH_MODE_MAC, AUTH_AZ_NONE, 0);
	UT_EXPECT(!a.open && a.vlan == 0 && !a.why);
}

UT_CASE(port_mode_radius_vlan)
{
	struct auth_apply a = dec(AUTH_MODE_PORT, AUTH_AZ_DOT1X, 20);

	UT_EXPECT(a.open);
	UT_EXPECT(a.vlan == 20);
	UT_EXPECT(a.why == NULL);
	a = dec(AUTH_MODE_PORT, AUTH_AZ_MAB, 4094);
	UT_EXPECT(a.open && a.vlan == 4094);
}

UT_CASE(port_mode_no_vlan_is_own)
{
	struct auth_apply a = dec(AUTH_MODE_PORT, AUTH_AZ_DOT1X, 0);

	UT_EXPECT(a.open);
	UT_EXPECT(a.vlan == 0);
	a = dec(AUTH_MODE_PORT, AUTH_AZ_FORCED, 0);
	UT_EXPECT(a.open && a.vlan == 0);
}

UT_CASE(port_mode_guest_and_failvlan)
{
	struct auth_apply a = dec(AUTH_MODE_PORT, AUTH_AZ_GUEST, 30);

	UT_EXPECT(a.open);
	UT_EXPECT(a.vlan == 30);
	a = dec(AUTH_MODE_PORT, AUTH_AZ_FAILVLAN, 40);
	UT_EXPECT(a.open && a.vlan == 40);
}

UT_CASE(mac_mode_without_vlan_opens)
{
	struct auth_apply a = dec(AUTH_MODE_MAC, AUTH_AZ_DOT1X, 0);

	UT_EXPECT(a.open);
	UT_EXPECT(a.vlan == 0);
	UT_EXPECT(a.why == NULL);
	a = dec(AUTH_MODE_MAC, AUTH_AZ_MAB, 0);
	UT_EXPECT(a.open && a.vlan == 0);
}

/* no per-MAC VLAN on a plain bridge: fail closed, with the reason */
UT_CASE(mac_mode_with_vlan_stays_shut)
{
	static const enum auth_authz az[] = {
		AUTH_AZ_DOT1X, AUTH_AZ_MAB, AUTH_AZ_GUEST, AUTH_AZ_FAILVLAN,
	};

	for (size_t i = 0; i < sizeof(az) / sizeof(az[0]); i++) {
		struct auth_apply a = dec(AUTH_MODE_MAC, az[i], 30);

		UT_EXPECT(!a.open);
		UT_EXPECT(a.vlan == 0);
		UT_EXPECT(a.why != NULL);
	}
}

UT_CASE(vlan_out_of_range_stays_shut)
{
	struct auth_apply a = dec(AUTH_MODE_PORT, AUTH_AZ_DOT1X, 4095);

	UT_EXPECT(!a.open);
	UT_EXPECT(a.vlan == 0);
	UT_EXPECT(a.why != NULL);
}

UT_MAIN("apedged_eapol_authvlan",
	UT_ENTRY(unauthorized_is_shut_in_own_vlan),
	UT_ENTRY(port_mode_radius_vlan),
	UT_ENTRY(port_mode_no_vlan_is_own),
	UT_ENTRY(port_mode_guest_and_failvlan),
	UT_ENTRY(mac_mode_without_vlan_opens),
	UT_ENTRY(mac_mode_with_vlan_stays_shut),
	UT_ENTRY(vlan_out_of_range_stays_shut))
