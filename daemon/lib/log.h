/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging: to stderr when apedged runs in the foreground, to syslog (facility
 * daemon) when it runs in the background, and to stderr with the level as a
 * "<N>" prefix when stderr is the journal's stream (systemd's
 * $JOURNAL_STREAM), which journald reads as the message's priority.  Levels
 * are the syslog priorities LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO and
 * LOG_DEBUG; messages less important than the current level are dropped.
 */
#ifndef APEDGED_LOG_H
#define APEDGED_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <syslog.h>

enum log_target {
	LOG_TARGET_STDERR,
	LOG_TARGET_SYSLOG,
	LOG_TARGET_JOURNAL,	/* "<N>message" on stderr */
};

/*
 * Whether fd is the journal's stream that $JOURNAL_STREAM names
 * ("DEVICE:INODE" of the stream socket): value is the variable's value
 * (NULL when unset).
 */
bool log_is_journal_stream(const char *value, int fd);

void log_open(const char *ident, enum log_target target);
void log_close(void);
void log_set_level(int level);
int log_get_level(void);
/* Send stderr-target output to stream instead (for tests); NULL resets. */
void log_set_stream(FILE *stream);

/* The last error-level message logged, "" if none. */
const char *log_last_error(void);

/* "debug", "info", ... to a level; -1 when unknown. */
int log_level_from_name(const char *name);
/* A level to its name; "unknown" when out of range. */
const char *log_level_name(int level);

void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_vmsg(int level, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/*
 * A rate limit for messages that input from the network (or a local
 * client) can cause: at most burst messages per interval_ms; the rest are
 * counted and their number said with the next message that gets through.
 * One static struct log_ratelimit per call site or per kind of message.
 */
struct log_ratelimit {
	unsigned int interval_ms;
	unsigned int burst;
	uint64_t window_ms;	/* start of the current window */
	unsigned int printed;	/* in the current window */
	unsigned long suppressed;	/* since the last message printed */
};

#define LOG_RATELIMIT_INIT(interval, n) \
	{ .interval_ms = (interval), .burst = (n) }
/* The default: 10 messages per 5 s. */
#define LOG_RATELIMIT_DEFAULT LOG_RATELIMIT_INIT(5000, 10)

/* Whether a message may go out now (and count it); pure but for the clock. */
bool log_ratelimit_ok(struct log_ratelimit *rl, uint64_t now_ms);
void log_ratelimited(struct log_ratelimit *rl, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One rate limit per call site. */
#define log_rl(level, ...) do {						\
		static struct log_ratelimit rl_ = LOG_RATELIMIT_DEFAULT;	\
		log_ratelimited(&rl_, level, __VA_ARGS__);		\
	} while (0)

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
