// SPDX-License-Identifier: GPL-2.0
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "lib/loop.h"
#include "ut.h"

struct record {
	struct loop *loop;
	int order[16];
	int n;
	int stop_after;
};

static void note(struct record *r, int id)
{
	if (r->n < 16)
		r->order[r->n++] = id;
	if (r->n == r->stop_after)
		loop_quit(r->loop, 7);
}

struct tagged {
	struct record *rec;
	int id;
};

static void tagged_timer(struct loop_timer *t, void *data)
{
	struct tagged *tg = data;

	note(tg->rec, tg->id);
}

/* Run the loop with a safety timeout; returns loop_run()'s value. */
static void safety_cb(struct loop_timer *t, void *data)
{
	loop_quit(data, -1);
}

static int run(struct loop *loop, uint64_t limit_ms)
{
	struct loop_timer *safety = loop_timer_add(loop, limit_ms, 0,
						   safety_cb, loop);
	int r = loop_run(loop);

	loop_timer_remove(safety);
	return r;
}

UT_CASE(timers_in_order)
{
	struct loop *loop = loop_new();
	struct record rec = { .loop = loop, .stop_after = 4 };
	struct tagged tg[4];
	static const int delays[] = { 40, 10, 30, 20 };
	int i;

	UT_ASSERT(loop);
	for (i = 0; i < 4; i++) {
		tg[i].rec = &rec;
		tg[i].id = delays[i];
		UT_ASSERT(loop_timer_add(loop, (uint64_t)delays[i], 0,
					 tagged_timer, &tg[i]));
	}
	UT_EXPECT(run(loop, 2000) == 7);
	UT_ASSERT(rec.n == 4);
	UT_EXPECT(rec.order[0] == 10 && rec.order[1] == 20 &&
		  rec.order[2] == 30 && rec.order[3] == 40);
	loop_free(loop);	/* frees the fired one-shot timers too */
}

UT_CASE(timers_due_together_fire_by_due_time)
{
	struct loop *loop = loop_new();
	struct record rec = { .loop = loop, .stop_after = 3 };
	struct tagged tg[3];
	int i;

	UT_ASSERT(loop);
	/* Added in reverse order, all due before the loop even runs. */
	for (i = 0; i < 3; i++) {
		tg[i].rec = &rec;
		tg[i].id = 3 - i;
		UT_ASSERT(loop_timer_add(loop, (uint64_t)(3 - i), 0,
					 tagged_timer, &tg[i]));
	}
	usleep(20000);
	UT_EXPECT(run(loop, 2000) == 7);
	UT_ASSERT(rec.n == 3);
	UT_EXPECT(rec.order[0] == 1 && rec.order[1] == 2 &&
		  rec.order[2] == 3);
	loop_free(loop);
}

static void periodic_cb(struct loop_timer *t, void *data)
{
	struct record *rec = data;

	note(rec, 1);
	if (rec->n == 3)
		loop_timer_remove(t);	/* removing itself is fine */
}

static void later_cb(struct loop_timer *t, void *data)
{
	loop_quit(data, 3);
}

UT_CASE(periodic_and_self_removal)
{
	struct loop *loop = loop_new();
	struct record rec = { .loop = loop };
	struct loop_timer *t;

	UT_ASSERT(loop);
	UT_ASSERT(loop_timer_add(loop, 5, 5, periodic_cb, &rec));
	UT_ASSERT((t = loop_timer_add(loop, 100, 0, later_cb, loop)));
	UT_EXPECT(run(loop, 2000) == 3);
	UT_EXPECT(rec.n == 3);	/* not a fourth time after removal */
	UT_EXPECT(!loop_timer_armed(t));
	loop_free(loop);
}

struct pair {
	struct record rec;
	struct loop_timer *victim;
};

static void killer_cb(struct loop_timer *t, void *data)
{
	struct pair *p = data;

	note(&p->rec, 1);
	loop_timer_remove(p->victim);	/* due now too: must not run */
	p->victim = NULL;
	loop_quit(p->rec.loop, 0);
}

static void victim_cb(struct loop_timer *t, void *data)
{
	struct pair *p = data;

	note(&p->rec, 2);
}

UT_CASE(timer_removes_another_due_timer)
{
	struct loop *loop = loop_new();
	struct pair p = { .rec = { .loop = loop } };

	UT_ASSERT(loop);
	UT_ASSERT(loop_timer_add(loop, 1, 0, killer_cb, &p));
	UT_ASSERT((p.victim = loop_timer_add(loop, 2, 0, victim_cb, &p)));
	usleep(10000);
	UT_EXPECT(run(loop, 2000) == 0);
	UT_EXPECT(p.rec.n == 1 && p.rec.order[0] == 1);
	loop_free(loop);
}

static void rearm_cb(struct loop_timer *t, void *data)
{
	struct record *rec = data;

	note(rec, 1);
	if (rec->n < 3)
		loop_timer_rearm(t, 0, 0);	/* again, next iteration */
	else
		loop_quit(rec->loop, 0);
}

UT_CASE(timer_rearm_and_disarm)
{
	struct loop *loop = loop_new();
	struct record rec = { .loop = loop };
	struct loop_timer *t, *never;

	UT_ASSERT(loop);
	UT_ASSERT((t = loop_timer_add(loop, 0, 0, rearm_cb, &rec)));
	UT_ASSERT((never = loop_timer_add(loop, 1, 0, victim_cb, NULL)));
	loop_timer_disarm(never);
	UT_EXPECT(!loop_timer_armed(never));
	UT_EXPECT(run(loop, 2000) == 0);
	UT_EXPECT(rec.n == 3);
	UT_EXPECT(!loop_timer_armed(t));
	loop_timer_remove(t);
	loop_timer_remove(never);
	loop_timer_remove(NULL);
	loop_free(loop);
}

