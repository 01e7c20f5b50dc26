/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedged.conf text for the section tests (tests/unit/apedged_config.c,
 * apedged_dhcp4_config.c, apedged_dhcp6_config.c, apedged_eapol_config.c,
 * apedged_eapol_authcfg.c): parse() a NUL-terminated text, and
 * config_bad(), the check every refusal goes through.
 */
#ifndef APEDGE_CONFIG_BAD_H
#define APEDGE_CONFIG_BAD_H

#include <stdio.h>
#include <string.h>

#include "apedged/config.h"

static inline int parse(const char *text, struct config *cfg,
			struct config_error *err)
{
	return config_parse(text, strlen(text), cfg, err);
}

/* text must fail on line, its message holding what and never the
 * secret the tests write ("s3cret").  *cfg is what the parser left, for
 * the caller to check that nothing of its section was kept. */
static inline int config_bad(const char *text, unsigned int line,
			     const char *what, struct config *cfg)
{
	struct config_error err;

	if (!parse(text, cfg, &err)) {
		fprintf(stderr, "  accepted: %s\n", text);
		config_free(cfg);
		return 0;
	}
	if (err.line != line || !strstr(err.msg, what) ||
	    strstr(err.msg, "s3cret")) {
		fprintf(stderr, "  for %s\n  got line %u: %s\n  want line %u: "
			"...%s...\n", text, err.line, err.msg, line, what);
		return 0;
	}
	return 1;
}

#endif
