// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop.
 *
 * Watches are kept on a list; a removed watch is taken off epoll at once but
 * freed only after the current batch of events is dispatched, so that an
 * event fetched for it in the same batch is recognised and skipped.
 *
 * Timers are kept on a list sorted by due time, and one timerfd is armed
 * (absolute, CLOCK_MONOTONIC) for the earliest.  When it fires, the due
 * timers are first moved to a local list and then called one by one, so a
 * callback may remove or re-arm any timer, itself included.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "lib/list.h"
#include "lib/loop.h"

#define LOOP_MAX_EVENTS 32

struct loop_watch {
	struct list node;
	struct loop *loop;
	int fd;
	bool removed;
	loop_watch_fn fn;
	void *data;
};

struct loop_timer {
	struct list node;	/* on loop->timers, a firing list, or none */
	struct list all;	/* on loop->all_timers while it exists */
	struct loop *loop;
	uint64_t due_ns;
	uint64_t period_ns;
	loop_timer_fn fn;
	void *data;
};

struct loop_defer {
	struct list node;	/* on loop->deferred or a running batch */
	struct loop *loop;
	loop_defer_fn fn;
	void *data;
};

struct loop_sig {
	loop_signal_fn fn;
	void *data;
};

struct loop {
	int epfd;
	struct list watches;
	struct list dead;	/* removed watches, freed after the batch */
	struct list timers;	/* armed, by due time */
	struct list all_timers;
	int tfd;
	struct loop_watch *timer_watch;
	int sfd;
	struct loop_watch *signal_watch;
	sigset_t sigset;	/* signals delivered through sfd */
	sigset_t old_mask;
	struct loop_sig sigs[_NSIG];
	struct list deferred;	/* loop_defer() calls waiting */
	struct loop_defer *running;	/* the deferred call being made */
	bool quit;
	int exit_code;
};

/* The virtual clock of the tests: in use while virtual_clock is true. */
static bool virtual_clock;
static uint64_t virtual_ns;

static uint64_t now_ns(void)
{
	struct timespec ts;

	if (virtual_clock)
		return virtual_ns;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void loop_clock_virtual(uint64_t start_ms)
{
	virtual_clock = true;
	virtual_ns = start_ms * 1000000ull;
}

void loop_clock_real(void)
{
	virtual_clock = false;
}

uint64_t loop_now_ms(void)
{
	return now_ns() / 1000000ull;
}

struct loop *loop_new(void)
{
	struct loop *loop = calloc(1, sizeof(*loop));

	if (!loop)
		return NULL;
	list_init(&loop->watches);
	list_init(&loop->dead);
	list_init(&loop->timers);
	list_init(&loop->all_timers);
	list_init(&loop->deferred);
	loop->tfd = -1;
	loop->sfd = -1;
	sigemptyset(&loop->sigset);
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0) {
		free(loop);
		return NULL;
	}
	return loop;
}

static void free_dead(struct loop *loop)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &loop->dead) {
		list_del(pos);
		free(list_entry(pos, struct loop_watch, node));
	}
}

void loop_free(struct loop *loop)
{
	struct list *pos, *tmp;

	if (!loop)
		return;
	list_for_each_safe(pos, tmp, &loop->all_timers) {
		struct loop_timer *t = list_entry(pos, struct loop_timer, all);

		list_del(&t->node);
		list_del(&t->all);
		free(t);
	}
	list_for_each_safe(pos, tmp, &loop->deferred) {
		list_del(pos);
		free(list_entry(pos, struct loop_defer, node));
	}
	list_for_each_safe(pos, tmp, &loop->watches)
		loop_watch_remove(list_entry(pos, struct loop_watch, node));
	free_dead(loop);
	if (loop->tfd >= 0)
		close(loop->tfd);
	if (loop->sfd >= 0) {
		close(loop->sfd);
		sigprocmask(SIG_SETMASK, &loop->old_mask, NULL);
	}
	close(loop->epfd);
	free(loop);
}

struct loop_watch *loop_watch_add(struct loop *loop, int fd, uint32_t events,
				  loop_watch_fn fn, void *data)
{
	struct epoll_event ev = { .events = events };
	struct loop_watch *w;

	if (fd < 0 || !fn) {
		errno = EINVAL;
		return NULL;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->loop = loop;
	w->fd = fd;
	w->fn = fn;
	w->data = data;
	ev.data.ptr = w;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = errno;

		free(w);
		errno = err;
		return NULL;
	}
	list_add_tail(&loop->watches, &w->node);
	return w;
}

