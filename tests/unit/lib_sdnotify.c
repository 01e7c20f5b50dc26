// SPDX-License-Identifier: GPL-2.0
/*
 * sd_notify without libsystemd: the $NOTIFY_SOCKET address (pure), then
 * notifications received on real datagram sockets, path and abstract, with
 * the sender's credentials as systemd checks them (SO_PASSCRED).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "lib/sdnotify.h"
#include "ut.h"

#define SUN_OFF offsetof(struct sockaddr_un, sun_path)

UT_CASE(addr_path)
{
	struct sockaddr_un sa;
	socklen_t len;

	UT_ASSERT(sdnotify_addr("/run/systemd/notify", &sa, &len) == 0);
	UT_EXPECT(sa.sun_family == AF_UNIX);
	UT_EXPECT_STR(sa.sun_path, "/run/systemd/notify");
	UT_EXPECT(len == SUN_OFF + strlen("/run/systemd/notify") + 1);
}

UT_CASE(addr_abstract)
{
	struct sockaddr_un sa;
	socklen_t len;

	UT_ASSERT(sdnotify_addr("@sd/notify", &sa, &len) == 0);
	UT_EXPECT(sa.sun_path[0] == '\0');
	UT_EXPECT(!memcmp(sa.sun_path + 1, "sd/notify", 9));
	/* No terminating NUL: the length ends the name. */
	UT_EXPECT(len == SUN_OFF + 10);
}

UT_CASE(addr_bad)
{
	char name[sizeof(((struct sockaddr_un *)0)->sun_path) + 2];
	struct sockaddr_un sa;
	socklen_t len;

	UT_EXPECT(sdnotify_addr("", &sa, &len) == -EINVAL);
	UT_EXPECT(sdnotify_addr("@", &sa, &len) == -EINVAL);
	UT_EXPECT(sdnotify_addr("run/notify", &sa, &len) == -EINVAL);
	UT_EXPECT(sdnotify_addr("vsock:2:1234", &sa, &len) == -EAFNOSUPPORT);

	/* A path fills sun_path with its NUL; a name without one. */
	memset(name, 'a', sizeof(name));
	name[0] = '/';
	name[sizeof(sa.sun_path) - 1] = '\0';
	UT_EXPECT(sdnotify_addr(name, &sa, &len) == 0);
	name[sizeof(sa.sun_path) - 1] = 'a';
	name[sizeof(sa.sun_path)] = '\0';
	UT_EXPECT(sdnotify_addr(name, &sa, &len) == -EINVAL);
	name[0] = '@';
	UT_EXPECT(sdnotify_addr(name, &sa, &len) == 0);
	UT_EXPECT(len == sizeof(sa));
	name[sizeof(sa.sun_path)] = 'a';
	name[sizeof(sa.sun_path) + 1] = '\0';
	UT_EXPECT(sdnotify_addr(name, &sa, &len) == -EINVAL);
}

UT_CASE(reloading_msg)
{
	char buf[64];

	UT_EXPECT(sdnotify_reloading_msg(buf, sizeof(buf), 1234567) == 34);
	UT_EXPECT_STR(buf, "RELOADING=1\nMONOTONIC_USEC=1234567");
	UT_EXPECT(sdnotify_reloading_msg(buf, 34, 1234567) == 0);
	UT_EXPECT(sdnotify_reloading_msg(buf, 35, 1234567) == 34);
}

/* A datagram socket like the manager's, at sa; -1 on failure. */
static int manager_socket(const struct sockaddr_un *sa, socklen_t len)
{
	int fd, one = 1;

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0 ||
	    bind(fd, (const struct sockaddr *)sa, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The next notification into buf (NUL-terminated), with the sender's pid;
 * its length, or -1 when none is waiting.
 */
static ssize_t manager_recv(int fd, char *buf, size_t size, pid_t *pid)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct ucred))];
	} c;
	struct iovec iov = { .iov_base = buf, .iov_len = size - 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = &c, .msg_controllen = sizeof(c),
	};
	struct cmsghdr *cm;
	ssize_t n;

	n = recvmsg(fd, &mh, MSG_DONTWAIT);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	*pid = 0;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_CREDENTIALS) {
			struct ucred uc;

			memcpy(&uc, CMSG_DATA(cm), sizeof(uc));
			*pid = uc.pid;
		}
	return n;
}

