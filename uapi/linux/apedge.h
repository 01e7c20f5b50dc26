/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/apedge.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_APEDGE_H
#define _UAPI_LINUX_APEDGE_H

#define APEDGE_FAMILY_NAME	"apedge"
#define APEDGE_FAMILY_VERSION	1

#define APEDGE_XID_COUNT_MAX		32
#define APEDGE_PUNT_RATE_MAX		10000
#define APEDGE_PUNT_SNAPLEN		512
#define APEDGE_XID_INTERVAL_MAX		10000
#define APEDGE_XID_SPAN_MAX		10000
#define APEDGE_BINDINGS_MAX_LIMIT	1048576

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
 * @APEDGE_FEATURES_GUARD: Ports classify DHCPv4, DHCPv6 and Neighbor Discovery
 *   in both directions, count them, and police what they receive.
 * @APEDGE_FEATURES_PUNT: The copy and redirect verdicts, the punt rate and the
 *   punt group.
 * @APEDGE_FEATURES_BINDINGS: The binding table: DHCP snooping on untrusted
 *   ports and static bindings over netlink.
 * @APEDGE_FEATURES_SOURCE_GUARD: The per-port source guard, which checks IPv4,
 *   IPv6, ARP and Neighbor Advertisement sources against the binding table.
 * @APEDGE_FEATURES_L2UPDATE_RELAY: A port can relay mac80211's own Layer-2
 *   Update, once the station is found authorized, to the ports with l2update
 *   set, and tell the events group (sta-authorized-ntf).
 * @APEDGE_FEATURES_AUTH: IEEE 802.1X port authorization: auth-mode and
 *   auth-allow on ports, auth-set, auth-get, auth-unauth-seen and
 *   auth-changed.
 */
enum apedge_features {
	APEDGE_FEATURES_XID_TRANSMIT = 1,
	APEDGE_FEATURES_XID_INJECT = 2,
	APEDGE_FEATURES_XID_VLAN = 4,
	APEDGE_FEATURES_XID_BURST = 8,
	APEDGE_FEATURES_GUARD = 16,
	APEDGE_FEATURES_PUNT = 32,
	APEDGE_FEATURES_BINDINGS = 64,
	APEDGE_FEATURES_SOURCE_GUARD = 128,
	APEDGE_FEATURES_L2UPDATE_RELAY = 256,
	APEDGE_FEATURES_AUTH = 512,
};

/**
 * enum apedge_direction - Which way a packet crossed a port.
 * @APEDGE_DIRECTION_INGRESS: Received on the port.
 * @APEDGE_DIRECTION_EGRESS: Sent out of the port by this host, or after
 *   entering through a port.
 * @APEDGE_DIRECTION_FORWARD: Sent out of the port after entering through none
 *   of the ports, from a source address not of this host, as mac80211 forwards
 *   a station's frame to another station of the same access point. Judged as
 *   if received on the port.
 */
enum apedge_direction {
	APEDGE_DIRECTION_INGRESS = 1,
	APEDGE_DIRECTION_EGRESS,
	APEDGE_DIRECTION_FORWARD,
};

/**
 * enum apedge_verdict - What a port does with a packet of a policy class it
 *   receives.
 * @APEDGE_VERDICT_PASS: Let it through.
 * @APEDGE_VERDICT_DROP: Drop it and count it.
 * @APEDGE_VERDICT_COPY: Let it through, and send a copy to the punt group
 *   (within the port's punt rate).
 * @APEDGE_VERDICT_REDIRECT: Send it to the punt group (within the port's punt
 *   rate) instead of letting it through; over the rate it is dropped.
 */
enum apedge_verdict {
	APEDGE_VERDICT_PASS = 1,
	APEDGE_VERDICT_DROP,
	APEDGE_VERDICT_COPY,
	APEDGE_VERDICT_REDIRECT,
};

