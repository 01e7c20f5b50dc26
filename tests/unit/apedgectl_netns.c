// SPDX-License-Identifier: GPL-2.0
/*
 * apedgectl -n: the file that names a network namespace, and what entering
 * one that does not exist says.
 */
#include <errno.h>

#include "apedgectl/netns.h"
#include "ut.h"

UT_CASE(paths)
{
	char buf[64];

	UT_ASSERT(actl_netns_path("/run/netns", "blue", buf, sizeof(buf)) == 0);
	UT_EXPECT_STR(buf, "/run/netns/blue");
	/* A name with a slash is a path of its own. */
	UT_ASSERT(actl_netns_path("/run/netns", "/proc/1/ns/net", buf,
				  sizeof(buf)) == 0);
	UT_EXPECT_STR(buf, "/proc/1/ns/net");
	UT_ASSERT(actl_netns_path("/run/netns", "./x", buf, sizeof(buf)) == 0);
	UT_EXPECT_STR(buf, "./x");
	UT_EXPECT(actl_netns_path("/run/netns", "", buf, sizeof(buf)) == -EINVAL);
	UT_EXPECT(actl_netns_path("/run/netns", ".", buf, sizeof(buf)) == -EINVAL);
	UT_EXPECT(actl_netns_path("/run/netns", "..", buf, sizeof(buf)) == -EINVAL);
	UT_EXPECT(actl_netns_path("/run/netns", "a-name-that-is-too-long-for-"
				  "this-buffer-of-64-bytes-of-ours", buf,
				  sizeof(buf)) == -ENAMETOOLONG);
}

UT_CASE(enter_missing)
{
	UT_EXPECT(actl_netns_enter("apedge-no-such-netns") == -ENOENT);
	UT_EXPECT(actl_netns_enter("/nonexistent/apedge/ns") == -ENOENT);
	UT_EXPECT(actl_netns_enter("..") == -EINVAL);
	/* Not a namespace file. */
	UT_EXPECT(actl_netns_enter("/dev/null") == -EINVAL ||
		  actl_netns_enter("/dev/null") == -EPERM);
}

UT_MAIN("apedgectl_netns",
	UT_ENTRY(paths),
	UT_ENTRY(enter_missing))
