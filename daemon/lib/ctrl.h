/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket between apedged and apedgectl.
 *
 * A Unix SOCK_SEQPACKET socket (default path APEDGE_CTRL_PATH, settable in
 * the daemon's config and with apedgectl -s).  Each request is one packet
 * holding one line of space-separated words, for example "status".  Each
 * reply is one packet: the first line is "ok" or "error <message>"; after an
 * "ok" line the rest of the packet is a JSON object (which apedgectl prints
 * as is with -j, or renders as text).
 */
#ifndef APEDGE_CTRL_H
#define APEDGE_CTRL_H

#define APEDGE_CTRL_PATH "/run/apedge/apedged.sock"
#define APEDGE_CTRL_MAX 65536	/* largest request or reply packet */
/* The most words of one request the daemon takes. */
#define APEDGE_CTRL_WORDS_MAX 32

/*
 * "sta add IFNAME MAC [authorized|unauthorized] [vlan N] [prev-ap BSSID]
 * [ip ADDR]...": at most APEDGE_STA_ADD_IPS_MAX addresses, IPv4 and IPv6
 * together, so at most APEDGE_STA_ADD_WORDS_MAX words.  apedgectl refuses
 * more before it sends, the daemon when it parses: both with these.
 */
#define APEDGE_STA_ADD_IPS_MAX 8
#define APEDGE_STA_ADD_WORDS_MAX (9 + 2 * APEDGE_STA_ADD_IPS_MAX)

_Static_assert(APEDGE_STA_ADD_WORDS_MAX <= APEDGE_CTRL_WORDS_MAX,
	       "the daemon must take every sta add apedgectl sends");

#endif
