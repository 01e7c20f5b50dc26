# SPDX-License-Identifier: GPL-2.0
# The Debian packages on the guest (build/deb/, made by scripts/deb before
# the guest boots): dpkg installs apedge-dkms and apedge, DKMS builds the
# module for the guest's kernel from the packaged sources, modprobe loads
# it, and apedged runs as its unit says.  systemd is not PID 1 here, so
# the unit's own lines are read and carried out as systemd would (User=,
# Group=, AmbientCapabilities=, CapabilityBoundingSet=, RuntimeDirectory=,
# Type=notify's $NOTIFY_SOCKET, ExecReload=); checked from outside: the
# notifications, /proc/PID/status, a port the daemon attached (so its
# CAP_NET_ADMIN works), apedgectl as root and as a plain user (who reads,
# but is refused the rest by the daemon and by the kernel), and the
# purge.
# dpkg and DKMS's build of the module take minutes under TCG:
# vm-timeout: 2400
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

# A guest with one kernel, as an access point has: DKMS also builds for
# the newest kernel in /boot, and the guest sees the host's (in its own
# overlay, so nothing of the host changes).  No man-db index either.
for f in /boot/config-*; do
	[ "$f" = "/boot/config-$kver" ] || rm -f "$f"
done
echo 'man-db man-db/auto-update boolean false' | debconf-set-selections

start=$SECONDS
check "dpkg -i apedge-dkms apedge" sh -c "DEBIAN_FRONTEND=noninteractive dpkg -i '$debs/apedge-dkms_0.1.0_all.deb' '$debs/apedge_0.1.0_amd64.deb' >'$T/dpkg.log' 2>&1"
echo "# dpkg -i took $((SECONDS - start)) s"
tail -n 15 "$T/dpkg.log" | sed 's/^/#   /'
kver_re=$(printf '%s' "$kver" | sed 's/[.+]/\\&/g')	# 6.12.117+deb12-amd64
check_match "DKMS built it for $kver" "^apedge/0\.1\.0, $kver_re, [^:]*: installed\$" "$(dkms status -m apedge -k "$kver" 2>/dev/null)"
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

rmmod apedge
check "dpkg --purge" sh -c "DEBIAN_FRONTEND=noninteractive dpkg --purge apedge apedge-dkms >'$T/purge.log' 2>&1"
check "the module is gone" sh -c "! ls '$dkms_dir'/apedge.ko* 2>/dev/null"
check "DKMS forgot it" sh -c "! dkms status apedge 2>/dev/null | grep -q apedge"
