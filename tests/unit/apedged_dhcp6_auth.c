// SPDX-License-Identifier: GPL-2.0
/*
 * dhcp6/auth.c: the reconfigure key's HMAC-MD5 (RFC 8415 §20.4).  The
 * expected HMAC was computed apart, with Python's hmac module, over the
 * same RECONFIGURE with its 16 HMAC bytes zero:
 *
 *   hmac.new(bytes(range(16)), msg, hashlib.md5).hexdigest()
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/auth.h"
#include "ut.h"

static size_t hex(uint8_t *out, const char *s)
{
	size_t n = 0;

	while (*s) {
		unsigned int v;

		if (*s == ' ') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

/* A RECONFIGURE (RENEW) with an Auth option: protocol 3, HMAC-MD5, RDM
 * 0, replay 1, type 2 (HMAC), 16 zero bytes at offset 61. */
static const char reconf_hex[] =
	"0a000000 0001000e0001000132a1564d525400123456"
	"0002000e0001000132a1564c26794bc1983d 0013000105"
	"000b001c 030100 0000000000000001 02 00000000000000000000000000000000";
static const char want_hex[] = "c8b3e4ecbc0819c7bbccf1357e1e987c";
static const uint8_t key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				 13, 14, 15 };

UT_CASE(sign_and_verify)
{
	uint8_t b[256], want[16], other[16];
	struct dhcp6_msg m;
	size_t n = hex(b, reconf_hex), i;

	UT_ASSERT(n == 77);
	hex(want, want_hex);
	UT_ASSERT(dhcp6_reconf_sign(b, n, key) == 0);
	UT_EXPECT(!memcmp(b + 61, want, 16));
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(dhcp6_reconf_verify(b, n, &m, key));
	/* signing again gives the same: the HMAC field is taken as zero */
	UT_ASSERT(dhcp6_reconf_sign(b, n, key) == 0);
	UT_EXPECT(!memcmp(b + 61, want, 16));
	/* another key; any byte of the message changed */
	memcpy(other, key, 16);
	other[15] ^= 1;
	UT_EXPECT(!dhcp6_reconf_verify(b, n, &m, other));
	for (i = 0; i < n; i++) {
		b[i] ^= 0x01;
		UT_EXPECT(!dhcp6_reconf_verify(b, n, &m, key));
		b[i] ^= 0x01;
	}
	UT_EXPECT(dhcp6_reconf_verify(b, n, &m, key));
}

UT_CASE(refusals)
{
	uint8_t b[256];
	struct dhcp6_msg m;
	size_t n = hex(b, reconf_hex);

	/* information type 1 (a key, not an HMAC) */
	b[60] = DHCP6_RECONF_KEY;
	UT_EXPECT(dhcp6_reconf_sign(b, n, key) == -EINVAL);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(!dhcp6_reconf_verify(b, n, &m, key));
	/* another protocol: its information is opaque, not ours */
	b[60] = DHCP6_RECONF_HMAC;
	b[49] = 2;
	UT_EXPECT(dhcp6_reconf_sign(b, n, key) == -EINVAL);
	/* not a message; no Auth option */
	UT_EXPECT(dhcp6_reconf_sign(b, 3, key) == -EINVAL);
	n = hex(b, "07000000 0002000e0001000132a1564c26794bc1983d");
	UT_EXPECT(dhcp6_reconf_sign(b, n, key) == -EINVAL);
	UT_ASSERT(dhcp6_msg_parse(b, n, &m) == DHCP6_OK);
	UT_EXPECT(!dhcp6_reconf_verify(b, n, &m, key));
}

UT_MAIN("apedged_dhcp6_auth",
	UT_ENTRY(sign_and_verify),
	UT_ENTRY(refusals))
