/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APEDGE_LIB_IFNAME_H
#define APEDGE_LIB_IFNAME_H

#include <stdbool.h>

/* Whether name is acceptable to the kernel as an interface name (the
 * rules of its dev_valid_name()). */
bool ifname_valid(const char *name);

#endif
