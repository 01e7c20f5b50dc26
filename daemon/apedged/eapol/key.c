// SPDX-License-Identifier: GPL-2.0
/*
 * The EAPOL-Key frame and its key data elements: see eapol/key.h.
 */
#include <string.h>

#include "eapol/key.h"
#include "lib/bytes.h"

static const char *const key_err_names[WPA_KEY_ERR_MAX] = {
	[WPA_KEY_OK] = "ok",
	[WPA_KEY_ERR_SHORT] = "short",
	[WPA_KEY_ERR_NOT_KEY] = "not_key",
	[WPA_KEY_ERR_BODY_LEN] = "body_len",
	[WPA_KEY_ERR_SHORT_BODY] = "short_body",
	[WPA_KEY_ERR_DESC] = "descriptor",
	[WPA_KEY_ERR_DATA_LEN] = "data_len",
};

static const char *const kde_err_names[WPA_KDE_ERR_MAX] = {
	[WPA_KDE_OK] = "ok",
	[WPA_KDE_ERR_TRUNC] = "kde_trunc",
	[WPA_KDE_ERR_GTK_LEN] = "gtk_len",
	[WPA_KDE_ERR_IGTK_LEN] = "igtk_len",
	[WPA_KDE_ERR_PMKID_LEN] = "pmkid_len",
	[WPA_KDE_ERR_MAC_LEN] = "mac_len",
	[WPA_KDE_ERR_DUP] = "kde_dup",
};

static const uint8_t ieee_oui[3] = { 0x00, 0x0f, 0xac };

const char *wpa_key_err_name(enum wpa_key_err e)
{
	return (unsigned int)e < WPA_KEY_ERR_MAX ? key_err_names[e] : "?";
}

const char *wpa_kde_err_name(enum wpa_kde_err e)
{
	return (unsigned int)e < WPA_KDE_ERR_MAX ? kde_err_names[e] : "?";
}

enum wpa_key_err wpa_key_parse(const uint8_t *buf, size_t len,
			       struct wpa_key *k)
{
	struct cur c = cur_init(buf, len), body;
	uint16_t body_len;

	memset(k, 0, sizeof(*k));
	if (len < WPA_EAPOL_HDR_LEN)
		return WPA_KEY_ERR_SHORT;
	k->eapol_version = cur_u8(&c);
	if (cur_u8(&c) != WPA_EAPOL_TYPE_KEY)
		return WPA_KEY_ERR_NOT_KEY;
	body_len = cur_be16(&c);
	if (body_len > cur_left(&c))
		return WPA_KEY_ERR_BODY_LEN;
	if (body_len < WPA_KEY_FRAME_MIN - WPA_EAPOL_HDR_LEN)
		return WPA_KEY_ERR_SHORT_BODY;
	body = cur_sub(&c, body_len);
	k->frame_len = WPA_EAPOL_HDR_LEN + (size_t)body_len;

	k->desc = cur_u8(&body);
	if (k->desc != WPA_DESC_RSN)
		return WPA_KEY_ERR_DESC;
	k->info = cur_be16(&body);
	k->key_len = cur_be16(&body);
	k->replay = cur_be64(&body);
	cur_copy(&body, k->nonce, sizeof(k->nonce));
	cur_copy(&body, k->iv, sizeof(k->iv));
	cur_copy(&body, k->rsc, sizeof(k->rsc));
	cur_take(&body, 8);			/* reserved */
	cur_copy(&body, k->mic, sizeof(k->mic));
	k->data_len = cur_be16(&body);
	if (!cur_ok(&body))
		return WPA_KEY_ERR_SHORT_BODY;
	k->data = cur_take(&body, k->data_len);
	if (!k->data)
		return WPA_KEY_ERR_DATA_LEN;
	return WPA_KEY_OK;
}

size_t wpa_key_build(uint8_t *buf, size_t cap, const struct wpa_key *k)
{
	size_t len = WPA_KEY_DATA_OFF + (size_t)k->data_len;
	uint8_t *p = buf;

	if (len > cap || (k->data_len && !k->data))
		return 0;
	*p++ = k->eapol_version;
	*p++ = WPA_EAPOL_TYPE_KEY;
	put_be16(p, (uint16_t)(len - WPA_EAPOL_HDR_LEN));
	p += 2;
	*p++ = k->desc;
	put_be16(p, k->info);
	p += 2;
	put_be16(p, k->key_len);
	p += 2;
	put_be64(p, k->replay);
	p += 8;
	memcpy(p, k->nonce, WPA_NONCE_LEN);
	p += WPA_NONCE_LEN;
	memcpy(p, k->iv, WPA_IV_LEN);
	p += WPA_IV_LEN;
	memcpy(p, k->rsc, WPA_RSC_LEN);
	p += WPA_RSC_LEN;
	memset(p, 0, 8);
	p += 8;
	memcpy(p, k->mic, WPA_MIC_LEN);
	p += WPA_MIC_LEN;
	put_be16(p, k->data_len);
	p += 2;
	if (k->data_len)
		memmove(p, k->data, k->data_len);
	return len;
}

