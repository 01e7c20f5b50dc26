// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client's state machine (RFC 2131 §4.4 with RFC 5227 §2).
 * See sm.h for the figure and the interface.
 *
 * set_state() is the one place that writes ->state; it logs every change
 * as "dhcp4 IFNAME: FROM -> TO (why)" and emits DHCP4_ACT_STATE with the
 * hook's reason.
 *
 * Every entry point leaves sm->deadline_ms at or after its now (or at
 * UINT64_MAX), and a timeout called before the deadline does nothing.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "dhcp4/sm.h"
#include "lib/log.h"

#define NEVER		UINT64_MAX
#define MS		1000ull
/* RFC 2131 §4.4.5: retransmit in RENEWING/REBINDING no sooner than 60 s. */
#define RENEW_RETRANS_MIN_MS	(60 * MS)
/* Retransmission never faster than this, whatever the configuration. */
#define RETRANS_FLOOR_MS	100
#define INFINITE_LEASE	UINT32_MAX

static const char *const state_names[DHCP4_STATE_MAX] = {
	[DHCP4_STOPPED] = "STOPPED",
	[DHCP4_INIT] = "INIT",
	[DHCP4_SELECTING] = "SELECTING",
	[DHCP4_REQUESTING] = "REQUESTING",
	[DHCP4_PROBING] = "PROBING",
	[DHCP4_BOUND] = "BOUND",
	[DHCP4_RENEWING] = "RENEWING",
	[DHCP4_REBINDING] = "REBINDING",
	[DHCP4_INIT_REBOOT] = "INIT_REBOOT",
	[DHCP4_REBOOTING] = "REBOOTING",
};

const char *dhcp4_state_name(enum dhcp4_state s)
{
	return (unsigned int)s < DHCP4_STATE_MAX ? state_names[s] : "?";
}

static const char *const drop_names[DHCP4_DROP_MAX] = {
	[DHCP4_DROP_OP] = "op",
	[DHCP4_DROP_XID] = "xid",
	[DHCP4_DROP_CHADDR] = "chaddr",
	[DHCP4_DROP_STATE] = "state",
	[DHCP4_DROP_SERVER] = "server",
	[DHCP4_DROP_ADDR] = "addr",
	[DHCP4_DROP_STOPPED] = "stopped",
};

const char *dhcp4_drop_name(enum dhcp4_drop d)
{
	return (unsigned int)d < DHCP4_DROP_MAX ? drop_names[d] : "?";
}

static const uint8_t default_prl[] = {
	1, 3, 6, 12, 15, 26, 28, 51, 54, 58, 59, 119, 121
};

void dhcp4_sm_config_default(struct dhcp4_sm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->retrans_min_ms = 4000;
	cfg->retrans_max_ms = 64000;
	cfg->retrans_jitter_ms = 1000;
	cfg->request_tries = 4;
	cfg->reboot_tries = 2;
	cfg->nak_delay_min_ms = 500;
	cfg->nak_delay_max_ms = 2000;
	cfg->init_delay_max_ms = 0;

	cfg->acd = true;
	cfg->probe_wait_ms = 1000;
	cfg->probe_num = 3;
	cfg->probe_min_ms = 1000;
	cfg->probe_max_ms = 2000;
	cfg->announce_wait_ms = 2000;
	cfg->announce_num = 2;
	cfg->announce_interval_ms = 2000;
	cfg->max_conflicts = 10;
	cfg->rate_limit_interval_ms = 60000;
	cfg->defend_interval_ms = 10000;

	strcpy(cfg->vendor_class, "apedge");
	memcpy(cfg->prl, default_prl, sizeof(default_prl));
	cfg->prl_len = sizeof(default_prl);
}

void dhcp4_sm_init(struct dhcp4_sm *sm, const struct dhcp4_sm_config *cfg,
		   const char *ifname, const uint8_t mac[6],
		   uint32_t (*random)(void *ctx), void *random_ctx)
{
	memset(sm, 0, sizeof(*sm));
	sm->state = DHCP4_STOPPED;
	sm->cfg = cfg;
	sm->ifname = ifname;
	memcpy(sm->mac, mac, 6);
	sm->random = random;
	sm->random_ctx = random_ctx;
	sm->deadline_ms = NEVER;
}

/* ---- small helpers ---- */

static uint32_t rnd(struct dhcp4_sm *sm)
{
	return sm->random(sm->random_ctx);
}

/* Uniform in [lo, hi] (hi < lo is taken as lo). */
static uint32_t rnd_range(struct dhcp4_sm *sm, uint32_t lo, uint32_t hi)
{
	uint64_t span;

	if (hi <= lo)
		return lo;
	span = (uint64_t)hi - lo + 1;
	return lo + (uint32_t)(rnd(sm) % span);
}

