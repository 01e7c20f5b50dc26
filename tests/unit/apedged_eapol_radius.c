// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of eapol/radius.c, the RADIUS codec.
 *
 * Vectors: the Access-Request and Access-Accept of RFC 2865 §7.1 (secret
 * "xyzzy5461", User-Password "arctangent"); and two made for these tests
 * with Python's hashlib and hmac (an implementation other than ours) with
 * the secret "apedge-test-secret": an Access-Accept carrying an
 * EAP-Message, Session-Timeout, Termination-Action, tagged Tunnel
 * attributes for VLAN 42, a Reply-Message, MS-MPPE-Recv/Send-Key (keys
 * 0x40..0x5f and 0x60..0x7f, salts 8001 and 8002) and a
 * Message-Authenticator, answering the Request Authenticator 10..1f; and
 * an Accounting-Request (Start, Acct-Session-Id "sess-0001").
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "eapol/radius.h"
#include "lib/bytes.h"
#include "ut.h"

static const char rfc_req[] =
	"01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb"
	"98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d"
	"93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8"
	"01 10 05 06 00 00 00 03";
static const char rfc_accept[] =
	"02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf"
	"9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00"
	"0e 06 c0 a8 01 03";
static const char py_accept[] =
	"020900cbf0119975c695ae8fb87c6a17a000ab770105626f624f06030700041b"
	"0600000e101d060000000140060100000d4106010000065105013432120977656c"
	"636f6d651a3a00000137113480011a2fc7f965bdac39e58ef54564fc159a3dad70"
	"31b29ac44f04ee8cf7a2b6628315800e0cc58e0b154854ff38074f63751a3a0000"
	"013710348002def5dfe4971ec4cd99974cb12a4af66082cefd1a4744174da9f66e"
	"c6e2b01dc3946f3e00589d8748ae0d4da04bf1223a501270241c5b700d1c0c0922"
	"8412f0f264be";
static const char py_acct[] =
	"0405002a67fee5052af0cc339c712f79aaa9d3d90105626f622806000000012c"
	"0b736573732d30303031";

static const uint8_t xyzzy[] = "xyzzy5461";
#define XYZZY_LEN 9
static const uint8_t psec[] = "apedge-test-secret";
#define PSEC_LEN 18

static void py_req_auth(uint8_t ra[16])
{
	int i;

	for (i = 0; i < 16; i++)
		ra[i] = (uint8_t)(0x10 + i);
}

UT_CASE(rfc2865_access_request_built)
{
	uint8_t want[128], ra[16];
	struct rad_msg m;
	size_t n = ut_hex(want, rfc_req), len;
	const uint8_t ip[4] = { 192, 168, 1, 16 };

	memcpy(ra, want + 4, 16);
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 0, ra);
	rad_put_str(&m, RAD_A_USER_NAME, "nemo");
	rad_put_password(&m, "arctangent", xyzzy, XYZZY_LEN);
	rad_put(&m, RAD_A_NAS_IP_ADDRESS, ip, 4);
	rad_put_u32(&m, RAD_A_NAS_PORT, 3);
	len = rad_msg_finish(&m, xyzzy, XYZZY_LEN);
	UT_ASSERT(len == n);
	UT_EXPECT(!memcmp(m.buf, want, n));
}

UT_CASE(rfc2865_access_accept_verified)
{
	uint8_t req[128], pkt[128];
	struct rad_reply *r = malloc(sizeof(*r));
	size_t n;

	UT_ASSERT(r);
	ut_hex(req, rfc_req);
	n = ut_hex(pkt, rfc_accept);
	UT_EXPECT(rad_verify_reply(pkt, n, req + 4, xyzzy, XYZZY_LEN,
				   false) == RAD_OK);
	/* RFC 3579 §3.2: without Message-Authenticator, refused */
	UT_EXPECT(rad_verify_reply(pkt, n, req + 4, xyzzy, XYZZY_LEN,
				   true) == RAD_ERR_NO_MSGAUTH);
	/* another request's authenticator, another secret */
	req[4] ^= 1;
	UT_EXPECT(rad_verify_reply(pkt, n, req + 4, xyzzy, XYZZY_LEN,
				   false) == RAD_ERR_AUTH);
	req[4] ^= 1;
	UT_EXPECT(rad_verify_reply(pkt, n, req + 4, psec, PSEC_LEN,
				   false) == RAD_ERR_AUTH);
	UT_EXPECT(rad_reply_decode(pkt, n, req + 4, xyzzy, XYZZY_LEN, r) ==
		  RAD_OK);
	UT_EXPECT(r->code == RAD_ACCESS_ACCEPT && !r->eap && !r->vlan &&
		  r->termination_action == -1 && !r->have_msk);
	free(r);
}