/* One KDE (OUI 00-0F-AC), its data type and data. */
static enum wpa_kde_err kde_one(uint8_t type, const uint8_t *d, size_t n,
				struct wpa_kdes *out)
{
	switch (type) {
	case WPA_KDE_GTK:
		if (n < 2 + WPA_GTK_MIN || n > 2 + WPA_GTK_MAX)
			return WPA_KDE_ERR_GTK_LEN;
		if (out->has_gtk)
			return WPA_KDE_ERR_DUP;
		out->has_gtk = true;
		out->gtk_id = d[0] & 0x03;
		out->gtk_tx = d[0] & 0x04;
		out->gtk = d + 2;
		out->gtk_len = n - 2;
		return WPA_KDE_OK;
	case WPA_KDE_IGTK:
		if (n < 8 + WPA_IGTK_MIN || n > 8 + WPA_IGTK_MAX)
			return WPA_KDE_ERR_IGTK_LEN;
		if (out->has_igtk)
			return WPA_KDE_ERR_DUP;
		out->has_igtk = true;
		out->igtk_id = (uint16_t)(d[0] | d[1] << 8);
		out->igtk_ipn = d + 2;
		out->igtk = d + 8;
		out->igtk_len = n - 8;
		return WPA_KDE_OK;
	case WPA_KDE_PMKID:
		if (n != WPA_PMKID_LEN)
			return WPA_KDE_ERR_PMKID_LEN;
		if (out->pmkid)
			return WPA_KDE_ERR_DUP;
		out->pmkid = d;
		return WPA_KDE_OK;
	case WPA_KDE_MAC:
		if (n != 6)
			return WPA_KDE_ERR_MAC_LEN;
		if (out->mac)
			return WPA_KDE_ERR_DUP;
		out->mac = d;
		return WPA_KDE_OK;
	default:
		out->skipped++;
		return WPA_KDE_OK;
	}
}

enum wpa_kde_err wpa_kde_parse(const uint8_t *buf, size_t len,
			       struct wpa_kdes *out)
{
	struct cur c = cur_init(buf, len);

	memset(out, 0, sizeof(*out));
	while (cur_left(&c)) {
		const uint8_t *el = c.p, *v;
		uint8_t id = cur_u8(&c), n;
		enum wpa_kde_err e;

		if (id == WPA_EID_VENDOR && !cur_left(&c))
			break;			/* padding: a lone 0xdd */
		n = cur_u8(&c);
		if (id == WPA_EID_VENDOR && n == 0)
			break;			/* padding: 0xdd 00 ... */
		v = cur_take(&c, n);
		if (!v)
			return WPA_KDE_ERR_TRUNC;
		if (id == WPA_EID_RSN) {
			if (out->rsne)
				return WPA_KDE_ERR_DUP;
			out->rsne = el;
			out->rsne_len = 2 + (size_t)n;
			continue;
		}
		if (id != WPA_EID_VENDOR || n < 4 ||
		    memcmp(v, ieee_oui, sizeof(ieee_oui))) {
			out->skipped++;
			continue;
		}
		e = kde_one(v[3], v + 4, n - 4u, out);
		if (e != WPA_KDE_OK)
			return e;
	}
	return WPA_KDE_OK;
}

static bool kde_put(uint8_t *buf, size_t cap, size_t *off, uint8_t type,
		    const uint8_t *hdr, size_t hdr_len, const uint8_t *d,
		    size_t n)
{
	size_t body = 4 + hdr_len + n;
	uint8_t *p;

	if (body > 255 || *off > cap || cap - *off < 2 + body)
		return false;
	p = buf + *off;
	p[0] = WPA_EID_VENDOR;
	p[1] = (uint8_t)body;
	memcpy(p + 2, ieee_oui, 3);
	p[5] = type;
	if (hdr_len)
		memcpy(p + 6, hdr, hdr_len);
	if (n)
		memcpy(p + 6 + hdr_len, d, n);
	*off += 2 + body;
	return true;
}

bool wpa_kde_put_gtk(uint8_t *buf, size_t cap, size_t *off, uint8_t id,
		     bool tx, const uint8_t *gtk, size_t gtk_len)
{
	uint8_t hdr[2] = { (uint8_t)((id & 3) | (tx ? 0x04 : 0)), 0 };

	return kde_put(buf, cap, off, WPA_KDE_GTK, hdr, 2, gtk, gtk_len);
}

bool wpa_kde_put_igtk(uint8_t *buf, size_t cap, size_t *off, uint16_t id,
		      const uint8_t ipn[6], const uint8_t *igtk,
		      size_t igtk_len)
{
	uint8_t hdr[8] = { (uint8_t)id, (uint8_t)(id >> 8) };

	memcpy(hdr + 2, ipn, 6);
	return kde_put(buf, cap, off, WPA_KDE_IGTK, hdr, 8, igtk, igtk_len);
}

bool wpa_kde_put_pmkid(uint8_t *buf, size_t cap, size_t *off,
		       const uint8_t pmkid[WPA_PMKID_LEN])
{
	return kde_put(buf, cap, off, WPA_KDE_PMKID, NULL, 0, pmkid,
		       WPA_PMKID_LEN);
}

bool wpa_kde_put_mac(uint8_t *buf, size_t cap, size_t *off,
		     const uint8_t mac[6])
{
	return kde_put(buf, cap, off, WPA_KDE_MAC, NULL, 0, mac, 6);
}

bool wpa_kde_put_ie(uint8_t *buf, size_t cap, size_t *off,
		    const uint8_t *ie, size_t ie_len)
{
	if (ie_len < 2 || ie_len != 2 + (size_t)ie[1] || *off > cap ||
	    cap - *off < ie_len)
		return false;
	memcpy(buf + *off, ie, ie_len);
	*off += ie_len;
	return true;
}

bool wpa_kde_pad(uint8_t *buf, size_t cap, size_t *off)
{
	size_t want = *off < 16 ? 16 : (*off + 7) / 8 * 8;

	if (want == *off)
		return true;
	if (want > cap)
		return false;
	buf[*off] = WPA_EID_VENDOR;
	memset(buf + *off + 1, 0, want - *off - 1);
	*off = want;
	return true;
}
