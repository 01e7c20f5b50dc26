/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging: to stderr when apedged runs in the foreground, to syslog (facility
 * daemon) when it runs in the background.  Levels are the syslog priorities
 * LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO and LOG_DEBUG; messages less
 * important than the current level are dropped.
 */
#ifndef APEDGED_LOG_H
#define APEDGED_LOG_H

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

enum log_target {
	LOG_TARGET_STDERR,
	LOG_TARGET_SYSLOG,
};

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

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
