/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Programs the client runs: the hook script on each state change, and
 * resolvconf.  fork() and exec(), never waiting: each child is watched
 * through a pidfd on the loop and reaped when it ends; one still running
 * after DHCP4_HOOK_TIMEOUT_MS is killed (SIGKILL).  At most
 * DHCP4_HOOK_CHILDREN_MAX run at once; more are refused and counted.
 *
 * The hook's environment (dhcp4_hook_env(), pure): reason, interface,
 * new_* of the lease now (when there is one) and old_* of the one the
 * hook was told of before, with dhcpcd's names:
 *
 *	new_ip_address new_subnet_mask new_prefix_length new_broadcast_address
 *	new_routers new_domain_name_servers new_domain_name new_domain_search
 *	new_interface_mtu new_classless_static_routes
 *	new_dhcp_server_identifier new_dhcp_lease_time new_dhcp_renewal_time
 *	new_dhcp_rebinding_time
 *
 * Lists are space-separated; new_classless_static_routes is
 * "DST/PLEN GW ..." pairs.  Values come from the server: the script must
 * quote them.  Text values are passed as they are but for control
 * characters, which become '?'.
 */
#ifndef APEDGED_DHCP4_HOOK_H
#define APEDGED_DHCP4_HOOK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "dhcp4/sm.h"

#define DHCP4_HOOK_TIMEOUT_MS	30000
#define DHCP4_HOOK_CHILDREN_MAX	32
#define DHCP4_HOOK_ENV_MAX	40	/* variables, with the NULL */
#define DHCP4_HOOK_ENV_BYTES	8192

struct loop;
struct dhcp4_hooks;

struct dhcp4_hook_stats {
	uint64_t started, failed, killed, refused, nonzero;
};

struct dhcp4_hooks *dhcp4_hooks_new(struct loop *loop);
/* Children still running are left to finish on their own. */
void dhcp4_hooks_free(struct dhcp4_hooks *h);

/*
 * Run argv[0] with argv and envp (NULL: an empty environment but for
 * PATH), stdin the len bytes of input (at most 64 KiB; NULL: /dev/null).
 * what names it in the log.  0, or -errno (logged).
 */
int dhcp4_hooks_run(struct dhcp4_hooks *h, const char *what,
		    char *const argv[], char *const envp[],
		    const char *input, size_t len);

const struct dhcp4_hook_stats *dhcp4_hooks_stats(const struct dhcp4_hooks *h);
/* Children running now. */
size_t dhcp4_hooks_running(const struct dhcp4_hooks *h);
/* For tests: the time a child may run (DHCP4_HOOK_TIMEOUT_MS). */
void dhcp4_hooks_set_timeout(struct dhcp4_hooks *h, uint64_t ms);

/* The environment of a hook: pointers into buf (DHCP4_HOOK_ENV_BYTES). */
struct dhcp4_hook_env {
	char *envp[DHCP4_HOOK_ENV_MAX];
	char buf[DHCP4_HOOK_ENV_BYTES];
	size_t n, used;
};

/* Pure: the variables for reason on ifname; now and old may be NULL. */
void dhcp4_hook_env(struct dhcp4_hook_env *e, const char *reason,
		    const char *ifname, const struct dhcp4_lease *now,
		    const struct dhcp4_lease *old);

#endif
