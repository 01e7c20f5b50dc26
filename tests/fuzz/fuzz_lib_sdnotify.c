// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: the values a service manager hands apedged through the
 * environment, $NOTIFY_SOCKET (sdnotify_addr()) and $JOURNAL_STREAM
 * (log_is_journal_stream()), as any NUL-terminated string.  An address
 * accepted must fit sockaddr_un and say what the string said.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/sdnotify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_un sa;
	socklen_t len = 0;
	char *s = malloc(size + 1);
	size_t n;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);

	if (sdnotify_addr(s, &sa, &len) == 0) {
		size_t off = offsetof(struct sockaddr_un, sun_path);

		if (len <= off || len > sizeof(sa) || sa.sun_family != AF_UNIX)
			abort();
		if (s[0] == '@') {
			if (sa.sun_path[0] || len != off + n ||
			    memcmp(sa.sun_path + 1, s + 1, n - 1))
				abort();
		} else if (s[0] != '/' || len != off + n + 1 ||
			   strcmp(sa.sun_path, s)) {
			abort();
		}
	}
	/* Whatever it says, it must not read past the string. */
	(void)log_is_journal_stream(s, STDIN_FILENO);
	free(s);
	return 0;
}
