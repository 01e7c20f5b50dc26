// SPDX-License-Identifier: GPL-2.0
/*
 * apedge: per-port, per-CPU 64-bit counters.
 */
#include <linux/percpu.h>

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

void apedge_stats_read(const struct apedge_port *port, struct apedge_stats *st)
{
	int cpu, i;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct apedge_pcpu_stats *s = per_cpu_ptr(port->stats, cpu);
		u64 v[APEDGE_CTR_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < APEDGE_CTR_MAX; i++)
				v[i] = u64_stats_read(&s->ctr[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		for (i = 0; i < APEDGE_CTR_MAX; i++)
			st->ctr[i] += v[i];
	}
}
