// SPDX-License-Identifier: GPL-2.0
/*
 * The hook runner with real children: exit statuses counted, stdin
 * given, the environment passed, a child that runs too long killed, the
 * cap on children, and nothing left unreaped.
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dhcp4/hook.h"
#include "lib/loop.h"
#include "ut.h"

/* Run the loop until no child is left, at most ms. */
static int drain(struct loop *loop, struct dhcp4_hooks *h, int ms)
{
	uint64_t end = loop_now_ms() + (uint64_t)ms;

	while (dhcp4_hooks_running(h) && loop_now_ms() < end)
		loop_iterate(loop, 50);
	return (int)dhcp4_hooks_running(h);
}

static char *sh(const char *script)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s", script);
	return buf;
}

UT_CASE(statuses)
{
	struct loop *loop = loop_new();
	struct dhcp4_hooks *h = dhcp4_hooks_new(loop);
	char *ok[] = { "/bin/true", NULL };
	char *bad[] = { "/bin/false", NULL };
	char *none[] = { "/nonexistent/hook", NULL };

	UT_ASSERT(h);
	UT_EXPECT(dhcp4_hooks_run(h, "true", ok, NULL, NULL, 0) == 0);
	UT_EXPECT(dhcp4_hooks_run(h, "false", bad, NULL, NULL, 0) == 0);
	UT_EXPECT(dhcp4_hooks_run(h, "none", none, NULL, NULL, 0) == 0);
	UT_EXPECT(drain(loop, h, 5000) == 0);
	UT_EXPECT(dhcp4_hooks_stats(h)->started == 3);
	UT_EXPECT(dhcp4_hooks_stats(h)->nonzero == 2);
	/* Every child reaped: none is left to wait for. */
	UT_EXPECT(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD);
	dhcp4_hooks_free(h);
	loop_free(loop);
}

UT_CASE(stdin_and_env)
{
	char dir[] = "/tmp/apedge-dhcp4-hook.XXXXXX", cmd[256], out[128];
	struct loop *loop = loop_new();
	struct dhcp4_hooks *h = dhcp4_hooks_new(loop);
	char *env[] = { "reason=BOUND", "interface=eth0", NULL };
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	FILE *f;

	UT_ASSERT(h && mkdtemp(dir));
	setenv("APEDGE_HOOK_LEAK", "leaked", 1);
	snprintf(cmd, sizeof(cmd), "cat >%s/in; echo \"$reason $interface "
		 "${APEDGE_HOOK_LEAK:-none}\" >%s/env", dir, dir);
	UT_EXPECT(dhcp4_hooks_run(h, "sh", argv, env, "nameserver 1\n",
				  13) == 0);
	UT_EXPECT(drain(loop, h, 5000) == 0);
	snprintf(out, sizeof(out), "%s/in", dir);
	f = fopen(out, "r");
	UT_ASSERT(f);
	UT_EXPECT(fgets(cmd, sizeof(cmd), f) && !strcmp(cmd, "nameserver 1\n"));
	fclose(f);
	unlink(out);
	snprintf(out, sizeof(out), "%s/env", dir);
	f = fopen(out, "r");
	UT_ASSERT(f);
	/* Only the environment given: nothing of ours leaks in. */
	UT_EXPECT(fgets(cmd, sizeof(cmd), f) &&
		  !strcmp(cmd, "BOUND eth0 none\n"));
	fclose(f);
	unlink(out);
	rmdir(dir);
	dhcp4_hooks_free(h);
	loop_free(loop);
}

UT_CASE(killed_after_timeout)
{
	struct loop *loop = loop_new();
	struct dhcp4_hooks *h = dhcp4_hooks_new(loop);
	char *argv[] = { "/bin/sh", "-c", sh("exec sleep 30"), NULL };
	uint64_t t0 = loop_now_ms();

	UT_ASSERT(h);
	dhcp4_hooks_set_timeout(h, 200);
	UT_EXPECT(dhcp4_hooks_run(h, "sleeper", argv, NULL, NULL, 0) == 0);
	UT_EXPECT(drain(loop, h, 5000) == 0);
	UT_EXPECT(loop_now_ms() - t0 < 4000);
	UT_EXPECT(dhcp4_hooks_stats(h)->killed == 1);
	UT_EXPECT(dhcp4_hooks_stats(h)->nonzero == 1);
	dhcp4_hooks_free(h);
	loop_free(loop);
}

static void ignore(int signo, void *data)
{
}

/*
 * The loop's blocked signals are not the child's: a program sees none
 * blocked (cp copies its own /proc status).
 */
UT_CASE(signals_unblocked)
{
	char dir[] = "/tmp/apedge-dhcp4-hook.XXXXXX", path[64], line[128];
	struct loop *loop = loop_new();
	struct dhcp4_hooks *h = dhcp4_hooks_new(loop);
	char *argv[] = { "/bin/cp", "/proc/self/status", path, NULL };
	bool seen = false;
	FILE *f;

	UT_ASSERT(h && mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/status", dir);
	UT_ASSERT(loop_signal_add(loop, SIGTERM, ignore, NULL) == 0);
	UT_EXPECT(dhcp4_hooks_run(h, "cp", argv, NULL, NULL, 0) == 0);
	UT_EXPECT(drain(loop, h, 5000) == 0);
	f = fopen(path, "r");
	UT_ASSERT(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "SigBlk:", 7)) {
			seen = true;
			UT_EXPECT(!strcmp(line, "SigBlk:\t0000000000000000\n"));
		}
	fclose(f);
	UT_EXPECT(seen);
	unlink(path);
	rmdir(dir);
	dhcp4_hooks_free(h);
	loop_free(loop);
}

UT_CASE(cap)
{
	struct loop *loop = loop_new();
	struct dhcp4_hooks *h = dhcp4_hooks_new(loop);
	char *argv[] = { "/bin/sh", "-c", sh("sleep 0.2"), NULL };
	int i, refused = 0;

	UT_ASSERT(h);
	for (i = 0; i < DHCP4_HOOK_CHILDREN_MAX + 2; i++)
		if (dhcp4_hooks_run(h, "many", argv, NULL, NULL, 0) == -EAGAIN)
			refused++;
	UT_EXPECT(refused == 2);
	UT_EXPECT(dhcp4_hooks_stats(h)->refused == 2);
	UT_EXPECT(drain(loop, h, 10000) == 0);
	/* Input larger than a pipe holds is refused, not waited for. */
	{
		static char big[65537];

		UT_EXPECT(dhcp4_hooks_run(h, "big", argv, NULL, big,
					  sizeof(big)) == -EMSGSIZE);
	}
	dhcp4_hooks_free(h);
	loop_free(loop);
}

UT_MAIN("dhcp4_hook",
	UT_ENTRY(statuses),
	UT_ENTRY(stdin_and_env),
	UT_ENTRY(killed_after_timeout),
	UT_ENTRY(signals_unblocked),
	UT_ENTRY(cap),
)
