#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apedged as a DHCPv6 relay agent (RFC 8415 §19) between real clients and
# a real server, first alone and then behind another relay:
#
#   cl:  va ------ ra  r1 (apedged, mode relay)  ru ------ vs  srv (kea-dhcp6)
#                      2001:db8:1::1/64    2001:db8:f::1  2001:db8:f::2
#                  rb 2001:db8:e::1 (trust_relay)
#                   |
#   r0 (WIDE dhcp6relay)  rd 2001:db8:e::2, rc 2001:db8:2::1 ------ vb  cl2
#
#   a  dhclient -6 -N -P in cl gets an address of 2001:db8:1::/64 and a
#      /56 of 2001:db8:100::/48 through the relay, and renews (T1 3 s);
#      kea's log shows the relay's Interface-ID ("ra"), Remote-ID
#      (enterprise 4491, 0a0b0c0d) and Subscriber-ID ("sub-ra"); apedgectl
#      shows the relay and counts messages up and down
#   b  nested: dhclient -6 in cl2 behind dhcp6relay, which sends to
#      apedged's rb, which trusts it: two levels at kea (hop-count 1 and
#      0, Interface-ID "lower"), an address of 2001:db8:2::/64 and a /56
#      of 2001:db8:200::/48 come back through both
#   c  attackers: a client's forged RELAY-REPL (to ra, naming ra), a
#      client's RELAY-FORW on ra (not trusted), a RELAY-REPL from a host
#      on the upstream link that is not the server, and one from the
#      server's address naming an interface not ours: none is relayed,
#      each is counted by its reason
#   d  a reload adds the All_DHCP_Servers group (ff05::1:3 out of ru) to
#      rb's upstreams: a listener that joined it in srv gets the lower
#      client's renewals as RELAY-FORW, sent with a Hop Limit of 8
#
# No client touches the host: each runs with /run and /var/lib/dhcp bound
# to its own under $T and with -sf /bin/true.
. "$(dirname "$0")/lib.sh"

for p in dhclient dhcp6relay kea-dhcp6 jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 0; }
done

for n in cl cl2 r1 r0 srv; do
	netns_add $n || exit 1
	nsx $n sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
done
# veth A B NSA NSB [MAC-of-B]
veth() {
	ip link add "$1" netns "$NS-$3" type veth peer name "$2" \
		netns "$NS-$4" ${5:+address "$5"} || return 1
	ip -n "$NS-$3" link set "$1" up
	ip -n "$NS-$4" link set "$2" up
}
veth ra va r1 cl 02:00:00:00:77:01 || exit 1
veth ru vs r1 srv || exit 1
veth rb rd r1 r0 || exit 1
veth rc vb r0 cl2 02:00:00:00:77:02 || exit 1
ip -n "$NS-r1" addr add 2001:db8:1::1/64 dev ra
ip -n "$NS-r1" addr add 2001:db8:f::1/64 dev ru
ip -n "$NS-r1" addr add 2001:db8:e::1/64 dev rb
ip -n "$NS-srv" addr add 2001:db8:f::2/64 dev vs
ip -n "$NS-r0" addr add 2001:db8:e::2/64 dev rd
ip -n "$NS-r0" addr add 2001:db8:2::1/64 dev rc

cat >"$T/kea.json" <<EOK
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "vs/2001:db8:f::2" ] },
  "lease-database": { "type": "memfile", "persist": false },
  "server-id": { "type": "LLT", "persist": false },
  "data-directory": "$T",
  "renew-timer": 3, "rebind-timer": 100,
  "preferred-lifetime": 60, "valid-lifetime": 120,
  "subnet6": [
    { "id": 1, "subnet": "2001:db8:1::/64",
      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
      "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 48,
                      "delegated-len": 56 } ] },
    { "id": 2, "subnet": "2001:db8:2::/64",
      "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ],
      "pd-pools": [ { "prefix": "2001:db8:200::", "prefix-len": 48,
                      "delegated-len": 56 } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG",
                 "debuglevel": 99,
                 "output_options": [ { "output": "stdout" } ] } ] } }
EOK
spawn srv "$T/kea.log" env KEA_PIDFILE_DIR="$T" KEA_LOCKFILE_DIR=none \
	kea-dhcp6 -c "$T/kea.json"
wait_for 10 grep -q DHCP6_STARTED "$T/kea.log"
check "kea-dhcp6 is up" grep -q DHCP6_STARTED "$T/kea.log"

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
[dhcp6 ra]
mode = relay
upstream = 2001:db8:f::2
remote_id = 4491:0a0b0c0d
subscriber_id = sub-ra
[dhcp6 rb]
mode = relay
upstream = 2001:db8:f::2
interface_id = lower
trust_relay = yes
EOC
ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
st() {
	ctl -j dhcp6 stats | jq -r "$1 // 0"
}
spawn r1 "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
	-s "$T/apedged.sock"
