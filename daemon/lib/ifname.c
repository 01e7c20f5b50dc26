// SPDX-License-Identifier: GPL-2.0
/* Interface names. */
#include <ctype.h>
#include <net/if.h>
#include <string.h>

#include "lib/ifname.h"

bool ifname_valid(const char *name)
{
	size_t len = strlen(name);
	size_t i;

	/* The kernel's dev_valid_name() rules. */
	if (!len || len >= IFNAMSIZ)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' ||
		    isspace((unsigned char)name[i]))
			return false;
	return true;
}
