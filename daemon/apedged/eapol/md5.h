/* SPDX-License-Identifier: GPL-2.0 */
/* EAP-MD5-Challenge (RFC 3748 §5.4): the computation, for the tests. */
#ifndef APEDGED_EAPOL_MD5_H
#define APEDGED_EAPOL_MD5_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EAP_MD5_LEN 16

/* MD5(id || secret || chal) (RFC 1994 §4.1); false on a library failure */
bool eap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
		      const uint8_t *chal, size_t chal_len,
		      uint8_t out[EAP_MD5_LEN]);

#endif