UT_CASE(python_accept_decoded)
{
	uint8_t pkt[512], ra[16], want[64];
	struct rad_reply *r = malloc(sizeof(*r));
	size_t n = ut_hex(pkt, py_accept);
	int i;

	UT_ASSERT(r);
	py_req_auth(ra);
	UT_ASSERT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_OK);
	UT_ASSERT(rad_reply_decode(pkt, n, ra, psec, PSEC_LEN, r) == RAD_OK);
	UT_EXPECT(r->code == RAD_ACCESS_ACCEPT);
	UT_EXPECT(r->eap_len == 4 && r->eap && r->eap[0] == 3 &&
		  r->eap[1] == 7);
	UT_EXPECT(r->session_timeout == 3600);
	UT_EXPECT(r->termination_action == 1);
	UT_EXPECT(r->vlan == 42);
	UT_EXPECT_STR(r->reply_message, "welcome");
	for (i = 0; i < 64; i++)
		want[i] = (uint8_t)(0x40 + i);
	UT_EXPECT(r->have_msk && !memcmp(r->msk, want, 64));
	rad_reply_clear(r);
	UT_EXPECT(!r->have_msk && r->msk[0] == 0);
	free(r);
}

UT_CASE(message_authenticator_checked_first)
{
	uint8_t pkt[512], ra[16];
	size_t n = ut_hex(pkt, py_accept), i;

	py_req_auth(ra);
	/* a changed attribute: the HMAC fails before the authenticator */
	pkt[24] ^= 0x20;
	UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_MSGAUTH);
	pkt[24] ^= 0x20;
	/* the Message-Authenticator itself */
	pkt[n - 1] ^= 1;
	UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_MSGAUTH);
	pkt[n - 1] ^= 1;
	/* the Response Authenticator is not in the HMAC: caught next */
	pkt[4] ^= 1;
	UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_AUTH);
	pkt[4] ^= 1;
	/* a wrong secret, a wrong request */
	UT_EXPECT(rad_verify_reply(pkt, n, ra, xyzzy, XYZZY_LEN, true) ==
		  RAD_ERR_MSGAUTH);
	ra[15] ^= 1;
	UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_MSGAUTH);
	ra[15] ^= 1;
	/* any single bit anywhere: refused */
	for (i = 0; i < n * 8; i++) {
		pkt[i / 8] ^= (uint8_t)(1 << (i % 8));
		UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN,
					   true) != RAD_OK);
		pkt[i / 8] ^= (uint8_t)(1 << (i % 8));
	}
	UT_EXPECT(rad_verify_reply(pkt, n, ra, psec, PSEC_LEN, true) ==
		  RAD_OK);
}

UT_CASE(every_truncation_refused)
{
	uint8_t pkt[512], cut[512], ra[16];
	struct rad_reply *r = malloc(sizeof(*r));
	size_t n = ut_hex(pkt, py_accept), i;

	UT_ASSERT(r);
	py_req_auth(ra);
	for (i = 0; i < n; i++) {
		/* fewer octets than Length */
		UT_EXPECT(rad_verify_reply(pkt, i, ra, psec, PSEC_LEN,
					   true) != RAD_OK);
		UT_EXPECT(rad_reply_decode(pkt, i, ra, psec, PSEC_LEN, r) !=
			  RAD_OK);
		/* and a Length that says so: the last attribute is cut */
		if (i < RAD_HDR_LEN)
			continue;
		memcpy(cut, pkt, i);
		put_be16(cut + 2, (uint16_t)i);
		UT_EXPECT(rad_verify_reply(cut, i, ra, psec, PSEC_LEN,
					   true) != RAD_OK);
	}
	/* padding after Length is ignored */
	memset(pkt + n, 0xee, 8);
	UT_EXPECT(rad_verify_reply(pkt, n + 8, ra, psec, PSEC_LEN, true) ==
		  RAD_OK);
	free(r);
}

