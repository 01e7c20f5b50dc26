# SPDX-License-Identifier: GPL-2.0
# apedged's DHCPv4 clients with the module loaded, against real servers
# (dnsmasq), four at once:
#
#  a. va and the 802.1Q VLAN interface va.7 on it, each against its own
#     range (the server's vs and vs.7): both bound, each with its
#     address, va's default route from the router option and va.7's
#     classless static route (option 121).
#  b. br0, a bridge with a trusted port vt (dnsmasq behind it) and an
#     untrusted port vu towards a station running a rogue dnsmasq: the
#     client gets the real server's address, route and lease through the
#     module, whose counters show the server's messages passed on vt and
#     the rogue's dropped on vu.
#  c. vx, bound, then made an untrusted port by hand (apedgectl port add,
#     which no config check sees): the daemon says so (a warning,
#     dhcp4 show's "blocked": "untrusted-port", the untrusted_port
#     counter, a dhcp4-blocked event), the guard drops the server's ACKs
#     to a renewal, and once the port is gone the client renews again.
#  d. vx made an untrusted port while apedged is stopped: the port list
#     the daemon asks for when it connects flags the client at once.
#
#                  va ----------- vs  :ns srv (dnsmasq: vs, vs.7, vy)
#                  va.7 .......... vs.7
#                  vx ----------- vy
#   br0 [ vt (trusted) --------- vtp :ns up (dnsmasq)
#       [ vu (untrusted) ------- vup :ns sta (rogue dnsmasq)
#
# vm-timeout: 600
# vm-kernels: one
. "$(dirname "$0")/lib.sh"

load_module
dmesg_mark
modprobe 8021q
modprobe bridge

# a, c: the server's namespace.
ip netns add srv
ip -n srv link set lo up
ip link add va type veth peer name vs netns srv
ip link add vx type veth peer name vy netns srv
ip -n srv link add link vs name vs.7 type vlan id 7
ip link add link va name va.7 type vlan id 7
ip -n srv addr add 192.0.2.1/24 dev vs
ip -n srv addr add 198.51.100.1/24 dev vs.7
ip -n srv addr add 10.0.10.1/24 dev vy
for d in vs vs.7 vy; do ip -n srv link set "$d" up; done
for d in va va.7 vx; do ip link set "$d" up; done

# b: the bridge, its server and the station.
ip netns add up
ip netns add sta
ip link add br0 type bridge
ip link set br0 up
ip link add vt type veth peer name vtp netns up
ip link add vu type veth peer name vup netns sta
for d in vt vu; do ip link set "$d" master br0 up; done
ip -n up link set lo up
ip -n up link set vtp up
ip -n up addr add 10.0.9.1/24 dev vtp
ip -n sta link set lo up
ip -n sta link set vup up
ip -n sta addr add 10.0.9.66/24 dev vup
check "bridge ports forwarding" wait_for 30 bash -c \
	'bridge link show dev vt | grep -q forwarding &&
	 bridge link show dev vu | grep -q forwarding'

# dnsmasq NS NAME ARGS...: dnsmasq as a DHCP server only, log $T/NAME.log.
dnsmasq_in() {
	local ns=$1 name=$2
	shift 2
	ip netns exec "$ns" dnsmasq --conf-file=/dev/null --keep-in-foreground \
		--bind-interfaces --port=0 --no-resolv --no-hosts --no-ping \
		--dhcp-authoritative --dhcp-leasefile="$T/$name.leases" \
		--pid-file="$T/$name.pid" --user=root --log-dhcp \
		--log-facility="$T/$name.log" "$@" &
}
dnsmasq_in srv srv --interface=vs --interface=vs.7 --interface=vy \
	--dhcp-range=192.0.2.100,192.0.2.150,255.255.255.0,1h \
	--dhcp-range=set:v7,198.51.100.100,198.51.100.150,255.255.255.0,1h \
	--dhcp-range=set:vy,10.0.10.100,10.0.10.150,255.255.255.0,1h \
	--dhcp-option=tag:v7,121,203.0.113.0/24,198.51.100.1 \
	--dhcp-option=tag:vy,3
dnsmasq_in up up --interface=vtp \
	--dhcp-range=10.0.9.100,10.0.9.150,255.255.255.0,1h
dnsmasq_in sta rogue --interface=vup \
	--dhcp-range=10.0.9.200,10.0.9.250,255.255.255.0,1h \
	--dhcp-option=3,10.0.9.66
for n in srv up rogue; do
	check "dnsmasq $n is up" wait_for 30 grep -q 'DHCP, IP range' "$T/$n.log"
done

