// SPDX-License-Identifier: GPL-2.0
/* The IAPP engine's decisions.  See iapp_logic.h. */
#include <string.h>
#include <sys/socket.h>

#include "iapp/logic.h"

static bool here(const struct sta *s)
{
	return s && s->state != STA_GONE;
}

enum iapp_add_verdict iapp_add_decide(const struct sta *s,
				      const struct iapp_msg *m)
{
	if (!here(s))
		return IAPP_ADD_IGNORED_NOT_HERE;
	if (!iapp_seq_newer(m->seq, s->seq))
		return IAPP_ADD_IGNORED_STALE;
	return IAPP_ADD_KICK;
}

enum iapp_move_status iapp_move_decide(const struct sta *s,
				       const struct iapp_msg *m)
{
	if (!s || !s->was_here)
		return IAPP_MOVE_DENIED;
	if (!iapp_seq_newer(m->seq, s->seq))
		return IAPP_MOVE_STALE;
	return IAPP_MOVE_SUCCESSFUL;
}

enum iapp_cache_status iapp_cache_decide(const struct sta *s,
					 bool has_cached, uint16_t cached_seq,
					 const struct iapp_msg *m)
{
	if (here(s) && !iapp_seq_newer(m->seq, s->seq))
		return IAPP_CACHE_STALE;
	if (has_cached && !iapp_seq_newer(m->seq, cached_seq))
		return IAPP_CACHE_STALE;
	return IAPP_CACHE_SUCCESSFUL;
}

const char *iapp_add_verdict_name(enum iapp_add_verdict v)
{
	switch (v) {
	case IAPP_ADD_KICK:
		return "kicked";
	case IAPP_ADD_IGNORED_NOT_HERE:
		return "ignored-not-here";
	case IAPP_ADD_IGNORED_STALE:
		return "ignored-stale";
	}
	return "unknown";
}

bool iapp_addr_bindable(int af, const uint8_t *a)
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	static const uint8_t zero[16];

	if (af == AF_INET)
		return a[0] != 0 &&			/* 0.0.0.0/8 */
		       a[0] != 127 &&			/* loopback */
		       !(a[0] == 169 && a[1] == 254) &&	/* link-local */
		       a[0] < 224;	/* multicast, reserved, broadcast */
	if (af != AF_INET6)
		return false;
	if (!memcmp(a, zero, 15) && (a[15] == 0 || a[15] == 1))
		return false;				/* ::, ::1 */
	if (a[0] == 0xff)				/* multicast */
		return false;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)	/* link-local */
		return false;
	return memcmp(a, mapped, sizeof(mapped)) != 0;	/* v4-mapped */
}

/* Whether an address passes; counts the reason when not. */
static bool keep(int af, const uint8_t *addr, unsigned int *kept,
		 bool (*ours)(int af, const uint8_t *addr, void *data),
		 void *data, struct iapp_ctx_refusals *r)
{
	if (!iapp_addr_bindable(af, addr)) {
		r->invalid++;
		return false;
	}
	if (ours && ours(af, addr, data)) {
		r->ours++;
		return false;
	}
	if (*kept >= IAPP_STA_ADDRS_MAX) {
		r->over++;
		return false;
	}
	(*kept)++;
	return true;
}

unsigned int iapp_ctx_sanitize(struct iapp_ctx *ctx,
			       bool (*ours)(int af, const uint8_t *addr,
					    void *data),
			       void *data, struct iapp_ctx_refusals *r)
{
	unsigned int i, n, kept = 0;

	for (i = n = 0; i < ctx->n_ipv4 && i < IAPP_CTX_ADDRS_MAX; i++)
		if (keep(AF_INET, ctx->ipv4[i].addr, &kept, ours, data, r))
			ctx->ipv4[n++] = ctx->ipv4[i];
	memset(&ctx->ipv4[n], 0, (IAPP_CTX_ADDRS_MAX - n) *
	       sizeof(ctx->ipv4[0]));
	ctx->n_ipv4 = (uint8_t)n;
	for (i = n = 0; i < ctx->n_ipv6 && i < IAPP_CTX_ADDRS_MAX; i++)
		if (keep(AF_INET6, ctx->ipv6[i].addr, &kept, ours, data, r))
			ctx->ipv6[n++] = ctx->ipv6[i];
	memset(&ctx->ipv6[n], 0, (IAPP_CTX_ADDRS_MAX - n) *
	       sizeof(ctx->ipv6[0]));
	ctx->n_ipv6 = (uint8_t)n;
	return kept;
}
