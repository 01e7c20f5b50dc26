// SPDX-License-Identifier: GPL-2.0
/*
 * The hostapd control-interface client (wifi/hostapd.c) against a fake
 * hostapd: a datagram socket the test binds where hostapd's would be,
 * which reads our commands and answers or sends events like hostapd.
 * And against the attacker of Documentation/admin-guide/roaming.rst: a
 * local user (nobody) and other local sockets sending to the client's
 * socket.  Needs root for the parts that change users; they are skipped
 * otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/loop.h"
#include "wifi/hostapd.h"
#include "ut.h"

static const uint8_t MAC[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

struct env {
	char dir[40];		/* 0755, like /run */
	char ctrl[64];		/* hostapd's ctrl_interface */
	char run[64];		/* ours: made 0700 by the client */
	char sock[96];		/* our socket */
	char hapd[96];		/* the fake hostapd's socket, wlan0 */
	int fake;
	struct loop *loop;
	struct hostapd *h;
	/* What the callbacks saw. */
	int connected, kicked, kick_error;
	uint8_t mac[6];
	char *logbuf;
	size_t logsize;
	FILE *logf;
};

static void on_connected(void *data, const char *ifname, const uint8_t mac[6])
{
	struct env *e = data;

	e->connected++;
	memcpy(e->mac, mac, 6);
}

static void on_kicked(void *data, const char *ifname, const uint8_t mac[6],
		      int error)
{
	struct env *e = data;

	e->kicked++;
	e->kick_error = error;
}

static const struct hostapd_ops ops = {
	.connected = on_connected,
	.kicked = on_kicked,
};

static int bind_at(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool setup(struct env *e)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->dir, sizeof(e->dir), "/tmp/apedge-hapd-XXXXXX");
	if (!mkdtemp(e->dir) || chmod(e->dir, 0755) < 0)
		return false;
	snprintf(e->ctrl, sizeof(e->ctrl), "%s/hostapd", e->dir);
	snprintf(e->run, sizeof(e->run), "%s/run", e->dir);
	snprintf(e->sock, sizeof(e->sock), "%s/apedged.hostapd.sock", e->run);
	snprintf(e->hapd, sizeof(e->hapd), "%s/wlan0", e->ctrl);
	if (mkdir(e->ctrl, 0755) < 0)
		return false;
	e->fake = bind_at(e->hapd);
	e->logf = open_memstream(&e->logbuf, &e->logsize);
	e->loop = loop_new();
	if (e->fake < 0 || !e->logf || !e->loop)
		return false;
	log_set_stream(e->logf);
	log_set_level(LOG_DEBUG);
	loop_clock_virtual(1000000);
	e->h = hostapd_new(e->loop, &ops, e);
	return e->h && hostapd_configure(e->h, e->ctrl, e->sock) == 0;
}

static void teardown(struct env *e)
{
	char cmd[128];

	hostapd_free(e->h);
	loop_free(e->loop);
	loop_clock_real();
	log_set_stream(NULL);
	if (e->logf)
		fclose(e->logf);
	free(e->logbuf);
	if (e->fake >= 0)
		close(e->fake);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	if (e->dir[0] && system(cmd))
		fprintf(stderr, "  cannot remove %s\n", e->dir);
}

/* Let the loop read what is there, moving the clock by ms. */
static void pump(struct env *e, unsigned int ms)
{
	int i;

	for (i = 0; i < 5; i++)
		loop_iterate(e->loop, 0);
	loop_clock_advance(e->loop, ms);
	for (i = 0; i < 5; i++)
		loop_iterate(e->loop, 0);
}

/* What the fake hostapd got ("" if nothing); answers to its sender. */
static const char *fake_recv(struct env *e, const char *answer)
{
	static char buf[256];
	struct sockaddr_un from;
	socklen_t fl = sizeof(from);
	ssize_t n;

	n = recvfrom(e->fake, buf, sizeof(buf) - 1, MSG_DONTWAIT,
		     (struct sockaddr *)&from, &fl);
	if (n < 0)
		return "";
	buf[n] = '\0';
	if (answer)
		sendto(e->fake, answer, strlen(answer), 0,
		       (struct sockaddr *)&from, fl);
	return buf;
}

