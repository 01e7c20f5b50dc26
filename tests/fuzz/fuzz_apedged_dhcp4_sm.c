// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp4/sm.c driven by a sequence of events read from
 * the input: replies (of any type, our transaction's or not, from one of
 * a few servers, for one of a few addresses, with random lease times),
 * ARP packets, timeouts (at the deadline, early, or after a jump of the
 * clock), and the commands (start with or without a stored lease, stop,
 * renew, rebind, release).  The randomness is read from the input too.
 *
 * Properties checked after every step (abort() on failure):
 * - the state is valid and the deadline is UINT64_MAX or not before now;
 * - the actions fit, with room to spare (no step comes near the cap);
 * - every SEND builds into a message that parses back as its type;
 * - APPLY, UNAPPLY and STORE carry a lease; the last STATE action names
 *   the state the machine is in; STOPPED has no deadline;
 * - a machine in INIT, SELECTING or REQUESTING holds no lease, and one
 *   in BOUND, RENEWING or REBINDING holds one;
 * - no time jump makes a step emit actions while the clock stands still
 *   on its own deadline again and again (no busy loop): 64 timeouts in a
 *   row at the same instant are refused.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp4/sm.h"
#include "lib/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t left;
};

static uint8_t u8(struct in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static uint32_t u32(struct in *in)
{
	return (uint32_t)u8(in) << 24 | (uint32_t)u8(in) << 16 |
	       (uint32_t)u8(in) << 8 | u8(in);
}

static uint32_t fuzz_random(void *ctx)
{
	return u32(ctx);
}

static const uint8_t MAC[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t OTHER[6] = { 2, 0, 0, 0, 0, 2 };

static struct in_addr pick_addr(uint8_t v)
{
	static const char *const a[] = {
		"192.0.2.10", "192.0.2.11", "0.0.0.0", "224.0.0.1",
		"127.0.0.1", "192.0.2.1", "192.0.2.2", "255.255.255.255",
	};
	struct in_addr r;

	inet_pton(AF_INET, a[v % 8], &r);
	return r;
}

static void check(const struct dhcp4_sm *sm, uint64_t now,
		  const struct dhcp4_actions *out)
{
	static uint8_t buf[DHCP4_MSG_MAX];
	const struct dhcp4_action *last = NULL;
	uint64_t d = dhcp4_sm_deadline(sm);
	unsigned int i;

	if ((unsigned int)sm->state >= DHCP4_STATE_MAX)
		abort();
	if (d != UINT64_MAX && d < now)
		abort();
	if (out->n > DHCP4_ACTIONS_MAX - 4)
		abort();
	for (i = 0; i < out->n; i++) {
		const struct dhcp4_action *a = &out->a[i];
		struct dhcp4_msg m;
		size_t n;

		switch (a->type) {
		case DHCP4_ACT_SEND:
			n = dhcp4_msg_build(buf, sizeof(buf), &a->send.msg);
			if (!n || dhcp4_msg_parse(buf, n, &m) ||
			    m.type != a->send.msg.type)
				abort();
			break;
		case DHCP4_ACT_APPLY:
		case DHCP4_ACT_UNAPPLY:
		case DHCP4_ACT_STORE:
			if (!a->lease)
				abort();
			break;
		case DHCP4_ACT_STATE:
			if ((unsigned int)a->state.to >= DHCP4_STATE_MAX ||
			    !a->state.reason)
				abort();
			last = a;
			break;
		case DHCP4_ACT_ARP:
		case DHCP4_ACT_FORGET:
			break;
		default:
			abort();
		}
	}
	if (last && last->state.to != sm->state)
		abort();
	if (sm->state == DHCP4_STOPPED && d != UINT64_MAX)
		abort();
	switch (sm->state) {
	case DHCP4_INIT:
	case DHCP4_SELECTING:
	case DHCP4_REQUESTING:
		if (sm->have_lease)
			abort();
		break;
	case DHCP4_BOUND:
	case DHCP4_RENEWING:
	case DHCP4_REBINDING:
		if (!sm->have_lease)
			abort();
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dhcp4_sm sm;
	static struct dhcp4_sm_config cfg;
	static struct dhcp4_actions out;
	struct in in = { data, size };
	uint64_t now = 1000000, last_fire = 0;
	unsigned int same = 0, steps = 0;
	uint8_t flags = u8(&in);

	log_set_level(LOG_ERR);
	dhcp4_sm_config_default(&cfg);
	cfg.acd = flags & 1;
	cfg.announce_num = (flags >> 1) & 3;
	cfg.probe_num = (flags >> 3) & 3;
	if (flags & 0x20) {	/* small timings: reach more states */
		cfg.retrans_min_ms = 1 + u8(&in);
		cfg.retrans_max_ms = cfg.retrans_min_ms * 4;
		cfg.retrans_jitter_ms = u8(&in);
		cfg.nak_delay_min_ms = 0;
		cfg.nak_delay_max_ms = u8(&in);
		cfg.max_conflicts = 1 + (u8(&in) & 3);
		cfg.probe_wait_ms = u8(&in);
	}
	dhcp4_sm_init(&sm, &cfg, "fz0", MAC, fuzz_random, &in);

	while (in.left && steps++ < 4096) {
		uint8_t op = u8(&in);

		switch (op % 10) {
		case 0:
		case 1: {	/* a reply */
			struct dhcp4_msg m;
			uint8_t f = u8(&in), g = u8(&in);

			memset(&m, 0, sizeof(m));
			m.op = f & 1 ? 1 : 2;
			m.htype = 1;
			m.hlen = 6;
			m.xid = f & 2 ? u32(&in) : sm.xid;
			memcpy(m.chaddr, f & 4 ? OTHER : MAC, 6);
			m.type = (enum dhcp4_type)(g % 9);
			m.yiaddr = pick_addr(g >> 4);
			m.has_server_id = !(f & 8);
			m.server_id = pick_addr(5 + ((f >> 4) & 1));
			m.has_lease = !(f & 0x20);
			m.lease_s = f & 0x40 ? u32(&in) : u8(&in);
			m.has_t1 = f & 0x80;
			m.t1_s = u8(&in);
			m.has_t2 = g & 8;
			m.t2_s = u8(&in) * 2u;
			dhcp4_sm_rx(&sm, now, &m, m.server_id, &out);
			break;
		}
		case 2: {	/* ARP */
			struct dhcp4_arp a;
			uint8_t f = u8(&in);

			memset(&a, 0, sizeof(a));
			a.op = f & 1 ? DHCP4_ARP_REPLY : DHCP4_ARP_REQUEST;
			memcpy(a.sha, f & 2 ? MAC : OTHER, 6);
			a.spa = pick_addr(f >> 2);
			a.tpa = pick_addr(f >> 5);
			dhcp4_sm_arp(&sm, now, &a, &out);
			break;
		}
		case 3:
		case 4:
		case 5: {	/* the timer */
			uint64_t d = dhcp4_sm_deadline(&sm);

			if (d == UINT64_MAX)
				continue;
			now = d;
			if (now == last_fire) {
				if (++same > 64)
					abort();	/* a busy loop */
			} else {
				same = 0;
			}
			last_fire = now;
			dhcp4_sm_timeout(&sm, now, &out);
			break;
		}
		case 6:		/* time passes, maybe a lot; a timeout */
			now += (uint64_t)u32(&in) >> (u8(&in) & 31);
			dhcp4_sm_timeout(&sm, now, &out);
			break;
		case 7: {	/* start, stop */
			uint8_t f = u8(&in);

			if (f & 1) {
				dhcp4_sm_stop(&sm, now, f & 2, &out);
			} else if (f & 2) {
				struct dhcp4_lease l;

				memset(&l, 0, sizeof(l));
				l.ack.yiaddr = pick_addr(f >> 2);
				l.ack.server_id = pick_addr(f >> 5);
				l.ack.has_server_id = true;
				l.lease_s = u8(&in);
				l.t1_s = l.lease_s / 2;
				l.t2_s = l.lease_s * 7 / 8;
				l.acquired_ms = now;
				dhcp4_sm_start(&sm, now, &l, &out);
			} else {
				dhcp4_sm_start(&sm, now, NULL, &out);
			}
			break;
		}
		case 8:
			if (op & 0x10)
				dhcp4_sm_rebind(&sm, now, &out);
			else
				dhcp4_sm_renew(&sm, now, &out);
			break;
		default:
			dhcp4_sm_release(&sm, now, &out);
			break;
		}
		check(&sm, now, &out);
	}
	return 0;
}
