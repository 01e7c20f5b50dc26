// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS-over-EAP layer (RFC 5216 §2.1.5 and §3.1, RFC 9190, shared by
 * PEAP and TTLS): framing, reassembly, fragmentation, and an OpenSSL
 * client on memory BIOs.  See tls.h.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "lib/bytes.h"
#include "lib/json.h"
#include "eapol/tls.h"

static const char *const err_names[EAPTLS_ERR_MAX] = {
	[EAPTLS_OK] = "ok",
	[EAPTLS_ERR_EMPTY] = "no_flags",
	[EAPTLS_ERR_SHORT_LEN] = "short_length",
	[EAPTLS_ERR_BAD_LEN] = "bad_length",
	[EAPTLS_ERR_LEN_CHANGED] = "length_changed",
	[EAPTLS_ERR_OVERRUN] = "overrun",
	[EAPTLS_ERR_UNDERRUN] = "underrun",
	[EAPTLS_ERR_NO_L] = "fragment_without_length",
	[EAPTLS_ERR_TOO_BIG] = "too_big",
	[EAPTLS_ERR_UNEXPECTED] = "unexpected",
	[EAPTLS_ERR_START] = "start_in_exchange",
	[EAPTLS_ERR_NOMEM] = "nomem",
};

const char *eaptls_err_name(enum eaptls_err e)
{
	return (unsigned)e < EAPTLS_ERR_MAX ? err_names[e] : "?";
}

/* ---- framing ---- */

static void rx_reset(struct eaptls_rx *rx)
{
	rx->len = 0;
	rx->total = 0;
	rx->busy = false;
}

void eaptls_rx_done(struct eaptls_rx *rx)
{
	rx_reset(rx);
}

void eaptls_rx_free(struct eaptls_rx *rx)
{
	free(rx->buf);
	memset(rx, 0, sizeof(*rx));
}

static enum eaptls_rx_res rx_err(struct eaptls_rx *rx, enum eaptls_err *err,
				 enum eaptls_err e)
{
	rx_reset(rx);
	*err = e;
	return EAPTLS_RX_ERR;
}

enum eaptls_rx_res eaptls_rx_feed(struct eaptls_rx *rx, const uint8_t *p,
				  size_t n, enum eaptls_err *err)
{
	struct cur c = cur_init(p, n);
	const uint8_t *data;
	size_t dlen, limit;
	uint8_t flags;

	*err = EAPTLS_OK;
	if (!n)
		return rx_err(rx, err, EAPTLS_ERR_EMPTY);
	flags = cur_u8(&c);
	rx->flags = flags;
	if (flags & EAPTLS_FLAG_S) {
		if (rx->busy)
			return rx_err(rx, err, EAPTLS_ERR_START);
		return EAPTLS_RX_START;
	}
	if (flags & EAPTLS_FLAG_L) {
		uint32_t total;

		if (cur_left(&c) < 4)
			return rx_err(rx, err, EAPTLS_ERR_SHORT_LEN);
		total = cur_be32(&c);
		if (!total || total > EAPTLS_MSG_MAX)
			return rx_err(rx, err, EAPTLS_ERR_BAD_LEN);
		if (rx->busy && rx->total != total)
			return rx_err(rx, err, EAPTLS_ERR_LEN_CHANGED);
		rx->total = total;
	}
	dlen = cur_left(&c);
	data = cur_take(&c, dlen);
	if (!rx->busy && !(flags & (EAPTLS_FLAG_L | EAPTLS_FLAG_M)) && !dlen)
		return EAPTLS_RX_ACK;
	if (!rx->busy && (flags & EAPTLS_FLAG_M) && !rx->total)
		return rx_err(rx, err, EAPTLS_ERR_NO_L);
	limit = rx->total ? rx->total : EAPTLS_MSG_MAX;
	if (dlen > limit - rx->len)
		return rx_err(rx, err, rx->total ? EAPTLS_ERR_OVERRUN
						 : EAPTLS_ERR_TOO_BIG);
	if (rx->len + dlen > rx->cap) {
		/* Grow to the announced total at once, else to what came. */
		size_t want = rx->total ? rx->total : rx->len + dlen;
		uint8_t *nb = realloc(rx->buf, want);

		if (!nb)
			return rx_err(rx, err, EAPTLS_ERR_NOMEM);
		rx->buf = nb;
		rx->cap = want;
	}
	if (dlen)
		memcpy(rx->buf + rx->len, data, dlen);
	rx->len += dlen;
	if (flags & EAPTLS_FLAG_M) {
		rx->busy = true;
		return EAPTLS_RX_MORE;
	}
	if (rx->total && rx->len != rx->total)
		return rx_err(rx, err, EAPTLS_ERR_UNDERRUN);
	rx->busy = false;
	rx->total = 0;
	return EAPTLS_RX_MSG;
}

