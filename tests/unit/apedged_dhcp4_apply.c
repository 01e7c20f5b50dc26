// SPDX-License-Identifier: GPL-2.0
/*
 * What a lease configures, the pure parts: the routes and their order,
 * the resolv.conf text (a server's names cannot add lines), and the
 * hook's environment.
 */
#include <arpa/inet.h>
#include <string.h>

#include "dhcp4/apply.h"
#include "dhcp4/hook.h"
#include "ut.h"

static struct in_addr a4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a;
}

static void lease(struct dhcp4_lease *l)
{
	memset(l, 0, sizeof(*l));
	l->ack.yiaddr = a4("192.0.2.10");
	l->ack.server_id = a4("192.0.2.1");
	l->plen = 24;
	l->lease_s = 600;
	l->t1_s = 300;
	l->t2_s = 525;
}

static int route_is(const struct dhcp4_route *r, const char *dst,
		    unsigned int plen, const char *gw)
{
	return r->dst.s_addr == a4(dst).s_addr && r->plen == plen &&
		r->gw.s_addr == a4(gw).s_addr;
}

UT_CASE(routes_default)
{
	struct dhcp4_route r[8];
	struct dhcp4_lease l;

	lease(&l);
	UT_EXPECT(dhcp4_apply_routes(&l, r, 8) == 0);
	l.ack.n_routers = 2;
	l.ack.routers[0] = a4("192.0.2.1");
	l.ack.routers[1] = a4("192.0.2.2");
	UT_ASSERT(dhcp4_apply_routes(&l, r, 8) == 1);
	UT_EXPECT(route_is(&r[0], "0.0.0.0", 0, "192.0.2.1"));
	/* A router outside the subnet: an on-link host route first. */
	l.ack.routers[0] = a4("198.51.100.1");
	UT_ASSERT(dhcp4_apply_routes(&l, r, 8) == 2);
	UT_EXPECT(route_is(&r[0], "198.51.100.1", 32, "0.0.0.0"));
	UT_EXPECT(route_is(&r[1], "0.0.0.0", 0, "198.51.100.1"));
	/* Room for one only: the host route, not the route through it. */
	UT_EXPECT(dhcp4_apply_routes(&l, r, 1) == 1);
}

/* RFC 3442 §2: with option 121 the routers option is ignored. */
UT_CASE(routes_classless)
{
	struct dhcp4_route r[8];
	struct dhcp4_lease l;

	lease(&l);
	l.ack.n_routers = 1;
	l.ack.routers[0] = a4("192.0.2.99");
	l.ack.has_routes = true;
	l.ack.n_routes = 4;
	l.ack.routes[0] = (struct dhcp4_route){ a4("10.0.0.0"), 8,
						a4("192.0.2.2") };
	l.ack.routes[1] = (struct dhcp4_route){ a4("10.1.0.0"), 16,
						a4("203.0.113.1") };
	l.ack.routes[2] = (struct dhcp4_route){ a4("10.2.0.0"), 16,
						a4("203.0.113.1") };
	l.ack.routes[3] = (struct dhcp4_route){ a4("172.16.0.0"), 12,
						a4("0.0.0.0") };
	UT_ASSERT(dhcp4_apply_routes(&l, r, 8) == 5);
	UT_EXPECT(route_is(&r[0], "10.0.0.0", 8, "192.0.2.2"));
	UT_EXPECT(route_is(&r[1], "203.0.113.1", 32, "0.0.0.0"));
	UT_EXPECT(route_is(&r[2], "10.1.0.0", 16, "203.0.113.1"));
	UT_EXPECT(route_is(&r[3], "10.2.0.0", 16, "203.0.113.1"));
	UT_EXPECT(route_is(&r[4], "172.16.0.0", 12, "0.0.0.0"));
	/* An option 121 without entries: no route at all. */
	l.ack.n_routes = 0;
	UT_EXPECT(dhcp4_apply_routes(&l, r, 8) == 0);
}

UT_CASE(resolv_text)
{
	struct dhcp4_lease l;
	struct strbuf sb;

	lease(&l);
	sb_init(&sb);
	dhcp4_resolv_format(&l, "eth0", &sb);
	UT_EXPECT_STR(sb_str(&sb), "");
	l.ack.n_dns = 2;
	l.ack.dns[0] = a4("192.0.2.53");
	l.ack.dns[1] = a4("192.0.2.54");
	strcpy(l.ack.domain, "example.test");
	l.ack.n_search = 2;
	strcpy(l.ack.search[0], "a.test");
	strcpy(l.ack.search[1], "b.test");
	dhcp4_resolv_format(&l, "eth0", &sb);
	UT_EXPECT_STR(sb_str(&sb),
		      "# DHCPv4 on eth0, written by apedged\n"
		      "domain example.test\n"
		      "search a.test b.test\n"
		      "nameserver 192.0.2.53\n"
		      "nameserver 192.0.2.54\n");
	/* A server's name with a newline, a space or a '#' is left out. */
	sb_reset(&sb);
	strcpy(l.ack.domain, "evil.test\nnameserver 6.6.6.6");
	strcpy(l.ack.search[0], "x y");
	strcpy(l.ack.search[1], "#");
	dhcp4_resolv_format(&l, "eth0", &sb);
	UT_EXPECT_STR(sb_str(&sb),
		      "# DHCPv4 on eth0, written by apedged\n"
		      "nameserver 192.0.2.53\n"
		      "nameserver 192.0.2.54\n");
	sb_free(&sb);
}

