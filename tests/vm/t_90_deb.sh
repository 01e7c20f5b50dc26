# SPDX-License-Identifier: GPL-2.0
# The Debian packages, installed as into an access point's image and
# booted: scripts/deb builds them (build/deb/), scripts/deb-image runs
# dpkg -i on the host in a chroot of a throwaway copy of its root, where
# DKMS builds the module for both of Debian 12's kernels from the
# packaged sources, natively (the runner does both before the guest
# boots; a TCG guest took a quarter of an hour of CPU for DKMS's build
# alone).  The guest unpacks what that install changed over its root and
# is the image, booted: DKMS's state, modprobe, and apedged run as its
# unit says.  systemd is not PID 1 here, so the unit's own lines are
# read and carried out as systemd would (User=,
# Group=, AmbientCapabilities=, CapabilityBoundingSet=, RuntimeDirectory=,
# Type=notify's $NOTIFY_SOCKET, ExecReload=); checked from outside: the
# notifications, /proc/PID/status, a port the daemon attached (so its
# CAP_NET_ADMIN works), apedgectl as root and as a plain user (who reads,
# but is refused the rest by the daemon and by the kernel), and what the
# purge in the chroot left.
. "$(dirname "$0")/lib.sh"

# The installed programs, not the tree's (lib.sh, and the runner, put
# them first in PATH).
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$top/daemon/build/bin" | paste -sd:)
debs=$top/build/deb
kver=$(uname -r)
unit=/lib/systemd/system/apedged.service
dkms_dir=/lib/modules/$kver/updates/dkms

check "the packages were built" test -f "$debs/apedge-dkms_0.1.0_all.deb" -a -f "$debs/apedge_0.1.0_amd64.deb"
check "not installed before" sh -c "! dpkg-query -W -f='\${Status}' apedge 2>/dev/null | grep -q installed"
check "the image was made (scripts/deb-image)" test -f "$debs/image.tar"
echo "# dpkg -i in the image's chroot (scripts/deb-image):"
grep -E '^(Setting up|Building|Creating|Created)' "$debs/image.log" | sed 's/^/#   /'
check "unpacked over the guest's root" tar -C / --numeric-owner -xpf "$debs/image.tar"
check "dpkg: installed" sh -c "dpkg-query -W -f='\${Status}\n' apedge apedge-dkms | grep -cx 'install ok installed' | grep -qx 2"
kver_re=$(printf '%s' "$kver" | sed 's/[.+]/\\&/g')	# 6.12.117+deb12-amd64
check_match "DKMS built it for $kver" "^apedge/0\.1\.0, $kver_re, [^:]*: installed\$" "$(dkms status -m apedge -k "$kver" 2>/dev/null)"
check "and for every other kernel with headers" sh -c "[ \$(dkms status -m apedge | grep -c ': installed\$') -eq \$(ls -d /lib/modules/*/build | wc -l) ]"
# apedge.ko, or apedge.ko.xz where the kernel's modules are compressed.
dkms_ko=$(ls "$dkms_dir"/apedge.ko* 2>/dev/null | head -n 1)
check "the module in updates/dkms" test -f "$dkms_ko"
check_eq "built for this kernel" "$kver" "$(modinfo -F vermagic "$dkms_ko" | cut -d' ' -f1)"
check_eq "modprobe finds that one" "$dkms_ko" "$(modinfo -n apedge)"
check "modules-load.d names it" grep -qx apedge /usr/lib/modules-load.d/apedge.conf
check "modprobe apedge" modprobe apedge
check "loaded" grep -q '^apedge ' /proc/modules
check "the user apedge (sysusers)" id apedge
check "the man pages" test -f /usr/share/man/man8/apedged.8.gz -a -f /usr/share/man/man5/apedged.conf.5.gz -a -f /usr/share/man/man8/apedgectl.8.gz
check "the unit enabled" test -L /etc/systemd/system/multi-user.target.wants/apedged.service

# The unit's lines, as systemd would read them.
key() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
exec_start=$(key ExecStart)
user=$(key User)
group=$(key Group)
ambient=$(key AmbientCapabilities)
bounding=$(key CapabilityBoundingSet)
rundir=/run/$(key RuntimeDirectory)
check_eq "Type=notify" notify "$(key Type)"
check_eq "ExecStart" "/usr/sbin/apedged -f" "$exec_start"
check_eq "ExecReload" "/bin/kill -HUP \$MAINPID" "$(key ExecReload)"
check_eq "User" apedge "$user"
# CAP_NET_ADMIN CAP_NET_RAW -> +net_admin,+net_raw for setpriv.
setpriv_caps() { echo "$1" | tr 'A-Z' 'a-z' | sed 's/cap_/+/g; s/ \+/,/g'; }
amb=$(setpriv_caps "$ambient")
bnd=$(setpriv_caps "$bounding")
check_eq "the three capabilities" "+net_admin,+net_raw,+net_bind_service" "$amb"

veth va vb
cat >/etc/apedge/apedged.conf <<EOC
[port va]
role = untrusted
EOC
install -d -o "$user" -g "$group" -m 0755 "$rundir"

