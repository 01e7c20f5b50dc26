// SPDX-License-Identifier: GPL-2.0
/*
 * apedged's control sockets, from apedgectl's side; see ctl.h.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "apedgectl/ctl.h"
#include "lib/ctrl.h"

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

static int connect_one(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

int actl_ctl_connect(const char *path)
{
	char ro[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd = connect_one(path), fd2;

	if (fd != -EACCES || ctrl_ro_path(path, ro, sizeof(ro)) < 0)
		return fd;
	fd2 = connect_one(ro);
	/* Without a read-only socket, say why the first one failed. */
	return fd2 >= 0 ? fd2 : fd;
}

/* One packet into buf (APEDGE_CTRL_MAX + 1 bytes): its length or -errno. */
static ssize_t get_packet(int fd, char *buf)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int r;

	/* The daemon answers at once; a long silence means it is stuck. */
	r = poll(&pfd, 1, ACTL_CTL_TIMEOUT_MS);
	if (r == 0)
		return -ETIMEDOUT;
	if (r < 0)
		return -errno;
	n = recv(fd, buf, APEDGE_CTRL_MAX + 1, MSG_TRUNC);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;	/* closed before the reply was whole */
	if (n > APEDGE_CTRL_MAX)
		return -EPROTO;
	return n;
}

int actl_ctl_talk(int fd, const char *request, char **reply)
{
	int r = 0, send_err = 0;
	struct ctrl_rx rx;
	ssize_t n;
	char *pkt;

	*reply = NULL;
	/* A refusal ("error too many clients") may be waiting already. */
	if (send(fd, request, strlen(request), MSG_NOSIGNAL) < 0)
		send_err = -errno;
	if (send_err && send_err != -EPIPE && send_err != -ECONNRESET)
		return send_err;
	pkt = malloc(APEDGE_CTRL_MAX + 1);
	if (!pkt)
		return -ENOMEM;
	ctrl_rx_init(&rx, APEDGE_CTRL_REPLY_MAX);
	while (!r) {
		n = get_packet(fd, pkt);
		if (n < 0) {
			r = send_err ? send_err : (int)n;
			break;
		}
		r = ctrl_rx_feed(&rx, pkt, (size_t)n);
	}
	free(pkt);
	if (r < 0) {
		ctrl_rx_free(&rx);
		return r;
	}
	*reply = rx.buf;
	return 0;
}

int actl_ctl_call(const char *path, const char *request, char **reply)
{
	int fd = actl_ctl_connect(path), r;

	*reply = NULL;
	if (fd < 0)
		return fd;
	r = actl_ctl_talk(fd, request, reply);
	close(fd);
	return r;
}

void actl_ctl_report(const char *what, const char *path, int err)
{
	switch (err) {
	case -ENOENT:
	case -ECONNREFUSED:
		fprintf(stderr, "apedgectl: %s: apedged is not running (no socket at %s)\n",
			what, path);
		return;
	case -EACCES:
		fprintf(stderr, "apedgectl: %s: %s: permission denied (and no read-only socket beside it)\n",
			what, path);
		return;
	case -ECONNRESET:
	case -EPIPE:
		fprintf(stderr, "apedgectl: %s: apedged closed the connection (too many clients?)\n",
			what);
		return;
	case -EPROTO:
		fprintf(stderr, "apedgectl: %s: malformed reply from apedged\n",
			what);
		return;
	case -EMSGSIZE:
		fprintf(stderr, "apedgectl: %s: the reply is larger than %u bytes\n",
			what, APEDGE_CTRL_REPLY_MAX);
		return;
	case -ETIMEDOUT:
		fprintf(stderr, "apedgectl: %s: apedged does not answer (%d ms)\n",
			what, ACTL_CTL_TIMEOUT_MS);
		return;
	}
	fprintf(stderr, "apedgectl: %s: %s: %s\n", what, path, strerror(-err));
}
