# SPDX-License-Identifier: GPL-2.0
# A roaming station's DHCP bindings follow it: two APs, each a network
# namespace with its own apedge state (ports, bindings) and its own
# apedged, joined by a veth for IAPP.  ap1's module has a binding for the
# station on its guarded wlan0; the station re-associates on ap2 naming
# ap1 as its previous AP; ap2's MOVE-notify fetches the context, which
# ap1 filled from a dump of its module's bindings, and ap2's apedged adds
# it as a binding on its own wlan0 with the lease seconds left.
# The station itself (a veth end in ns sta, with the station's MAC and
# address) pings ap2 through ap2's guarded wlan0: dropped before the move,
# through after it.
# Negative: a station without a binding on ap1 (but with an address in
# ap1's station table: the module wins) brings none; a binding that
# expired on ap1 before the move is not carried; a context's address that
# ap2 has bound to another station (as the gateway's would be) stays that
# station's, and one that is ap2's own (192.0.2.1) is not bound at all.
#
#   ns ap1: wlan0 (untrusted, source guard)      va 10.0.0.1
#                                                 |  IAPP
#   ns ap2: wlan0 192.0.2.1 (untrusted, s. g.)   vb 10.0.0.2
#             |
#   ns sta: sta0 192.0.2.50, MAC M1
# vm-kernels: one
. "$(dirname "$0")/lib.sh"

M1=02:00:00:00:00:50
M2=02:00:00:00:00:51
M3=02:00:00:00:00:52
B1=02:00:00:00:01:00
B2=02:00:00:00:02:00

load_module
dmesg_mark
ip netns add ap1
ip netns add ap2
ip link add va netns ap1 type veth peer name vb netns ap2
ip -n ap1 addr add 10.0.0.1/24 dev va
ip -n ap2 addr add 10.0.0.2/24 dev vb
for ns in ap1 ap2; do
	ip -n $ns link set lo up
	ip -n $ns link add wlan0 type veth peer name sta0
	ip -n $ns link set wlan0 up
	ip -n $ns link set sta0 up
done
ip -n ap1 link set va up
ip -n ap2 link set vb up
ip netns add sta
ip -n ap2 link set sta0 netns sta
ip netns exec sta sysctl -qw net.ipv6.conf.sta0.disable_ipv6=1
ip netns exec ap2 sysctl -qw net.ipv6.conf.wlan0.disable_ipv6=1
ip -n sta link set sta0 address $M1
ip -n sta addr add 192.0.2.50/24 dev sta0
ip -n sta link set sta0 up
ip -n ap2 addr add 192.0.2.1/24 dev wlan0

# conf AP IAPP_IF OWN_BSSID OTHER_BSSID OTHER_ADDR
conf() {
	cat >"$T/$1.conf" <<EOC
[general]
log_level = debug
[port wlan0]
role = untrusted
[iapp]
interface = $2
bssid = $3
move_timeout_ms = 3000
[bssid $4]
address = $5
EOC
}
conf ap1 va $B1 $B2 10.0.0.2
conf ap2 vb $B2 $B1 10.0.0.1
ctl() { local ns=$1; shift; apedgectl -s "$T/$ns.sock" "$@"; }
# stat AP JQ-PATH: one counter of "iapp show".
stat() { ctl "$1" -j iapp show | jq -r ".$2"; }
# bind AP IP: AP's binding of IP, as one JSON object ("" if none).
bind() {
	apedgectl -n "$1" -j binding show | jq -c --arg ip "$2" \
		'[.. | objects | select(.ip? == $ip)] | first // empty'
}
is_attached() {
	apedgectl -n "$1" port show dev wlan0 >/dev/null 2>&1
}

for ns in ap1 ap2; do
	ip netns exec $ns apedged -f -c "$T/$ns.conf" -s "$T/$ns.sock" \
		2>"$T/$ns.log" &
done
for ns in ap1 ap2; do
	check "$ns: apedged attaches wlan0" wait_for 60 is_attached $ns
	apedgectl -n $ns port set dev wlan0 source-guard on
	check "$ns: IAPP listening" wait_for 30 \
		sh -c "[ \"\$(apedgectl -s '$T/$ns.sock' -j iapp show | jq -r .listening)\" = true ]"
done
check_match "ap2: wlan0 guarded" '"source_guard":"on"' \
	"$(apedgectl -n ap2 -j port show dev wlan0)"

# sg KIND: ap2's source guard drops of one kind on wlan0.
sg() {
	apedgectl -n ap2 -j stats dev wlan0 | grep -o "\"sg_drop_$1\":[0-9]*" | cut -d: -f2
}
ping_ap2() { ip netns exec sta ping -c 1 -W 1 192.0.2.1; }
check_fail "ap2 drops the station before the move" ping_ap2
check "ap2: counted as source guard drops" test "$(( $(sg arp) + $(sg ipv4) ))" -gt 0

# 1. The binding moves with the station.
apedgectl -n ap1 binding add ip 192.0.2.50 mac $M1 dev wlan0 lifetime 600
ctl ap1 sta add dev wlan0 mac $M1 authorized
ctl ap2 sta add dev wlan0 mac $M1 prev-ap $B1 authorized
check "ap2: MOVE for the station successful" wait_for 30 \
	sh -c "[ \"\$(apedgectl -s '$T/ap2.sock' -j iapp show | jq -r .move.successful)\" = 1 ]"
check "ap2: binding added" wait_for 30 \
	sh -c "[ \"\$(apedgectl -s '$T/ap2.sock' -j iapp show | jq -r .bindings.added)\" = 1 ]"
