// SPDX-License-Identifier: GPL-2.0
/*
 * lib/loop.c's deferred calls and virtual clock, and lib/log.c's rate
 * limit, which reads that clock.
 */
#include <stdlib.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "ut.h"

struct rec {
	char order[16];
	size_t n;
	struct loop *loop;
	struct loop_defer *other;
};

static void note(struct rec *r, char c)
{
	if (r->n < sizeof(r->order) - 1)
		r->order[r->n++] = c;
}

static void defer_a(void *data) { note(data, 'a'); }
static void defer_b(void *data) { note(data, 'b'); }

/* Defers again from inside a deferred call: that one waits a turn. */
static void defer_again(void *data)
{
	struct rec *r = data;

	note(r, 'x');
	loop_defer(r->loop, defer_b, r);
}

/* Cancels a call queued after it in the same batch, and itself. */
static struct loop_defer *self;
static void defer_cancel_other(void *data)
{
	struct rec *r = data;

	note(r, 'c');
	loop_defer_cancel(r->other);
	loop_defer_cancel(self);	/* running: ignored */
}

UT_CASE(defer_runs_after_caller_in_order)
{
	struct loop *loop = loop_new();
	struct rec r = { .loop = loop };

	UT_ASSERT(loop);
	UT_ASSERT(loop_defer(loop, defer_a, &r));
	UT_ASSERT(loop_defer(loop, defer_b, &r));
	/* Nothing runs before the loop does. */
	UT_EXPECT(r.n == 0);
	UT_EXPECT(loop_defer_pending(loop));
	/* Pending calls make the wait return at once. */
	UT_EXPECT(loop_iterate(loop, 5000) == 0);
	UT_EXPECT_STR(r.order, "ab");
	UT_EXPECT(!loop_defer_pending(loop));
	loop_free(loop);
}

UT_CASE(defer_from_defer_waits_a_turn)
{
	struct loop *loop = loop_new();
	struct rec r = { .loop = loop };

	UT_ASSERT(loop);
	loop_defer(loop, defer_again, &r);
	loop_iterate(loop, 0);
	UT_EXPECT_STR(r.order, "x");
	loop_iterate(loop, 0);
	UT_EXPECT_STR(r.order, "xb");
	loop_free(loop);
}

UT_CASE(defer_cancel)
{
	struct loop *loop = loop_new();
	struct rec r = { .loop = loop };

	UT_ASSERT(loop);
	loop_defer_cancel(loop_defer(loop, defer_a, &r));
	self = loop_defer(loop, defer_cancel_other, &r);
	r.other = loop_defer(loop, defer_b, &r);
	loop_defer_cancel(NULL);
	loop_iterate(loop, 0);
	UT_EXPECT_STR(r.order, "c");
	/* Freed with the loop when never run. */
	loop_defer(loop, defer_a, &r);
	loop_free(loop);
}

struct tick {
	uint64_t at[8];
	size_t n;
};

static void tick_cb(struct loop_timer *t, void *data)
{
	struct tick *k = data;

	if (k->n < 8)
		k->at[k->n++] = loop_now_ms();
}

UT_CASE(virtual_clock_fires_timers_at_their_time)
{
	struct loop *loop = loop_new();
	struct tick one = { 0 }, per = { 0 };
	struct loop_timer *a, *b;

	UT_ASSERT(loop);
	loop_clock_virtual(1000);
	UT_EXPECT(loop_now_ms() == 1000);
	a = loop_timer_add(loop, 250, 0, tick_cb, &one);
	b = loop_timer_add(loop, 100, 100, tick_cb, &per);
	UT_ASSERT(a && b);
	loop_clock_advance(loop, 99);
	UT_EXPECT(one.n == 0 && per.n == 0);
	loop_clock_advance(loop, 301);	/* to 1400 */
	UT_EXPECT(loop_now_ms() == 1400);
	UT_EXPECT(one.n == 1 && one.at[0] == 1250);
	UT_EXPECT(per.n == 4 && per.at[0] == 1100 && per.at[3] == 1400);
	UT_EXPECT(!loop_timer_armed(a));
	loop_clock_real();
	UT_EXPECT(loop_now_ms() != 1400);
	loop_free(loop);
}

UT_CASE(ratelimit_counts_and_reopens)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(1000, 3);
	int i, ok = 0;

	for (i = 0; i < 10; i++)
		ok += log_ratelimit_ok(&rl, 5000 + (uint64_t)i);
	UT_EXPECT(ok == 3);
	UT_EXPECT(rl.suppressed == 7);
	/* The next window lets a burst through again. */
	UT_EXPECT(log_ratelimit_ok(&rl, 6000));
	UT_EXPECT(log_ratelimit_ok(&rl, 6001));
	UT_EXPECT(log_ratelimit_ok(&rl, 6002));
	UT_EXPECT(!log_ratelimit_ok(&rl, 6999));
}

UT_CASE(ratelimited_says_how_many_were_dropped)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(1000, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	UT_ASSERT(f);
	log_set_stream(f);
	loop_clock_virtual(10000);
	log_ratelimited(&rl, LOG_WARNING, "bad packet %d", 1);
	log_ratelimited(&rl, LOG_WARNING, "bad packet %d", 2);
	log_ratelimited(&rl, LOG_WARNING, "bad packet %d", 3);
	loop_clock_virtual(11000);
	log_ratelimited(&rl, LOG_WARNING, "bad packet %d", 4);
	loop_clock_real();
	log_set_stream(NULL);
	fclose(f);
	UT_EXPECT(strstr(buf, "bad packet 1"));
	UT_EXPECT(!strstr(buf, "bad packet 2"));
	UT_EXPECT(!strstr(buf, "bad packet 3"));
	UT_EXPECT(strstr(buf, "(2 similar messages suppressed)"));
	UT_EXPECT(strstr(buf, "bad packet 4"));
	free(buf);
}

UT_MAIN("lib_clock",
	UT_ENTRY(defer_runs_after_caller_in_order),
	UT_ENTRY(defer_from_defer_waits_a_turn),
	UT_ENTRY(defer_cancel),
	UT_ENTRY(virtual_clock_fires_timers_at_their_time),
	UT_ENTRY(ratelimit_counts_and_reopens),
	UT_ENTRY(ratelimited_says_how_many_were_dropped))