static void set_deadline(struct dhcp4_sm *sm, uint64_t now, uint64_t at)
{
	sm->deadline_ms = at < now ? now : at;
}

static void set_deadline_in(struct dhcp4_sm *sm, uint64_t now, uint64_t ms)
{
	sm->deadline_ms = now + ms;
}

static struct dhcp4_action *push(struct dhcp4_actions *out,
				 enum dhcp4_action_type type)
{
	struct dhcp4_action *a;

	if (out->n >= DHCP4_ACTIONS_MAX)
		return NULL;	/* cannot happen: no step emits that many */
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	return a;
}

static void act_lease(struct dhcp4_actions *out, enum dhcp4_action_type t,
		      const struct dhcp4_lease *l)
{
	struct dhcp4_action *a = push(out, t);

	if (a)
		a->lease = l;
}

static void set_state(struct dhcp4_sm *sm, enum dhcp4_state to,
		      const char *reason, const char *why,
		      struct dhcp4_actions *out)
{
	struct dhcp4_action *a;
	enum dhcp4_state from = sm->state;

	log_info("dhcp4 %s: %s -> %s (%s)", sm->ifname ? sm->ifname : "?",
		 dhcp4_state_name(from), dhcp4_state_name(to), why);
	sm->state = to;
	a = push(out, DHCP4_ACT_STATE);
	if (a) {
		a->state.from = from;
		a->state.to = to;
		a->state.reason = reason;
	}
}

static const char *ntoa(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static uint64_t lease_at(const struct dhcp4_lease *l, uint32_t s)
{
	if (l->lease_s == INFINITE_LEASE)
		return NEVER;
	return l->acquired_ms + (uint64_t)s * MS;
}

static uint64_t t1_at(const struct dhcp4_lease *l)
{
	return lease_at(l, l->t1_s);
}

static uint64_t t2_at(const struct dhcp4_lease *l)
{
	return lease_at(l, l->t2_s);
}

static uint64_t expiry_at(const struct dhcp4_lease *l)
{
	return lease_at(l, l->lease_s);
}

/* An address a client may take: not 0/8, loopback, multicast, class E. */
static bool addr_usable(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);
	uint8_t top = (uint8_t)(h >> 24);

	return top != 0 && top != 127 && top < 224;
}

/* RFC 2131 §4.1: the BOOTP "secs" field, since this exchange began. */
static uint16_t secs(const struct dhcp4_sm *sm, uint64_t now)
{
	uint64_t s = now > sm->start_ms ? (now - sm->start_ms) / MS : 0;

	return s > 0xffff ? 0xffff : (uint16_t)s;
}

/* A message with what the client says of itself. */
static struct dhcp4_action *send_msg(struct dhcp4_sm *sm, uint64_t now,
				     enum dhcp4_type type,
				     struct dhcp4_actions *out)
{
	const struct dhcp4_sm_config *c = sm->cfg;
	struct dhcp4_action *a = push(out, DHCP4_ACT_SEND);
	struct dhcp4_build *b;

	if (!a)
		return NULL;
	b = &a->send.msg;
	b->type = type;
	b->xid = sm->xid;
	b->secs = secs(sm, now);
	memcpy(b->mac, sm->mac, 6);
	if (c->client_id_len) {
		b->client_id = c->client_id;
		b->client_id_len = c->client_id_len;
	}
	if (type == DHCP4_DISCOVER || type == DHCP4_REQUEST) {
		b->hostname = c->hostname[0] ? c->hostname : NULL;
		b->vendor_class = c->vendor_class[0] ? c->vendor_class : NULL;
		b->prl = c->prl_len ? c->prl : NULL;
		b->prl_len = c->prl_len;
		b->max_size = DHCP4_MAX_MSG_SIZE;
		b->lease_s = c->lease_hint_s;
	}
	a->send.dst.s_addr = htonl(INADDR_BROADCAST);
	if (type <= DHCP4_TYPE_MAX)
		sm->stats.tx[type]++;
	return a;
}

/*
 * RFC 2131 §4.1: "the delay before the first retransmission SHOULD be 4
 * seconds randomized by the value of a uniform random number chosen from
 * the range -1 to +1 ... The delay before the next retransmission SHOULD
 * be 8 seconds ... up to a maximum of 64 seconds."
 */
