// SPDX-License-Identifier: GPL-2.0
/*
 * Network namespaces by name; see netns.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apedgectl/netns.h"

int actl_netns_path(const char *dir, const char *name, char *buf,
		    size_t len)
{
	int n;

	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	if (strchr(name, '/'))
		n = snprintf(buf, len, "%s", name);
	else
		n = snprintf(buf, len, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

int actl_netns_enter(const char *name)
{
	static const char *const dirs[] = { "/run/netns", "/var/run/netns" };
	char path[4096];
	unsigned int i;
	int fd = -1, err = -ENOENT;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && fd < 0; i++) {
		err = actl_netns_path(dirs[i], name, path, sizeof(path));
		if (err)
			return err;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			err = -errno;
		/* A path is tried once, and only a missing file tries on. */
		if (strchr(name, '/') || err != -ENOENT)
			break;
	}
	if (fd < 0)
		return err;
	err = setns(fd, CLONE_NEWNET) < 0 ? -errno : 0;
	close(fd);
	return err;
}
