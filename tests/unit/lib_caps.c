// SPDX-License-Identifier: GPL-2.0
/*
 * Dropping privilege: each case drops in a child process (it cannot be
 * undone) and checks what the kernel says in /proc/self/status, then that
 * the kept capabilities still work and the dropped ones do not.  The
 * cases that drop need root; without it they say so and check nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/caps.h"
#include "ut.h"

#define BIT(c) (1ULL << (c))
/* apedged's three. */
#define KEEP (BIT(CAP_NET_ADMIN) | BIT(CAP_NET_RAW) | BIT(CAP_NET_BIND_SERVICE))

static char scratch[] = "/tmp/apedge-caps.XXXXXX";

static void scratch_remove(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/file", scratch);
	unlink(path);
	snprintf(path, sizeof(path), "%s/secret", scratch);
	unlink(path);
	snprintf(path, sizeof(path), "%s/made", scratch);
	rmdir(path);
	rmdir(scratch);
}

/* Root, and a scratch directory that any user may enter. */
static bool need_root(void)
{
	if (geteuid() != 0) {
		printf("  skipped: needs root to drop privilege\n");
		return false;
	}
	if (scratch[sizeof(scratch) - 2] == 'X') {
		if (!mkdtemp(scratch) || chmod(scratch, 0755) < 0) {
			perror("scratch directory");
			exit(1);
		}
		atexit(scratch_remove);
	}
	return true;
}

/* A line "Key:\tvalue" of /proc/self/status, value into buf. */
static bool status_field(const char *key, char *buf, size_t size)
{
	char line[256];
	size_t klen = strlen(key);
	bool found = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			char *v = line + klen + 1;

			size_t n;

			v += strspn(v, " \t");
			n = strcspn(v, "\n");
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			v[n] = '\0';
			snprintf(buf, size, "%s", v);
			found = true;
			break;
		}
	fclose(f);
	return found;
}

static uint64_t status_caps(const char *key)
{
	char v[64];

	return status_field(key, v, sizeof(v)) ? strtoull(v, NULL, 16)
					       : ~0ULL;
}

/* The kept capabilities at work. */
static void check_kept(int *ut_failed)
{
	int fd, sz = 1 << 20, port;

	/* CAP_NET_ADMIN: a receive buffer over the limit. */
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	UT_ASSERT(fd >= 0);
	UT_EXPECT(setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz,
			     sizeof(sz)) == 0);
	close(fd);
	/* CAP_NET_RAW: a packet socket. */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	UT_EXPECT(fd >= 0);
	if (fd >= 0)
		close(fd);
	/* CAP_NET_BIND_SERVICE: a port below 1024, when those need it. */
	fd = open("/proc/sys/net/ipv4/ip_unprivileged_port_start", O_RDONLY);
	if (fd >= 0) {
		char b[16] = "";

		if (read(fd, b, sizeof(b) - 1) < 0 || atoi(b) < 1024)
			b[0] = '\0';
		close(fd);
		if (!b[0])
			return;
	}
	for (port = 700; port < 800; port++) {
		struct sockaddr_in sa = {
			.sin_family = AF_INET,
			.sin_port = htons((uint16_t)port),
			.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		};
		int r;

		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		UT_ASSERT(fd >= 0);
		r = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
		close(fd);
		if (r == 0 || errno != EADDRINUSE) {
			UT_EXPECT(r == 0);
			break;
		}
	}
}

/* What the child checks after the drop; its failures end the child. */
typedef void (*child_fn)(int *ut_failed);

