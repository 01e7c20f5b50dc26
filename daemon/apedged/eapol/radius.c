// SPDX-License-Identifier: GPL-2.0
/*
 * The RADIUS codec: see radius.h for the order in which a reply is
 * believed.  MD5 and HMAC-MD5 come from OpenSSL.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "eapol/radius.h"
#include "lib/bytes.h"

static const char *const err_names[RAD_ERR_COUNT] = {
	[RAD_OK] = "ok",
	[RAD_ERR_SHORT] = "short",
	[RAD_ERR_LENGTH] = "bad_length",
	[RAD_ERR_ATTR] = "bad_attribute",
	[RAD_ERR_NO_MSGAUTH] = "no_message_authenticator",
	[RAD_ERR_MSGAUTH] = "bad_message_authenticator",
	[RAD_ERR_AUTH] = "bad_authenticator",
	[RAD_ERR_VALUE] = "bad_value",
};

const char *rad_err_name(enum rad_err e)
{
	return (unsigned int)e < RAD_ERR_COUNT ? err_names[e] : "?";
}

const char *rad_code_name(uint8_t code)
{
	switch (code) {
	case RAD_ACCESS_REQUEST: return "Access-Request";
	case RAD_ACCESS_ACCEPT: return "Access-Accept";
	case RAD_ACCESS_REJECT: return "Access-Reject";
	case RAD_ACCOUNTING_REQUEST: return "Accounting-Request";
	case RAD_ACCOUNTING_RESPONSE: return "Accounting-Response";
	case RAD_ACCESS_CHALLENGE: return "Access-Challenge";
	}
	return "?";
}

/* MD5 of up to three pieces (a NULL piece is skipped). */
static bool md5_3(uint8_t out[16], const void *a, size_t alen,
		  const void *b, size_t blen, const void *c, size_t clen)
{
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	unsigned int n = 0;
	bool ok;

	ok = x && EVP_DigestInit_ex(x, EVP_md5(), NULL) == 1 &&
	     (!a || EVP_DigestUpdate(x, a, alen) == 1) &&
	     (!b || EVP_DigestUpdate(x, b, blen) == 1) &&
	     (!c || EVP_DigestUpdate(x, c, clen) == 1) &&
	     EVP_DigestFinal_ex(x, out, &n) == 1 && n == 16;
	EVP_MD_CTX_free(x);
	return ok;
}

static bool hmac_md5(uint8_t out[16], const uint8_t *key, size_t key_len,
		     const uint8_t *d, size_t len)
{
	unsigned int n = 0;

	return HMAC(EVP_md5(), key, (int)key_len, d, len, out, &n) && n == 16;
}

/* ---- building ------------------------------------------------------------ */

void rad_msg_init(struct rad_msg *m, uint8_t code, uint8_t id,
		  const uint8_t auth[RAD_AUTH_LEN])
{
	m->buf[0] = code;
	m->buf[1] = id;
	put_be16(m->buf + 2, RAD_HDR_LEN);
	if (auth)
		memcpy(m->buf + 4, auth, RAD_AUTH_LEN);
	else
		memset(m->buf + 4, 0, RAD_AUTH_LEN);
	m->len = RAD_HDR_LEN;
	m->msgauth = 0;
	m->err = false;
}

/* Room for an attribute of len value octets; its value, or NULL. */
static uint8_t *put_hdr(struct rad_msg *m, uint8_t type, size_t len)
{
	uint8_t *p;

	if (m->err || len > RAD_ATTR_MAX || m->len + 2 + len > RAD_MAX_LEN) {
		m->err = true;
		return NULL;
	}
	p = m->buf + m->len;
	p[0] = type;
	p[1] = (uint8_t)(2 + len);
	m->len += 2 + len;
	return p + 2;
}

void rad_put(struct rad_msg *m, uint8_t type, const void *val, size_t len)
{
	uint8_t *p = put_hdr(m, type, len);

	if (p && len)
		memcpy(p, val, len);
}

