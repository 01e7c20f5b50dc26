/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A very small unit-test harness for the userspace code.
 *
 * A test file defines its cases with UT_CASE(), lists them with UT_MAIN(),
 * and checks conditions with UT_ASSERT() (which ends the case on failure)
 * or UT_EXPECT() (which records the failure and goes on).  Every runner
 * ends with the line "N passed, N failed" and exits non-zero on a failure.
 */
#ifndef APEDGE_UT_H
#define APEDGE_UT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct ut_case {
	const char *name;
	void (*fn)(int *failed);
};

/* Hex to bytes, for byte vectors: spaces are skipped.  The length. */
static inline size_t ut_hex(uint8_t *out, const char *s)
{
	size_t n = 0;

	while (*s) {
		unsigned int v;

		if (*s == ' ') {
			s++;
			continue;
		}
		if (sscanf(s, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

#define UT_CASE(name) static void name(int *ut_failed)

#define UT_EXPECT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: expected %s\n",		\
			__FILE__, __LINE__, #cond);			\
		*ut_failed = 1;						\
	}								\
} while (0)

#define UT_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: assertion %s\n",		\
			__FILE__, __LINE__, #cond);			\
		*ut_failed = 1;						\
		return;							\
	}								\
} while (0)

#define UT_EXPECT_STR(a, b) do {					\
	const char *ut_a = (a), *ut_b = (b);				\
	if (!ut_a || !ut_b || strcmp(ut_a, ut_b)) {			\
		fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n",		\
			__FILE__, __LINE__, ut_a ? ut_a : "(null)",	\
			ut_b ? ut_b : "(null)");			\
		*ut_failed = 1;						\
	}								\
} while (0)

#define UT_ENTRY(fn) { #fn, fn }

static inline int ut_run(const char *suite, const struct ut_case *cases,
			 size_t n)
{
	unsigned int passed = 0, failed = 0;
	size_t i;

	/* Line-buffered even into a pipe: LeakSanitizer exits without
	 * flushing, and the summary line must not be lost with it. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < n; i++) {
		int f = 0;

		cases[i].fn(&f);
		printf("%s %s.%s\n", f ? "FAIL" : "ok  ", suite, cases[i].name);
		if (f)
			failed++;
		else
			passed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}

#define UT_MAIN(suite, ...)						\
int main(void)								\
{									\
	static const struct ut_case ut_cases[] = { __VA_ARGS__ };	\
	return ut_run(suite, ut_cases,					\
		      sizeof(ut_cases) / sizeof(ut_cases[0]));		\
}

#endif /* APEDGE_UT_H */
