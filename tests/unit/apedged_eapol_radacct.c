// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of RADIUS accounting (RFC 2866): rad_put_acct() and the
 * Request Authenticator of rad_msg_finish() against byte vectors made
 * apart from the code (MD5 over Code+ID+Length+16 zeros+Attributes+the
 * secret "xyzzy5461", the secret of RFC 2865's examples), the
 * Accounting-Response's authenticator checked (forged, truncated), and
 * rad_client_account() on the virtual clock: retransmission of the same
 * packet, a forged response ignored and counted, RFC 4670's counters.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "eapol/radclient.h"
#include "eapol/radius.h"
#include "lib/json.h"
#include "lib/loop.h"
#include "lib/strbuf.h"
#include "ut.h"

static const uint8_t secret[] = "xyzzy5461";
#define SLEN (sizeof(secret) - 1)

/* Start: Status-Type, Session-Id, Authentic, User-Name, NAS-Port,
 * NAS-Port-Type, NAS-Port-Id, Calling-Station-Id, Delay-Time */
static const uint8_t start_vec[] =
	"\x04\x2a\x00\x5c\xac\xfe\x14\xab\x53\xce\x69\xd6\x2e\x1d\xdb\x26"
	"\x66\x67\xff\xfc\x28\x06\x00\x00\x00\x01\x2c\x0a\x30\x30\x30\x30"
	"\x30\x30\x32\x41\x2d\x06\x00\x00\x00\x01\x01\x07\x61\x6c\x69\x63"
	"\x65\x05\x06\x00\x00\x00\x07\x3d\x06\x00\x00\x00\x0f\x57\x06\x65"
	"\x74\x68\x31\x1f\x13\x30\x32\x2d\x30\x30\x2d\x30\x30\x2d\x30\x30"
	"\x2d\x30\x30\x2d\x30\x31\x29\x06\x00\x00\x00\x00";

/* Stop: as the Start plus Class, Event-Timestamp, Session-Time 3600,
 * Input-Gigawords 1 and Input-Octets 5 (2^32 + 5), Output-Octets 1000,
 * packets 10 and 20, Terminate-Cause User-Request */
static const uint8_t stop_vec[] =
	"\x04\x2a\x00\x91\xc3\x6a\x9b\x07\x2a\x33\x4d\x8a\x2f\xfb\xb4\x5f"
	"\x85\xec\xc6\x36\x28\x06\x00\x00\x00\x02\x2c\x0a\x30\x30\x30\x30"
	"\x30\x30\x32\x41\x2d\x06\x00\x00\x00\x01\x01\x07\x61\x6c\x69\x63"
	"\x65\x19\x05\x63\x6c\x73\x05\x06\x00\x00\x00\x07\x3d\x06\x00\x00"
	"\x00\x0f\x57\x06\x65\x74\x68\x31\x1f\x13\x30\x32\x2d\x30\x30\x2d"
	"\x30\x30\x2d\x30\x30\x2d\x30\x30\x2d\x30\x31\x37\x06\x65\x53\xf1"
	"\x00\x29\x06\x00\x00\x00\x00\x2e\x06\x00\x00\x0e\x10\x34\x06\x00"
	"\x00\x00\x01\x2a\x06\x00\x00\x00\x05\x2b\x06\x00\x00\x03\xe8\x2f"
	"\x06\x00\x00\x00\x0a\x30\x06\x00\x00\x00\x14\x31\x06\x00\x00\x00"
	"\x01";

/* The Accounting-Response to start_vec: MD5(5, 0x2a, 20, its Request
 * Authenticator, the secret) */
static const uint8_t resp_vec[] =
	"\x05\x2a\x00\x14\x4e\x51\x46\x78\xd0\xe0\x79\x97\x0d\x36\x80\x15"
	"\x99\xf3\x57\x21";

static const uint8_t cls[] = "cls";

static struct rad_acct base(uint32_t type)
{
	struct rad_acct a = {
		.status_type = type,
		.session_id = "0000002A",
		.user_name = "alice",
		.calling_station = { 2, 0, 0, 0, 0, 1 },
		.nas_port_id = "eth1",
		.nas_port = 7,
		.nas_port_type = 15,
	};
	return a;
}

static size_t build(struct rad_msg *m, const struct rad_acct *a)
{
	rad_msg_init(m, RAD_ACCOUNTING_REQUEST, 0x2a, NULL);
	if (!rad_put_acct(m, a))
		return 0;
	return rad_msg_finish(m, secret, SLEN);
}

UT_CASE(start_as_the_vector)
{
	struct rad_acct a = base(RAD_ACCT_START);
	struct rad_msg m;
	size_t n = build(&m, &a);

	UT_ASSERT(n == sizeof(start_vec) - 1);
	UT_EXPECT(!memcmp(m.buf, start_vec, n));
	UT_EXPECT(rad_verify_acct_request(m.buf, n, secret, SLEN) == RAD_OK);
	UT_EXPECT(rad_verify_acct_request(m.buf, n, (const uint8_t *)"xyzzy5462",
					  SLEN) == RAD_ERR_AUTH);
}

UT_CASE(stop_with_gigawords_as_the_vector)
{
	struct rad_acct a = base(RAD_ACCT_STOP);
	struct rad_msg m;
	size_t n;

	a.class_ = cls;
	a.class_len = 3;
	a.event_time = 1700000000;
	a.session_time = 3600;
	a.terminate_cause = RAD_TERM_USER_REQUEST;
	a.have_counters = true;
	a.in_octets = (1ull << 32) + 5;
	a.out_octets = 1000;
	a.in_packets = 10;
	a.out_packets = 20;
	n = build(&m, &a);
	UT_ASSERT(n == sizeof(stop_vec) - 1);
	UT_EXPECT(!memcmp(m.buf, stop_vec, n));
}

UT_CASE(start_has_no_time_or_counters)
{
	struct rad_acct a = base(RAD_ACCT_START);
	struct rad_attr_it it;
	struct rad_msg m;
	const uint8_t *v;
	size_t n, vl;
	uint8_t t;

	a.session_time = 99;
	a.have_counters = true;
	a.in_octets = 1;
	a.terminate_cause = 1;
	n = build(&m, &a);
	UT_ASSERT(n);
	rad_attr_first(&it, m.buf);
	while (rad_attr_next(&it, &t, &v, &vl))
		UT_EXPECT(t != RAD_A_ACCT_SESSION_TIME &&
			  t != RAD_A_ACCT_INPUT_OCTETS &&
			  t != RAD_A_ACCT_TERMINATE_CAUSE);
}

UT_CASE(bad_fields_refused)
{
	struct rad_acct a = base(RAD_ACCT_STOP);
	struct rad_msg m;
	char big[300];

	UT_EXPECT(!build(&m, &a));		/* a Stop needs its cause */
	a = base(0);
	UT_EXPECT(!build(&m, &a));
	a = base(4);
	UT_EXPECT(!build(&m, &a));
	a = base(RAD_ACCT_START);
	a.session_id = "";
	UT_EXPECT(!build(&m, &a));
	a.session_id = NULL;
	UT_EXPECT(!build(&m, &a));
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	a = base(RAD_ACCT_START);
	a.session_id = big;
	UT_EXPECT(!build(&m, &a));
	a = base(RAD_ACCT_START);
	a.class_len = 3;			/* without its octets */
	UT_EXPECT(!build(&m, &a));
	a.class_len = 254;
	a.class_ = (const uint8_t *)big;
	UT_EXPECT(!build(&m, &a));
}

UT_CASE(response_authenticator_checked)
{
	const uint8_t *req_auth = start_vec + 4;
	uint8_t p[32];
	size_t i;

	memcpy(p, resp_vec, 20);
	UT_EXPECT(rad_verify_reply(p, 20, req_auth, secret, SLEN, false) ==
		  RAD_OK);
	/* padding past Length is no part of it (RFC 2865 §3) */
	memset(p + 20, 0xee, 12);
	UT_EXPECT(rad_verify_reply(p, 32, req_auth, secret, SLEN, false) ==
		  RAD_OK);
	/* any octet changed, or another secret, or another request */
	for (i = 4; i < 20; i++) {
		memcpy(p, resp_vec, 20);
		p[i] ^= 0x01;
		UT_EXPECT(rad_verify_reply(p, 20, req_auth, secret, SLEN,
					   false) == RAD_ERR_AUTH);
	}
	memcpy(p, resp_vec, 20);
	p[1] ^= 1;
	UT_EXPECT(rad_verify_reply(p, 20, req_auth, secret, SLEN, false) ==
		  RAD_ERR_AUTH);
	UT_EXPECT(rad_verify_reply(resp_vec, 20, req_auth,
				   (const uint8_t *)"xyzzy5462", SLEN,
				   false) == RAD_ERR_AUTH);
	UT_EXPECT(rad_verify_reply(resp_vec, 20, stop_vec + 4, secret, SLEN,
				   false) == RAD_ERR_AUTH);
	/* every truncation */
	for (i = 0; i < 20; i++)
		UT_EXPECT(rad_verify_reply(resp_vec, i, req_auth, secret, SLEN,
					   false) != RAD_OK);
}

UT_CASE(interim_interval_decoded)
{
	struct rad_reply *r = calloc(1, sizeof(*r));
	uint8_t auth[16] = { 0 };
	struct rad_msg m;
	size_t n;

	UT_ASSERT(r);
	rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, auth);
	rad_put_u32(&m, RAD_A_ACCT_INTERIM_INTERVAL, 600);
	n = rad_msg_finish(&m, secret, SLEN);
	UT_ASSERT(n);
	UT_EXPECT(rad_reply_decode(m.buf, n, auth, secret, SLEN, r) == RAD_OK);
	UT_EXPECT(r->acct_interim_interval == 600);
	rad_reply_clear(r);
	rad_msg_init(&m, RAD_ACCESS_ACCEPT, 1, auth);
	rad_put(&m, RAD_A_ACCT_INTERIM_INTERVAL, "\x00\x02\x58", 3);
	n = rad_msg_finish(&m, secret, SLEN);
	UT_EXPECT(rad_reply_decode(m.buf, n, auth, secret, SLEN, r) ==
		  RAD_ERR_VALUE);
	rad_reply_clear(r);
	free(r);
}

