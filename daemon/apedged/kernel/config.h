/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel engine's configuration: [port IFNAME] sections, the
 * interfaces apedged attaches to the module, and their policy.
 *
 *	[port eth0]
 *	role = trusted			# trusted|untrusted (default)
 *	l2update = transmit		# transmit|inject|off (default)
 *	l2update_count = 1		# frames per Layer-2 Update, 1..32
 *	l2update_interval_ms = 0	# spacing of the burst, 0..10000
 */
#ifndef APEDGED_KERNEL_CONFIG_H
#define APEDGED_KERNEL_CONFIG_H

#include <net/if.h>
#include <stdint.h>

#include <linux/apedge.h>

#include "lib/ini.h"

#define CONFIG_PORTS_MAX 256

struct config_port {
	char ifname[IFNAMSIZ];
	enum apedge_port_role role;
	uint32_t l2update;	/* enum apedge_xid_mode; 0: off */
	uint32_t l2update_count;	/* 1..APEDGE_XID_COUNT_MAX */
	uint32_t l2update_interval_ms;
	/* an AP interface whose mac80211 Layer-2 Updates the module relays */
	bool l2update_relay;
	uint32_t l2update_vlan;	/* their VLAN ID; 0: untagged */
	unsigned int line;	/* of its section header */
};

/* [port IFNAME], repeated: bound to an array of struct config_port. */
extern const struct ini_section kernel_port_section;

const char *config_role_name(enum apedge_port_role role);

#endif
