# SPDX-License-Identifier: GPL-2.0
# Bindings by layer-2 domain, and a station's bindings moving with it.
#
# Two bridges carry one subnet, 10.0.0.0/24: station s1 (10.0.0.5, MAC m1)
# behind a1 of br1 and station s2 (10.0.0.5 too, MAC m2) behind b1 of
# br2, each with a gateway 10.0.0.1 behind a trusted port.  Both are bound
# (binding add), both pass the source guard and reach their gateway; the
# bindings show their domains.  A spy behind b2 of br2 that takes s1's MAC
# and address is dropped: in br2 10.0.0.5 is s2's.  A VLAN-filtering
# bridge br3 carries the subnet again in VLANs 10 and 20 (access ports,
# their PVIDs): the same.  Then s1 roams to a2 (s1b, the same MAC and
# address): dropped there until binding move, passes after it, and its
# frames from a1 are dropped; a move without dev takes it back; a move
# into br2, where the address is s2's, moves nothing and is counted.  A
# user without CAP_NET_ADMIN may not move.
#
#   ns g1: x0 --- a0 [br1] a1 --- y1 :ns s1       a2 --- y2 :ns s1b
#   ns g2: x1 --- b0 [br2] b1 --- y3 :ns s2       b2 --- y4 :ns spy
#   ns g3: x2 --- c0 [br3] c1 --- y5 :ns s3  (VLAN 10)
#   ns g4: x3 --- c2 [br3] c3 --- y6 :ns s4  (VLAN 20)
. "$(dirname "$0")/lib.sh"

nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

load_module
dmesg_mark
modprobe bridge
m1=02:00:5e:00:01:01
m2=02:00:5e:00:01:02
m3=02:00:5e:00:01:03
m4=02:00:5e:00:01:04

# host PORT BRIDGE NS PEER ADDR [MAC]: a namespace behind a bridge port.
host() {
	ip netns list | grep -qw "$3" || ip netns add "$3"
	ip link add "$1" type veth peer name "$4" netns "$3"
	sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1"
	ip netns exec "$3" sysctl -qw "net.ipv6.conf.$4.disable_ipv6=1"
	[ -n "${6:-}" ] && ip -n "$3" link set "$4" address "$6"
	ip -n "$3" addr add "$5/24" dev "$4"
	ip -n "$3" link set "$4" up
	ip link set "$1" master "$2" up
}
for b in br1 br2; do
	ip link add "$b" type bridge
	sysctl -qw "net.ipv6.conf.$b.disable_ipv6=1"
	ip link set "$b" up
done
ip link add br3 type bridge vlan_filtering 1
sysctl -qw net.ipv6.conf.br3.disable_ipv6=1
ip link set br3 up
host a0 br1 g1 x0 10.0.0.1
host a1 br1 s1 y1 10.0.0.5 $m1
host a2 br1 s1b y2 10.0.0.5 $m1
host b0 br2 g2 x1 10.0.0.1
host b1 br2 s2 y3 10.0.0.5 $m2
host b2 br2 spy y4 10.0.0.5 $m1
host c0 br3 g3 x2 10.0.0.1
host c1 br3 s3 y5 10.0.0.5 $m3
host c2 br3 g4 x3 10.0.0.1
host c3 br3 s4 y6 10.0.0.5 $m4
# br3: c0 and c1 in VLAN 10, c2 and c3 in VLAN 20, untagged.
for p in c0 c1 c2 c3; do bridge vlan del dev "$p" vid 1; done
for p in c0 c1; do bridge vlan add dev "$p" vid 10 pvid untagged; done
for p in c2 c3; do bridge vlan add dev "$p" vid 20 pvid untagged; done
check "every bridge port forwarding" wait_for 20 bash -c \
	'! bridge link show | grep -v forwarding | grep -q master'

apedgectl -j monitor >"$T/events" 2>&1 &
# The monitor hears the events group once it reports a port added.
probe() {
	apedgectl port add dev a0 role trusted && grep -q '"a0"' "$T/events" ||
		{ apedgectl port del dev a0 2>/dev/null; false; }
}
check "monitor hears the events group" wait_for 30 probe
for p in b0 c0 c2; do apedgectl port add dev "$p" role trusted; done
for p in a1 a2 b1 b2 c1 c3; do
	apedgectl port add dev "$p" role untrusted source-guard on
done

# pings NS: whether NS reaches its gateway.  NS's neighbour cache is
# flushed first: an ARP resolution a dropped ping left INCOMPLETE goes on
# for 3 s and would swallow the next ping's echoes when it fails.
pings() {
	ip -n "$1" neigh flush all
	ip netns exec "$1" ping -c 2 -i 0.2 -W 1 -q 10.0.0.1 >/dev/null 2>&1
}
# sg PORT: the source guard's IPv4 and ARP drops on a port.
sg() {
	apedgectl -j stats dev "$1" | grep -oE '"sg_drop_(ipv4|arp)":[0-9]+' |
		awk -F: '{ n += $2 } END { print n + 0 }'
}
br1=$(cat /sys/class/net/br1/ifindex)
br2=$(cat /sys/class/net/br2/ifindex)
br3=$(cat /sys/class/net/br3/ifindex)

# One address in two bridges: two bindings.
check "bind 10.0.0.5 to s1 behind a1 (br1)" \
	apedgectl binding add ip 10.0.0.5 mac $m1 dev a1
check "bind 10.0.0.5 to s2 behind b1 (br2)" \
	apedgectl binding add ip 10.0.0.5 mac $m2 dev b1
