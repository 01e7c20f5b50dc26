// SPDX-License-Identifier: GPL-2.0
/*
 * apedged: the apedge daemon.
 *
 *	apedged [-c CONFIG] [-f] [-d] [-s CTRL_PATH] [-p PIDFILE] [-u USER]
 *		[-h] [-v]
 *
 * Going to the background is done before anything is set up, through a
 * double fork; the original process waits on a pipe until the daemon says
 * it is ready (or why it failed), so that its exit status means something.
 * With -u it becomes USER before it sets anything up, keeping its
 * capabilities, so that its sockets and directories are USER's; once
 * everything is set up it keeps only the capabilities of APEDGED_CAPS,
 * then says it is ready, to the waiting parent or to systemd
 * ($NOTIFY_SOCKET).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apedged/daemon.h"
#include "apedged/config_file.h"
#include "lib/caps.h"
#include "lib/ctrl.h"
#include "lib/log.h"
#include "lib/sdnotify.h"
#include "lib/version.h"

/*
 * The capabilities apedged keeps after start-up (see
 * Documentation/admin-guide/service.rst): CAP_NET_ADMIN for the apedge
 * family's commands that change state and nl80211's DEL_STATION;
 * CAP_NET_RAW for the packet sockets of the DHCPv4 client (and the coming
 * EAPOL engine; SO_BINDTODEVICE on a new socket needs none since Linux
 * 5.7); CAP_NET_BIND_SERVICE for an IAPP port below 1024 and the DHCPv4
 * client's port 68.  CAP_NET_ADMIN also lets the DHCPv4 client set the
 * addresses, routes and MTU of its leases.
 */
#define APEDGED_CAPS ((1ULL << CAP_NET_ADMIN) | (1ULL << CAP_NET_RAW) | \
		      (1ULL << CAP_NET_BIND_SERVICE))

struct pidfile {
	const char *path;
	int fd;
};

/*
 * An absolute version of path, so that it still works after the daemon
 * changed to "/"; NULL when out of memory.
 */
static char *absolute_path(const char *path)
{
	char *cwd, *abs;

	if (path[0] == '/')
		return strdup(path);
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	if (asprintf(&abs, "%s/%s", cwd, path) < 0)
		abs = NULL;
	free(cwd);
	return abs;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: apedged [-c CONFIG] [-f] [-d] [-s CTRL_PATH] "
		"[-p PIDFILE] [-u USER] [-h] [-v]\n"
		"\n"
		"  -c CONFIG     configuration file (default %s,\n"
		"                which may be missing)\n"
		"  -f            stay in the foreground and log to stderr\n"
		"  -d            log debug messages too\n"
		"  -s CTRL_PATH  control socket (default: from the\n"
		"                configuration, or %s)\n"
		"  -p PIDFILE    write the daemon's pid to PIDFILE\n"
		"  -u USER       run as USER\n"
		"  -h            show this help\n"
		"  -v            show the version\n",
		CONFIG_DEFAULT_PATH, APEDGE_CTRL_PATH);
}

/*
 * Create, lock and fill the pidfile.  The lock, held while we live, tells
 * a second apedged that this one is running.
 */
static int pidfile_create(struct pidfile *pf)
{
	char buf[32];
	int n;

	pf->fd = open(pf->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		      0644);
	if (pf->fd < 0) {
		log_err("cannot open pidfile %s: %s", pf->path,
			strerror(errno));
		return -errno;
	}
	if (flock(pf->fd, LOCK_EX | LOCK_NB) < 0) {
		int r = -errno;

		if (errno == EWOULDBLOCK)
			log_err("pidfile %s is locked: another apedged is "
				"running", pf->path);
		else
			log_err("cannot lock pidfile %s: %s", pf->path,
				strerror(errno));
		close(pf->fd);
		pf->fd = -1;
		return r;
	}
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(pf->fd, 0) < 0 ||
	    pwrite(pf->fd, buf, (size_t)n, 0) != n) {
		int r = -errno;

		log_err("cannot write pidfile %s: %s", pf->path,
			strerror(errno));
		unlink(pf->path);
		close(pf->fd);
		pf->fd = -1;
		return r;
	}
	return 0;
}

