// SPDX-License-Identifier: GPL-2.0
/* The station table.  See sta.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iapp/sta.h"

void sta_table_init(struct sta_table *t)
{
	list_init(&t->stas);
	t->n = 0;
}

static void sta_free(struct sta_table *t, struct sta *s)
{
	list_del(&s->node);
	t->n--;
	free(s);
}

void sta_table_free(struct sta_table *t)
{
	while (!list_empty(&t->stas))
		sta_free(t, list_entry(t->stas.next, struct sta, node));
}

struct sta *sta_find(struct sta_table *t, const uint8_t mac[MAC_LEN])
{
	struct list *pos;

	list_for_each(pos, &t->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (!memcmp(s->mac, mac, MAC_LEN))
			return s;
	}
	return NULL;
}

struct sta *sta_find_here(struct sta_table *t, const uint8_t mac[MAC_LEN])
{
	struct sta *s = sta_find(t, mac);

	return s && s->state != STA_GONE ? s : NULL;
}

uint16_t sta_next_seq(bool has_last, uint16_t last, uint16_t clock)
{
	if (!has_last || iapp_seq_newer(clock, last))
		return clock;
	return (uint16_t)(last + 1);
}

/* Make room: drop the gone entry that left first.  false if none. */
static bool evict_gone(struct sta_table *t)
{
	struct sta *oldest = NULL;
	struct list *pos;

	list_for_each(pos, &t->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->state == STA_GONE &&
		    (!oldest || s->gone_ms < oldest->gone_ms))
			oldest = s;
	}
	if (!oldest)
		return false;
	sta_free(t, oldest);
	return true;
}

static struct sta *sta_new(struct sta_table *t, const uint8_t mac[MAC_LEN],
			   int *err)
{
	struct sta *s;

	if (t->n >= STA_MAX && !evict_gone(t)) {
		*err = -ENOSPC;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(s->mac, mac, MAC_LEN);
	list_add_tail(&t->stas, &s->node);
	t->n++;
	return s;
}

struct sta *sta_associate(struct sta_table *t, const uint8_t mac[MAC_LEN],
			  const char *ifname, uint16_t vlan, uint64_t now_ms,
			  uint16_t clock, int *err)
{
	struct sta *s;
	bool known;

	if (!mac_is_unicast(mac) || mac_is_zero(mac)) {
		*err = -EINVAL;
		return NULL;
	}
	s = sta_find(t, mac);
	known = s != NULL;
	if (!s && !(s = sta_new(t, mac, err)))
		return NULL;
	s->seq = sta_next_seq(known, s->last_seq, clock);
	s->last_seq = s->seq;
	s->was_here = true;
	s->state = STA_ASSOCIATED;
	snprintf(s->ifname, sizeof(s->ifname), "%s", ifname);
	s->vlan = vlan;
	s->assoc_ms = now_ms;
	s->auth_ms = 0;
	s->gone_ms = 0;
	s->has_prev_ap = false;
	memset(s->prev_ap, 0, sizeof(s->prev_ap));
	memset(&s->ctx, 0, sizeof(s->ctx));
	s->ctx_fetched = false;
	return s;
}

bool sta_authorize(struct sta *s, uint64_t now_ms)
{
	if (s->state != STA_ASSOCIATED)
		return false;
	s->state = STA_AUTHORIZED;
	s->auth_ms = now_ms;
	return true;
}

void sta_set_gone(struct sta *s, uint64_t now_ms)
{
	if (s->state == STA_GONE)
		return;
	s->state = STA_GONE;
	s->gone_ms = now_ms;
}

void sta_note_seq(struct sta_table *t, const uint8_t mac[MAC_LEN],
		  uint16_t seq, uint64_t now_ms)
{
	struct sta *s = sta_find(t, mac);
	int err;

	if (s) {
		if (iapp_seq_newer(seq, s->last_seq))
			s->last_seq = seq;
		if (s->state == STA_GONE)
			s->gone_ms = now_ms;
		return;
	}
	if (!mac_is_unicast(mac) || mac_is_zero(mac))
		return;
	s = sta_new(t, mac, &err);
	if (!s)
		return;
	s->seq = seq;
	s->last_seq = seq;
	s->state = STA_GONE;
	s->gone_ms = now_ms;
}

void sta_note_announcer(struct sta_table *t, const uint8_t mac[MAC_LEN],
			uint16_t seq, const uint8_t addr[4])
{
	struct sta *s = sta_find(t, mac);

	if (!s || s->last_seq != seq)
		return;
	s->has_announcer = true;
	memcpy(s->announcer, addr, sizeof(s->announcer));
}

void sta_expire(struct sta_table *t, uint64_t now_ms)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &t->stas) {
		struct sta *s = list_entry(pos, struct sta, node);

		if (s->state == STA_GONE &&
		    now_ms - s->gone_ms >= STA_GONE_KEEP_MS)
			sta_free(t, s);
	}
}

int sta_ctx_add_ipv4(struct iapp_ctx *ctx, const uint8_t addr[4],
		     uint32_t lease)
{
	unsigned int i;

	for (i = 0; i < ctx->n_ipv4; i++)
		if (!memcmp(ctx->ipv4[i].addr, addr, 4)) {
			ctx->ipv4[i].lease = lease;
			return 0;
		}
	if (ctx->n_ipv4 >= IAPP_CTX_ADDRS_MAX)
		return -ENOSPC;
	memcpy(ctx->ipv4[ctx->n_ipv4].addr, addr, 4);
	ctx->ipv4[ctx->n_ipv4++].lease = lease;
	return 0;
}

const char *sta_state_name(enum sta_state state)
{
	switch (state) {
	case STA_ASSOCIATED:
		return "associated";
	case STA_AUTHORIZED:
		return "authorized";
	case STA_GONE:
		return "gone";
	}
	return "unknown";
}
