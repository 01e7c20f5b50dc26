// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's JSON reader (jsonv.c) and the text output of the
 * sta show / iapp show replies it reads.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "apedgectl/cmd.h"
#include "lib/jsonv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct jv_doc d;

	if (!null)
		null = fopen("/dev/null", "w");
	if (jv_parse((const char *)data, size, &d) < 0)
		return 0;
	iapp_print_text(null, &d);
	sta_print_text(null, &d);
	jv_free(&d);
	return 0;
}
