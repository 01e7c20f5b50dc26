/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the EAP method tests: certificates made at run time (a CA, a server
 * certificate for a name, a client certificate, a second CA that signed
 * nothing of ours) written as PEM into a temporary directory, and an
 * OpenSSL TLS server on memory BIOs behind a small EAP-TLS framer of its
 * own (independent of eapol/tls.c, so a shared misreading shows).
 */
#ifndef APEDGE_UT_EAPTLS_PEER_H
#define APEDGE_UT_EAPTLS_PEER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

struct pki {
	char dir[64];
	char ca[128], server_cert[128], server_key[128];
	char client_cert[128], client_key[128], other_ca[128];
};

static EVP_PKEY *pki_key(void)
{
	return EVP_EC_gen("P-256");
}

static X509 *pki_cert(const char *cn, EVP_PKEY *key, X509 *issuer,
		      EVP_PKEY *ikey, bool ca, const char *san,
		      const char *eku, long serial)
{
	X509 *x = X509_new();
	X509V3_CTX v3;
	X509_EXTENSION *ext;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(issuer ? issuer : x));
	X509V3_set_ctx(&v3, issuer ? issuer : x, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints,
				  ca ? "critical,CA:TRUE" : "CA:FALSE");
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	if (ca) {
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_key_usage,
					  "critical,keyCertSign,cRLSign");
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	if (san) {
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, san);
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	if (eku) {
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_ext_key_usage, eku);
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	X509_sign(x, ikey ? ikey : key, EVP_sha256());
	return x;
}

static void pki_write(const char *path, X509 *x, EVP_PKEY *k)
{
	FILE *f = fopen(path, "w");

	if (x)
		PEM_write_X509(f, x);
	if (k)
		PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	fclose(f);
}

/* server_eku: the server certificate's extended key usage ("serverAuth",
 * or "clientAuth" to test the purpose check). */
static bool pki_make(struct pki *p, const char *server_name,
		     const char *server_eku)
{
	EVP_PKEY *cak = pki_key(), *sk = pki_key(), *ck = pki_key(),
		 *ok = pki_key();
	X509 *ca, *s, *c, *o;
	char san[300];

	snprintf(p->dir, sizeof(p->dir), "/tmp/ut_eaptls.XXXXXX");
	if (!mkdtemp(p->dir))
		return false;
	snprintf(p->ca, sizeof(p->ca), "%s/ca.pem", p->dir);
	snprintf(p->server_cert, sizeof(p->server_cert), "%s/server.pem",
		 p->dir);
	snprintf(p->server_key, sizeof(p->server_key), "%s/server.key",
		 p->dir);
	snprintf(p->client_cert, sizeof(p->client_cert), "%s/client.pem",
		 p->dir);
	snprintf(p->client_key, sizeof(p->client_key), "%s/client.key",
		 p->dir);
	snprintf(p->other_ca, sizeof(p->other_ca), "%s/other.pem", p->dir);
	snprintf(san, sizeof(san), "DNS:%s", server_name);
	ca = pki_cert("apedge test CA", cak, NULL, NULL, true, NULL, NULL, 1);
	o = pki_cert("apedge other CA", ok, NULL, NULL, true, NULL, NULL, 1);
	s = pki_cert(server_name, sk, ca, cak, false, san, server_eku, 2);
	c = pki_cert("client", ck, ca, cak, false, NULL, "clientAuth", 3);
	pki_write(p->ca, ca, NULL);
	pki_write(p->other_ca, o, NULL);
	pki_write(p->server_cert, s, NULL);
	pki_write(p->server_key, NULL, sk);
	pki_write(p->client_cert, c, NULL);
	pki_write(p->client_key, NULL, ck);
	X509_free(ca);
	X509_free(o);
	X509_free(s);
	X509_free(c);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(sk);
	EVP_PKEY_free(ck);
	EVP_PKEY_free(ok);
	return true;
}

static void pki_remove(struct pki *p)
{
	unlink(p->ca);
	unlink(p->other_ca);
	unlink(p->server_cert);
	unlink(p->server_key);
	unlink(p->client_cert);
	unlink(p->client_key);
	rmdir(p->dir);
}

/* ---- the server ---- */

#define SRV_BUF 70000

struct srv {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *rbio, *wbio;
	uint8_t out[SRV_BUF];		/* the message being sent */
	size_t out_len, out_off;
	uint8_t in[SRV_BUF];		/* reassembly of the peer's */
	size_t in_len;
	size_t frag;			/* our fragment size */
	uint8_t ver;			/* version bits */
	bool hs_done, failed;
	unsigned int acks_from_peer;	/* its ACKs of our fragments */
	unsigned int acks_sent;		/* ours of its fragments */
};

