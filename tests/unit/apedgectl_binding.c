// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's binding and source-guard commands: their arguments, the
 * replies (as lib/amsg.c parses them; its own tests have the malformed
 * ones) and what they print.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <linux/apedge.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"
#include "nlmb.h"
#include "actl_line.h"
#include "ut.h"

UT_CASE(binding_add)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("binding add ip 192.168.1.10 mac 02:00:00:00:00:01 dev va", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_ADD);
	UT_EXPECT(r.family == AF_INET);
	UT_EXPECT(!memcmp(r.addr, "\xc0\xa8\x01\x0a", 4));
	UT_EXPECT(r.has_mac && !memcmp(r.mac, mac, 6));
	UT_EXPECT_STR(r.ifname, "va");
	UT_EXPECT(!r.has_lifetime);

	UT_ASSERT(parse("bi a ip 2001:db8::5 m 02:00:00:00:00:01 ifindex 7 l 30", &r, err) == 0);
	UT_EXPECT(r.family == AF_INET6);
	UT_EXPECT(r.addr[0] == 0x20 && r.addr[1] == 0x01 && r.addr[15] == 5);
	UT_EXPECT(r.ifindex == 7);
	UT_EXPECT(r.has_lifetime && r.lifetime == 30);
	UT_ASSERT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00:01 dev va lifetime 0", &r, err) == 0);
	UT_EXPECT(r.has_lifetime && r.lifetime == 0);
	UT_ASSERT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00:01 dev va lifetime 4294967295", &r, err) == 0);
	UT_EXPECT(r.lifetime == 4294967295u);
}

