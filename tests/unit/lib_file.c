// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file.h"
#include "ut.h"

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/apedge-ut-file.XXXXXX");
	if (!mkdtemp(dir))
		abort();
}

static int slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return (int)n;
}

UT_CASE(write_replace)
{
	char path[128], buf[256];
	struct stat st;

	setup();
	snprintf(path, sizeof(path), "%s/a", dir);
	UT_ASSERT(file_write_atomic(path, "one\n", 4, 0600) == 0);
	UT_EXPECT(slurp(path, buf, sizeof(buf)) == 4);
	UT_EXPECT_STR(buf, "one\n");
	UT_ASSERT(stat(path, &st) == 0);
	UT_EXPECT((st.st_mode & 0777) == 0600);
	UT_ASSERT(file_write_atomic(path, "two", 3, 0600) == 0);
	UT_EXPECT(slurp(path, buf, sizeof(buf)) == 3);
	UT_EXPECT_STR(buf, "two");
	snprintf(buf, sizeof(buf), "%s.tmp", path);
	UT_EXPECT(access(buf, F_OK) < 0);	/* no temporary left */
	unlink(path);
	rmdir(dir);
}

/* A symbolic link planted where the temporary goes is not followed, and
 * the target keeps its content. */
UT_CASE(planted_link)
{
	char path[128], tmp[160], victim[128], buf[256];

	setup();
	snprintf(path, sizeof(path), "%s/a", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	UT_ASSERT(file_write_atomic(path, "old", 3, 0600) == 0);
	UT_ASSERT(file_write_atomic(victim, "safe", 4, 0600) == 0);
	UT_ASSERT(symlink(victim, tmp) == 0);
	UT_EXPECT(file_write_atomic(path, "new", 3, 0600) == -ELOOP);
	UT_EXPECT(slurp(path, buf, sizeof(buf)) == 3);
	UT_EXPECT_STR(buf, "old");
	UT_EXPECT(slurp(victim, buf, sizeof(buf)) == 4);
	UT_EXPECT_STR(buf, "safe");
	unlink(tmp);
	unlink(path);
	unlink(victim);
	rmdir(dir);
}

UT_CASE(errors)
{
	char path[128], longp[5000];

	setup();
	snprintf(path, sizeof(path), "%s/no/such/dir/a", dir);
	UT_EXPECT(file_write_atomic(path, "x", 1, 0600) == -ENOENT);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[sizeof(longp) - 1] = '\0';
	UT_EXPECT(file_write_atomic(longp, "x", 1, 0600) == -ENAMETOOLONG);
	UT_EXPECT(file_mkdir_p(longp, 0700) == -ENAMETOOLONG);
	rmdir(dir);
}

UT_CASE(mkdir_p)
{
	char path[128], sub[128];
	struct stat st;

	setup();
	snprintf(path, sizeof(path), "%s/x/y/z", dir);
	UT_ASSERT(file_mkdir_p(path, 0700) == 0);
	UT_ASSERT(stat(path, &st) == 0);
	UT_EXPECT(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
	UT_EXPECT(file_mkdir_p(path, 0700) == 0);	/* again: fine */
	rmdir(path);
	snprintf(sub, sizeof(sub), "%s/x/y", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/x", dir);
	rmdir(sub);
	rmdir(dir);
}

UT_MAIN("file", UT_ENTRY(write_replace), UT_ENTRY(planted_link),
	UT_ENTRY(errors), UT_ENTRY(mkdir_p))