static void pidfile_remove(struct pidfile *pf)
{
	if (pf->fd < 0)
		return;
	unlink(pf->path);
	close(pf->fd);
	pf->fd = -1;
}

/*
 * Double fork.  Returns in the daemon with *ready_fd set: write one byte
 * there (0 for success) and close it.  The original process exits with
 * that byte as its status.
 */
static int daemonize(int *ready_fd)
{
	char msg[257];
	int pipefd[2];
	pid_t pid;
	char status;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		ssize_t n;

		close(pipefd[1]);
		waitpid(pid, NULL, 0);	/* the middle one exits at once */
		do {
			n = read(pipefd[0], &status, 1);
		} while (n < 0 && errno == EINTR);
		if (n != 1) {
			fprintf(stderr, "apedged: the daemon died during "
				"start-up (see the system log)\n");
			_exit(1);
		}
		if (status) {
			size_t len = 0;

			/* The reason follows the status, when there is one. */
			while (len < sizeof(msg) - 1) {
				n = read(pipefd[0], msg + len,
					 sizeof(msg) - 1 - len);
				if (n < 0 && errno == EINTR)
					continue;
				if (n <= 0)
					break;
				len += (size_t)n;
			}
			msg[len] = '\0';
			fprintf(stderr, "apedged: failed to start: %s\n",
				len ? msg : "see the system log");
		}
		_exit(status);
	}

	close(pipefd[0]);
	if (setsid() < 0)
		_exit(1);
	pid = fork();
	if (pid < 0)
		_exit(1);
	if (pid > 0)
		_exit(0);

	umask(022);
	if (chdir("/") < 0)
		return -errno;
	*ready_fd = pipefd[1];
	return 0;
}

/* With -u: become the user now, so that what start-up makes is the user's. */
static int become(const struct caps_user *u)
{
	char err[256];
	int r = caps_become(u, err, sizeof(err));

	if (r < 0)
		log_err("-u %s: %s", u->name, err);
	return r;
}

/* Keep APEDGED_CAPS only; 0 or -errno, the reason logged. */
static int drop_privileges(void)
{
	char err[256], names[128];
	bool bound_kept;
	uint64_t eff;
	int r;

	r = caps_drop(APEDGED_CAPS, &bound_kept, err, sizeof(err));
	if (r < 0) {
		log_err("cannot drop privileges: %s", err);
		return r;
	}
	eff = caps_effective();
	log_info("running as uid %u with %s", (unsigned int)getuid(),
		 caps_names(eff, names, sizeof(names)));
	if (eff != APEDGED_CAPS)
		log_warn("without %s: setting up the module and removing "
			 "stations will fail",
			 caps_names(APEDGED_CAPS & ~eff, names, sizeof(names)));
	if (bound_kept)
		log_debug("the capability bounding set is left as it was "
			  "(no CAP_SETPCAP)");
	return 0;
}

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

static void report_ready(int *ready_fd, char status)
{
	const char *why = log_last_error();

	if (*ready_fd < 0)
		return;
	if (write(*ready_fd, &status, 1) != 1 ||
	    (status && write(*ready_fd, why, strlen(why)) < 0))
		log_debug("cannot report start-up status: %s",
			  strerror(errno));
	close(*ready_fd);
	*ready_fd = -1;
}

