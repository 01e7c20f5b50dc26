// SPDX-License-Identifier: GPL-2.0
/*
 * The EAPOL and EAP codecs (eapol/wire.c) and EAP-MD5 (eapol/md5.c):
 * byte vectors, every truncation, build and parse round trips.
 */
#include <string.h>

#include "ut.h"
#include "eapol/md5.h"
#include "eapol/method.h"
#include "eapol/wire.h"

/* EAPOL-Packet v2 holding a Request/Identity, id 1, with Ethernet padding */
static const char req_identity[] =
	"02 00 0005 01 01 0005 01 00000000000000000000";

UT_CASE(eapol_packet)
{
	uint8_t b[64];
	size_t n = ut_hex(b, req_identity);
	struct eapol_frame f;
	struct eap_pkt p;

	UT_ASSERT(eapol_parse(b, n, &f) == EAPOL_OK);
	UT_EXPECT(f.version == 2 && f.type == EAPOL_EAP && f.body_len == 5);
	UT_ASSERT(eap_parse(f.body, f.body_len, &p) == EAPOL_OK);
	UT_EXPECT(p.code == EAP_CODE_REQUEST && p.id == 1 && p.len == 5);
	UT_EXPECT(p.type == EAP_TYPE_IDENTITY && p.data_len == 0);
}

UT_CASE(eapol_start_logoff)
{
	uint8_t b[8];
	size_t n = ut_hex(b, "01 01 0000");
	struct eapol_frame f;

	UT_ASSERT(eapol_parse(b, n, &f) == EAPOL_OK);
	UT_EXPECT(f.version == 1 && f.type == EAPOL_START && f.body_len == 0);
	n = ut_hex(b, "03 02 0000");
	UT_ASSERT(eapol_parse(b, n, &f) == EAPOL_OK);
	UT_EXPECT(f.version == 3 && f.type == EAPOL_LOGOFF);
	n = ut_hex(b, "00 02 0000");
	UT_EXPECT(eapol_parse(b, n, &f) == EAPOL_ERR_VERSION);
}

/* Every prefix of a frame is refused with the right reason. */
UT_CASE(eapol_truncations)
{
	uint8_t b[64];
	size_t n = ut_hex(b, "02 00 0005 01 01 0005 01");
	struct eapol_frame f;

	for (size_t i = 0; i < n; i++) {
		enum eapol_err e = eapol_parse(b, i, &f);

		UT_EXPECT(e == (i < 4 ? EAPOL_ERR_SHORT : EAPOL_ERR_BODY_LEN));
	}
	UT_EXPECT(eapol_parse(b, n, &f) == EAPOL_OK);
	/* a body length of 0xffff in a short frame */
	n = ut_hex(b, "02 00 ffff 01 01");
	UT_EXPECT(eapol_parse(b, n, &f) == EAPOL_ERR_BODY_LEN);
}

UT_CASE(eap_md5_request)
{
	/* Request, id 0x5a, MD5-Challenge, Value-Size 16, Value, Name "srv" */
	uint8_t b[64];
	size_t n = ut_hex(b, "01 5a 0019 04 10 00112233445566778899aabbccddeeff"
			     " 737276");
	struct eap_pkt p;

	UT_ASSERT(eap_parse(b, n, &p) == EAPOL_OK);
	UT_EXPECT(p.type == EAP_TYPE_MD5 && p.data_len == 20);
	UT_EXPECT(p.data[0] == 16 && p.data[17] == 's');
	for (size_t i = 0; i < n; i++) {
		enum eapol_err e = eap_parse(b, i, &p);

		UT_EXPECT(e == (i < 4 ? EAP_ERR_SHORT : EAP_ERR_LEN));
	}
}

UT_CASE(eap_success_failure)
{
	uint8_t b[16];
	size_t n = ut_hex(b, "03 07 0004");
	struct eap_pkt p;

	UT_ASSERT(eap_parse(b, n, &p) == EAPOL_OK);
	UT_EXPECT(p.code == EAP_CODE_SUCCESS && p.id == 7 && p.type == 0);
	n = ut_hex(b, "04 07 0004 ff");		/* trailing octet: ignored */
	UT_ASSERT(eap_parse(b, n, &p) == EAPOL_OK);
	UT_EXPECT(p.code == EAP_CODE_FAILURE);
	n = ut_hex(b, "03 07 0005 00");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_RESULT_LEN);
}

UT_CASE(eap_bad)
{
	uint8_t b[32];
	struct eap_pkt p;
	size_t n;

	n = ut_hex(b, "01 01 0003 01");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_LEN);
	n = ut_hex(b, "01 01 0004");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_NO_TYPE);
	n = ut_hex(b, "05 01 0005 01");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_CODE);
	n = ut_hex(b, "00 01 0004");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_CODE);
	n = ut_hex(b, "01 01 000b fe 000000 000000");
	UT_EXPECT(eap_parse(b, n, &p) == EAP_ERR_EXPANDED);
	n = ut_hex(b, "01 01 000c fe 000000 00000001");
	UT_EXPECT(eap_parse(b, n, &p) == EAPOL_OK);
	UT_EXPECT(strcmp(eapol_err_name(EAP_ERR_LEN), "eap_len") == 0);
	UT_EXPECT(strcmp(eapol_err_name(EAPOL_ERR_COUNT), "?") == 0);
}

