// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: per-port, per-CPU 64-bit counters.
 */
#include <linux/percpu.h>
#include <linux/slab.h>

#include "apedge.h"

struct apedge_pcpu_stats __percpu *apedge_stats_alloc(void)
{
	struct apedge_pcpu_stats __percpu *stats;
	int cpu;

	stats = alloc_percpu(struct apedge_pcpu_stats);
	if (!stats)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}

/* One counter of one CPU, read whole even where u64 is two words. */
static u64 apedge_stat(const struct apedge_pcpu_stats *s, const u64_stats_t *c)
{
	unsigned int start;
	u64 v;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		v = u64_stats_read(c);
	} while (u64_stats_fetch_retry(&s->syncp, start));
	return v;
}

/* Sum the n counters at offset off of every CPU's copy into out. */
static void apedge_stats_sum(const struct apedge_port *port, u64 *out,
			     size_t off, unsigned int n)
{
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct apedge_pcpu_stats *s = per_cpu_ptr(port->stats, cpu);
		const u64_stats_t *c = (const void *)((const char *)s + off);

		for (i = 0; i < n; i++)
			out[i] += apedge_stat(s, &c[i]);
	}
}

/* The sums of every CPU's counters since the port was attached. */
static void apedge_stats_raw(const struct apedge_port *port,
			     struct apedge_stats *st)
{
	memset(st, 0, sizeof(*st));
	apedge_stats_sum(port, st->ctr, offsetof(struct apedge_pcpu_stats, ctr),
			 APEDGE_CTR_MAX);
	apedge_stats_sum(port, &st->pkt[0][0][0],
			 offsetof(struct apedge_pcpu_stats, pkt),
			 sizeof(st->pkt) / sizeof(u64));
	apedge_stats_sum(port, &st->bad[0][0],
			 offsetof(struct apedge_pcpu_stats, bad),
			 sizeof(st->bad) / sizeof(u64));
}

/**
 * apedge_stats_read - a port's counters since its last reset
 * @port: the port
 * @st: the result
 *
 * Any context but hard IRQ.
 */
void apedge_stats_read(struct apedge_port *port, struct apedge_stats *st)
{
	u64 *v = (u64 *)st;
	const u64 *b;
	size_t i;

	apedge_stats_raw(port, st);
	spin_lock_bh(&port->base_lock);
	b = (const u64 *)port->base;
	for (i = 0; i < sizeof(*st) / sizeof(u64); i++)
		v[i] -= b[i];
	spin_unlock_bh(&port->base_lock);
}

/**
 * apedge_stats_reset - start a port's counters again from zero
 * @port: the port
 *
 * The per-CPU counters are never written but by the fast path: the reset
 * takes their present sums as the base that reading subtracts.  Process
 * context.
 */
int apedge_stats_reset(struct apedge_port *port)
{
	struct apedge_stats *now;

	now = kmalloc(sizeof(*now), GFP_KERNEL);
	if (!now)
		return -ENOMEM;
	apedge_stats_raw(port, now);
	spin_lock_bh(&port->base_lock);
	memcpy(port->base, now, sizeof(*now));
	spin_unlock_bh(&port->base_lock);
	kfree(now);
	return 0;
}
