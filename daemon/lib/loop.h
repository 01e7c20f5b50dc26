/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event loop: one epoll instance that watches file descriptors, runs
 * timers off a single timerfd, and delivers signals through a signalfd.
 *
 * Every callback runs from loop_run(); any callback may add or remove
 * watches and timers, its own included.  A removed watch or timer is never
 * called again, even when its event was already fetched.
 */
#ifndef APEDGED_LOOP_H
#define APEDGED_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct loop_watch;
struct loop_timer;

typedef void (*loop_watch_fn)(struct loop_watch *w, int fd, uint32_t events,
			      void *data);
typedef void (*loop_timer_fn)(struct loop_timer *t, void *data);
typedef void (*loop_signal_fn)(int signo, void *data);
typedef void (*loop_defer_fn)(void *data);
struct loop_defer;

struct loop *loop_new(void);
/* Frees the loop and every watch and timer still on it, armed or not. */
void loop_free(struct loop *loop);

/*
 * Run until loop_quit(); returns the code given to it, or -errno when
 * waiting fails.
 */
int loop_run(struct loop *loop);
void loop_quit(struct loop *loop, int code);
/* Run the callbacks of what is ready now, waiting at most timeout_ms. */
int loop_iterate(struct loop *loop, int timeout_ms);

/* Watch fd for events (EPOLLIN, EPOLLOUT, ...); NULL with errno set. */
struct loop_watch *loop_watch_add(struct loop *loop, int fd, uint32_t events,
				  loop_watch_fn fn, void *data);
int loop_watch_modify(struct loop_watch *w, uint32_t events);
/* Stop watching; does not close the fd.  NULL is ignored. */
void loop_watch_remove(struct loop_watch *w);

/*
 * A timer that first fires after delay_ms and, when period_ms is not 0,
 * every period_ms after that.  A delay of 0 fires on the next iteration.
 * Timers due at the same iteration fire in order of their due time.
 */
struct loop_timer *loop_timer_add(struct loop *loop, uint64_t delay_ms,
				  uint64_t period_ms, loop_timer_fn fn,
				  void *data);
/* Arm again (also a fired one-shot timer), replacing the old schedule. */
void loop_timer_rearm(struct loop_timer *t, uint64_t delay_ms,
		      uint64_t period_ms);
/* Stop the timer without freeing it. */
void loop_timer_disarm(struct loop_timer *t);
bool loop_timer_armed(const struct loop_timer *t);
/* Stop and free.  NULL is ignored. */
void loop_timer_remove(struct loop_timer *t);

/*
 * Deliver signo to fn through the loop.  The signal is blocked for the
 * process while the loop lives; loop_free() restores the old mask.  One
 * handler per signal: a second call replaces the first.
 */
int loop_signal_add(struct loop *loop, int signo, loop_signal_fn fn,
		    void *data);

/*
 * Call fn(data) once, from the loop, after the current callback and every
 * other event already fetched have been handled: the way to complete a
 * request whose answer is known at once without calling back into the
 * requester before its call has returned.  Deferred calls run in the order
 * they were made; one made by a deferred call runs on the next iteration.
 * NULL with errno set when out of memory.
 */
struct loop_defer *loop_defer(struct loop *loop, loop_defer_fn fn,
			      void *data);
/* Forget a deferred call that has not run yet.  NULL, or a call that is
 * running now, is ignored; one that has run must not be passed. */
void loop_defer_cancel(struct loop_defer *d);
/* Whether deferred calls are waiting. */
bool loop_defer_pending(const struct loop *loop);

/*
 * The clock: CLOCK_MONOTONIC in milliseconds, for the whole process.  A
 * test may replace it with a virtual clock that stands still until
 * loop_clock_advance() moves it and fires the timers that became due (the
 * timerfd is not used while the clock is virtual).
 */
uint64_t loop_now_ms(void);
void loop_clock_virtual(uint64_t start_ms);
/* Move the virtual clock forward by ms, firing due timers (and deferred
 * calls) on loop in order of their due time. */
void loop_clock_advance(struct loop *loop, uint64_t ms);
/* Back to CLOCK_MONOTONIC. */
void loop_clock_real(void);

#endif