mkdir -p "$T/state"
{
	cat <<-EOC
	[general]
	ctrl_socket = $T/ctl.sock
	log_level = debug
	[port vt]
	role = trusted
	[port vu]
	role = untrusted
	[dhcp4]
	state_dir = $T/state
	EOC
	for i in va va.7 br0 vx; do
		cat <<-EOC
		[dhcp4 $i]
		resolv = none
		retrans_min_ms = 2000
		retrans_max_ms = 8000
		probe_wait_ms = 100
		probe_min_ms = 100
		probe_max_ms = 200
		probe_num = 2
		announce_wait_ms = 200
		announce_num = 1
		EOC
		[ "$i" != br0 ] || echo "route_metric = 200"
	done
} >"$T/apedged.conf"
ctl() { apedgectl -s "$T/ctl.sock" "$@"; }
apedged -f -c "$T/apedged.conf" 2>"$T/log" &
apd=$!
check "apedged answers" wait_for 30 ctl daemon ping
check_match "apedged is connected to the module" '"module": *"connected"' \
	"$(ctl -j daemon status)"
ctl -j monitor daemon >"$T/events" 2>&1 &

# d4 IF FIELD: a field of dhcp4 show dev IF ("" for null).
d4() { ctl -j dhcp4 show dev "$1" | jq -r ".[0].$2 // empty"; }
# d4st IF COUNTER
d4st() { ctl -j dhcp4 stats dev "$1" | jq -r ".[0].$2"; }
bound() { [ "$(d4 "$1" state)" = BOUND ]; }
# counter PORT DIR CLASS VERDICT: one of the guard's packet counters.
counter() {
	apedgectl -j stats dev "$1" | jq -r "[.[0].counters[]? |
		select(.direction == \"$2\" and .class == \"$3\" and
		       .verdict == \"$4\") | .packets] | add // 0"
}

for i in va va.7 br0 vx; do
	check "dhcp4 $i: BOUND" wait_for 120 bound "$i"
done

# a. VLAN 7 and the untagged link, at the same time.
a=$(d4 va address)
a7=$(d4 va.7 address)
check_match "va: an address of the untagged range" '^192\.0\.2\.(1[0-4][0-9]|150)$' "$a"
check_match "va.7: an address of VLAN 7's range" '^198\.51\.100\.(1[0-4][0-9]|150)$' "$a7"
check_match "va: configured, /24" "inet $a/24 " "$(ip -4 -o addr show dev va)"
check_match "va.7: configured, /24" "inet $a7/24 " "$(ip -4 -o addr show dev va.7)"
check_eq "va: the server is vs" 192.0.2.1 "$(d4 va server)"
check_eq "va.7: the server is vs.7" 198.51.100.1 "$(d4 va.7 server)"
check_match "va: the default route via the router option" \
	'^default via 192\.0\.2\.1 dev va ' "$(ip -4 route show default)"
check_match "va.7: option 121's route" '^203\.0\.113\.0/24 via 198\.51\.100\.1 dev va\.7' \
	"$(ip -4 route show 203.0.113.0/24)"
check_eq "va.7: no default route (option 121 replaces the router)" "" \
	"$(ip -4 route show default dev va.7)"
check "the server saw va.7's exchange on vs.7" grep -q "DHCPACK(vs.7) $a7 " "$T/srv.log"
check "and va's on vs" grep -q "DHCPACK(vs) $a " "$T/srv.log"
check "va.7 talks to the server over VLAN 7" ping -c 1 -W 5 -I va.7 198.51.100.1
# va's raw socket must not take what arrives on va for va.7.
check_eq "va: no reply of VLAN 7's reached its client (drop.xid)" 0 "$(d4st va drop.xid)"
check_eq "va.7: nor the other way" 0 "$(d4st va.7 drop.xid)"

# b. Through the module: the real server's lease, the rogue's dropped.
b=$(d4 br0 address)
check_match "br0: the real server's range" '^10\.0\.9\.(1[0-4][0-9]|150)$' "$b"
check_eq "br0: the real server" 10.0.9.1 "$(d4 br0 server)"
check_eq "br0: its router" 10.0.9.1 "$(d4 br0 routers[0])"
check_match "br0: the default route via the real router, metric 200" \
	'^default via 10\.0\.9\.1 dev br0 .*metric 200' "$(ip -4 route show default)"
check_eq "br0: no address of the rogue's range" "" \
	"$(ip -4 -o addr show dev br0 | grep ' inet 10\.0\.9\.2')"
check "the rogue offered (it heard the client)" grep -q 'DHCPOFFER(vup) 10\.0\.9\.2' "$T/rogue.log"
check "vt: the server's messages passed (ingress)" \
	test "$(counter vt ingress dhcpv4-server pass)" -ge 2
check "vt: the client's went out (egress)" \
	test "$(counter vt egress dhcpv4-client pass)" -ge 2
check "vu: the rogue's dropped (ingress)" \
	test "$(counter vu ingress dhcpv4-server drop)" -ge 1
check_eq "vu: none of the rogue's passed" 0 "$(counter vu ingress dhcpv4-server pass)"
check_eq "dhcp4 br0: not blocked" "" "$(d4 br0 blocked)"
check "br0 talks to the real server" ping -c 1 -W 5 -I br0 10.0.9.1
# A renewal goes through the trusted port too.
acks=$(grep -c "DHCPACK(vtp)" "$T/up.log")
check "dhcp4 renew dev br0" ctl dhcp4 renew dev br0
more_acks() { [ "$(grep -c "DHCPACK($1)" "$2")" -gt "$3" ]; }
check "br0: renewed by the real server" wait_for 60 more_acks vtp "$T/up.log" "$acks"
bound_to() { [ "$(d4 "$1" state) $(d4 "$1" address)" = "BOUND $2" ]; }
check "br0: BOUND again, same address" wait_for 30 bound_to br0 "$b"

# c. vx made an untrusted port at run time.
x=$(d4 vx address)
check_match "vx: bound to its range" '^10\.0\.10\.(1[0-4][0-9]|150)$' "$x"
check_eq "dhcp4 vx: not blocked yet" "" "$(d4 vx blocked)"
check_eq "dhcp4 vx: untrusted_port 0" 0 "$(d4st vx untrusted_port)"
check "apedgectl port add dev vx role untrusted" apedgectl port add dev vx role untrusted
blocked_is() { [ "$(d4 "$1" blocked)" = "$2" ]; }
check "dhcp4 vx: blocked: untrusted-port" wait_for 10 blocked_is vx untrusted-port
check_eq "dhcp4 vx: untrusted_port 1" 1 "$(d4st vx untrusted_port)"
check "the log says so" grep -q 'dhcp4 vx: the interface is now an untrusted apedge port' "$T/log"
check "a dhcp4-blocked event" wait_for 10 grep -q \
	'"event": "dhcp4-blocked", .*"ifname": "vx", "blocked": "untrusted-port"' "$T/events"
check_match "dhcp4 show (text) says blocked" 'untrusted-port' "$(ctl dhcp4 show dev vx)"
check_eq "the other clients are not blocked" "" "$(d4 va blocked)$(d4 va.7 blocked)$(d4 br0 blocked)"
acks=$(grep -c "DHCPACK(vy)" "$T/srv.log")
drops=$(counter vx ingress dhcpv4-server drop)
check "dhcp4 renew dev vx" ctl dhcp4 renew dev vx
check "the server ACKs the renewal" wait_for 60 more_acks vy "$T/srv.log" "$acks"
more_drops() { [ "$(counter vx ingress dhcpv4-server drop)" -gt "$1" ]; }
check "the guard drops the ACK on vx" wait_for 20 more_drops "$drops"
check_eq "dhcp4 vx: still RENEWING" RENEWING "$(d4 vx state)"
check "apedgectl port del dev vx" apedgectl port del dev vx
check "dhcp4 vx: no longer blocked" wait_for 10 blocked_is vx ""
check "the log says that too" grep -q 'dhcp4 vx: the interface is no longer an untrusted port' "$T/log"
check "dhcp4 renew dev vx (asks again now)" ctl dhcp4 renew dev vx
check "vx: BOUND again" wait_for 60 bound vx
check_eq "vx: the same address" "$x" "$(d4 vx address)"
check_eq "dhcp4 vx: untrusted_port still 1" 1 "$(d4st vx untrusted_port)"

# A configured untrusted port with a client is refused at reload.
cp "$T/apedged.conf" "$T/apedged.good"
printf '[port vx]\nrole = untrusted\n' >>"$T/apedged.conf"
check_fail "reload: [dhcp4 vx] on an untrusted [port vx] is refused" ctl daemon reload
check "the log names the rule" grep -q '\[dhcp4 vx\]: vx is an untrusted port' "$T/log"
cp "$T/apedged.good" "$T/apedged.conf"

all_bound() { bound va && bound va.7 && bound br0 && bound vx; }
check "all four still BOUND" all_bound
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0" 0 "$rc"

# d. vx already an untrusted port when apedged starts: the port dump of
# its connect tells the client.
check "apedgectl port add dev vx role untrusted (apedged stopped)" \
	apedgectl port add dev vx role untrusted
apedged -f -c "$T/apedged.conf" 2>"$T/log2" &
apd=$!
check "apedged answers again" wait_for 30 ctl daemon ping
check "dhcp4 vx: blocked from the start: untrusted-port" \
	wait_for 20 blocked_is vx untrusted-port
check "the log says so" grep -q \
	'dhcp4 vx: the interface is now an untrusted apedge port' "$T/log2"
kill -TERM "$apd"
rc=0
wait "$apd" || rc=$?
check_eq "apedged exits 0 again" 0 "$rc"
check "apedgectl port del dev vx" apedgectl port del dev vx
echo "# apedged's log (dhcp4 and ports):"
cat "$T/log" "$T/log2" | grep -E 'dhcp4|port' | tail -n 60 | sed 's/^/#   /'
check "kernel log clean" dmesg_clean