size_t eaptls_frame_out(const uint8_t *msg, size_t len, size_t *off,
			uint8_t ver, size_t frag, uint8_t *out, size_t cap)
{
	size_t left, chunk, hdr = 1;
	uint8_t flags = ver & EAPTLS_VER_MASK;

	if (*off > len || !frag)
		return 0;
	left = len - *off;
	if (!left) {
		if (cap < 1)
			return 0;
		out[0] = flags;
		return 1;
	}
	if (cap < 1 + 4 + 1)
		return 0;
	if (left <= frag && left <= cap - 1) {
		chunk = left;
	} else {
		flags |= EAPTLS_FLAG_M;
		if (*off == 0) {
			flags |= EAPTLS_FLAG_L;
			hdr = 5;
		}
		chunk = frag < cap - hdr ? frag : cap - hdr;
	}
	out[0] = flags;
	if (hdr == 5)
		put_be32(out + 1, (uint32_t)len);
	memcpy(out + hdr, msg + *off, chunk);
	*off += chunk;
	return hdr + chunk;
}

/* ---- the connection ---- */

struct eaptls {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio;		/* owned by ssl */
	struct eaptls_rx rx;
	uint8_t *out;			/* TLS records to send, fragmented */
	size_t out_len, out_off, out_cap;
	uint8_t app[EAPTLS_APP_MAX];
	size_t app_len;
	uint8_t type, ver, peer_ver;
	bool started, hs_done;
	const char *why;
	struct eaptls_stats st;
};

const struct eaptls_stats *eaptls_stats(const struct eaptls *t)
{
	return &t->st;
}

const char *eaptls_why(const struct eaptls *t)
{
	return t->why;
}

void eaptls_fail(struct eaptls *t, const char *why)
{
	if (!t->why)
		t->why = why;
}

bool eaptls_handshake_done(const struct eaptls *t)
{
	return t->hs_done;
}

int eaptls_version(const struct eaptls *t)
{
	return t->ssl ? SSL_version(t->ssl) : 0;
}

uint8_t eaptls_peer_ver(const struct eaptls *t)
{
	return t->peer_ver;
}

void eaptls_set_ver(struct eaptls *t, uint8_t ver)
{
	t->ver = ver & EAPTLS_VER_MASK;
}

const uint8_t *eaptls_app(const struct eaptls *t, size_t *len)
{
	*len = t->app_len;
	return t->app;
}

static int tls_version(int v)
{
	switch (v) {
	case 12:
		return TLS1_2_VERSION;
	case 13:
		return TLS1_3_VERSION;
	default:
		return v;
	}
}

