/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket between apedged and apedgectl: its protocol, and the
 * client's reassembly of a reply (pure).
 *
 * Unix SOCK_SEQPACKET sockets: the admin socket (default APEDGE_CTRL_PATH,
 * settable in the daemon's config and with apedgectl -s) and the
 * read-only one beside it (APEDGE_CTRL_RO_PATH).  Each request is one
 * packet holding one line of space-separated words, for example "status",
 * of at most APEDGE_CTRL_MAX bytes.  Each reply is one of:
 *
 *	"ok\n" JSON "\n"	one packet, when it fits in APEDGE_CTRL_MAX
 *	"error MESSAGE\n"	one packet
 *	"ok LENGTH\n" ...	a reply in parts: LENGTH (decimal, no leading
 *				zero, at most APEDGE_CTRL_REPLY_MAX) is the
 *				number of bytes of JSON and newline that
 *				follow, in the rest of this packet and in
 *				as many more as it takes, each at most
 *				APEDGE_CTRL_MAX bytes and holding nothing
 *				else
 *
 * After "ok" the JSON object is what apedgectl prints as is with -j, or
 * renders as text.  The request "monitor" is answered "ok\n{...}\n"; then
 * each packet the daemon sends on that connection is one event, a JSON
 * object and a newline, until either side closes it.
 */
#ifndef APEDGE_CTRL_H
#define APEDGE_CTRL_H

#include <stdbool.h>
#include <stddef.h>

#define APEDGE_CTRL_PATH "/run/apedge/apedged.sock"
#define APEDGE_CTRL_RO_PATH "/run/apedge/apedged.ro.sock"
#define APEDGE_CTRL_MAX 65536	/* largest request, and packet of a reply */
#define APEDGE_CTRL_REPLY_MAX (16u << 20)	/* largest reply, all parts */
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

/*
 * The read-only socket's path for an admin socket's path: its ".sock"
 * ending becomes ".ro.sock" (else ".ro" is appended).  0, or -ENAMETOOLONG
 * when it does not fit in size bytes.
 */
int ctrl_ro_path(const char *path, char *out, size_t size);

/* A reply being reassembled from its packets. */
struct ctrl_rx {
	char *buf;	/* the reply so far, NUL-terminated */
	size_t len;
	size_t want;	/* its length once known */
	size_t max;	/* the longest JSON (or error) accepted */
	bool started;
};

/* Accept replies of at most max bytes after "ok" (at most
 * APEDGE_CTRL_REPLY_MAX, as the daemon sends). */
void ctrl_rx_init(struct ctrl_rx *rx, size_t max);
void ctrl_rx_free(struct ctrl_rx *rx);

/*
 * Take the next packet of a reply: 1 when the reply is whole, 0 when more
 * parts are to come, -EPROTO for one that breaks the protocol (a NUL, an
 * empty or over-long part, a bad first line), -EMSGSIZE for one longer
 * than max (known from its first packet), -ENOMEM.  A whole reply is left in rx->buf as if it had come
 * in one packet: "ok\n" and the JSON, or "error ...".
 */
int ctrl_rx_feed(struct ctrl_rx *rx, const void *pkt, size_t n);

#endif