void rad_put_str(struct rad_msg *m, uint8_t type, const char *s)
{
	size_t n = strlen(s);

	/* RFC 2865 §5: a text attribute is never empty */
	if (!n) {
		m->err = true;
		return;
	}
	rad_put(m, type, s, n);
}

void rad_put_u32(struct rad_msg *m, uint8_t type, uint32_t v)
{
	uint8_t b[4];

	put_be32(b, v);
	rad_put(m, type, b, 4);
}

void rad_put_split(struct rad_msg *m, uint8_t type, const uint8_t *v,
		   size_t len)
{
	while (len && !m->err) {
		size_t n = len > RAD_ATTR_MAX ? RAD_ATTR_MAX : len;

		rad_put(m, type, v, n);
		v += n;
		len -= n;
	}
}

void rad_put_password(struct rad_msg *m, const char *pw,
		      const uint8_t *secret, size_t secret_len)
{
	size_t n = strlen(pw), padded = (n + 15) & ~(size_t)15, i, j;
	uint8_t b[16], *p;
	const uint8_t *prev;

	if (!padded)
		padded = 16;
	if (n > RAD_PASS_MAX) {
		m->err = true;
		return;
	}
	p = put_hdr(m, RAD_A_USER_PASSWORD, padded);
	if (!p)
		return;
	memset(p, 0, padded);
	memcpy(p, pw, n);
	prev = m->buf + 4;	/* b1 = MD5(S + RA), then MD5(S + c(i-1)) */
	for (i = 0; i < padded; i += 16) {
		if (!md5_3(b, secret, secret_len, prev, 16, NULL, 0)) {
			m->err = true;
			break;
		}
		for (j = 0; j < 16; j++)
			p[i + j] ^= b[j];
		prev = p + i;
	}
	OPENSSL_cleanse(b, sizeof(b));
}

void rad_put_msgauth(struct rad_msg *m)
{
	uint8_t *p = put_hdr(m, RAD_A_MESSAGE_AUTHENTICATOR, 16);

	if (!p)
		return;
	memset(p, 0, 16);
	m->msgauth = (size_t)(p - m->buf);
}

size_t rad_msg_finish(struct rad_msg *m, const uint8_t *secret,
		      size_t secret_len)
{
	uint8_t mac[16];

	if (m->err)
		return 0;
	put_be16(m->buf + 2, (uint16_t)m->len);
	if (m->buf[0] == RAD_ACCOUNTING_REQUEST)
		memset(m->buf + 4, 0, RAD_AUTH_LEN);
	if (m->msgauth) {
		/* RFC 3579 §3.2: over the packet with the field zeroed and,
		 * in an Accounting-Request, the authenticator zeroed too */
		memset(m->buf + m->msgauth, 0, 16);
		if (!hmac_md5(mac, secret, secret_len, m->buf, m->len))
			return 0;
		memcpy(m->buf + m->msgauth, mac, 16);
	}
	if (m->buf[0] == RAD_ACCOUNTING_REQUEST) {
		/* RFC 2866 §3: MD5(Code+ID+Length+16 zeros+Attributes+S) */
		if (!md5_3(mac, m->buf, m->len, secret, secret_len, NULL, 0))
			return 0;
		memcpy(m->buf + 4, mac, 16);
	}
	return m->len;
}

/* ---- walking ------------------------------------------------------------- */

void rad_attr_first(struct rad_attr_it *it, const uint8_t *pkt)
{
	it->p = pkt + RAD_HDR_LEN;
	it->end = pkt + get_be16(pkt + 2);
}

bool rad_attr_next(struct rad_attr_it *it, uint8_t *type,
		   const uint8_t **val, size_t *len)
{
	size_t left = (size_t)(it->end - it->p);

	if (left < 2 || it->p[1] < 2 || it->p[1] > left)
		return false;
	*type = it->p[0];
	*val = it->p + 2;
	*len = (size_t)it->p[1] - 2;
	it->p += it->p[1];
	return true;
}

enum rad_err rad_check_header(const uint8_t *pkt, size_t *plen)
{
	struct cur c = cur_init(pkt, *plen);
	size_t len;

