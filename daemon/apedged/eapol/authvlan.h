/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which VLAN a session's authorization puts the port in, and whether the
 * module may open it at all: pure, from the session's authorization (why
 * and with which VLAN, eapol/authsm.h) and the port's mode.
 *
 *  - not authorized: shut, the port's own VLAN (the engine's caller puts
 *    back the port's VLAN as it was before the first assignment);
 *  - mode port: open, in the session's VLAN (the RADIUS reply's
 *    Tunnel-Private-Group-ID, guest_vlan or auth_fail_vlan) as the port's
 *    PVID, untagged; 0: the port's own;
 *  - mode mac, no VLAN: open for that station;
 *  - mode mac with a VLAN: shut.  A Linux bridge puts a frame in a VLAN
 *    by its ingress port (PVID) or its tag, never by its source MAC, so
 *    one station of a shared port cannot be given a VLAN of its own;
 *    opening it in the port's VLAN would let a guest or a device RADIUS
 *    meant to keep apart into the wrong network (fail closed).
 *
 * The caller sets the VLAN before it opens and shuts before it restores
 * the VLAN, and keeps the port shut when the VLAN cannot be set.
 */
#ifndef APEDGED_EAPOL_AUTHVLAN_H
#define APEDGED_EAPOL_AUTHVLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "eapol/authsm.h"

struct auth_apply {
	bool open;		/* the module authorizes the port or station */
	uint16_t vlan;		/* mode port: its PVID; 0: the port's own */
	const char *why;	/* why an authorized session stays shut */
};

void auth_apply_decide(enum auth_mode mode, enum auth_authz az,
		       uint16_t vlan, struct auth_apply *out);

#endif
