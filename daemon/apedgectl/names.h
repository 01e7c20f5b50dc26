/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names apedgectl reads and prints for the apedge family's enums, as
 * in its YNL spec.  Pure.
 */
#ifndef APEDGECTL_NAMES_H
#define APEDGECTL_NAMES_H

#include <stddef.h>

/* "trusted", "untrusted" or "unknown". */
const char *actl_role_name(unsigned int role);
/* NULL when unknown to this tool. */
const char *actl_class_name(unsigned int class);
const char *actl_verdict_name(unsigned int verdict);
const char *actl_direction_name(unsigned int dir);
const char *actl_reason_name(unsigned int reason);
/* A feature bit's name ("xid-transmit"), NULL when unknown. */
const char *actl_feature_name(unsigned int bit);
/* "snooped", "static", "link-local", "router" or "unknown". */
const char *actl_origin_name(unsigned int origin);
/* The enum value of a class or verdict name, or 0. */
unsigned int actl_class_value(const char *name);
unsigned int actl_verdict_value(const char *name);

/* name, or the number v in buf when name is NULL (a newer module's). */
const char *actl_name_or_num(const char *name, unsigned int v, char *buf,
			     size_t len);

#endif