/**
 * enum apedge_policy_class - The kinds of packet a port's policy tells apart.
 * @APEDGE_POLICY_CLASS_DHCPV4_CLIENT: A DHCPv4 or BOOTP request (BOOTP op 1).
 * @APEDGE_POLICY_CLASS_DHCPV4_SERVER: A DHCPv4 or BOOTP reply (BOOTP op 2):
 *   OFFER, ACK, NAK and the rest that only servers and relays send.
 * @APEDGE_POLICY_CLASS_DHCPV6_CLIENT: A DHCPv6 message a client sends:
 *   SOLICIT, REQUEST, CONFIRM, RENEW, REBIND, RELEASE, DECLINE,
 *   INFORMATION-REQUEST and unknown types.
 * @APEDGE_POLICY_CLASS_DHCPV6_SERVER: A DHCPv6 message only a server sends:
 *   ADVERTISE, REPLY, RECONFIGURE, LEASEQUERY-REPLY, LEASEQUERY-DATA,
 *   DHCPV4-RESPONSE.
 * @APEDGE_POLICY_CLASS_DHCPV6_RELAY_FORW: A DHCPv6 RELAY-FORW.
 * @APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL: A DHCPv6 RELAY-REPL.
 * @APEDGE_POLICY_CLASS_ND_RS: An ICMPv6 Router Solicitation.
 * @APEDGE_POLICY_CLASS_ND_RA: An ICMPv6 Router Advertisement.
 * @APEDGE_POLICY_CLASS_ND_NS: An ICMPv6 Neighbor Solicitation.
 * @APEDGE_POLICY_CLASS_ND_NA: An ICMPv6 Neighbor Advertisement.
 * @APEDGE_POLICY_CLASS_ND_REDIRECT: An ICMPv6 Redirect.
 * @APEDGE_POLICY_CLASS_MALFORMED: A packet that claims to be one of the above
 *   but cannot be read to the end of the headers that say so; see
 *   malformed-reason.
 */
enum apedge_policy_class {
	APEDGE_POLICY_CLASS_DHCPV4_CLIENT = 1,
	APEDGE_POLICY_CLASS_DHCPV4_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_CLIENT,
	APEDGE_POLICY_CLASS_DHCPV6_SERVER,
	APEDGE_POLICY_CLASS_DHCPV6_RELAY_FORW,
	APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL,
	APEDGE_POLICY_CLASS_ND_RS,
	APEDGE_POLICY_CLASS_ND_RA,
	APEDGE_POLICY_CLASS_ND_NS,
	APEDGE_POLICY_CLASS_ND_NA,
	APEDGE_POLICY_CLASS_ND_REDIRECT,
	APEDGE_POLICY_CLASS_MALFORMED,
};

/**
 * enum apedge_malformed_reason - Why a packet is of the malformed class.
 * @APEDGE_MALFORMED_REASON_VLAN: A truncated VLAN tag, or more than two tags.
 * @APEDGE_MALFORMED_REASON_IP4: A truncated IPv4 header, or a bad version or
 *   length.
 * @APEDGE_MALFORMED_REASON_IP6: A truncated IPv6 header, a bad version, or a
 *   short payload.
 * @APEDGE_MALFORMED_REASON_EXTHDR: A truncated IPv6 extension header.
 * @APEDGE_MALFORMED_REASON_EXTHDR_LIMIT: More IPv6 extension headers than
 *   apedge walks (8).
 * @APEDGE_MALFORMED_REASON_FRAG_NOL4: An IPv6 first fragment whose header
 *   chain ends before the upper-layer header (RFC 7112).
 * @APEDGE_MALFORMED_REASON_UDP: A truncated UDP header, or a bad UDP length.
 * @APEDGE_MALFORMED_REASON_DHCPV4: A truncated BOOTP message, or bad DHCP
 *   options.
 * @APEDGE_MALFORMED_REASON_DHCPV6: A DHCPv6 message without its msg-type.
 * @APEDGE_MALFORMED_REASON_ICMPV6: A truncated ICMPv6 header.
 * @APEDGE_MALFORMED_REASON_VLAN_TAG: An in-band VLAN tag received on an
 *   untrusted port (beyond the one the device or the stack takes out), unless
 *   the port allows opaque frames.
 * @APEDGE_MALFORMED_REASON_NEXTHDR: An IPv6 packet whose header chain has a
 *   next header apedge does not know, so that its upper-layer header cannot be
 *   found (RFC 7610 section 5), received on an untrusted port that does not
 *   allow opaque frames.
 * @APEDGE_MALFORMED_REASON_ESP: An IPv6 packet whose header chain reaches ESP,
 *   which hides the upper-layer header, received on an untrusted port that
 *   does not allow opaque frames.
 * @APEDGE_MALFORMED_REASON_SNAP: IPv4, IPv6, ARP or a VLAN tag framed in 802.2
 *   LLC/SNAP, which the guard does not look into, received on an untrusted
 *   port that does not allow opaque frames.
 */
