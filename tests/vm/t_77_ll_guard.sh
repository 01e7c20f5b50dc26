# SPDX-License-Identifier: GPL-2.0
# The link-local guard (RFC 6620) with real peers: a host (the kernel's
# own IPv6 stack) on a guarded untrusted port does DAD for its link-local
# address and so claims it; radvd behind the trusted port advertises, and
# its link-local address is bound to the router.  Hosts on either side
# ping each other across the guard, which fills their neighbour caches.
# Then an attacker (scapy) on another guarded port sends unsolicited
# Neighbor Advertisements for the host's and the router's addresses with
# its own MAC, traffic from those addresses, a Neighbor Solicitation
# whose source link-layer address is another station's, and a DAD probe
# of its own: all but the probe dropped and counted, and the victims'
# neighbour caches unchanged.  Legitimate ND still works afterwards.
#
#   ns cli: vd --- vc [br0] va --- vs :ns srv (radvd)
#                        ve --- vg :ns spy (scapy)
#                        vh --- vi :ns peer
. "$(dirname "$0")/lib.sh"

load_module
dmesg_mark
bridge_topology noipv6
# No IPv6 on the bridge's side; the hosts get theirs below, by hand.
sysctl -qw net.ipv6.conf.br0.disable_ipv6=1
for ns in spy peer; do ip netns add $ns; done
ip link add ve type veth peer name vg netns spy
ip link add vh type veth peer name vi netns peer
for d in ve vh; do
	sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1"
	ip link set "$d" master br0 up
done
ip netns exec spy sysctl -qw net.ipv6.conf.vg.disable_ipv6=1
ip -n spy link set vg up
ip -n peer link set lo up
ip -n peer link set vi up
check "the spy's and the peer's ports forwarding" wait_for 20 bash -c \
	'bridge link show dev ve | grep -q forwarding &&
	 bridge link show dev vh | grep -q forwarding'

climac=$(ip -n cli -br link show vd | awk '{print $3}')
spymac=$(ip -n spy -br link show vg | awk '{print $3}')
srvmac=$(ip -n srv -br link show vs | awk '{print $3}')
peermac=$(ip -n peer -br link show vi | awk '{print $3}')

apedgectl port add dev va role trusted
apedgectl port add dev vc role untrusted source-guard on
apedgectl port add dev ve role untrusted source-guard on

bound() {
	apedgectl -j binding show dev "$1" | grep -q "\"ip\":\"$2\",\"mac\":\"$3\".*\"origin\":\"$4\""
}
dad_done() { ! ip -n "$1" -6 addr show dev "$2" | grep -q tentative; }

# vh is no port yet: what the peer sends through it leaves the guarded
# ports as forwarded, not received.  Its DAD probe must not claim the
# address on them (it was so claimed on ve, and the peer's own frames
# were then dropped on vh: a flake of this test under load).
ip netns exec peer sysctl -qw net.ipv6.conf.vi.dad_transmits=1
ip -n peer addr add fe80::e/64 dev vi
check "the peer's DAD for fe80::e through vh, no port yet, completes" \
	wait_for 20 dad_done peer vi
check_eq "its probe, forwarded out of ve, claimed nothing there" "" \
	"$(apedgectl -j binding show dev ve | grep -o 'fe80::e"')"
apedgectl port add dev vh role untrusted source-guard on

# sg PORT KIND: the source guard's drops of one kind on a port.
sg() {
	apedgectl -j stats dev "$1" | grep -o "\"sg_drop_$2\":[0-9]*" | cut -d: -f2
}
# host NS IF ADDR: IPv6 on, no address of its own making, then ADDR with
# DAD (one probe, as Debian's default).
host() {
	ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=0"
	ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.accept_dad=1"
	ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.dad_transmits=1"
	ip -n "$1" link set "$2" addrgenmode none
	ip -n "$1" addr add "$3/64" dev "$2"
}