static void arm_retrans(struct dhcp4_sm *sm, uint64_t now)
{
	uint32_t j = sm->cfg->retrans_jitter_ms > sm->interval_ms ?
		     sm->interval_ms : sm->cfg->retrans_jitter_ms;
	int64_t d = (int64_t)sm->interval_ms +
		    rnd_range(sm, 0, (uint32_t)((uint64_t)j * 2 > UINT32_MAX ?
						UINT32_MAX : j * 2)) - j;

	if (d < RETRANS_FLOOR_MS)
		d = RETRANS_FLOOR_MS;
	set_deadline_in(sm, now, (uint64_t)d);
	if (sm->interval_ms < sm->cfg->retrans_max_ms) {
		uint64_t n = (uint64_t)sm->interval_ms * 2;

		sm->interval_ms = n > sm->cfg->retrans_max_ms ?
				  sm->cfg->retrans_max_ms : (uint32_t)n;
	}
}

static void start_retrans(struct dhcp4_sm *sm, uint64_t now)
{
	sm->interval_ms = sm->cfg->retrans_min_ms;
	sm->tries = 0;
	sm->start_ms = now;
}

/* ---- sending ---- */

static void send_discover(struct dhcp4_sm *sm, uint64_t now,
			  struct dhcp4_actions *out)
{
	struct dhcp4_action *a = send_msg(sm, now, DHCP4_DISCOVER, out);

	/* RFC 2131 §4.4.1: the client MAY suggest its last address. */
	if (a)
		a->send.msg.requested = sm->hint;
	sm->tries++;
	arm_retrans(sm, now);
}

/* SELECTING and INIT-REBOOT: broadcast, ciaddr 0, option 50. */
static void send_request_bcast(struct dhcp4_sm *sm, uint64_t now,
			       bool with_server, struct dhcp4_actions *out)
{
	struct dhcp4_action *a = send_msg(sm, now, DHCP4_REQUEST, out);

	if (a) {
		a->send.msg.requested = sm->offered;
		if (with_server)
			a->send.msg.server_id = sm->server;
	}
	sm->sent_ms = now;
	sm->tries++;
	arm_retrans(sm, now);
}

/*
 * RENEWING (unicast to the server) and REBINDING (broadcast): ciaddr is
 * ours, no option 50 or 54.  RFC 2131 §4.4.5: "the client SHOULD wait
 * one-half of the remaining time until T2 (in RENEWING state) and
 * one-half of the remaining lease time (in REBINDING state), down to a
 * minimum of 60 seconds, before retransmitting the DHCPREQUEST message."
 */
static void send_request_renew(struct dhcp4_sm *sm, uint64_t now,
			       struct dhcp4_actions *out)
{
	const struct dhcp4_lease *l = &sm->lease;
	struct dhcp4_action *a = send_msg(sm, now, DHCP4_REQUEST, out);
	uint64_t until = sm->state == DHCP4_RENEWING ? t2_at(l) : expiry_at(l);
	uint64_t wait;

	if (a) {
		a->send.msg.ciaddr = l->ack.yiaddr;
		if (sm->state == DHCP4_RENEWING) {
			a->send.unicast = true;
			a->send.dst = sm->server;
		}
	}
	sm->sent_ms = now;
	sm->tries++;
	if (until == NEVER) {
		set_deadline_in(sm, now, RENEW_RETRANS_MIN_MS);
		return;
	}
	wait = until > now ? (until - now) / 2 : 0;
	if (wait < RENEW_RETRANS_MIN_MS)
		wait = RENEW_RETRANS_MIN_MS;
	set_deadline(sm, now, now + wait < until ? now + wait : until);
}

static void send_arp(struct dhcp4_sm *sm, struct in_addr spa,
		     struct in_addr tpa, struct dhcp4_actions *out)
{
	struct dhcp4_action *a = push(out, DHCP4_ACT_ARP);

	if (!a)
		return;
	a->arp.op = DHCP4_ARP_REQUEST;
	memcpy(a->arp.sha, sm->mac, 6);
	a->arp.spa = spa;
	a->arp.tpa = tpa;
}

/* RFC 5227 §2.3: an announcement, sender and target both the address. */
static void send_announce(struct dhcp4_sm *sm, struct dhcp4_actions *out)
{
	send_arp(sm, sm->lease.ack.yiaddr, sm->lease.ack.yiaddr, out);
}

/* ---- transitions ---- */

/* INIT: after delay_ms (0: at once) a DISCOVER and SELECTING. */
static void enter_init(struct dhcp4_sm *sm, uint64_t now, uint64_t delay_ms,
		       const char *reason, const char *why,
		       struct dhcp4_actions *out)
{
	set_state(sm, DHCP4_INIT, reason, why, out);
	sm->offered.s_addr = 0;
	sm->server.s_addr = 0;
	if (delay_ms) {
		set_deadline_in(sm, now, delay_ms);
		return;
	}
	sm->xid = rnd(sm);
	start_retrans(sm, now);
	set_state(sm, DHCP4_SELECTING, "DISCOVER", "DISCOVER sent", out);
	send_discover(sm, now, out);
}

