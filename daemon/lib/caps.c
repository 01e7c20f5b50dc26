// SPDX-License-Identifier: GPL-2.0
/*
 * Changing user and dropping privilege, with libcap.  See caps.h.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "lib/caps.h"

int caps_user_lookup(const char *name, struct caps_user *u)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	int r;

	if (strlen(name) >= sizeof(u->name))
		return -ENAMETOOLONG;
	r = getpwnam_r(name, &pw, buf, sizeof(buf), &res);
	if (r)
		return -r;
	if (!res)
		return -ENOENT;
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->uid = pw.pw_uid;
	u->gid = pw.pw_gid;
	return 0;
}

static int fail(char *err, size_t size, int r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t size, int r, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(err, size, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < size)
		snprintf(err + n, size - (size_t)n, ": %s", strerror(-r));
	return r;
}

/* The number of capabilities the running kernel knows, at most 64. */
static unsigned int n_caps(void)
{
	unsigned int n = cap_max_bits();

	return n > 64 ? 64 : n;
}

static bool has_effective(cap_value_t c)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t cur = cap_get_proc();

	if (!cur)
		return false;
	if (cap_get_flag(cur, c, CAP_EFFECTIVE, &v) < 0)
		v = CAP_CLEAR;
	cap_free(cur);
	return v == CAP_SET;
}

static int drop_bound(uint64_t keep, bool *bound_kept, char *err,
		      size_t size)
{
	unsigned int c, n = n_caps();

	if (!has_effective(CAP_SETPCAP)) {
		for (c = 0; c < n; c++)
			if (!(keep & (1ULL << c)) &&
			    cap_get_bound((cap_value_t)c) == 1)
				break;
		if (c < n && bound_kept)
			*bound_kept = true;
		return 0;
	}
	for (c = 0; c < n; c++) {
		if (keep & (1ULL << c))
			continue;
		if (cap_get_bound((cap_value_t)c) == 1 &&
		    cap_drop_bound((cap_value_t)c) < 0)
			return fail(err, size, -errno, "cannot drop "
				    "capability %u from the bounding set", c);
	}
	return 0;
}

/* Effective = permitted, as before a change of user cleared it. */
static int raise_effective(char *err, size_t size)
{
	unsigned int c, n = n_caps();
	cap_t cur = cap_get_proc();
	int r = 0;

	if (!cur)
		return fail(err, size, -ENOMEM, "cannot read the capabilities");
	for (c = 0; c < n; c++) {
		cap_value_t v = (cap_value_t)c;
		cap_flag_value_t had;

		if (cap_get_flag(cur, v, CAP_PERMITTED, &had) == 0 &&
		    cap_set_flag(cur, CAP_EFFECTIVE, 1, &v, had) < 0) {
			r = fail(err, size, -EINVAL, "cannot raise capability "
				 "%u", c);
			break;
		}
	}
	if (!r && cap_set_proc(cur) < 0)
		r = fail(err, size, -errno, "cannot set the capabilities");
	cap_free(cur);
	return r;
}

int caps_become(const struct caps_user *u, char *err, size_t err_size)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	int r = 0;

	if (getresuid(&ru, &eu, &su) == 0 && getresgid(&rg, &eg, &sg) == 0 &&
	    ru == u->uid && eu == u->uid && su == u->uid &&
	    rg == u->gid && eg == u->gid && sg == u->gid)
		return 0;
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return fail(err, err_size, -errno, "PR_SET_KEEPCAPS");
	if (initgroups(u->name, u->gid) < 0)
		r = fail(err, err_size, -errno, "cannot take the groups of %s",
			 u->name);
	else if (setresgid(u->gid, u->gid, u->gid) < 0)
		r = fail(err, err_size, -errno, "cannot change the group to "
			 "%u", (unsigned int)u->gid);
	else if (setresuid(u->uid, u->uid, u->uid) < 0)
		r = fail(err, err_size, -errno, "cannot change the user to %s",
			 u->name);
	prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	return r < 0 ? r : raise_effective(err, err_size);
}

static int set_caps(uint64_t keep, char *err, size_t size)
{
	cap_t cur, want;
	unsigned int c, n = n_caps();
	int r = 0;

	cur = cap_get_proc();
	want = cap_init();
	if (!cur || !want) {
		r = fail(err, size, -ENOMEM, "cannot read the capabilities");
		goto out;
	}
	for (c = 0; c < n; c++) {
		cap_value_t v = (cap_value_t)c;
		cap_flag_value_t had;

		if (!(keep & (1ULL << c)) ||
		    cap_get_flag(cur, v, CAP_PERMITTED, &had) < 0 ||
		    had != CAP_SET)
			continue;
		if (cap_set_flag(want, CAP_PERMITTED, 1, &v, CAP_SET) < 0 ||
		    cap_set_flag(want, CAP_EFFECTIVE, 1, &v, CAP_SET) < 0) {
			r = fail(err, size, -EINVAL, "cannot keep "
				 "capability %u", c);
			goto out;
		}
	}
	/* Inheritable stays empty, which empties the ambient set too. */
	if (cap_set_proc(want) < 0)
		r = fail(err, size, -errno, "cannot set the capabilities");
out:
	cap_free(cur);
	cap_free(want);
	return r;
}

int caps_drop(uint64_t keep, bool *bound_kept, char *err, size_t err_size)
{
	int r;

	if (bound_kept)
		*bound_kept = false;
	r = drop_bound(keep, bound_kept, err, err_size);
	if (r < 0)
		return r;
	r = set_caps(keep, err, err_size);
	if (r < 0)
		return r;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail(err, err_size, -errno, "PR_SET_NO_NEW_PRIVS");
	return 0;
}

uint64_t caps_effective(void)
{
	unsigned int c, n = n_caps();
	uint64_t mask = 0;
	cap_t cur = cap_get_proc();

	if (!cur)
		return 0;
	for (c = 0; c < n; c++) {
		cap_flag_value_t v;

		if (cap_get_flag(cur, (cap_value_t)c, CAP_EFFECTIVE, &v) == 0 &&
		    v == CAP_SET)
			mask |= 1ULL << c;
	}
	cap_free(cur);
	return mask;
}

const char *caps_names(uint64_t mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int c;

	if (size)
		buf[0] = '\0';
	if (!mask) {
		snprintf(buf, size, "none");
		return buf;
	}
	for (c = 0; c < 64 && len < size; c++) {
		char *name;
		int n;

		if (!(mask & (1ULL << c)))
			continue;
		name = cap_to_name((cap_value_t)c);
		n = snprintf(buf + len, size - len, "%s%s", len ? "," : "",
			     name ? name : "?");
		cap_free(name);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}