/* The fake hostapd sends text to our socket (as events come). */
static int fake_send(struct env *e, int fd, const char *text)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", e->sock);
	return (int)sendto(fd, text, strlen(text), 0, (struct sockaddr *)&sa,
			   sizeof(sa));
}

static unsigned int count(const char *hay, const char *needle)
{
	unsigned int n = 0;

	while (hay && (hay = strstr(hay, needle))) {
		n++;
		hay++;
	}
	return n;
}

UT_CASE(kick)
{
	struct env e;
	struct stat st;

	UT_ASSERT(setup(&e));
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == 0);
	/* Our socket: in a directory of our own, 0700, and 0600. */
	UT_EXPECT(stat(e.run, &st) == 0 && (st.st_mode & 07777) == 0700);
	UT_EXPECT(stat(e.sock, &st) == 0 && S_ISSOCK(st.st_mode) &&
		  (st.st_mode & 07777) == 0600);
	UT_EXPECT_STR(hostapd_sock_path(e.h), e.sock);
	UT_EXPECT_STR(fake_recv(&e, "OK\n"),
		      "DEAUTHENTICATE 02:11:22:33:44:55");
	pump(&e, 1);
	UT_EXPECT(e.kicked == 1 && e.kick_error == 0);
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == 0);
	UT_EXPECT_STR(fake_recv(&e, "FAIL\n"),
		      "DEAUTHENTICATE 02:11:22:33:44:55");
	pump(&e, 1);
	UT_EXPECT(e.kicked == 2 && e.kick_error == -EPERM);
	/* No answer: a timeout. */
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == 0);
	UT_EXPECT(fake_recv(&e, NULL)[0]);
	pump(&e, HOSTAPD_REPLY_TIMEOUT_MS + 600);
	UT_EXPECT(e.kicked == 3 && e.kick_error == -ETIMEDOUT);
	/* An answer nobody waits for: counted, dropped. */
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == 0);
	UT_EXPECT(fake_recv(&e, "OK\n")[0]);
	UT_EXPECT(fake_send(&e, e.fake, "OK\n") > 0);
	pump(&e, 1);
	UT_EXPECT(e.kicked == 4 && hostapd_get_stats(e.h)->unexpected == 1);
	/* Once nothing is in flight to it, it is a socket we do not know. */
	pump(&e, 600);
	UT_EXPECT(fake_send(&e, e.fake, "OK\n") > 0);
	pump(&e, 1);
	UT_EXPECT(hostapd_get_stats(e.h)->unexpected == 1 &&
		  hostapd_get_stats(e.h)->refused_addr == 1);
	/* No hostapd there. */
	UT_EXPECT(hostapd_deauth(e.h, "wlan9", MAC) == -ENOENT);
	UT_EXPECT(hostapd_get_stats(e.h)->sent == 4);
	teardown(&e);
}

