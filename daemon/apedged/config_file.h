/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the configuration file: the I/O half of config.c. */
#ifndef APEDGED_CONFIG_FILE_H
#define APEDGED_CONFIG_FILE_H

#include <stddef.h>

#include "apedged/config.h"

#define CONFIG_FILE_MAX (1024 * 1024)
#define CONFIG_DEFAULT_PATH "/etc/apedge/apedged.conf"

/*
 * Read and parse the file at path into cfg.  Returns 0, or -errno with a
 * message ("PATH:LINE: what is wrong", or "PATH: why it cannot be read")
 * in err; -ENOENT when the file does not exist.  cfg is left empty on
 * error.
 */
int config_load(const char *path, struct config *cfg, char *err,
		size_t err_size);

#endif