struct fds {
	struct loop *loop;
	int pipes[2][2];
	struct loop_watch *w[2];
	int calls[2];
	char got[2];
};

static void fd_cb(struct loop_watch *w, int fd, uint32_t events, void *data)
{
	struct fds *f = data;
	int i = w == f->w[0] ? 0 : 1;
	char c;

	f->calls[i]++;
	if (read(fd, &c, 1) == 1)
		f->got[i] = c;
	/* Both are ready in the same batch: remove the other one. */
	loop_watch_remove(f->w[!i]);
	f->w[!i] = NULL;
	loop_watch_remove(w);	/* and ourselves */
	f->w[i] = NULL;
	loop_quit(f->loop, 0);
}

UT_CASE(fd_watch_and_removal_in_callback)
{
	struct loop *loop = loop_new();
	struct fds f = { .loop = loop };
	int i;

	UT_ASSERT(loop);
	for (i = 0; i < 2; i++) {
		UT_ASSERT(pipe(f.pipes[i]) == 0);
		f.w[i] = loop_watch_add(loop, f.pipes[i][0], EPOLLIN, fd_cb,
					&f);
		UT_ASSERT(f.w[i]);
	}
	UT_ASSERT(write(f.pipes[0][1], "a", 1) == 1);
	UT_ASSERT(write(f.pipes[1][1], "b", 1) == 1);
	UT_EXPECT(loop_iterate(loop, 1000) == 2);
	/* Exactly one callback ran; the other was removed before its turn. */
	UT_EXPECT(f.calls[0] + f.calls[1] == 1);
	UT_EXPECT(f.got[0] == 'a' || f.got[1] == 'b');
	/* Nothing is watched any more. */
	UT_EXPECT(loop_iterate(loop, 10) == 0);
	for (i = 0; i < 2; i++) {
		close(f.pipes[i][0]);
		close(f.pipes[i][1]);
	}
	loop_free(loop);
}

static void count_cb(struct loop_watch *w, int fd, uint32_t events,
		     void *data)
{
	int *n = data;
	char c;

	if (events & EPOLLIN) {
		if (read(fd, &c, 1) != 1)
			return;
	}
	(*n)++;
}

UT_CASE(fd_watch_modify_and_bad_args)
{
	struct loop *loop = loop_new();
	struct loop_watch *w;
	int p[2], n = 0;

	UT_ASSERT(loop);
	UT_ASSERT(pipe(p) == 0);
	UT_EXPECT(loop_watch_add(loop, -1, EPOLLIN, count_cb, &n) == NULL);
	UT_EXPECT(loop_watch_add(loop, p[0], EPOLLIN, NULL, &n) == NULL);
	UT_ASSERT((w = loop_watch_add(loop, p[1], 0, count_cb, &n)));
	UT_EXPECT(loop_iterate(loop, 10) == 0);
	UT_EXPECT(loop_watch_modify(w, EPOLLOUT) == 0);
	UT_EXPECT(loop_iterate(loop, 1000) == 1);
	UT_EXPECT(n == 1);
	loop_watch_remove(w);
	loop_watch_remove(w);	/* twice is harmless */
	loop_watch_remove(NULL);
	/* Left on the loop: loop_free() takes care of it. */
	UT_ASSERT(loop_watch_add(loop, p[0], EPOLLIN, count_cb, &n));
	close(p[0]);
	close(p[1]);
	loop_free(loop);
}

static void sig_cb(int signo, void *data)
{
	struct record *rec = data;

	note(rec, signo);
}

UT_CASE(signals)
{
	struct loop *loop = loop_new();
	struct record rec = { .loop = loop, .stop_after = 2 };
	sigset_t mask;

	UT_ASSERT(loop);
	UT_ASSERT(loop_signal_add(loop, SIGUSR1, sig_cb, &rec) == 0);
	UT_ASSERT(loop_signal_add(loop, SIGUSR2, sig_cb, &rec) == 0);
	UT_EXPECT(loop_signal_add(loop, 0, sig_cb, &rec) < 0);
	UT_EXPECT(loop_signal_add(loop, SIGUSR1, NULL, &rec) < 0);
	UT_ASSERT(kill(getpid(), SIGUSR1) == 0);
	UT_ASSERT(kill(getpid(), SIGUSR2) == 0);
	UT_EXPECT(run(loop, 2000) == 7);
	UT_ASSERT(rec.n == 2);
	UT_EXPECT((rec.order[0] == SIGUSR1 && rec.order[1] == SIGUSR2) ||
		  (rec.order[0] == SIGUSR2 && rec.order[1] == SIGUSR1));
	loop_free(loop);
	/* The old signal mask is back. */
	sigprocmask(SIG_BLOCK, NULL, &mask);
	UT_EXPECT(!sigismember(&mask, SIGUSR1));
	UT_EXPECT(!sigismember(&mask, SIGUSR2));
}

UT_CASE(clock)
{
	uint64_t a = loop_now_ms();

	usleep(15000);
	UT_EXPECT(loop_now_ms() - a >= 10);
}

UT_MAIN("lib_loop", UT_ENTRY(timers_in_order),
	UT_ENTRY(timers_due_together_fire_by_due_time),
	UT_ENTRY(periodic_and_self_removal),
	UT_ENTRY(timer_removes_another_due_timer),
	UT_ENTRY(timer_rearm_and_disarm),
	UT_ENTRY(fd_watch_and_removal_in_callback),
	UT_ENTRY(fd_watch_modify_and_bad_args), UT_ENTRY(signals),
	UT_ENTRY(clock))
