#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DHCPv4 client, end to end: apedged with [dhcp4 va] in namespace
# cl, dnsmasq serving 10.42.0.0/24 on the veth's other end in srv.
#
#   a  the client reaches BOUND: the address on va with a finite
#      lifetime, the default route via the router dnsmasq names, the
#      resolv file written, "apedgectl -j dhcp4 show" and "dhcp4 stats"
#      read it, the lease file is there, the hook heard BOUND
#   b  a restart keeps the address and goes through INIT-REBOOT to BOUND
#      with the same address (the stored lease)
#   c  dhcp4 renew: a REQUEST more, still BOUND
#   d  dhcp4 release: the address and the route are gone, the lease file
#      too; an unprivileged user is refused the admin word; renew starts
#      a released client again
#   e  a damaged lease file is counted, and the client starts in INIT
#   f  a reload adds a client on VLAN 7 (va.7, with RFC 5227 probing)
#      and keeps va's as it was; both BOUND at once
#   g  link down: STOPPED, the address stays; up: INIT-REBOOT to BOUND
#   h  a host on the link sends garbage and a forged ACK to port 68:
#      counted (malformed, drop), the lease untouched
#   i  release_on_stop given by a reload: va's client starts again (no
#      RELEASE) and keeps its address; the daemon's stop then releases
#      va's lease (dnsmasq hears it, the address goes) and not va.7's
# At the end the daemon stops with status 0 and a clean log.
. "$(dirname "$0")/lib.sh"

# nobody must reach the control sockets.
chmod 0711 "$T"
netns_add cl && netns_add srv || exit 1
ip link add va netns "$NS-cl" address 02:00:00:00:42:01 type veth \
	peer name vs netns "$NS-srv"
ip -n "$NS-srv" addr add 10.42.0.1/24 dev vs
ip -n "$NS-srv" link set vs up
ip -n "$NS-cl" link set va up
# VLAN 7 on the veth; a kernel without 8021q gets a second veth pair of
# the same names (tests/vm has the VLAN for sure).
if ! ip -n "$NS-cl" link add link va name va.7 type vlan id 7 2>/dev/null ||
   ! ip -n "$NS-srv" link add link vs name vs.7 type vlan id 7 2>/dev/null; then
	ip -n "$NS-cl" link del va.7 2>/dev/null
	echo "# no 802.1Q here: va.7 is a veth"
	ip link add va.7 netns "$NS-cl" type veth peer name vs.7 \
		netns "$NS-srv"
fi
ip -n "$NS-srv" addr add 10.43.0.1/24 dev vs.7
ip -n "$NS-srv" link set vs.7 up
ip -n "$NS-cl" link set va.7 up

spawn srv "$T/dnsmasq.log" dnsmasq --keep-in-foreground --no-daemon \
	--conf-file=/dev/null --port=0 --interface=vs --interface=vs.7 \
	--bind-interfaces \
	--dhcp-range=10.42.0.100,10.42.0.150,255.255.255.0,600 \
	--dhcp-range=10.43.0.100,10.43.0.150,255.255.255.0,600 \
	--dhcp-option=option:router,10.42.0.1 \
	--dhcp-option=option:dns-server,10.42.0.53 \
	--dhcp-option=option:domain-name,example.test \
	--dhcp-option=tag:vs.7,option:classless-static-route,10.77.0.0/16,192.0.2.1,0.0.0.0/0,10.43.0.1 \
	--dhcp-option=tag:vs.7,option:mtu,1400 \
	--dhcp-leasefile="$T/dnsmasq.leases" --pid-file="$T/dnsmasq.pid" \
	--log-dhcp
check "dnsmasq listens" wait_for 30 udp_bound srv 67

cat >"$T/hook" <<EOH
#!/bin/sh
echo "\$reason \$interface \${new_ip_address:-} \${new_routers:-} \${old_ip_address:-}" >>"$T/hook.log"
EOH
chmod +x "$T/hook"

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
[dhcp4]
state_dir = $T/state
[dhcp4 va]
acd = no
# A reply lost to the client, not a slow machine, is what "one DISCOVER"
# below must catch: retransmit only after 7-9 s.
retrans_min_ms = 8000
hook = $T/hook
resolv = $T/resolv.conf
hostname = smoke
EOC

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}

start() {
	spawn cl "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	APEDGED=$LAST_PID
	wait_for 10 test -S "$T/apedged.sock"
}

state_is() {
	ctl -j dhcp4 show dev "${2:-va}" | jq -e ".[0].state == \"$1\""
}

addr_on_va() {
	nsx cl ip -4 -j addr show dev va |
		jq -e '.[0].addr_info[] | select(.local | startswith("10.42.0."))'
}

# a
start
check "a: BOUND within 20 s" wait_for 20 state_is BOUND
ADDR=$(ctl -j dhcp4 show dev va | jq -r '.[0].address')
check "a: a lease from the pool ($ADDR)" \
	sh -c "echo '$ADDR' | grep -Eq '^10\.42\.0\.(1[0-4][0-9]|150)$'"
