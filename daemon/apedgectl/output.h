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

#include "lib/jsonv.h"
#include "apedgectl/reply.h"

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
/* Text only: the guard's counters of a port, one line each. */
void out_counters(struct out *o, const struct actl_stats *st);
/* One monitor event per line (JSON: one object per line). */
void out_event(struct out *o, const char *event, const struct actl_port *port);
/* A punted packet, one line: ifname is "" when unknown. */
void out_punt(struct out *o, const struct actl_punt *punt, const char *ifname);

/* Text of apedged's "iapp show" and "sta show" replies (parsed JSON). */
void out_iapp_text(FILE *f, const struct jv_doc *d);
void out_stas_text(FILE *f, const struct jv_doc *d);
/* A binding, its port's name ifname ("" when unknown). */
void out_binding(struct out *o, const struct actl_binding *b,
		 const char *ifname);
void out_binding_config(struct out *o, const struct actl_binding_config *c);
/* Text only: the source guard's drops of a port, if any. */
void out_sg(struct out *o, const struct actl_stats *st);

/* Write s as a JSON string, quoted and escaped. */
void json_string(FILE *f, const char *s);

const char *actl_role_name(unsigned int role);
/* Names of the family's enums, as in its YNL spec; NULL if unknown. */
const char *actl_class_name(unsigned int class);
const char *actl_verdict_name(unsigned int verdict);
const char *actl_direction_name(unsigned int dir);
const char *actl_reason_name(unsigned int reason);
/* The enum value of a class or verdict name, or 0. */
unsigned int actl_class_value(const char *name);
unsigned int actl_verdict_value(const char *name);

#endif