static const char *env_get(const struct dhcp4_hook_env *e, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < e->n; i++)
		if (!strncmp(e->envp[i], name, n) && e->envp[i][n] == '=')
			return e->envp[i] + n + 1;
	return NULL;
}

UT_CASE(hook_env)
{
	static struct dhcp4_hook_env e;
	struct dhcp4_lease now, old;

	dhcp4_hook_env(&e, "EXPIRE", "eth0", NULL, NULL);
	UT_EXPECT_STR(env_get(&e, "reason"), "EXPIRE");
	UT_EXPECT_STR(env_get(&e, "interface"), "eth0");
	UT_EXPECT(env_get(&e, "PATH"));
	UT_EXPECT(!env_get(&e, "new_ip_address"));
	UT_EXPECT(e.envp[e.n] == NULL);

	lease(&now);
	now.ack.n_routers = 2;
	now.ack.routers[0] = a4("192.0.2.1");
	now.ack.routers[1] = a4("192.0.2.2");
	now.ack.n_dns = 1;
	now.ack.dns[0] = a4("192.0.2.53");
	strcpy(now.ack.domain, "bad\nname");
	now.ack.n_search = 2;
	strcpy(now.ack.search[0], "a.test");
	strcpy(now.ack.search[1], "b.test");
	now.ack.has_mtu = true;
	now.ack.mtu = 1400;
	now.ack.has_server_id = true;
	now.ack.has_routes = true;
	now.ack.n_routes = 1;
	now.ack.routes[0] = (struct dhcp4_route){ a4("10.0.0.0"), 8,
						  a4("192.0.2.2") };
	lease(&old);
	old.ack.yiaddr = a4("192.0.2.9");
	old.plen = 16;
	dhcp4_hook_env(&e, "BOUND", "eth0", &now, &old);
	UT_EXPECT_STR(env_get(&e, "new_ip_address"), "192.0.2.10");
	UT_EXPECT_STR(env_get(&e, "new_subnet_mask"), "255.255.255.0");
	UT_EXPECT_STR(env_get(&e, "new_prefix_length"), "24");
	UT_EXPECT_STR(env_get(&e, "new_broadcast_address"), "192.0.2.255");
	UT_EXPECT_STR(env_get(&e, "new_routers"), "192.0.2.1 192.0.2.2");
	UT_EXPECT_STR(env_get(&e, "new_domain_name_servers"), "192.0.2.53");
	UT_EXPECT_STR(env_get(&e, "new_domain_name"), "bad?name");
	UT_EXPECT_STR(env_get(&e, "new_domain_search"), "a.test b.test");
	UT_EXPECT_STR(env_get(&e, "new_interface_mtu"), "1400");
	UT_EXPECT_STR(env_get(&e, "new_classless_static_routes"),
		      "10.0.0.0/8 192.0.2.2");
	UT_EXPECT_STR(env_get(&e, "new_dhcp_server_identifier"),
		      "192.0.2.1");
	UT_EXPECT_STR(env_get(&e, "new_dhcp_lease_time"), "600");
	UT_EXPECT_STR(env_get(&e, "new_dhcp_renewal_time"), "300");
	UT_EXPECT_STR(env_get(&e, "new_dhcp_rebinding_time"), "525");
	UT_EXPECT_STR(env_get(&e, "old_ip_address"), "192.0.2.9");
	UT_EXPECT_STR(env_get(&e, "old_subnet_mask"), "255.255.0.0");
	UT_EXPECT(!env_get(&e, "old_routers"));
	UT_EXPECT(e.n < DHCP4_HOOK_ENV_MAX && e.envp[e.n] == NULL);
}

/* The most a lease can hold fits, every variable NUL-terminated. */
UT_CASE(hook_env_full)
{
	static struct dhcp4_hook_env e;
	static struct dhcp4_lease l;
	unsigned int i;

	lease(&l);
	l.ack.n_routers = DHCP4_ROUTERS_MAX;
	l.ack.n_dns = DHCP4_DNS_MAX;
	memset(l.ack.domain, 'd', DHCP4_NAME_MAX);
	l.ack.n_search = DHCP4_SEARCH_MAX;
	for (i = 0; i < DHCP4_SEARCH_MAX; i++)
		memset(l.ack.search[i], 's', DHCP4_NAME_MAX);
	l.ack.has_routes = true;
	l.ack.n_routes = DHCP4_ROUTES_MAX;
	dhcp4_hook_env(&e, "BOUND", "eth0", &l, &l);
	UT_EXPECT(e.used <= sizeof(e.buf));
	UT_EXPECT(env_get(&e, "new_ip_address"));
	for (i = 0; i < e.n; i++)
		UT_EXPECT(strlen(e.envp[i]) < sizeof(e.buf));
}

UT_MAIN("dhcp4_apply",
	UT_ENTRY(routes_default),
	UT_ENTRY(routes_classless),
	UT_ENTRY(resolv_text),
	UT_ENTRY(hook_env),
	UT_ENTRY(hook_env_full),
)
