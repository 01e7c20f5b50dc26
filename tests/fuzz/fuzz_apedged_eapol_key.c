// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: eapol/key.c.  The input is parsed as a whole EAPOL
 * frame, and its key data (or, if it does not parse, the input itself)
 * walked as key data elements.  Properties (abort() on failure):
 * - a parsed frame builds back to the octets it was parsed from (up to
 *   the key data's end, the reserved octets zeroed), and that parses
 *   again to the same fields;
 * - every element the walk reports lies inside the buffer, with the
 *   lengths the layout allows.
 */
#include <stdlib.h>
#include <string.h>

#include "eapol/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_kdes(const uint8_t *buf, size_t len)
{
	struct wpa_kdes kd;
	const uint8_t *end = buf + len;

	if (wpa_kde_parse(buf, len, &kd) != WPA_KDE_OK)
		return;
	if (kd.rsne && (kd.rsne < buf || kd.rsne + kd.rsne_len > end ||
			kd.rsne_len != 2u + kd.rsne[1]))
		abort();
	if (kd.has_gtk && (kd.gtk < buf || kd.gtk + kd.gtk_len > end ||
			   kd.gtk_len < WPA_GTK_MIN || kd.gtk_len > WPA_GTK_MAX ||
			   kd.gtk_id > 3))
		abort();
	if (kd.has_igtk && (kd.igtk < buf || kd.igtk + kd.igtk_len > end ||
			    kd.igtk_len < WPA_IGTK_MIN ||
			    kd.igtk_len > WPA_IGTK_MAX ||
			    kd.igtk_ipn + 6 != kd.igtk))
		abort();
	if (kd.pmkid && (kd.pmkid < buf || kd.pmkid + WPA_PMKID_LEN > end))
		abort();
	if (kd.mac && (kd.mac < buf || kd.mac + 6 > end))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[WPA_KEY_FRAME_MAX + 65536];
	struct wpa_key k, k2;
	size_t n;

	if (wpa_key_parse(data, size, &k) != WPA_KEY_OK) {
		check_kdes(data, size);
		return 0;
	}
	if (k.frame_len > size || k.data < data ||
	    k.data + k.data_len > data + k.frame_len)
		abort();
	check_kdes(k.data, k.data_len);
	n = wpa_key_build(out, sizeof(out), &k);
	/* Octets between the key data's end and the body's end (the
	 * header may say more than the fields use) are not rebuilt. */
	if (n != WPA_KEY_DATA_OFF + (size_t)k.data_len || n > k.frame_len)
		abort();
	/* The reserved octets (73..80) are written as zero. */
	if (memcmp(out + 4, data + 4, 73 - 4) ||
	    memcmp(out + WPA_KEY_MIC_OFF, data + WPA_KEY_MIC_OFF,
		   n - WPA_KEY_MIC_OFF) ||
	    out[0] != data[0] || out[1] != data[1])
		abort();
	if (wpa_key_parse(out, n, &k2) != WPA_KEY_OK ||
	    k2.info != k.info || k2.replay != k.replay ||
	    k2.data_len != k.data_len || memcmp(k2.mic, k.mic, 16) ||
	    memcmp(k2.nonce, k.nonce, 32) || memcmp(k2.rsc, k.rsc, 8))
		abort();
	return 0;
}
