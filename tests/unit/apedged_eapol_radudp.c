// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of eapol/radudp.c: the server address parser, the secret
 * file reader (its modes, lengths and newline), and a round trip through
 * real UDP sockets on the loopback: a request out, the server's reply in
 * through the connected socket, a reply from another port never seen.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "eapol/radudp.h"
#include "lib/loop.h"
#include "ut.h"

UT_CASE(addr_parse)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;

	UT_ASSERT(rad_addr_parse("192.0.2.1", 1812, &ss, &len) == 0);
	UT_EXPECT(s4->sin_family == AF_INET && ntohs(s4->sin_port) == 1812 &&
		  len == sizeof(*s4));
	UT_ASSERT(rad_addr_parse("192.0.2.1:18120", 1812, &ss, &len) == 0);
	UT_EXPECT(ntohs(s4->sin_port) == 18120);
	UT_ASSERT(rad_addr_parse("2001:db8::1", 1812, &ss, &len) == 0);
	UT_EXPECT(s6->sin6_family == AF_INET6 && ntohs(s6->sin6_port) == 1812);
	UT_ASSERT(rad_addr_parse("[2001:db8::1]:1645", 1812, &ss, &len) == 0);
	UT_EXPECT(ntohs(s6->sin6_port) == 1645 && len == sizeof(*s6));
	UT_EXPECT(rad_addr_parse("[2001:db8::1]", 7, &ss, &len) == 0 &&
		  ntohs(s6->sin6_port) == 7);
	UT_EXPECT(rad_addr_parse("", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("radius.example.org", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("192.0.2.1:", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("192.0.2.1:65536", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("192.0.2.1:-1", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("192.0.2.1:12x", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("[2001:db8::1", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("[2001:db8::1]x", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("192.0.2.256", 1812, &ss, &len) < 0);
	UT_EXPECT(rad_addr_parse("[192.0.2.1]:1", 1812, &ss, &len) == 0);
	UT_EXPECT(rad_addr_parse(
		"1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:cccc:"
		"dddd", 1812, &ss, &len) < 0);
}

static int write_file(const char *path, const char *text, size_t n,
		      mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) || write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

UT_CASE(secret_file)
{
	char dir[] = "/tmp/ut-radudp.XXXXXX", path[64], big[200];
	uint8_t s[RAD_SECRET_MAX];
	size_t len;

	UT_ASSERT(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/secret", dir);
	UT_ASSERT(write_file(path, "xyzzy5461\nmore\n", 15, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == 0 && len == 9 &&
		  !memcmp(s, "xyzzy5461", 9));
	UT_ASSERT(write_file(path, "no-newline", 10, 0400) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == 0 && len == 10);
	/* readable by others, by the group: refused */
	UT_ASSERT(write_file(path, "xyzzy5461\n", 10, 0644) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == -EPERM && len == 0);
	UT_ASSERT(write_file(path, "xyzzy5461\n", 10, 0640) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == -EPERM);
	/* empty, an empty first line, 128 and 129 octets */
	UT_ASSERT(write_file(path, "", 0, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == -EINVAL);
	UT_ASSERT(write_file(path, "\nx\n", 3, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == -EINVAL);
	memset(big, 'k', sizeof(big));
	big[128] = '\n';
	UT_ASSERT(write_file(path, big, 129, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == 0 && len == 128);
	UT_ASSERT(write_file(path, big, 128, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == 0 && len == 128);
	big[128] = 'k';
	UT_ASSERT(write_file(path, big, 130, 0600) == 0);
	UT_EXPECT(rad_secret_read(path, s, &len) == -EINVAL);
	/* not a regular file, absent */
	UT_EXPECT(rad_secret_read(dir, s, &len) < 0);
	unlink(path);
	UT_EXPECT(rad_secret_read(path, s, &len) == -ENOENT);
	rmdir(dir);
}

struct got {
	int calls;
	enum rad_result res;
};

static void on_reply(void *user, enum rad_result res,
		     const struct rad_reply *r)
{
	struct got *g = user;

	g->calls++;
	g->res = res;
}

/* An Access-Accept to req, signed with secret. */
static size_t accept_for(uint8_t *out, const uint8_t *req, const char *sec)
{
	struct rad_msg m;
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	unsigned int k;
	size_t n;

	rad_msg_init(&m, RAD_ACCESS_ACCEPT, req[1], req + 4);
	rad_put_msgauth(&m);
	n = rad_msg_finish(&m, (const uint8_t *)sec, strlen(sec));
	EVP_DigestInit_ex(x, EVP_md5(), NULL);
	EVP_DigestUpdate(x, m.buf, n);
	EVP_DigestUpdate(x, sec, strlen(sec));
	EVP_DigestFinal_ex(x, m.buf + 4, &k);
	EVP_MD_CTX_free(x);
	memcpy(out, m.buf, n);
	return n;
}

UT_CASE(loopback_round_trip)
{
	struct sockaddr_storage dst;
	struct sockaddr_in sin = { .sin_family = AF_INET }, peer;
	socklen_t dl, pl = sizeof(peer);
	struct rad_client_cfg cfg = { .n_servers = 1 };
	struct rad_access a = { .user_name = "bob", .user_password = "pw" };
	struct rad_client *c;
	struct rad_udp *u;
	struct loop *l;
	struct got g = { 0 };
	uint8_t req[RAD_MAX_LEN], rep[RAD_MAX_LEN];
	ssize_t n;
	size_t rn;
	struct timeval tmo = { .tv_sec = 2 };
	int srv, other, i;

	srv = socket(AF_INET, SOCK_DGRAM, 0);
	other = socket(AF_INET, SOCK_DGRAM, 0);
	UT_ASSERT(srv >= 0 && other >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	UT_ASSERT(bind(srv, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	UT_ASSERT(bind(other, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	/* a broken client must not hang the test */
	UT_ASSERT(setsockopt(srv, SOL_SOCKET, SO_RCVTIMEO, &tmo,
			     sizeof(tmo)) == 0);
	dl = sizeof(sin);
	UT_ASSERT(getsockname(srv, (struct sockaddr *)&sin, &dl) == 0);
	memcpy(&dst, &sin, sizeof(sin));
	l = loop_new();
	UT_ASSERT(l);
	u = rad_udp_new(l, &dst, &dl, 1, NULL, 0);
	UT_ASSERT(u);
	strcpy(cfg.server[0].name, "lo");
	memcpy(cfg.server[0].secret, "s3cret", 6);
	cfg.server[0].secret_len = 6;
	c = rad_client_new(l, &cfg, &rad_udp_ops, u);
	UT_ASSERT(c);
	rad_udp_attach(u, c);
	UT_ASSERT(rad_client_access(c, &a, on_reply, &g) > 0);
	n = recvfrom(srv, req, sizeof(req), 0, (struct sockaddr *)&peer, &pl);
	UT_ASSERT(n >= RAD_HDR_LEN && req[0] == RAD_ACCESS_REQUEST);
	rn = accept_for(rep, req, "s3cret");
	/* from another port first: the connected socket never sees it */
	UT_ASSERT(sendto(other, rep, rn, 0, (struct sockaddr *)&peer, pl) ==
		  (ssize_t)rn);
	for (i = 0; i < 5; i++)
		loop_iterate(l, 20);
	UT_EXPECT(g.calls == 0 &&
		  rad_client_stats(c, 0)->packets_dropped == 0);
	/* then from the server */
	UT_ASSERT(sendto(srv, rep, rn, 0, (struct sockaddr *)&peer, pl) ==
		  (ssize_t)rn);
	for (i = 0; i < 20 && !g.calls; i++)
		loop_iterate(l, 50);
	UT_EXPECT(g.calls == 1 && g.res == RAD_ACCEPT);
	UT_EXPECT(rad_udp_errors(u, 0) == 0);
	rad_client_free(c);
	rad_udp_free(u);
	loop_free(l);
	close(srv);
	close(other);
}

UT_CASE(bad_arguments)
{
	struct sockaddr_storage dst;
	socklen_t dl = sizeof(dst);

	memset(&dst, 0, sizeof(dst));
	UT_EXPECT(!rad_udp_new(NULL, &dst, &dl, 0, NULL, 0));
	UT_EXPECT(!rad_udp_new(NULL, &dst, &dl, RAD_SERVERS_MAX + 1, NULL, 0));
	rad_udp_free(NULL);
}

UT_MAIN("eapol_radudp",
	UT_ENTRY(addr_parse),
	UT_ENTRY(secret_file),
	UT_ENTRY(loopback_round_trip),
	UT_ENTRY(bad_arguments),
)