static int run_child(child_fn fn)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int f = 0;

		fn(&f);
		fflush(NULL);
		_exit(f);	/* no atexit: LeakSanitizer cannot ptrace now */
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void as_root(int *ut_failed)
{
	char err[256] = "", v[64], path[64];
	bool bound_kept = true;
	int fd;

	UT_ASSERT(caps_drop(KEEP, &bound_kept, err, sizeof(err)) == 0);
	UT_EXPECT(!bound_kept);
	UT_EXPECT(status_caps("CapEff") == KEEP);
	UT_EXPECT(status_caps("CapPrm") == KEEP);
	UT_EXPECT(status_caps("CapBnd") == KEEP);
	UT_EXPECT(status_caps("CapInh") == 0);
	UT_EXPECT(status_caps("CapAmb") == 0);
	UT_EXPECT(caps_effective() == KEEP);
	UT_EXPECT(status_field("NoNewPrivs", v, sizeof(v)));
	UT_EXPECT_STR(v, "1");
	UT_EXPECT(status_field("Uid", v, sizeof(v)));
	UT_EXPECT_STR(v, "0\t0\t0\t0");
	check_kept(ut_failed);

	/* Dropped: CAP_CHOWN, CAP_SETUID, CAP_SYS_ADMIN's bounding bit. */
	snprintf(path, sizeof(path), "%s/file", scratch);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	UT_ASSERT(fd >= 0);
	close(fd);
	UT_EXPECT(chown(path, 1234, 1234) < 0 && errno == EPERM);
	UT_EXPECT(setuid(1234) < 0 && errno == EPERM);
	UT_EXPECT(cap_get_bound(CAP_SYS_ADMIN) == 0);
	/* Dropping again changes nothing. */
	UT_EXPECT(caps_drop(KEEP, &bound_kept, err, sizeof(err)) == 0);
	UT_EXPECT(status_caps("CapEff") == KEEP);
}

UT_CASE(drop_as_root)
{
	if (need_root())
		UT_EXPECT(run_child(as_root) == 0);
}