/* ---- the client ------------------------------------------------------- */

#define MAXPKT 16
static struct {
	uint8_t pkt[RAD_MAX_LEN];
	size_t len;
} sent[MAXPKT];
static unsigned int n_sent;
static int calls;
static enum rad_result last_res;

static int fake_send(void *ctx, unsigned int server, const uint8_t *pkt,
		     size_t len)
{
	if (n_sent < MAXPKT) {
		memcpy(sent[n_sent].pkt, pkt, len);
		sent[n_sent].len = len;
		n_sent++;
	}
	return 0;
}

static const struct rad_client_ops ops = { .send = fake_send };

static void on_result(void *user, enum rad_result res,
		      const struct rad_reply *r)
{
	calls++;
	last_res = res;
}

/* The Accounting-Response to sent packet k, with that secret. */
static size_t response(uint8_t *out, unsigned int k, uint8_t code,
		       const char *sec)
{
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	unsigned int dl;

	out[0] = code;
	out[1] = sent[k].pkt[1];
	out[2] = 0;
	out[3] = 20;
	memcpy(out + 4, sent[k].pkt + 4, 16);
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, out, 20);
	EVP_DigestUpdate(x, sec, strlen(sec));
	EVP_DigestFinal_ex(x, out + 4, &dl);
	EVP_MD_CTX_free(x);
	return 20;
}

