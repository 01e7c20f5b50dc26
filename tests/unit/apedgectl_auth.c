// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's auth commands and the port's 802.1X words: their
 * arguments, and what the auth-get objects and the auth events print.
 */
#include <stdio.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"
#include "apedgectl/print.h"
#include "actl_line.h"
#include "ut.h"

static char outbuf[2048];

#define CAPTURE(json, stmt) ({						\
	FILE *f;							\
	struct print o;							\
	outbuf[0] = '\0';						\
	f = fmemopen(outbuf, sizeof(outbuf), "w");			\
	print_init(&o, f, json, false);					\
	stmt;								\
	print_free(&o);							\
	fclose(f);							\
	outbuf;								\
})

UT_CASE(auth_args)
{
	static const uint8_t mac[6] = { 0x02, 0, 0x5e, 0, 0x53, 0x0a };
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("auth set dev va mac 02:00:5e:00:53:0a authorized", &r,
			err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_AUTH_SET && r.authorized && r.has_mac);
	UT_EXPECT(!memcmp(r.mac, mac, 6));
	UT_EXPECT_STR(r.ifname, "va");
	UT_ASSERT(parse("auth set dev va unauthorized", &r, err) == 0);
	UT_EXPECT(!r.authorized && !r.has_mac);
	UT_ASSERT(parse("auth set unauth dev va", &r, err) == 0);
	UT_EXPECT(!r.authorized);
	UT_EXPECT(parse("auth set dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "auth set: \"authorized\" or \"unauthorized\" is "
		      "required");
	UT_EXPECT(parse("auth set dev va authorized unauthorized", &r, err) ==
		  -1);
	UT_EXPECT(parse("auth set authorized", &r, err) == -1);
	UT_EXPECT(parse("auth set dev va mac 01:80:c2:00:00:03 authorized", &r,
			err) == -1);
	UT_EXPECT(strstr(err, "must be a unicast") != NULL);
	UT_ASSERT(parse("auth flush dev va", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_AUTH_FLUSH);
	UT_EXPECT(parse("auth flush", &r, err) == -1);
	UT_ASSERT(parse("auth", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_AUTH_SHOW && !r.ifname[0]);
	UT_ASSERT(parse("auth show dev va", &r, err) == 0);
	UT_EXPECT_STR(r.ifname, "va");
}

UT_CASE(port_auth_args)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("port add dev va auth-mode mac auth-allow dhcp,arp",
			&r, err) == 0);
	UT_EXPECT(r.has_auth_mode && r.auth_mode == APEDGE_AUTH_MODE_MAC);
	UT_EXPECT(r.has_auth_allow &&
		  r.auth_allow == (APEDGE_AUTH_ALLOW_DHCP |
				   APEDGE_AUTH_ALLOW_ARP));
	UT_ASSERT(parse("port set dev va auth-mode port", &r, err) == 0);
	UT_EXPECT(r.auth_mode == APEDGE_AUTH_MODE_PORT && !r.has_auth_allow);
	UT_ASSERT(parse("port set dev va auth-allow none", &r, err) == 0);
	UT_EXPECT(r.has_auth_allow && r.auth_allow == 0);
	UT_ASSERT(parse("port set dev va auth-mode none", &r, err) == 0);
	UT_EXPECT(r.has_auth_mode && r.auth_mode == APEDGE_AUTH_MODE_NONE);
	UT_EXPECT(parse("port set dev va auth-allow dhcp,foo", &r, err) == -1);
	UT_EXPECT(parse("port set dev va auth-allow none,dhcp", &r, err) == -1);
	UT_EXPECT(parse("port set dev va auth-mode both", &r, err) == -1);
	UT_EXPECT_STR(err, "auth-mode \"both\": use none, port or mac");
}

UT_CASE(auth_print_objects)
{
	struct amsg_auth a = {
		.cmd = APEDGE_CMD_AUTH_GET, .ifindex = 7, .has_mode = true,
		.mode = APEDGE_AUTH_MODE_MAC, .allow = APEDGE_AUTH_ALLOW_DHCP,
		.has_authorized = true, .entries = 1, .rx_dropped = 41,
		.rx_eapol = 6, .rx_allowed = 2, .tx_dropped = 5, .tx_eapol = 6,
		.tx_allowed = 1, .unauth_seen = 2,
	};
	struct amsg_auth s = {
		.cmd = APEDGE_CMD_AUTH_GET, .ifindex = 7, .has_mac = true,
		.mac = { 0x02, 0, 0x5e, 0, 0x53, 0x0a }, .has_authorized = true,
		.authorized = 1, .rx_passed = 1210, .tx_passed = 1187,
	};

	UT_EXPECT_STR(CAPTURE(false, auth_print(&o, &a, "eth2")),
		      "7: eth2 auth-mode mac auth-allow dhcp stations 1\n"
		      "    rx dropped 41 eapol 6 allowed 2\n"
		      "    tx dropped 5 eapol 6 allowed 1\n"
		      "    unauth-seen 2\n");
	UT_EXPECT_STR(CAPTURE(false, auth_print(&o, &s, "")),
		      "7: if7 mac 02:00:5e:00:53:0a authorized rx 1210 tx 1187\n");
	UT_EXPECT_STR(CAPTURE(true, auth_print(&o, &s, "eth2")),
		      "{\"ifindex\":7,\"ifname\":\"eth2\",\"mac\":\"02:00:5e:00:53:0a\","
		      "\"authorized\":true,\"rx_passed\":1210,\"tx_passed\":1187}\n");
	a.mode = APEDGE_AUTH_MODE_PORT;
	a.allow = APEDGE_AUTH_ALLOW_DHCP | APEDGE_AUTH_ALLOW_ARP;
	a.authorized = 1;
	UT_EXPECT(strstr(CAPTURE(false, auth_print(&o, &a, "eth2")),
			 "auth-mode port auth-allow dhcp,arp authorized\n") !=
		  NULL);
}

UT_CASE(auth_print_events)
{
	struct amsg_auth ev = {
		.cmd = APEDGE_CMD_AUTH_UNAUTH_SEEN, .ifindex = 7,
		.ifname = "eth2", .has_mac = true,
		.mac = { 0x02, 0, 0x5e, 0, 0x53, 0x0b },
	};

	UT_EXPECT_STR(CAPTURE(false, auth_event_print(&o, &ev, "")),
		      "auth-unauth-seen 7: eth2 mac 02:00:5e:00:53:0b\n");
	ev.cmd = APEDGE_CMD_AUTH_CHANGED;
	ev.has_authorized = true;
	ev.authorized = 1;
	UT_EXPECT_STR(CAPTURE(false, auth_event_print(&o, &ev, "")),
		      "auth-changed 7: eth2 mac 02:00:5e:00:53:0b authorized\n");
	ev.has_mac = false;
	ev.authorized = 0;
	UT_EXPECT_STR(CAPTURE(true, auth_event_print(&o, &ev, "")),
		      "{\"event\":\"auth-changed\",\"ifindex\":7,\"ifname\":\"eth2\","
		      "\"authorized\":false}\n");
}

UT_MAIN("apedgectl_auth", UT_ENTRY(auth_args), UT_ENTRY(port_auth_args),
	UT_ENTRY(auth_print_objects), UT_ENTRY(auth_print_events))