UT_CASE(attach_and_events)
{
	struct env e;

	UT_ASSERT(setup(&e));
	UT_EXPECT(hostapd_attach(e.h, "wlan0") == 0);
	UT_EXPECT(!hostapd_attached(e.h, "wlan0"));
	pump(&e, 1);
	UT_EXPECT_STR(fake_recv(&e, "OK\n"), "ATTACH");
	pump(&e, 1);
	UT_EXPECT(hostapd_attached(e.h, "wlan0"));
	UT_EXPECT(fake_send(&e, e.fake, "<3>AP-STA-CONNECTED "
			    "02:11:22:33:44:55") > 0);
	UT_EXPECT(fake_send(&e, e.fake, "<3>CTRL-EVENT-EAP-STARTED "
			    "02:11:22:33:44:55") > 0);
	UT_EXPECT(fake_send(&e, e.fake, "<3>AP-STA-CONNECTED 02:11") > 0);
	pump(&e, 1);
	UT_EXPECT(e.connected == 1 && !memcmp(e.mac, MAC, 6));
	UT_EXPECT(hostapd_get_stats(e.h)->events == 2);
	UT_EXPECT(hostapd_get_stats(e.h)->malformed[HOSTAPD_ERR_MAC] == 1);
	/* hostapd restarts: a new socket; attached again. */
	close(e.fake);
	e.fake = bind_at(e.hapd);
	UT_ASSERT(e.fake >= 0);
	pump(&e, HOSTAPD_CHECK_MS + 600);
	UT_EXPECT_STR(fake_recv(&e, "OK\n"), "ATTACH");
	pump(&e, 1);
	UT_EXPECT(hostapd_attached(e.h, "wlan0"));
	UT_EXPECT(hostapd_get_stats(e.h)->attached == 2);
	fflush(e.logf);
	UT_EXPECT(strstr(e.logbuf, "hostapd wlan0: its control socket is "
			 "gone or new"));
	/* Detached: DETACH sent, events no longer taken. */
	hostapd_detach(e.h, "wlan0");
	UT_EXPECT_STR(fake_recv(&e, "OK\n"), "DETACH");
	UT_EXPECT(fake_send(&e, e.fake, "<3>AP-STA-CONNECTED "
			    "02:11:22:33:44:55") > 0);
	pump(&e, 1);
	UT_EXPECT(e.connected == 1);
	/* An absent hostapd is retried. */
	UT_EXPECT(hostapd_attach(e.h, "wlan1") == 0);
	pump(&e, 1);
	UT_EXPECT(!hostapd_attached(e.h, "wlan1"));
	fflush(e.logf);
	UT_EXPECT(strstr(e.logbuf, "hostapd wlan1: cannot attach"));
	teardown(&e);
}

/* Start fn as nobody in a child. */
static pid_t nobody_start(struct env *e, int (*fn)(struct env *e))
{
	struct passwd *pw = getpwnam("nobody");
	pid_t pid;

	if (!pw || getuid() != 0)
		return -1;
	pid = fork();
	if (!pid) {
		if (setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0)
			_exit(100);
		_exit(fn(e));
	}
	return pid;
}

/*
 * The child's exit status, or -1; the loop runs meanwhile (a datagram
 * socket's queue is short: the child's sends wait for our reads).
 */
static int nobody_wait(struct env *e, pid_t pid)
{
	int status, i;

	for (i = 0; pid > 0 && i < 10000; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (r < 0)
			return -1;
		loop_iterate(e->loop, 1);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return -1;
}

static int as_nobody(struct env *e, int (*fn)(struct env *e))
{
	return nobody_wait(e, nobody_start(e, fn));
}

/* nobody sends to our socket: 0 when the kernel refuses it (EACCES). */
static int nobody_refused(struct env *e)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	return fd >= 0 && fake_send(e, fd, "OK\n") < 0 && errno == EACCES ?
	       0 : 1;
}

/* nobody sends 100 answers and events from an unnamed socket. */
static int nobody_floods(struct env *e)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0), i, sent = 0;

	for (i = 0; fd >= 0 && i < 100; i++)
		sent += fake_send(e, fd, i % 2 ? "OK\n" :
				  "<3>AP-STA-CONNECTED 02:11:22:33:44:55") > 0;
	return sent == 100 ? 0 : 1;
}

/* nobody, bound at hostapd's path for wlan1 (its directory open). */
static int nobody_as_hostapd(struct env *e)
{
	char path[96];
	int fd, sent;

	snprintf(path, sizeof(path), "%s/wlan1", e->ctrl);
	fd = bind_at(path);
	if (fd < 0)
		return 2;
	/* Root makes it look like root's hostapd socket: still nobody. */
	while (access(path, F_OK) == 0) {
		struct stat st;

		if (stat(path, &st) == 0 && st.st_uid == 0)
			break;
		usleep(1000);
	}
	sent = fake_send(e, fd, "<3>AP-STA-CONNECTED 02:11:22:33:44:55");
	return sent > 0 ? 0 : 1;
}

