// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: dhcp6/server.c fed a sequence of messages.
 *
 * The input is a list of steps, each:
 *   1 byte   flags: bit 0 the message came by unicast, bits 1..7 how many
 *            seconds pass before it (the expiry runs then)
 *   2 bytes  length L (big-endian)
 *   L bytes  the message, parsed with dhcp6_msg_parse()
 * on a link with a 16-address range, a /60 pool cut in /62s, and one
 * reservation, so exhaustion, reuse and reservations are all reached.
 *
 * Properties checked (abort() on failure):
 * - every reply the server asks to send builds, and parses back as a
 *   REPLY or ADVERTISE with our Server ID and the client's xid;
 * - a reply that commits records has records, and each builds as a
 *   journal record;
 * - every address or prefix given lies in the range, the pool or the
 *   reservation;
 * - the table replayed from the records alone (as after a restart)
 *   holds as many bound and declined leases as the server's.
 */
#include <errno.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6/journal.h"
#include "dhcp6/server.h"
#include "dhcp6/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dhcp6_link_cfg cfg;
static const uint8_t sduid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 1 };

static void setup(void)
{
	memset(&cfg, 0, sizeof(cfg));
	strcpy(cfg.ifname, "eth0");
	cfg.n_ranges = 1;
	inet_pton(AF_INET6, "2001:db8:1::10", &cfg.ranges[0].first);
	inet_pton(AF_INET6, "2001:db8:1::1f", &cfg.ranges[0].last);
	cfg.n_pools = 1;
	inet_pton(AF_INET6, "2001:db8:100::", &cfg.pools[0].prefix);
	cfg.pools[0].plen = 60;
	cfg.pools[0].dlen = 62;
	cfg.n_resv = 1;
	cfg.resv[0].duid_len = 4;
	memcpy(cfg.resv[0].duid, "\x00\x09\x01\x02", 4);
	inet_pton(AF_INET6, "2001:db8:1::99", &cfg.resv[0].addr);
	cfg.resv[0].plen = 128;
	cfg.preferred = 100;
	cfg.valid = 200;
	cfg.rapid_commit = true;
	cfg.n_dns = 1;
	inet_pton(AF_INET6, "2001:db8::53", &cfg.dns[0]);
	cfg.sol_max_rt = 3600;
	cfg.inf_max_rt = 3600;
	cfg.reconfigure = true;
}

static void check_given(const struct dhcp6_iaaddr *a, uint16_t kind)
{
	static const uint8_t na[14] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 };

	if (!a->valid)
		return;		/* a lifetime-0 echo of the client's */
	if (kind == DHCP6_OPT_IA_NA) {
		if (memcmp(&a->addr, na, 14) ||
		    (a->addr.s6_addr[15] & 0xf0) != 0x10) {
			if (memcmp(&a->addr, &cfg.resv[0].addr, 16))
				abort();
		}
	} else {
		if (a->plen != 62 || memcmp(&a->addr, "\x20\x01\x0d\xb8\x01\x00",
					     6) ||
		    a->addr.s6_addr[6] || (a->addr.s6_addr[7] & 0xf3))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t rbuf[DHCP6_MSG_MAX], jbuf[DHCP6_JNL_REC_MAX];
	static const uint8_t rkey[DHCP6_RECONF_KEY_LEN] = { 7 };
	static struct dhcp6_out out;
	static struct dhcp6_msg m, r;
	struct dhcp6_jnl_rec exp[16];
	struct dhcp6_server s;
	struct dhcp6_leases *mirror;
	const struct dhcp6_lease_stats *a, *b;
	uint64_t now = 1000000;
	size_t off = 0;

	setup();
	if (dhcp6_server_init(&s, sduid, sizeof(sduid), 1))
		abort();
	mirror = dhcp6_leases_new(2);
	if (!mirror)
		abort();
	while (off + 3 <= size) {
		uint8_t flags = data[off];
		size_t len = (size_t)data[off + 1] << 8 | data[off + 2];
		struct dhcp6_in in = { 0 };
		unsigned int i, k, n;

		off += 3;
		if (len > size - off)
			len = size - off;
		now += flags >> 1;
		while ((n = dhcp6_server_expire(&s, now, exp, 16)))
			for (i = 0; i < n; i++)
				if (!dhcp6_lease_replay(mirror, &exp[i]))
					abort();
		if (dhcp6_msg_parse(data + off, len, &m) != DHCP6_OK) {
			off += len;
			continue;
		}
		off += len;
		in.msg = &m;
		in.link = &cfg;
		in.unicast = flags & 1;
		in.now = now;
		in.rkey_new = rkey;
		in.replay = now;
		dhcp6_server_handle(&s, &in, &out);
		/* A RECONFIGURE for what the last reply gave, if any. */
		if (out.send && out.msg.n_ia && out.msg.ia[0].n_addrs) {
			static struct dhcp6_out ro;
			const struct dhcp6_ia *g = &out.msg.ia[0];
			uint8_t pl = g->kind == DHCP6_OPT_IA_NA ? 128 :
				     g->addrs[0].plen;
			int e = dhcp6_server_reconfigure(&s, &g->addrs[0].addr,
							 pl, DHCP6_RENEW, now,
							 &ro);

			if (e && e != -ENOENT && e != -ENOKEY)
				abort();
			if (!e && (!dhcp6_msg_build(rbuf, sizeof(rbuf),
						    &ro.msg) ||
				   ro.msg.type != DHCP6_RECONFIGURE))
				abort();
		}
		if (!out.send) {
			if (out.n_recs || out.drop >= DHCP6_DROP_MAX)
				abort();
			continue;
		}
		if (out.commit != (out.n_recs > 0))
			abort();
		for (i = 0; i < out.n_recs; i++) {
			if (!dhcp6_jnl_rec_build(jbuf, sizeof(jbuf),
						 &out.recs[i]))
				abort();
			if (!dhcp6_lease_replay(mirror, &out.recs[i]))
				abort();
		}
		n = (unsigned int)dhcp6_msg_build(rbuf, sizeof(rbuf), &out.msg);
		if (!n || dhcp6_msg_parse(rbuf, n, &r) != DHCP6_OK)
			abort();
		if ((r.type != DHCP6_REPLY && r.type != DHCP6_ADVERTISE) ||
		    r.xid != m.xid || !r.has_server_id ||
		    r.server_id.bytes.len != sizeof(sduid) ||
		    memcmp(r.server_id.bytes.p, sduid, sizeof(sduid)))
			abort();
		for (i = 0; i < r.n_ia; i++)
			for (k = 0; k < r.ia[i].n_addrs; k++)
				check_given(&r.ia[i].addrs[k], r.ia[i].kind);
	}
	a = dhcp6_leases_stats(s.leases);
	b = dhcp6_leases_stats(mirror);
	if (a->bound != b->bound || a->declined != b->declined)
		abort();
	dhcp6_leases_free(mirror);
	dhcp6_server_fini(&s);
	return 0;
}