b=$(bind ap2 192.0.2.50)
check_match "ap2: module has the binding" '"ip":"192.0.2.50"' "$b"
check_eq "ap2: its mac" $M1 "$(echo "$b" | jq -r .mac)"
check_eq "ap2: on wlan0" wlan0 "$(echo "$b" | jq -r .ifname)"
check_eq "ap2: a static binding (added over netlink)" static \
	"$(echo "$b" | jq -r .origin)"
life=$(echo "$b" | jq -r '.lifetime // 0')
check "ap2: lifetime $life in (500, 600]" test "$life" -gt 500 -a "$life" -le 600
check_eq "ap1: answered from its module" 1 "$(stat ap1 context.\"from-module\")"
check_eq "ap1: answered successful" 1 "$(stat ap1 '"move-answered".successful')"
check "ap2 lets the station through after the move" wait_for 20 ping_ap2
check_eq "ap2: no binding failed" 0 "$(stat ap2 bindings.failed)"
check_eq "ap2: none skipped" 0 "$(stat ap2 bindings.skipped)"

# 2. No binding on ap1: none on ap2, though ap1's table has an address.
ctl ap1 sta add dev wlan0 mac $M2 ip 192.0.2.51 authorized
ctl ap2 sta add dev wlan0 mac $M2 prev-ap $B1 authorized
check "ap2: second MOVE successful" wait_for 30 \
	sh -c "[ \"\$(apedgectl -s '$T/ap2.sock' -j iapp show | jq -r .move.successful)\" = 2 ]"
check "ap1: answered from its module again" wait_for 10 \
	sh -c "[ \"\$(apedgectl -s '$T/ap1.sock' -j iapp show | jq -r '.context.\"from-module\"')\" = 2 ]"
check_eq "ap2: no binding for a station that had none" "" \
	"$(bind ap2 192.0.2.51)"

# 3. A binding that expired on ap1 before the move is not carried.
apedgectl -n ap1 binding add ip 192.0.2.52 mac $M3 dev wlan0 lifetime 1
ctl ap1 sta add dev wlan0 mac $M3 authorized
check "ap1: the short binding expires" wait_for 30 \
	sh -c "! apedgectl -n ap1 binding show ip 192.0.2.52"
ctl ap2 sta add dev wlan0 mac $M3 prev-ap $B1 authorized
check "ap2: third MOVE successful" wait_for 30 \
	sh -c "[ \"\$(apedgectl -s '$T/ap2.sock' -j iapp show | jq -r .move.successful)\" = 3 ]"
check_eq "ap2: the expired binding not carried" "" "$(bind ap2 192.0.2.52)"
check_eq "ap2: still one binding added" 1 "$(stat ap2 bindings.added)"
check_eq "ap2: one binding in its table" 1 \
	"$(apedgectl -n ap2 -j binding show | jq '[.. | objects | select(.ip?)] | length')"
check_eq "ap1: none answered without the module" 0 \
	"$(stat ap1 context.\"module-absent\" )"
check_eq "ap1: no dump timed out" 0 "$(stat ap1 context.\"module-timeout\")"

# 4. The address of another station stays its own: ap2 has 192.0.2.60
#    bound to M5; ap1's context for M4 carries it.  And ap2's own address,
#    192.0.2.1, in ap1's context for M6, is refused before any request.
M4=02:00:00:00:00:53
M5=02:00:00:00:00:54
M6=02:00:00:00:00:55
moves() {
	[ "$(stat ap2 move.successful)" = "$1" ]
}
apedgectl -n ap2 binding add ip 192.0.2.60 mac $M5 dev wlan0 lifetime 600
apedgectl -n ap1 binding add ip 192.0.2.60 mac $M4 dev wlan0 lifetime 600
apedgectl -n ap1 binding add ip 192.0.2.1 mac $M6 dev wlan0 lifetime 600
ctl ap1 sta add dev wlan0 mac $M4 authorized
ctl ap2 sta add dev wlan0 mac $M4 prev-ap $B1 authorized
check "ap2: fourth MOVE successful" wait_for 30 moves 4
check "ap2: M5's address left to it, counted as a conflict" wait_for 30 \
	sh -c "[ \"\$(apedgectl -s '$T/ap2.sock' -j iapp show | jq -r .bindings.conflict)\" = 1 ]"
check_eq "ap2: 192.0.2.60 still bound to M5" $M5 \
	"$(bind ap2 192.0.2.60 | jq -r .mac)"
check_eq "ap2: nothing added for it" 1 "$(stat ap2 bindings.added)"
ctl ap1 sta add dev wlan0 mac $M6 authorized
ctl ap2 sta add dev wlan0 mac $M6 prev-ap $B1 authorized
check "ap2: fifth MOVE successful" wait_for 30 moves 5
check_eq "ap2: its own address refused in the context" 1 \
	"$(stat ap2 '"context-refused".ours')"
check_eq "ap2: no binding of its own address" "" "$(bind ap2 192.0.2.1)"
check_eq "ap2: still one binding added in all" 1 "$(stat ap2 bindings.added)"

for ns in ap1 ap2; do
	pid=$(pgrep -f "apedged -f -c $T/$ns.conf") || true
	if [ -n "$pid" ]; then
		kill -TERM "$pid"
		check "$ns: apedged exits" wait_for 30 sh -c "! kill -0 $pid"
	fi
	check_fail "$ns: no errors in the log" grep -E 'ERROR|error:|sanitizer' "$T/$ns.log"
done
echo "# ap1's log:"
sed 's/^/#   /' "$T/ap1.log" | grep -i 'iapp\|binding' | tail -n 30
echo "# ap2's log:"
sed 's/^/#   /' "$T/ap2.log" | grep -i 'iapp\|binding' | tail -n 30
dmesg_clean