enum apedge_malformed_reason {
	APEDGE_MALFORMED_REASON_VLAN = 1,
	APEDGE_MALFORMED_REASON_IP4,
	APEDGE_MALFORMED_REASON_IP6,
	APEDGE_MALFORMED_REASON_EXTHDR,
	APEDGE_MALFORMED_REASON_EXTHDR_LIMIT,
	APEDGE_MALFORMED_REASON_FRAG_NOL4,
	APEDGE_MALFORMED_REASON_UDP,
	APEDGE_MALFORMED_REASON_DHCPV4,
	APEDGE_MALFORMED_REASON_DHCPV6,
	APEDGE_MALFORMED_REASON_ICMPV6,
	APEDGE_MALFORMED_REASON_VLAN_TAG,
	APEDGE_MALFORMED_REASON_NEXTHDR,
	APEDGE_MALFORMED_REASON_ESP,
	APEDGE_MALFORMED_REASON_SNAP,
};

/**
 * enum apedge_binding_origin - How a binding entered the table.
 * @APEDGE_BINDING_ORIGIN_SNOOPED: Learnt from a DHCPv4 ACK or DHCPv6 REPLY
 *   sent to the client.
 * @APEDGE_BINDING_ORIGIN_STATIC: Added with binding-add.
 * @APEDGE_BINDING_ORIGIN_LINK_LOCAL: A station's IPv6 link-local address,
 *   learnt first come, first served (RFC 6620) from its DAD probe or its
 *   Neighbor Discovery on an untrusted port with the source guard on.
 * @APEDGE_BINDING_ORIGIN_ROUTER: A router's IPv6 link-local address, learnt
 *   from its Router Advertisement on a trusted port.
 * @APEDGE_BINDING_ORIGIN_DHCP6_SERVER: Added with binding-add by the local
 *   DHCPv6 server (apedged) for an address or a prefix it leased; neither
 *   snooping nor a link-local claim replaces it.
 */
enum apedge_binding_origin {
	APEDGE_BINDING_ORIGIN_SNOOPED = 1,
	APEDGE_BINDING_ORIGIN_STATIC,
	APEDGE_BINDING_ORIGIN_LINK_LOCAL,
	APEDGE_BINDING_ORIGIN_ROUTER,
	APEDGE_BINDING_ORIGIN_DHCP6_SERVER,
};

/**
 * enum apedge_auth_mode - A port's IEEE 802.1X mode.
 * @APEDGE_AUTH_MODE_NONE: No 802.1X; everything passes (the default).
 * @APEDGE_AUTH_MODE_PORT: Port-based: one authorization (auth-set without mac)
 *   opens the whole port.
 * @APEDGE_AUTH_MODE_MAC: MAC-based (multi-host): each station, by source MAC
 *   address, is authorized on its own (auth-set with mac).
 */
enum apedge_auth_mode {
	APEDGE_AUTH_MODE_NONE,
	APEDGE_AUTH_MODE_PORT,
	APEDGE_AUTH_MODE_MAC,
};

/**
 * enum apedge_l2relay_path - How a port with l2update-relay checks the source
 *   of a Layer-2 Update it received before relaying it.
 * @APEDGE_L2RELAY_PATH_CFG80211: In process context: cfg80211 is asked whether
 *   the source is a station authorized on the interface
 *   (cfg80211_get_station(), under the wiphy mutex). Any cfg80211 device: an
 *   AP_VLAN, a full-MAC driver's interface, a module built without mac80211.
 * @APEDGE_L2RELAY_PATH_MAC80211: In the softirq that received the frame:
 *   mac80211 is asked under RCU whether the source is a station of the
 *   interface. A mac80211 interface in access point mode, on which mac80211
 *   hands up frames only from authorized stations, with their own address as
 *   source.
 */