# The router: radvd advertising from fe80::1, quickly.
ip netns exec srv sysctl -qw net.ipv6.conf.vs.disable_ipv6=0
ip -n srv link set vs addrgenmode none
ip -n srv addr add fe80::1/64 dev vs nodad
ip netns exec srv sysctl -qw net.ipv6.conf.all.forwarding=1
cat >"$T/radvd.conf" <<EOF
interface vs {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	prefix 2001:db8:77::/64 { AdvAutonomous off; };
};
EOF
ip netns exec srv radvd -n -C "$T/radvd.conf" -p "$T/radvd.pid" -m logfile -l "$T/radvd.log" &
check "the router's link-local address, from its RA on va: bound to it" \
	wait_for 30 bound va fe80::1 "$srvmac" router

# The hosts do DAD through the guard, which claims their addresses.
host cli vd fe80::c
host peer vi fe80::d
check "the host's DAD on vc completes" wait_for 20 dad_done cli vd
check "the peer's DAD on vh completes" wait_for 20 dad_done peer vi
check "the host's DAD probe claimed fe80::c for it on vc" \
	wait_for 20 bound vc fe80::c "$climac" link-local
check "the peer's fe80::d on vh" wait_for 20 bound vh fe80::d "$peermac" link-local

# Legitimate ND across the guard: each resolves the other.
check "the peer pings the host" ip netns exec peer ping -c 2 -W 3 fe80::c%vi
check "the host pings the router" ip netns exec cli ping -c 2 -W 3 fe80::1%vd
check "the router pings the host" ip netns exec srv ping -c 2 -W 3 fe80::c%vs
neigh() { ip -n "$1" -6 neigh show "$2" dev "$3" | awk '{print $3}'; }
check_eq "the peer has the host's MAC" "$climac" "$(neigh peer fe80::c vi)"
check_eq "the router has the host's MAC" "$climac" "$(neigh srv fe80::c vs)"
check_eq "the host has the router's MAC" "$srvmac" "$(neigh cli fe80::1 vd)"
# What the guard saw and holds, for a failure's reader.
show_guard() {
	local d
	for d in vc vh; do
		echo "# stats $d: $(apedgectl -j stats dev "$d")"
	done
	apedgectl -j binding show | sed 's/^/# bindings: /'
}
show_guard
check_eq "nothing of the hosts' dropped" "0 0 0 0" \
	"$(sg vc ll) $(sg vc lla) $(sg vh ll) $(sg vh lla)"

# The attacker: one scapy, fed through FIFOs (starting it takes seconds).
scapy_start spy
send() { scapy_send spy vg "$@"; }
E="Ether(src='$spymac',dst='33:33:00:00:00:01')"
# ND is hop limit 255 (RFC 4861 7.1): anything else no host takes.