UT_CASE(header_checks)
{
	uint8_t pkt[RAD_MAX_LEN + 8];
	size_t n;

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 2;
	put_be16(pkt + 2, 19);
	n = 20;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_LENGTH);
	put_be16(pkt + 2, RAD_MAX_LEN + 1);
	n = sizeof(pkt);
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_LENGTH);
	put_be16(pkt + 2, 30);
	n = 29;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_SHORT);
	n = 19;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_SHORT);
	/* an attribute of length 1, 0, one past the end, a lone octet */
	put_be16(pkt + 2, 24);
	pkt[20] = 1;
	pkt[21] = 1;
	n = 24;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_ATTR);
	pkt[21] = 0;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_ATTR);
	pkt[21] = 5;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_ATTR);
	pkt[21] = 4;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_OK);
	put_be16(pkt + 2, 25);
	n = 25;
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_ERR_ATTR);
	/* the biggest: 4096 octets of 2-octet attributes */
	put_be16(pkt + 2, RAD_MAX_LEN);
	for (n = 20; n < RAD_MAX_LEN; n += 2) {
		pkt[n] = 200;
		pkt[n + 1] = 2;
	}
	n = sizeof(pkt);
	UT_EXPECT(rad_check_header(pkt, &n) == RAD_OK && n == RAD_MAX_LEN);
}

/* A reply to ra signed with the secret: Message-Authenticator (unless
 * no_ma) and Response Authenticator; the attributes come from m. */
static size_t sign_reply(struct rad_msg *m, const uint8_t ra[16],
			 const uint8_t *s, size_t slen, bool no_ma)
{
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	unsigned int k;
	size_t n;

	if (!no_ma)
		rad_put_msgauth(m);
	n = rad_msg_finish(m, s, slen);
	if (!n || !x)
		return 0;
	memcpy(m->buf + 4, ra, 16);
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, m->buf, n);
	EVP_DigestUpdate(x, s, slen);
	EVP_DigestFinal_ex(x, m->buf + 4, &k);
	EVP_MD_CTX_free(x);
	return n;
}

static int vlan_of(const uint8_t *tt, const uint8_t *mt, const char *grp,
		   size_t glen)
{
	struct rad_reply *r = malloc(sizeof(*r));
	uint8_t ra[16];
	struct rad_msg m;
	size_t n;
	int v = -1;

	py_req_auth(ra);
	rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, ra);
	if (tt)
		rad_put(&m, RAD_A_TUNNEL_TYPE, tt, 4);
	if (mt)
		rad_put(&m, RAD_A_TUNNEL_MEDIUM_TYPE, mt, 4);
	if (grp)
		rad_put(&m, RAD_A_TUNNEL_PRIVATE_GROUP_ID, grp, glen);
	n = sign_reply(&m, ra, psec, PSEC_LEN, false);
	if (r && n && rad_verify_reply(m.buf, n, ra, psec, PSEC_LEN, true) ==
	    RAD_OK && rad_reply_decode(m.buf, n, ra, psec, PSEC_LEN, r) ==
	    RAD_OK)
		v = r->vlan;
	free(r);
	return v;
}

UT_CASE(tunnel_tags)
{
	const uint8_t t0[4] = { 0, 0, 0, 13 }, m0[4] = { 0, 0, 0, 6 };
	const uint8_t t2[4] = { 2, 0, 0, 13 }, m2[4] = { 2, 0, 0, 6 };
	const uint8_t gre[4] = { 0, 0, 0, 10 }, bad[4] = { 0x20, 0, 0, 13 };

	/* untagged: what freeradius sends for a users-file VLAN */
	UT_EXPECT(vlan_of(t0, m0, "100", 3) == 100);
	UT_EXPECT(vlan_of(t2, m2, "\x02" "4094", 5) == 4094);
	/* the group of another tag than the VLAN type's */
	UT_EXPECT(vlan_of(t2, m2, "\x01" "7", 2) == 0);
	/* not a VLAN tunnel, no medium, no group */
	UT_EXPECT(vlan_of(gre, m0, "7", 1) == 0);
	UT_EXPECT(vlan_of(t0, NULL, "7", 1) == 0);
	UT_EXPECT(vlan_of(t0, m0, NULL, 0) == 0);
	/* a bad tag, a bad VLAN: the reply is refused */
	UT_EXPECT(vlan_of(bad, m0, "7", 1) == -1);
	UT_EXPECT(vlan_of(t0, m0, "4095", 4) == -1);
	UT_EXPECT(vlan_of(t0, m0, "0", 1) == -1);
	UT_EXPECT(vlan_of(t0, m0, "012", 3) == -1);
	UT_EXPECT(vlan_of(t0, m0, "12a", 3) == -1);
	UT_EXPECT(vlan_of(t0, m0, "-1", 2) == -1);
	UT_EXPECT(vlan_of(t0, m0, "\x05", 1) == -1);
}

