// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv6 lease store: see store.h.  (Skeleton: the API compiles; the
 * implementation follows.)
 */
#include <errno.h>
#include <stdlib.h>

#include "dhcp6/store.h"

struct dhcp6_store {
	struct loop *loop;
	struct dhcp6_store_stats stats;
};

struct dhcp6_store *dhcp6_store_open(struct loop *loop, const char *dir,
				     dhcp6_store_load_fn load,
				     dhcp6_store_iter_fn iter,
				     void *ctx, int *err)
{
	*err = -ENOSYS;
	return NULL;
}

int dhcp6_store_append(struct dhcp6_store *s, const struct dhcp6_jnl_rec *r,
		       dhcp6_store_done_fn done, void *cookie)
{
	return -ENOSYS;
}

int dhcp6_store_compact(struct dhcp6_store *s)
{
	return -ENOSYS;
}

void dhcp6_store_close(struct dhcp6_store *s)
{
	free(s);
}

const struct dhcp6_store_stats *dhcp6_store_stats(const struct dhcp6_store *s)
{
	return &s->stats;
}
