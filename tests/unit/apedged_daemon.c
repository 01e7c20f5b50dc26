// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon object end to end, on this host where the apedge module is
 * normally absent: start from a config file, answer on the control socket,
 * reload on request and on SIGHUP, stop on SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "apedged/daemon.h"
#include "apedged/config_file.h"
#include "lib/log.h"
#include "ut.h"

struct env {
	char dir[32];
	char conf[64];
	char sock[96];
	char sock2[96];
	char ro[96];
	struct apedged *d;
	char *logbuf;
	size_t logsize;
	FILE *logf;
};

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Send req, pumping the daemon until the reply comes; "" on failure. */
static const char *ask(struct env *e, const char *sock, const char *req,
		       char *reply, size_t size)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, i;
	ssize_t n = -1;

	reply[0] = '\0';
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return reply;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(fd, req, strlen(req), 0) < 0) {
		close(fd);
		return reply;
	}
	for (i = 0; i < 100 && n < 0; i++) {
		apedged_iterate(e->d, 10);
		n = recv(fd, reply, size - 1, 0);
	}
	reply[n > 0 ? n : 0] = '\0';
	close(fd);
	return reply;
}

/* A connection that asked for events; -1 on failure. */
static int monitor(struct env *e, const char *sock)
{
	char reply[256];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, i;
	ssize_t n = -1;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(fd, "monitor", 7, 0) < 0) {
		close(fd);
		return -1;
	}
	for (i = 0; i < 100 && n < 0; i++) {
		apedged_iterate(e->d, 10);
		n = recv(fd, reply, sizeof(reply) - 1, 0);
	}
	if (n < 0 || strncmp(reply, "ok\n", 3)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The next event on fd; "" when none comes. */
static const char *event(struct env *e, int fd, char *buf, size_t size)
{
	ssize_t n = -1;
	int i;

	for (i = 0; i < 100 && n < 0; i++) {
		n = recv(fd, buf, size - 1, MSG_DONTWAIT);
		if (n < 0)
			apedged_iterate(e->d, 10);
	}
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void pump(struct env *e)
{
	int i;

	for (i = 0; i < 10; i++)
		apedged_iterate(e->d, 10);
	fflush(e->logf);
}

UT_CASE(lifecycle)
{
	struct env e = { .dir = "/tmp/apedged-ut-XXXXXX" };
	struct apedged_opts opts = { 0 };
	char reply[4096], err[256], text[512];
	struct config cfg;
	struct stat st;
	int mon = -1;

	UT_ASSERT(mkdtemp(e.dir));
	snprintf(e.conf, sizeof(e.conf), "%s/apedged.conf", e.dir);
	snprintf(e.sock, sizeof(e.sock), "%s/run/apedged.sock", e.dir);
	snprintf(e.sock2, sizeof(e.sock2), "%s/run2/apedged.sock", e.dir);
	snprintf(e.ro, sizeof(e.ro), "%s/run/apedged.ro.sock", e.dir);
	snprintf(text, sizeof(text),
		 "[general]\nctrl_socket = %s\n[port lo]\nrole = trusted\n",
		 e.sock);
	UT_ASSERT(write_file(e.conf, text) == 0);
	e.logf = open_memstream(&e.logbuf, &e.logsize);
	UT_ASSERT(e.logf);
	log_set_stream(e.logf);

	UT_ASSERT(config_load(e.conf, &cfg, err, sizeof(err)) == 0);
	opts.config_path = e.conf;
	e.d = apedged_new(&opts, &cfg);
	UT_ASSERT(e.d);
	if (apedged_start(e.d) < 0) {
		fprintf(stderr, "  cannot start here; skipped\n");
		goto out;
	}
	UT_ASSERT(stat(e.sock, &st) == 0);
	UT_EXPECT((st.st_mode & 0777) == 0600);
	/* The read-only socket beside it. */
	UT_ASSERT(stat(e.ro, &st) == 0);
	UT_EXPECT((st.st_mode & 0777) == 0666);
	pump(&e);

	ask(&e, e.sock, "status", reply, sizeof(reply));
	UT_EXPECT(strncmp(reply, "ok\n{", 4) == 0);
	if (!strstr(reply, "\"module\": \"connected\"")) {
		/* The usual case here: the module is absent. */
		UT_EXPECT(strstr(reply, "\"module\": \"absent\"") != NULL);
		UT_EXPECT(strstr(reply, "\"family_id\": 0") != NULL);
		UT_EXPECT(strstr(e.logbuf, "kernel module not loaded") !=
			  NULL);
	}
	UT_EXPECT(strstr(reply, "{\"ifname\": \"lo\", \"role\": \"trusted\", "
			 "\"attached\": ") != NULL);
	UT_EXPECT(strstr(reply, "\"log_level\": \"info\"") != NULL);

	UT_EXPECT_STR(ask(&e, e.sock, "ping", reply, sizeof(reply)),
		      "ok\n{\"pong\": true}\n");
	UT_EXPECT_STR(ask(&e, e.sock, "frobnicate", reply, sizeof(reply)),
		      "error unknown command 'frobnicate'\n");
	UT_EXPECT_STR(ask(&e, e.sock, "status now", reply, sizeof(reply)),
		      "error usage: status\n");
	UT_EXPECT_STR(ask(&e, e.sock, "sta authorize", reply, sizeof(reply)),
		      "error usage: sta authorize MAC\n");

	/* The read-only socket: reads, and the control counters. */
	ask(&e, e.ro, "status", reply, sizeof(reply));
	UT_EXPECT(strncmp(reply, "ok\n{", 4) == 0);
	UT_EXPECT(strstr(reply, ", \"control\": {\"clients\": 1, "
			 "\"monitors\": 0, ") != NULL);
	UT_EXPECT(strstr(ask(&e, e.ro, "reload", reply, sizeof(reply)),
			 "error permission denied: 'reload'") == reply);
	UT_EXPECT(strstr(ask(&e, e.ro, "sta del 02:00:00:00:00:01", reply,
			     sizeof(reply)),
			 "error permission denied: 'sta del'") == reply);

	/* A monitor hears of stations and reloads. */
	mon = monitor(&e, e.sock);
	UT_EXPECT(mon >= 0);
	UT_EXPECT_STR(ask(&e, e.sock, "sta add lo 02:00:00:00:00:01 "
			  "authorized", reply, sizeof(reply)), "ok\n{}\n");
	UT_EXPECT(strstr(event(&e, mon, reply, sizeof(reply)),
			 "{\"event\": \"sta-associated\", \"time\": ") ==
		  reply);
	UT_EXPECT(strstr(reply, ", \"ifname\": \"lo\", \"mac\": "
			 "\"02:00:00:00:00:01\"}\n"));
	UT_EXPECT(strstr(event(&e, mon, reply, sizeof(reply)),
			 "{\"event\": \"sta-authorized\"") == reply);
	UT_EXPECT(strstr(reply, "\"mac\": \"02:00:00:00:00:01\", "
			 "\"vlan\": 0}\n"));
	UT_EXPECT_STR(ask(&e, e.sock, "sta del 02:00:00:00:00:01", reply,
			  sizeof(reply)), "ok\n{}\n");
	UT_EXPECT(strstr(event(&e, mon, reply, sizeof(reply)),
			 "{\"event\": \"sta-gone\"") == reply);
	UT_EXPECT(strstr(ask(&e, e.sock, "sta show", reply, sizeof(reply)),
			 "ok\n{\"stations\": []}") == reply);

	/* A broken file: the reload fails and nothing changes. */
	UT_ASSERT(write_file(e.conf, "[general]\nlog_level = loud\n") == 0);
	ask(&e, e.sock, "reload", reply, sizeof(reply));
	UT_EXPECT(strstr(reply, "error reload failed: ") == reply);
	UT_EXPECT(strstr(reply, "apedged.conf:2: invalid log_level 'loud'"));
	UT_EXPECT(strstr(event(&e, mon, reply, sizeof(reply)),
			 "{\"event\": \"reload\"") == reply);
	UT_EXPECT(strstr(reply, "\"ok\": false, \"error\": \"") != NULL);
	/* A group that does not exist: the same. */
	snprintf(text, sizeof(text), "[general]\nctrl_socket = %s\n"
		 "monitor_group = apedge-no-such-group\n", e.sock);
	UT_ASSERT(write_file(e.conf, text) == 0);
	UT_EXPECT_STR(ask(&e, e.sock, "reload", reply, sizeof(reply)),
		      "error reload failed: monitor_group: no group "
		      "'apedge-no-such-group'\n");
	event(&e, mon, reply, sizeof(reply));

	/* A good one moves the socket and changes the ports. */
	snprintf(text, sizeof(text),
		 "[general]\nctrl_socket = %s\nlog_level = debug\n"
		 "[port lo]\n[port dummy7]\n", e.sock2);
	UT_ASSERT(write_file(e.conf, text) == 0);
	UT_EXPECT_STR(ask(&e, e.sock, "reload", reply, sizeof(reply)),
		      "ok\n{\"reloaded\": true, \"ports\": 2}\n");
	UT_EXPECT(strstr(event(&e, mon, reply, sizeof(reply)),
			 "{\"event\": \"reload\"") == reply);
	UT_EXPECT(strstr(reply, "\"ok\": true, \"ports\": 2}\n") != NULL);
	pump(&e);
	/* Both sockets moved; the monitor went with the old one. */
	UT_EXPECT(stat(e.sock, &st) < 0 && errno == ENOENT);
	UT_EXPECT(stat(e.ro, &st) < 0 && errno == ENOENT);
	UT_EXPECT(recv(mon, reply, sizeof(reply), MSG_DONTWAIT) == 0);
	close(mon);
	ask(&e, e.sock2, "status", reply, sizeof(reply));
	UT_EXPECT(strstr(reply, "\"log_level\": \"debug\"") != NULL);
	UT_EXPECT(strstr(reply, "{\"ifname\": \"lo\", \"role\": "
			 "\"untrusted\"") != NULL);
	UT_EXPECT(strstr(reply, "\"ifname\": \"dummy7\"") != NULL);

	/* SIGHUP reloads too. */
	snprintf(text, sizeof(text), "[general]\nctrl_socket = %s\n", e.sock2);
	UT_ASSERT(write_file(e.conf, text) == 0);
	kill(getpid(), SIGHUP);
	pump(&e);
	UT_EXPECT(strstr(e.logbuf, "received SIGHUP") != NULL);
	UT_EXPECT(strstr(e.logbuf, "configuration reloaded from") != NULL);
	ask(&e, e.sock2, "status", reply, sizeof(reply));
	UT_EXPECT(strstr(reply, "\"ports\": []") != NULL);

	/* SIGTERM stops it cleanly. */
	kill(getpid(), SIGTERM);
	UT_EXPECT(apedged_run(e.d) == 0);
	fflush(e.logf);
	UT_EXPECT(strstr(e.logbuf, "received SIGTERM; shutting down") != NULL);

out:
	apedged_free(e.d);
	UT_EXPECT(stat(e.sock2, &st) < 0);	/* removed */
	log_set_stream(NULL);
	fclose(e.logf);
	if (getenv("UT_VERBOSE"))
		fputs(e.logbuf, stderr);
	free(e.logbuf);
	unlink(e.conf);
	snprintf(text, sizeof(text), "%s/run", e.dir);
	rmdir(text);
	snprintf(text, sizeof(text), "%s/run2", e.dir);
	rmdir(text);
	rmdir(e.dir);
}

UT_MAIN("apedged_daemon", UT_ENTRY(lifecycle))
