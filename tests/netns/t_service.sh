#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged as a service, without the module: what systemd and the kernel
# see of it.  A notify socket of our own plays systemd's
# ($NOTIFY_SOCKET, SO_PASSCRED as systemd reads it); /proc/PID/status
# tells the capabilities, ids and no_new_privs.
#
#   a  as root with -u nobody: READY=1 from the daemon's own pid, then
#      uid nobody, CapEff = CapPrm = CapBnd = the three, nothing
#      inheritable or ambient, no_new_privs; the control sockets are
#      nobody's; root may reload, another user only read, and neither
#      reload nor see stations; SIGHUP: RELOADING=1 with MONOTONIC_USEC,
#      then READY=1; SIGTERM: STOPPING=1, status 0, the socket removed
#      from the directory the daemon made and gave to nobody
#   b  as root without -u: uid 0, the same three capabilities
#   c  as systemd starts the unit (User= and AmbientCapabilities=, here
#      with setpriv): the three kept, the ambient ones cleared
#   d  -u with a user that does not exist: status 1, a clear message
#   e  with $JOURNAL_STREAM naming stderr: levels as <N> prefixes
. "$(dirname "$0")/lib.sh"

THREE=0000000000003400	# cap_net_bind_service, cap_net_admin, cap_net_raw
netns_add ap || exit 1
# The daemon, once nobody, must reach its files under $T.
chmod 755 "$T"
printf '[general]\nlog_level = info\n' >"$T/apedged.conf"

# The notify socket: "PID MESSAGE" lines (newlines as |) in $T/notify.log.
"$PY" "$TOP/tests/tools/sd_notify_listen.py" "$T/notify" "$T/notify.log" &
_pids+=($!)
wait_for 5 test -S "$T/notify" || { echo "not ok - notify socket"; exit 1; }

status_of() {	# PID FIELD
	awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "/proc/$1/status"
}
# stop_ok DESC PID LOG: stop waits for its child, so not in check's subshell.
stop_ok() {
	local rc=0
	stop "$2" "$3" || rc=$?
	check "$1" test "$rc" -eq 0
}
notified() {	# PID MESSAGE-REGEX
	grep -Eq "^$1 $2\$" "$T/notify.log"
}
ctl() {
	"$BIN/apedgectl" -s "$1" "${@:2}"
}
# check_caps PID UID: the three only, bounding set included, nothing to
# pass on, no_new_privs.
check_caps() {
	local pid=$1 uid=$2
	check "uid $uid" test "$(status_of "$pid" Uid)" = "$uid $uid $uid $uid"
	check "CapEff the three" test "$(status_of "$pid" CapEff)" = $THREE
	check "CapPrm the three" test "$(status_of "$pid" CapPrm)" = $THREE
	check "CapInh empty" test "$(status_of "$pid" CapInh)" = 0000000000000000
	check "CapAmb empty" test "$(status_of "$pid" CapAmb)" = 0000000000000000
	check "CapBnd the three" test "$(status_of "$pid" CapBnd)" = $THREE
	check "no_new_privs" test "$(status_of "$pid" NoNewPrivs)" = 1
}

# a: root, -u nobody.
echo "# a: -u nobody"
: >"$T/notify.log"
sock=$T/run-a/apedged.sock
spawn ap "$T/a.log" env NOTIFY_SOCKET="$T/notify" \
	"$BIN/apedged" -f -c "$T/apedged.conf" -s "$sock" -u nobody
pid=$LAST_PID
check "a: READY=1 from the daemon" wait_for 10 notified "$pid" "READY=1.*"
check "a: with a status" notified "$pid" "READY=1\|STATUS=started; looking for the apedge module"
check_caps "$pid" 65534
check "a: the socket's directory given to nobody" \
	test "$(stat -c %U "$T/run-a")" = nobody
check "a: its sockets are nobody's" \
	test "$(stat -c %U "$sock" "${sock%.sock}.ro.sock")" = "nobody
nobody"
check "a: root's apedgectl served" ctl "$sock" daemon ping
check "a: root may reload" ctl "$sock" daemon reload
# Another user: reads go over the read-only socket, the rest is refused.
as_user() {
	setpriv --reuid 4321 --regid 4321 --clear-groups \
		"$BIN/apedgectl" -s "$sock" "$@"
}
check "a: a plain user reads the status" as_user daemon status
out=$(as_user daemon reload 2>&1)
check "a: a plain user may not reload" sh -c 'printf %s "$1" |
	grep -q "permission denied: .reload. needs an admin"' _ "$out"
