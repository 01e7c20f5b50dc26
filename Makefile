# SPDX-License-Identifier: GPL-2.0
#
# apedge: the kernel module (kmod/, built through the top-level Kbuild),
# the daemon apedged and the admin tool apedgectl (daemon/).
#
#   make                 build apedge.ko against KDIR, apedged and apedgectl
#   make modules         only the module
#   make daemon          only the userspace programs
#   make install         install all three (DESTDIR, PREFIX), run depmod
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
DESTDIR ?=
DEPMOD ?= /sbin/depmod

all: modules daemon

modules:
	@test -n "$(KDIR)" || { echo "make: no kernel headers found; set KDIR or run scripts/deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

daemon:
	$(MAKE) -C daemon

uapi:
	scripts/ynl gen

check:
	scripts/check

demo:
	scripts/demo

# The module goes to /lib/modules/KVER/updates (as modules_install does for
# external modules).  The kernel release comes from KDIR's utsrelease.h (the
# one in the module's vermagic), not the running kernel, so that installing
# for another kernel works; Debian's 6.1 headers report a different
# "make kernelrelease".
install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates DEPMOD=true modules_install
	kver=$$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
		$(KDIR)/include/generated/utsrelease.h); \
	if [ -n "$$kver" ]; then \
		$(DEPMOD) $(if $(DESTDIR),-b $(DESTDIR)) $$kver; \
	fi
	install -D -m 0755 daemon/build/bin/apedged $(DESTDIR)$(SBINDIR)/apedged
	install -D -m 0755 daemon/build/bin/apedgectl $(DESTDIR)$(SBINDIR)/apedgectl
	install -D -m 0644 daemon/apedged.conf.example \
		$(DESTDIR)$(SYSCONFDIR)/apedge/apedged.conf.example
	install -D -m 0644 uapi/linux/apedge.h \
		$(DESTDIR)$(PREFIX)/include/linux/apedge.h

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(MAKE) -C daemon clean
	rm -rf build

.PHONY: all modules daemon uapi check demo install clean