struct eaptls *eaptls_new(const struct eap_peer_cfg *cfg, uint8_t type,
			  bool client_cert, int max_version,
			  const char **why)
{
	struct eaptls *t;
	X509_VERIFY_PARAM *vp;
	int maxv = tls_version(max_version ? max_version
					   : cfg->tls_max_version);

	*why = NULL;
	if (!cfg->ca_file[0] && !cfg->ca_none_accept_mitm) {
		*why = "no ca_file (ca_none_accept_mitm = yes accepts any "
		       "server)";
		return NULL;
	}
	if (client_cert && (!cfg->client_cert[0] || !cfg->private_key[0])) {
		*why = "no client_cert or private_key";
		return NULL;
	}
	if (maxv && maxv < TLS1_2_VERSION) {
		*why = "tls_max_version below TLS 1.2";
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		*why = "out of memory";
		return NULL;
	}
	t->type = type;
	ERR_clear_error();
	t->ctx = SSL_CTX_new(TLS_client_method());
	if (!t->ctx)
		goto nomem;
	/* TLS 1.2 at least: no SSLv3, TLS 1.0, 1.1. */
	SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION);
	if (maxv)
		SSL_CTX_set_max_proto_version(t->ctx, maxv);
	SSL_CTX_set_session_cache_mode(t->ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(t->ctx, SSL_OP_NO_TICKET |
			    SSL_OP_NO_RENEGOTIATION);
	vp = SSL_CTX_get0_param(t->ctx);
	X509_VERIFY_PARAM_set_purpose(vp, X509_PURPOSE_SSL_SERVER);
	/* A trust anchor is a self-signed CA from ca_file, never an
	 * intermediate or the leaf itself. */
	X509_VERIFY_PARAM_clear_flags(vp, X509_V_FLAG_PARTIAL_CHAIN);
	if (cfg->ca_file[0]) {
		if (!SSL_CTX_load_verify_locations(t->ctx, cfg->ca_file,
						   NULL)) {
			*why = "ca_file unreadable";
			goto fail;
		}
		SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, NULL);
	} else {
		SSL_CTX_set_verify(t->ctx, SSL_VERIFY_NONE, NULL);
	}
	if (client_cert) {
		SSL_CTX_set_default_passwd_cb_userdata(t->ctx,
				(void *)cfg->private_key_password);
		if (SSL_CTX_use_certificate_chain_file(t->ctx,
						       cfg->client_cert) != 1) {
			*why = "client_cert unreadable";
			goto fail;
		}
		if (SSL_CTX_use_PrivateKey_file(t->ctx, cfg->private_key,
						SSL_FILETYPE_PEM) != 1 ||
		    SSL_CTX_check_private_key(t->ctx) != 1) {
			*why = "private_key unreadable or not the certificate's";
			goto fail;
		}
		SSL_CTX_set_default_passwd_cb_userdata(t->ctx, NULL);
	}
	t->ssl = SSL_new(t->ctx);
	t->rbio = BIO_new(BIO_s_mem());
	t->wbio = BIO_new(BIO_s_mem());
	if (!t->ssl || !t->rbio || !t->wbio) {
		BIO_free(t->rbio);
		BIO_free(t->wbio);
		goto nomem;
	}
	BIO_set_mem_eof_return(t->rbio, -1);
	SSL_set_bio(t->ssl, t->rbio, t->wbio);
	SSL_set_connect_state(t->ssl);
	if (cfg->domain[0]) {
		/* Exact host name (wildcards only as a whole left-most
		 * label); a leading dot accepts any name under the domain. */
		SSL_set_hostflags(t->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		if (SSL_set1_host(t->ssl, cfg->domain) != 1) {
			*why = "domain not a host name";
			goto fail;
		}
	}
	ERR_clear_error();
	return t;
nomem:
	*why = "out of memory";
fail:
	ERR_clear_error();
	eaptls_free(t);
	return NULL;
}

void eaptls_free(struct eaptls *t)
{
	if (!t)
		return;
	SSL_free(t->ssl);
	SSL_CTX_free(t->ctx);
	eaptls_rx_free(&t->rx);
	if (t->out)
		OPENSSL_cleanse(t->out, t->out_cap);
	free(t->out);
	OPENSSL_cleanse(t->app, sizeof(t->app));
	free(t);
}

/* Move what OpenSSL wrote into the pending output. */
static bool flush_wbio(struct eaptls *t)
{
	size_t n = BIO_ctrl_pending(t->wbio);

	if (!n)
		return true;
	if (n > EAPTLS_MSG_MAX - t->out_len)
		return false;
	if (t->out_len + n > t->out_cap) {
		uint8_t *nb = realloc(t->out, t->out_len + n);

		if (!nb)
			return false;
		t->out = nb;
		t->out_cap = t->out_len + n;
	}
	if (BIO_read(t->wbio, t->out + t->out_len, (int)n) != (int)n)
		return false;
	t->out_len += n;
	return true;
}

static bool send_next(struct eaptls *t, uint8_t *out, size_t cap,
		      size_t *out_len)
{
	size_t n = eaptls_frame_out(t->out, t->out_len, &t->out_off, t->ver,
				    EAPTLS_FRAG_MAX, out, cap);

	if (!n)
		return false;
	*out_len = n;
	if (!t->out_len)
		t->st.acks_sent++;
	else
		t->st.tx_frags++;
	if (t->out_off == t->out_len)
		t->out_len = t->out_off = 0;
	return true;
}

