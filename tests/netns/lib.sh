# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# Helpers of the host netns tests (tests/netns/run sources nothing: each
# test sources this).  A test gets a scratch directory $T and a name
# prefix $NS for its namespaces; both go away on exit, with the
# processes it started through spawn.
set -uo pipefail

TOP=${APEDGE_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BIN=${APEDGE_NETNS_BIN:-$TOP/daemon/build/bin}
PY=/usr/bin/python3
T=$(mktemp -d /tmp/apedge-netns.XXXXXX)
NS=ae$$
_pids=()
_nss=()
# Set first: whatever happens next, the namespaces and processes go.
trap _cleanup EXIT
trap "exit 143" TERM INT

_result() {
	echo "$1 - $2"
}

# check DESC CMD...: ok when CMD succeeds.
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

# wait_for SECS CMD...: poll CMD every 0.1 s until it succeeds, at most
# SECS seconds; the status says whether it did.
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

netns_add() {
	ip netns add "$NS-$1" && _nss+=("$NS-$1") &&
		ip -n "$NS-$1" link set lo up
}

# nsx NAME CMD...: run CMD in namespace NAME.
nsx() {
	local n=$1
	shift
	ip netns exec "$NS-$n" "$@"
}

# udp_bound NAME PORT: something in namespace NAME listens on UDP PORT.
# A server must be listening before a test counts the client's first
# message: on a loaded machine it may still be starting.
udp_bound() {
	ip netns exec "$NS-$1" ss -Hlun "sport = :$2" | grep -q .
}

# spawn NAME LOG CMD...: start CMD in the background in namespace NAME.
spawn() {
	local n=$1 log=$2
	shift 2
	ip netns exec "$NS-$n" "$@" >"$log" 2>&1 &
	LAST_PID=$!
	_pids+=($!)
}

# stop PID LOG: SIGTERM; ok when it exits with status 0 and its log has
# no sanitizer report (APEDGE_NETNS_BIN may point at ASan/UBSan builds).
# It waits for its child: call it from the test's shell, not from check.
stop() {
	local pid=$1 log=$2 rc
	kill -TERM "$pid" 2>/dev/null || return 1
	wait "$pid"
	rc=$?
	if grep -E 'Sanitizer|runtime error' "$log"; then
		return 1
	fi
	return "$rc"
}

_cleanup() {
	local p n
	for p in "${_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	# What a tracked process started and left behind (a daemon that
	# forked, one run under unshare from a subshell) dies with its
	# namespace: a namespace outlives its deletion while a process is
	# in it.
	for n in "${_nss[@]}"; do
		# shellcheck disable=SC2046
		kill $(ip netns pids "$n" 2>/dev/null) 2>/dev/null
	done
	for n in "${_nss[@]}"; do
		ip netns del "$n" 2>/dev/null
	done
	rm -rf "$T"
}
