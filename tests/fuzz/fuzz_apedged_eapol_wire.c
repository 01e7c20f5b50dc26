// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: eapol/wire.c.  The input is an EAPOL frame; its body,
 * when it parses, an EAP packet.
 *
 * Properties checked (abort() on failure):
 * - a parsed frame's body lies inside the input;
 * - a parsed EAP packet's Type-Data lies inside its Length;
 * - parse -> build -> parse gives the same fields and the same octets
 *   (up to the Length: what follows is padding);
 * - an error is one of the named reasons.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void eap_check(const uint8_t *b, size_t n)
{
	uint8_t out[70000];
	struct eap_pkt p, q;
	enum eapol_err e = eap_parse(b, n, &p);
	size_t m;

	if (e >= EAPOL_ERR_COUNT || !strcmp(eapol_err_name(e), "?"))
		abort();
	if (e != EAPOL_OK)
		return;
	if (p.len > n)
		abort();
	if (p.data && (p.data < b || p.data + p.data_len > b + p.len))
		abort();
	m = eap_build(out, sizeof(out), p.code, p.id, p.type, p.data,
		      p.data_len);
	if (m != p.len || memcmp(out, b, m))
		abort();
	if (eap_parse(out, m, &q) != EAPOL_OK || q.code != p.code ||
	    q.id != p.id || q.type != p.type || q.data_len != p.data_len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[70000];
	struct eapol_frame f, g;
	enum eapol_err e;
	size_t m;

	e = eapol_parse(data, size, &f);
	if (e >= EAPOL_ERR_COUNT)
		abort();
	eap_check(data, size);
	if (e != EAPOL_OK)
		return 0;
	if (f.body < data || f.body + f.body_len > data + size)
		abort();
	m = eapol_build(out, sizeof(out), f.version, f.type, f.body,
			f.body_len);
	if (m != EAPOL_HDR_LEN + f.body_len || memcmp(out, data, m))
		abort();
	if (eapol_parse(out, m, &g) != EAPOL_OK || g.type != f.type ||
	    g.body_len != f.body_len)
		abort();
	if (f.type == EAPOL_EAP)
		eap_check(f.body, f.body_len);
	return 0;
}
