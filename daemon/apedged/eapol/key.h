/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EAPOL-Key frame (IEEE 802.11-2020 §12.7.2) and the key data
 * elements it carries (§12.7.2, KDEs, Table 12-9): pure parsers and
 * builders over byte buffers.  No I/O, no state, no allocation.
 *
 * The whole EAPOL frame is parsed, not only the Key body, because the MIC
 * covers the header too.  Offsets from the frame's first octet (the
 * 802.1X header is u8 version, u8 type (3, Key), be16 body length):
 *
 *	 4  u8   descriptor type (2: RSN)
 *	 5  be16 key information (bits below)
 *	 7  be16 key length (octets of the pairwise TK; 0 in messages 2, 4)
 *	 9  be64 key replay counter
 *	17  u8   key nonce[32]
 *	49  u8   EAPOL-Key IV[16]
 *	65  u8   key RSC[8] (little-endian: the receive sequence counter)
 *	73  u8   reserved[8]
 *	81  u8   key MIC[16] (AKMs 1, 2, 6: 16 octets)
 *	97  be16 key data length
 *	99  u8   key data[key data length]
 *
 * The body length in the header may be shorter than the buffer (an
 * Ethernet frame padded to 60 octets); octets past it are ignored and the
 * MIC is computed over 4 + body length octets.  Key data past the body is
 * an error.
 *
 * The key data is a sequence of elements, u8 id, u8 len, value[len]:
 * information elements (the RSNE, id 48) and KDEs (id 0xdd, len >= 4,
 * OUI 00-0F-AC, data type, data).  Unknown elements and KDEs are
 * skipped.  Padding (§12.7.2 j)) is 0xdd followed by zero octets: an
 * element 0xdd with a length of 0, or a lone 0xdd as the last octet, ends
 * the walk.
 */
#ifndef APEDGED_EAPOL_KEY_H
#define APEDGED_EAPOL_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WPA_EAPOL_HDR_LEN	4
#define WPA_EAPOL_TYPE_KEY	3
#define WPA_DESC_RSN		2		/* descriptor type */
#define WPA_NONCE_LEN		32
#define WPA_IV_LEN		16
#define WPA_RSC_LEN		8
#define WPA_MIC_LEN		16
#define WPA_KEY_MIC_OFF		81		/* from the frame's start */
#define WPA_KEY_DATA_OFF	99
#define WPA_KEY_FRAME_MIN	WPA_KEY_DATA_OFF	/* no key data */
/* Largest key data apedge builds or accepts: an RSNE (<= 257), a GTK, an
 * IGTK and a few more KDEs with the wrap's 8 octets fit with room. */
#define WPA_KEY_DATA_MAX	512
#define WPA_KEY_FRAME_MAX	(WPA_KEY_DATA_OFF + WPA_KEY_DATA_MAX)

/* Key information (§12.7.2 b)). */
#define WPA_INFO_VER_MASK	0x0007	/* key descriptor version */
#define WPA_INFO_PAIRWISE	0x0008	/* key type: 1 pairwise, 0 group */
#define WPA_INFO_RESERVED	0x0030
#define WPA_INFO_INSTALL	0x0040
#define WPA_INFO_ACK		0x0080
#define WPA_INFO_MIC		0x0100
#define WPA_INFO_SECURE		0x0200
#define WPA_INFO_ERROR		0x0400
#define WPA_INFO_REQUEST	0x0800
#define WPA_INFO_ENCDATA	0x1000	/* encrypted key data */
#define WPA_INFO_SMK		0x2000

/* Key descriptor versions. */
#define WPA_VER_HMAC_SHA1_AES	2	/* HMAC-SHA1-128 MIC, AES key wrap */
#define WPA_VER_AES_CMAC	3	/* AES-128-CMAC MIC, AES key wrap */

enum wpa_key_err {
	WPA_KEY_OK = 0,
	WPA_KEY_ERR_SHORT,		/* shorter than a header */
	WPA_KEY_ERR_NOT_KEY,		/* EAPOL type is not Key */
	WPA_KEY_ERR_BODY_LEN,		/* header's length past the buffer */
	WPA_KEY_ERR_SHORT_BODY,		/* body shorter than the fixed part */
	WPA_KEY_ERR_DESC,		/* descriptor type is not RSN */
	WPA_KEY_ERR_DATA_LEN,		/* key data runs past the body */
	WPA_KEY_ERR_MAX
};

