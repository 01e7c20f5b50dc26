// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket's framing, client side.  See ctrl.h.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ctrl.h"

int ctrl_ro_path(const char *path, char *out, size_t size)
{
	static const char sock[] = ".sock";
	size_t len = strlen(path), sl = sizeof(sock) - 1;
	int n;

	if (len > sl && !strcmp(path + len - sl, sock))
		n = snprintf(out, size, "%.*s.ro.sock", (int)(len - sl), path);
	else
		n = snprintf(out, size, "%s.ro", path);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void ctrl_rx_init(struct ctrl_rx *rx, size_t max)
{
	memset(rx, 0, sizeof(*rx));
	rx->max = max < APEDGE_CTRL_REPLY_MAX ? max : APEDGE_CTRL_REPLY_MAX;
}

void ctrl_rx_free(struct ctrl_rx *rx)
{
	free(rx->buf);
	rx->buf = NULL;
	rx->len = rx->want = 0;
	rx->started = false;
}

/* "ok LENGTH\n": LENGTH, or 0 when the line is not that. */
static size_t parse_length(const char *p, size_t n, size_t *hdr)
{
	size_t i, v = 0;

	if (n < 5 || memcmp(p, "ok ", 3) || p[3] < '1' || p[3] > '9')
		return 0;
	for (i = 3; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v > (SIZE_MAX - 9) / 10 || i > 3 + 10)
			return 0;
		v = v * 10 + (size_t)(p[i] - '0');
	}
	if (i == n || p[i] != '\n')
		return 0;
	*hdr = i + 1;
	return v;
}

static int take(struct ctrl_rx *rx, const char *p, size_t n)
{
	memcpy(rx->buf + rx->len, p, n);
	rx->len += n;
	rx->buf[rx->len] = '\0';
	return rx->len == rx->want ? 1 : 0;
}

int ctrl_rx_feed(struct ctrl_rx *rx, const void *pkt, size_t n)
{
	const char *p = pkt;
	size_t body, hdr = 0;

	if (!n || n > APEDGE_CTRL_MAX || memchr(p, '\0', n))
		return -EPROTO;
	if (rx->started) {
		if (rx->len == rx->want || n > rx->want - rx->len)
			return -EPROTO;
		return take(rx, p, n);
	}

	rx->started = true;
	body = parse_length(p, n, &hdr);
	if (!body) {
		/* One packet: "ok\n..." or "error...". */
		if (!(n >= 3 && !memcmp(p, "ok\n", 3)) &&
		    !(n >= 5 && !memcmp(p, "error", 5) &&
		      (n == 5 || p[5] == ' ' || p[5] == '\n')))
			return -EPROTO;
		if ((p[0] == 'o' ? n - 3 : n) > rx->max)
			return -EMSGSIZE;
		rx->buf = malloc(n + 1);
		if (!rx->buf)
			return -ENOMEM;
		rx->want = n;
		return take(rx, p, n);
	}
	if (body > rx->max)
		return -EMSGSIZE;
	if (n - hdr > body)
		return -EPROTO;
	rx->buf = malloc(body + 3 + 1);
	if (!rx->buf)
		return -ENOMEM;
	rx->want = body + 3;
	take(rx, "ok\n", 3);
	if (n == hdr)
		return 0;
	return take(rx, p + hdr, n - hdr);
}