int main(int argc, char **argv)
{
	struct apedged_opts opts = { 0 };
	struct pidfile pf = { .fd = -1 };
	struct caps_user user;
	const char *user_name = NULL;
	bool foreground = false, config_given = false;
	struct apedged *d = NULL;
	struct config cfg;
	int ready_fd = -1;
	char *pidfile_abs = NULL, *config_abs = NULL;
	char err[512];
	int opt, r, rc = 1;

	while ((opt = getopt(argc, argv, "c:fds:p:u:hv")) != -1) {
		switch (opt) {
		case 'c':
			opts.config_path = optarg;
			config_given = true;
			break;
		case 'f':
			foreground = true;
			break;
		case 'd':
			opts.debug = true;
			break;
		case 's':
			opts.ctrl_path = optarg;
			break;
		case 'p':
			pf.path = optarg;
			break;
		case 'u':
			user_name = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'v':
			printf("apedged %s\n", APEDGED_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "apedged: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	if (opts.ctrl_path && (opts.ctrl_path[0] != '/' ||
			       strlen(opts.ctrl_path) >= CONFIG_PATH_MAX)) {
		fprintf(stderr, "apedged: -s needs an absolute path of at most "
			"%zu characters\n", CONFIG_PATH_MAX - 1);
		return 2;
	}

	if (pf.path) {
		pidfile_abs = absolute_path(pf.path);
		if (!pidfile_abs) {
			fprintf(stderr, "apedged: out of memory\n");
			return 1;
		}
		pf.path = pidfile_abs;
	}
	if (opts.config_path) {
		config_abs = absolute_path(opts.config_path);
		if (!config_abs) {
			fprintf(stderr, "apedged: out of memory\n");
			free(pidfile_abs);
			return 1;
		}
		opts.config_path = config_abs;
	}

	/* Under systemd, stderr is the journal's: it takes levels as <N>. */
	log_open("apedged", foreground &&
		 log_is_journal_stream(getenv("JOURNAL_STREAM"), STDERR_FILENO) ?
		 LOG_TARGET_JOURNAL : LOG_TARGET_STDERR);
	log_set_level(opts.debug ? LOG_DEBUG : LOG_INFO);
	if (user_name) {
		r = caps_user_lookup(user_name, &user);
		if (r < 0) {
			log_err("-u %s: %s", user_name, r == -ENOENT ?
				"no such user" : strerror(-r));
			goto out;
		}
	}

	if (!opts.config_path)
		opts.config_path = CONFIG_DEFAULT_PATH;
	r = config_load(opts.config_path, &cfg, err, sizeof(err));
	if (r == -ENOENT && !config_given) {
		/* Kept: a reload reads it once it exists. */
		log_info("no configuration file %s; using the defaults",
			 opts.config_path);
	} else if (r < 0) {
		log_err("%s", err);
		goto out;
	}

	/* Writing to a closed control client must not kill us. */
	signal(SIGPIPE, SIG_IGN);

	if (!foreground) {
		/* Whatever we inherited is none of the daemon's business. */
		close_range(STDERR_FILENO + 1, ~0U, 0);
		r = daemonize(&ready_fd);
		if (r < 0) {
			log_err("cannot go to the background: %s",
				strerror(-r));
			config_free(&cfg);
			goto out;
		}
		log_open("apedged", LOG_TARGET_SYSLOG);
	}

	if (user_name && become(&user) < 0) {
		config_free(&cfg);
		goto out;
	}
	d = apedged_new(&opts, &cfg);
	if (!d) {
		log_err("out of memory");
		config_free(&cfg);
		goto out;
	}
	if (pf.path && pidfile_create(&pf) < 0)
		goto out;
	if (apedged_start(d) < 0 || drop_privileges() < 0)
		goto out;

	report_ready(&ready_fd, 0);
	r = sdnotify_ready("started; looking for the apedge module");
	if (r < 0)
		log_warn("cannot tell the service manager: %s", strerror(-r));
	if (!foreground)
		detach_stdio();
	rc = apedged_run(d) < 0 ? 1 : 0;
	sdnotify_stopping();
	log_info("stopped");
out:
	report_ready(&ready_fd, 1);
	apedged_free(d);
	pidfile_remove(&pf);
	log_close();
	free(pidfile_abs);
	free(config_abs);
	return rc;
}