# systemd's end of $NOTIFY_SOCKET: "PID MESSAGE" lines.
python3 "$top/tests/tools/sd_notify_listen.py" "$T/notify" "$T/notify.log" &
wait_for 10 test -S "$T/notify"
chmod 755 "$T"
: >"$T/notify.log"
notified() { grep -Eq "^$1 $2\$" "$T/notify.log"; }
status_of() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# shellcheck disable=SC2086
env NOTIFY_SOCKET="$T/notify" setpriv --reuid "$user" --regid "$group" \
	--init-groups --inh-caps "$amb" --ambient-caps "$amb" \
	--bounding-set "-all,$bnd" --no-new-privs $exec_start 2>"$T/log" &
pid=$!
check "READY=1 from the daemon's pid" wait_for 30 notified "$pid" "READY=1.*"
check_eq "runs as apedge" "$(id -u apedge)" "$(status_of "$pid" Uid)"
check_eq "CapEff: the three" 0000000000003400 "$(status_of "$pid" CapEff)"
check_eq "CapBnd: the three" 0000000000003400 "$(status_of "$pid" CapBnd)"
check_eq "CapAmb: none" 0000000000000000 "$(status_of "$pid" CapAmb)"
check_eq "no_new_privs" 1 "$(status_of "$pid" NoNewPrivs)"
check "it attached va (CAP_NET_ADMIN at work)" wait_for 30 apedgectl port show dev va
check "STATUS: connected" wait_for 10 notified "$pid" "STATUS=connected to the apedge module"
check_eq "the packaged apedgectl" /usr/sbin/apedgectl "$(command -v apedgectl)"
check "apedgectl -j stats as root" sh -c "apedgectl -j stats | grep -q '\"ifname\":\"va\"'"
check_match "daemon status as root: connected, va attached" '"module": *"connected".*"ifname": *"va".*"attached": *true' "$(apedgectl daemon status 2>&1)"
check "root may reload it" apedgectl daemon reload
# A plain user: reads over the read-only socket; the rest is refused, by
# the daemon or by the kernel.
as_nobody() { setpriv --reuid nobody --regid nogroup --clear-groups "$@"; }
check "nobody reads its status" as_nobody apedgectl daemon status
out=$(as_nobody apedgectl daemon reload 2>&1) || true
check_match "nobody may not reload: the daemon says so" "permission denied: .reload. needs an admin" "$out"
out=$(as_nobody apedgectl sta show 2>&1) || true
check_match "nobody sees no stations: the daemon says so" "permission denied: .sta show. reveals stations" "$out"
out=$(as_nobody apedgectl port add dev vb 2>&1) || true
check_match "port add as nobody: refused by the kernel" "Operation not permitted" "$out"
check_eq "the daemon's sockets in RuntimeDirectory, its own" "apedge apedge" \
	"$(stat -c %U "$rundir/apedged.sock" "$rundir/apedged.ro.sock" | tr '\n' ' ' | sed 's/ $//')"

# ExecReload, with $MAINPID.
reload=$(key ExecReload)
${reload//\$MAINPID/$pid}
check "RELOADING=1 with MONOTONIC_USEC" wait_for 10 notified "$pid" "RELOADING=1\|MONOTONIC_USEC=[0-9]+"
check "READY=1 after it" wait_for 10 sh -c "grep -A1 RELOADING '$T/notify.log' | grep -q '^$pid READY=1'"

kill -TERM "$pid"
wait "$pid"
check_eq "exits 0 on SIGTERM" 0 "$?"
check "STOPPING=1" notified "$pid" "STOPPING=1"
check "the sockets removed" test ! -e "$rundir/apedged.sock" -a ! -e "$rundir/apedged.ro.sock"
echo "# apedged's log:"
sed 's/^/#   /' "$T/log"

check "rmmod apedge" rmmod apedge

# The purge ran in the image's chroot after the install (scripts/
# deb-image: depmod over 9p would take this guest three minutes); it
# counted the same things before it and after it.
purged() { sed -n "s/^$1=//p" "$debs/purge.state"; }
check_eq "before the purge: the module for both kernels" 2 "$(purged before_modules)"
check_eq "DKMS knew both" 2 "$(purged before_dkms)"
check_eq "both packages installed" 2 "$(purged before_installed)"
check_eq "the unit enabled" 1 "$(purged before_unit_enabled)"
check_eq "/etc/apedge there" 1 "$(purged before_conf_dir)"
check_eq "after dpkg --purge: no module left" 0 "$(purged modules)"
check_eq "DKMS forgot it" 0 "$(purged dkms)"
check_eq "neither package installed" 0 "$(purged installed)"
check_eq "the unit's link gone" 0 "$(purged unit_enabled)"
check_eq "/etc/apedge gone" 0 "$(purged conf_dir)"
# Debian's packages leave the system users they made.
check_eq "the user apedge, made by the install, stays" "1 1" "$(purged before_user) $(purged user)"
