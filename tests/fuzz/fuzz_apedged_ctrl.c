// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: control socket requests, split and answered. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ctrl.h"
#include "apedged/ctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void handler(int argc, char **argv, struct strbuf *reply, void *data)
{
	int i;

	if (argc < 1 || argc > CTRL_ARGS_MAX)
		abort();
	for (i = 0; i < argc; i++)
		if (!argv[i][0] || strpbrk(argv[i], " \t\r\n"))
			abort();
	if (!strcmp(argv[0], "status")) {
		ctrl_reply_ok(reply);
		sb_puts(reply, "{}\n");
	} else {
		ctrl_reply_error(reply, "unknown command '%s'", argv[0]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf reply;
	char *req;

	if (size > APEDGE_CTRL_MAX)
		return 0;
	req = malloc(size + 1);
	if (!req)
		return 0;
	memcpy(req, data, size);
	sb_init(&reply);
	ctrl_handle_request(req, size, handler, NULL, &reply);
	if (strncmp(sb_str(&reply), "ok\n", 3) &&
	    strncmp(sb_str(&reply), "error ", 6))
		abort();
	sb_free(&reply);
	free(req);
	return 0;
}