static size_t count_attr(const uint8_t *pkt, uint8_t want)
{
	struct rad_attr_it it;
	const uint8_t *v;
	size_t n, k = 0;
	uint8_t t;

	rad_attr_first(&it, pkt);
	while (rad_attr_next(&it, &t, &v, &n))
		k += t == want;
	return k;
}

UT_CASE(eap_message_split_and_joined)
{
	static const size_t sizes[] = { 1, 252, 253, 254, 506, 507, 4000 };
	static const size_t attrs[] = { 1, 1, 1, 2, 2, 3, 16 };
	struct rad_reply *r = malloc(sizeof(*r));
	uint8_t eap[4000], ra[16] = { 1 };
	struct rad_msg m;
	size_t i, j, n;

	UT_ASSERT(r);
	for (j = 0; j < sizeof(eap); j++)
		eap[j] = (uint8_t)(j * 7);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, ra);
		rad_put_split(&m, RAD_A_EAP_MESSAGE, eap, sizes[i]);
		n = sign_reply(&m, ra, psec, PSEC_LEN, false);
		UT_ASSERT(n);
		UT_EXPECT(count_attr(m.buf, RAD_A_EAP_MESSAGE) == attrs[i]);
		UT_ASSERT(rad_verify_reply(m.buf, n, ra, psec, PSEC_LEN,
					   true) == RAD_OK);
		UT_ASSERT(rad_reply_decode(m.buf, n, ra, psec, PSEC_LEN, r) ==
			  RAD_OK);
		UT_EXPECT(r->eap_len == sizes[i] &&
			  !memcmp(r->eap, eap, sizes[i]));
	}
	/* more than a packet holds: the build refuses */
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_split(&m, RAD_A_EAP_MESSAGE, eap, 4000);
	rad_put_split(&m, RAD_A_EAP_MESSAGE, eap, 100);
	UT_EXPECT(m.err && rad_msg_finish(&m, psec, PSEC_LEN) == 0);
	free(r);
}

UT_CASE(password_hiding)
{
	uint8_t ra[16] = { 9 }, b[16];
	char pw[130];
	struct rad_msg m;
	EVP_MD_CTX *x;
	unsigned int k;
	size_t n;

	/* empty: one block of padding, XOR b1 */
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_password(&m, "", xyzzy, XYZZY_LEN);
	n = rad_msg_finish(&m, xyzzy, XYZZY_LEN);
	UT_ASSERT(n == 20 + 18);
	x = EVP_MD_CTX_new();
	UT_ASSERT(x);
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, xyzzy, XYZZY_LEN);
	EVP_DigestUpdate(x, ra, 16);
	EVP_DigestFinal_ex(x, b, &k);
	EVP_MD_CTX_free(x);
	UT_EXPECT(!memcmp(m.buf + 22, b, 16));
	/* 16 -> 16, 17 -> 32, 128 -> 128, 129 refused */
	memset(pw, 'p', sizeof(pw));
	pw[16] = 0;
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_password(&m, pw, xyzzy, XYZZY_LEN);
	UT_EXPECT(m.len == 20 + 18);
	pw[16] = 'p';
	pw[17] = 0;
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_password(&m, pw, xyzzy, XYZZY_LEN);
	UT_EXPECT(m.len == 20 + 34);
	memset(pw, 'p', sizeof(pw));
	pw[128] = 0;
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_password(&m, pw, xyzzy, XYZZY_LEN);
	UT_EXPECT(!m.err && m.len == 20 + 130);
	pw[128] = 'p';
	pw[129] = 0;
	rad_msg_init(&m, RAD_ACCESS_REQUEST, 1, ra);
	rad_put_password(&m, pw, xyzzy, XYZZY_LEN);
	UT_EXPECT(m.err);
}

