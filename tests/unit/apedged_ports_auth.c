// SPDX-License-Identifier: GPL-2.0
/*
 * apedged/ports.c's plan with [auth IF] sections: the port of an [auth]
 * section is attached in the module's 802.1X mode (the daemon sets it,
 * not the admin), with a [port] section or without one.
 */
#include <stdlib.h>

#include "ut.h"

#include <linux/apedge.h>

#include "apedged/ports.h"
#include "eapol/authsm.h"
#include "eapol/config.h"

UT_CASE(auth_without_port_section)
{
	struct ports ps = { 0 };
	struct config_auth a[1] = { { .ifname = "eth1",
				      .mode = AUTH_MODE_MAC,
				      .unauth_allow = 1 } };
	size_t n = 99;
	struct port_state *v = ports_plan(&ps, NULL, 0, a, 1, &n);

	UT_ASSERT(v);
	UT_EXPECT(n == 1);
	UT_EXPECT_STR(v[0].ifname, "eth1");
	UT_EXPECT(v[0].role == APEDGE_PORT_ROLE_UNTRUSTED);
	UT_EXPECT(v[0].auth_mode == APEDGE_AUTH_MODE_MAC);
	UT_EXPECT(v[0].auth_allow == APEDGE_AUTH_ALLOW_DHCP);
	UT_EXPECT(v[0].from_auth);
	UT_EXPECT(!v[0].attached);
	free(v);
}

UT_CASE(auth_on_a_port_section)
{
	struct ports ps = { 0 };
	struct config_port p[2] = {
		{ .ifname = "eth0", .role = APEDGE_PORT_ROLE_TRUSTED },
		{ .ifname = "eth1", .role = APEDGE_PORT_ROLE_TRUSTED },
	};
	struct config_auth a[1] = { { .ifname = "eth1",
				      .mode = AUTH_MODE_PORT } };
	size_t n = 0;
	struct port_state *v = ports_plan(&ps, p, 2, a, 1, &n);

	UT_ASSERT(v);
	UT_EXPECT(n == 2);
	UT_EXPECT(v[0].auth_mode == APEDGE_AUTH_MODE_NONE);
	UT_EXPECT(v[1].auth_mode == APEDGE_AUTH_MODE_PORT);
	UT_EXPECT(v[1].auth_allow == 0);
	UT_EXPECT(v[1].role == APEDGE_PORT_ROLE_TRUSTED);
	UT_EXPECT(!v[1].from_auth);
	free(v);
}

/* a reload that changes only the mode keeps the port attached (port-set,
 * no detach: the port is never without enforcement) */
UT_CASE(mode_change_keeps_attached)
{
	struct port_state old = { .ifname = "eth1",
				  .role = APEDGE_PORT_ROLE_UNTRUSTED,
				  .auth_mode = APEDGE_AUTH_MODE_PORT,
				  .from_auth = true, .attached = true };
	struct ports ps = { .v = &old, .n = 1 };
	struct config_auth a[1] = { { .ifname = "eth1",
				      .mode = AUTH_MODE_MAC } };
	size_t n = 0;
	struct port_state *v = ports_plan(&ps, NULL, 0, a, 1, &n);

	UT_ASSERT(v);
	UT_EXPECT(n == 1);
	UT_EXPECT(v[0].attached);
	UT_EXPECT(v[0].auth_mode == APEDGE_AUTH_MODE_MAC);
	free(v);
}

UT_CASE(no_auth_no_mode)
{
	struct ports ps = { 0 };
	struct config_port p[1] = { { .ifname = "eth0",
				      .role = APEDGE_PORT_ROLE_UNTRUSTED } };
	size_t n = 0;
	struct port_state *v = ports_plan(&ps, p, 1, NULL, 0, &n);

	UT_ASSERT(v);
	UT_EXPECT(n == 1);
	UT_EXPECT(v[0].auth_mode == APEDGE_AUTH_MODE_NONE);
	free(v);
}

UT_MAIN("apedged_ports_auth",
	UT_ENTRY(auth_without_port_section),
	UT_ENTRY(auth_on_a_port_section),
	UT_ENTRY(mode_change_keeps_attached),
	UT_ENTRY(no_auth_no_mode))
