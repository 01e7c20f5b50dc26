# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the VM tests (tests/vm/t_*.sh), sourced by each test.  A
# test runs as root in the guest, in a fresh state: no apedge module, no
# links but lo, no namespaces; tests/vm/run cleans up after it.
#
# Checks print "ok - DESC" or "not ok - DESC" (and what went wrong, as
# "#" lines), and never stop the test:
#
#   check DESC CMD...          CMD succeeds
#   check_fail DESC CMD...     CMD fails (also: expect_fail)
#   check_eq DESC WANT GOT     the strings are equal
#   check_match DESC RE TEXT   TEXT matches the extended regex RE
#   dmesg_clean [DESC]         no kernel warning since dmesg_mark (or the
#                              start of the test)
#
# Any other command at the top level of a test that fails stops the test,
# as with set -e (an ERR trap; the same exemptions: conditions, && and ||
# lists, "!"); the runner counts that as a failure.  Inside functions
# and $(...) the test decides.
#
#   wait_for SECS CMD...       poll CMD every 0.1 s until it succeeds;
#                              status 1 after SECS seconds
#   all_equal CMD...           the words CMD prints are all the same
#                              (for wait_for: counts that must agree)
#   dmesg_mark                 the kernel log's checks start here
#   load_module [PARAM...]     insmod the apedge.ko built for this kernel
#   unload_module              rmmod apedge
#   veth [NAME [PEER]]         a veth pair (va vb by default), both up
#   veth_ns NS [NAME [PEER]]   the same with PEER moved into netns NS
#                              (created if needed)
#   capture IF FILTER [N]      tcpdump in the background into $T/cap.IF,
#                              returns once it listens
#   capture_wait IF [SECS]     wait for its N frames
#   frame_hex IF [N], frames IF
#   scapy_start NS...          one scapy sender per namespace (checked
#                              ready); then
#   scapy_send NS IF N EXPR    send N copies of the scapy frame EXPR out
#                              of IF in NS; prints "sent N"
#   scapy_stop                 end the senders (then `wait` returns)
#
# $top is the repository, $T a private scratch directory.  Run alone (not
# from tests/vm/run), a test ends with "N passed, N failed" and fails if
# a check did.

set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH=$top/daemon/build/bin:$PATH
T=$(mktemp -d)
if [ -n "${APEDGE_RESULTS:-}" ]; then
	results=$APEDGE_RESULTS
	_standalone=
else
	results=$T/results
	_standalone=1
fi
: >>"$results"

# The kernel log lines that fail a test.  The debug kernel's reports
# (tests/debug) mostly begin "WARNING:" or "BUG:"; lockdep's, RCU's and
# debugobjects' are named as well.
DMESG_BAD='WARNING:|BUG:|Oops|general protection fault|refcount|unregister_netdevice: waiting|kmemleak|UBSAN|KASAN|list_(add|del) corruption|INFO: task .* blocked|possible (recursive|circular) locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|ODEBUG'

# How long deleting a device may take before a test calls it a leaked
# reference (the kernel also logs "unregister_netdevice: waiting" after
# 10 s of it, which DMESG_BAD catches).  Under the debug kernel (tests/
# debug: KASAN, lockdep, kmemleak in TCG) a veth's deletion alone was
# seen to take over 10 s on a loaded machine, with no reference left.
if [ -e /sys/kernel/debug/kmemleak ]; then
	DEL_SECS=${APEDGE_DEL_SECS:-120}
else
	DEL_SECS=${APEDGE_DEL_SECS:-10}
fi

_result() {
	echo "$1 - $2"
	echo "$1" >>"$results"
}

check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		_result ok "$desc"
	else
		_result "not ok" "$desc"
		echo "$out" | sed 's/^/#   /' | head -n 20
	fi
	return 0
}

check_fail() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		_result "not ok" "$desc (succeeded)"
		echo "$out" | sed 's/^/#   /' | head -n 20
	else
		_result ok "$desc"
	fi
	return 0
}

