/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reconfigure key (RFC 8415 §20.4): the HMAC-MD5 a server puts in
 * the Auth option of a RECONFIGURE, and a client checks, with the key
 * the server gave the client in its REPLY.  Pure: bytes in, bytes out;
 * the HMAC comes from OpenSSL.
 *
 * The HMAC is computed over the whole message as it is sent, with the
 * 16 bytes of the HMAC itself (after the Auth option's information type,
 * DHCP6_RECONF_HMAC) taken as zero.
 *
 * Keys are secrets: the caller keeps them in memory it cleanses on free
 * and never logs them; the comparison here is in constant time.
 */
#ifndef APEDGED_DHCP6_AUTH_H
#define APEDGED_DHCP6_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6/wire.h"

/*
 * Write the HMAC into a message built with an Auth option of protocol 3
 * and information type DHCP6_RECONF_HMAC (its 16 bytes anything): 0, or
 * -EINVAL when the message does not parse or has no such option, -EIO
 * when OpenSSL fails.
 */
int dhcp6_reconf_sign(uint8_t *buf, size_t len,
		      const uint8_t key[DHCP6_RECONF_KEY_LEN]);

/*
 * Does the HMAC in a parsed message (m from dhcp6_msg_parse(buf, len))
 * match key?  false also when it has no Auth option of protocol 3 with
 * an HMAC.
 */
bool dhcp6_reconf_verify(const uint8_t *buf, size_t len,
			 const struct dhcp6_msg *m,
			 const uint8_t key[DHCP6_RECONF_KEY_LEN]);

#endif