UT_CASE(build_round_trip)
{
	uint8_t eap[64], fr[64], ref[64];
	const uint8_t name[] = "alice";
	struct eapol_frame f;
	struct eap_pkt p;
	size_t n, m;

	n = eap_build(eap, sizeof(eap), EAP_CODE_RESPONSE, 9, EAP_TYPE_IDENTITY,
		      name, 5);
	UT_ASSERT(n == 10);
	m = eapol_build(fr, sizeof(fr), EAPOL_VERSION, EAPOL_EAP, eap, n);
	UT_ASSERT(m == 14);
	UT_ASSERT(ut_hex(ref, "02 00 000a 02 09 000a 01 616c696365") == 14);
	UT_EXPECT(memcmp(fr, ref, 14) == 0);
	UT_ASSERT(eapol_parse(fr, m, &f) == EAPOL_OK);
	UT_ASSERT(eap_parse(f.body, f.body_len, &p) == EAPOL_OK);
	UT_EXPECT(p.id == 9 && p.data_len == 5 && !memcmp(p.data, "alice", 5));
	/* too small a buffer, at every size */
	for (size_t cap = 0; cap < 10; cap++)
		UT_EXPECT(eap_build(eap, cap, EAP_CODE_RESPONSE, 9,
				    EAP_TYPE_IDENTITY, name, 5) == 0);
	for (size_t cap = 0; cap < 14; cap++)
		UT_EXPECT(eapol_build(fr, cap, 2, EAPOL_EAP, ref + 4, 10) == 0);
	UT_EXPECT(eap_build(eap, sizeof(eap), EAP_CODE_SUCCESS, 3, 0, NULL,
			    0) == 4);
	UT_EXPECT(eap_build(eap, sizeof(eap), 9, 3, 0, NULL, 0) == 0);
	UT_EXPECT(eapol_build(fr, sizeof(fr), 2, EAPOL_START, NULL, 0) == 4);
}

/* Computed independently (Python's hashlib) for id || secret || chal. */
UT_CASE(md5_vector)
{
	uint8_t chal[16], want[16], got[16];

	ut_hex(chal, "00112233445566778899aabbccddeeff");
	ut_hex(want, "a7ad7e71cc428ca967663b8009eab29d");
	UT_ASSERT(eap_md5_response(0x5a, (const uint8_t *)"apedge-secret", 13,
				   chal, 16, got));
	UT_EXPECT(memcmp(got, want, 16) == 0);
	ut_hex(chal, "0102030405");
	ut_hex(want, "8586ce465610834c1a50050dc8e67631");
	UT_ASSERT(eap_md5_response(1, (const uint8_t *)"password", 8, chal, 5,
				   got));
	UT_EXPECT(memcmp(got, want, 16) == 0);
}

UT_CASE(md5_method)
{
	struct eap_peer_cfg cfg = { .method = EAP_TYPE_MD5 };
	const struct eap_method *m = eap_method_find(EAP_TYPE_MD5);
	uint8_t req[32], out[64], want[16];
	const char *why = NULL;
	size_t n, ol = 0;
	void *st;

	UT_ASSERT(m && m == eap_method_by_name("md5"));
	UT_EXPECT(!m->new(&cfg, &why) && why && !strcmp(why, "no password"));
	strcpy(cfg.password, "apedge-secret");
	st = m->new(&cfg, &why);
	UT_ASSERT(st);
	UT_EXPECT(m->decision(st) == EAP_MDEC_FAIL);
	/* Value-Size 0, Value-Size past the end, nothing */
	n = ut_hex(req, "00");
	UT_EXPECT(m->process(st, 1, req, n, out, sizeof(out), &ol) ==
		  EAP_MRES_IGNORE);
	n = ut_hex(req, "11 00112233445566778899aabbccddeeff");
	UT_EXPECT(m->process(st, 1, req, n, out, sizeof(out), &ol) ==
		  EAP_MRES_IGNORE);
	UT_EXPECT(m->process(st, 1, req, 0, out, sizeof(out), &ol) ==
		  EAP_MRES_IGNORE);
	n = ut_hex(req, "10 00112233445566778899aabbccddeeff 6e616d65");
	UT_EXPECT(m->process(st, 0x5a, req, n, out, 16, &ol) == EAP_MRES_FAIL);
	UT_ASSERT(m->process(st, 0x5a, req, n, out, sizeof(out), &ol) ==
		  EAP_MRES_DONE);
	ut_hex(want, "a7ad7e71cc428ca967663b8009eab29d");
	UT_EXPECT(ol == 17 && out[0] == 16 && !memcmp(out + 1, want, 16));
	UT_EXPECT(m->decision(st) == EAP_MDEC_COND_SUCC);
	m->free(st);
	UT_EXPECT(eap_method_find(200) == NULL);
}

UT_MAIN("apedged_eapol_wire",
	UT_ENTRY(eapol_packet),
	UT_ENTRY(eapol_start_logoff),
	UT_ENTRY(eapol_truncations),
	UT_ENTRY(eap_md5_request),
	UT_ENTRY(eap_success_failure),
	UT_ENTRY(eap_bad),
	UT_ENTRY(build_round_trip),
	UT_ENTRY(md5_vector),
	UT_ENTRY(md5_method))