/* Give up the lease held: remove what it configured and its copy. */
static void drop_lease(struct dhcp4_sm *sm, struct dhcp4_actions *out)
{
	if (!sm->have_lease)
		return;
	sm->hint = sm->lease.ack.yiaddr;
	act_lease(out, DHCP4_ACT_UNAPPLY, &sm->lease);
	push(out, DHCP4_ACT_FORGET);
	sm->have_lease = false;
}

/*
 * RFC 5227 §2.1.1: "if the number of conflicts exceeds MAX_CONFLICTS the
 * host MUST limit the rate at which it probes for new addresses to no
 * more than one new address per RATE_LIMIT_INTERVAL."
 */
static uint64_t conflict_delay(struct dhcp4_sm *sm)
{
	sm->conflicts++;
	if (sm->conflicts >= sm->cfg->max_conflicts)
		return sm->cfg->rate_limit_interval_ms ?
		       sm->cfg->rate_limit_interval_ms : 1;
	return 0;
}

/* A NAK: back to INIT after a short random wait, never a tight loop. */
static void on_nak(struct dhcp4_sm *sm, uint64_t now, const char *why,
		   struct dhcp4_actions *out)
{
	uint32_t d = rnd_range(sm, sm->cfg->nak_delay_min_ms,
			       sm->cfg->nak_delay_max_ms);

	sm->stats.naks++;
	drop_lease(sm, out);
	sm->hint.s_addr = 0;	/* the server said no to it */
	enter_init(sm, now, d ? d : 1, "NAK", why, out);
}

static void bound_timers(struct dhcp4_sm *sm, uint64_t now)
{
	uint64_t at = t1_at(&sm->lease);

	if (sm->announces_left && sm->announce_ms < at)
		at = sm->announce_ms;
	set_deadline(sm, now, at);
}

/* The address is ours: configure it, keep it, announce it. */
static void enter_bound(struct dhcp4_sm *sm, uint64_t now, const char *reason,
		 const char *why, struct dhcp4_actions *out)
{
	sm->have_lease = true;
	sm->conflicts = 0;
	sm->defending = false;
	sm->server = sm->lease.ack.server_id;
	act_lease(out, DHCP4_ACT_APPLY, &sm->lease);
	act_lease(out, DHCP4_ACT_STORE, &sm->lease);
	set_state(sm, DHCP4_BOUND, reason, why, out);
	sm->announces_left = 0;
	if (sm->cfg->acd && sm->cfg->announce_num && !sm->renewed) {
		/* RFC 5227 §2.3: ANNOUNCE_NUM announcements,
		 * ANNOUNCE_INTERVAL apart. */
		send_announce(sm, out);
		sm->announces_left = sm->cfg->announce_num - 1;
		sm->announce_ms = now + sm->cfg->announce_interval_ms;
	}
	bound_timers(sm, now);
}

static uint8_t class_plen(struct in_addr a)
{
	uint8_t top = (uint8_t)(ntohl(a.s_addr) >> 24);

	return top < 128 ? 8 : top < 192 ? 16 : 24;
}

static uint8_t mask_plen(const struct dhcp4_msg *m)
{
	uint32_t mask, inv;

	if (!m->has_mask)
		return class_plen(m->yiaddr);
	mask = ntohl(m->mask.s_addr);
	inv = ~mask;
	if (inv & (inv + 1))	/* not contiguous */
		return class_plen(m->yiaddr);
	return (uint8_t)__builtin_popcount(mask);
}

/*
 * RFC 2131 §4.4.5: "T1 defaults to (0.5 * duration_of_lease).  T2
 * defaults to (0.875 * duration_of_lease)."  The server's values are
 * taken when they keep T1 <= T2 <= the lease.
 */
static void lease_from_ack(struct dhcp4_lease *l, const struct dhcp4_msg *m,
			   uint64_t sent_ms)
{
	uint32_t lease = m->lease_s, t1, t2;

	memset(l, 0, sizeof(*l));
	l->ack = *m;
	l->plen = mask_plen(m);
	l->acquired_ms = sent_ms;
	l->lease_s = lease;
	if (lease == INFINITE_LEASE) {
		l->t1_s = l->t2_s = INFINITE_LEASE;
		return;
	}
	t1 = m->has_t1 ? m->t1_s : lease / 2;
	t2 = m->has_t2 ? m->t2_s : (uint32_t)((uint64_t)lease * 7 / 8);
	if (t1 > t2 || t2 > lease) {
		t1 = lease / 2;
		t2 = (uint32_t)((uint64_t)lease * 7 / 8);
	}
	l->t1_s = t1;
	l->t2_s = t2;
}

