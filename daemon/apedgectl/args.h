/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's command line, parsed into a request.  Pure: no I/O.
 */
#ifndef APEDGECTL_ARGS_H
#define APEDGECTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/mac.h"

#define ACTL_IFNAMSIZ 16

enum actl_cmd {
	ACTL_CMD_NONE,
	ACTL_CMD_HELP,
	ACTL_CMD_VERSION,
	ACTL_CMD_INFO,
	ACTL_CMD_PORT_ADD,
	ACTL_CMD_PORT_DEL,
	ACTL_CMD_PORT_SHOW,
	ACTL_CMD_XID_SEND,
	ACTL_CMD_STATS,
	ACTL_CMD_MONITOR,
	ACTL_CMD_DAEMON,
	ACTL_CMD_POLICY_SET,
	ACTL_CMD_STATS_RESET,
	ACTL_CMD_STA_ADD,
	ACTL_CMD_STA_AUTHORIZE,
	ACTL_CMD_STA_DEL,
	ACTL_CMD_STA_SHOW,
	ACTL_CMD_IAPP_SHOW,
	ACTL_CMD_PORT_SET,
	ACTL_CMD_BINDING_ADD,
	ACTL_CMD_BINDING_DEL,
	ACTL_CMD_BINDING_SHOW,
	ACTL_CMD_BINDING_LIMIT,
};

#define ACTL_IPS_MAX 8

#define ACTL_POLICY_CLASSES 32

/* A request; a field left 0 (or false) was not given. */
struct actl_req {
	enum actl_cmd cmd;
	bool json;
	bool pretty;
	const char *ctrl_path;		/* -s; NULL for the default */
	const char *netns;		/* -n; NULL for apedgectl's own */

	char ifname[ACTL_IFNAMSIZ];	/* dev IF */
	uint32_t ifindex;		/* ifindex N */
	uint32_t role;			/* enum apedge_port_role */
	uint8_t sta[MAC_LEN];
	bool has_sta;
	uint32_t mode;			/* enum apedge_xid_mode */
	uint16_t vlan;
	uint32_t count;
	bool has_interval;
	uint32_t interval;
	bool has_rw;
	uint8_t rw;
	const char *daemon_req;		/* status, ping or reload */
	bool monitor_daemon;		/* monitor daemon: apedged's events */
	/* policy set: the verdict for class c at policy[c], 0 unchanged */
	uint8_t policy[ACTL_POLICY_CLASSES];
	bool has_punt_rate;
	uint32_t punt_rate;
	/* sta add (also sta, vlan and dev above) */
	bool authorized;
	bool has_prev_ap;
	uint8_t prev_ap[MAC_LEN];
	const char *ips[ACTL_IPS_MAX];
	unsigned int n_ips;
	/* source-guard on|off: 0 not given, else ACTL_SG_OFF or ACTL_SG_ON */
	uint8_t source_guard;
	/* binding: the address (AF_INET or AF_INET6, 0 not given) */
	int family;
	uint8_t addr[16];
	uint8_t mac[MAC_LEN];
	bool has_mac;
	bool has_lifetime;
	uint32_t lifetime;
	/* binding limit N; 0 only shows it */
	uint32_t limit;
	const char *batch;		/* -b FILE */
};

#define ACTL_SG_OFF	1
#define ACTL_SG_ON	2

/*
 * Parse argv[1..argc-1].  Returns 0, or -1 with a one-line reason in err
 * (no trailing newline).
 */
int actl_args_parse(int argc, char **argv, struct actl_req *req,
		    char *err, size_t errlen);

/*
 * The control socket request line of a sta or iapp command (see
 * apedged's iapp_ctl.h), newline included; 0, or -1 when it does not fit.
 */
int actl_daemon_line(const struct actl_req *req, char *buf, size_t size);

/* Whether the command goes to apedged's control socket. */
bool actl_cmd_is_daemon(enum actl_cmd cmd);

/* The command's name as the user typed it, e.g. "port add". */
const char *actl_cmd_name(enum actl_cmd cmd);

/* The usage text. */
extern const char actl_usage[];

#endif
