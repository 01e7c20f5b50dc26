// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the policy table a port's role gives it (apedge_guard_policy()),
 * class by class.
 */
#include <kunit/test.h>

#include "../apedge.h"

static void policy_untrusted(struct kunit *test)
{
	struct apedge_guard g;
	unsigned int c;
	u8 want;

	memset(g.verdict, 0xff, sizeof(g.verdict));
	apedge_guard_policy(&g, APEDGE_PORT_ROLE_UNTRUSTED);
	for (c = 1; c <= APEDGE_PCLASS_MAX; c++) {
		switch (c) {
		case APEDGE_POLICY_CLASS_DHCPV4_SERVER:
		case APEDGE_POLICY_CLASS_DHCPV6_SERVER:
		case APEDGE_POLICY_CLASS_DHCPV6_RELAY_REPL:
		case APEDGE_POLICY_CLASS_ND_RA:
		case APEDGE_POLICY_CLASS_ND_REDIRECT:
		case APEDGE_POLICY_CLASS_MALFORMED:
			want = APEDGE_VERDICT_DROP;
			break;
		default:
			want = APEDGE_VERDICT_PASS;
		}
		KUNIT_EXPECT_EQ_MSG(test, g.verdict[c - 1], want,
				    "class %u", c);
	}
}

static void policy_trusted(struct kunit *test)
{
	struct apedge_guard g;
	unsigned int c;

	memset(g.verdict, 0xff, sizeof(g.verdict));
	apedge_guard_policy(&g, APEDGE_PORT_ROLE_TRUSTED);
	for (c = 1; c <= APEDGE_PCLASS_MAX; c++)
		KUNIT_EXPECT_EQ_MSG(test, g.verdict[c - 1],
				    APEDGE_VERDICT_PASS, "class %u", c);
}

/* Twelve classes, as the family defines them: a new one needs a default. */
static void policy_classes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, APEDGE_PCLASS_MAX, 12);
	KUNIT_EXPECT_EQ(test, sizeof(((struct apedge_guard *)0)->verdict),
			(size_t)APEDGE_PCLASS_MAX);
}

static struct kunit_case apedge_policy_cases[] = {
	KUNIT_CASE(policy_untrusted),
	KUNIT_CASE(policy_trusted),
	KUNIT_CASE(policy_classes),
	{}
};

static struct kunit_suite apedge_policy_suite = {
	.name = "apedge_policy",
	.test_cases = apedge_policy_cases,
};

kunit_test_suite(apedge_policy_suite);
