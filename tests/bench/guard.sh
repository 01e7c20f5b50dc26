#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the guard: the cost per packet of an attached port,
# against the same port detached and against an nftables netdev ingress
# chain doing the same job, all measured in one run.
#
#   tests/bench/guard.sh [-k 6.1|6.12] [ROUNDS]     (default 6.12, 7 rounds)
#
# In a VM (TCG), pktgen sends UDP frames out of veth va; they arrive on
# vb, where the hooks under test run, and are dropped by the stack behind
# it.  Two kinds of traffic: UDP to port 9 (none of the guard's business)
# and UDP from port 67 to 68 (DHCPv4 server traffic, which an untrusted
# port drops).  The configurations are interleaved round by round, and
# each figure is the median over the rounds, because TCG throughput varies
# by about 10% from run to run.  The figures are printed as ratios:
# apedge / detached (1.00 is free) and apedge / nftables (above 1.00 is
# faster than nftables).  Below them it prints the instruction counts per
# frame of tests/bench/kcost.sh (callgrind, on the host before the VM
# boots; build/bench/kcost.txt), which TCG's noise does not touch.  This
# is a benchmark, not a test: it never fails on a figure.
set -euo pipefail

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
kcost_out=$top/build/bench/kcost.txt
if [ "${1:-}" != --guest ]; then
	mkdir -p "$(dirname "$kcost_out")"
	echo "guard: instruction counts (tests/bench/kcost.sh) first" >&2
	tests/bench/kcost.sh >"$kcost_out" 2>&1 ||
		echo "tests/bench/kcost.sh failed" >>"$kcost_out"
fi
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

# run SPORT DPORT: pktgen's packets per second for one burst.
run() {
	pg va "udp_src_min $1"
	pg va "udp_src_max $1"
	pg va "udp_dst_min $2"
	pg va "udp_dst_max $2"
	echo start >/proc/net/pktgen/pgctrl
	sed -n 's/.* \([0-9][0-9]*\)pps.*/\1/p' /proc/net/pktgen/va
}

setup() {
	apedgectl port del dev vb 2>/dev/null || true
	nft delete table netdev bench 2>/dev/null || true
	case $1 in
	detached) ;;
	apedge) apedgectl port add dev vb ;;
	nftables)
		nft -f - <<-EOF
		table netdev bench {
			chain in {
				type filter hook ingress device vb priority -500;
				udp sport 67 drop
				udp sport 547 drop
				icmpv6 type { nd-router-advert, nd-redirect } drop
			}
		}
		EOF
		;;
	esac
}


configs=(detached apedge nftables)
declare -A res
for ((r = 1; r <= rounds; r++)); do
	for c in "${configs[@]}"; do
		setup "$c"
		res[$c,other]+="$(run 4000 9) "
		res[$c,dhcp]+="$(run 67 68) "
	done
	echo "round $r of $rounds done" >&2
done
setup detached

drops=$(apedgectl -j stats dev vb 2>/dev/null || true)
echo
echo "guard benchmark: $(uname -r), TCG, pktgen over veth, $count packets x $rounds rounds,"
echo "medians in packets per second"
printf '%-10s %12s %12s %12s %10s %10s\n' traffic detached apedge nftables \
	apedge/det apedge/nft
for t in other dhcp; do
	d=$(echo "${res[detached,$t]}" | tr ' ' '\n' | grep . | median)
	a=$(echo "${res[apedge,$t]}" | tr ' ' '\n' | grep . | median)
	n=$(echo "${res[nftables,$t]}" | tr ' ' '\n' | grep . | median)
	printf '%-10s %12d %12d %12d %10.3f %10.3f\n' "$t" "$d" "$a" "$n" \
		"$(echo "$a / $d" | bc -l)" "$(echo "$a / $n" | bc -l)"
done
echo
echo "other: UDP 4000 -> 9, none of the guard's business; dhcp: UDP 67 -> 68,"
echo "which the untrusted port (and the nftables chain) drop."
echo
# The same frames as kinds ipv4-udp and dhcpv4-server, counted on the host.
cat "$kcost_out" 2>/dev/null || echo "no $kcost_out: run tests/bench/kcost.sh"