/* RFC 5227 §2.1.1: PROBE_WAIT, then PROBE_NUM probes. */
static void enter_probing(struct dhcp4_sm *sm, uint64_t now, const char *why,
			  struct dhcp4_actions *out)
{
	set_state(sm, DHCP4_PROBING, "PROBE", why, out);
	sm->probes_left = sm->cfg->probe_num;
	set_deadline_in(sm, now, rnd_range(sm, 0, sm->cfg->probe_wait_ms));
}

static void enter_renewing(struct dhcp4_sm *sm, uint64_t now,
			   const char *why, struct dhcp4_actions *out)
{
	sm->xid = rnd(sm);
	start_retrans(sm, now);
	set_state(sm, DHCP4_RENEWING, "RENEWING", why, out);
	send_request_renew(sm, now, out);
}

static void enter_rebinding(struct dhcp4_sm *sm, uint64_t now,
			    const char *why, struct dhcp4_actions *out)
{
	sm->xid = rnd(sm);
	start_retrans(sm, now);
	set_state(sm, DHCP4_REBINDING, "REBINDING", why, out);
	send_request_renew(sm, now, out);
}

static void expire(struct dhcp4_sm *sm, uint64_t now,
		   struct dhcp4_actions *out)
{
	sm->stats.expiries++;
	drop_lease(sm, out);
	enter_init(sm, now, 0, "EXPIRE", "lease expired", out);
}

static void enter_init_reboot(struct dhcp4_sm *sm, uint64_t now,
			      struct dhcp4_actions *out)
{
	char a[INET_ADDRSTRLEN], why[64];

	snprintf(why, sizeof(why), "stored lease %s",
		 ntoa(sm->lease.ack.yiaddr, a));
	set_state(sm, DHCP4_INIT_REBOOT, "PREINIT", why, out);
	sm->xid = rnd(sm);
	sm->offered = sm->lease.ack.yiaddr;
	sm->server.s_addr = 0;
	start_retrans(sm, now);
	set_state(sm, DHCP4_REBOOTING, "REBOOTING", "REQUEST sent", out);
	send_request_bcast(sm, now, false, out);
}

/* ---- entry points ---- */

void dhcp4_sm_start(struct dhcp4_sm *sm, uint64_t now,
		    const struct dhcp4_lease *stored, struct dhcp4_actions *out)
{
	uint32_t d;

	out->n = 0;
	/* A restart of a running machine keeps the lease it holds. */
	if (stored && !(sm->state != DHCP4_STOPPED && sm->have_lease)) {
		sm->lease = *stored;
		sm->have_lease = true;
	}
	sm->renewed = false;
	sm->from_reboot = false;
	sm->conflicts = 0;
	if (sm->have_lease) {
		enter_init_reboot(sm, now, out);
		return;
	}
	/* RFC 2131 §4.4.1: "The client SHOULD wait a random time between
	 * one and ten seconds to desynchronize" (off by default). */
	d = sm->cfg->init_delay_max_ms ?
	    rnd_range(sm, 0, sm->cfg->init_delay_max_ms) : 0;
	enter_init(sm, now, d, "PREINIT", "started", out);
}

/* Whether the address of the lease is configured (or may be). */
static bool holds_address(const struct dhcp4_sm *sm)
{
	switch (sm->state) {
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
	case DHCP4_REBINDING:
		return true;
	default:
		return false;
	}
}

static void do_release(struct dhcp4_sm *sm, uint64_t now,
		       struct dhcp4_actions *out)
{
	char a[INET_ADDRSTRLEN], why[64];

	if (sm->have_lease && (holds_address(sm) ||
			       sm->state == DHCP4_STOPPED ||
			       sm->state == DHCP4_INIT_REBOOT ||
			       sm->state == DHCP4_REBOOTING ||
			       sm->state == DHCP4_PROBING)) {
		/* RFC 2131 §4.4.6: unicast to the server, ciaddr ours. */
		struct dhcp4_action *s;

		sm->xid = rnd(sm);
		sm->start_ms = now;
		s = send_msg(sm, now, DHCP4_RELEASE, out);
		if (s) {
			s->send.msg.ciaddr = sm->lease.ack.yiaddr;
			s->send.msg.server_id = sm->lease.ack.server_id;
			s->send.unicast = true;
			s->send.dst = sm->lease.ack.server_id;
		}
		snprintf(why, sizeof(why), "released %s",
			 ntoa(sm->lease.ack.yiaddr, a));
		drop_lease(sm, out);
	} else {
		snprintf(why, sizeof(why), "release, no lease");
	}
	sm->deadline_ms = NEVER;
	if (sm->state != DHCP4_STOPPED)
		set_state(sm, DHCP4_STOPPED, "RELEASE", why, out);
}

