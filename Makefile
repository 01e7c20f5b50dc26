# SPDX-License-Identifier: GPL-2.0
#
# apedge: the kernel module (kmod/, built through the top-level Kbuild),
# the daemon apedged and the admin tool apedgectl (daemon/).
#
#   make                 build apedge.ko against KDIR, apedged, apedgectl and
#                        the man pages
#   make modules         only the module
#   make daemon          only the userspace programs
#   make man             only the man pages (build/man/, from
#                        Documentation/man/*.rst with rst2man)
#   make install         install all of it (DESTDIR, PREFIX), run depmod;
#                        install-modules and install-daemon do each half
#   make deb             the Debian packages apedge and apedge-dkms, in
#                        build/deb/ (scripts/deb)
#   make uapi            regenerate uapi/linux/apedge.h from the YNL spec
#   make check           every test (see scripts/check); ends "N passed, N failed"
#   make demo            install deps, build, boot a VM and show apedge at work
#   make clean
#
# KDIR is the running kernel's build directory when it exists, else the
# newest Debian linux-headers-*-amd64 tree installed.

KVER_RUNNING := $(shell uname -r)
KDIR_NEWEST := $(lastword $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V))
ifneq ($(wildcard /lib/modules/$(KVER_RUNNING)/build/Makefile),)
KDIR ?= /lib/modules/$(KVER_RUNNING)/build
else
KDIR ?= $(KDIR_NEWEST)
endif

PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
MANDIR ?= $(PREFIX)/share/man
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
MODULESLOADDIR ?= $(PREFIX)/lib/modules-load.d
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DESTDIR ?=
DEPMOD ?= /sbin/depmod
RST2MAN ?= rst2man

MAN_PAGES := $(patsubst Documentation/man/%.rst,build/man/%,\
	$(wildcard Documentation/man/*.rst))

all: modules daemon man

modules:
	@test -n "$(KDIR)" || { echo "make: no kernel headers found; set KDIR or run scripts/deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

daemon:
	$(MAKE) -C daemon

man: $(MAN_PAGES)

# apedged.8.rst -> build/man/apedged.8; a warning is an error.
build/man/%: Documentation/man/%.rst
	@mkdir -p $(dir $@)
	$(RST2MAN) --halt=warning $< $@

uapi:
	scripts/ynl gen

check:
	scripts/check

demo:
	scripts/demo

deb:
	scripts/deb

# The module goes to /lib/modules/KVER/updates (as modules_install does for
# external modules).  The kernel release comes from KDIR's utsrelease.h (the
# one in the module's vermagic), not the running kernel, so that installing
# for another kernel works; Debian's 6.1 headers report a different
# "make kernelrelease".
install: install-modules install-daemon
	install -D -m 0644 uapi/linux/apedge.h \
		$(DESTDIR)$(PREFIX)/include/linux/apedge.h

install-modules: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates DEPMOD=true modules_install
	kver=$$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
		$(KDIR)/include/generated/utsrelease.h); \
	if [ -n "$$kver" ]; then \
		$(DEPMOD) $(if $(DESTDIR),-b $(DESTDIR)) $$kver; \
	fi
	install -D -m 0644 dist/modules-load.d/apedge.conf \
		$(DESTDIR)$(MODULESLOADDIR)/apedge.conf

# The programs, their man pages, the systemd unit (with SBINDIR in it) and
# the service's user (systemd-sysusers makes it).
install-daemon: daemon man
	install -D -m 0755 daemon/build/bin/apedged $(DESTDIR)$(SBINDIR)/apedged
	install -D -m 0755 daemon/build/bin/apedgectl $(DESTDIR)$(SBINDIR)/apedgectl
	install -D -m 0644 daemon/apedged.conf.example \
		$(DESTDIR)$(SYSCONFDIR)/apedge/apedged.conf.example
	for p in $(MAN_PAGES); do \
		install -D -m 0644 $$p \
			$(DESTDIR)$(MANDIR)/man$${p##*.}/$${p##*/} || exit 1; \
	done
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|@SBINDIR@|$(SBINDIR)|g' dist/systemd/apedged.service.in \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/apedged.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/apedged.service
	install -D -m 0644 dist/sysusers.d/apedge.conf \
		$(DESTDIR)$(SYSUSERSDIR)/apedge.conf

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(MAKE) -C daemon clean
	rm -rf build

.PHONY: all modules daemon man uapi check demo deb install install-modules \
	install-daemon clean
