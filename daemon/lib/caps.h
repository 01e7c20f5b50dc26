/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Giving up privilege: become another user before start-up, keeping every
 * capability, so that what start-up makes is that user's; once it is done,
 * keep a few capabilities (permitted and effective), drop every other one
 * from the bounding set and set no_new_privs.  Irreversible, and for the
 * whole process, so call it from a single thread.
 */
#ifndef APEDGE_LIB_CAPS_H
#define APEDGE_LIB_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CAPS_USER_MAX 64	/* a user name, its NUL included */

struct caps_user {
	char name[CAPS_USER_MAX];
	uid_t uid;
	gid_t gid;		/* the user's primary group */
};

/*
 * Look up a user by name in the user database: 0, -ENOENT when there is
 * no such user, -ENAMETOOLONG, or another -errno.
 */
int caps_user_lookup(const char *name, struct caps_user *u);

/*
 * Become user u, keeping every capability the process has: its groups
 * (the user database's supplementary groups) and ids, real, effective and
 * saved, change with the permitted set kept (PR_SET_KEEPCAPS), and the
 * effective set is raised to the permitted one again.  What the process
 * makes from then on is u's.  Nothing when it is u already.  Returns 0,
 * or -errno with err saying which step failed.
 */
int caps_become(const struct caps_user *u, char *err, size_t err_size);

/*
 * Keep the capabilities of the mask keep (bit N for capability N) and no
 * other:
 *
 * 1. every other capability leaves the bounding set, when the process may
 *    change it (CAP_SETPCAP); otherwise the bounding set is left as it is
 *    and *bound_kept, when not NULL, is set;
 * 2. permitted and effective become keep (what of it the process had);
 *    inheritable and ambient become empty: nothing is passed on through
 *    execve();
 * 3. no_new_privs is set.
 *
 * Returns 0, or -errno with err saying which step failed.
 */
int caps_drop(uint64_t keep, bool *bound_kept, char *err, size_t err_size);

/* The mask of the process's effective capabilities; 0 when unknown. */
uint64_t caps_effective(void);

/*
 * The names of the capabilities in mask ("cap_net_admin,cap_net_raw"),
 * into buf; "none" for an empty mask.  Returns buf.
 */
const char *caps_names(uint64_t mask, char *buf, size_t size);

#endif