expect_fail() {
	check_fail "$@"
}

check_eq() {
	if [ "$2" = "$3" ]; then
		_result ok "$1"
	else
		_result "not ok" "$1"
		echo "#   want: $2"
		echo "#   got:  $3"
	fi
	return 0
}

check_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then
		_result ok "$1"
	else
		_result "not ok" "$1"
		echo "#   want /$2/"
		echo "#   got:  $3"
	fi
	return 0
}

wait_for() {
	local secs=$1 end
	shift
	end=$((SECONDS + secs))
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
	return 0
}

all_equal() {
	local n x
	# shellcheck disable=SC2046
	set -- $("$@")
	n=${1-}
	for x; do [ "$x" = "$n" ] || return 1; done
	return 0
}

# The kernel log from the last mark on (all of it if the mark is gone).
# tests/vm/run marks the start of each test.
dmesg_mark() {
	APEDGE_DMESG_MARK="apedge-test: mark $$.$RANDOM.$SECONDS"
	echo "$APEDGE_DMESG_MARK" >/dev/kmsg
}

dmesg_since() {
	dmesg | awk -v m="${APEDGE_DMESG_MARK:-}" '
		{ l[NR] = $0 }
		m != "" && index($0, m) { from = NR + 1 }
		END { for (i = from ? from : 1; i <= NR; i++) print l[i] }'
}

dmesg_clean() {
	local bad
	bad=$(dmesg_since | grep -E "$DMESG_BAD")
	if [ -z "$bad" ]; then
		_result ok "${1:-kernel log clean}"
	else
		_result "not ok" "${1:-kernel log clean}"
		echo "$bad" | sed 's/^/#   /' | head -n 40
	fi
	return 0
}

# The module built for the running kernel: build/kmod/KVER/apedge.ko (by
# tests/vm/run or scripts/kbuild), else kmod/apedge.ko if it was built for
# this kernel.
module_path() {
	local kver ko
	kver=$(uname -r)
	for ko in "$top/build/kmod/$kver/apedge.ko" "$top/kmod/apedge.ko"; do
		if [ -f "$ko" ] && [ "$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)" = "$kver" ]; then
			echo "$ko"
			return 0
		fi
	done
	echo "no apedge.ko for $kver (build it: scripts/kbuild $kver)" >&2
	return 1
}

load_module() {
	local ko dep
	ko=$(module_path) || return 1
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		modprobe "$dep" || return 1
	done
	insmod "$ko" "$@"
}

unload_module() {
	rmmod apedge
}

veth() {
	local a=${1:-va} b=${2:-vb}
	ip link add "$a" type veth peer name "$b" &&
		ip link set "$a" up && ip link set "$b" up
}

veth_ns() {
	local ns=$1 a=${2:-va} b=${3:-vb}
	[ -e "/run/netns/$ns" ] || ip netns add "$ns" || return 1
	ip link add "$a" type veth peer name "$b" netns "$ns" &&
		ip link set "$a" up && ip -n "$ns" link set "$b" up &&
		ip -n "$ns" link set lo up
}

capture() {
	local ifc=$1 filter=$2 count=${3:-1}
	tcpdump -i "$ifc" -n -e -xx -l -c "$count" "$filter" \
		>"$T/cap.$ifc" 2>"$T/cap.$ifc.err" &
	echo $! >"$T/cap.$ifc.pid"
	wait_for 20 grep -q 'listening on' "$T/cap.$ifc.err"
}