UT_CASE(accounting_request)
{
	uint8_t want[128], pkt[128];
	struct rad_msg m;
	size_t n = ut_hex(want, py_acct), len;

	rad_msg_init(&m, RAD_ACCOUNTING_REQUEST, 5, NULL);
	rad_put_str(&m, RAD_A_USER_NAME, "bob");
	rad_put_u32(&m, RAD_A_ACCT_STATUS_TYPE, RAD_ACCT_START);
	rad_put_str(&m, RAD_A_ACCT_SESSION_ID, "sess-0001");
	len = rad_msg_finish(&m, psec, PSEC_LEN);
	UT_ASSERT(len == n);
	UT_EXPECT(!memcmp(m.buf, want, n));
	UT_EXPECT(rad_verify_acct_request(m.buf, len, psec, PSEC_LEN) ==
		  RAD_OK);
	memcpy(pkt, want, n);
	pkt[n - 1] ^= 1;
	UT_EXPECT(rad_verify_acct_request(pkt, n, psec, PSEC_LEN) ==
		  RAD_ERR_AUTH);
	/* with a Message-Authenticator (RFC 3579 §3.2: zeroed authenticator) */
	rad_msg_init(&m, RAD_ACCOUNTING_REQUEST, 6, NULL);
	rad_put_u32(&m, RAD_A_ACCT_STATUS_TYPE, RAD_ACCT_STOP);
	rad_put_u32(&m, RAD_A_ACCT_SESSION_TIME, 60);
	rad_put_msgauth(&m);
	len = rad_msg_finish(&m, psec, PSEC_LEN);
	UT_ASSERT(len);
	UT_EXPECT(rad_verify_acct_request(m.buf, len, psec, PSEC_LEN) ==
		  RAD_OK);
	m.buf[len - 3] ^= 1;
	UT_EXPECT(rad_verify_acct_request(m.buf, len, psec, PSEC_LEN) ==
		  RAD_ERR_MSGAUTH);
}

UT_CASE(repeated_or_short_message_authenticator)
{
	uint8_t ra[16] = { 3 }, z[15] = { 0 };
	struct rad_msg m;
	size_t n;

	rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, ra);
	rad_put_msgauth(&m);
	n = sign_reply(&m, ra, psec, PSEC_LEN, false);
	UT_EXPECT(rad_verify_reply(m.buf, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_MSGAUTH);
	rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, ra);
	rad_put(&m, RAD_A_MESSAGE_AUTHENTICATOR, z, sizeof(z));
	n = sign_reply(&m, ra, psec, PSEC_LEN, true);
	UT_EXPECT(rad_verify_reply(m.buf, n, ra, psec, PSEC_LEN, true) ==
		  RAD_ERR_MSGAUTH);
}

UT_CASE(mppe_malformed)
{
	uint8_t pkt[512], ra[16], key[64], v[50];
	size_t n = ut_hex(pkt, py_accept);

	py_req_auth(ra);
	/* the Recv-Key's value: Salt and String (1 + 32 padded to 48) */
	memcpy(v, pkt + 20 + 5 + 6 + 6 + 6 + 6 + 6 + 5 + 9 + 8, 50);
	UT_ASSERT(v[0] == 0x80 && v[1] == 0x01);
	UT_EXPECT(rad_mppe_decrypt(v, 50, ra, psec, PSEC_LEN, key, 64) == 32);
	UT_EXPECT(key[0] == 0x40 && key[31] == 0x5f);
	/* Salt without its high bit, a String not of 16s, too short */
	v[0] = 0x01;
	UT_EXPECT(rad_mppe_decrypt(v, 50, ra, psec, PSEC_LEN, key, 64) < 0);
	v[0] = 0x80;
	UT_EXPECT(rad_mppe_decrypt(v, 49, ra, psec, PSEC_LEN, key, 64) < 0);
	UT_EXPECT(rad_mppe_decrypt(v, 2, ra, psec, PSEC_LEN, key, 64) < 0);
	/* a key longer than the room for it */
	UT_EXPECT(rad_mppe_decrypt(v, 50, ra, psec, PSEC_LEN, key, 16) < 0);
	(void)n;
}

UT_CASE(names)
{
	int e;

	for (e = 0; e < RAD_ERR_COUNT; e++)
		UT_EXPECT(strcmp(rad_err_name(e), "?"));
	UT_EXPECT_STR(rad_err_name(RAD_ERR_COUNT), "?");
	UT_EXPECT_STR(rad_code_name(11), "Access-Challenge");
	UT_EXPECT_STR(rad_code_name(99), "?");
}

UT_MAIN("eapol_radius",
	UT_ENTRY(rfc2865_access_request_built),
	UT_ENTRY(rfc2865_access_accept_verified),
	UT_ENTRY(python_accept_decoded),
	UT_ENTRY(message_authenticator_checked_first),
	UT_ENTRY(every_truncation_refused),
	UT_ENTRY(header_checks),
	UT_ENTRY(tunnel_tags),
	UT_ENTRY(eap_message_split_and_joined),
	UT_ENTRY(password_hiding),
	UT_ENTRY(accounting_request),
	UT_ENTRY(repeated_or_short_message_authenticator),
	UT_ENTRY(mppe_malformed),
	UT_ENTRY(names),
)
