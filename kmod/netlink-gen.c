// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/apedge.yaml */
/* by scripts/ynl: YNL-GEN kernel policies, one per command */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <linux/apedge.h>

/* Integer value ranges */
static struct netlink_range_validation apedge_a_binding_config_limit_range = {
	.min	= 1ULL,
	.max	= APEDGE_BINDINGS_MAX_LIMIT,
};

/* Common nested types */
const struct nla_policy apedge_policy_nl_policy[APEDGE_A_POLICY_VERDICT + 1] = {
	[APEDGE_A_POLICY_CLASS] = NLA_POLICY_RANGE(NLA_U32, 1, 12),
	[APEDGE_A_POLICY_VERDICT] = NLA_POLICY_RANGE(NLA_U32, 1, 4),
};

/* APEDGE_CMD_PORT_ADD - do */
const struct nla_policy apedge_port_add_nl_policy[APEDGE_A_PORT_AUTH_ALLOW + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_PORT_ROLE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[APEDGE_A_PORT_SOURCE_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_VERIFY_CHADDR] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_ALLOW_OPAQUE] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_L2UPDATE] = NLA_POLICY_MAX(NLA_U32, 2),
	[APEDGE_A_PORT_L2UPDATE_RELAY] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_L2UPDATE_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
	[APEDGE_A_PORT_AUTH_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[APEDGE_A_PORT_AUTH_ALLOW] = NLA_POLICY_MASK(NLA_U32, 0x3),
};

/* APEDGE_CMD_PORT_DEL - do */
const struct nla_policy apedge_port_del_nl_policy[APEDGE_A_PORT_IFNAME + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_PORT_GET - do */
const struct nla_policy apedge_port_get_nl_policy[APEDGE_A_PORT_IFNAME + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_XID_SEND - do */
const struct nla_policy apedge_xid_send_nl_policy[APEDGE_A_XID_RW + 1] = {
	[APEDGE_A_XID_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_XID_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_XID_STA] = NLA_POLICY_EXACT_LEN(6),
	[APEDGE_A_XID_MODE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[APEDGE_A_XID_VLAN] = NLA_POLICY_RANGE(NLA_U16, 1, 4094),
	[APEDGE_A_XID_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1, APEDGE_XID_COUNT_MAX),
	[APEDGE_A_XID_INTERVAL] = NLA_POLICY_MAX(NLA_U32, APEDGE_XID_INTERVAL_MAX),
	[APEDGE_A_XID_RW] = { .type = NLA_U8, },
};

/* APEDGE_CMD_STATS_GET - do */
const struct nla_policy apedge_stats_get_nl_policy[APEDGE_A_STATS_IFNAME + 1] = {
	[APEDGE_A_STATS_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_STATS_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_POLICY_SET - do */
const struct nla_policy apedge_policy_set_nl_policy[APEDGE_A_PORT_PUNT_RATE + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_PORT_POLICY] = NLA_POLICY_NESTED(apedge_policy_nl_policy),
	[APEDGE_A_PORT_PUNT_RATE] = NLA_POLICY_MAX(NLA_U32, APEDGE_PUNT_RATE_MAX),
};

/* APEDGE_CMD_STATS_RESET - do */
const struct nla_policy apedge_stats_reset_nl_policy[APEDGE_A_STATS_IFNAME + 1] = {
	[APEDGE_A_STATS_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_STATS_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_PORT_SET - do */
const struct nla_policy apedge_port_set_nl_policy[APEDGE_A_PORT_AUTH_ALLOW + 1] = {
	[APEDGE_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_PORT_SOURCE_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_VERIFY_CHADDR] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_ALLOW_OPAQUE] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_L2UPDATE] = NLA_POLICY_MAX(NLA_U32, 2),
	[APEDGE_A_PORT_L2UPDATE_RELAY] = NLA_POLICY_MAX(NLA_U8, 1),
	[APEDGE_A_PORT_L2UPDATE_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
	[APEDGE_A_PORT_AUTH_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[APEDGE_A_PORT_AUTH_ALLOW] = NLA_POLICY_MASK(NLA_U32, 0x3),
};

/* APEDGE_CMD_BINDING_ADD - do */
const struct nla_policy apedge_binding_add_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1] = {
	[APEDGE_A_BINDING_IPV4] = NLA_POLICY_EXACT_LEN(4),
	[APEDGE_A_BINDING_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[APEDGE_A_BINDING_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[APEDGE_A_BINDING_MAC] = NLA_POLICY_EXACT_LEN(6),
	[APEDGE_A_BINDING_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_BINDING_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_BINDING_LIFETIME] = { .type = NLA_U32, },
	[APEDGE_A_BINDING_ORIGIN] = NLA_POLICY_RANGE(NLA_U32, 1, 5),
};

/* APEDGE_CMD_BINDING_DEL - do */
const struct nla_policy apedge_binding_del_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1] = {
	[APEDGE_A_BINDING_IPV4] = NLA_POLICY_EXACT_LEN(4),
	[APEDGE_A_BINDING_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[APEDGE_A_BINDING_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
};

/* APEDGE_CMD_BINDING_GET - do */
const struct nla_policy apedge_binding_get_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1] = {
	[APEDGE_A_BINDING_IPV4] = NLA_POLICY_EXACT_LEN(4),
	[APEDGE_A_BINDING_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[APEDGE_A_BINDING_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[APEDGE_A_BINDING_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_BINDING_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_BINDING_CONFIG_SET - do */
const struct nla_policy apedge_binding_config_set_nl_policy[APEDGE_A_BINDING_CONFIG_LIMIT + 1] = {
	[APEDGE_A_BINDING_CONFIG_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32, &apedge_a_binding_config_limit_range),
};

/* APEDGE_CMD_BINDING_MOVE - do */
const struct nla_policy apedge_binding_move_nl_policy[APEDGE_A_BINDING_TO_IFNAME + 1] = {
	[APEDGE_A_BINDING_MAC] = NLA_POLICY_EXACT_LEN(6),
	[APEDGE_A_BINDING_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_BINDING_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_BINDING_TO_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_BINDING_TO_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* APEDGE_CMD_AUTH_SET - do */
const struct nla_policy apedge_auth_set_nl_policy[APEDGE_A_AUTH_AUTHORIZED + 1] = {
	[APEDGE_A_AUTH_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_AUTH_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[APEDGE_A_AUTH_MAC] = NLA_POLICY_EXACT_LEN(6),
	[APEDGE_A_AUTH_AUTHORIZED] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* APEDGE_CMD_AUTH_GET - dump */
const struct nla_policy apedge_auth_get_nl_policy[APEDGE_A_AUTH_IFNAME + 1] = {
	[APEDGE_A_AUTH_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[APEDGE_A_AUTH_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};