struct wpa_key {
	uint8_t eapol_version;
	uint8_t desc;
	uint16_t info;
	uint16_t key_len;
	uint64_t replay;
	uint8_t nonce[WPA_NONCE_LEN];
	uint8_t iv[WPA_IV_LEN];
	uint8_t rsc[WPA_RSC_LEN];
	uint8_t mic[WPA_MIC_LEN];
	uint16_t data_len;
	const uint8_t *data;		/* into the parsed buffer */
	size_t frame_len;		/* 4 + body length: what the MIC covers */
};

const char *wpa_key_err_name(enum wpa_key_err e);

/* A whole EAPOL frame (header and Key body). */
enum wpa_key_err wpa_key_parse(const uint8_t *buf, size_t len,
			       struct wpa_key *k);

/*
 * Writes the header (version k->eapol_version, type Key) and the body
 * from k, its key data from k->data (k->data_len octets), the MIC field
 * from k->mic.  The length written, 0 when it does not fit in cap.
 */
size_t wpa_key_build(uint8_t *buf, size_t cap, const struct wpa_key *k);

/* ---- Key data: information elements and KDEs (§12.7.2, Table 12-9) ---- */

#define WPA_EID_RSN		48
#define WPA_EID_VENDOR		0xdd
#define WPA_KDE_GTK		1
#define WPA_KDE_MAC		3
#define WPA_KDE_PMKID		4
#define WPA_KDE_IGTK		9
#define WPA_GTK_MIN		5
#define WPA_GTK_MAX		32
#define WPA_IGTK_MIN		16
#define WPA_IGTK_MAX		32
#define WPA_PMKID_LEN		16

enum wpa_kde_err {
	WPA_KDE_OK = 0,
	WPA_KDE_ERR_TRUNC,		/* an element runs past the data */
	WPA_KDE_ERR_GTK_LEN,		/* GTK KDE with a bad length */
	WPA_KDE_ERR_IGTK_LEN,
	WPA_KDE_ERR_PMKID_LEN,
	WPA_KDE_ERR_MAC_LEN,
	WPA_KDE_ERR_DUP,		/* the same KDE or RSNE twice */
	WPA_KDE_ERR_MAX
};

struct wpa_kdes {
	const uint8_t *rsne;		/* whole element: id, len, body */
	size_t rsne_len;
	bool has_gtk;
	uint8_t gtk_id;			/* 0..3 */
	bool gtk_tx;
	const uint8_t *gtk;
	size_t gtk_len;
	bool has_igtk;
	uint16_t igtk_id;		/* 4 or 5 */
	const uint8_t *igtk_ipn;	/* 6 octets, little-endian */
	const uint8_t *igtk;
	size_t igtk_len;
	const uint8_t *pmkid;		/* WPA_PMKID_LEN octets */
	const uint8_t *mac;		/* 6 octets */
	unsigned int skipped;		/* unknown elements and KDEs */
};

const char *wpa_kde_err_name(enum wpa_kde_err e);
enum wpa_kde_err wpa_kde_parse(const uint8_t *buf, size_t len,
			       struct wpa_kdes *out);

/*
 * Builders for the elements, each appending at buf + *off within cap;
 * false (and *off unchanged) when it does not fit.  wpa_kde_pad()
 * pads to a multiple of 8 octets, at least 16 (for the key wrap).
 */
bool wpa_kde_put_gtk(uint8_t *buf, size_t cap, size_t *off, uint8_t id,
		     bool tx, const uint8_t *gtk, size_t gtk_len);
bool wpa_kde_put_igtk(uint8_t *buf, size_t cap, size_t *off, uint16_t id,
		      const uint8_t ipn[6], const uint8_t *igtk,
		      size_t igtk_len);
bool wpa_kde_put_pmkid(uint8_t *buf, size_t cap, size_t *off,
		       const uint8_t pmkid[WPA_PMKID_LEN]);
bool wpa_kde_put_mac(uint8_t *buf, size_t cap, size_t *off,
		     const uint8_t mac[6]);
bool wpa_kde_put_ie(uint8_t *buf, size_t cap, size_t *off,
		    const uint8_t *ie, size_t ie_len);
bool wpa_kde_pad(uint8_t *buf, size_t cap, size_t *off);

#endif /* APEDGED_EAPOL_KEY_H */
