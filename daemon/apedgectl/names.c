// SPDX-License-Identifier: GPL-2.0
/*
 * The names of the family's enums; see names.h.
 */
#include <stdio.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/names.h"

const char *actl_role_name(unsigned int role)
{
	switch (role) {
	case APEDGE_PORT_ROLE_UNTRUSTED: return "untrusted";
	case APEDGE_PORT_ROLE_TRUSTED: return "trusted";
	}
	return "unknown";
}

static const char *const class_names[] = {
	[APEDGE_POLICY_CLASS_DHCPV4_CLIENT] = "dhcpv4-client",
	[APEDGE_POLICY_CLASS_DHCPV4_SERVER] = "dhcpv4-server",
	[APEDGE_POLICY_CLASS_DHCPV6_CLIENT] = "dhcpv6-client",
	[APEDGE_POLICY_CLASS_DHCPV6_SERVER] = "dhcpv6-server",
	[APEDGE_POLICY_CLASS_DHCPV6_RELAY_FORW] = "dhcpv6-relay-forw",
	[APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL] = "dhcpv6-relay-repl",
	[APEDGE_POLICY_CLASS_ND_RS] = "nd-rs",
	[APEDGE_POLICY_CLASS_ND_RA] = "nd-ra",
	[APEDGE_POLICY_CLASS_ND_NS] = "nd-ns",
	[APEDGE_POLICY_CLASS_ND_NA] = "nd-na",
	[APEDGE_POLICY_CLASS_ND_REDIRECT] = "nd-redirect",
	[APEDGE_POLICY_CLASS_MALFORMED] = "malformed",
};

static const char *const verdict_names[] = {
	[APEDGE_VERDICT_PASS] = "pass",
	[APEDGE_VERDICT_DROP] = "drop",
	[APEDGE_VERDICT_COPY] = "copy",
	[APEDGE_VERDICT_REDIRECT] = "redirect",
};

static const char *const direction_names[] = {
	[APEDGE_DIRECTION_INGRESS] = "ingress",
	[APEDGE_DIRECTION_EGRESS] = "egress",
	[APEDGE_DIRECTION_FORWARD] = "forward",
};

static const char *const reason_names[] = {
	[APEDGE_MALFORMED_REASON_VLAN] = "vlan",
	[APEDGE_MALFORMED_REASON_IP4] = "ip4",
	[APEDGE_MALFORMED_REASON_IP6] = "ip6",
	[APEDGE_MALFORMED_REASON_EXTHDR] = "exthdr",
	[APEDGE_MALFORMED_REASON_EXTHDR_LIMIT] = "exthdr-limit",
	[APEDGE_MALFORMED_REASON_FRAG_NOL4] = "frag-nol4",
	[APEDGE_MALFORMED_REASON_UDP] = "udp",
	[APEDGE_MALFORMED_REASON_DHCPV4] = "dhcpv4",
	[APEDGE_MALFORMED_REASON_DHCPV6] = "dhcpv6",
	[APEDGE_MALFORMED_REASON_VLAN_TAG] = "vlan-tag",
	[APEDGE_MALFORMED_REASON_NEXTHDR] = "nexthdr",
	[APEDGE_MALFORMED_REASON_ESP] = "esp",
	[APEDGE_MALFORMED_REASON_SNAP] = "snap",
	[APEDGE_MALFORMED_REASON_ICMPV6] = "icmpv6",
};

#define NAME(tab, v) \
	((v) < sizeof(tab) / sizeof(tab[0]) ? tab[v] : NULL)

const char *actl_class_name(unsigned int class)
{
	return NAME(class_names, class);
}

const char *actl_verdict_name(unsigned int verdict)
{
	return NAME(verdict_names, verdict);
}

const char *actl_direction_name(unsigned int dir)
{
	return NAME(direction_names, dir);
}

const char *actl_reason_name(unsigned int reason)
{
	return NAME(reason_names, reason);
}

static const char *const feature_names[] = {
	"xid-transmit", "xid-inject", "xid-vlan", "xid-burst", "guard", "punt",
	"bindings", "source-guard", "l2update-relay", "auth",
};

const char *actl_feature_name(unsigned int bit)
{
	return NAME(feature_names, bit);
}

const char *actl_origin_name(unsigned int origin)
{
	switch (origin) {
	case APEDGE_BINDING_ORIGIN_SNOOPED: return "snooped";
	case APEDGE_BINDING_ORIGIN_STATIC: return "static";
	case APEDGE_BINDING_ORIGIN_LINK_LOCAL: return "link-local";
	case APEDGE_BINDING_ORIGIN_ROUTER: return "router";
	case APEDGE_BINDING_ORIGIN_DHCP6_SERVER: return "dhcp6-server";
	}
	return "unknown";
}

static unsigned int lookup(const char *const *tab, unsigned int n,
			   const char *name)
{
	unsigned int i;

	for (i = 1; i < n; i++)
		if (tab[i] && !strcmp(tab[i], name))
			return i;
	return 0;
}

unsigned int actl_class_value(const char *name)
{
	return lookup(class_names, sizeof(class_names) / sizeof(class_names[0]),
		      name);
}

unsigned int actl_verdict_value(const char *name)
{
	return lookup(verdict_names,
		      sizeof(verdict_names) / sizeof(verdict_names[0]), name);
}

/* A name, or the number for a value this tool does not know yet. */
const char *actl_name_or_num(const char *name, unsigned int v, char *buf,
			     size_t len)
{
	if (name)
		return name;
	snprintf(buf, len, "%u", v);
	return buf;
}