static uint64_t mono_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

UT_CASE(unset_is_silent)
{
	unsetenv("NOTIFY_SOCKET");
	UT_EXPECT(sdnotify_ready(NULL) == 0);
	UT_EXPECT(sdnotify_stopping() == 0);
	setenv("NOTIFY_SOCKET", "", 1);
	UT_EXPECT(sdnotify_reloading() == 0);
	unsetenv("NOTIFY_SOCKET");
}

UT_CASE(path_socket)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[] = "/tmp/apedge-sdnotify.XXXXXX", buf[SDNOTIFY_MSG_MAX];
	uint64_t before, after, usec;
	pid_t pid;
	int fd;

	UT_ASSERT(mkdtemp(dir));
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/notify", dir);
	fd = manager_socket(&sa, sizeof(sa));
	UT_ASSERT(fd >= 0);
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);

	UT_EXPECT(sdnotify_ready("running, 2 ports") == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "READY=1\nSTATUS=running, 2 ports");
	UT_EXPECT(pid == getpid());

	before = mono_usec();
	UT_EXPECT(sdnotify_reloading() == 1);
	after = mono_usec();
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT(sscanf(buf, "RELOADING=1\nMONOTONIC_USEC=%" SCNu64, &usec)
		  == 1);
	UT_EXPECT(usec >= before && usec <= after);

	UT_EXPECT(sdnotify_ready(NULL) == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "READY=1");

	UT_EXPECT(sdnotify_stopping() == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "STOPPING=1");

	/* A status cannot smuggle in another key. */
	UT_EXPECT(sdnotify_status("port %s\nREADY=1", "eth0") == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "STATUS=port eth0 READY=1");
	UT_EXPECT(sdnotify_ready("a\nb") == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "READY=1\nSTATUS=a b");

	/* Nothing else was sent. */
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) < 0);

	/* The manager gone: an error, not a crash or a signal. */
	close(fd);
	unlink(sa.sun_path);
	UT_EXPECT(sdnotify_ready(NULL) == -ENOENT);
	rmdir(dir);
	unsetenv("NOTIFY_SOCKET");
}

UT_CASE(abstract_socket)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char name[64], buf[SDNOTIFY_MSG_MAX];
	socklen_t len;
	pid_t pid;
	int fd;

	snprintf(name, sizeof(name), "@apedge-sdnotify-test/%d",
		 (int)getpid());
	UT_ASSERT(sdnotify_addr(name, &sa, &len) == 0);
	fd = manager_socket(&sa, len);
	UT_ASSERT(fd >= 0);
	setenv("NOTIFY_SOCKET", name, 1);
	UT_EXPECT(sdnotify_ready(NULL) == 1);
	UT_EXPECT(manager_recv(fd, buf, sizeof(buf), &pid) > 0);
	UT_EXPECT_STR(buf, "READY=1");
	UT_EXPECT(pid == getpid());
	close(fd);
	/* Not bound any more: refused. */
	UT_EXPECT(sdnotify_stopping() == -ECONNREFUSED);

	setenv("NOTIFY_SOCKET", "relative/notify", 1);
	UT_EXPECT(sdnotify_ready(NULL) == -EINVAL);
	unsetenv("NOTIFY_SOCKET");
}

UT_MAIN("lib_sdnotify",
	UT_ENTRY(addr_path),
	UT_ENTRY(addr_abstract),
	UT_ENTRY(addr_bad),
	UT_ENTRY(reloading_msg),
	UT_ENTRY(unset_is_silent),
	UT_ENTRY(path_socket),
	UT_ENTRY(abstract_socket))
