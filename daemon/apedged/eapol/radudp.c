// SPDX-License-Identifier: GPL-2.0
/* The RADIUS client's UDP sockets; see radudp.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eapol/radudp.h"
#include "lib/log.h"
#include "lib/loop.h"

struct rad_udp_sock {
	struct rad_udp *u;
	unsigned int server;
	int fd;
	struct loop_watch *w;
	uint64_t errors;
};

struct rad_udp {
	struct rad_client *c;
	unsigned int n;
	struct rad_udp_sock s[RAD_SERVERS_MAX];
};

int rad_addr_parse(const char *s, uint16_t def_port,
		   struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	char host[64];
	const char *port = NULL, *colon;
	unsigned long p = def_port;
	char *end;
	size_t hl;

	if (s[0] == '[') {
		const char *rb = strchr(s, ']');

		if (!rb || (rb[1] && rb[1] != ':'))
			return -EINVAL;
		hl = (size_t)(rb - s - 1);
		if (hl >= sizeof(host))
			return -EINVAL;
		memcpy(host, s + 1, hl);
		host[hl] = 0;
		if (rb[1])
			port = rb + 2;
	} else {
		colon = strchr(s, ':');
		if (colon && strchr(colon + 1, ':'))
			colon = NULL;	/* a bare IPv6 address */
		hl = colon ? (size_t)(colon - s) : strlen(s);
		if (hl >= sizeof(host))
			return -EINVAL;
		memcpy(host, s, hl);
		host[hl] = 0;
		if (colon)
			port = colon + 1;
	}
	if (port) {
		errno = 0;
		p = strtoul(port, &end, 10);
		if (!*port || *end || errno || p > 65535)
			return -EINVAL;
	}
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)p);
		*len = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)p);
		*len = sizeof(*s6);
		return 0;
	}
	return -EINVAL;
}

static void on_readable(struct loop_watch *w, int fd, uint32_t events,
			void *data)
{
	struct rad_udp_sock *s = data;
	uint8_t buf[RAD_MAX_LEN + 1];
	int i;

	/* a bounded batch per wake-up */
	for (i = 0; i < 64; i++) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			/* ECONNREFUSED: an ICMP port unreachable */
			s->errors++;
			continue;
		}
		if (s->u->c)
			rad_client_input(s->u->c, s->server, buf, (size_t)n);
	}
}

struct rad_udp *rad_udp_new(struct loop *loop,
			    const struct sockaddr_storage *dst,
			    const socklen_t *dst_len, unsigned int n,
			    const struct sockaddr_storage *src,
			    socklen_t src_len)
{
	struct rad_udp *u;
	unsigned int i;
	int e;

	if (!n || n > RAD_SERVERS_MAX) {
		errno = EINVAL;
		return NULL;
	}
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	for (i = 0; i < RAD_SERVERS_MAX; i++)
		u->s[i].fd = -1;
	u->n = n;
	for (i = 0; i < n; i++) {
		struct rad_udp_sock *s = &u->s[i];

		s->u = u;
		s->server = i;
		s->fd = socket(dst[i].ss_family,
			       SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (s->fd < 0)
			goto fail;
		if (src && src->ss_family == dst[i].ss_family &&
		    bind(s->fd, (const struct sockaddr *)src, src_len) < 0)
			goto fail;
		if (connect(s->fd, (const struct sockaddr *)&dst[i],
			    dst_len[i]) < 0)
			goto fail;
		s->w = loop_watch_add(loop, s->fd, EPOLLIN, on_readable, s);
		if (!s->w)
			goto fail;
	}
	return u;
fail:
	e = errno;
	rad_udp_free(u);
	errno = e;
	return NULL;
}

void rad_udp_attach(struct rad_udp *u, struct rad_client *c)
{
	u->c = c;
}

void rad_udp_free(struct rad_udp *u)
{
	unsigned int i;

	if (!u)
		return;
	for (i = 0; i < RAD_SERVERS_MAX; i++) {
		loop_watch_remove(u->s[i].w);
		if (u->s[i].fd >= 0)
			close(u->s[i].fd);
	}
	free(u);
}

static int udp_send(void *ctx, unsigned int server, const uint8_t *pkt,
		    size_t len)
{
	struct rad_udp *u = ctx;
	struct rad_udp_sock *s;

	if (server >= u->n)
		return -EINVAL;
	s = &u->s[server];
	if (send(s->fd, pkt, len, MSG_DONTWAIT) < 0) {
		s->errors++;
		return -errno;
	}
	return 0;
}

const struct rad_client_ops rad_udp_ops = {
	.send = udp_send,
};

uint64_t rad_udp_errors(const struct rad_udp *u, unsigned int server)
{
	return server < u->n ? u->s[server].errors : 0;
}

int rad_secret_read(const char *path, uint8_t secret[RAD_SECRET_MAX],
		    size_t *len)
{
	uint8_t buf[RAD_SECRET_MAX + 2];
	struct stat st;
	ssize_t n;
	size_t l;
	int fd, rc = 0;

	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		rc = -errno;
	} else if (!S_ISREG(st.st_mode) || (st.st_mode & 077)) {
		rc = -EPERM;
	} else {
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			rc = -errno;
		for (l = 0; !rc && l < (size_t)n && buf[l] != '\n'; l++)
			;
		if (!rc && (l == 0 || l > RAD_SECRET_MAX))
			rc = -EINVAL;
		if (!rc) {
			memcpy(secret, buf, l);
			*len = l;
		}
	}
	close(fd);
	OPENSSL_cleanse(buf, sizeof(buf));
	if (rc)
		OPENSSL_cleanse(secret, RAD_SECRET_MAX);
	return rc;
}
