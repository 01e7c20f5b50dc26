/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command lines for the apedgectl unit tests: split on spaces as a shell
 * would split them here (no quoting), after an argv[0] of "apedgectl".
 */
#ifndef APEDGE_ACTL_LINE_H
#define APEDGE_ACTL_LINE_H

#include <stdio.h>
#include <string.h>

#include "apedgectl/args.h"
#include "apedgectl/cmd.h"

#define ACTL_LINE_MAXARGS 32

/* Parse a command line into *req; err takes 256 bytes.  The parser's
 * result. */
static inline int parse(const char *line, struct actl_req *req, char *err)
{
	static char buf[1024];
	char *argv[ACTL_LINE_MAXARGS] = { "apedgectl" };
	int argc = 1;
	char *tok, *save;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save);
	     tok && argc < ACTL_LINE_MAXARGS - 1;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return actl_args_parse(argc, argv, req, err, 256);
}

/* The request line a command line sends to apedged, or "ERROR: reason". */
static inline const char *line_of(const char *line)
{
	static char out[600];
	struct actl_req r;
	char err[256];

	if (parse(line, &r, err)) {
		snprintf(out, sizeof(out), "ERROR: %s", err);
		return out;
	}
	if (!actl_cmd_is_daemon(r.cmd))
		return "ERROR: not for the daemon";
	if (actl_daemon_line(&r, out, sizeof(out)))
		return "ERROR: too long";
	return out;
}

#endif