check_eq "both bindings are there" 2 \
	"$(apedgectl -j binding show | grep -o '"ip":"10.0.0.5"' | wc -l)"
check_match "s1's is in br1's domain" \
	"\"mac\":\"$m1\",\"ifindex\":[0-9]+,\"ifname\":\"a1\",\"origin\":\"static\",\"domain\":$br1,\"domain_name\":\"br1\"" \
	"$(apedgectl -j binding show dev a1)"
check_match "s2's is in br2's domain" \
	"\"ifname\":\"b1\",\"origin\":\"static\",\"domain\":$br2,\"domain_name\":\"br2\"" \
	"$(apedgectl -j binding show dev b1)"
check "s1 reaches its gateway through the source guard" pings s1
check "s2 reaches its gateway through the source guard" pings s2
check_eq "nothing dropped on a1" 0 "$(sg a1)"
check_eq "nothing dropped on b1" 0 "$(sg b1)"
# The spy in br2, with s1's MAC and address: not s1's domain.
check_fail "a spy in br2 with s1's MAC and address is dropped" pings spy
check_match "and counted on b2" '^[1-9]' "$(sg b2)"
check_fail "binding show of an address in two domains: which one?" \
	apedgectl binding show ip 10.0.0.5
check_match "binding show ip ... domain br2" "\"mac\":\"$m2\"" \
	"$(apedgectl -j binding show ip 10.0.0.5 domain br2)"
# The same address twice in one domain: a snooped one could not take it,
# an administrator's replaces it (as before).
check "the same address in br2 for the spy replaces s2's" \
	apedgectl binding add ip 10.0.0.5 mac $m1 dev b2
check_fail "now s2 is dropped" pings s2
check "s1 in br1 still passes" pings s1
apedgectl binding add ip 10.0.0.5 mac $m2 dev b1

# Two VLANs of one bridge: two domains.
check "bind 10.0.0.5 to s3 behind c1 (VLAN 10)" \
	apedgectl binding add ip 10.0.0.5 mac $m3 dev c1
check "bind 10.0.0.5 to s4 behind c3 (VLAN 20)" \
	apedgectl binding add ip 10.0.0.5 mac $m4 dev c3
check_match "s3's domain is br3, VLAN 10 (c1's PVID)" \
	"\"domain\":$br3,\"domain_name\":\"br3\",\"vlan\":10" \
	"$(apedgectl -j binding show dev c1)"
check_match "s4's domain is br3, VLAN 20" "\"domain\":$br3,\"domain_name\":\"br3\",\"vlan\":20" \
	"$(apedgectl -j binding show dev c3)"
check "s3 reaches its gateway in VLAN 10" pings s3
check "s4 reaches its gateway in VLAN 20" pings s4
check_eq "nothing dropped on c1 and c3" 0 "$(( $(sg c1) + $(sg c3) ))"
check "binding del ip ... domain br3 vlan 20" \
	apedgectl binding del ip 10.0.0.5 domain br3 vlan 20
check_fail "then s4 is dropped" pings s4
check "and s3 still passes" pings s3

# A move: s1 roams from a1 to a2 (s1b).
check_fail "s1 on a2 before the move: dropped" pings s1b
check_match "counted on a2" '^[1-9]' "$(sg a2)"
check_fail "a user without CAP_NET_ADMIN may not move" \
	nobody apedgectl binding move mac $m1 dev a1 to a2
out=$(nobody apedgectl binding move mac $m1 to a2 2>&1 || true)
check_match "with EPERM" "Operation not permitted" "$out"
check_match "nothing moved" '"moved":0,' "$(apedgectl -j binding limit)"
check "binding move mac m1 dev a1 to a2" \
	apedgectl binding move mac $m1 dev a1 to a2
before=$(sg a2)
a1=$(cat /sys/class/net/a1/ifindex)
a2=$(cat /sys/class/net/a2/ifindex)
check "monitor: binding-moved from a1 to a2 in br1, one binding" wait_for 10 \
	grep -q "\"event\":\"binding-moved\",\"mac\":\"$m1\",\"ifindex\":$a1,\"to_ifindex\":$a2,\"domain\":$br1,\"moved\":1" "$T/events"
check_match "the binding is on a2, in br1" \
	"\"mac\":\"$m1\",\"ifindex\":[0-9]+,\"ifname\":\"a2\",\"origin\":\"static\",\"domain\":$br1" \
	"$(apedgectl -j binding show dev a2)"
check_eq "nothing left on a1" "[]" "$(apedgectl -j binding show dev a1)"
check "s1 on a2 after the move: passes" pings s1b
check_eq "nothing more dropped on a2" "$before" "$(sg a2)"
check_fail "s1's frames from a1 now: dropped" pings s1
check_match "binding limit counts the move" '"moved":1,"move_conflicts":0' \
	"$(apedgectl -j binding limit)"
check "binding move without dev: from any port, back to a1" \
	apedgectl binding move mac $m1 to a1
check "s1 on a1 passes again" pings s1
check_fail "and on a2 is dropped" pings s1b
# Into br2, where 10.0.0.5 is s2's: nothing moves; counted.
check "binding move to b2 (br2)" apedgectl binding move mac $m1 to b2
check_match "the conflict is counted" '"moved":2,"move_conflicts":1' \
	"$(apedgectl -j binding limit)"
check_match "s1's binding stays on a1" "\"mac\":\"$m1\",\"ifindex\":$a1," \
	"$(apedgectl -j binding show)"
check "s2 still passes" pings s2
check_eq "monitor: one binding-moved per move that moved something" 2 \
	"$(grep -c binding-moved "$T/events")"
kill %1 2>/dev/null

dmesg_clean
