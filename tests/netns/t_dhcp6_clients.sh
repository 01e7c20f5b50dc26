#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DHCPv6 server against the two other common clients, end to end:
# apedged with [dhcp6 vs] in namespace srv, each client on the veth's
# other end (va) in cl, one after the other (t_dhcp6.sh has dhcpcd -6):
#
#   a  ISC dhclient -6 -N -P: an address (IA_NA) and a prefix (IA_PD),
#      the same in its lease file and in "apedgectl -j dhcp6 leases";
#      with T1 = 3 s it renews (RENEW in, the lease's expiry moves
#      on); "dhclient -6 -r" releases both and they go from the table
#   b  WIDE dhcp6c (wide-dhcpv6-client), IA_NA and IA_PD: both leased,
#      renewed, and released when it gets SIGTERM
#
# No client touches the host: each runs with /run and its state
# directory (/var/lib/dhcp, /var/lib/dhcpv6) bound to its own under $T,
# dhclient with -sf /bin/true, dhcp6c with a script that only logs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp6_lib.sh"

for p in dhclient dhcp6c jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 0; }
done
d6_link 02:00:00:00:66:c1 || exit 1

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
[dhcp6]
state_dir = $T/state
[dhcp6 vs]
range = 2001:db8:1::1000-2001:db8:1::10ff
pd_pool = 2001:db8:100::/48 56
dns = 2001:db8::53
preferred_lifetime = 60
valid_lifetime = 120
t1 = 3
t2 = 100
EOC

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
st() {
	ctl -j dhcp6 stats | jq -r "$1 // 0"
}
# leases KIND: the bound addresses (na) or prefixes (pd), one a line.
leases() {
	ctl -j dhcp6 leases | jq -r --arg k "$1" \
		'.leases[] | select(.kind == $k and .state == "bound") | .address'
}
nleases() {
	ctl -j dhcp6 leases | jq '.leases | length'
}
# expiry ADDR: the lease's absolute expiry.
expiry() {
	ctl -j dhcp6 leases | jq -r --arg a "$1" \
		'.leases[] | select(.address == $a) | .expires'
}
has_leases() {
	[ -n "$(leases na)" ] && [ -n "$(leases pd)" ]
}
no_leases() {
	[ "$(nleases)" = 0 ]
}
renewed() {
	[ "$(st .in.RENEW)" -gt "$1" ]
}

spawn srv "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
	-s "$T/apedged.sock"
APD=$LAST_PID
wait_for 10 ctl daemon ping && wait_for 5 grep -q "dhcp6 vs: serving" \
	"$T/apedged.log"
check "the server is up" grep -q "dhcp6 vs: serving" "$T/apedged.log"
wait_for 5 sh -c "ip -n $NS-cl -6 addr show dev va scope link | grep -q inet6"

# a: dhclient -6
D=$T/dhclient
DHC="dhclient -6 -N -P -d -v -sf /bin/true -cf /dev/null -lf $D/lib/l6 -pf $D/run/pid"
mkdir -p "$D"
( d6_private "$D" "$DHC va" ) >"$T/dhclient.log" 2>&1 &
DPID=$!
_pids+=($!)
wait_for 20 has_leases
NA=$(leases na)
PD=$(leases pd)
check "a: dhclient -6 -N -P: an address ($NA) and a /56 ($PD)" \
	sh -c "echo '$NA' | grep -Eq '^2001:db8:1::10[0-9a-f]{2}$' && echo '$PD' | grep -Eq '^2001:db8:100:[0-9a-f]{1,2}00::$'"
check "a: both in dhclient's lease file" \
	sh -c "grep -q 'iaaddr $NA ' '$D/lib/l6' && grep -q 'iaprefix $PD/56 ' '$D/lib/l6'"
check "a: one lease of each, same DUID" \
	sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -c '[(.leases | length), ([.leases[].duid] | unique | length)]')\" = '[2,1]' ]"
E0=$(expiry "$NA")
R0=$(st .in.RENEW)
check "a: it renews after T1 (3 s)" wait_for 10 renewed "$R0"
check "a: the lease's expiry moved on" \
	wait_for 3 sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -r '.leases[] | select(.address == \"$NA\") | .expires')\" -gt '$E0' ]"
check "a: still one lease of each" sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq '.leases | length')\" = 2 ]"
RL0=$(st .in.RELEASE)
d6_private "$D" "timeout 20 $DHC -r va" >"$T/dhclient-r.log" 2>&1
check "a: dhclient -6 -r: a RELEASE in" \
	sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .in.RELEASE) -gt $RL0 ]"
check "a: the address and the prefix are gone" wait_for 3 no_leases
check "a: the first dhclient is gone" wait_for 5 sh -c "! kill -0 $DPID"
kill "$DPID" 2>/dev/null
wait "$DPID"
_pids=("$APD")

# b: dhcp6c
D=$T/dhcp6c
mkdir -p "$D"
cat >"$D/script" <<EOS
#!/bin/sh
echo "script: \$*" >>'$D/script.log'
exit 0
EOS
chmod +x "$D/script"
cat >"$D/dhcp6c.conf" <<EOC
interface va {
	send ia-na 1;
	send ia-pd 2;
	request domain-name-servers;
	script "$D/script";
};
id-assoc na 1 { };
id-assoc pd 2 { };
EOC
( d6_private "$D" "dhcp6c -f -D -c $D/dhcp6c.conf -p $D/run/dhcp6c.pid va" ) \
	>"$T/dhcp6c.log" 2>&1 &
DPID=$!
_pids+=($!)
wait_for 20 has_leases
NA=$(leases na)
PD=$(leases pd)
check "b: dhcp6c: an address ($NA) and a /56 ($PD)" \
	sh -c "echo '$NA' | grep -Eq '^2001:db8:1::10[0-9a-f]{2}$' && echo '$PD' | grep -Eq '^2001:db8:100:[0-9a-f]{1,2}00::$'"
check "b: IAIDs 1 (na) and 2 (pd)" \
	sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -c '[.leases[] | [.kind, .iaid]] | sort')\" = '[[\"na\",1],[\"pd\",2]]' ]"
check "b: dhcp6c put the address on va" \
	wait_for 5 sh -c "ip -n $NS-cl -6 addr show dev va | grep -q '$NA/'"
check "b: it ran the script" test -s "$D/script.log"
E0=$(expiry "$PD")
R0=$(st .in.RENEW)
check "b: it renews after T1 (3 s)" wait_for 10 renewed "$R0"
check "b: the prefix's expiry moved on" \
	wait_for 3 sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -r '.leases[] | select(.address == \"$PD\") | .expires')\" -gt '$E0' ]"
RL0=$(st .in.RELEASE)
kill -TERM "$(cat "$D/run/dhcp6c.pid")"
check "b: SIGTERM: a RELEASE in" \
	wait_for 10 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .in.RELEASE) -gt $RL0 ]"
check "b: the address and the prefix are gone" wait_for 3 no_leases
check "b: dhcp6c exits" wait_for 10 sh -c "! kill -0 $DPID"
kill "$DPID" 2>/dev/null
wait "$DPID"

echo "# dhcp6 stats: $(ctl -j dhcp6 stats | jq -c '{in, out, drop, status}')"
stop "$APD" "$T/apedged.log"
check "the daemon stops with status 0" test $? -eq 0