out=$(as_user sta show 2>&1)
check "a: a plain user sees no stations" sh -c 'printf %s "$1" |
	grep -q "permission denied: .sta show. reveals stations"' _ "$out"
kill -HUP "$pid"
check "a: RELOADING=1 with MONOTONIC_USEC on SIGHUP" \
	wait_for 10 notified "$pid" "RELOADING=1\|MONOTONIC_USEC=[0-9]+"
check "a: READY=1 after the reload" \
	wait_for 10 sh -c "grep -A1 RELOADING '$T/notify.log' | grep -q '^$pid READY=1'"
check "a: the reload logged" wait_for 5 grep -q 'configuration reloaded' "$T/a.log"
stop_ok "a: stops with status 0" "$pid" "$T/a.log"
check "a: STOPPING=1" notified "$pid" "STOPPING=1"
check "a: the socket removed" test ! -e "$sock"
check "a: capabilities logged" grep -q 'running as uid 65534 with cap_net_bind_service,cap_net_admin,cap_net_raw' "$T/a.log"

# b: root, no -u.
echo "# b: root"
: >"$T/notify.log"
sock=$T/run-b/apedged.sock
spawn ap "$T/b.log" env NOTIFY_SOCKET="$T/notify" \
	"$BIN/apedged" -f -c "$T/apedged.conf" -s "$sock"
pid=$LAST_PID
check "b: READY=1" wait_for 10 notified "$pid" "READY=1.*"
check_caps "$pid" 0
check "b: served" ctl "$sock" daemon status
stop_ok "b: stops with status 0" "$pid" "$T/b.log"

# c: as systemd starts the unit: User=nobody, AmbientCapabilities= and
# CapabilityBoundingSet= the three, RuntimeDirectory= given to the user.
echo "# c: started as the unit starts it"
: >"$T/notify.log"
mkdir "$T/run-c" && chown nobody:nogroup "$T/run-c"
sock=$T/run-c/apedged.sock
caps=+net_admin,+net_raw,+net_bind_service
spawn ap "$T/c.log" env NOTIFY_SOCKET="$T/notify" \
	setpriv --reuid nobody --regid nogroup --clear-groups \
	--inh-caps "$caps" --ambient-caps "$caps" --bounding-set "-all,$caps" \
	"$BIN/apedged" -f -c "$T/apedged.conf" -s "$sock"
pid=$LAST_PID
check "c: READY=1" wait_for 10 notified "$pid" "READY=1.*"
check_caps "$pid" 65534
check "c: root's apedgectl served" ctl "$sock" daemon status
stop_ok "c: stops with status 0" "$pid" "$T/c.log"
check "c: the socket removed" test ! -e "$sock"

# d: no such user.
echo "# d: -u with an unknown user"
rc=0
nsx ap "$BIN/apedged" -f -c "$T/apedged.conf" -s "$T/run-d/apedged.sock" \
	-u apedge-no-such-user >"$T/d.log" 2>&1 || rc=$?
check "d: status 1" test "$rc" -eq 1
check "d: says so" grep -q -- '-u apedge-no-such-user: no such user' "$T/d.log"
check "d: nothing set up" test ! -e "$T/run-d"

# e: stderr is the journal's stream.
echo "# e: the journal's stream"
: >"$T/e.log"
spawn ap "$T/e.log" env JOURNAL_STREAM="$(stat -c %d:%i "$T/e.log")" \
	"$BIN/apedged" -f -c "$T/apedged.conf" -s "$T/run-e/apedged.sock"
pid=$LAST_PID
check "e: started" wait_for 10 test -S "$T/run-e/apedged.sock"
check "e: info as <6>" grep -q '^<6>apedged 0.1.0 started' "$T/e.log"
stop_ok "e: stops with status 0" "$pid" "$T/e.log"
check "e: notice as <5>" grep -q '^<5>received SIGTERM; shutting down' "$T/e.log"
check "e: no plain lines" sh -c "! grep -v '^<[0-7]>' '$T/e.log'"
