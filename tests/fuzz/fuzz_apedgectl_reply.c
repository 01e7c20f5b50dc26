// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: apedgectl's parsers of netlink replies, errors and the
 * daemon's control replies, and the printing of what they accept.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "apedgectl/ctl.h"
#include "apedgectl/output.h"
#include "apedgectl/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	const struct nlmsghdr *nlh;
	struct actl_info info;
	struct actl_port port;
	struct actl_stats st;
	struct out o;
	uint32_t grp;
	uint16_t id;
	char msg[256], *copy;
	const char *body;
	int len = size, err;
	void *buf;

	if (!null)
		null = fopen("/dev/null", "w");
	/* Aligned, as a receive buffer is. */
	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	for (nlh = buf; actl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		out_init(&o, null, size & 1, size & 2);
		if (!actl_parse_info(nlh, &info))
			out_info(&o, &info);
		if (!actl_parse_port(nlh, &port)) {
			out_port(&o, &port);
			out_event(&o, "port-add", &port);
		}
		if (!actl_parse_stats(nlh, &st))
			out_stats(&o, &st);
		actl_parse_family(nlh, "events", &id, &grp);
		actl_parse_error(nlh, &err, msg, sizeof(msg));
	}
	free(buf);

	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	actl_ctl_split(copy, &body);
	free(copy);
	return 0;
}