static enum eaptls_ev ev_fail(struct eaptls *t, const char *why)
{
	eaptls_fail(t, why);
	return EAPTLS_EV_FAIL;
}

/* The handshake failed: say why, and send the alert OpenSSL wrote so
 * the server ends with a Failure at once. */
static enum eaptls_ev hs_failed(struct eaptls *t, uint8_t *out, size_t cap,
				size_t *out_len)
{
	long vr = SSL_get_verify_result(t->ssl);
	unsigned long e = ERR_peek_error();

	if (vr != X509_V_OK)
		eaptls_fail(t, X509_verify_cert_error_string(vr));
	else if (e && ERR_reason_error_string(e))
		eaptls_fail(t, ERR_reason_error_string(e));
	else
		eaptls_fail(t, "TLS handshake failed");
	ERR_clear_error();
	t->out_len = t->out_off = 0;
	if (flush_wbio(t) && t->out_len && send_next(t, out, cap, out_len))
		return EAPTLS_EV_SENT;
	return EAPTLS_EV_FAIL;
}

/* After the handshake: decrypt what the message carried. */
static enum eaptls_ev read_app(struct eaptls *t)
{
	t->app_len = 0;
	for (;;) {
		size_t room = sizeof(t->app) - t->app_len;
		int r, e;

		if (!room) {
			/* one byte more would overflow: too much */
			uint8_t probe;

			if (SSL_read(t->ssl, &probe, 1) > 0)
				return ev_fail(t, "application data too long");
			break;
		}
		r = SSL_read(t->ssl, t->app + t->app_len, (int)room);
		if (r > 0) {
			t->app_len += (size_t)r;
			continue;
		}
		e = SSL_get_error(t->ssl, r);
		if (e == SSL_ERROR_WANT_READ)
			break;
		if (e == SSL_ERROR_ZERO_RETURN)
			return ev_fail(t, "server closed the TLS session");
		ERR_clear_error();
		return ev_fail(t, "TLS record error");
	}
	ERR_clear_error();
	if (!flush_wbio(t))
		return ev_fail(t, "TLS output too long");
	return EAPTLS_EV_DATA;
}

enum eaptls_ev eaptls_process(struct eaptls *t, const uint8_t *req,
			      size_t len, uint8_t *out, size_t cap,
			      size_t *out_len)
{
	enum eaptls_err err;
	enum eaptls_rx_res r;
	int ret;

	*out_len = 0;
	if (t->why)
		return EAPTLS_EV_FAIL;
	r = eaptls_rx_feed(&t->rx, req, len, &err);
	switch (r) {
	case EAPTLS_RX_ERR:
		t->st.err[err]++;
		return ev_fail(t, eaptls_err_name(err));
	case EAPTLS_RX_START:
		if (t->started) {
			/* a retransmitted Start: our ClientHello again is
			 * not possible mid-handshake; let the peer resend */
			t->st.err[EAPTLS_ERR_START]++;
			return EAPTLS_EV_IGNORE;
		}
		t->started = true;
		t->peer_ver = t->rx.flags & EAPTLS_VER_MASK;
		ERR_clear_error();
		ret = SSL_do_handshake(t->ssl);
		if (ret <= 0 && SSL_get_error(t->ssl, ret) != SSL_ERROR_WANT_READ)
			return hs_failed(t, out, cap, out_len);
		if (!flush_wbio(t) || !t->out_len)
			return ev_fail(t, "no ClientHello");
		return send_next(t, out, cap, out_len) ? EAPTLS_EV_SENT
						      : ev_fail(t, "cap");
	case EAPTLS_RX_MORE:
		t->st.rx_frags++;
		if (!t->started || t->out_len) {
			t->st.err[EAPTLS_ERR_UNEXPECTED]++;
			return ev_fail(t, eaptls_err_name(EAPTLS_ERR_UNEXPECTED));
		}
		return send_next(t, out, cap, out_len) ? EAPTLS_EV_SENT
						      : ev_fail(t, "cap");
	case EAPTLS_RX_ACK:
		t->st.acks_rx++;
		if (!t->out_len) {
			t->st.err[EAPTLS_ERR_UNEXPECTED]++;
			return ev_fail(t, eaptls_err_name(EAPTLS_ERR_UNEXPECTED));
		}
		return send_next(t, out, cap, out_len) ? EAPTLS_EV_SENT
						      : ev_fail(t, "cap");
	case EAPTLS_RX_MSG:
		break;
	}
	t->st.rx_frags++;
	if (!t->started || t->out_len) {
		t->st.err[EAPTLS_ERR_UNEXPECTED]++;
		return ev_fail(t, eaptls_err_name(EAPTLS_ERR_UNEXPECTED));
	}
	if (BIO_write(t->rbio, t->rx.buf, (int)t->rx.len) != (int)t->rx.len)
		return ev_fail(t, "out of memory");
	eaptls_rx_done(&t->rx);
	ERR_clear_error();
	if (!t->hs_done) {
		ret = SSL_do_handshake(t->ssl);
		if (ret <= 0) {
			if (SSL_get_error(t->ssl, ret) != SSL_ERROR_WANT_READ)
				return hs_failed(t, out, cap, out_len);
			if (!flush_wbio(t))
				return ev_fail(t, "TLS output too long");
			return send_next(t, out, cap, out_len)
				? EAPTLS_EV_SENT : ev_fail(t, "cap");
		}
		t->hs_done = true;
	}
	return read_app(t);
}

