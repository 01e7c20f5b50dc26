/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON object of the control socket's "status" reply, written from a
 * snapshot of the daemon's state (pure: no state of its own, no I/O).
 */
#ifndef APEDGED_STATUS_H
#define APEDGED_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/strbuf.h"

struct status_port {
	const char *ifname;
	uint32_t role;			/* enum apedge_port_role */
	bool attached;
};

struct status_info {
	const char *version;		/* the daemon's */
	const char *module;		/* "connected" or "absent" */
	uint16_t family_id;		/* 0 when absent */
	const char *module_version;	/* "" when unknown */
	int pid;
	uint64_t uptime_s;
	const char *log_level;
	const char *config;		/* path, or NULL when none */
	const struct status_port *ports;
	size_t n_ports;
	const char *control;		/* a JSON object, or NULL */
};

/*
 * Append, for example:
 * {"version": "0.1.0", "module": "connected", "family_id": 27,
 *  "module_version": "0.1.0", "pid": 42, "uptime_s": 3,
 *  "log_level": "info", "config": "/etc/apedge/apedged.conf",
 *  "ports": [{"ifname": "eth0", "role": "trusted", "attached": true}],
 *  "control": {...}}
 * (on one line).
 */
void status_format(struct strbuf *sb, const struct status_info *si);

#endif