void dhcp4_sm_stop(struct dhcp4_sm *sm, uint64_t now, bool release,
		   struct dhcp4_actions *out)
{
	out->n = 0;
	if (release) {
		do_release(sm, now, out);
		return;
	}
	sm->deadline_ms = NEVER;
	if (sm->state != DHCP4_STOPPED)
		set_state(sm, DHCP4_STOPPED, "STOP", "stopped", out);
}

void dhcp4_sm_release(struct dhcp4_sm *sm, uint64_t now,
		      struct dhcp4_actions *out)
{
	out->n = 0;
	do_release(sm, now, out);
}

void dhcp4_sm_renew(struct dhcp4_sm *sm, uint64_t now,
		    struct dhcp4_actions *out)
{
	out->n = 0;
	switch (sm->state) {
	case DHCP4_STOPPED:
		dhcp4_sm_start(sm, now, NULL, out);
		break;
	case DHCP4_INIT:
		/* A wait (NAK, rate limit): the admin asks to go on now. */
		enter_init(sm, now, 0, "DISCOVER", "renew asked", out);
		break;
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
		enter_renewing(sm, now, "renew asked", out);
		break;
	case DHCP4_REBINDING:
		/* Past T2 the server is not asked alone: ask all, now. */
		enter_rebinding(sm, now, "renew asked", out);
		break;
	default:
		break;
	}
}

void dhcp4_sm_rebind(struct dhcp4_sm *sm, uint64_t now,
		     struct dhcp4_actions *out)
{
	out->n = 0;
	switch (sm->state) {
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
	case DHCP4_REBINDING:
		enter_rebinding(sm, now, "rebind asked", out);
		break;
	default:
		break;
	}
}

static void on_timeout_probing(struct dhcp4_sm *sm, uint64_t now,
			       struct dhcp4_actions *out)
{
	const struct dhcp4_sm_config *c = sm->cfg;
	char a[INET_ADDRSTRLEN], why[80];

	if (sm->probes_left) {
		/* RFC 5227 §2.1.1: probes PROBE_MIN..PROBE_MAX apart,
		 * sender IP 0; ANNOUNCE_WAIT after the last. */
		struct in_addr zero = { 0 };

		send_arp(sm, zero, sm->offered, out);
		sm->probes_left--;
		if (sm->probes_left)
			set_deadline_in(sm, now, rnd_range(sm, c->probe_min_ms,
							   c->probe_max_ms));
		else
			set_deadline_in(sm, now, c->announce_wait_ms);
		return;
	}
	sm->lease = sm->pending;
	snprintf(why, sizeof(why), "%s probed, no conflict",
		 ntoa(sm->offered, a));
	enter_bound(sm, now, sm->from_reboot ? "REBOOT" : "BOUND", why, out);
}

static void on_timeout_bound(struct dhcp4_sm *sm, uint64_t now,
			     struct dhcp4_actions *out)
{
	const struct dhcp4_lease *l = &sm->lease;

	if (now >= expiry_at(l)) {
		expire(sm, now, out);
		return;
	}
	if (now >= t2_at(l)) {
		enter_rebinding(sm, now, "T2", out);
		return;
	}
	if (now >= t1_at(l)) {
		enter_renewing(sm, now, "T1", out);
		return;
	}
	if (sm->announces_left && now >= sm->announce_ms) {
		send_announce(sm, out);
		sm->announces_left--;
		sm->announce_ms = now + sm->cfg->announce_interval_ms;
	}
	bound_timers(sm, now);
}

void dhcp4_sm_timeout(struct dhcp4_sm *sm, uint64_t now,
		      struct dhcp4_actions *out)
{
	const struct dhcp4_lease *l = &sm->lease;

	out->n = 0;
	if (sm->deadline_ms == NEVER || now < sm->deadline_ms)
		return;
	switch (sm->state) {
	case DHCP4_STOPPED:
	case DHCP4_INIT_REBOOT:		/* never rests there */
		sm->deadline_ms = NEVER;
		break;
	case DHCP4_INIT:
		sm->xid = rnd(sm);
		start_retrans(sm, now);
		set_state(sm, DHCP4_SELECTING, "DISCOVER", "DISCOVER sent",
			  out);
		send_discover(sm, now, out);
		break;
	case DHCP4_SELECTING:
		send_discover(sm, now, out);
		break;
	case DHCP4_REQUESTING:
		if (sm->tries >= sm->cfg->request_tries) {
			enter_init(sm, now, 0, "TIMEOUT",
				   "no answer to REQUEST", out);
			break;
		}
		send_request_bcast(sm, now, true, out);
		break;
	case DHCP4_REBOOTING:
		if (sm->tries >= sm->cfg->reboot_tries) {
			drop_lease(sm, out);
			enter_init(sm, now, 0, "TIMEOUT",
				   "no answer to INIT-REBOOT", out);
			break;
		}
		send_request_bcast(sm, now, false, out);
		break;
	case DHCP4_PROBING:
		on_timeout_probing(sm, now, out);
		break;
	case DHCP4_BOUND:
		on_timeout_bound(sm, now, out);
		break;
	case DHCP4_RENEWING:
		if (now >= expiry_at(l))
			expire(sm, now, out);
		else if (now >= t2_at(l))
			enter_rebinding(sm, now, "T2", out);
		else
			send_request_renew(sm, now, out);
		break;
	case DHCP4_REBINDING:
		if (now >= expiry_at(l))
			expire(sm, now, out);
		else
			send_request_renew(sm, now, out);
		break;
	default:
		sm->deadline_ms = NEVER;
		break;
	}
}

