// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl: administer the apedge module and the apedged daemon.
 *
 * The command line is parsed (args.c) into a request naming an object's
 * verb (cmd.h: one file per object, each a table of verbs); this file
 * runs it: in the network namespace asked for, on a netlink socket to the
 * module (nl.c) or on apedged's control socket, once or for each line of
 * a batch file.  See Documentation/admin-guide/apedgectl.rst.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/apedge.h>

#include "apedgectl/cmd.h"
#include "apedgectl/netns.h"
#include "apedgectl/nl.h"

#define ACTL_VERSION "0.1.0"

/* Run one parsed request; nl is NULL for apedged's verbs. */
static int run(const struct actl_req *req, struct actl_nl *nl)
{
	struct print out;
	struct actl_ctx ctx = { req, &out, nl };
	int rc;

	print_init(&out, stdout, req->json, req->pretty);
	rc = req->verb->run(&ctx);
	print_free(&out);
	return rc;
}

/* Most words on one line of a batch file. */
#define ACTL_BATCH_WORDS 64

/*
 * Split a batch line into words at white space, in place; "#" starts a
 * comment.  argv[0] is the program's name, as actl_args_parse() expects.
 * Returns the word count, or -1 if there are too many.
 */
static int batch_split(char *line, char **argv)
{
	int n = 0;
	char *p = line;

	argv[n++] = "apedgectl";
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == ACTL_BATCH_WORDS)
			return -1;
		argv[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	argv[n] = NULL;
	return n;
}

/* Run the commands of a file on one socket, like "ip -batch". */
static int run_batch(const struct actl_req *top, struct actl_nl *nl)
{
	char *line = NULL, *argv[ACTL_BATCH_WORDS + 1], err[256];
	FILE *f = stdin;
	struct actl_req req;
	size_t cap = 0;
	unsigned long lineno = 0;
	int argc, rc = 0;

	if (strcmp(top->batch, "-")) {
		f = fopen(top->batch, "r");
		if (!f) {
			fprintf(stderr, "apedgectl: %s: %s\n", top->batch,
				strerror(errno));
			return 1;
		}
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		argc = batch_split(line, argv);
		if (argc == 1)
			continue;
		if (argc < 0) {
			fprintf(stderr, "apedgectl: %s:%lu: too many words\n",
				top->batch, lineno);
			rc = 2;
			break;
		}
		if (actl_args_parse(argc, argv, &req, err, sizeof(err))) {
			fprintf(stderr, "apedgectl: %s:%lu: %s\n", top->batch,
				lineno, err);
			rc = 2;
			break;
		}
		if (req.batch || req.netns || !req.verb ||
		    (req.verb->flags & (ACTL_VERB_NO_BATCH |
					ACTL_VERB_DAEMON))) {
			fprintf(stderr, "apedgectl: %s:%lu: not allowed in a batch\n",
				top->batch, lineno);
			rc = 2;
			break;
		}
		req.json = req.json || top->json;
		req.pretty = req.pretty || top->pretty;
		rc = run(&req, nl);
		if (rc) {
			fprintf(stderr, "apedgectl: %s:%lu: failed\n",
				top->batch, lineno);
			break;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	struct actl_req req;
	struct actl_nl nl;
	char err[256];
	int rc;

	if (actl_args_parse(argc, argv, &req, err, sizeof(err))) {
		fprintf(stderr, "apedgectl: %s\n", err);
		return 2;
	}

	switch (req.cmd) {
	case ACTL_CMD_HELP:
		actl_usage(stdout, req.help);
		return 0;
	case ACTL_CMD_VERSION:
		printf("apedgectl %s\n", ACTL_VERSION);
		return 0;
	default:
		break;
	}

	if (req.netns) {
		rc = actl_netns_enter(req.netns);
		if (rc) {
			fprintf(stderr, "apedgectl: netns \"%s\": %s%s\n", req.netns,
				strerror(-rc),
				rc == -EPERM ? " (needs CAP_SYS_ADMIN)" : "");
			return 1;
		}
	}

	if (!req.batch && (req.verb->flags & ACTL_VERB_DAEMON))
		return run(&req, NULL);

	rc = actl_nl_open(&nl);
	if (rc == -ENOENT)
		fprintf(stderr, "apedgectl: the apedge module is not loaded (no generic netlink family \"%s\")\n",
			APEDGE_FAMILY_NAME);
	else if (rc)
		fprintf(stderr, "apedgectl: cannot reach generic netlink: %s\n",
			strerror(-rc));
	if (rc) {
		actl_nl_close(&nl);
		return 1;
	}
	rc = req.batch ? run_batch(&req, &nl) : run(&req, &nl);
	actl_nl_close(&nl);
	return rc;
}