UT_CASE(binding_bad)
{
	struct actl_req r;
	char err[256];

	UT_EXPECT(parse("binding add mac 02:00:00:00:00:01 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "binding add: \"ip ADDR\" is required");
	UT_EXPECT(parse("binding add ip 10.0.0.1 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "binding add: \"mac MAC\" is required");
	UT_EXPECT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00:01", &r, err) == -1);
	UT_EXPECT_STR(err, "binding add: \"dev IF\" is required");
	UT_EXPECT(parse("binding add ip 10.0.0.300 mac 02:00:00:00:00:01 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "ip \"10.0.0.300\": not an IPv4 or IPv6 address");
	UT_EXPECT(parse("binding add ip 10.0.0.1 ip 10.0.0.2 mac 02:00:00:00:00:01 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "the address is given twice");
	UT_EXPECT(parse("binding add ip 10.0.0.1 mac 01:00:00:00:00:01 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "mac 01:00:00:00:00:01: must be a unicast, non-zero address");
	UT_EXPECT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00 dev va", &r, err) == -1);
	UT_EXPECT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00:01 dev va lifetime 4294967296", &r, err) == -1);
	UT_EXPECT_STR(err, "lifetime 4294967296: out of range 0..4294967295");
	UT_EXPECT(parse("binding add ip 10.0.0.1 mac 02:00:00:00:00:01 dev va lifetime -1", &r, err) == -1);
	UT_EXPECT(parse("binding del", &r, err) == -1);
	UT_EXPECT_STR(err, "binding del: \"ip ADDR\" is required");
	UT_EXPECT(parse("binding del ip 10.0.0.1 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "binding del: unexpected \"dev\"");
	UT_EXPECT(parse("binding del ip 10.0.0.1 mac 02:00:00:00:00:01", &r, err) == -1);
	UT_EXPECT(parse("binding show ip 10.0.0.1 dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "binding show: give \"ip ADDR\" or \"dev IF\", not both");
	UT_EXPECT(parse("binding show lifetime 3", &r, err) == -1);
	UT_EXPECT(parse("binding frob", &r, err) == -1);
	UT_EXPECT_STR(err, "binding: unknown command \"frob\" (add, del, show, limit, move)");
	UT_EXPECT(parse("binding limit 0", &r, err) == -1);
	UT_EXPECT(parse("binding limit 1048577", &r, err) == -1);
	UT_EXPECT(parse("binding limit 5 6", &r, err) == -1);
	UT_EXPECT(parse("binding limit x", &r, err) == -1);
}

/* ip ADDR/LEN: an IPv6 prefix binding. */
UT_CASE(binding_prefix_args)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("binding add ip 2001:db8:100:4200::/56 mac 02:00:00:00:00:01 dev va", &r, err) == 0);
	UT_EXPECT(r.family == AF_INET6 && r.plen == 56);
	UT_EXPECT(r.addr[6] == 0x42 && r.addr[7] == 0 && r.addr[15] == 0);
	UT_ASSERT(parse("binding del ip 2001:db8::1/128", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_DEL && r.plen == 128);
	UT_ASSERT(parse("binding show ip 8000::/1", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_SHOW && r.plen == 1);
	UT_ASSERT(parse("binding del ip 2001:db8::1", &r, err) == 0);
	UT_EXPECT(r.plen == 0);

	UT_EXPECT(parse("binding del ip 2001:db8::1/64", &r, err) == -1);
	UT_EXPECT_STR(err, "ip \"2001:db8::1/64\": bits set past /64");
	UT_EXPECT(parse("binding del ip 2001:db8:100:4280::/56", &r, err) == -1);
	UT_EXPECT_STR(err, "ip \"2001:db8:100:4280::/56\": bits set past /56");
	UT_EXPECT(parse("binding del ip 192.0.2.0/24", &r, err) == -1);
	UT_EXPECT_STR(err, "ip \"192.0.2.0/24\": a prefix is IPv6 only");
	UT_EXPECT(parse("binding del ip 2001:db8::/0", &r, err) == -1);
	UT_EXPECT_STR(err, "ip \"2001:db8::/0\": the length is 1 to 128");
	UT_EXPECT(parse("binding del ip 2001:db8::/129", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:db8::/", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:db8::/+5", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:db8::/5x", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:db8::/99999999999999999999", &r, err) == -1);
	UT_EXPECT(parse("binding del ip /56", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:db8::1/64/64", &r, err) == -1);
	UT_EXPECT(parse("binding del ip 2001:0db8:0000:0000:0000:0000:0000:0000:1/64", &r, err) == -1);
}

UT_CASE(binding_move)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("binding move mac 02:00:00:00:00:01 dev wlan0 to wlan1", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_MOVE);
	UT_EXPECT(r.has_mac && !memcmp(r.mac, mac, 6));
	UT_EXPECT_STR(r.ifname, "wlan0");
	UT_EXPECT_STR(r.to_ifname, "wlan1");
	UT_ASSERT(parse("binding move to wlan1 ifindex 4 mac 02:00:00:00:00:01", &r, err) == 0);
	UT_EXPECT(r.ifindex == 4);
	UT_EXPECT_STR(r.to_ifname, "wlan1");
	/* Each of the three is required; the port moved to is one. */
	UT_EXPECT(parse("binding move mac 02:00:00:00:00:01 dev wlan0", &r, err) == -1);
	UT_EXPECT(parse("binding move dev wlan0 to wlan1", &r, err) == -1);
	UT_EXPECT(parse("binding move mac 02:00:00:00:00:01 to wlan1", &r, err) == -1);
	UT_EXPECT(parse("binding move mac 02:00:00:00:00:01 dev wlan0 to wlan1 to wlan2", &r, err) == -1);
	UT_EXPECT(parse("binding move mac 02:00:00:00:00:01 dev wlan0 to a/b", &r, err) == -1);
	UT_EXPECT(parse("binding move mac 01:00:00:00:00:01 dev wlan0 to wlan1", &r, err) == -1);
	/* No address: a move is of a station's bindings. */
	UT_EXPECT(parse("binding move ip 10.0.0.1 mac 02:00:00:00:00:01 dev wlan0", &r, err) == -1);
}

UT_CASE(binding_show_del_limit)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("binding", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_SHOW && !r.family && !r.ifname[0]);
	UT_ASSERT(parse("binding show dev va", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_SHOW);
	UT_EXPECT_STR(r.ifname, "va");
	UT_ASSERT(parse("binding show ip fe80::1", &r, err) == 0);
	UT_EXPECT(r.family == AF_INET6);
	UT_ASSERT(parse("binding del ip 10.1.2.3", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_DEL && r.family == AF_INET);
	UT_ASSERT(parse("binding limit", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_BINDING_LIMIT && r.limit == 0);
	UT_ASSERT(parse("binding limit 1048576", &r, err) == 0);
	UT_EXPECT(r.limit == 1048576);
}

UT_CASE(source_guard_args)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("port add dev va role untrusted source-guard on", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_ADD && r.source_guard == ACTL_SG_ON);
	UT_ASSERT(parse("port add dev va", &r, err) == 0);
	UT_EXPECT(r.source_guard == 0);
	UT_ASSERT(parse("port set dev va source-guard off", &r, err) == 0);
	UT_EXPECT(r.cmd == ACTL_CMD_PORT_SET && r.source_guard == ACTL_SG_OFF);
	UT_ASSERT(parse("port se d va so of", &r, err) == 0);
	UT_EXPECT(r.source_guard == ACTL_SG_OFF);
	UT_EXPECT(parse("port set dev va", &r, err) == -1);
	UT_EXPECT_STR(err, "port set: nothing to set (source-guard, "
		      "verify-chaddr, allow-opaque, l2update, l2update-relay, "
		      "l2update-vlan, auth-mode, auth-allow)");
	/* The DHCP client checks' switches. */
	UT_ASSERT(parse("port add dev va verify-chaddr on allow-opaque off", &r,
			err) == 0);
	UT_EXPECT(r.verify_chaddr == ACTL_SG_ON &&
		  r.allow_opaque == ACTL_SG_OFF && r.source_guard == 0);
	UT_ASSERT(parse("port set dev va allow-opaque on", &r, err) == 0);
	UT_EXPECT(r.allow_opaque == ACTL_SG_ON && r.verify_chaddr == 0);
	UT_ASSERT(parse("port set dev va v of", &r, err) == 0);
	UT_EXPECT(r.verify_chaddr == ACTL_SG_OFF);
	UT_EXPECT(parse("port set dev va verify-chaddr yes", &r, err) == -1);
	UT_EXPECT_STR(err, "verify-chaddr \"yes\": use on or off");
	UT_EXPECT(parse("port del dev va allow-opaque on", &r, err) == -1);
	UT_EXPECT(parse("port set source-guard on", &r, err) == -1);
	UT_EXPECT_STR(err, "port set: \"dev IF\" is required");
	UT_EXPECT(parse("port set dev va source-guard maybe", &r, err) == -1);
	UT_EXPECT_STR(err, "source-guard \"maybe\": use on or off");
	UT_EXPECT(parse("port del dev va source-guard on", &r, err) == -1);
	UT_EXPECT(parse("port set dev va role trusted", &r, err) == -1);
}

/* The Layer-2 Update relay's words on port add and set. */
UT_CASE(l2update_args)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("port set dev wlan0 l2update-relay on", &r, err) == 0);
	UT_EXPECT(r.l2update_relay == ACTL_SG_ON && !r.has_l2update &&
		  !r.has_l2update_vlan && !r.source_guard);
	UT_ASSERT(parse("port add dev up1 role trusted l2update transmit", &r,
			err) == 0);
	UT_EXPECT(r.has_l2update && r.l2update == APEDGE_XID_MODE_TRANSMIT);
	UT_ASSERT(parse("port set dev up1 l2update off", &r, err) == 0);
	UT_EXPECT(r.has_l2update && r.l2update == 0);
	UT_ASSERT(parse("port set dev up1 l2update inj", &r, err) == 0);
	UT_EXPECT(r.l2update == APEDGE_XID_MODE_INJECT);
	UT_ASSERT(parse("port set dev wlan0 l2update-vlan 4094 "
			"l2update-relay off", &r, err) == 0);
	UT_EXPECT(r.has_l2update_vlan && r.l2update_vlan == 4094 &&
		  r.l2update_relay == ACTL_SG_OFF);
	UT_EXPECT(parse("port set dev wlan0 l2update-vlan 4095", &r, err) == -1);
	UT_EXPECT(parse("port set dev wlan0 l2update sometimes", &r, err) == -1);
	UT_EXPECT_STR(err, "l2update \"sometimes\": use transmit, inject or off");
	UT_EXPECT(parse("port set dev wlan0 l2update-relay maybe", &r, err) ==
		  -1);
	UT_EXPECT_STR(err, "l2update-relay \"maybe\": use on or off");
	UT_EXPECT(parse("port del dev wlan0 l2update-relay on", &r, err) == -1);
	/* "l2update" is a word of its own, not a prefix to expand. */
	UT_EXPECT(parse("port set dev wlan0 l2update", &r, err) == -1);
}

UT_CASE(batch_option)
{
	struct actl_req r;
	char err[256];

	UT_ASSERT(parse("-b /tmp/cmds", &r, err) == 0);
	UT_EXPECT_STR(r.batch, "/tmp/cmds");
	UT_ASSERT(parse("-j --batch -", &r, err) == 0);
	UT_EXPECT(r.json);
	UT_EXPECT_STR(r.batch, "-");
	UT_EXPECT(parse("-b", &r, err) == -1);
	UT_EXPECT(parse("-b /tmp/cmds info", &r, err) == -1);
	UT_EXPECT_STR(err, "-b takes its commands from the file, not \"info\"");
}

static char outbuf[2048];

/* What stmt printed on a print path of this form (o), as a string. */
#define CAPTURE(json, pretty, stmt) ({					\
	FILE *f;							\
	struct print o;							\
	outbuf[0] = '\0';						\
	f = fmemopen(outbuf, sizeof(outbuf), "w");			\
	print_init(&o, f, json, pretty);				\
	stmt;								\
	print_free(&o);							\
	fclose(f);							\
	outbuf;								\
})

static const uint8_t mac1[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01 };

UT_CASE(binding_reply)
{
	static const uint8_t v4[4] = { 192, 168, 1, 10 };
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 };
	struct amsg_binding b;
	struct amsg_err err;
	struct mb m;

	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 4);
	mb_u32(&m, APEDGE_A_BINDING_LIFETIME, 3599);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, APEDGE_BINDING_ORIGIN_SNOOPED);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) == 0);
	UT_EXPECT(b.af == AF_INET && b.ifindex == 4 && !b.permanent &&
		  b.lifetime == 3599);
	UT_EXPECT_STR(CAPTURE(false, false, binding_print(&o, &b, "va")),
		      "192.168.1.10 lladdr 02:aa:bb:cc:dd:01 dev va lifetime 3599 snooped\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL),
			       binding_print(&o, &b, "va"),
			       print_arr_end(&o))),
		      "[{\"ip\":\"192.168.1.10\",\"mac\":\"02:aa:bb:cc:dd:01\",\"ifindex\":4,\"ifname\":\"va\",\"lifetime\":3599,\"origin\":\"snooped\"}]\n");

	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, APEDGE_BINDING_ORIGIN_STATIC);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) == 0);
	UT_EXPECT(b.af == AF_INET6 && b.permanent);
	UT_EXPECT_STR(CAPTURE(false, false, binding_print(&o, &b, "")),
		      "2001:db8::7 lladdr 02:aa:bb:cc:dd:01 dev if9 permanent static\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL),
			       binding_print(&o, &b, ""),
			       print_arr_end(&o))),
		      "[{\"ip\":\"2001:db8::7\",\"mac\":\"02:aa:bb:cc:dd:01\",\"ifindex\":9,\"origin\":\"static\"}]\n");
	/* The link-local guard's origins. */
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, APEDGE_BINDING_ORIGIN_LINK_LOCAL);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) == 0);
	UT_EXPECT_STR(CAPTURE(false, false, binding_print(&o, &b, "")),
		      "2001:db8::7 lladdr 02:aa:bb:cc:dd:01 dev if9 permanent link-local\n");
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, APEDGE_BINDING_ORIGIN_ROUTER);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) == 0);
	UT_EXPECT_STR(CAPTURE(false, false, binding_print(&o, &b, "")),
		      "2001:db8::7 lladdr 02:aa:bb:cc:dd:01 dev if9 permanent router\n");
	/* A prefix of the DHCPv6 server's. */
	v6[15] = 0;
	v6[6] = 0x42;
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_attr(&m, APEDGE_A_BINDING_PREFIX_LEN, (uint8_t[]){ 56 }, 1);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_u32(&m, APEDGE_A_BINDING_LIFETIME, 7000);
	mb_u32(&m, APEDGE_A_BINDING_ORIGIN, APEDGE_BINDING_ORIGIN_DHCP6_SERVER);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) == 0);
	UT_EXPECT(b.plen == 56);
	UT_EXPECT_STR(CAPTURE(false, false, binding_print(&o, &b, "va")),
		      "2001:db8:0:4200::/56 lladdr 02:aa:bb:cc:dd:01 dev va lifetime 7000 dhcp6-server\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL),
			       binding_print(&o, &b, "va"),
			       print_arr_end(&o))),
		      "[{\"ip\":\"2001:db8:0:4200::\",\"prefix_len\":56,\"mac\":\"02:aa:bb:cc:dd:01\",\"ifindex\":9,\"ifname\":\"va\",\"lifetime\":7000,\"origin\":\"dhcp6-server\"}]\n");
	/* prefix-len: with ipv6 only, 1 to 128. */
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV4, v4, 4);
	mb_attr(&m, APEDGE_A_BINDING_PREFIX_LEN, (uint8_t[]){ 24 }, 1);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) < 0);
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_attr(&m, APEDGE_A_BINDING_PREFIX_LEN, (uint8_t[]){ 129 }, 1);
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) < 0);
	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_GET, 1);
	mb_attr(&m, APEDGE_A_BINDING_IPV6, v6, 16);
	mb_u32(&m, APEDGE_A_BINDING_PREFIX_LEN, 56);	/* not a u8 */
	mb_attr(&m, APEDGE_A_BINDING_MAC, mac1, 6);
	mb_u32(&m, APEDGE_A_BINDING_IFINDEX, 9);
	mb_end(&m);
	UT_EXPECT(amsg_parse_binding(m.buf, m.len, 30, &b, &err) < 0);
}

