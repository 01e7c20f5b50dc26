/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcost: the guard's per-frame decision (kmod/guard.c) in userspace, for
 * callgrind.  See kcost.c.
 */
#ifndef KCOST_H
#define KCOST_H

#include "bindings.h"
#include "guard.h"

#endif
