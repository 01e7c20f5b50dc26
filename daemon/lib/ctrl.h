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

#endif
