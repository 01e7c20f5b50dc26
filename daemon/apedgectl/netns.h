/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl -n: run in another network namespace, as "ip -n" does.
 */
#ifndef APEDGECTL_NETNS_H
#define APEDGECTL_NETNS_H

#include <stddef.h>

/*
 * The file naming namespace name: name itself if it holds a '/' (such as
 * /proc/PID/ns/net), else name under dir (the directory "ip netns add"
 * mounts namespaces in).  -EINVAL for "", "." and "..".  Pure.
 */
int actl_netns_path(const char *dir, const char *name, char *buf,
		    size_t len);

/*
 * Move this process into the network namespace name (see above, with
 * /run/netns, then /var/run/netns).  Needs CAP_SYS_ADMIN.  Returns 0 or
 * a negative errno.
 */
int actl_netns_enter(const char *name);

#endif
