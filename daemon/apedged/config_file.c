// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apedged/config_file.h"

static int read_all(int fd, char **out, size_t *out_len)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *nbuf;

			if (cap >= CONFIG_FILE_MAX) {
				free(buf);
				return -EFBIG;
			}
			cap *= 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				free(buf);
				return -ENOMEM;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int r = -errno;

			free(buf);
			return r;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > CONFIG_FILE_MAX) {
		free(buf);
		return -EFBIG;
	}
	*out = buf;
	*out_len = len;
	return 0;
}

int config_load(const char *path, struct config *cfg, char *err,
		size_t err_size)
{
	struct config_error cerr;
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int fd, r;

	config_init(cfg);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		r = -errno;
		snprintf(err, err_size, "%s: %s", path, strerror(errno));
		return r;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, err_size, "%s: not a regular file", path);
		return -EINVAL;
	}
	r = read_all(fd, &text, &len);
	close(fd);
	if (r < 0) {
		snprintf(err, err_size, "%s: %s", path,
			 r == -EFBIG ? "file too large" : strerror(-r));
		return r;
	}
	r = config_parse(text, len, cfg, &cerr);
	explicit_bzero(text, len);	/* it may hold the IAPP key */
	free(text);
	if (r < 0) {
		if (cerr.line)
			snprintf(err, err_size, "%s:%u: %s", path, cerr.line,
				 cerr.msg);
		else
			snprintf(err, err_size, "%s: %s", path, cerr.msg);
	}
	return r;
}