	if (*plen < RAD_HDR_LEN)
		return RAD_ERR_SHORT;
	cur_take(&c, 2);
	len = cur_be16(&c);
	if (len < RAD_MIN_LEN || len > RAD_MAX_LEN)
		return RAD_ERR_LENGTH;
	if (len > *plen)
		return RAD_ERR_SHORT;
	*plen = len;
	/* every attribute framed inside Length: at most 2048 of them */
	c = cur_init(pkt + RAD_HDR_LEN, len - RAD_HDR_LEN);
	while (cur_left(&c)) {
		const uint8_t *h = cur_take(&c, 2);

		if (!h || h[1] < 2 || !cur_take(&c, h[1] - 2u))
			return RAD_ERR_ATTR;
	}
	return RAD_OK;
}

/* The offset of the one Message-Authenticator value, 0 for none, -1 for
 * two or a wrong length. */
static long find_msgauth(const uint8_t *pkt)
{
	struct rad_attr_it it;
	const uint8_t *v;
	size_t n;
	uint8_t t;
	long off = 0;

	rad_attr_first(&it, pkt);
	while (rad_attr_next(&it, &t, &v, &n)) {
		if (t != RAD_A_MESSAGE_AUTHENTICATOR)
			continue;
		if (off || n != 16)
			return -1;
		off = v - pkt;
	}
	return off;
}

/* HMAC-MD5 of pkt with auth in its authenticator field (NULL: as it is)
 * and the Message-Authenticator at off zeroed, against the one there. */
static enum rad_err msgauth_check(const uint8_t *pkt, size_t len, long off,
				  const uint8_t *auth, const uint8_t *secret,
				  size_t secret_len)
{
	uint8_t tmp[RAD_MAX_LEN], mac[16];
	bool ok;

	memcpy(tmp, pkt, len);
	if (auth)
		memcpy(tmp + 4, auth, RAD_AUTH_LEN);
	memset(tmp + off, 0, 16);
	ok = hmac_md5(mac, secret, secret_len, tmp, len) &&
	     !CRYPTO_memcmp(mac, pkt + off, 16);
	return ok ? RAD_OK : RAD_ERR_MSGAUTH;
}

enum rad_err rad_verify_reply(const uint8_t *pkt, size_t len,
			      const uint8_t req_auth[RAD_AUTH_LEN],
			      const uint8_t *secret, size_t secret_len,
			      bool need_msgauth)
{
	uint8_t tmp[RAD_MAX_LEN], mac[16];
	enum rad_err e = rad_check_header(pkt, &len);
	long off;

	if (e)
		return e;
	off = find_msgauth(pkt);
	if (off < 0)
		return RAD_ERR_MSGAUTH;
	if (!off && need_msgauth)
		return RAD_ERR_NO_MSGAUTH;
	if (off) {
		e = msgauth_check(pkt, len, off, req_auth, secret, secret_len);
		if (e)
			return e;
	}
	memcpy(tmp, pkt, len);
	memcpy(tmp + 4, req_auth, RAD_AUTH_LEN);
	if (!md5_3(mac, tmp, len, secret, secret_len, NULL, 0) ||
	    CRYPTO_memcmp(mac, pkt + 4, 16))
		return RAD_ERR_AUTH;
	return RAD_OK;
}

enum rad_err rad_verify_acct_request(const uint8_t *pkt, size_t len,
				     const uint8_t *secret, size_t secret_len)
{
	static const uint8_t zero[RAD_AUTH_LEN];
	uint8_t tmp[RAD_MAX_LEN], mac[16];
	enum rad_err e = rad_check_header(pkt, &len);
	long off;

	if (e)
		return e;
	off = find_msgauth(pkt);
	if (off < 0)
		return RAD_ERR_MSGAUTH;
	if (off) {
		e = msgauth_check(pkt, len, off, zero, secret, secret_len);
		if (e)
			return e;
	}
	memcpy(tmp, pkt, len);
	memset(tmp + 4, 0, RAD_AUTH_LEN);
	if (!md5_3(mac, tmp, len, secret, secret_len, NULL, 0) ||
	    CRYPTO_memcmp(mac, pkt + 4, 16))
		return RAD_ERR_AUTH;
	return RAD_OK;
}