static bool drop(struct dhcp4_sm *sm, enum dhcp4_drop why)
{
	sm->stats.drop[why]++;
	return false;
}

/* The checks every reply passes, whatever the state. */
static bool reply_ok(struct dhcp4_sm *sm, const struct dhcp4_msg *m)
{
	if (m->op != 2)
		return drop(sm, DHCP4_DROP_OP);
	if (m->xid != sm->xid)
		return drop(sm, DHCP4_DROP_XID);
	if (memcmp(m->chaddr, sm->mac, 6))
		return drop(sm, DHCP4_DROP_CHADDR);
	if (m->type != DHCP4_OFFER && m->type != DHCP4_ACK &&
	    m->type != DHCP4_NAK)
		return drop(sm, DHCP4_DROP_STATE);
	if (!m->has_server_id || !m->server_id.s_addr)
		return drop(sm, DHCP4_DROP_SERVER);
	return true;
}

/* An ACK's lease, checked: our address, a lease time. */
static bool ack_ok(struct dhcp4_sm *sm, const struct dhcp4_msg *m,
		   struct in_addr want)
{
	if (!addr_usable(m->yiaddr) ||
	    (want.s_addr && m->yiaddr.s_addr != want.s_addr) || !m->has_lease)
		return drop(sm, DHCP4_DROP_ADDR);
	return true;
}

void dhcp4_sm_rx(struct dhcp4_sm *sm, uint64_t now, const struct dhcp4_msg *m,
		 struct in_addr src, struct dhcp4_actions *out)
{
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], why[128];
	bool from_chosen;

	out->n = 0;
	if (sm->state == DHCP4_STOPPED) {
		drop(sm, DHCP4_DROP_STOPPED);
		return;
	}
	if (!reply_ok(sm, m))
		return;
	from_chosen = m->server_id.s_addr == sm->server.s_addr;

	switch (sm->state) {
	case DHCP4_SELECTING:
		if (m->type != DHCP4_OFFER) {
			drop(sm, DHCP4_DROP_STATE);
			return;
		}
		if (!addr_usable(m->yiaddr)) {
			drop(sm, DHCP4_DROP_ADDR);
			return;
		}
		/* The first good offer is taken (RFC 2131 §4.4.1 lets the
		 * client choose; waiting for more only costs time). */
		sm->stats.rx[DHCP4_OFFER]++;
		sm->offered = m->yiaddr;
		sm->server = m->server_id;
		snprintf(why, sizeof(why), "OFFER of %s from %s",
			 ntoa(m->yiaddr, a), ntoa(m->server_id, b));
		sm->interval_ms = sm->cfg->retrans_min_ms;
		sm->tries = 0;
		set_state(sm, DHCP4_REQUESTING, "REQUEST", why, out);
		send_request_bcast(sm, now, true, out);
		return;

	case DHCP4_REQUESTING:
	case DHCP4_RENEWING:
	case DHCP4_REBINDING:
	case DHCP4_REBOOTING:
		break;
	default:
		drop(sm, DHCP4_DROP_STATE);
		return;
	}

	if (m->type == DHCP4_OFFER) {
		drop(sm, DHCP4_DROP_STATE);
		return;
	}
	/* In REQUESTING and RENEWING the answer is the chosen server's. */
	if ((sm->state == DHCP4_REQUESTING || sm->state == DHCP4_RENEWING) &&
	    !from_chosen) {
		drop(sm, DHCP4_DROP_SERVER);
		return;
	}
	if (m->type == DHCP4_NAK) {
		sm->stats.rx[DHCP4_NAK]++;
		snprintf(why, sizeof(why), "NAK from %s%s%.60s",
			 ntoa(m->server_id, a), m->message[0] ? ": " : "",
			 m->message);
		on_nak(sm, now, why, out);
		return;
	}

	/* An ACK. */
	switch (sm->state) {
	case DHCP4_REQUESTING:
	case DHCP4_REBOOTING:
		if (!ack_ok(sm, m, sm->offered))
			return;
		break;
	default:
		if (!ack_ok(sm, m, sm->lease.ack.yiaddr))
			return;
		break;
	}
	sm->stats.rx[DHCP4_ACK]++;
	snprintf(why, sizeof(why), "ACK of %s from %s", ntoa(m->yiaddr, a),
		 ntoa(m->server_id, b));

	switch (sm->state) {
	case DHCP4_REQUESTING:
	case DHCP4_REBOOTING:
		sm->from_reboot = sm->state == DHCP4_REBOOTING;
		sm->renewed = false;
		if (sm->cfg->acd) {
			lease_from_ack(&sm->pending, m, sm->sent_ms);
			sm->offered = m->yiaddr;
			enter_probing(sm, now, why, out);
			return;
		}
		lease_from_ack(&sm->lease, m, sm->sent_ms);
		enter_bound(sm, now, sm->from_reboot ? "REBOOT" : "BOUND", why, out);
		return;
	case DHCP4_RENEWING:
		sm->renewed = true;
		lease_from_ack(&sm->lease, m, sm->sent_ms);
		enter_bound(sm, now, "RENEW", why, out);
		return;
	case DHCP4_REBINDING:
		sm->renewed = true;
		lease_from_ack(&sm->lease, m, sm->sent_ms);
		enter_bound(sm, now, "REBIND", why, out);
		return;
	default:
		return;
	}
}

