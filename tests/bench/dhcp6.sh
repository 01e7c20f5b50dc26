#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the DHCPv6 server (issue 10 item 7): perfdhcp -6 four-way
# exchanges (SOLICIT, ADVERTISE, REQUEST, REPLY) against apedged and
# against kea-dhcp6, one after the other on the same veth pair in host
# network namespaces (no VM, no module):
#
#   cl: va (perfdhcp) ---- vs (apedged, then kea-dhcp6)  :sv
#
# Both servers persist their leases to a file in the scratch directory
# (on disk, not a tmpfs): apedged its journal with group commit, kea its
# memfile (persist, lfc-interval 0).  For each server the offered rate
# (perfdhcp -r) is raised step by step, each step a fresh run of STEP
# seconds with its own set of simulated clients; the sustained rate is
# the highest rate of completed exchanges (REPLYs per second) of a step
# that lost at most 2.5% of the exchanges (perfdhcp's drops of both
# message pairs, against what it sent).  The raising stops at the first
# step that loses more.  Each server first gets 2 s at 200/s, not
# counted (kea once lost 5% of its first step).  Then apedged is filled
# with 100,000 leases (perfdhcp runs of new clients) and its RSS is
# printed.
#
#   tests/bench/dhcp6.sh [STEP_SECONDS]        (default 5)
#
# A benchmark, not a test: it never fails on a figure, but it fails
# (status 1) when a server does not answer at all.  Needs root, perfdhcp
# (kea-admin) and kea-dhcp6 (kea-dhcp6-server).
set -uo pipefail

step=${1:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ "$(id -u)" -eq 0 ] || { echo "dhcp6 bench: needs root (ip netns)" >&2; exit 1; }
for p in perfdhcp kea-dhcp6 jq; do
	command -v $p >/dev/null || { echo "dhcp6 bench: $p is missing (scripts/deps)" >&2; exit 1; }
done
make -s -C daemon all || exit 1
# shellcheck source=tests/netns/lib.sh
. tests/netns/lib.sh

rates=(500 1000 1500 2000 3000 4000 5000 6000 8000 10000 12000 16000)
loss_max=2.5

netns_add cl && netns_add sv || exit 1
for n in cl sv; do
	nsx $n sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
done
ip link add va netns "$NS-cl" address 02:00:00:00:d6:01 type veth \
	peer name vs netns "$NS-sv"
ip -n "$NS-sv" link set vs up
ip -n "$NS-cl" link set va up
# The link-locals, without DAD, are there at once.
wait_for 5 sh -c "ip -n $NS-cl -6 addr show dev va scope link | grep -q inet6"
wait_for 5 sh -c "ip -n $NS-sv -6 addr show dev vs scope link | grep -q inet6"

cat >"$T/apedged.conf" <<EOC
[general]
log_level = info
[dhcp6]
state_dir = $T/apedged
[dhcp6 vs]
range = 2001:db8:1::1:0-2001:db8:1::ffff:ffff
pd_pool = 2001:db8:100::/40 56
dns = 2001:db8::53
EOC
cat >"$T/kea-dhcp6.conf" <<EOC
{ "Dhcp6": {
	"interfaces-config": { "interfaces": [ "vs" ] },
	"lease-database": { "type": "memfile", "persist": true,
		"name": "$T/kea/leases6.csv", "lfc-interval": 0 },
	"data-directory": "$T/kea",
	"preferred-lifetime": 3600, "valid-lifetime": 7200,
	"renew-timer": 1800, "rebind-timer": 2880,
	"option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ],
	"subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "vs",
		"pools": [ { "pool": "2001:db8:1::1:0-2001:db8:1::ffff:ffff" } ],
		"pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40,
			"delegated-len": 56 } ] } ],
	"loggers": [ { "name": "kea-dhcp6", "severity": "WARN",
		"output_options": [ { "output": "$T/kea/kea.log" } ] } ]
} }
EOC

start_apedged() {
	rm -rf "$T/apedged"
	mkdir -p "$T/apedged"
	spawn sv "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	PID=$LAST_PID
	wait_for 10 grep -q "dhcp6 vs: serving" "$T/apedged.log"
}
start_kea() {
	rm -rf "$T/kea"
	mkdir -p "$T/kea"
	# kea's pid file and lock are under its run directory; its own.
	spawn sv "$T/kea.out" env KEA_PIDFILE_DIR="$T/kea" \
		KEA_LOCKFILE_DIR="$T/kea" kea-dhcp6 -c "$T/kea-dhcp6.conf"
	PID=$LAST_PID
	wait_for 10 sh -c "ip netns exec $NS-sv ss -ulnH | grep -q ':547 '"
}
stop_server() {
	kill -TERM "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	PID=""
}

# perf RATE CLIENTS SECONDS [ARGS...]: one perfdhcp run from va; its
# output in $T/perf.out; prints "sent_solicit adv sent_request replies
# drops".  -b duid=...: each run (RUN) its own DUIDs.
run=0
perf() {
	local r=$1 n=$2 s=$3
	shift 3
	nsx cl timeout $((s + 30)) perfdhcp -6 -l va -r "$r" -R "$n" -p "$s" \
		-b "duid=0001000100000000$(printf '%04x' $run)02000000d601" \
		"$@" >"$T/perf.out" 2>&1
	awk '
		/Statistics for: SOLICIT/ { x = 1 }
		/Statistics for: REQUEST/ { x = 2 }
		/sent packets:/ { s[x] = $3 }
		/received packets:/ { r[x] = $3 }
		/^drops:/ { d[x] = $2 }
		END { printf "%d %d %d %d %d\n", s[1], r[1], s[2], r[2], d[1] + d[2] }
	' "$T/perf.out"
}