APD=$LAST_PID
wait_for 10 ctl daemon ping
check "the relay is up on ra and rb" wait_for 5 sh -c \
	"grep -q 'dhcp6 ra: relaying' '$T/apedged.log' && grep -q 'dhcp6 rb: relaying' '$T/apedged.log'"
check "dhcp6 show: ra is a relay to 2001:db8:f::2, link 2001:db8:1::1" \
	wait_for 3 sh -c "ctl() { '$BIN/apedgectl' -s '$T/apedged.sock' \"\$@\"; };
	ctl -j dhcp6 show dev ra | jq -e '.interfaces[0] | .mode == \"relay\" and .upstreams == [\"2001:db8:f::2\"] and .link_address == \"2001:db8:1::1\" and .interface_id == \"7261\" and .remote_enterprise == 4491 and .trust_relay == false'"
check "dhcp6 show (text): rb trusts a relay below" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 show | grep -q '^rb relay upstream 2001:db8:f::2 .*trust-relay yes'"

# private NS DIR CMD: CMD in NS with its own /run and /var/lib/dhcp.
private() {
	local n=$1 d=$2
	shift 2
	mkdir -p "$d/run" "$d/lib"
	nsx "$n" unshare -m sh -c "
		mount --bind '$d/run' /run &&
		mount --bind '$d/lib' /var/lib/dhcp &&
		exec $*"
}
leased() {
	grep -q "iaaddr $2" "$1" && grep -q "iaprefix $3" "$1"
}

# a: one relay
for n in cl cl2; do
	wait_for 5 sh -c "ip -n $NS-$n -6 addr show scope link | grep -q inet6"
done
D=$T/dhclient
( private cl "$D" "dhclient -6 -N -P -d -v -sf /bin/true -cf /dev/null -lf $D/lib/l6 -pf $D/run/pid va" ) \
	>"$T/dhclient.log" 2>&1 &
_pids+=($!)
check "a: dhclient -6 -N -P through the relay: an address of 2001:db8:1::/64 and a /56 of 2001:db8:100::/48" \
	wait_for 30 leased "$D/lib/l6" "2001:db8:1::1[0-9a-f][0-9a-f] " "2001:db8:100:[0-9a-f:]*/56 "
check "a: kea saw the relay's Interface-ID \"ra\"" \
	grep -q "type=00018, len=00002: 72:61" "$T/kea.log"
check "a: kea saw the Remote-ID (4491, 0a0b0c0d)" \
	grep -q "type=00037, len=00008: 4491 (uint32) 0A0B0C0D (binary)" "$T/kea.log"
check "a: kea saw the Subscriber-ID \"sub-ra\"" \
	grep -q "type=00038, len=00006: 73:75:62:2d:72:61" "$T/kea.log"
check "a: kea saw link-address 2001:db8:1::1, peer-address the client's" \
	grep -Eq "link-address=2001:db8:1::1, peer-address=fe80::ff:fe00:7701" "$T/kea.log"
U0=$(st .relay.relayed_up)
check "a: the client renews through the relay (T1 3 s)" \
	wait_for 15 sh -c "grep -q 'RENEW' '$T/kea.log' && [ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .relay.relayed_up) -gt $U0 ]"
check "a: dhcp6 stats: relayed up and down, nothing dropped" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq -e '.relay.relayed_up >= 3 and .relay.relayed_down >= 3 and ([.relay_drop[]] | add) == 0'"

# b: behind another relay
spawn r0 "$T/dhcp6relay.log" dhcp6relay -f -D -r rd -s 2001:db8:e::1 rc
sleep 1
D2=$T/dhclient2
( private cl2 "$D2" "dhclient -6 -N -P -d -v -sf /bin/true -cf /dev/null -lf $D2/lib/l6 -pf $D2/run/pid vb" ) \
	>"$T/dhclient2.log" 2>&1 &
_pids+=($!)
check "b: dhclient -6 behind dhcp6relay behind apedged: an address of 2001:db8:2::/64 and a /56 of 2001:db8:200::/48" \
	wait_for 30 leased "$D2/lib/l6" "2001:db8:2::1[0-9a-f][0-9a-f] " "2001:db8:200:[0-9a-f:]*/56 "