enum apedge_l2relay_path {
	APEDGE_L2RELAY_PATH_CFG80211 = 1,
	APEDGE_L2RELAY_PATH_MAC80211,
};

/**
 * enum apedge_auth_allow - What an unauthorized station may still exchange,
 *   besides EAPOL, on a port in 802.1X mode (a guest policy).
 * @APEDGE_AUTH_ALLOW_DHCP: DHCPv4 and DHCPv6 client messages it sends (to UDP
 *   67, 547) and server messages to it (to UDP 68, 546).
 * @APEDGE_AUTH_ALLOW_ARP: ARP, both ways.
 */
enum apedge_auth_allow {
	APEDGE_AUTH_ALLOW_DHCP = 1,
	APEDGE_AUTH_ALLOW_ARP = 2,
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
	APEDGE_A_PORT_POLICY,
	APEDGE_A_PORT_PUNT_RATE,
	APEDGE_A_PORT_SOURCE_GUARD,
	APEDGE_A_PORT_VERIFY_CHADDR,
	APEDGE_A_PORT_ALLOW_OPAQUE,
	APEDGE_A_PORT_L2UPDATE,
	APEDGE_A_PORT_L2UPDATE_RELAY,
	APEDGE_A_PORT_L2UPDATE_VLAN,
	APEDGE_A_PORT_AUTH_MODE,
	APEDGE_A_PORT_AUTH_ALLOW,
	APEDGE_A_PORT_L2UPDATE_RELAY_PATH,

	__APEDGE_A_PORT_MAX,
	APEDGE_A_PORT_MAX = (__APEDGE_A_PORT_MAX - 1)
};

enum {
	APEDGE_A_POLICY_CLASS = 1,
	APEDGE_A_POLICY_VERDICT,

	__APEDGE_A_POLICY_MAX,
	APEDGE_A_POLICY_MAX = (__APEDGE_A_POLICY_MAX - 1)
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
	APEDGE_A_STATS_COUNTER,
	APEDGE_A_STATS_PUNT_SENT,
	APEDGE_A_STATS_PUNT_RATELIMITED,
	APEDGE_A_STATS_PUNT_OVERFLOW,
	APEDGE_A_STATS_SG_DROP_IPV4,
	APEDGE_A_STATS_SG_DROP_IPV6,
	APEDGE_A_STATS_SG_DROP_ARP,
	APEDGE_A_STATS_SG_DROP_ND,
	APEDGE_A_STATS_SNOOP_PORTS,
	APEDGE_A_STATS_SNOOP_UNTRUSTED,
	APEDGE_A_STATS_SNOOP_NO_REQUEST,
	APEDGE_A_STATS_SNOOP_CHADDR,
	APEDGE_A_STATS_SNOOP_UNBOUND,
	APEDGE_A_STATS_SNOOP_OVERFLOW,
	APEDGE_A_STATS_DHCP_CHADDR_DROP,
	APEDGE_A_STATS_L2UPDATE_RELAYED,
	APEDGE_A_STATS_L2UPDATE_REFUSED,
	APEDGE_A_STATS_L2UPDATE_OVERFLOW,
	APEDGE_A_STATS_SG_DROP_LL,
	APEDGE_A_STATS_SG_DROP_LLA,

	__APEDGE_A_STATS_MAX,
	APEDGE_A_STATS_MAX = (__APEDGE_A_STATS_MAX - 1)
};

enum {
	APEDGE_A_COUNTER_DIRECTION = 1,
	APEDGE_A_COUNTER_CLASS,
	APEDGE_A_COUNTER_VERDICT,
	APEDGE_A_COUNTER_REASON,
	APEDGE_A_COUNTER_PAD,
	APEDGE_A_COUNTER_PACKETS,

	__APEDGE_A_COUNTER_MAX,
	APEDGE_A_COUNTER_MAX = (__APEDGE_A_COUNTER_MAX - 1)
};

enum {
	APEDGE_A_PUNT_IFINDEX = 1,
	APEDGE_A_PUNT_DIRECTION,
	APEDGE_A_PUNT_CLASS,
	APEDGE_A_PUNT_VERDICT,
	APEDGE_A_PUNT_LEN,
	APEDGE_A_PUNT_PACKET,
	APEDGE_A_PUNT_SRC_MAC,
	APEDGE_A_PUNT_DST_MAC,