UT_CASE(binding_config_reply)
{
	struct amsg_binding_config c;
	struct amsg_err err;
	uint64_t v;
	struct mb m;

	mb_genl(&m, 30, 0, 0, APEDGE_CMD_BINDING_CONFIG_GET, 1);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_LIMIT, 65536);
	mb_u32(&m, APEDGE_A_BINDING_CONFIG_COUNT, 3);
	v = 2;
	mb_attr(&m, APEDGE_A_BINDING_CONFIG_REFUSED, &v, 8);
	v = 1;
	mb_attr(&m, APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW, &v, 8);
	v = 9;
	mb_attr(&m, APEDGE_A_BINDING_CONFIG_SNOOPED, &v, 8);
	mb_end(&m);
	UT_ASSERT(amsg_parse_binding_config(m.buf, m.len, 30, &c, &err) == 0);
	UT_EXPECT_STR(CAPTURE(false, false, binding_config_print(&o, &c)),
		      "limit 65536 count 3 refused 2 snooped 9 snoop-overflow 1\n");
	UT_EXPECT_STR(CAPTURE(true, false, binding_config_print(&o, &c)),
		      "{\"limit\":65536,\"count\":3,\"refused\":2,\"snooped\":9,\"snoop_overflow\":1}\n");
}

UT_CASE(sg_stats_and_port)
{
	static struct amsg_stats st;
	struct stats_text t;
	struct amsg_port p;
	struct amsg_err err;
	uint64_t v;
	struct mb m;

	mb_genl(&m, 30, 0, 0, APEDGE_CMD_STATS_GET, 1);
	mb_u32(&m, APEDGE_A_STATS_IFINDEX, 3);
	mb_str(&m, APEDGE_A_STATS_IFNAME, "va");
	v = 5;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_IPV4, &v, 8);
	v = 6;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_IPV6, &v, 8);
	v = 7;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_ARP, &v, 8);
	v = 8;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_ND, &v, 8);
	v = 9;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_LL, &v, 8);
	v = 10;
	mb_attr(&m, APEDGE_A_STATS_SG_DROP_LLA, &v, 8);
	v = 11;
	mb_attr(&m, APEDGE_A_STATS_SNOOP_UNTRUSTED, &v, 8);
	v = 12;
	mb_attr(&m, APEDGE_A_STATS_DHCP_CHADDR_DROP, &v, 8);
	mb_end(&m);
	UT_ASSERT(amsg_parse_stats(m.buf, m.len, 30, &st, &err) == 0);
	UT_EXPECT(st.sg_ipv4 == 5 && st.sg_ipv6 == 6 && st.sg_arp == 7 &&
		  st.sg_nd == 8 && st.sg_ll == 9 && st.sg_lla == 10);
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "va                     3              0              0              0\n"
		      "\n"
		      "PORT             SG-DROP-IPV4   SG-DROP-IPV6    SG-DROP-ARP     SG-DROP-ND     SG-DROP-LL    SG-DROP-LLA\n"
		      "va                            5              6              7              8              9             10\n"
		      "\n"
		      "PORT              SN-PORTS SN-UNTRUST SN-NO-REQ  SN-CHADDR SN-UNBOUND SN-OVERFLOW CHADDR-DROP\n"
		      "va                        0         11          0          0          0          0          12\n");
	UT_EXPECT(strstr(CAPTURE(true, false,
				 (stats_begin(&o, &t), stats_print(&o, &t, &st),
				  stats_end(&o, &t, true))),
			 "\"sg_drop_ll\":9,\"sg_drop_lla\":10,"
			 "\"snoop_ports\":0,"
			 "\"snoop_untrusted\":11,\"snoop_no_request\":0,\"snoop_chaddr\":0,"
			 "\"snoop_unbound\":0,\"snoop_overflow\":0,"
			 "\"dhcp_chaddr_drop\":12") != NULL);
	/* Link-local drops alone make the table too. */
	st.snoop_untrusted = st.dhcp_chaddr_drop = 0;
	st.sg_ipv4 = st.sg_ipv6 = st.sg_arp = st.sg_nd = st.sg_ll = 0;
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "va                     3              0              0              0\n"
		      "\n"
		      "PORT             SG-DROP-IPV4   SG-DROP-IPV6    SG-DROP-ARP     SG-DROP-ND     SG-DROP-LL    SG-DROP-LLA\n"
		      "va                            0              0              0              0              0             10\n");
	/* No drops: no table of them. */
	st.sg_lla = 0;
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, true))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "va                     3              0              0              0\n");
	/* A failed dump: the header, the ports seen, no tables after. */
	st.sg_nd = 1;
	UT_EXPECT_STR(CAPTURE(false, false,
			      (stats_begin(&o, &t), stats_print(&o, &t, &st),
			       stats_end(&o, &t, false))),
		      "PORT             IFINDEX   XID-TRANSMIT     XID-INJECT     XID-ERRORS\n"
		      "va                     3              0              0              0\n");

	mb_genl(&m, 30, 0, 0, APEDGE_CMD_PORT_GET, 1);
	mb_u32(&m, APEDGE_A_PORT_IFINDEX, 3);
	mb_str(&m, APEDGE_A_PORT_IFNAME, "va");
	mb_u32(&m, APEDGE_A_PORT_ROLE, APEDGE_PORT_ROLE_UNTRUSTED);
	mb_attr(&m, APEDGE_A_PORT_SOURCE_GUARD, "\1", 1);
	mb_attr(&m, APEDGE_A_PORT_VERIFY_CHADDR, "\1", 1);
	mb_attr(&m, APEDGE_A_PORT_ALLOW_OPAQUE, "\0", 1);
	mb_end(&m);
	UT_ASSERT(amsg_parse_port(m.buf, m.len, 30, &p, &err) == 0);
	UT_EXPECT(p.has_source_guard && p.source_guard);
	UT_EXPECT(p.has_verify_chaddr && p.verify_chaddr);
	UT_EXPECT(p.has_allow_opaque && !p.allow_opaque);
	UT_EXPECT_STR(CAPTURE(false, false, port_print(&o, &p)),
		      "3: va role untrusted source-guard on verify-chaddr on\n");
	UT_EXPECT_STR(CAPTURE(true, false,
			      (print_arr_begin(&o, NULL), port_print(&o, &p),
			       print_arr_end(&o))),
		      "[{\"ifindex\":3,\"ifname\":\"va\",\"role\":\"untrusted\",\"source_guard\":\"on\","
		      "\"verify_chaddr\":\"on\",\"allow_opaque\":\"off\"}]\n");
}

UT_MAIN("apedgectl_binding",
	UT_ENTRY(binding_add),
	UT_ENTRY(binding_bad),
	UT_ENTRY(binding_prefix_args),
	UT_ENTRY(binding_move),
	UT_ENTRY(binding_show_del_limit),
	UT_ENTRY(source_guard_args), UT_ENTRY(l2update_args),
	UT_ENTRY(batch_option),
	UT_ENTRY(binding_reply),
	UT_ENTRY(binding_config_reply),
	UT_ENTRY(sg_stats_and_port))
