// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a netlink datagram as apedged would receive it, taken
 * apart message by message with every parser of msg.c.
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

	/* A datagram, as the daemon walks it. */
	while (amsg_next(&pos, &left, &msg, &len, &err) > 0) {
		struct amsg_family fam;
		struct amsg_port port;
		struct amsg_info info;
		struct amsg_ack ack;
		struct amsg_binding b;

		if (len > size)
			abort();
		if (amsg_parse_port_event(msg, len, 0x1a, &port, &err) == 0)
			check_string(port.ifname, sizeof(port.ifname));
		amsg_parse_port(msg, len, 0, &port, &err);
		if (amsg_parse_family(msg, len, &fam, &err) == 0) {
			if (fam.n_groups > AMSG_GROUPS_MAX)
				abort();
			check_string(fam.name, sizeof(fam.name));
			amsg_family_group(&fam, "events");
		}
		if (amsg_parse_ack(msg, len, &ack, &err) == 0)
			check_string(ack.ext_msg, sizeof(ack.ext_msg));
		if (amsg_parse_info(msg, len, 0, &info, &err) == 0)
			check_string(info.version, sizeof(info.version));
		if (amsg_parse_binding(msg, len, 0, &b, &err) == 0) {
			if ((b.af != AF_INET && b.af != AF_INET6) ||
			    !b.ifindex || (b.permanent && b.lifetime) ||
			    b.origin > APEDGE_BINDING_ORIGIN_STATIC)
				abort();
		} else {
			check_string(err.msg, sizeof(err.msg));
		}
	}
	return 0;
}
