/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bridge port's untagged VLAN (PVID), over rtnetlink (libmnl), for
 * 802.1X VLAN assignment: bridge VLAN filtering (the "bridge vlan"
 * commands: RTM_SETLINK / RTM_DELLINK, family AF_BRIDGE, IFLA_AF_SPEC
 * holding IFLA_BRIDGE_VLAN_INFO) on the port's own entries (master).
 *
 * brvlan_assign() makes vid the port's PVID, egress untagged, and takes
 * the port out of its previous PVID, so that a device in a guest VLAN
 * hears nothing of the port's own; the port's first PVID and its flags
 * are kept in *orig.  brvlan_restore() puts them back and removes the
 * assigned one.  Other VLANs of the port (tagged) are left alone.
 *
 * The requests are synchronous (a socket per call, a 2 s receive
 * timeout): the caller opens the port only once its VLAN is set.  Only
 * the kernel (nl_pid 0) is listened to.
 */
#ifndef APEDGE_LIB_BRVLAN_H
#define APEDGE_LIB_BRVLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct brvlan_orig {
	bool valid;		/* vid and flags were read */
	uint16_t vid;		/* the port's PVID before; 0: it had none */
	uint16_t flags;		/* BRIDGE_VLAN_INFO_* of that entry */
};

/*
 * Pure: one RTM_NEWLINK message (the whole netlink message) of an
 * AF_BRIDGE dump with RTEXT_FILTER_BRVLAN.  1 when it is ifindex's and
 * names a PVID (*vid, *flags), 0 when it is another interface's or has
 * none, -EINVAL when malformed.
 */
int brvlan_parse_pvid(const void *msg, size_t len, int ifindex,
		      uint16_t *vid, uint16_t *flags);

/* The port's PVID now (0: none); 0 or -errno. */
int brvlan_get_pvid(int ifindex, uint16_t *vid, uint16_t *flags);
/* bridge vlan add / del on the port (master); 0 or -errno. */
int brvlan_add(int ifindex, uint16_t vid, uint16_t flags);
int brvlan_del(int ifindex, uint16_t vid);

/* See above; 0 or -errno (the port's VLAN then as it was, or partly
 * changed: the caller keeps the port shut). */
int brvlan_assign(int ifindex, uint16_t vid, struct brvlan_orig *orig);
int brvlan_restore(int ifindex, struct brvlan_orig *orig);

#endif
