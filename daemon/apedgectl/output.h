/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apedgectl's output: text in the manner of ip(8), or JSON (-j, -p).
 * Every function writes to the stream it is given, so that tests can
 * check the exact text.
 */
#ifndef APEDGECTL_OUTPUT_H
#define APEDGECTL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "reply.h"

struct out {
	FILE *f;
	bool json;
	bool pretty;
	unsigned int n;		/* objects printed in the current list */
};

void out_init(struct out *o, FILE *f, bool json, bool pretty);

/* A list of objects: "[...]" in JSON, a header line or nothing in text. */
void out_list_begin(struct out *o, const char *text_header);
void out_list_end(struct out *o);

void out_info(struct out *o, const struct actl_info *info);
void out_port(struct out *o, const struct actl_port *port);
void out_stats(struct out *o, const struct actl_stats *st);
/* One monitor event per line (JSON: one object per line). */
void out_event(struct out *o, const char *event, const struct actl_port *port);

/* Write s as a JSON string, quoted and escaped. */
void json_string(FILE *f, const char *s);

const char *actl_role_name(unsigned int role);

#endif
