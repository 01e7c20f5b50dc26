// SPDX-License-Identifier: GPL-2.0
/*
 * The log's targets as a service manager sees them: stderr with the
 * level as a "<N>" prefix when stderr is the journal's stream, found
 * through $JOURNAL_STREAM on a real file descriptor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/log.h"
#include "ut.h"

/* What the log wrote to a stream while fn ran, into buf. */
static void written(FILE *f, char *buf, size_t size)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	rewind(f);
	if (ftruncate(fileno(f), 0) < 0)
		buf[0] = '\0';
}

UT_CASE(journal_prefix)
{
	FILE *f = tmpfile();
	char buf[512];

	UT_ASSERT(f);
	log_set_stream(f);
	log_set_level(LOG_DEBUG);
	log_open("apedged", LOG_TARGET_JOURNAL);
	log_err("bad %d", 1);
	log_warn("careful");
	log_notice("note");
	log_info("started");
	log_debug("detail");
	written(f, buf, sizeof(buf));
	UT_EXPECT_STR(buf, "<3>bad 1\n<4>careful\n<5>note\n<6>started\n"
		      "<7>detail\n");

	/* The level still filters. */
	log_set_level(LOG_NOTICE);
	log_info("hidden");
	log_notice("shown");
	written(f, buf, sizeof(buf));
	UT_EXPECT_STR(buf, "<5>shown\n");

	/* The plain stderr target is as it was. */
	log_open("apedged", LOG_TARGET_STDERR);
	log_warn("careful");
	log_notice("note");
	written(f, buf, sizeof(buf));
	UT_EXPECT_STR(buf, "apedged: warning: careful\napedged: note\n");

	log_close();
	log_set_stream(NULL);
	log_set_level(LOG_INFO);
	fclose(f);
}

UT_CASE(journal_stream)
{
	char value[64];
	struct stat st;
	int sv[2];

	/* journald's end is a stream socket; so is ours here. */
	UT_ASSERT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	UT_ASSERT(fstat(sv[0], &st) == 0);
	snprintf(value, sizeof(value), "%lu:%lu", (unsigned long)st.st_dev,
		 (unsigned long)st.st_ino);
	UT_EXPECT(log_is_journal_stream(value, sv[0]));
	/* Another socket (stderr redirected elsewhere by the admin). */
	UT_EXPECT(!log_is_journal_stream(value, sv[1]));
	UT_EXPECT(!log_is_journal_stream(NULL, sv[0]));
	UT_EXPECT(!log_is_journal_stream("", sv[0]));
	UT_EXPECT(!log_is_journal_stream("garbage", sv[0]));
	snprintf(value, sizeof(value), "%lu:%lux", (unsigned long)st.st_dev,
		 (unsigned long)st.st_ino);
	UT_EXPECT(!log_is_journal_stream(value, sv[0]));
	snprintf(value, sizeof(value), "%lu", (unsigned long)st.st_dev);
	UT_EXPECT(!log_is_journal_stream(value, sv[0]));
	snprintf(value, sizeof(value), "%lu:%lu", (unsigned long)st.st_dev,
		 (unsigned long)st.st_ino);
	close(sv[0]);
	UT_EXPECT(!log_is_journal_stream(value, sv[0]));
	close(sv[1]);
}

UT_MAIN("lib_log",
	UT_ENTRY(journal_prefix),
	UT_ENTRY(journal_stream))