/* ---- decoding ------------------------------------------------------------ */

int rad_mppe_decrypt(const uint8_t *val, size_t len,
		     const uint8_t req_auth[RAD_AUTH_LEN],
		     const uint8_t *secret, size_t secret_len,
		     uint8_t *key, size_t key_size)
{
	uint8_t plain[RAD_ATTR_MAX], b[16];
	const uint8_t *c = val + 2, *prev;
	size_t n, i, j;
	int klen = -1;

	/* Salt (2, high bit set) and String, a multiple of 16 */
	if (len < 2 + 16 || (len - 2) % 16 || !(val[0] & 0x80))
		return -1;
	n = len - 2;
	/* b(1) = MD5(S + R + A), b(i) = MD5(S + c(i-1)) */
	if (!md5_3(b, secret, secret_len, req_auth, RAD_AUTH_LEN, val, 2))
		return -1;
	for (i = 0; i < n; i += 16) {
		if (i) {
			prev = c + i - 16;
			if (!md5_3(b, secret, secret_len, prev, 16, NULL, 0))
				goto out;
		}
		for (j = 0; j < 16; j++)
			plain[i + j] = c[i + j] ^ b[j];
	}
	/* Key-Length, Key, Padding */
	if (plain[0] == 0 || plain[0] > n - 1 || plain[0] > key_size)
		goto out;
	klen = plain[0];
	memcpy(key, plain + 1, (size_t)klen);
out:
	OPENSSL_cleanse(plain, sizeof(plain));
	OPENSSL_cleanse(b, sizeof(b));
	return klen;
}

struct tunnel {
	uint32_t type, medium;
	char group[RAD_ATTR_MAX + 1];
	bool have_group;
};