static bool srv_init(struct srv *s, const struct pki *p, int maxv,
		     bool want_client_cert, size_t frag)
{
	memset(s, 0, sizeof(*s));
	s->frag = frag;
	s->ctx = SSL_CTX_new(TLS_server_method());
	if (!s->ctx)
		return false;
	SSL_CTX_set_min_proto_version(s->ctx, TLS1_2_VERSION);
	if (maxv)
		SSL_CTX_set_max_proto_version(s->ctx, maxv);
	SSL_CTX_set_num_tickets(s->ctx, 0);
	if (SSL_CTX_use_certificate_file(s->ctx, p->server_cert,
					 SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_use_PrivateKey_file(s->ctx, p->server_key,
					SSL_FILETYPE_PEM) != 1)
		return false;
	if (want_client_cert) {
		SSL_CTX_load_verify_locations(s->ctx, p->ca, NULL);
		SSL_CTX_set_verify(s->ctx, SSL_VERIFY_PEER |
				   SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	}
	s->ssl = SSL_new(s->ctx);
	s->rbio = BIO_new(BIO_s_mem());
	s->wbio = BIO_new(BIO_s_mem());
	BIO_set_mem_eof_return(s->rbio, -1);
	SSL_set_bio(s->ssl, s->rbio, s->wbio);
	SSL_set_accept_state(s->ssl);
	return true;
}

static void srv_free(struct srv *s)
{
	SSL_free(s->ssl);
	SSL_CTX_free(s->ctx);
}

/* The next Request's Type-Data from the pending output. */
static size_t srv_frag(struct srv *s, uint8_t *req)
{
	size_t left = s->out_len - s->out_off, n = 0, chunk;

	req[n++] = s->ver;
	if (left > s->frag) {
		req[0] |= 0x40;
		if (!s->out_off) {
			req[0] |= 0x80;
			req[n++] = (uint8_t)(s->out_len >> 24);
			req[n++] = (uint8_t)(s->out_len >> 16);
			req[n++] = (uint8_t)(s->out_len >> 8);
			req[n++] = (uint8_t)s->out_len;
		}
		chunk = s->frag;
	} else {
		chunk = left;
	}
	memcpy(req + n, s->out + s->out_off, chunk);
	s->out_off += chunk;
	if (s->out_off == s->out_len)
		s->out_len = s->out_off = 0;
	return n + chunk;
}

static void srv_pull(struct srv *s)
{
	int n;

	while ((n = BIO_read(s->wbio, s->out + s->out_len,
			     (int)(sizeof(s->out) - s->out_len))) > 0)
		s->out_len += (size_t)n;
}

/* Queue application data to the peer. */
static void srv_send_app(struct srv *s, const void *p, size_t n)
{
	SSL_write(s->ssl, p, (int)n);
	srv_pull(s);
}

/*
 * One Response's Type-Data from the peer in; the next Request's out
 * (0: nothing to send, the TLS exchange is over from the server's side).
 * Application data the peer sent is appended to app (if not NULL).
 */
static size_t srv_step(struct srv *s, const uint8_t *rsp, size_t n,
		       uint8_t *req, uint8_t *app, size_t *app_len)
{
	size_t off = 1;

	if (!n)
		return 0;
	if (rsp[0] & 0x80)
		off += 4;
	if (n == 1 && !(rsp[0] & 0xc0) && s->out_len) {
		s->acks_from_peer++;
		return srv_frag(s, req);	/* the peer ACKed */
	}
	memcpy(s->in + s->in_len, rsp + off, n - off);
	s->in_len += n - off;
	if (rsp[0] & 0x40) {
		s->acks_sent++;
		req[0] = s->ver;		/* ACK */
		return 1;
	}
	BIO_write(s->rbio, s->in, (int)s->in_len);
	s->in_len = 0;
	if (!s->hs_done) {
		int r = SSL_do_handshake(s->ssl);

		if (r == 1)
			s->hs_done = true;
		else if (SSL_get_error(s->ssl, r) != SSL_ERROR_WANT_READ)
			s->failed = true;
	}
	if (s->hs_done && app) {
		int r;

		while ((r = SSL_read(s->ssl, app + *app_len, 4096)) > 0)
			*app_len += (size_t)r;
	}
	ERR_clear_error();
	srv_pull(s);
	if (s->out_len)
		return srv_frag(s, req);
	return 0;
}

#endif /* APEDGE_UT_EAPTLS_PEER_H */
