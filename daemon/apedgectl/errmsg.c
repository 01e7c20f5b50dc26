// SPDX-License-Identifier: GPL-2.0
/*
 * Error lines; see errmsg.h.
 *
 * The module explains most refusals in its extended ACK.  A kernel that
 * does not pass extended ACKs on (or a refusal from the netlink core
 * itself) leaves only the errno; for the errnos the module's commands
 * are documented to return, say the same thing the module would have.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apedgectl/errmsg.h"

/* Whether cmd names a port that must already be attached. */
static int needs_port(enum actl_cmd cmd)
{
	return cmd == ACTL_CMD_PORT_DEL || cmd == ACTL_CMD_PORT_SHOW ||
	       cmd == ACTL_CMD_XID_SEND || cmd == ACTL_CMD_STATS ||
	       cmd == ACTL_CMD_STATS_RESET || cmd == ACTL_CMD_POLICY_SET;
}

/* What the module means by err for cmd, or NULL. */
static const char *known(enum actl_cmd cmd, int err)
{
	switch (err) {
	case -ENODEV:
		return "no such device";
	case -ENOENT:
		return needs_port(cmd) ? "device is not an apedge port" : NULL;
	case -EEXIST:
		return cmd == ACTL_CMD_PORT_ADD ? "port already attached" : NULL;
	case -ENETDOWN:
		return cmd == ACTL_CMD_XID_SEND ? "port is down" : NULL;
	case -EOPNOTSUPP:
		return cmd == ACTL_CMD_PORT_ADD ?
		       "device is not an Ethernet device" : NULL;
	case -EIDRM:
		return cmd == ACTL_CMD_MONITOR ?
		       "the apedge module was unloaded" : NULL;
	case -ENOSPC:
		return cmd == ACTL_CMD_PORT_ADD ?
		       "too many ports in this namespace" : NULL;
	}
	return NULL;
}

void actl_error_line(char *buf, size_t len, enum actl_cmd cmd, int err,
		     const char *ext)
{
	const char *what = actl_cmd_name(cmd);
	const char *why = strerror(-err);
	const char *reason;

	if (!len)
		return;
	if (err == -EPERM) {
		snprintf(buf, len, "%s: %s (needs CAP_NET_ADMIN)", what, why);
		return;
	}
	if (err == -EPROTO) {
		snprintf(buf, len, "%s: malformed reply from the kernel", what);
		return;
	}
	reason = ext && *ext ? ext : known(cmd, err);
	if (reason)
		snprintf(buf, len, "%s: %s (%s)", what, reason, why);
	else
		snprintf(buf, len, "%s: %s", what, why);
}
