// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl's error lines: the kernel's extended ACK when it gives one,
 * the module's own wording when it does not, and EPERM's capability.
 */
#include <errno.h>

#include "apedgectl/errmsg.h"
#include "ut.h"

static char line[512];

static const char *msg(enum actl_cmd cmd, int err, const char *ext)
{
	actl_error_line(line, sizeof(line), cmd, err, ext);
	return line;
}

UT_CASE(with_extack)
{
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_ADD, -ENODEV, "no such device"),
		      "port add: no such device (No such device)");
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_ADD, -EEXIST, "port already attached"),
		      "port add: port already attached (File exists)");
	UT_EXPECT_STR(msg(ACTL_CMD_XID_SEND, -EINVAL,
			  "interval needs a count of 2 or more"),
		      "xid send: interval needs a count of 2 or more (Invalid argument)");
	/* The module's text wins over apedgectl's guess. */
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_DEL, -ENOENT, "something else"),
		      "port del: something else (No such file or directory)");
}

UT_CASE(without_extack)
{
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_ADD, -ENODEV, NULL),
		      "port add: no such device (No such device)");
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_ADD, -EEXIST, ""),
		      "port add: port already attached (File exists)");
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_DEL, -ENOENT, NULL),
		      "port del: device is not an apedge port (No such file or directory)");
	UT_EXPECT_STR(msg(ACTL_CMD_XID_SEND, -ENOENT, NULL),
		      "xid send: device is not an apedge port (No such file or directory)");
	UT_EXPECT_STR(msg(ACTL_CMD_STATS_RESET, -ENOENT, NULL),
		      "stats reset: device is not an apedge port (No such file or directory)");
	UT_EXPECT_STR(msg(ACTL_CMD_POLICY_SET, -ENODEV, NULL),
		      "policy set: no such device (No such device)");
	UT_EXPECT_STR(msg(ACTL_CMD_XID_SEND, -ENETDOWN, NULL),
		      "xid send: port is down (Network is down)");
	UT_EXPECT_STR(msg(ACTL_CMD_MONITOR, -EIDRM, NULL),
		      "monitor: the apedge module was unloaded (Identifier removed)");
	/* No guess where the errno means nothing particular. */
	UT_EXPECT_STR(msg(ACTL_CMD_INFO, -ENOENT, NULL),
		      "info: No such file or directory");
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_DEL, -EEXIST, NULL),
		      "port del: File exists");
	UT_EXPECT_STR(msg(ACTL_CMD_STATS, -ENOBUFS, NULL),
		      "stats: No buffer space available");
}

UT_CASE(eperm_and_eproto)
{
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_ADD, -EPERM, NULL),
		      "port add: Operation not permitted (needs CAP_NET_ADMIN)");
	UT_EXPECT_STR(msg(ACTL_CMD_XID_SEND, -EPERM, "ignored"),
		      "xid send: Operation not permitted (needs CAP_NET_ADMIN)");
	UT_EXPECT_STR(msg(ACTL_CMD_PORT_SHOW, -EPROTO, NULL),
		      "port show: malformed reply from the kernel");
}

UT_CASE(truncation)
{
	char small[12];

	actl_error_line(small, sizeof(small), ACTL_CMD_PORT_ADD, -ENODEV, NULL);
	UT_EXPECT_STR(small, "port add: n");
	/* A zero length writes nothing. */
	actl_error_line(small, 0, ACTL_CMD_PORT_ADD, -ENODEV, NULL);
	UT_EXPECT_STR(small, "port add: n");
}

UT_MAIN("apedgectl_errmsg",
	UT_ENTRY(with_extack),
	UT_ENTRY(without_extack),
	UT_ENTRY(eperm_and_eproto),
	UT_ENTRY(truncation))