check "a: the address is on va, /24, with a finite lifetime" \
	sh -c "ip netns exec $NS-cl ip -4 -j addr show dev va | jq -e '.[0].addr_info[] | select(.local == \"$ADDR\" and .prefixlen == 24 and .valid_life_time <= 600 and .valid_life_time > 0)'"
check "a: the default route via 10.42.0.1 on va" \
	sh -c "ip netns exec $NS-cl ip -4 route show default | grep -q 'via 10.42.0.1 dev va'"
check "a: show has the server, the lease time, routers and dns" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show | jq -e '.[0] | .server == \"10.42.0.1\" and .lease_s == 600 and .routers == [\"10.42.0.1\"] and .dns == [\"10.42.0.53\"] and .domain == \"example.test\" and .plen == 24 and .expires_in_s <= 600'"
check "a: the resolv file names the server and the domain" \
	sh -c "grep -q '^nameserver 10.42.0.53$' '$T/resolv.conf' && grep -q '^domain example.test$' '$T/resolv.conf'"
ctl -j dhcp4 stats dev va | sed 's/^/# stats: /'
check "a: stats: one DISCOVER, one OFFER, one ACK" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq -e '.[0] | .tx.DISCOVER == 1 and .rx.OFFER == 1 and .rx.ACK == 1'"
check "a: the lease file is there" test -s "$T/state/va.lease"
check "a: the hook heard BOUND with the address and router" \
	wait_for 5 grep -q "^BOUND va $ADDR 10.42.0.1" "$T/hook.log"
check "a: text output" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' dhcp4 show | grep -q 'va: BOUND $ADDR/24 from 10.42.0.1'"
check "a: log line of the transition" \
	grep -q "dhcp4 va: REQUESTING -> BOUND" "$T/apedged.log"

# b
stop "$APEDGED" "$T/apedged.log"
check "b: stopped with status 0" test $? -eq 0
check "b: the address survives the daemon's stop" addr_on_va
mv "$T/apedged.log" "$T/apedged.1.log"
start
check "b: BOUND again after a restart" wait_for 15 state_is BOUND
check "b: the same address" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show | jq -e '.[0].address == \"$ADDR\"'"
check "b: through INIT-REBOOT, no DISCOVER" \
	sh -c "grep -q 'INIT_REBOOT' '$T/apedged.log' && '$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats | jq -e '.[0].tx.DISCOVER == 0'"

# c
REQ=$(ctl -j dhcp4 stats dev va | jq '.[0].tx.REQUEST')
check "c: renew accepted" ctl dhcp4 renew dev va
check "c: one REQUEST more and BOUND" wait_for 10 sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats | jq -e '.[0].tx.REQUEST > $REQ and .[0].rx.ACK >= 2 and .[0].state == \"BOUND\"'"

# d
check "d: an unprivileged user may show" \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$BIN/apedgectl" -s "$T/apedged.ro.sock" -j dhcp4 show
check "d: but not release" sh -c "! setpriv --reuid=65534 --regid=65534 --clear-groups '$BIN/apedgectl' -s '$T/apedged.ro.sock' dhcp4 release dev va"
check "d: release accepted" ctl dhcp4 release dev va
check "d: STOPPED" wait_for 5 state_is STOPPED
check "d: the address is gone" wait_for 5 sh -c "! ip netns exec $NS-cl ip -4 addr show dev va | grep -q '$ADDR'"
check "d: the default route is gone" \
	sh -c "! ip netns exec $NS-cl ip -4 route show default | grep -q va"
check "d: the lease file is gone" test ! -e "$T/state/va.lease"
check "d: the hook heard RELEASE" wait_for 5 grep -q "^RELEASE va" "$T/hook.log"
check "d: renew starts it again" ctl dhcp4 renew dev va
check "d: BOUND again" wait_for 15 state_is BOUND
check "d: release again" ctl dhcp4 release dev va
check "d: STOPPED again" wait_for 5 state_is STOPPED

# e
stop "$APEDGED" "$T/apedged.log"
check "d: stopped with status 0" test $? -eq 0
printf 'APEDGE-DHCP4-LEASE\0\1garbage' >"$T/state/va.lease"
mv "$T/apedged.log" "$T/apedged.2.log"
start
check "e: BOUND despite a damaged lease file" wait_for 15 state_is BOUND
check "e: the damage is counted" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats | jq -e '.[0].store_damaged == 1 and .[0].tx.DISCOVER == 1'"
check "e: and logged" grep -q "lease file is damaged" "$T/apedged.log"
ADDR=$(ctl -j dhcp4 show dev va | jq -r '.[0].address')

# f
cat >>"$T/apedged.conf" <<EOC
[dhcp4 va.7]
probe_wait_ms = 100
probe_min_ms = 100
probe_max_ms = 200
announce_wait_ms = 100
EOC
DISC=$(ctl -j dhcp4 stats dev va | jq '.[0].tx.DISCOVER')
check "f: reload" ctl daemon reload
check "f: va.7 BOUND" wait_for 20 state_is BOUND va.7
check "f: through PROBING" grep -q "dhcp4 va.7: REQUESTING -> PROBING" \
	"$T/apedged.log"
