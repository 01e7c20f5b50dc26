// SPDX-License-Identifier: GPL-2.0
/*
 * apedged's control socket, from apedgectl's side; see ctl.h.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "apedgectl/ctl.h"

int actl_ctl_split(char *reply, const char **body)
{
	char *nl = strchr(reply, '\n');

	if (nl)
		*nl = '\0';
	if (!strcmp(reply, "ok")) {
		*body = nl ? nl + 1 : "";
		return 1;
	}
	if (!strncmp(reply, "error", 5) && (!reply[5] || reply[5] == ' ')) {
		*body = reply[5] ? reply + 6 : "unspecified error";
		return 0;
	}
	*body = "";
	return -1;
}

int actl_ctl_call(const char *path, const char *request, char *buf,
		  size_t len)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct pollfd pfd;
	ssize_t n;
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    send(fd, request, strlen(request), MSG_NOSIGNAL) < 0)
		goto fail;
	pfd.fd = fd;
	pfd.events = POLLIN;
	/* The daemon answers at once; five seconds means it is stuck. */
	n = poll(&pfd, 1, 5000);
	if (n == 0)
		errno = ETIMEDOUT;
	if (n <= 0)
		goto fail;
	n = recv(fd, buf, len - 1, 0);
	if (n < 0)
		goto fail;
	buf[n] = '\0';
	close(fd);
	return 0;

fail:
	err = -errno;
	close(fd);
	return err;
}
