/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files written so that a crash at any instant leaves either the old
 * content or the new, never a mix: a temporary file next to the target
 * (PATH.tmp, O_NOFOLLOW), written whole, fsync'ed, renamed over the
 * target, and the directory fsync'ed.
 */
#ifndef APEDGE_LIB_FILE_H
#define APEDGE_LIB_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* 0, or -errno; on failure the target is as it was. */
int file_write_atomic(const char *path, const void *buf, size_t len,
		      mode_t mode);

/* mkdir -p of an absolute path: mode for the last component, 0755 for
 * the parents it makes.  0, or -errno. */
int file_mkdir_p(const char *dir, mode_t mode);

#endif
