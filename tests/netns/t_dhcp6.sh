#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DHCPv6 server, end to end: apedged with [dhcp6 vs] in namespace
# srv, clients on the veth's other end (va) in cl.
#
#   a  dhcpcd -6 (a real client) gets an address of the range: on va,
#      in "apedgectl -j dhcp6 leases", the REPLY sent after the commit
#   b  a crafted client (tests/netns/dhcp6_msg.py): IA_NA and IA_PD by
#      SOLICIT/ADVERTISE and REQUEST/REPLY; the route to the delegated
#      prefix via its link-local appears on vs
#   c  RENEW and REBIND extend the lease; a RENEW of an IA never given
#      gets NoBinding
#   d  a second client's DECLINE of its own address: Success, the address
#      declined in the table; its RELEASE of the first client's: NoBinding
#   e  CONFIRM on a wrong link: NotOnLink; on this one: Success
#   f  a unicast REQUEST: UseMulticast; a wrong Server ID: dropped and
#      counted
#   g  restart (SIGTERM): the leases are still there; kill -9 right
#      after a REPLY: that lease is still there
#   h  RELEASE: the lease and the prefix's route go
#   i  an unprivileged user reads the leases and is refused "lease del";
#      root's lease del removes one
# At the end the daemon stops with status 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp6_lib.sh"

chmod 0711 "$T"
d6_link 02:00:00:00:66:01 || exit 1

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
[dhcp6]
state_dir = $T/state
[dhcp6 vs]
range = 2001:db8:1::1000-2001:db8:1::10ff
pd_pool = 2001:db8:100::/48 56
dns = 2001:db8::53
domain_search = example.test
EOC

fails() { ! "$@"; }
ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
start() {
	[ -f "$T/apedged.log" ] && cat "$T/apedged.log" >>"$T/apedged.old.log"
	spawn srv "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	APD=$LAST_PID
	wait_for 10 ctl daemon ping && wait_for 5 grep -q "dhcp6 vs: serving" \
		"$T/apedged.log"
}
# msg TYPE ARGS...: a crafted message from va, the answer's JSON.
msg() {
	nsx cl "$PY" "$TOP/tests/netns/dhcp6_msg.py" va "$@"
}
# lease_is ADDR: the table has ADDR (an address or a prefix), bound.
lease_is() {
	ctl -j dhcp6 leases | jq -e --arg a "$1" \
		'.leases[] | select(.address == $a and .state == "bound")'
}
no_lease() {
	! ctl -j dhcp6 leases | jq -e --arg a "$1" \
		'.leases[] | select(.address == $a)'
}
st() {
	ctl -j dhcp6 stats | jq -r ".$1 // 0"
}
route_is() {
	ip -n "$NS-srv" -6 route show "$1" | grep -q "via $2 dev vs"
}
no_route() {
	[ -z "$(ip -n "$NS-srv" -6 route show "$1")" ]
}

start
check "the server is up" test -n "$APD"
SD=$(cat "$T/state/server-duid")
check "a server DUID-LLT is kept in state_dir ($SD)" \
	sh -c "echo '$SD' | grep -Eq '^00010001[0-9a-f]{20}$'"

# a: dhcpcd -6
cat >"$T/dhcpcd.conf" <<EOC
ipv6only
noipv6rs
duid
option dhcp6_name_servers, dhcp6_domain_search
ia_na 1
EOC
# Its run and database directories of its own, and no hook script: the
# host's /etc/resolv.conf and /var/lib/dhcpcd are not the test's.
mkdir -p "$T/dhcpcd/run" "$T/dhcpcd/db"
nsx cl unshare -m sh -c "
	mount --bind '$T/dhcpcd/run' /run && mkdir -p /run/dhcpcd &&
	mount --bind '$T/dhcpcd/db' /var/lib/dhcpcd &&
	exec timeout 30 dhcpcd -6 -1 -d -B -f '$T/dhcpcd.conf' -c /bin/true \
		--noipv4 -t 20 va" >"$T/dhcpcd.log" 2>&1
ADDR=$(ip -n "$NS-cl" -6 -j addr show dev va scope global |
	jq -r '.[0].addr_info[] | select(.scope == "global") | .local' | head -1)