capture_wait() {
	local pid
	pid=$(cat "$T/cap.$1.pid")
	wait_for "${2:-10}" bash -c "! kill -0 $pid" || kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# The hex bytes of the Nth captured frame (1-based) of capture IF.
frame_hex() {
	awk -v n="${2:-1}" '
		/^[0-9]/ { f++ }
		f == n && /^[[:space:]]+0x[0-9a-f]+:/ { for (i = 2; i <= NF; i++) printf "%s", $i }
	' "$T/cap.$1"
}

frames() {
	grep -c '^[0-9]' "$T/cap.$1"
}

# One scapy per namespace, fed through FIFOs: under TCG starting scapy
# takes seconds, so each starts once.  EXPR may name any scapy layer.
declare -A _scapy_to _scapy_from
scapy_start() {
	local ns fd line
	cat >"$T/scapy_sender.py" <<'EOP'
import sys
from scapy.all import *  # noqa: F403 -- the frames name any layer
print("ready", flush=True)
for line in sys.stdin:
    iface, n, expr = line.rstrip("\n").split(" ", 2)
    sendp([eval(expr)] * int(n), iface=iface, verbose=False)
    print("sent", n, flush=True)
EOP
	for ns; do
		mkfifo "$T/scapy.in.$ns" "$T/scapy.out.$ns"
		ip netns exec "$ns" /usr/bin/python3 "$T/scapy_sender.py" \
			<"$T/scapy.in.$ns" >"$T/scapy.out.$ns" \
			2>"$T/scapy.err.$ns" &
		exec {fd}>"$T/scapy.in.$ns"
		_scapy_to[$ns]=$fd
		exec {fd}<"$T/scapy.out.$ns"
		_scapy_from[$ns]=$fd
	done
	for ns; do
		line=
		read -r -t 120 line <&"${_scapy_from[$ns]}" || true
		check_eq "scapy ready in $ns" ready "${line:-}"
	done
}

scapy_send() {
	local line=
	echo "$2 $3 $4" >&"${_scapy_to[$1]}"
	read -r -t 60 line <&"${_scapy_from[$1]}" || cat "$T/scapy.err.$1" >&2
	echo "$line"
}

scapy_stop() {
	local ns
	for ns in "${!_scapy_to[@]}"; do
		exec {_scapy_to[$ns]}>&-
	done
	_scapy_to=()
}

# A failed command at the top level of the test stops it.
_errexit() {
	local rc=$1 line=$2 cmd=$3
	echo "# ${APEDGE_TEST:-$(basename "$0" .sh)}: line $line: '$cmd' failed with status $rc; stopping" >&2
	exit "$rc"
}
trap '_errexit $? "$LINENO" "$BASH_COMMAND"' ERR

_atexit() {
	local rc=$? p f
	trap - ERR
	# shellcheck disable=SC2046
	kill $(jobs -p) 2>/dev/null
	if [ -n "$_standalone" ]; then
		p=$(grep -cx ok "$results")
		f=$(grep -cx 'not ok' "$results")
		[ "$rc" -eq 0 ] || f=$((f + 1))
		echo "$p passed, $f failed"
		rc=$((f > 0))
	fi
	rm -rf "$T"
	exit "$rc"
}
# bridge_topology [noipv6]: the guard tests' network, a client and a
# server namespace on either side of a bridge whose ports va and vc are
# forwarding on return.  With noipv6 the links carry no IPv6 of their
# own, only what a test sends.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv
bridge_topology() {
	local d
	modprobe bridge
	ip netns add cli
	ip netns add srv
	ip link add br0 type bridge
	ip link set br0 up
	ip link add vc type veth peer name vd netns cli
	ip link add va type veth peer name vs netns srv
	if [ "${1:-}" = noipv6 ]; then
		for d in va vc; do sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1"; done
		ip netns exec cli sysctl -qw net.ipv6.conf.vd.disable_ipv6=1
		ip netns exec srv sysctl -qw net.ipv6.conf.vs.disable_ipv6=1
	fi
	for d in va vc; do ip link set "$d" master br0 up; done
	ip -n cli link set lo up
	ip -n cli link set vd up
	ip -n srv link set vs up
	wait_for 20 bash -c 'bridge link show dev va | grep -q forwarding &&
		bridge link show dev vc | grep -q forwarding'
}

trap _atexit EXIT
