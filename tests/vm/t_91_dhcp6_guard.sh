# SPDX-License-Identifier: GPL-2.0
# The guard knows the DHCPv6 server's leases (issue 10 items 3 and 6):
# apedged serves DHCPv6 on va, an untrusted port with the source guard
# on; a real client (ISC dhclient -6 -N -P, private directories, no
# hook script) gets an address and a /56 on the other end.
#
#  a. both are the module's bindings, origin dhcp6-server, with the
#     client's MAC and port va, the moment the REPLY is out
#  b. from the client's port and MAC (scapy): its leased address and an
#     address inside its prefix pass the source guard; an address it was
#     not given is dropped; the same prefix address from another station
#     on another guarded port (vx) is dropped
#  c. the module reloaded: apedged reconnects and adds them again
#  d. dhclient -6 -r (RELEASE): both bindings go
#  e. a second lease; apedged stopped, its lease file removed, started
#     again: its resync removes the module's bindings that no lease
#     backs, and leaves a static one alone
#
#   ns cl: vb (client) ---- va [port, untrusted, source guard] apedged
#   ns spy: vy (station) -- vx [port, untrusted, source guard]
#
# vm-timeout: 300
# vm-kernels: one
. "$(dirname "$0")/lib.sh"

for p in dhclient jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 1; }
done
load_module
dmesg_mark
sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
for ns in cl spy; do
	ip netns add $ns
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
done
climac=02:00:00:00:89:01
spymac=02:00:00:00:89:02
ip link add va type veth peer name vb netns cl address $climac
ip link add vx type veth peer name vy netns spy address $spymac
ip link set va up
ip link set vx up
ip -n cl link set vb up
ip -n spy link set vy up
ip addr add 2001:db8:1::1/64 dev va
vamac=$(ip -br link show va | awk '{print $3}')
vxmac=$(ip -br link show vx | awk '{print $3}')

mkdir -p "$T/state"
cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
ctrl_socket = $T/ctl.sock
[port va]
role = untrusted
[port vx]
role = untrusted
[dhcp6]
state_dir = $T/state
[dhcp6 va]
range = 2001:db8:1::1000-2001:db8:1::10ff
pd_pool = 2001:db8:100::/48 56
EOC
ctl() { timeout 10 apedgectl -s "$T/ctl.sock" "$@"; }
# Started here, not inside check's $(...), which would wait for it.
start() {
	apedged -f -c "$T/apedged.conf" >>"$T/log" 2>&1 </dev/null &
	apd=$!
}
up() {
	wait_for 30 ctl daemon ping && wait_for 30 apedgectl port show dev va &&
		wait_for 30 apedgectl port show dev vx
}
start
check "apedged is up, va and vx attached" up
guard_on() {
	apedgectl port set dev va source-guard on &&
		apedgectl port set dev vx source-guard on
}
check "the source guard on va and vx" guard_on

# dhclient in cl with its own /run and lease directory.
D=$T/dhclient
mkdir -p "$D/run" "$D/lib"
DHC="dhclient -6 -N -P -d -v -sf /bin/true -cf /dev/null -lf $D/lib/l6 -pf $D/run/pid"
private() {
	ip netns exec cl unshare -m sh -c "
		mount --bind '$D/run' /run && mount --bind '$D/lib' /var/lib/dhcp &&
		exec $*"
}
leases() {
	ctl -j dhcp6 leases | jq -r --arg k "$1" \
		'.leases[] | select(.kind == $k and .state == "bound") | .address'
}
has_leases() { [ -n "$(leases na)" ] && [ -n "$(leases pd)" ]; }
dhclient_start() {
	(private "$DHC vb") >>"$T/dhclient.log" 2>&1 </dev/null &
	dpid=$!
}

# a
dhclient_start
check "a: dhclient -6 -N -P gets an address and a prefix" wait_for 30 has_leases
NA=$(leases na)
PD=$(leases pd)
check_match "a: the address is of the range" '^2001:db8:1::10[0-9a-f]{2}$' "$NA"
check_match "a: the prefix is a /56 of the pool" '^2001:db8:100:[0-9a-f]{0,2}00::$' "$PD"
# bnd ADDR [PLEN]: the module's binding of it, as JSON ("" if none).
bnd() {
	apedgectl -j binding show dev va | jq -c --arg a "$1" --argjson p "${2:-null}" \
		'.[] | select(.ip == $a and .prefix_len == $p)'
}
check_match "a: the address is bound: the client's MAC, va, dhcp6-server" \
	"\"mac\":\"$climac\".*\"ifname\":\"va\".*\"origin\":\"dhcp6-server\"" "$(bnd "$NA")"