check "a: dhcpcd -6 got an address of the range ($ADDR)" \
	sh -c "echo '$ADDR' | grep -Eq '^2001:db8:1::10[0-9a-f]{2}$'"
check "a: with the lifetimes given" \
	sh -c "ip -n $NS-cl -6 -j addr show dev va | jq -e '.[0].addr_info[] | select(.local == \"$ADDR\" and .valid_life_time <= 7200 and .valid_life_time > 7000)'"
check "a: dhcp6 leases -j has it, bound, IAID 1" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -e '.leases[] | select(.address == \"$ADDR\" and .iaid == 1 and .kind == \"na\" and .ifname == \"vs\")'"
check "a: one SOLICIT, one REQUEST in; ADVERTISE and REPLY out" \
	sh -c "[ \"\$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq -c '[.in.SOLICIT, .in.REQUEST, .out.ADVERTISE, .out.REPLY, .engine.committed]')\" = '[1,1,1,1,1]' ]"
check "a: the journal holds the record" \
	sh -c "[ \$(cat '$T'/state/journal.* | wc -c) -gt 24 ]"
check "a: text output" sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 leases | grep -q '^vs na $ADDR/128 '"

# b: IA_NA + IA_PD by a crafted client
C2=00030001020000000002
LL=$(ip -n "$NS-cl" -6 -j addr show dev va |
	jq -r '.[0].addr_info[] | select(.scope == "link") | .local')
ADV=$(msg solicit --duid $C2 --na 1 --pd 2)
check "b: ADVERTISE with an address and a /56" \
	sh -c "echo '$ADV' | jq -e '.type == \"ADVERTISE\" and .ias[0].addrs[0][1] == 128 and .ias[1].addrs[0][1] == 56 and .server_duid == \"$SD\" and .dns == [\"2001:db8::53\"]'"
check "b: the ADVERTISE bound nothing" sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq '.leases | length') = 1 ]"
REP=$(msg request --duid $C2 --server-duid "$SD" --na 1 --pd 2)
A2=$(echo "$REP" | jq -r '.ias[0].addrs[0][0]')
P2=$(echo "$REP" | jq -r '.ias[1].addrs[0][0]')
check "b: REPLY: the advertised address and prefix ($A2, $P2/56)" \
	sh -c "echo '$REP' | jq -e '.type == \"REPLY\" and .ias[0].status == 0 and .ias[1].status == 0' && echo '$ADV' | jq -e '.ias[0].addrs[0][0] == \"$A2\" and .ias[1].addrs[0][0] == \"$P2\"'"
check "b: both in the table" sh -c "$(declare -f ctl lease_is); BIN='$BIN' T='$T'; lease_is $A2 && lease_is $P2"
check "b: a route to $P2/56 via $LL on vs" wait_for 3 route_is "$P2/56" "$LL"

# c: RENEW, REBIND, NoBinding
R=$(msg renew --duid $C2 --server-duid "$SD" --na "1=$A2" --pd "2=$P2/56")
check "c: RENEW: both extended" \
	sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .ias[0].addrs[0][3] == 7200 and .ias[1].addrs[0][3] == 7200'"
R=$(msg rebind --duid $C2 --na "1=$A2")
check "c: REBIND (no Server ID): extended" \
	sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .ias[0].addrs[0][0] == \"$A2\" and .ias[0].addrs[0][3] == 7200'"
R=$(msg renew --duid $C2 --server-duid "$SD" --na "9=2001:db8:1::10fe")
check "c: RENEW of an IA never given: NoBinding" \
	sh -c "echo '$R' | jq -e '.ias[0].status == 3'"
check "c: counted" sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.status.NoBinding') -ge 1 ]"

# d: a second client: DECLINE its own, RELEASE another's
C3=00030001020000000003
R=$(msg request --duid $C3 --server-duid "$SD" --na 1)
A3=$(echo "$R" | jq -r '.ias[0].addrs[0][0]')
R=$(msg decline --duid $C3 --server-duid "$SD" --na "1=$A3")
check "d: DECLINE of its address ($A3): Success" \
	sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .status == 0 and (.ias | length) == 0'"