# rcvbuf NS: the UDP datagrams dropped for a full socket buffer in NS.
rcvbuf() {
	nsx "$1" awk '$1 == "Udp6RcvbufErrors" { print $2 }' /proc/net/snmp6
}

# ramp NAME: raise the rate; prints per step, sets SUST (REPLYs/s).
# The last two columns: datagrams dropped at a full socket buffer, the
# server's (sv) and perfdhcp's (cl).
ramp() {
	local name=$1 r ss ra sq rr loss got s0 c0
	SUST=0
	ANSWERED=0
	# A warm-up, not counted: 2 s at 200/s.
	run=$((run + 1))
	perf 200 400 2 >/dev/null
	printf '%-8s %8s %9s %9s %9s %9s %7s %9s %6s %6s\n' "$name" offered \
		solicits advertises requests replies loss% replies/s sv-buf cl-buf
	for r in "${rates[@]}"; do
		run=$((run + 1))
		s0=$(rcvbuf sv)
		c0=$(rcvbuf cl)
		read -r ss ra sq rr _ < <(perf "$r" $((r * step)) "$step")
		[ "$rr" -gt 0 ] && ANSWERED=1
		loss=$(awk -v s="$ss" -v q="$sq" -v a="$ra" -v p="$rr" 'BEGIN {
			# exchanges lost: solicits not advertised plus requests
			# not answered, against the solicits sent
			printf "%.2f", s ? 100 * ((s - a) + (q - p)) / s : 100 }')
		got=$(awk -v p="$rr" -v t="$step" 'BEGIN { printf "%d", p / t }')
		printf '%-8s %8s %9s %9s %9s %9s %7s %9s %6s %6s\n' "" "$r" "$ss" \
			"$ra" "$sq" "$rr" "$loss" "$got" $(($(rcvbuf sv) - s0)) \
			$(($(rcvbuf cl) - c0))
		cp "$T/perf.out" "$T/perf.$name.$r"
		if awk -v l="$loss" -v m="$loss_max" 'BEGIN { exit !(l > m) }'; then
			break
		fi
		[ "$got" -gt "$SUST" ] && SUST=$got
	done
}

failed=0
echo "# dhcp6 bench: $(nproc) cpus, $(uname -r), steps of $step s," \
	"$(perfdhcp -v 2>&1 | head -1 | tr -d '\n') perfdhcp," \
	"kea-dhcp6 $(kea-dhcp6 -v 2>&1 | head -1)"

start_apedged || { echo "dhcp6 bench: apedged did not start" >&2; exit 1; }
ramp apedged
ape=$SUST
[ "$ANSWERED" = 1 ] || { echo "# apedged answered nothing"; failed=1; }
st=$("$BIN/apedgectl" -s "$T/apedged.sock" -j dhcp6 stats)
echo "# apedged store: $(echo "$st" | jq -c '.store // {} | {appends, commits, fsyncs}'), leases $(echo "$st" | jq -c .leases)"
stop_server

if start_kea; then
	ramp kea
	kea=$SUST
	[ "$ANSWERED" = 1 ] || { echo "# kea-dhcp6 answered nothing"; failed=1; }
	echo "# kea leases6.csv: $(wc -l <"$T/kea/leases6.csv") lines"
	stop_server
else
	echo "# kea-dhcp6 did not start:"
	sed 's/^/#   /' "$T/kea.out" | tail -n 20
	kea=0
	failed=1
fi

echo "sustained four-way exchanges/s (loss <= $loss_max%): apedged $ape, kea-dhcp6 $kea"
awk -v a="$ape" -v k="$kea" 'BEGIN {
	if (k > 0) printf "apedged / kea-dhcp6: %.2f\n", a / k
	else print "apedged / kea-dhcp6: -" }'

# 100,000 leases: perfdhcp picks its clients at random among -R, so
# runs of new clients drawn from 10^7 (few repeats), at the rate apedged
# sustained, until the table has 100,000.
start_apedged || { echo "dhcp6 bench: apedged did not restart" >&2; exit 1; }
rss0=$(awk '/^VmRSS/ { print $2 }' "/proc/$PID/status")
fill=$(( ape > 500 ? ape : 500 ))
t0=$SECONDS
n=0
for _ in 1 2 3 4; do
	k=$(( (100000 - n) * 102 / 100 + 50 ))
	run=$((run + 1))
	perf "$fill" 10000000 $((k / fill + 10)) -n "$k" >/dev/null
	n=$("$BIN/apedgectl" -s "$T/apedged.sock" -j dhcp6 stats | jq '.leases.bound')
	[ "$n" -ge 100000 ] && break
done
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$PID/status")
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$PID/status")
echo "apedged RSS: $rss0 kB empty, $rss kB with $n leases (peak $hwm kB), filled at $fill/s in $((SECONDS - t0)) s"
find "$T/apedged" -type f -printf '# %s %f\n'
stop_server
exit $failed
