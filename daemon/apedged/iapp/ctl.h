/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket's station and IAPP words, pure: parsing a request's
 * words and writing the station table as JSON.
 *
 *	sta add IFNAME MAC [vlan N] [authorized|unauthorized]
 *		[prev-ap BSSID] [ip ADDR]...
 *	sta authorize MAC
 *	sta del MAC
 *	sta show
 *	iapp show
 */
#ifndef APEDGED_IAPP_CTL_H
#define APEDGED_IAPP_CTL_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iapp/wire.h"
#include "iapp/sta.h"
#include "lib/strbuf.h"

struct sta_add_req {
	char ifname[IFNAMSIZ];
	uint8_t mac[MAC_LEN];
	uint16_t vlan;
	bool authorized;		/* default: unauthorized */
	bool has_prev_ap;
	uint8_t prev_ap[MAC_LEN];
	struct iapp_ctx ctx;		/* the ip ADDR given */
};

/*
 * argv[0] is "add"; parse the rest.  0, or -EINVAL with a reason in err.
 */
int sta_add_parse(int argc, char **argv, struct sta_add_req *req,
		  char *err, size_t errlen);

/* A unicast MAC for sta authorize/del; 0 or -EINVAL. */
int sta_mac_parse(const char *s, uint8_t mac[MAC_LEN]);

/*
 * {"stations": [{"mac": ..., "ifname": ..., "state": ..., "vlan": N,
 *  "seq": N, "age_ms": N, "prev_ap": ... or null, "ipv4": [...],
 *  "ipv6": [...], "context_fetched": bool}, ...]}
 * Gone entries are left out.
 */
void sta_format_list(struct sta_table *t, uint64_t now_ms,
		     struct strbuf *sb);

#endif