static bool has(unsigned int k, uint8_t type)
{
	struct rad_attr_it it;
	const uint8_t *v;
	size_t vl;
	uint8_t t;

	rad_attr_first(&it, sent[k].pkt);
	while (rad_attr_next(&it, &t, &v, &vl))
		if (t == type)
			return true;
	return false;
}

UT_CASE(client_sends_retransmits_and_checks)
{
	struct rad_client_cfg cfg = { .n_servers = 1, .accounting = true };
	struct rad_acct a = base(RAD_ACCT_START);
	const struct rad_server_stats *st;
	struct rad_client *c;
	struct loop *l;
	struct strbuf sb;
	struct json j;
	uint8_t r[20];

	n_sent = 0;
	calls = 0;
	loop_clock_virtual(1000000);
	l = loop_new();
	UT_ASSERT(l);
	strcpy(cfg.server[0].name, "192.0.2.1:1813");
	memcpy(cfg.server[0].secret, secret, SLEN);
	cfg.server[0].secret_len = SLEN;
	strcpy(cfg.nas_identifier, "ap1");
	c = rad_client_new(l, &cfg, &ops, NULL);
	UT_ASSERT(c);
	UT_ASSERT(rad_client_account(c, &a, on_result, NULL) > 0);
	UT_ASSERT(n_sent == 1);
	UT_EXPECT(sent[0].pkt[0] == RAD_ACCOUNTING_REQUEST);
	UT_EXPECT(rad_verify_acct_request(sent[0].pkt, sent[0].len, secret,
					  SLEN) == RAD_OK);
	UT_EXPECT(has(0, RAD_A_NAS_IDENTIFIER));
	UT_EXPECT(!has(0, RAD_A_MESSAGE_AUTHENTICATOR));
	/* retransmitted as it was after 2 s */
	loop_clock_advance(l, 1999);
	UT_EXPECT(n_sent == 1);
	loop_clock_advance(l, 1);
	UT_ASSERT(n_sent == 2);
	UT_EXPECT(sent[1].len == sent[0].len &&
		  !memcmp(sent[1].pkt, sent[0].pkt, sent[0].len));
	/* a response with another secret: dropped and counted */
	rad_client_input(c, 0, r, response(r, 0, RAD_ACCOUNTING_RESPONSE,
					   "not-the-secret"));
	st = rad_client_stats(c, 0);
	UT_EXPECT(calls == 0 && st->bad_authenticators == 1);
	/* an Access-Accept is no answer to an Accounting-Request */
	rad_client_input(c, 0, r, response(r, 0, RAD_ACCESS_ACCEPT,
					   (const char *)secret));
	UT_EXPECT(calls == 0 && st->unknown_types == 1);
	/* the right one */
	rad_client_input(c, 0, r, response(r, 0, RAD_ACCOUNTING_RESPONSE,
					   (const char *)secret));
	UT_EXPECT(calls == 1 && last_res == RAD_ACCEPT);
	UT_EXPECT(st->acct_requests == 1 && st->acct_responses == 1 &&
		  st->retransmissions == 1 && st->access_requests == 0 &&
		  st->pending_requests == 0);
	/* and once only */
	rad_client_input(c, 0, r, 20);
	UT_EXPECT(calls == 1 && st->packets_dropped == 1);
	sb_init(&sb);
	json_init(&j, &sb, JSON_COMPACT);
	rad_client_json(c, &j);
	UT_EXPECT(strstr(sb_str(&sb), "\"requests\":1"));
	UT_EXPECT(strstr(sb_str(&sb), "\"responses\":1"));
	UT_EXPECT(!strstr(sb_str(&sb), "access_requests"));
	sb_free(&sb);
	/* an Accounting-Request that cannot be built */
	a.session_id = NULL;
	UT_EXPECT(rad_client_account(c, &a, on_result, NULL) == -EINVAL);
	rad_client_free(c);
	loop_free(l);
	loop_clock_real();
}

UT_MAIN("eapol_radacct",
	UT_ENTRY(start_as_the_vector),
	UT_ENTRY(stop_with_gigawords_as_the_vector),
	UT_ENTRY(start_has_no_time_or_counters),
	UT_ENTRY(bad_fields_refused),
	UT_ENTRY(response_authenticator_checked),
	UT_ENTRY(interim_interval_decoded),
	UT_ENTRY(client_sends_retransmits_and_checks),
)
