// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: the guard's decision on one frame (kmod/guard.c, with the
 * classifier and the source guard) and the hooks' inline fast path
 * (guard.h), built in userspace against tests/fuzz/kshim with its
 * stand-in binding table.  The first byte picks the port (role, source
 * guard, verify-chaddr, allow-opaque) and the direction (ingress,
 * egress, or forwarded between stations and leaving); the rest is an
 * Ethernet frame, as a station or a host behind the port sends it.  The
 * fast path must never let through untouched a frame the full decision
 * acts on, whichever way hooks.c finds a leaving frame goes, and the
 * decision must be one the hooks can act on, a link-local claim (struct
 * apedge_learn) only on a frame of Neighbor Discovery the hook passes on.
 */
#include <stdlib.h>

#include "bindings.h"
#include "guard.h"
#include "snoop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * 192.0.2.1, 2001:db8::1 and fe80::1 bound to 02:00:5e:00:53:01 on port
 * 1; fe80::2, a router's, to 02:00:5e:00:53:02 on port 2.
 */
static struct apedge_bindings *fz_bindings(void)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x01 };
	static const u8 ip4[4] = { 192, 0, 2, 1 };
	static const u8 rmac[ETH_ALEN] = { 0x02, 0, 0x5e, 0, 0x53, 0x02 };
	static const u8 ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 ll[16] = { 0xfe, 0x80, [15] = 1 };
	static const u8 rll[16] = { 0xfe, 0x80, [15] = 2 };
	static struct apedge_bindings *bt;

	if (!bt) {
		bt = kc_bindings_new();
		kc_bind(bt, AF_INET, ip4, mac, 1);
		kc_bind(bt, AF_INET6, ip6, mac, 1);
		kc_bind(bt, AF_INET6, ll, mac, 1);
		kc_bind(bt, AF_INET6, rll, rmac, 2);
	}
	return bt;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_buff skb = { 0 };
	struct apedge_decision d, other;
	struct apedge_guard g;
	unsigned char *copy;
	bool egress, forward, received, none, act;
	u8 dir;

	if (size < 1 + ETH_HLEN)
		return 0;
	memset(&g, 0, sizeof(g));
	apedge_guard_policy(&g, data[0] & 1 ? APEDGE_PORT_ROLE_UNTRUSTED :
					      APEDGE_PORT_ROLE_TRUSTED);
	g.source_guard = data[0] & 2;
	g.untrusted = data[0] & 1;
	g.verify_chaddr = data[0] & 8;
	g.allow_opaque = data[0] & 16;
	g.ifindex = 1;
	g.bt = fz_bindings();
	egress = data[0] & 4;
	forward = egress && (data[0] & 32);
	received = !egress || forward;
	dir = forward ? APEDGE_DIRECTION_FORWARD : APEDGE_DIRECTION_EGRESS;

	/* An exact-size copy, so that ASan sees any read past the end. */
	copy = malloc(size - 1);
	memcpy(copy, data + 1, size - 1);
	skb.mac_header = copy;
	memset(&d, 0, sizeof(d));
	if (egress) {
		skb.data = copy;
		skb.len = size - 1;
		none = apedge_guard_egress_none(&g, &skb);
		act = apedge_guard_egress(&g, &skb, dir, &d);
		/* The fast path comes before the direction is known. */
		if (none && apedge_guard_egress(&g, &skb,
						forward ? APEDGE_DIRECTION_EGRESS :
							  APEDGE_DIRECTION_FORWARD,
						&other))
			abort();
	} else {
		/* As at ingress: data at the network header. */
		skb.data = copy + ETH_HLEN;
		skb.len = size - 1 - ETH_HLEN;
		memcpy(&skb.protocol, copy + 12, 2);
		none = apedge_guard_ingress_none(&g, &skb);
		act = apedge_guard_ingress(&g, &skb, &d);
	}

	if (none && act)
		abort();
	if (d.sg > APEDGE_SG_DROP_CHADDR || d.pclass > APEDGE_PCLASS_MAX)
		abort();
	/* A claim rides on a frame of ND the hook acts on, received or
	 * forwarded.
	 */
	if (d.learn.op && (!act || d.sg || !received ||
			   d.learn.op < APEDGE_SNOOP_LL_CONFLICT ||
			   d.learn.op > APEDGE_SNOOP_ROUTER ||
			   d.pclass < APEDGE_POLICY_CLASS_ND_RS ||
			   d.pclass > APEDGE_POLICY_CLASS_ND_NA))
		abort();
	/* Routers are learnt on trusted ports, from what they receive;
	 * stations on untrusted ones.
	 */
	if (d.learn.op == APEDGE_SNOOP_ROUTER && (!g.trusted || egress))
		abort();
	if ((d.learn.op == APEDGE_SNOOP_LL || d.learn.op == APEDGE_SNOOP_LL_DAD) &&
	    !g.source_guard)
		abort();
	/* Link-local claims are for link-local addresses. */
	if (d.learn.op && (d.learn.addr[0] != 0xfe ||
			   (d.learn.addr[1] & 0xc0) != 0x80))
		abort();
	/* The source guard judges received (or forwarded) frames only, when on. */
	if (d.sg && d.sg != APEDGE_SG_DROP_CHADDR &&
	    (!received || !g.source_guard))
		abort();
	/* verify-chaddr judges DHCPv4 client messages an untrusted port
	 * receives (or forwards), when it is on.
	 */
	if (d.sg == APEDGE_SG_DROP_CHADDR &&
	    (!received || !g.untrusted || !g.verify_chaddr ||
	     d.pclass != APEDGE_POLICY_CLASS_DHCPV4_CLIENT))
		abort();
	/* A strict port leaves no frame opaque or tagged. */
	if (act && received && g.untrusted && !g.allow_opaque &&
	    d.cls.class != APEDGE_CLS_MALFORMED &&
	    (d.cls.flags & (APEDGE_CLSF_OPAQUE | APEDGE_CLSF_VLAN)))
		abort();
	if (act && !d.sg && (!d.pclass || d.verdict < APEDGE_VERDICT_PASS ||
			     d.verdict > APEDGE_VERDICT_REDIRECT))
		abort();
	/* Leaving, every verdict is to pass; forwarded, the port's. */
	if (act && egress && !forward && d.verdict != APEDGE_VERDICT_PASS)
		abort();
	if (act && !d.sg && (!egress || forward) &&
	    d.verdict != g.verdict[d.pclass - 1])
		abort();
	if (!act && (d.sg || d.pclass))
		abort();
	free(copy);
	return 0;
}