UT_CASE(local_attackers)
{
	const struct hostapd_stats *st;
	struct env e;
	char path[96];
	int other, r;

	UT_ASSERT(setup(&e));
	st = hostapd_get_stats(e.h);
	UT_EXPECT(hostapd_attach(e.h, "wlan0") == 0);
	pump(&e, 1);
	UT_EXPECT_STR(fake_recv(&e, "OK\n"), "ATTACH");
	pump(&e, 1);
	UT_ASSERT(hostapd_attached(e.h, "wlan0"));

	/* Another root socket, elsewhere: refused by its address. */
	snprintf(path, sizeof(path), "%s/impostor", e.dir);
	other = bind_at(path);
	UT_ASSERT(other >= 0);
	UT_EXPECT(fake_send(&e, other, "<3>AP-STA-CONNECTED "
			    "02:11:22:33:44:55") > 0);
	UT_EXPECT(fake_send(&e, other, "OK\n") > 0);
	close(other);
	pump(&e, 1);
	UT_EXPECT(e.connected == 0 && st->refused_addr == 2);
	UT_EXPECT(st->unexpected == 0);

	if (getuid() != 0 || !getpwnam("nobody")) {
		fprintf(stderr, "  not root, or no user nobody: the local "
			"user part skipped\n");
		teardown(&e);
		return;
	}
	/* As set up: the kernel keeps nobody out (0700 directory). */
	UT_EXPECT(as_nobody(&e, nobody_refused) == 0);
	/* Even with the directory open, the socket's mode 0600 does. */
	UT_EXPECT(chmod(e.run, 0755) == 0);
	UT_EXPECT(as_nobody(&e, nobody_refused) == 0);
	/*
	 * With the socket opened up too (a mistake), what nobody sends is
	 * refused by its address, counted, and logged within the limit.
	 */
	UT_EXPECT(chmod(e.sock, 0666) == 0);
	fflush(e.logf);
	r = (int)count(e.logbuf, "refused");
	UT_EXPECT(as_nobody(&e, nobody_floods) == 0);
	pump(&e, 1);
	pump(&e, 1);
	UT_EXPECT(e.connected == 0);
	UT_EXPECT(st->refused_addr == 102);
	UT_EXPECT(st->replies == 1 && st->unexpected == 0);
	fflush(e.logf);
	UT_EXPECT(count(e.logbuf, "refused") - (unsigned int)r <= 10);
	/*
	 * nobody binds a socket at the path of a hostapd we attach to,
	 * made to look root's: its uid gives it away.
	 */
	UT_EXPECT(chmod(e.ctrl, 0777) == 0);
	UT_EXPECT(hostapd_attach(e.h, "wlan1") == 0);
	{
		pid_t pid = nobody_start(&e, nobody_as_hostapd);
		int i;

		UT_ASSERT(pid > 0);
		snprintf(path, sizeof(path), "%s/wlan1", e.ctrl);
		for (i = 0; i < 2000 && access(path, F_OK); i++)
			usleep(1000);
		UT_EXPECT(chown(path, 0, 0) == 0);
		UT_EXPECT(nobody_wait(&e, pid) == 0);
	}
	pump(&e, 1);
	UT_EXPECT(e.connected == 0);
	UT_EXPECT(st->refused_cred == 1);
	teardown(&e);
}

UT_CASE(unsafe_directory)
{
	struct env e;

	UT_ASSERT(setup(&e));
	/* Our directory writable by others: no socket there. */
	UT_EXPECT(mkdir(e.run, 0777) == 0 && chmod(e.run, 0777) == 0);
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == -EPERM);
	UT_EXPECT(!hostapd_sock_path(e.h)[0]);
	fflush(e.logf);
	UT_EXPECT(strstr(e.logbuf, "its directory must be writable by "
			 "apedged alone"));
	/* Something that is not a socket where ours goes: left alone. */
	UT_EXPECT(chmod(e.run, 0700) == 0);
	UT_EXPECT(close(open(e.sock, O_CREAT | O_WRONLY, 0600)) == 0);
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == -EEXIST);
	UT_EXPECT(unlink(e.sock) == 0);
	UT_EXPECT(hostapd_deauth(e.h, "wlan0", MAC) == 0);
	UT_EXPECT(hostapd_configure(e.h, "", e.sock) == -EINVAL);
	teardown(&e);
}

UT_MAIN("apedged_hostapd",
	UT_ENTRY(kick),
	UT_ENTRY(attach_and_events),
	UT_ENTRY(local_attackers),
	UT_ENTRY(unsafe_directory))
