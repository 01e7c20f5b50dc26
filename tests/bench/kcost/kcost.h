/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcost: the guard's per-frame decision (kmod/guard.c) in userspace, for
 * callgrind.  See kcost.c.
 */
#ifndef KCOST_H
#define KCOST_H

#include "guard.h"

struct apedge_bindings *kc_bindings_new(void);
void kc_bind(struct apedge_bindings *bt, u8 family, const void *addr,
	     const u8 *mac, int ifindex);

#endif
