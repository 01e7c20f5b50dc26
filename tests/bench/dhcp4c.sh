#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of DHCPv4 clients: the time from link-up to a usable address,
# for apedged, dhcpcd and busybox's udhcpc against the same dnsmasq, in
# host network namespaces (no VM, no module):
#
#   cl: va (down) ---- vs (up, 10.21.0.1/24, dnsmasq)  :sv
#
# One run: the client is started (udhcpc, which does not watch the
# carrier, right after the link-up, as ifupdown runs it), then "ip link
# set va up" in cl; the clock stops when va has an IPv4 address and a
# default route (a tight poll of rtnetlink by ip(8), a few ms apart).
# Every run starts without a stored lease (the client's state directory
# is emptied): the DISCOVER path.  The clients are interleaved, run after
# run, in two modes:
#
#   acd   conflict detection as each ships: apedged's RFC 5227 probe
#         (acd = yes, the RFC's timings), dhcpcd's ARP probe, udhcpc -a
#   off   none: apedged acd = no, dhcpcd noarp, udhcpc without -a
#
# Otherwise each client runs with its own defaults (dhcpcd's random
# initial delay included), IPv4 only, configuring nothing but the
# address and the routes.  dnsmasq is told not to ping an address before
# offering it, so that the server's delay is the same small one for all.
#
#   tests/bench/dhcp4c.sh [RUNS]          (default 20 per client and mode)
#
# It prints the median and the worst of each client in each mode and the
# ratio of apedged's median to the fastest other client's.  A benchmark,
# not a test: it never fails on a figure, but it fails (status 1) when a
# client does not get an address within 30 s.  Needs root.
set -uo pipefail

runs=${1:-20}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ "$(id -u)" -eq 0 ] || { echo "dhcp4c: needs root (ip netns)" >&2; exit 1; }
for p in dnsmasq dhcpcd udhcpc; do
	command -v $p >/dev/null || { echo "dhcp4c: $p is missing (scripts/deps)" >&2; exit 1; }
done
make -s -C daemon all || exit 1
# shellcheck source=tests/netns/lib.sh
. tests/netns/lib.sh

TIMEOUT_S=30
netns_add cl && netns_add sv || exit 1
ip link add va netns "$NS-cl" address 02:00:00:00:d4:21 type veth \
	peer name vs netns "$NS-sv"
ip -n "$NS-sv" addr add 10.21.0.1/24 dev vs
ip -n "$NS-sv" link set vs up
spawn sv "$T/dnsmasq.log" dnsmasq -k -C /dev/null --port=0 --user=root \
	--interface=vs --bind-interfaces --no-ping --log-facility=- \
	--pid-file="$T/dnsmasq.pid" --dhcp-leasefile="$T/dnsmasq.leases" \
	--dhcp-range=10.21.0.100,10.21.0.199,255.255.255.0,1h \
	--dhcp-option=3,10.21.0.1
wait_for 10 grep -q "DHCP, IP range" "$T/dnsmasq.log" ||
	{ echo "dhcp4c: dnsmasq did not start" >&2; exit 1; }

# udhcpc's and dhcpcd's scripts: the address and the default route only.
cat >"$T/udhcpc.sh" <<'EOS'
#!/bin/sh
case $1 in
deconfig) ip -4 addr flush dev "$interface" ;;
bound|renew)
	ip addr replace "$ip/${mask:-24}" dev "$interface"
	for r in $router; do
		ip route replace default via "$r" dev "$interface"
		break
	done ;;
esac
exit 0
EOS
chmod +x "$T/udhcpc.sh"

now_us() { echo "${EPOCHREALTIME/./}"; }
usable() {
	ip -n "$NS-cl" -4 -o addr show dev va | grep -q ' inet ' &&
		ip -n "$NS-cl" -4 route show default | grep -q .
}
reset_link() {
	ip -n "$NS-cl" link set va down
	ip -n "$NS-cl" -4 addr flush dev va
	ip -n "$NS-cl" -4 route flush dev va 2>/dev/null
	rm -rf "$T/state" "$T/dhcpcd"
	mkdir -p "$T/state" "$T/dhcpcd/run" "$T/dhcpcd/db"
}

