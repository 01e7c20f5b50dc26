#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the 802.1X check (kmod/auth.c): the cost per packet of an
# authorized port, in port mode and in mac mode (the station authorized),
# against the same port without 802.1X, all in one run.
#
#   tests/bench/auth.sh [-k 6.1|6.12] [ROUNDS]     (default 6.12, 7 rounds)
#
# As tests/bench/guard.sh: in a VM (TCG), pktgen sends UDP frames (4000 ->
# 9, none of the guard's business) out of veth va to vb, the port, whose
# ingress hook runs the check; the configurations are interleaved round
# by round and each figure is a median over the rounds.  Printed as
# ratios to the port without 802.1X (1.00 is free).  A benchmark, not a
# test: it never fails on a figure.
set -euo pipefail

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_boot 7 "$@"

rounds=${2:-7}
count=100000
export PATH=$top/daemon/build/bin:$PATH

modprobe pktgen
bench_load_module
ip link add va type veth peer name vb
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 net.ipv6.conf.vb.disable_ipv6=1
ip link set va up
ip link set vb up
ip addr add 192.0.2.2/24 dev vb
vamac=$(cat /sys/class/net/va/address)
vbmac=$(cat /sys/class/net/vb/address)

pg() { echo "$2" >"/proc/net/pktgen/$1"; }
pg kpktgend_0 rem_device_all
pg kpktgend_0 "add_device va"
pg va "count $count"
pg va "clone_skb 0"
pg va "pkt_size 300"
pg va "delay 0"
pg va "dst 192.0.2.2"
pg va "dst_mac $vbmac"
pg va "udp_src_min 4000"
pg va "udp_src_max 4000"
pg va "udp_dst_min 9"
pg va "udp_dst_max 9"

run() {
	echo start >/proc/net/pktgen/pgctrl
	sed -n 's/.* \([0-9][0-9]*\)pps.*/\1/p' /proc/net/pktgen/va
}

setup() {
	apedgectl port del dev vb 2>/dev/null || true
	case $1 in
	none) apedgectl port add dev vb ;;
	port)
		apedgectl port add dev vb auth-mode port
		apedgectl auth set dev vb authorized
		;;
	mac)
		apedgectl port add dev vb auth-mode mac
		apedgectl auth set dev vb mac "$vamac" authorized
		;;
	esac
}

configs=(none port mac)
declare -A res
for ((r = 1; r <= rounds; r++)); do
	# Each round in another order, so that no configuration always
	# comes first (or last) after a set-up.
	for ((i = 0; i < ${#configs[@]}; i++)); do
		c=${configs[$(((i + r) % ${#configs[@]}))]}
		setup "$c"
		res[$c]+="$(run) "
	done
	echo "round $r of $rounds done" >&2
done
setup mac
run >/dev/null
passed=$(apedgectl -j auth show dev vb | grep -o '"rx_passed":[0-9]*' | cut -d: -f2)
apedgectl port del dev vb

echo
echo "802.1X check benchmark: $(uname -r), TCG, pktgen over veth, $count packets x $rounds rounds,"
echo "medians in packets per second; the port has no guard policy to apply to this traffic"
n=$(echo "${res[none]}" | tr ' ' '\n' | grep . | median)
printf '%-28s %12s %8s\n' configuration pps ratio
for c in "${configs[@]}"; do
	v=$(echo "${res[$c]}" | tr ' ' '\n' | grep . | median)
	case $c in
	none) what="port without 802.1X" ;;
	port) what="port mode, authorized" ;;
	mac) what="mac mode, station authorized" ;;
	esac
	printf '%-28s %12d %8.3f\n' "$what" "$v" "$(echo "$v / $n" | bc -l)"
done
echo
echo "mac mode: the station's rx-passed after one last burst: ${passed:-?} (expect $count)"
