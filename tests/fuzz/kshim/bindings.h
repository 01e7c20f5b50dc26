/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in for the binding table's lookup side, for userspace builds of
 * kmod/guard.c (tests/bench/kcost, fuzz_kmod_guard).  See bindings.c.
 */
#ifndef APEDGE_KSHIM_BINDINGS_H
#define APEDGE_KSHIM_BINDINGS_H

#include "guard.h"

struct apedge_bindings *kc_bindings_new(void);
void kc_bind(struct apedge_bindings *bt, u8 family, const void *addr,
	     const u8 *mac, int ifindex);

#endif