# Unsolicited NAs, override set, the attacker's MAC as the target's.
NA_HOST="$E/IPv6(hlim=255,src='fe80::66',dst='ff02::1')/ICMPv6ND_NA(tgt='fe80::c',R=0,S=0,O=1)/ICMPv6NDOptDstLLAddr(lladdr='$spymac')"
check_eq "scapy: NAs for the host's address sent" "sent 3" "$(send 3 "$NA_HOST")"
NA_RTR="$E/IPv6(hlim=255,src='fe80::66',dst='ff02::1')/ICMPv6ND_NA(tgt='fe80::1',R=1,S=0,O=1)/ICMPv6NDOptDstLLAddr(lladdr='$spymac')"
send 2 "$NA_RTR" >/dev/null
NA_RTR_SRC="$E/IPv6(hlim=255,src='fe80::1',dst='ff02::1')/ICMPv6ND_NA(tgt='fe80::1',R=1,S=0,O=1)/ICMPv6NDOptDstLLAddr(lladdr='$spymac')"
send 1 "$NA_RTR_SRC" >/dev/null
# At once: the host's defence of its address (below, against the DAD
# probe) and radvd's next RA would mend a poisoned cache.
check_eq "the peer's cache: still the host's MAC" "$climac" "$(neigh peer fe80::c vi)"
check_eq "the router's cache: still the host's MAC" "$climac" "$(neigh srv fe80::c vs)"
check_eq "the host's cache: still the router's MAC" "$srvmac" "$(neigh cli fe80::1 vd)"
check_eq "NAs for the host's and the router's addresses: 6 dropped (ll)" 6 "$(sg ve ll)"
# Traffic from the host's address.
send 2 "Ether(src='$spymac',dst='$peermac')/IPv6(src='fe80::c',dst='fe80::d')/ICMPv6EchoRequest()" >/dev/null
check_eq "echo requests from the host's address: 2 more dropped" 8 "$(sg ve ll)"
# An NS from the attacker's own address whose SLLA is the host's MAC, and
# an NA for its own address whose TLLA is the peer's.
NS_FORGED="Ether(src='$spymac',dst='$peermac')/IPv6(hlim=255,src='fe80::66',dst='fe80::d')/ICMPv6ND_NS(tgt='fe80::d')/ICMPv6NDOptSrcLLAddr(lladdr='$climac')"
send 2 "$NS_FORGED" >/dev/null
NA_FORGED="$E/IPv6(hlim=255,src='fe80::66',dst='ff02::1')/ICMPv6ND_NA(tgt='fe80::66',R=0,S=0,O=1)/ICMPv6NDOptDstLLAddr(lladdr='$peermac')"
send 1 "$NA_FORGED" >/dev/null
check_eq "forged link-layer address options: 3 dropped (lla)" 3 "$(sg ve lla)"
# A DAD probe for the host's (confirmed) address: on, for the host to
# defend; the attacker is not answered for.
DAD="Ether(src='$spymac',dst='33:33:ff:00:00:0c')/IPv6(hlim=255,src='::',dst='ff02::1:ff00:c')/ICMPv6ND_NS(tgt='fe80::c')"
send 1 "$DAD" >/dev/null
check_eq "a DAD probe for a confirmed address passes" "8 3" "$(sg ve ll) $(sg ve lla)"
check "the host's address stays bound to it" bound vc fe80::c "$climac" link-local
check "the router's stays bound to it" bound va fe80::1 "$srvmac" router

check_eq "the peer's cache: still the host's MAC" "$climac" "$(neigh peer fe80::c vi)"
check_eq "the peer has no entry for the attacker's address with the peer's MAC" "" \
	"$(ip -n peer -6 neigh show fe80::66 dev vi | grep -o "$peermac")"
check_eq "the host still has its address, not dadfailed" "" \
	"$(ip -n cli -6 addr show dev vd | grep -o dadfailed)"

# The attacker's own ND, from its own address with its own MAC: it is
# claimed for it and passes.
NS_OWN="Ether(src='$spymac',dst='$peermac')/IPv6(hlim=255,src='fe80::66',dst='fe80::d')/ICMPv6ND_NS(tgt='fe80::d')/ICMPv6NDOptSrcLLAddr(lladdr='$spymac')"
send 1 "$NS_OWN" >/dev/null
check "the attacker's own fe80::66 is claimed for it on ve" \
	wait_for 20 bound ve fe80::66 "$spymac" link-local
check_eq "and nothing more dropped" "8 3" "$(sg ve ll) $(sg ve lla)"

# Legitimate ND still works: flush and resolve again.
ip -n peer -6 neigh flush dev vi
ip -n cli -6 neigh flush dev vd
check "the peer pings the host again" ip netns exec peer ping -c 2 -W 3 fe80::c%vi
check "the host pings the router again" ip netns exec cli ping -c 2 -W 3 fe80::1%vd
check_eq "the peer resolved the host's MAC" "$climac" "$(neigh peer fe80::c vi)"
show_guard
check_eq "still nothing of the hosts' dropped" "0 0 0 0" \
	"$(sg vc ll) $(sg vc lla) $(sg vh ll) $(sg vh lla)"

kill "$(cat "$T/radvd.pid")" 2>/dev/null || true
scapy_stop
wait
dmesg_clean
