# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the VM tests (tests/vm/t_*.sh), sourced by each test.  A
# test runs as root in a fresh guest state: no apedge module, no links
# but lo.  tests/vm/run cleans up after it.
#
#   check DESC CMD...         ok if CMD succeeds
#   check_fail DESC CMD...    ok if CMD fails
#   check_eq DESC WANT GOT    ok if the strings are equal
#   check_match DESC RE TEXT  ok if TEXT matches the extended regex RE
#   wait_for SECS CMD...      poll CMD every 0.1 s until it succeeds
#   load_module, veth NAME PEER, capture IF FILTER, capture_wait

set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH=$top/daemon/build/bin:$PATH
results=${APEDGE_RESULTS:-/dev/null}
T=$(mktemp -d)

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
}

check_eq() {
	if [ "$2" = "$3" ]; then
		_result ok "$1"
	else
		_result "not ok" "$1"
		echo "#   want: $2"
		echo "#   got:  $3"
	fi
}

check_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then
		_result ok "$1"
	else
		_result "not ok" "$1"
		echo "#   want /$2/"
		echo "#   got:  $3"
	fi
}

wait_for() {
	local secs=$1 i
	shift
	for ((i = 0; i < secs * 10; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

load_module() {
	insmod "$top/build/kmod/$(uname -r)/apedge.ko"
}

# veth NAME PEER: a veth pair, both ends up.
veth() {
	ip link add "$1" type veth peer name "$2" &&
		ip link set "$1" up && ip link set "$2" up
}

# capture IF FILTER [COUNT]: tcpdump in the background into $T/cap.IF;
# returns once it listens.  capture_wait IF waits for COUNT frames.
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

trap 'rm -rf "$T"; kill $(jobs -p) 2>/dev/null; true' EXIT

