// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's argument parser, with argv split from the input
 * at NUL bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apedgectl/args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[64], *copy, *p, err[256];
	struct actl_req req;
	int argc = 0;

	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "apedgectl";
	for (p = copy; p < copy + size && argc < 63; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	if (actl_args_parse(argc, argv, &req, err, sizeof(err)))
		/* Every refusal says why. */
		if (!err[0])
			abort();
	free(copy);
	return 0;
}