static void as_nobody(int *ut_failed)
{
	struct caps_user u;
	char err[256] = "", v[64], secret[64], path[64];
	gid_t root_groups[] = { 0, 4 };
	struct stat st;
	int fd;

	UT_ASSERT(caps_user_lookup("nobody", &u) == 0);
	UT_ASSERT(setgroups(2, root_groups) == 0);
	/* Root's file that only root reads, made before the change. */
	snprintf(secret, sizeof(secret), "%s/secret", scratch);
	fd = open(secret, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	UT_ASSERT(fd >= 0);
	close(fd);

	UT_ASSERT(caps_become(&u, err, sizeof(err)) == 0);
	/* Still every capability: what start-up makes is nobody's. */
	UT_EXPECT(status_caps("CapEff") == status_caps("CapPrm"));
	UT_EXPECT(status_caps("CapEff") & BIT(CAP_DAC_OVERRIDE));
	fd = open(secret, O_RDONLY | O_CLOEXEC);
	UT_EXPECT(fd >= 0);
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/made", scratch);
	UT_EXPECT(mkdir(path, 0755) == 0);
	UT_EXPECT(stat(path, &st) == 0 && st.st_uid == u.uid &&
		  st.st_gid == u.gid);

	UT_ASSERT(caps_drop(KEEP, NULL, err, sizeof(err)) == 0);
	snprintf(err, sizeof(err), "%u\t%u\t%u\t%u", u.uid, u.uid, u.uid,
		 u.uid);
	UT_EXPECT(status_field("Uid", v, sizeof(v)));
	UT_EXPECT_STR(v, err);
	snprintf(err, sizeof(err), "%u\t%u\t%u\t%u", u.gid, u.gid, u.gid,
		 u.gid);
	UT_EXPECT(status_field("Gid", v, sizeof(v)));
	UT_EXPECT_STR(v, err);
	/* Root's supplementary groups are gone: nobody is in none. */
	UT_EXPECT(status_field("Groups", v, sizeof(v)));
	snprintf(err, sizeof(err), "%u", u.gid);
	UT_EXPECT(!v[0] || !strcmp(v, err));
	UT_EXPECT(status_caps("CapEff") == KEEP);
	UT_EXPECT(status_caps("CapPrm") == KEEP);
	UT_EXPECT(status_caps("CapBnd") == KEEP);
	UT_EXPECT(status_caps("CapAmb") == 0);
	UT_EXPECT(status_field("NoNewPrivs", v, sizeof(v)));
	UT_EXPECT_STR(v, "1");
	check_kept(ut_failed);

	/* No CAP_DAC_OVERRIDE: root's 0600 file is closed to us. */
	UT_EXPECT(open(secret, O_RDONLY | O_CLOEXEC) < 0 && errno == EACCES);
	/* And no way back. */
	UT_EXPECT(setuid(0) < 0 && errno == EPERM);
}

UT_CASE(drop_to_user)
{
	if (need_root())
		UT_EXPECT(run_child(as_nobody) == 0);
}

/*
 * Started as systemd starts the unit: another user already, the three
 * capabilities ambient, no CAP_SETPCAP, the bounding set full.
 */
static void as_systemd_user(int *ut_failed)
{
	cap_value_t three[] = { CAP_NET_ADMIN, CAP_NET_RAW,
				CAP_NET_BIND_SERVICE };
	struct caps_user u;
	char err[256] = "";
	bool bound_kept = false;
	uint64_t bnd;
	cap_t c;
	size_t i;

	UT_ASSERT(caps_user_lookup("nobody", &u) == 0);
	UT_ASSERT(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == 0);
	UT_ASSERT(setgroups(0, NULL) == 0);
	UT_ASSERT(setresgid(u.gid, u.gid, u.gid) == 0);
	UT_ASSERT(setresuid(u.uid, u.uid, u.uid) == 0);
	c = cap_init();
	UT_ASSERT(c);
	UT_ASSERT(cap_set_flag(c, CAP_PERMITTED, 3, three, CAP_SET) == 0 &&
		  cap_set_flag(c, CAP_EFFECTIVE, 3, three, CAP_SET) == 0 &&
		  cap_set_flag(c, CAP_INHERITABLE, 3, three, CAP_SET) == 0);
	UT_ASSERT(cap_set_proc(c) == 0);
	cap_free(c);
	for (i = 0; i < 3; i++)
		UT_ASSERT(cap_set_ambient(three[i], CAP_SET) == 0);
	UT_ASSERT(status_caps("CapAmb") == KEEP);
	bnd = status_caps("CapBnd");

	/* It is nobody already: nothing changes. */
	UT_ASSERT(caps_become(&u, err, sizeof(err)) == 0);
	UT_EXPECT(status_caps("CapAmb") == KEEP);
	UT_ASSERT(caps_drop(KEEP, &bound_kept, err, sizeof(err)) == 0);
	UT_EXPECT(bound_kept);
	UT_EXPECT(status_caps("CapBnd") == bnd);
	UT_EXPECT(status_caps("CapEff") == KEEP);
	UT_EXPECT(status_caps("CapInh") == 0);
	UT_EXPECT(status_caps("CapAmb") == 0);
	check_kept(ut_failed);
}

UT_CASE(drop_started_as_user)
{
	if (need_root())
		UT_EXPECT(run_child(as_systemd_user) == 0);
}

/* Asked to keep what it does not have: it keeps what it has. */
static void without_net_raw(int *ut_failed)
{
	char err[256] = "";
	cap_value_t raw = CAP_NET_RAW;
	cap_t c = cap_get_proc();

	UT_ASSERT(c);
	UT_ASSERT(cap_set_flag(c, CAP_PERMITTED, 1, &raw, CAP_CLEAR) == 0 &&
		  cap_set_flag(c, CAP_EFFECTIVE, 1, &raw, CAP_CLEAR) == 0);
	UT_ASSERT(cap_set_proc(c) == 0);
	cap_free(c);
	UT_ASSERT(caps_drop(KEEP, NULL, err, sizeof(err)) == 0);
	UT_EXPECT(caps_effective() == (KEEP & ~BIT(CAP_NET_RAW)));
	UT_EXPECT(socket(AF_PACKET, SOCK_RAW, 0) < 0 && errno == EPERM);
}

UT_CASE(drop_missing_cap)
{
	if (need_root())
		UT_EXPECT(run_child(without_net_raw) == 0);
}

UT_CASE(user_lookup)
{
	char name[CAPS_USER_MAX + 1];
	struct caps_user u;

	UT_EXPECT(caps_user_lookup("root", &u) == 0);
	UT_EXPECT(u.uid == 0 && u.gid == 0);
	UT_EXPECT_STR(u.name, "root");
	UT_EXPECT(caps_user_lookup("apedge-no-such-user", &u) == -ENOENT);
	UT_EXPECT(caps_user_lookup("", &u) == -ENOENT);
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	UT_EXPECT(caps_user_lookup(name, &u) == -ENAMETOOLONG);
}

UT_CASE(names)
{
	char buf[128], small[16];

	UT_EXPECT_STR(caps_names(KEEP, buf, sizeof(buf)),
		      "cap_net_bind_service,cap_net_admin,cap_net_raw");
	UT_EXPECT_STR(caps_names(0, buf, sizeof(buf)), "none");
	caps_names(KEEP, small, sizeof(small));
	UT_EXPECT(strlen(small) == sizeof(small) - 1);
}

UT_MAIN("lib_caps",
	UT_ENTRY(user_lookup),
	UT_ENTRY(names),
	UT_ENTRY(drop_as_root),
	UT_ENTRY(drop_to_user),
	UT_ENTRY(drop_started_as_user),
	UT_ENTRY(drop_missing_cap))