void dhcp4_sm_arp(struct dhcp4_sm *sm, uint64_t now, const struct dhcp4_arp *a,
		  struct dhcp4_actions *out)
{
	char s[INET_ADDRSTRLEN], why[96];
	struct in_addr addr;
	uint64_t d;

	out->n = 0;
	if (!sm->cfg->acd || !memcmp(a->sha, sm->mac, 6))
		return;		/* conflict detection off, or our own */

	if (sm->state == DHCP4_PROBING) {
		/* RFC 5227 §2.1.1: any ARP whose sender IP is the address
		 * probed, or a probe (sender IP 0) for it from another
		 * host, is a conflict. */
		addr = sm->offered;
		if (a->spa.s_addr != addr.s_addr &&
		    !(a->op == DHCP4_ARP_REQUEST && !a->spa.s_addr &&
		      a->tpa.s_addr == addr.s_addr))
			return;
		sm->stats.conflicts++;
		d = conflict_delay(sm);
		{
			struct dhcp4_action *x = send_msg(sm, now,
							  DHCP4_DECLINE, out);

			if (x) {
				x->send.msg.requested = addr;
				x->send.msg.server_id = sm->pending.ack.server_id;
				x->send.msg.message = "address in use";
			}
		}
		sm->stats.declines++;
		/* A stored lease being verified may be configured. */
		drop_lease(sm, out);
		sm->hint.s_addr = 0;
		snprintf(why, sizeof(why), "%s in use, DECLINE sent",
			 ntoa(addr, s));
		enter_init(sm, now, d, "DECLINE", why, out);
		return;
	}
	if (!holds_address(sm))
		return;
	addr = sm->lease.ack.yiaddr;
	if (a->spa.s_addr != addr.s_addr)
		return;
	/*
	 * RFC 5227 §2.4 (b): "if the host has not seen any other
	 * conflicting ARP packets recently, within the last DEFEND_INTERVAL
	 * seconds, it MAY elect to attempt to defend its address by
	 * recording the time ... and then broadcasting one single ARP
	 * Announcement" ... "if this is not the first conflicting ARP
	 * packet the host has seen, and the time recorded ... is within
	 * DEFEND_INTERVAL seconds, then the host MUST immediately cease
	 * using this address".
	 */
	sm->stats.conflicts++;
	if (!sm->defending ||
	    now - sm->last_defend_ms >= sm->cfg->defend_interval_ms) {
		sm->defending = true;
		sm->last_defend_ms = now;
		sm->stats.defended++;
		send_announce(sm, out);
		return;
	}
	d = conflict_delay(sm);
	drop_lease(sm, out);
	sm->hint.s_addr = 0;
	snprintf(why, sizeof(why), "%s defended, taken again: given up",
		 ntoa(addr, s));
	enter_init(sm, now, d, "CONFLICT", why, out);
}

uint64_t dhcp4_sm_deadline(const struct dhcp4_sm *sm)
{
	return sm->deadline_ms;
}

bool dhcp4_sm_wants_raw(const struct dhcp4_sm *sm)
{
	switch (sm->state) {
	case DHCP4_STOPPED:
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
		return false;
	default:
		return true;
	}
}

bool dhcp4_sm_wants_arp(const struct dhcp4_sm *sm)
{
	if (!sm->cfg->acd)
		return false;
	switch (sm->state) {
	case DHCP4_PROBING:
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
	case DHCP4_REBINDING:
		return true;
	default:
		return false;
	}
}