bool eaptls_write(struct eaptls *t, const uint8_t *app, size_t app_len,
		  uint8_t *out, size_t cap, size_t *out_len)
{
	*out_len = 0;
	if (app_len) {
		ERR_clear_error();
		if (!t->hs_done || app_len > EAPTLS_APP_MAX ||
		    SSL_write(t->ssl, app, (int)app_len) != (int)app_len) {
			ERR_clear_error();
			return false;
		}
	}
	if (!flush_wbio(t))
		return false;
	return send_next(t, out, cap, out_len);
}

bool eaptls_export(struct eaptls *t, const char *label, const uint8_t *ctx,
		   size_t ctx_len, uint8_t *out, size_t len)
{
	if (!t->hs_done || t->why)
		return false;
	return SSL_export_keying_material(t->ssl, out, len, label,
					  strlen(label), ctx, ctx_len,
					  ctx != NULL) == 1;
}

bool eaptls_export_keys(struct eaptls *t, const char *label,
			const uint8_t *ctx, size_t ctx_len, uint8_t msk[64],
			uint8_t emsk[64])
{
	uint8_t k[128];
	bool ok = eaptls_export(t, label, ctx, ctx_len, k, sizeof(k));

	if (ok) {
		memcpy(msk, k, 64);
		memcpy(emsk, k + 64, 64);
	}
	OPENSSL_cleanse(k, sizeof(k));
	return ok;
}

bool eaptls_keys(struct eaptls *t, uint8_t msk[64], uint8_t emsk[64])
{
	if (eaptls_version(t) >= TLS1_3_VERSION)
		/* RFC 9190 §2.3: the Type-Code is the context */
		return eaptls_export_keys(t, "EXPORTER_EAP_TLS_Key_Material",
					  &t->type, 1, msk, emsk);
	/* RFC 5216 §2.3 */
	return eaptls_export_keys(t, "client EAP encryption", NULL, 0, msk,
				  emsk);
}

void eaptls_stats_json(const struct eaptls *t, struct json *j)
{
	json_kstr(j, "tls_version", t->hs_done ? SSL_get_version(t->ssl)
					       : "none");
	json_kbool(j, "handshake_done", t->hs_done);
	json_ku64(j, "rx_fragments", t->st.rx_frags);
	json_ku64(j, "tx_fragments", t->st.tx_frags);
	json_ku64(j, "acks_sent", t->st.acks_sent);
	json_ku64(j, "acks_received", t->st.acks_rx);
	json_kobj_begin(j, "errors");
	for (int i = 1; i < EAPTLS_ERR_MAX; i++)
		json_ku64(j, err_names[i], t->st.err[i]);
	json_obj_end(j);
	if (t->why)
		json_kstr(j, "failure", t->why);
}
