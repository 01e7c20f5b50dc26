// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the apedge family's codec (lib/amsg.c).  A netlink
 * datagram as apedged and apedgectl receive it, taken apart message by
 * message with every parser; what a parser accepts is built again and
 * must parse back to the same (parse -> build -> parse).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/apedge.h>

#include "lib/amsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_string(const char *s, size_t size)
{
	if (!memchr(s, '\0', size))
		abort();
}

static uint32_t req[AMSG_REQ_SIZE / 4];

static void port_round_trip(const struct amsg_port *p)
{
	struct amsg_port again;
	struct amsg_err err;
	unsigned int c, n = 0;
	size_t len;

	check_string(p->ifname, sizeof(p->ifname));
	for (c = 0; c < AMSG_CLASS_MAX; c++)
		n += p->policy[c] != 0;
	if (n != p->n_policy || p->policy[0])
		abort();
	len = amsg_build_port(req, sizeof(req), 0x1a, NLM_F_ACK, p->cmd, p);
	if (!len || amsg_parse_port(req, len, 0x1a, &again, &err) ||
	    memcmp(&again, p, sizeof(again)))
		abort();
}

static void binding_round_trip(const struct amsg_binding *b)
{
	static const uint8_t zero[6];
	struct amsg_binding want = *b, again;
	struct amsg_err err;
	size_t len;

	if ((b->af != AF_INET && b->af != AF_INET6) || !b->ifindex ||
	    (b->permanent && b->lifetime) ||
	    b->origin > APEDGE_BINDING_ORIGIN_STATIC)
		abort();
	check_string(b->ifname, sizeof(b->ifname));
	/* A zero MAC is "none" to the builder; the origin is not sent. */
	if (!memcmp(b->mac, zero, sizeof(zero)))
		return;
	want.origin = 0;
	len = amsg_build_binding(req, sizeof(req), 0x1a, 0,
				 APEDGE_CMD_BINDING_GET, &want);
	if (!len || amsg_parse_binding(req, len, 0x1a, &again, &err) ||
	    memcmp(&again, &want, sizeof(again)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *msg;
	size_t left = size, len;
	struct amsg_err err;

	/* One message, as the parsers are called on it directly. */
	{
		struct amsg_port ev;

		if (amsg_parse_port_event(data, size, 0, &ev, &err) == 0) {
			check_string(ev.ifname, sizeof(ev.ifname));
			if (!ev.ifindex && !ev.ifname[0])
				abort();
		}
	}

	/* A datagram, as the daemon and the tool walk it. */
	while (amsg_next(&pos, &left, &msg, &len, &err) > 0) {
		static struct amsg_stats st;
		static struct amsg_punt punt;
		struct amsg_binding_config bc;
		struct amsg_family fam;
		struct amsg_port port;
		struct amsg_info info;
		struct amsg_ack ack;
		struct amsg_binding b;
		int cmd;

		if (len > size)
			abort();
		cmd = amsg_genl_cmd(msg, len);
		if (cmd < -1 || cmd > 255)
			abort();
		if (amsg_parse_port_event(msg, len, 0x1a, &port, &err) == 0)
			check_string(port.ifname, sizeof(port.ifname));
		if (amsg_parse_port(msg, len, 0, &port, &err) == 0)
			port_round_trip(&port);
		{
			struct amsg_sta_auth sa;

			if (amsg_parse_sta_auth(msg, len, 0, &sa, &err) == 0) {
				check_string(sa.ifname, sizeof(sa.ifname));
				if (!sa.ifindex || (sa.sta[0] & 1) ||
				    sa.vlan > 4094)
					abort();
			}
		}
		{
			struct amsg_auth au, again;
			uint8_t areq[AMSG_REQ_SIZE];
			size_t alen;

			if (amsg_parse_auth(msg, len, 0, &au, &err) == 0) {
				check_string(au.ifname, sizeof(au.ifname));
				if (!au.ifindex || au.authorized > 1 ||
				    au.mode > APEDGE_AUTH_MODE_MAC ||
				    (au.has_mac && (au.mac[0] & 1)))
					abort();
				/*
				 * An auth-set of it builds, and is a request:
				 * no object the parser takes.
				 */
				alen = amsg_build_auth_set(areq, sizeof(areq),
							   0x1a, 0, au.ifindex,
							   au.ifname,
							   au.has_mac ?
							   au.mac : NULL,
							   au.authorized);
				if (!alen || amsg_genl_cmd(areq, alen) !=
				    APEDGE_CMD_AUTH_SET)
					abort();
				if (amsg_parse_auth(areq, alen, 0x1a, &again,
						    &err) == 0)
					abort();
			}
		}
		if (amsg_parse_family(msg, len, &fam, &err) == 0) {
			if (fam.n_groups > AMSG_GROUPS_MAX)
				abort();
			check_string(fam.name, sizeof(fam.name));
			amsg_family_group(&fam, "events");
		}
		amsg_event_kind(msg, len, 0x1a);
		if (amsg_parse_ack(msg, len, &ack, &err) == 0) {
			check_string(ack.ext_msg, sizeof(ack.ext_msg));
			if (ack.error > 0 || ack.error < -4095)
				abort();
		}
		if (amsg_parse_info(msg, len, 0, &info, &err) == 0)
			check_string(info.version, sizeof(info.version));
		if (amsg_parse_binding(msg, len, 0, &b, &err) == 0)
			binding_round_trip(&b);
		else
			check_string(err.msg, sizeof(err.msg));
		amsg_parse_binding_config(msg, len, 0, &bc, &err);
		if (amsg_parse_stats(msg, len, 0, &st, &err) == 0) {
			check_string(st.ifname, sizeof(st.ifname));
			if (st.n_counters > AMSG_COUNTERS_MAX)
				abort();
		}
		if (amsg_parse_punt(msg, len, 0, &punt, &err) == 0 &&
		    punt.caplen > sizeof(punt.packet))
			abort();
	}
	return 0;
}