check "d: the address is declined in the table" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -e '.leases[] | select(.address == \"$A3\" and .state == \"declined\")'"
R=$(msg release --duid $C3 --server-duid "$SD" --na "1=$A2")
check "d: its RELEASE of another client's address: NoBinding" \
	sh -c "echo '$R' | jq -e '.status == 0 and .ias[0].status == 3'"
check "d: the other client's lease stays" \
	sh -c "$(declare -f ctl lease_is); BIN='$BIN' T='$T'; lease_is $A2"

# e: CONFIRM
R=$(msg confirm --duid $C2 --na "1=2001:db8:77::5")
check "e: CONFIRM on a wrong link: NotOnLink" \
	sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .status == 4'"
R=$(msg confirm --duid $C2 --na "1=$A2")
check "e: CONFIRM on this link: Success" \
	sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .status == 0'"

# f: unicast, wrong Server ID
SLL=$(ip -n "$NS-srv" -6 -j addr show dev vs |
	jq -r '.[0].addr_info[] | select(.scope == "link") | .local')
R=$(msg request --duid $C3 --server-duid "$SD" --na 5 --unicast "$SLL")
check "f: a unicast REQUEST: UseMulticast, nothing bound" \
	sh -c "echo '$R' | jq -e '.status == 5 and (.ias | length) == 0'"
R=$(msg request --duid $C3 --server-duid 00030001020000000099 --na 5 --wait 1)
check "f: a REQUEST to another server: no answer" \
	sh -c "echo '$R' | jq -e '.type == null'"
check "f: counted as drop server-id" \
	sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq '.drop.\"server-id\"') = 1 ]"

# g: restart, kill -9
stop "$APD" "$T/apedged.log"
check "g: stopped with status 0" test $? -eq 0
start
check "g: after a restart: $ADDR, $A2, $P2 still leased" \
	sh -c "$(declare -f ctl lease_is); BIN='$BIN' T='$T'; lease_is $ADDR && lease_is $A2 && lease_is $P2"
C4=00030001020000000004
R=$(msg request --duid $C4 --server-duid "$SD" --na 1 --pd 1)
A4=$(echo "$R" | jq -r '.ias[0].addrs[0][0]')
P4=$(echo "$R" | jq -r '.ias[1].addrs[0][0]')
kill -9 "$APD"
wait "$APD" 2>/dev/null
check "g: a REPLY came ($A4, $P4)" sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .ias[0].status == 0'"
start
check "g: after kill -9 right after the REPLY: $A4 and $P4 still leased" \
	sh -c "$(declare -f ctl lease_is); BIN='$BIN' T='$T'; lease_is $A4 && lease_is $P4"
check "g: the restart loaded the records" \
	grep -q "leases loaded" "$T/apedged.log"

# h: RELEASE
R=$(msg release --duid $C2 --server-duid "$SD" --na "1=$A2" --pd "2=$P2/56")
check "h: RELEASE: Success" sh -c "echo '$R' | jq -e '.type == \"REPLY\" and .status == 0 and (.ias | length) == 0'"
check "h: the lease is gone" sh -c "$(declare -f ctl no_lease); BIN='$BIN' T='$T'; no_lease $A2 && no_lease $P2"
check "h: the route to $P2/56 is gone" wait_for 3 no_route "$P2/56"

# i: who may do what
check "i: nobody reads the leases on the read-only socket" \
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$BIN/apedgectl" -s "$T/apedged.ro.sock" -j dhcp6 leases
check "i: nobody is refused lease del" \
	fails setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$BIN/apedgectl" -s "$T/apedged.ro.sock" dhcp6 lease del "$A4"
check "i: root's lease del removes $A4" ctl dhcp6 lease del "$A4"
check "i: gone" sh -c "$(declare -f ctl no_lease); BIN='$BIN' T='$T'; no_lease $A4"
check "i: lease del of no lease: refused" fails ctl dhcp6 lease del 2001:db8:1::1

echo "# dhcp6 stats: $(ctl -j dhcp6 stats | jq -c '{in, out, drop, status}')"
stop "$APD" "$T/apedged.log"
check "the daemon stops with status 0" test $? -eq 0
