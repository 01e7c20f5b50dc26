/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/apedge.yaml */
/* by scripts/ynl: YNL-GEN kernel policies, one per command */

#ifndef _APEDGE_NETLINK_GEN_H
#define _APEDGE_NETLINK_GEN_H

#include <net/netlink.h>

#include <linux/apedge.h>

extern const struct nla_policy apedge_policy_nl_policy[APEDGE_A_POLICY_VERDICT + 1];
extern const struct nla_policy apedge_port_add_nl_policy[APEDGE_A_PORT_AUTH_ALLOW + 1];
extern const struct nla_policy apedge_port_del_nl_policy[APEDGE_A_PORT_IFNAME + 1];
extern const struct nla_policy apedge_port_get_nl_policy[APEDGE_A_PORT_IFNAME + 1];
extern const struct nla_policy apedge_xid_send_nl_policy[APEDGE_A_XID_RW + 1];
extern const struct nla_policy apedge_stats_get_nl_policy[APEDGE_A_STATS_IFNAME + 1];
extern const struct nla_policy apedge_policy_set_nl_policy[APEDGE_A_PORT_PUNT_RATE + 1];
extern const struct nla_policy apedge_stats_reset_nl_policy[APEDGE_A_STATS_IFNAME + 1];
extern const struct nla_policy apedge_port_set_nl_policy[APEDGE_A_PORT_AUTH_ALLOW + 1];
extern const struct nla_policy apedge_binding_add_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1];
extern const struct nla_policy apedge_binding_del_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1];
extern const struct nla_policy apedge_binding_get_nl_policy[APEDGE_A_BINDING_PREFIX_LEN + 1];
extern const struct nla_policy apedge_binding_config_set_nl_policy[APEDGE_A_BINDING_CONFIG_LIMIT + 1];
extern const struct nla_policy apedge_binding_move_nl_policy[APEDGE_A_BINDING_TO_IFNAME + 1];
extern const struct nla_policy apedge_auth_set_nl_policy[APEDGE_A_AUTH_AUTHORIZED + 1];
extern const struct nla_policy apedge_auth_get_nl_policy[APEDGE_A_AUTH_IFNAME + 1];

#endif /* _APEDGE_NETLINK_GEN_H */
