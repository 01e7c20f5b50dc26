#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DHCPv6 server under load and faults, with real clients: apedged with
# [dhcp6 vs] in namespace srv, the clients on the veth's other end (va) in
# cl (tests/netns/dhcp6_lib.sh):
#
#   a  perfdhcp -6 (kea-admin) takes 5,000 clients through the four-way
#      exchange: more than two pages of "dhcp6 leases" (DHCP6_LEASES_PAGE,
#      2048).  apedgectl -j lists every lease once (as many as "dhcp6
#      stats" counts, no address twice), the text output one line each,
#      "dev vs" the same, another interface none
#   b  kill -9 in the middle of another perfdhcp run, then a restart:
#      every address in a REPLY perfdhcp received (captured on va) is in
#      the restarted server's table.  A REPLY goes out only once its
#      lease is on disk (the store's group commit), so none may be lost
#   c  dhclient -6 whose RENEWs never reach the server (nftables drops
#      them on its side) sends a REBIND after T2, and the server extends
#      the lease
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp6_lib.sh"

for p in perfdhcp dhclient tcpdump nft jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 0; }
done
d6_link 02:00:00:00:66:c2 || exit 1

cat >"$T/apedged.conf" <<EOC
[general]
log_level = info
[dhcp6]
state_dir = $T/state
[dhcp6 vs]
range = 2001:db8:1::1:0-2001:db8:1::ffff:ffff
preferred_lifetime = 300
valid_lifetime = 600
t1 = 2
t2 = 4
EOC

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
st() {
	ctl -j dhcp6 stats | jq -r "$1 // 0"
}
start() {
	spawn srv "$T/apedged.$1.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	APD=$LAST_PID
	wait_for 10 ctl daemon ping &&
		wait_for 5 grep -q "dhcp6 vs: serving" "$T/apedged.$1.log"
}
# perf RATE CLIENTS SECONDS RUN: perfdhcp from va with its own DUIDs.
perf() {
	nsx cl timeout $(($3 + 30)) perfdhcp -6 -l va -r "$1" -R "$2" -p "$3" \
		-b "duid=0001000100000000$(printf '%04x' "$4")02000000d601" \
		>"$T/perf.$4.out" 2>&1
}

start 1
check "the server is up" ctl daemon ping
wait_for 5 sh -c "ip -n $NS-cl -6 addr show dev va scope link | grep -q inet6"

# a: a listing in pages
perf 1000 5000 8 1
N=$(st .leases.bound)
echo "# perfdhcp: $(grep -A3 'Statistics for: REQUEST' "$T/perf.1.out" | tr -s ' \n' ' ')"
check "a: more than two pages of leases ($N)" test "$N" -gt 4096
ctl -j dhcp6 leases >"$T/leases.json"
check "a: -j lists each once" \
	sh -c "[ \"\$(jq -c '[(.leases | length), ([.leases[].address] | unique | length)]' '$T/leases.json')\" = '[$N,$N]' ]"
check "a: the text output, a line each" \
	sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 leases | wc -l)\" = $N ]"
check "a: dev vs the same" \
	sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases dev vs | jq '.leases | length')\" = $N ]"
check "a: one page from the daemon is at most 2048" \
	sh -c "[ \"\$('$PY' '$TOP/tests/tools/ctl_raw.py' '$T/apedged.sock' 'dhcp6 leases' | jq -c '[(.leases | length), (.next > 0)]')\" = '[2048,true]' ]"
check "a: dev lo: not served" sh -c "! '$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 leases dev lo"

# b: kill -9 in the middle of a run; nothing a REPLY told is lost
nsx cl tcpdump -i va -U -w "$T/b.pcap" 'udp and src port 547' \
	>"$T/tcpdump.log" 2>&1 &
TCPD=$!
_pids+=("$TCPD")
wait_for 5 grep -q "listening on" "$T/tcpdump.log"
perf 1000 100000 10 2 &
PERF=$!
sleep 4
kill -KILL "$APD"
wait "$APD" 2>/dev/null
wait "$PERF"
sleep 1
kill "$TCPD"
wait "$TCPD" 2>/dev/null
start 2
check "b: the server restarts" ctl daemon ping
ctl -j dhcp6 leases | jq -r '.leases[].address' | sort -u >"$T/table"
"$PY" - "$T/b.pcap" >"$T/replied" 2>"$T/scapy.err" <<'EOP'
import sys
from scapy.all import rdpcap
from scapy.layers.dhcp6 import DHCP6_Reply, DHCP6OptIAAddress
seen = set()
for p in rdpcap(sys.argv[1]):
	if p.haslayer(DHCP6_Reply):
		o = p[DHCP6_Reply]
		while o is not None and o.haslayer(DHCP6OptIAAddress):
			a = o[DHCP6OptIAAddress]
			seen.add(a.addr)
			o = a.payload
for a in sorted(seen):
	print(a)
EOP
R=$(wc -l <"$T/replied")
echo "# b: $R addresses in the REPLYs perfdhcp got; $(wc -l <"$T/table") leases after the restart"
check "b: perfdhcp got REPLYs before the kill ($R)" test "$R" -gt 500
check "b: every one of them is in the restarted server's table" \
	sh -c "[ -z \"\$(comm -23 '$T/replied' '$T/table')\" ]"
check "b: the restarted server loaded them from its store" \
	grep -Eq "dhcp6: [1-9][0-9]* leases loaded from" "$T/apedged.2.log"

# c: RENEW lost, REBIND after T2
nsx srv nft -f - <<'EON'
table ip6 apedge_test {
	chain in {
		type filter hook input priority 0;
		udp dport 547 @th,64,8 5 counter drop
	}
}
EON
D=$T/dhclient
DHC="dhclient -6 -N -d -v -sf /bin/true -cf /dev/null -lf $D/lib/l6 -pf $D/run/pid"
d6_private "$D" "$DHC va" >"$T/dhclient.log" 2>&1 &
_pids+=($!)
wait_for 20 sh -c "grep -q 'Bound to lease' '$T/dhclient.log'"
A=$(grep -o 'iaaddr [0-9a-f:]* ' "$D/lib/l6" | tail -n 1 | cut -d' ' -f2)
check "c: dhclient bound ($A)" test -n "$A"
E0=$(ctl -j dhcp6 leases | jq -r --arg a "$A" '.leases[] | select(.address == $a) | .expires')
RB0=$(st .in.REBIND)
check "c: a REBIND after T2" wait_for 15 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .in.REBIND) -gt $RB0 ]"
check "c: its RENEWs were dropped on the way" \
	sh -c "ip netns exec $NS-srv nft list chain ip6 apedge_test in | grep -Eq 'counter packets [1-9]'"
check "c: the server extended the lease" \
	wait_for 3 sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -r --arg a '$A' '.leases[] | select(.address == \$a) | .expires')\" -gt '$E0' ]"
check "c: dhclient took the REBIND's REPLY" \
	wait_for 5 sh -c "grep -c 'Bound to lease' '$T/dhclient.log' | grep -qv '^1\$'"

echo "# dhcp6 stats: $(ctl -j dhcp6 stats | jq -c '{in, out, drop}')"
stop "$APD" "$T/apedged.2.log"
check "the daemon stops with status 0" test $? -eq 0
