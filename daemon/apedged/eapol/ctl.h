/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket's eapol words and their JSON:
 *
 *	eapol show [dev IF]		read
 *	eapol stats [dev IF]		read
 *	eapol logoff|reauth dev IF	admin
 *
 * show: [{"ifname", "state" (the PAE's), "eap_state" (the peer's),
 * "authorized", "authorized_s" (seconds since, or null), "method" (the
 * configured one), "method_active" (or null), "identity", "peer" (the
 * authenticator's MAC, or null), "in_state_s", "reason" (of the last
 * transition), "start_count", "method_refused" (why, or null)}, ...]
 *
 * stats: [{"ifname", "state", "rx" {eap, start, logoff, key, other},
 * "tx" {start, logoff, eap}, "malformed" {eapol_short, ...},
 * "auth" {success, failure, auth_timeout, start_timeout, reauth},
 * "eap" {rx_request, ..., "discard" {...}, "malformed" {...}},
 * "rx_ignored", "send_errors"}, ...]
 *
 * Secrets (password, private_key_password) are never written.
 */
#ifndef APEDGED_EAPOL_CTL_H
#define APEDGED_EAPOL_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "eapol/eapol.h"
#include "lib/strbuf.h"

/* The words after "eapol VERB": none, or "dev IF". */
int eapol_ctl_dev(int argc, char **argv, char *ifname, size_t size,
		  char *err, size_t errlen);
/* The arrays, of every client or of ifname's; -ENOENT if none such. */
int eapol_format_show(const struct eapol *e, const char *ifname,
		      uint64_t now_ms, struct strbuf *sb);
int eapol_format_stats(const struct eapol *e, const char *ifname,
		       struct strbuf *sb);

#endif