check "f: its address on va.7" sh -c "ip netns exec $NS-cl ip -4 addr show dev va.7 | grep -q 'inet 10.43.0.1[0-5][0-9]/24'"
check "f: option 121: an on-link host route to the off-link gateway" \
	sh -c "ip netns exec $NS-cl ip -4 route show dev va.7 | grep -q '^192.0.2.1 proto dhcp scope link'"
check "f: option 121: the route through it" \
	sh -c "ip netns exec $NS-cl ip -4 route show dev va.7 | grep -q '^10.77.0.0/16 via 192.0.2.1 proto dhcp'"
check "f: option 121 replaces option 3: a default route via 10.43.0.1" \
	sh -c "ip netns exec $NS-cl ip -4 route show default dev va.7 | grep -q 'via 10.43.0.1'"
check "f: va's default route stays beside it" \
	sh -c "ip netns exec $NS-cl ip -4 route show default dev va | grep -q 'via 10.42.0.1'"
check "f: the MTU of option 26" sh -c \
	"ip netns exec $NS-cl ip -j link show va.7 | jq -e '.[0].mtu == 1400'"
check "f: show has the routes and the MTU" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va.7 | jq -e '.[0].mtu == 1400 and .[0].routes[0] == {\"dst\": \"10.77.0.0/16\", \"gw\": \"192.0.2.1\"}'"
check "f: va kept its state and counters" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq -e '.[0].state == \"BOUND\" and .[0].tx.DISCOVER == $DISC'"
check "f: two clients shown" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show | jq -e 'length == 2'"

# g
nsx cl ip link set va.7 down
check "g: link down: STOPPED" wait_for 5 state_is STOPPED va.7
check "g: the address stays" sh -c "ip netns exec $NS-cl ip -4 addr show dev va.7 | grep -q 'inet 10.43.0.1'"
nsx cl ip link set va.7 up
check "g: link up: BOUND again" wait_for 20 state_is BOUND va.7
check "g: through INIT-REBOOT" grep -q "dhcp4 va.7: STOPPED -> INIT_REBOOT" \
	"$T/apedged.log"

check "g: no netlink request refused" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats | jq -e 'all(.[]; .apply_errors == 0)'"
check "g: nothing refused in the log" sh -c "! grep -E 'failed: ' '$T/apedged.log'"

# h
DROP=$(ctl -j dhcp4 stats dev va | jq '[.[0].drop[]] | add')
nsx srv "$PY" - "$ADDR" <<'EOP'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.42.0.1", 67))
s.sendto(b"garbage", (sys.argv[1], 68))
ack = bytearray(236)
ack[0:4] = b"\x02\x01\x06\x00"
ack[4:8] = b"\xde\xad\xbe\xef"
ack[16:20] = socket.inet_aton("10.42.0.99")
ack[28:34] = b"\x02\x00\x00\x00\x42\x01"
ack += b"\x63\x82\x53\x63" + b"\x35\x01\x05" + b"\x36\x04" + \
    socket.inet_aton("10.42.0.1") + b"\x33\x04\x00\x00\x00\x3c\xff"
s.sendto(bytes(ack), (sys.argv[1], 68))
EOP
check "h: the garbage counted as malformed" wait_for 5 sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq -e '.[0].malformed.short == 1'"
check "h: the forged ACK dropped" wait_for 5 sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 stats dev va | jq -e '([.[0].drop[]] | add) == $DROP + 1'"
check "h: the lease untouched" sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0].state == \"BOUND\" and .[0].address == \"$ADDR\"'"

# i
sed -i 's/^hostname = smoke$/&\nrelease_on_stop = yes/' "$T/apedged.conf"
check "i: reload" ctl daemon reload
check "i: va starts again" wait_for 5 grep -q \
	"dhcp4 va: its settings changed" "$T/apedged.log"
check "i: BOUND with the same address" wait_for 15 sh -c \
	"'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp4 show dev va | jq -e '.[0].state == \"BOUND\" and .[0].address == \"$ADDR\"'"
REL=$(grep -c "DHCPRELEASE(vs) $ADDR" "$T/dnsmasq.log")
check "i: no RELEASE on the restart" test "$REL" -eq 2
stop "$APEDGED" "$T/apedged.log"
check "i: stopped with status 0" test $? -eq 0
check "i: dnsmasq heard the RELEASE" wait_for 5 sh -c \
	"test \$(grep -c 'DHCPRELEASE(vs) $ADDR' '$T/dnsmasq.log') -eq 3"
check "i: va's address is gone" sh -c "! ip netns exec $NS-cl ip -4 addr show dev va | grep -q '$ADDR'"
check "i: va.7's stays" sh -c "ip netns exec $NS-cl ip -4 addr show dev va.7 | grep -q 'inet 10.43.0.1'"
check "i: the hook heard the RELEASE" wait_for 5 sh -c \
	"test \$(grep -c '^RELEASE va ' '$T/hook.log') -eq 3"
