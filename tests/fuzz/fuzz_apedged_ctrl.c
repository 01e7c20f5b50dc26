// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: control socket requests, split, matched against a
 * command table and answered at the access level the first byte picks.
 * A command is never run for a level below its own, nor with an argument
 * count outside its bounds; every reply is "ok" or "error".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apedged/ctl.h"
#include "lib/ctrl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum ctrl_access level;

static void handler(int argc, char **argv, struct strbuf *reply, void *data)
{
	const struct ctrl_cmd *cmd = data;
	int i;

	(void)cmd;
	if (argc < 1 || argc > CTRL_ARGS_MAX)
		abort();
	for (i = 0; i < argc; i++)
		if (!argv[i][0] || strpbrk(argv[i], " \t\r\n"))
			abort();
	if (!strcmp(argv[0], "silent"))
		return;
	ctrl_reply_ok(reply);
	sb_puts(reply, "{}\n");
}

static void admin(int argc, char **argv, struct strbuf *reply, void *data)
{
	if (level < CTRL_ADMIN)
		abort();
	handler(argc, argv, reply, data);
}

static void stations(int argc, char **argv, struct strbuf *reply,
		     void *data)
{
	if (level < CTRL_STATIONS)
		abort();
	/* "sta show" takes no argument, "sta del" one. */
	if (argc != (strcmp(argv[1], "show") ? 3 : 2))
		abort();
	handler(argc, argv, reply, data);
}

static const struct ctrl_cmd cmds[] = {
	{ "status", NULL, 0, 0, CTRL_READ, handler },
	{ "silent", NULL, 0, 0, CTRL_READ, handler },
	{ "iapp show", NULL, 0, 0, CTRL_READ, handler },
	{ "sta show", NULL, 0, 0, CTRL_STATIONS, stations },
	{ "sta del", "MAC", 1, 1, CTRL_ADMIN, admin },
	{ "sta add", "IFNAME MAC ...", 2, 14, CTRL_ADMIN, admin },
	{ "reload", NULL, 0, 0, CTRL_ADMIN, admin },
	{ "monitor", NULL, 0, 0, CTRL_STATIONS, NULL },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctrl_table t = { cmds, sizeof(cmds) / sizeof(cmds[0]), NULL };
	const struct ctrl_cmd *cmd;
	struct strbuf reply;
	char *req;

	if (size < 1 || size > APEDGE_CTRL_MAX + 1)
		return 0;
	level = (enum ctrl_access)(data[0] % 3);
	data++;
	size--;
	req = malloc(size + 1);
	if (!req)
		return 0;
	memcpy(req, data, size);
	sb_init(&reply);
	cmd = ctrl_handle_request(&t, 1, req, size, level, &reply);
	if (cmd && !cmd->fn && level >= cmd->access) {
		/* The server's own (monitor): the reply is left to it. */
		if (reply.len)
			abort();
	} else if (strncmp(sb_str(&reply), "ok\n", 3) &&
		   strncmp(sb_str(&reply), "error ", 6)) {
		abort();
	}
	if (cmd && level < cmd->access &&
	    strncmp(sb_str(&reply), "error permission denied", 23))
		abort();
	sb_free(&reply);
	free(req);
	return 0;
}
