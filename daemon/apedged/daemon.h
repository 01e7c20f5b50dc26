/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The daemon: its configuration and the state of the configured ports, the
 * event loop, the control socket and the netlink connection, tied together.
 */
#ifndef APEDGED_APEDGED_H
#define APEDGED_APEDGED_H

#include <stdbool.h>

#include "apedged/config.h"

struct apedged;

struct apedged_opts {
	const char *config_path;	/* read again on reload */
	const char *ctrl_path;		/* -s, overrides the file; or NULL */
	bool debug;			/* -d, overrides the file's level */
};

/* Takes over cfg (already loaded from opts->config_path). */
struct apedged *apedged_new(const struct apedged_opts *opts,
			    struct config *cfg);
/* Signals, control socket, netlink; 0 or -errno (the reason logged). */
int apedged_start(struct apedged *d);
/* Until SIGINT or SIGTERM; the loop's exit code. */
int apedged_run(struct apedged *d);
void apedged_free(struct apedged *d);

/* One loop iteration, waiting at most timeout_ms (for tests). */
int apedged_iterate(struct apedged *d, int timeout_ms);

/* Re-read the configuration file and apply it; 0 or -errno. */
int apedged_reload(struct apedged *d, char *err, size_t err_size);

#endif