	__APEDGE_A_PUNT_MAX,
	APEDGE_A_PUNT_MAX = (__APEDGE_A_PUNT_MAX - 1)
};

enum {
	APEDGE_A_BINDING_IPV4 = 1,
	APEDGE_A_BINDING_IPV6,
	APEDGE_A_BINDING_MAC,
	APEDGE_A_BINDING_IFINDEX,
	APEDGE_A_BINDING_IFNAME,
	APEDGE_A_BINDING_LIFETIME,
	APEDGE_A_BINDING_ORIGIN,
	APEDGE_A_BINDING_TO_IFINDEX,
	APEDGE_A_BINDING_TO_IFNAME,
	APEDGE_A_BINDING_PREFIX_LEN,
	APEDGE_A_BINDING_DOMAIN,
	APEDGE_A_BINDING_VLAN,
	APEDGE_A_BINDING_MOVED,

	__APEDGE_A_BINDING_MAX,
	APEDGE_A_BINDING_MAX = (__APEDGE_A_BINDING_MAX - 1)
};

enum {
	APEDGE_A_BINDING_CONFIG_LIMIT = 1,
	APEDGE_A_BINDING_CONFIG_COUNT,
	APEDGE_A_BINDING_CONFIG_PAD,
	APEDGE_A_BINDING_CONFIG_REFUSED,
	APEDGE_A_BINDING_CONFIG_SNOOP_OVERFLOW,
	APEDGE_A_BINDING_CONFIG_SNOOPED,
	APEDGE_A_BINDING_CONFIG_MOVED,
	APEDGE_A_BINDING_CONFIG_MOVE_CONFLICTS,

	__APEDGE_A_BINDING_CONFIG_MAX,
	APEDGE_A_BINDING_CONFIG_MAX = (__APEDGE_A_BINDING_CONFIG_MAX - 1)
};

enum {
	APEDGE_A_AUTH_IFINDEX = 1,
	APEDGE_A_AUTH_IFNAME,
	APEDGE_A_AUTH_MAC,
	APEDGE_A_AUTH_AUTHORIZED,
	APEDGE_A_AUTH_MODE,
	APEDGE_A_AUTH_ALLOW,
	APEDGE_A_AUTH_ENTRIES,
	APEDGE_A_AUTH_PAD,
	APEDGE_A_AUTH_RX_DROPPED,
	APEDGE_A_AUTH_TX_DROPPED,
	APEDGE_A_AUTH_RX_EAPOL,
	APEDGE_A_AUTH_TX_EAPOL,
	APEDGE_A_AUTH_RX_ALLOWED,
	APEDGE_A_AUTH_TX_ALLOWED,
	APEDGE_A_AUTH_UNAUTH_SEEN,
	APEDGE_A_AUTH_RX_PASSED,
	APEDGE_A_AUTH_TX_PASSED,

	__APEDGE_A_AUTH_MAX,
	APEDGE_A_AUTH_MAX = (__APEDGE_A_AUTH_MAX - 1)
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
	APEDGE_CMD_POLICY_SET,
	APEDGE_CMD_STATS_RESET,
	APEDGE_CMD_PUNT_NTF,
	APEDGE_CMD_PORT_SET,
	APEDGE_CMD_BINDING_ADD,
	APEDGE_CMD_BINDING_DEL,
	APEDGE_CMD_BINDING_GET,
	APEDGE_CMD_BINDING_CONFIG_GET,
	APEDGE_CMD_BINDING_CONFIG_SET,
	APEDGE_CMD_STA_AUTHORIZED_NTF,
	APEDGE_CMD_BINDING_MOVE,
	APEDGE_CMD_BINDING_MOVED,
	APEDGE_CMD_AUTH_SET,
	APEDGE_CMD_AUTH_GET,
	APEDGE_CMD_AUTH_UNAUTH_SEEN,
	APEDGE_CMD_AUTH_CHANGED,

	__APEDGE_CMD_MAX,
	APEDGE_CMD_MAX = (__APEDGE_CMD_MAX - 1)
};

#define APEDGE_MCGRP_EVENTS	"events"
#define APEDGE_MCGRP_PUNT	"punt"

#endif /* _UAPI_LINUX_APEDGE_H */
