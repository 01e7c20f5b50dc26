// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/log.h"
#include "lib/loop.h"

static const char *const level_names[] = {
	[LOG_ERR] = "error",
	[LOG_WARNING] = "warning",
	[LOG_NOTICE] = "notice",
	[LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

static struct {
	const char *ident;
	enum log_target target;
	int level;
	FILE *stream;
	char last_error[256];
} logger = {
	.ident = "apedged",
	.target = LOG_TARGET_STDERR,
	.level = LOG_INFO,
};

void log_open(const char *ident, enum log_target target)
{
	if (logger.target == LOG_TARGET_SYSLOG)
		closelog();
	logger.ident = ident;
	logger.target = target;
	if (target == LOG_TARGET_SYSLOG)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_close(void)
{
	if (logger.target == LOG_TARGET_SYSLOG)
		closelog();
	logger.target = LOG_TARGET_STDERR;
}

void log_set_level(int level)
{
	if (level < LOG_ERR)
		level = LOG_ERR;
	if (level > LOG_DEBUG)
		level = LOG_DEBUG;
	logger.level = level;
}

int log_get_level(void)
{
	return logger.level;
}

void log_set_stream(FILE *stream)
{
	logger.stream = stream;
}

const char *log_last_error(void)
{
	return logger.last_error;
}

int log_level_from_name(const char *name)
{
	int i;

	for (i = LOG_ERR; i <= LOG_DEBUG; i++)
		if (!strcmp(name, level_names[i]))
			return i;
	return -1;
}

const char *log_level_name(int level)
{
	if (level < LOG_ERR || level > LOG_DEBUG)
		return "unknown";
	return level_names[level];
}

void log_vmsg(int level, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	FILE *f;

	if (level <= LOG_ERR) {
		va_list aq;

		va_copy(aq, ap);
		vsnprintf(logger.last_error, sizeof(logger.last_error), fmt,
			  aq);
		va_end(aq);
	}
	if (level > logger.level)
		return;
	if (logger.target == LOG_TARGET_SYSLOG) {
		vsyslog(level, fmt, ap);
		errno = saved_errno;
		return;
	}
	f = logger.stream ? logger.stream : stderr;
	/* Info and notice go out bare; the others say what they are. */
	if (logger.target == LOG_TARGET_JOURNAL)
		fprintf(f, "<%d>", level);
	else if (level == LOG_INFO || level == LOG_NOTICE)
		fprintf(f, "%s: ", logger.ident);
	else
		fprintf(f, "%s: %s: ", logger.ident, log_level_name(level));
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fflush(f);
	errno = saved_errno;
}

bool log_is_journal_stream(const char *value, int fd)
{
	uintmax_t dev, ino;
	struct stat st;
	int end = 0;

	if (!value || sscanf(value, "%ju:%ju%n", &dev, &ino, &end) != 2 ||
	    value[end] || fstat(fd, &st) < 0)
		return false;
	return (uintmax_t)st.st_dev == dev && (uintmax_t)st.st_ino == ino;
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

bool log_ratelimit_ok(struct log_ratelimit *rl, uint64_t now_ms)
{
	if (!rl->printed || now_ms - rl->window_ms >= rl->interval_ms) {
		rl->window_ms = now_ms;
		rl->printed = 0;
	}
	if (rl->printed >= rl->burst) {
		rl->suppressed++;
		return false;
	}
	rl->printed++;
	return true;
}

void log_ratelimited(struct log_ratelimit *rl, int level, const char *fmt, ...)
{
	va_list ap;

	if (level > logger.level || !log_ratelimit_ok(rl, loop_now_ms()))
		return;
	if (rl->suppressed) {
		log_msg(level, "(%lu similar messages suppressed)",
			rl->suppressed);
		rl->suppressed = 0;
	}
	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