/* A tagged integer (RFC 2868 §3.1, §3.2): Tag and a 3-octet value. */
static bool tagged_int(const uint8_t *v, size_t n, uint8_t *tag,
		       uint32_t *val)
{
	if (n != 4 || v[0] > RAD_TAG_MAX)
		return false;
	*tag = v[0];
	*val = (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
	return true;
}

/* "1".."4094", no sign, no spaces, no leading zeros beyond one digit. */
static uint16_t vlan_id(const char *s)
{
	unsigned long v = 0;
	const char *p;

	if (!*s || (s[0] == '0'))
		return 0;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9' || p - s >= 4)
			return 0;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	return v >= 1 && v <= 4094 ? (uint16_t)v : 0;
}

static enum rad_err decode_vsa(const uint8_t *v, size_t n,
			       const uint8_t *req_auth, const uint8_t *secret,
			       size_t secret_len, struct rad_reply *r,
			       bool *recv, bool *send)
{
	uint8_t key[RAD_ATTR_MAX];
	struct cur c;
	int klen;

	if (n < 4 || get_be32(v) != RAD_VENDOR_MICROSOFT)
		return RAD_OK;	/* another vendor's: not ours */
	c = cur_init(v + 4, n - 4);
	while (cur_left(&c)) {
		const uint8_t *h = cur_take(&c, 2), *sv;
		bool is_recv;

		if (!h || h[1] < 2)
			return RAD_ERR_VALUE;
		sv = cur_take(&c, h[1] - 2u);
		if (!sv)
			return RAD_ERR_VALUE;
		if (h[0] != RAD_MS_MPPE_RECV_KEY &&
		    h[0] != RAD_MS_MPPE_SEND_KEY)
			continue;
		is_recv = h[0] == RAD_MS_MPPE_RECV_KEY;
		klen = rad_mppe_decrypt(sv, h[1] - 2u, req_auth, secret,
					secret_len, key, sizeof(key));
		/* each key at least 32 octets: the MSK's halves */
		if (klen < RAD_MSK_LEN / 2 || (is_recv ? *recv : *send)) {
			OPENSSL_cleanse(key, sizeof(key));
			return RAD_ERR_VALUE;
		}
		memcpy(r->msk + (is_recv ? 0 : RAD_MSK_LEN / 2), key,
		       RAD_MSK_LEN / 2);
		*(is_recv ? recv : send) = true;
		OPENSSL_cleanse(key, sizeof(key));
	}
	return RAD_OK;
}

enum rad_err rad_reply_decode(const uint8_t *pkt, size_t len,
			      const uint8_t req_auth[RAD_AUTH_LEN],
			      const uint8_t *secret, size_t secret_len,
			      struct rad_reply *r)
{
	struct tunnel tun[RAD_TAG_MAX + 1];
	bool have_reply_msg = false, recv = false, send = false;
	struct rad_attr_it it;
	enum rad_err e = rad_check_header(pkt, &len);
	const uint8_t *v;
	size_t n, t;
	uint8_t type, tag;
	uint32_t u;

	memset(r, 0, offsetof(struct rad_reply, eap_buf));
	r->termination_action = -1;
	if (e)
		return e;
	memset(tun, 0, sizeof(tun));
	r->code = pkt[0];
	rad_attr_first(&it, pkt);
	while (rad_attr_next(&it, &type, &v, &n)) {
		switch (type) {
		case RAD_A_EAP_MESSAGE:
			if (!n || r->eap_len + n > sizeof(r->eap_buf))
				goto bad;
			memcpy(r->eap_buf + r->eap_len, v, n);
			r->eap_len += n;
			r->eap = r->eap_buf;
			break;
		case RAD_A_STATE:
			if (!n || r->state_len)
				goto bad;
			memcpy(r->state, v, n);
			r->state_len = n;
			break;
		case RAD_A_CLASS:
			if (n && !r->class_len) {
				memcpy(r->class_, v, n);
				r->class_len = n;
			}
			break;
		case RAD_A_SESSION_TIMEOUT:
			if (n != 4)
				goto bad;
			r->session_timeout = get_be32(v);
			break;
		case RAD_A_TERMINATION_ACTION:
			if (n != 4 || get_be32(v) > 1)
				goto bad;
			r->termination_action = (int)get_be32(v);
			break;
		case RAD_A_REPLY_MESSAGE:
			if (!have_reply_msg) {
				memcpy(r->reply_message, v, n);
				r->reply_message[n] = 0;
				have_reply_msg = true;
			}
			break;
		case RAD_A_TUNNEL_TYPE:
		case RAD_A_TUNNEL_MEDIUM_TYPE:
			if (!tagged_int(v, n, &tag, &u))
				goto bad;
			if (type == RAD_A_TUNNEL_TYPE)
				tun[tag].type = u;
			else
				tun[tag].medium = u;
			break;
		case RAD_A_TUNNEL_PRIVATE_GROUP_ID:
			/* RFC 2868 §3.6: a first octet 0x01..0x1f is a tag */
			tag = 0;
			if (n && v[0] <= RAD_TAG_MAX) {
				tag = v[0];
				v++;
				n--;
			}
			if (!n)
				goto bad;
			memcpy(tun[tag].group, v, n);
			tun[tag].group[n] = 0;
			tun[tag].have_group = true;
			break;
		case RAD_A_VENDOR_SPECIFIC:
			e = decode_vsa(v, n, req_auth, secret, secret_len, r,
				       &recv, &send);
			if (e)
				goto bad;
			break;
		}
	}
	r->have_msk = recv && send;
	if (!r->have_msk)
		OPENSSL_cleanse(r->msk, sizeof(r->msk));
	for (t = 0; t <= RAD_TAG_MAX; t++) {
		if (tun[t].type == RAD_TUNNEL_TYPE_VLAN &&
		    tun[t].medium == RAD_TUNNEL_MEDIUM_802 &&
		    tun[t].have_group) {
			r->vlan = vlan_id(tun[t].group);
			if (!r->vlan)
				goto bad;
			break;
		}
	}
	return RAD_OK;
bad:
	rad_reply_clear(r);
	return RAD_ERR_VALUE;
}

void rad_reply_clear(struct rad_reply *r)
{
	OPENSSL_cleanse(r->msk, sizeof(r->msk));
	r->have_msk = false;
}