# start_CLIENT MODE: start it (va down) and wait until it is ready;
# sets PID.  udhcpc is started after the link-up instead.
start_apedged() {
	cat >"$T/apedged.conf" <<-EOC
	[general]
	log_level = notice
	[dhcp4]
	state_dir = $T/state
	[dhcp4 va]
	resolv = none
	acd = $([ "$1" = acd ] && echo yes || echo no)
	EOC
	spawn cl "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" -s "$T/apedged.sock"
	PID=$LAST_PID
	wait_for 10 "$BIN/apedgectl" -s "$T/apedged.sock" daemon ping
}
start_dhcpcd() {
	{
		echo "ipv4only"
		echo "noipv4ll"
		[ "$1" = acd ] || echo "noarp"
	} >"$T/dhcpcd.conf"
	# Its run and database directories of its own, not the host's.
	spawn cl "$T/dhcpcd.log" unshare -m sh -c "
		mount --bind '$T/dhcpcd/run' /run &&
		mkdir -p /run/dhcpcd &&
		mount --bind '$T/dhcpcd/db' /var/lib/dhcpcd &&
		exec dhcpcd -4 -B -f '$T/dhcpcd.conf' -c /bin/true va"
	PID=$LAST_PID
	wait_for 10 grep -q "waiting for carrier" "$T/dhcpcd.log"
}
start_udhcpc() {
	local a=""
	[ "$1" = acd ] && a=-a
	spawn cl "$T/udhcpc.log" udhcpc -f $a -i va -s "$T/udhcpc.sh"
	PID=$LAST_PID
}

# stop_client PID: SIGTERM, SIGKILL after 5 s (dhcpcd sometimes misses
# a SIGTERM that comes right after it bound), its children too.
stop_client() {
	local kids i
	kids=$(pgrep -P "$1")
	kill -TERM "$1" 2>/dev/null
	for ((i = 0; i < 50; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$1" 2>/dev/null; then
		echo "# $1 ignored SIGTERM: killed" >&2
		kill -KILL "$1" $kids 2>/dev/null
	fi
	wait "$1" 2>/dev/null
	return 0
}

# run CLIENT MODE: one run; prints the milliseconds or "-" (no address).
run() {
	local c=$1 m=$2 t0 t1
	reset_link
	PID=""
	if [ "$c" != udhcpc ]; then
		"start_$c" "$m" || { echo "# $c did not start" >&2; }
	fi
	t0=$(now_us)
	ip -n "$NS-cl" link set va up
	[ "$c" = udhcpc ] && start_udhcpc "$m"
	t1=""
	while [ $(( $(now_us) - t0 )) -lt $((TIMEOUT_S * 1000000)) ]; do
		if usable; then
			t1=$(now_us)
			break
		fi
	done
	[ -n "$PID" ] && stop_client "$PID"
	if [ -z "$t1" ]; then
		echo "-"
	else
		awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f\n", d / 1000 }'
	fi
}

clients=(apedged dhcpcd udhcpc)
modes=(acd off)
failed=0
start=$SECONDS
for m in "${modes[@]}"; do
	for ((i = 1; i <= runs; i++)); do
		for c in "${clients[@]}"; do
			ms=$(run "$c" "$m")
			echo "$ms" >>"$T/$c.$m"
			[ "$ms" = - ] && { failed=1; echo "# $m run $i: $c got no address in ${TIMEOUT_S} s"; }
		done
	done
done

# stats FILE: "median worst n"
stats() {
	grep -v '^-$' "$1" | sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "- - 0"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f %d\n", m, v[NR], NR }'
}
echo "# link-up to a usable address (ms), $runs runs each, $((SECONDS - start)) s in all"
printf '%-5s %-8s %10s %10s %5s\n' mode client median worst n
for m in "${modes[@]}"; do
	best="" best_c=""
	for c in "${clients[@]}"; do
		read -r med worst n < <(stats "$T/$c.$m")
		printf '%-5s %-8s %10s %10s %5s\n' "$m" "$c" "$med" "$worst" "$n"
		eval "med_${c}_$m=$med"
		if [ "$c" != apedged ] && [ "$med" != - ]; then
			if [ -z "$best" ] || awk -v a="$med" -v b="$best" 'BEGIN { exit !(a < b) }'; then
				best=$med best_c=$c
			fi
		fi
	done
	a=$(eval echo "\$med_apedged_$m")
	if [ -n "$best" ] && [ "$a" != - ]; then
		awk -v a="$a" -v b="$best" -v m="$m" -v c="$best_c" 'BEGIN {
			printf "%s: apedged / fastest other (%s): %.2f\n", m, c, (b > 0 ? a / b : 0) }'
	fi
done
for m in "${modes[@]}"; do
	for c in "${clients[@]}"; do
		echo "# $m $c: $(tr '\n' ' ' <"$T/$c.$m")"
	done
done
exit $failed