check "b: kea saw two relays: apedged's (hop-count 1, Interface-ID \"lower\") around dhcp6relay's (hop-count 0)" \
	sh -c "grep -A2 'relay\[0\]: msg-type=12(RELAY_FORWARD), hop-count=1,' '$T/kea.log' |
		tr '\n' ' ' | grep -q 'link-address=2001:db8:e::1, peer-address=2001:db8:e::2, 1 option(s) type=00018, len=00005: 6c:6f:77:65:72' &&
	       grep -A1 'relay\[1\]: msg-type=12(RELAY_FORWARD), hop-count=0,' '$T/kea.log' |
		grep -q 'link-address=2001:db8:2::1, peer-address=fe80::ff:fe00:7702'"

# c: attackers.  forge NS SRC DST HEX: one UDP datagram to DST port 547.
cat >"$T/forge.py" <<'EOP'
import socket, sys
src, dst, hexmsg = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind((src, 0))
s.sendto(bytes.fromhex(hexmsg), (dst, 547))
EOP
forge() {
	nsx "$1" "$PY" "$T/forge.py" "$2" "$3" "$4"
}
CLLL=fe800000000000000000000000000001
ADV="02abcdef0001000a000300010200000077010002000a00030001020000000001"
# RELAY-REPL naming ra (Interface-ID 7261), to the client's link-local
repl() {	# IID-HEX -> a RELAY-REPL around ADVERTISE
	local iid=$1 n
	n=$(printf '%04x' $((${#iid} / 2)))
	echo "0d00" "20010db8000100000000000000000001" "fe80000000000000000000fffe007701" \
		"0012${n}${iid}" "0009$(printf '%04x' $((${#ADV} / 2)))${ADV}" | tr -d ' '
}
ip -n "$NS-cl" addr add 2001:db8:1::99/64 dev va
ip -n "$NS-srv" addr add 2001:db8:f::99/64 dev vs
sleep 0.5
forge cl 2001:db8:1::99 2001:db8:1::1 "$(repl 7261)"
check "c: a client's RELAY-REPL is dropped (relay-repl-from-client)" \
	wait_for 3 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.relay_drop.\"relay-repl-from-client\"') = 1 ]"
forge cl 2001:db8:1::99 2001:db8:1::1 \
	"0c0020010db8000100000000000000000099${CLLL}0009001801abcdef0001000a00030001020000007701000800020000"
check "c: a client's RELAY-FORW on an untrusted link is dropped (untrusted-relay-forw)" \
	wait_for 3 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.relay_drop.\"untrusted-relay-forw\"') -ge 1 ]"
forge srv 2001:db8:f::99 2001:db8:f::1 "$(repl 7261)"
check "c: a RELAY-REPL from a host on the upstream link that is not the server is dropped (not-upstream)" \
	wait_for 3 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.relay_drop.\"not-upstream\"') = 1 ]"
forge srv 2001:db8:f::2 2001:db8:f::1 "$(repl 65746839)"
check "c: the server's RELAY-REPL naming an interface not ours (eth9) is dropped (unknown-interface)" \
	wait_for 3 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.relay_drop.\"unknown-interface\"') = 1 ]"

# d: a multicast upstream, by a reload
cat >"$T/mcast.py" <<'EOP'
import socket, struct, sys
ifi = socket.if_nametoindex("vs")
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
s.bind(("ff05::1:3", 547, 0, ifi))
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
             socket.inet_pton(socket.AF_INET6, "ff05::1:3") +
             struct.pack("@I", ifi))
s.settimeout(15)
msg, anc, _, src = s.recvmsg(65535, 256)
hl = [struct.unpack("@i", d)[0] for l, t, d in anc
      if t == socket.IPV6_HOPLIMIT]
print(msg[:2].hex(), hl[0] if hl else -1, src[0])
EOP
sed -i '/^\[dhcp6 rb\]/,$ s/^upstream = 2001:db8:f::2$/upstream = 2001:db8:f::2, ff05::1:3%ru/' "$T/apedged.conf"
spawn srv "$T/mcast.log" "$PY" "$T/mcast.py"
MC=$LAST_PID
sleep 0.5
check "d: reload with a multicast upstream" ctl daemon reload
check "d: dhcp6 show: rb's upstreams are 2001:db8:f::2 and ff05::1:3%ru" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 show dev rb | jq -e '.interfaces[0].upstreams == [\"2001:db8:f::2\", \"ff05::1:3%ru\"]'"
wait "$MC"
check "d: a RELAY-FORW (hop-count 1) reached ff05::1:3 on the upstream link from 2001:db8:f::1, Hop Limit 8" \
	grep -q '^0c01 8 2001:db8:f::1$' "$T/mcast.log"
N0=$(grep -c 'received relay-reply' "$T/dhcp6relay.log")
check "d: the lower client still renews through both relays" \
	wait_for 10 sh -c "[ \$(grep -c 'received relay-reply' '$T/dhcp6relay.log') -gt $N0 ]"

stop "$APD" "$T/apedged.log"
check "apedged stops with status 0" test $? -eq 0
