#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the source guard: the cost per packet from a bound source
# with 10 bindings in the table against 100k, measured in one run.
#
#   tests/bench/bindings.sh [-k 6.1|6.12] [ROUNDS]   (default 6.12, 5 rounds)
#
# In a VM (TCG), two network namespaces each hold a veth pair va -> vb
# with vb an untrusted port with the source guard on; pktgen sends UDP
# frames from 192.0.2.1 (bound to va's MAC on vb) out of va.  The binding
# table is per namespace: "small" holds 10 bindings, "big" 100000.  A
# third configuration, the small namespace with the guard off, shows what
# the guard costs at all.  Configurations are interleaved round by round
# and each figure is the median over the rounds.  This is a benchmark,
# not a test: it never fails on a figure.
set -euo pipefail

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_boot 5 "$@"

rounds=${2:-5}
count=100000
big=100000
export PATH=$top/daemon/build/bin:$PATH
T=$(mktemp -d)

modprobe pktgen
bench_load_module

# setup NS NBINDINGS: the pair, the guarded port and the table.
setup() {
	local ns=$1 n=$2 i
	ip netns add "$ns"
	ip -n "$ns" link add va type veth peer name vb
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.va.disable_ipv6=1 \
		net.ipv6.conf.vb.disable_ipv6=1
	ip -n "$ns" link set va up
	ip -n "$ns" link set vb up
	ip -n "$ns" addr add 192.0.2.2/24 dev vb
	apedgectl -n "$ns" binding limit 1048576
	apedgectl -n "$ns" port add dev vb role untrusted source-guard on
	vamac=$(ip -n "$ns" -br link show va | awk '{print $3}')
	{
		echo "binding add ip 192.0.2.1 mac $vamac dev vb"
		for ((i = 1; i < n; i++)); do
			echo "binding add ip 10.$((i >> 16)).$(((i >> 8) & 255)).$((i & 255)) mac 02:00:00:00:00:01 dev vb"
		done
	} >"$T/batch.$ns"
	apedgectl -n "$ns" -b "$T/batch.$ns"
	echo "$ns: $(apedgectl -n "$ns" binding limit)" >&2

	pg "$ns" kpktgend_0 rem_device_all
	pg "$ns" kpktgend_0 "add_device va"
	pg "$ns" va "count $count"
	pg "$ns" va "clone_skb 0"
	pg "$ns" va "pkt_size 300"
	pg "$ns" va "delay 0"
	pg "$ns" va "src_min 192.0.2.1"
	pg "$ns" va "src_max 192.0.2.1"
	pg "$ns" va "dst 192.0.2.2"
	pg "$ns" va "dst_mac $(ip -n "$ns" -br link show vb | awk '{print $3}')"
	pg "$ns" va "udp_src_min 4000"
	pg "$ns" va "udp_src_max 4000"
	pg "$ns" va "udp_dst_min 9"
	pg "$ns" va "udp_dst_max 9"
}

pg() { ip netns exec "$1" sh -c "echo '$3' >/proc/net/pktgen/$2"; }

# run NS: pktgen's packets per second for one burst in NS.
run() {
	ip netns exec "$1" sh -c 'echo start >/proc/net/pktgen/pgctrl'
	ip netns exec "$1" sed -n 's/.* \([0-9][0-9]*\)pps.*/\1/p' /proc/net/pktgen/va
}

setup small 10
setup big "$big"


declare -A res
for ((r = 1; r <= rounds; r++)); do
	res[small]+="$(run small) "
	res[big]+="$(run big) "
	apedgectl -n small port set dev vb source-guard off
	res[off]+="$(run small) "
	apedgectl -n small port set dev vb source-guard on
	echo "round $r of $rounds done" >&2
done

for ns in small big; do
	st=$(apedgectl -n "$ns" -j stats dev vb)
	echo "$ns: $(echo "$st" | grep -o '"sg_drop_ipv4":[0-9]*')" >&2
done

s=$(echo "${res[small]}" | tr ' ' '\n' | grep . | median)
b=$(echo "${res[big]}" | tr ' ' '\n' | grep . | median)
o=$(echo "${res[off]}" | tr ' ' '\n' | grep . | median)
echo
echo "source guard benchmark: $(uname -r), TCG, pktgen over veth, $count packets x $rounds rounds,"
echo "bound source, medians in packets per second"
printf '%-22s %12s\n' "guard off" "$o"
printf '%-22s %12s\n' "guard on, 10 bindings" "$s"
printf '%-22s %12s\n' "guard on, $big bindings" "$b"
printf '%-22s %12.3f\n' "100k / 10" "$(echo "$b / $s" | bc -l)"
printf '%-22s %12.3f\n' "10 / off" "$(echo "$s / $o" | bc -l)"
rm -rf "$T"
