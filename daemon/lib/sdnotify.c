// SPDX-License-Identifier: GPL-2.0
/*
 * sd_notify(3) without libsystemd.  See sdnotify.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/sdnotify.h"

int sdnotify_addr(const char *value, struct sockaddr_un *sa, socklen_t *len)
{
	size_t n = strlen(value);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (value[0] == '@') {
		/* An abstract name: a NUL, then the name, not terminated. */
		if (n < 2 || n > sizeof(sa->sun_path))
			return -EINVAL;
		memcpy(sa->sun_path + 1, value + 1, n - 1);
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
		return 0;
	}
	if (value[0] != '/')
		return strchr(value, ':') ? -EAFNOSUPPORT : -EINVAL;
	if (n >= sizeof(sa->sun_path))
		return -EINVAL;
	memcpy(sa->sun_path, value, n);
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	return 0;
}

size_t sdnotify_reloading_msg(char *buf, size_t size, uint64_t now_usec)
{
	int n = snprintf(buf, size, "RELOADING=1\nMONOTONIC_USEC=%" PRIu64,
			 now_usec);

	return n < 0 || (size_t)n >= size ? 0 : (size_t)n;
}

int sdnotify(const char *state)
{
	const char *value = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa;
	socklen_t len;
	ssize_t n;
	int fd, r;

	if (!value || !*value)
		return 0;
	r = sdnotify_addr(value, &sa, &len);
	if (r < 0)
		return r;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	n = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
		   (struct sockaddr *)&sa, len);
	r = n < 0 ? -errno : 1;
	close(fd);
	return r;
}

/* A status is one line: a newline in it would start another key. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			*s = ' ';
}

int sdnotify_ready(const char *status)
{
	char msg[SDNOTIFY_MSG_MAX];
	int n;

	if (!status)
		return sdnotify("READY=1");
	n = snprintf(msg, sizeof(msg), "READY=1\nSTATUS=");
	snprintf(msg + n, sizeof(msg) - (size_t)n, "%s", status);
	one_line(msg + n);
	return sdnotify(msg);
}

int sdnotify_reloading(void)
{
	char msg[64];
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (!sdnotify_reloading_msg(msg, sizeof(msg),
				    (uint64_t)ts.tv_sec * 1000000u +
				    (uint64_t)ts.tv_nsec / 1000u))
		return -EOVERFLOW;
	return sdnotify(msg);
}

int sdnotify_stopping(void)
{
	return sdnotify("STOPPING=1");
}

int sdnotify_status(const char *fmt, ...)
{
	char msg[SDNOTIFY_MSG_MAX];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "STATUS=");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	one_line(msg + n);
	return sdnotify(msg);
}