check_match "a: the prefix is bound the same, /56" \
	"\"prefix_len\":56,\"mac\":\"$climac\".*\"ifname\":\"va\".*\"origin\":\"dhcp6-server\"" "$(bnd "$PD" 56)"
life=$(bnd "$NA" | jq -r .lifetime)
check "a: for the lease's valid lifetime" test "${life:-0}" -gt 0 -a "${life:-0}" -le 86400
check_match "apedgectl binding show ip PREFIX/LEN" "/56 lladdr $climac dev va" \
	"$(apedgectl binding show ip "$PD/56")"

# b
sg() {
	apedgectl -j stats dev "$1" | grep -o '"sg_drop_ipv6":[0-9]*' | cut -d: -f2
}
scapy_start cl spy
echo6() { # NS IF SRCMAC DSTMAC SRC
	scapy_send "$1" "$2" 3 "Ether(src='$3',dst='$4')/IPv6(src='$5',dst='2001:db8:1::1')/ICMPv6EchoRequest()"
}
IN=${PD%::}:1234::89
d0=$(sg va)
check_eq "b: the leased address from the client: sent" "sent 3" "$(echo6 cl vb $climac "$vamac" "$NA")"
check_eq "b: ...and passed" "$d0" "$(sg va)"
check_eq "b: an address of its prefix ($IN): sent" "sent 3" "$(echo6 cl vb $climac "$vamac" "$IN")"
check_eq "b: ...and passed" "$d0" "$(sg va)"
check_eq "b: an address not leased: sent" "sent 3" "$(echo6 cl vb $climac "$vamac" 2001:db8:1::beef)"
check_eq "b: ...and dropped" "$((d0 + 3))" "$(sg va)"
x0=$(sg vx)
check_eq "b: the prefix's address from another station and port: sent" "sent 3" \
	"$(echo6 spy vy $spymac "$vxmac" "$IN")"
check_eq "b: ...and dropped" "$((x0 + 3))" "$(sg vx)"
scapy_stop

# c
rmmod apedge
check "c: apedged lives through rmmod" wait_for 10 ctl daemon ping
load_module
check "c: va attached again" wait_for 30 apedgectl port show dev va
check "c: the address bound again" wait_for 20 sh -c "[ -n \"\$(apedgectl -j binding show dev va | jq -r '.[] | select(.origin == \"dhcp6-server\" and .prefix_len == null) | .ip')\" ]"
check_match "c: ...the leased one, to the client" "\"mac\":\"$climac\".*\"origin\":\"dhcp6-server\"" "$(bnd "$NA")"
check_match "c: the prefix bound again" "\"prefix_len\":56,\"mac\":\"$climac\"" "$(bnd "$PD" 56)"

# d: the running dhclient stops and releases
private "timeout 20 $DHC -r vb" >>"$T/dhclient.log" 2>&1 || true
wait "$dpid" 2>/dev/null || true
d6n() { apedgectl -j binding show | jq '[.[] | select(.origin == "dhcp6-server")] | length'; }
check "d: after the RELEASE, no dhcp6-server binding" wait_for 10 sh -c "[ \"\$(apedgectl -j binding show | jq '[.[] | select(.origin == \"dhcp6-server\")] | length')\" = 0 ]"

# e
rm -f "$D/lib/l6"
dhclient_start
check "e: a second lease" wait_for 30 has_leases
check "e: bound" wait_for 10 sh -c "[ \"\$(apedgectl -j binding show | jq '[.[] | select(.origin == \"dhcp6-server\")] | length')\" = 2 ]"
# Stopped without a RELEASE.
kill "$(cat "$D/run/pid")" || true
wait "$dpid" 2>/dev/null || true
apedgectl binding add ip 2001:db8:1::77 mac $climac dev va
kill -TERM "$apd"
wait "$apd" || true
check_eq "e: apedged stopped: the module keeps the bindings" 2 "$(d6n)"
rm -f "$T"/state/journal.* "$T/state/snapshot"
start
check "e: apedged started again" up
check "e: its resync removed both" wait_for 10 sh -c "[ \"\$(apedgectl -j binding show | jq '[.[] | select(.origin == \"dhcp6-server\")] | length')\" = 0 ]"
check "e: it said so" grep -q "resynced: 0 kept, 0 added, 2 removed" "$T/log"
grep -E "dhcp6|binding|resync" "$T/log" | tail -n 25 | sed 's/^/# log: /'
ls "$T/state" | sed 's/^/# state: /'
apedgectl binding show | sed 's/^/# binding: /'
check_match "e: the static binding is still there" '"origin":"static"' \
	"$(apedgectl -j binding show dev va)"
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0" 0 "$rc"
dmesg_clean