int loop_watch_modify(struct loop_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (w->removed)
		return -EINVAL;
	if (epoll_ctl(w->loop->epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0)
		return -errno;
	return 0;
}

void loop_watch_remove(struct loop_watch *w)
{
	if (!w || w->removed)
		return;
	/* Fails harmlessly when the fd was already closed. */
	epoll_ctl(w->loop->epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->removed = true;
	list_del(&w->node);
	list_add_tail(&w->loop->dead, &w->node);
}

/* Arm the timerfd for the earliest timer, or disarm it. */
static void timers_program(struct loop *loop)
{
	struct itimerspec its = { 0 };
	struct loop_timer *first;

	if (loop->tfd < 0 || virtual_clock)
		return;
	if (!list_empty(&loop->timers)) {
		first = list_entry(loop->timers.next, struct loop_timer, node);
		its.it_value.tv_sec = first->due_ns / 1000000000ull;
		its.it_value.tv_nsec = first->due_ns % 1000000000ull;
		/* An all-zero it_value disarms: due at 0 means "now". */
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1;
	}
	timerfd_settime(loop->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void timer_insert(struct loop *loop, struct loop_timer *t)
{
	struct list *pos;

	list_for_each(pos, &loop->timers)
		if (list_entry(pos, struct loop_timer, node)->due_ns > t->due_ns)
			break;
	list_add_before(pos, &t->node);
}

/* Call every timer due at now. */
static void timers_fire(struct loop *loop, uint64_t now)
{
	struct list firing = LIST_INIT(firing);
	struct loop_timer *t;

	while (!list_empty(&loop->timers)) {
		t = list_entry(loop->timers.next, struct loop_timer, node);
		if (t->due_ns > now)
			break;
		list_del(&t->node);
		list_add_tail(&firing, &t->node);
	}

	while (!list_empty(&firing)) {
		t = list_entry(firing.next, struct loop_timer, node);
		list_del(&t->node);
		if (t->period_ns) {
			t->due_ns += t->period_ns;
			/* Missed periods are skipped, not made up in a burst. */
			if (t->due_ns <= now)
				t->due_ns = now + t->period_ns;
			timer_insert(loop, t);
		}
		/* t may be freed or re-armed by its callback. */
		t->fn(t, t->data);
	}
	timers_program(loop);
}

static void timers_dispatch(struct loop_watch *w, int fd, uint32_t events,
			    void *data)
{
	uint64_t expirations;

	/* Clear the readiness; the list, not the count, says what is due. */
	if (read(fd, &expirations, sizeof(expirations)) < 0)
		(void)expirations;
	timers_fire(data, now_ns());
}

static int timers_setup(struct loop *loop)
{
	if (loop->tfd >= 0)
		return 0;
	loop->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (loop->tfd < 0)
		return -errno;
	loop->timer_watch = loop_watch_add(loop, loop->tfd, EPOLLIN,
					   timers_dispatch, loop);
	if (!loop->timer_watch) {
		int err = -errno;

		close(loop->tfd);
		loop->tfd = -1;
		return err;
	}
	return 0;
}

struct loop_timer *loop_timer_add(struct loop *loop, uint64_t delay_ms,
				  uint64_t period_ms, loop_timer_fn fn,
				  void *data)
{
	struct loop_timer *t;
	int err;

	if (!fn) {
		errno = EINVAL;
		return NULL;
	}
	err = timers_setup(loop);
	if (err < 0) {
		errno = -err;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	list_init(&t->node);
	list_add_tail(&loop->all_timers, &t->all);
	t->loop = loop;
	t->fn = fn;
	t->data = data;
	loop_timer_rearm(t, delay_ms, period_ms);
	return t;
}

void loop_timer_rearm(struct loop_timer *t, uint64_t delay_ms,
		      uint64_t period_ms)
{
	list_del(&t->node);
	t->due_ns = now_ns() + delay_ms * 1000000ull;
	t->period_ns = period_ms * 1000000ull;
	timer_insert(t->loop, t);
	timers_program(t->loop);
}

void loop_timer_disarm(struct loop_timer *t)
{
	list_del(&t->node);
	timers_program(t->loop);
}

bool loop_timer_armed(const struct loop_timer *t)
{
	return list_linked(&t->node);
}

void loop_timer_remove(struct loop_timer *t)
{
	if (!t)
		return;
	loop_timer_disarm(t);
	list_del(&t->all);
	free(t);
}

static void signals_dispatch(struct loop_watch *w, int fd, uint32_t events,
			     void *data)
{
	struct loop *loop = data;
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		struct loop_sig *s;

		if (si.ssi_signo >= _NSIG)
			continue;
		s = &loop->sigs[si.ssi_signo];
		if (s->fn)
			s->fn((int)si.ssi_signo, s->data);
	}
}

int loop_signal_add(struct loop *loop, int signo, loop_signal_fn fn,
		    void *data)
{
	sigset_t mask;
	int fd;

	if (signo <= 0 || signo >= _NSIG || !fn)
		return -EINVAL;
	if (loop->sfd < 0 && sigprocmask(SIG_BLOCK, NULL, &loop->old_mask) < 0)
		return -errno;

	mask = loop->sigset;
	sigaddset(&mask, signo);
	/* Block first, so that none slips through to its default action. */
	sigprocmask(SIG_BLOCK, &mask, NULL);
	fd = signalfd(loop->sfd, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (loop->sfd < 0) {
		loop->signal_watch = loop_watch_add(loop, fd, EPOLLIN,
						    signals_dispatch, loop);
		if (!loop->signal_watch) {
			int err = -errno;

			close(fd);
			return err;
		}
		loop->sfd = fd;
	}
	loop->sigset = mask;
	loop->sigs[signo].fn = fn;
	loop->sigs[signo].data = data;
	return 0;
}

struct loop_defer *loop_defer(struct loop *loop, loop_defer_fn fn,
			      void *data)
{
	struct loop_defer *d;

	if (!fn) {
		errno = EINVAL;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->loop = loop;
	d->fn = fn;
	d->data = data;
	list_add_tail(&loop->deferred, &d->node);
	return d;
}

void loop_defer_cancel(struct loop_defer *d)
{
	if (!d || d->loop->running == d)
		return;
	list_del(&d->node);
	free(d);
}

bool loop_defer_pending(const struct loop *loop)
{
	return !list_empty(&loop->deferred);
}

/* Make the deferred calls queued so far; later ones wait for the next
 * iteration, so a call that defers itself again cannot starve the loop. */
static void defer_run(struct loop *loop)
{
	struct list batch = LIST_INIT(batch);
	struct loop_defer *d;

	if (list_empty(&loop->deferred))
		return;
	list_splice_init(&loop->deferred, &batch);
	while (!list_empty(&batch)) {
		d = list_entry(batch.next, struct loop_defer, node);
		list_del(&d->node);
		loop->running = d;
		d->fn(d->data);
		loop->running = NULL;
		free(d);
	}
}

void loop_clock_advance(struct loop *loop, uint64_t ms)
{
	uint64_t end = virtual_ns + ms * 1000000ull;
	struct loop_timer *t;

	defer_run(loop);
	while (!list_empty(&loop->timers)) {
		t = list_entry(loop->timers.next, struct loop_timer, node);
		if (t->due_ns > end)
			break;
		if (t->due_ns > virtual_ns)
			virtual_ns = t->due_ns;
		timers_fire(loop, virtual_ns);
		defer_run(loop);
	}
	virtual_ns = end;
}

int loop_iterate(struct loop *loop, int timeout_ms)
{
	struct epoll_event events[LOOP_MAX_EVENTS];
	int n, i;

	if (loop_defer_pending(loop))
		timeout_ms = 0;
	n = epoll_wait(loop->epfd, events, LOOP_MAX_EVENTS, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++) {
		struct loop_watch *w = events[i].data.ptr;

		if (w->removed)
			continue;
		w->fn(w, w->fd, events[i].events, w->data);
	}
	free_dead(loop);
	defer_run(loop);
	return n;
}

int loop_run(struct loop *loop)
{
	int r;

	loop->quit = false;
	while (!loop->quit) {
		r = loop_iterate(loop, -1);
		if (r < 0)
			return r;
	}
	return loop->exit_code;
}

void loop_quit(struct loop *loop, int code)
{
	loop->quit = true;
	loop->exit_code = code;
}
