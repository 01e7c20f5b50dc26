/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/apedge.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_APEDGE_H
#define _UAPI_LINUX_APEDGE_H

#define APEDGE_FAMILY_NAME	"apedge"
#define APEDGE_FAMILY_VERSION	1

#define APEDGE_XID_COUNT_MAX	32
#define APEDGE_XID_INTERVAL_MAX	10000

/**
 * enum apedge_port_role - How far apedge trusts the hosts behind a port.
 * @APEDGE_PORT_ROLE_UNTRUSTED: Client-facing port; server and router messages
 *   are policed.
 * @APEDGE_PORT_ROLE_TRUSTED: Uplink or server-facing port; everything passes.
 */
enum apedge_port_role {
	APEDGE_PORT_ROLE_UNTRUSTED = 1,
	APEDGE_PORT_ROLE_TRUSTED,
};

/**
 * enum apedge_xid_mode - How an XID Layer-2 Update frame is delivered.
 * @APEDGE_XID_MODE_TRANSMIT: Transmitted on the port with dev_queue_xmit(), so
 *   that switches upstream of the port learn the station's address.
 * @APEDGE_XID_MODE_INJECT: Delivered to the local stack as if the station had
 *   sent it on the port (netif_rx()), so that a bridge above the port learns
 *   the station there and floods the frame to its other ports.
 */
enum apedge_xid_mode {
	APEDGE_XID_MODE_TRANSMIT = 1,
	APEDGE_XID_MODE_INJECT,
};

/**
 * enum apedge_features - Capabilities of the loaded module.
 * @APEDGE_FEATURES_XID_TRANSMIT: XID frames can be transmitted on a port.
 * @APEDGE_FEATURES_XID_INJECT: XID frames can be injected as received on a
 *   port.
 * @APEDGE_FEATURES_XID_VLAN: XID frames can carry an IEEE 802.1Q tag.
 * @APEDGE_FEATURES_XID_BURST: XID frames can be sent as a spaced burst.
 */
enum apedge_features {
	APEDGE_FEATURES_XID_TRANSMIT = 1,
	APEDGE_FEATURES_XID_INJECT = 2,
	APEDGE_FEATURES_XID_VLAN = 4,
	APEDGE_FEATURES_XID_BURST = 8,
};

enum {
	APEDGE_A_INFO_VERSION = 1,
	APEDGE_A_INFO_FEATURES,

	__APEDGE_A_INFO_MAX,
	APEDGE_A_INFO_MAX = (__APEDGE_A_INFO_MAX - 1)
};

enum {
	APEDGE_A_PORT_IFINDEX = 1,
	APEDGE_A_PORT_IFNAME,
	APEDGE_A_PORT_ROLE,

	__APEDGE_A_PORT_MAX,
	APEDGE_A_PORT_MAX = (__APEDGE_A_PORT_MAX - 1)
};

enum {
	APEDGE_A_XID_IFINDEX = 1,
	APEDGE_A_XID_IFNAME,
	APEDGE_A_XID_STA,
	APEDGE_A_XID_MODE,
	APEDGE_A_XID_VLAN,
	APEDGE_A_XID_COUNT,
	APEDGE_A_XID_INTERVAL,
	APEDGE_A_XID_RW,

	__APEDGE_A_XID_MAX,
	APEDGE_A_XID_MAX = (__APEDGE_A_XID_MAX - 1)
};

enum {
	APEDGE_A_STATS_IFINDEX = 1,
	APEDGE_A_STATS_IFNAME,
	APEDGE_A_STATS_PAD,
	APEDGE_A_STATS_XID_TRANSMIT,
	APEDGE_A_STATS_XID_INJECT,
	APEDGE_A_STATS_XID_ERRORS,

	__APEDGE_A_STATS_MAX,
	APEDGE_A_STATS_MAX = (__APEDGE_A_STATS_MAX - 1)
};

enum {
	APEDGE_CMD_INFO_GET = 1,
	APEDGE_CMD_PORT_ADD,
	APEDGE_CMD_PORT_DEL,
	APEDGE_CMD_PORT_GET,
	APEDGE_CMD_XID_SEND,
	APEDGE_CMD_STATS_GET,
	APEDGE_CMD_PORT_ADD_NTF,
	APEDGE_CMD_PORT_DEL_NTF,

	__APEDGE_CMD_MAX,
	APEDGE_CMD_MAX = (__APEDGE_CMD_MAX - 1)
};

#define APEDGE_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_APEDGE_H */
