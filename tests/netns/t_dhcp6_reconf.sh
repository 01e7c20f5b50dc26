#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RECONFIGURE with the reconfigure key (RFC 8415 §18.3.11, §20.4) against
# a real client: apedged with [dhcp6 vs] reconfigure = yes in namespace
# srv, dhcpcd -6 asking for Reconfigure Accept on va in cl
# (tests/netns/dhcp6_lib.sh).
#
#   a  dhcpcd's REQUEST carries Reconfigure Accept; the REPLY the key
#      (dhcpcd logs "accepted reconfigure key")
#   b  "apedgectl dhcp6 reconfigure ADDR": a RECONFIGURE signed with that
#      key; dhcpcd verifies it, RENEWs at once (T1 is 300 s), and the
#      server counts the RECONFIGURE answered
#   c  with "info", an INFORMATION-REQUEST: dhcpcd, which holds an address,
#      ignores it; the server sends it again after 2 s, then 4 s (up to
#      REC_MAX_RC times); a second one meanwhile is refused
#   d  a forged RECONFIGURE (a wrong key, sent by a host on the link from
#      a link-local address) makes dhcpcd do nothing
#   e  a plain user may not reconfigure; a lease without a key, or no
#      lease, is refused with its reason
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dhcp6_lib.sh"

for p in dhcpcd jq; do
	command -v $p >/dev/null || { echo "not ok - $p is missing (scripts/deps)"; exit 0; }
done
d6_link 02:00:00:00:66:c3 || exit 1

cat >"$T/apedged.conf" <<EOC
[general]
log_level = debug
[dhcp6]
state_dir = $T/state
[dhcp6 vs]
range = 2001:db8:1::1000-2001:db8:1::10ff
dns = 2001:db8::53
preferred_lifetime = 600
valid_lifetime = 1200
t1 = 300
t2 = 500
reconfigure = yes
EOC

ctl() {
	"$BIN/apedgectl" -s "$T/apedged.sock" "$@"
}
st() {
	ctl -j dhcp6 stats | jq -r "$1 // 0"
}

spawn srv "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
	-s "$T/apedged.sock"
APD=$LAST_PID
wait_for 10 ctl daemon ping && wait_for 5 grep -q "dhcp6 vs: serving" "$T/apedged.log"
check "the server is up" grep -q "dhcp6 vs: serving" "$T/apedged.log"
wait_for 5 sh -c "ip -n $NS-cl -6 addr show dev va scope link | grep -q inet6"

cat >"$T/dhcpcd.conf" <<EOC
ipv6only
noipv6rs
duid
option dhcp6_name_servers, reconfigure_accept
ia_na 1
EOC
mkdir -p "$T/dhcpcd/run" "$T/dhcpcd/db"
nsx cl unshare -m sh -c "
	mount --bind '$T/dhcpcd/run' /run && mkdir -p /run/dhcpcd &&
	mount --bind '$T/dhcpcd/db' /var/lib/dhcpcd &&
	exec dhcpcd -6 -d -B -f '$T/dhcpcd.conf' -c /bin/true --noipv4 va" \
	>"$T/dhcpcd.log" 2>&1 &
_pids+=($!)

# a
check "a: dhcpcd bound" wait_for 20 sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 leases | jq -e '.leases | length == 1'"
ADDR=$(ctl -j dhcp6 leases | jq -r '.leases[0].address')
check "a: it took the reconfigure key" \
	wait_for 5 grep -q "accepted reconfigure key" "$T/dhcpcd.log"

# b
R0=$(st .in.RENEW)
check "b: apedgectl dhcp6 reconfigure $ADDR" ctl dhcp6 reconfigure "$ADDR"
check "b: a RECONFIGURE went out" sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .out.RECONFIGURE) -ge 1 ]"
check "b: dhcpcd renews at once" wait_for 5 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .in.RENEW) -gt $R0 ]"
check "b: the server counts it answered" \
	wait_for 3 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .engine.reconf_answered) = 1 ]"
check "b: dhcpcd logged the RECONFIGURE" grep -qi "reconfigure6\|reconfigure" "$T/dhcpcd.log"

# c: an INFORMATION-REQUEST asked of a client that holds an address:
# dhcpcd ignores it ("not informed"), as it may; the server sends it again
# after REC_TIMEOUT (2 s), then again
S0=$(st .engine.reconf_sent)
check "c: reconfigure ... info" ctl dhcp6 reconfigure "$ADDR" info
check "c: dhcpcd ignores it (it is not in stateless mode)" \
	wait_for 5 grep -q "not informed, ignoring RECONFIGURE6" "$T/dhcpcd.log"
check "c: the server sends it again, twice (after about 2 s, then 4 s)" \
	wait_for 14 sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .engine.reconf_sent) -ge $((S0 + 3)) ]"
check "c: a second one for the same lease is refused while in flight" \
	sh -c "'$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 reconfigure '$ADDR' 2>&1 | grep -q 'in flight'"

# d: a forged RECONFIGURE from the server's link-local address, its HMAC
# made with a key of the forger's
ll() {
	ip -n "$NS-$1" -6 -j addr show dev "$2" |
		jq -r '.[0].addr_info[] | select(.scope == "link") | .local' | head -n 1
}
SRVLL=$(ll srv vs)
CLLL=$(ll cl va)
SDUID=$(cat "$T/state/server-duid")
CDUID=$(ctl -j dhcp6 leases | jq -r '.leases[0].duid')
R1=$(st .in.RENEW)
nsx srv "$PY" - "$SRVLL" "$CLLL" "$SDUID" "$CDUID" >"$T/forge.log" 2>&1 <<'EOP'
import hmac, hashlib, socket, struct, sys, time
src, dst, sduid, cduid = sys.argv[1:5]
def opt(code, body):
	return struct.pack("!HH", code, len(body)) + body
key = b"\x42" * 16
replay = int(time.time() * 1e6) + 10**9
auth = bytes([3, 1, 0]) + struct.pack("!Q", replay) + bytes([2]) + b"\0" * 16
msg = bytes([10, 0, 0, 0]) + opt(2, bytes.fromhex(sduid)) + \
	opt(1, bytes.fromhex(cduid)) + opt(19, bytes([5])) + opt(11, auth)
mac = hmac.new(key, msg, hashlib.md5).digest()
msg = msg[:-16] + mac
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
idx = socket.if_nametoindex("vs")
s.bind((src, 0, 0, idx))
s.sendto(msg, (dst, 546, 0, idx))
print("sent", len(msg))
EOP
cat "$T/forge.log" | sed 's/^/# forger: /'
check "d: the forger sent its RECONFIGURE" grep -q "^sent" "$T/forge.log"
sleep 2
check "d: dhcpcd refused its HMAC" \
	wait_for 3 grep -q "authentication failed from $SRVLL" "$T/dhcpcd.log"
check "d: dhcpcd did not renew for it" sh -c "[ \$('$BIN/apedgectl' -s '$T/apedged.sock' -j dhcp6 stats | jq .in.RENEW) = $R1 ]"

# e
check "e: a plain user may not" sh -c "! setpriv --reuid=65534 --regid=65534 --clear-groups '$BIN/apedgectl' -s '$T/apedged.sock' dhcp6 reconfigure '$ADDR'"
check_err() {
	local want=$1 out
	shift
	out=$(ctl dhcp6 reconfigure "$@" 2>&1) && return 1
	echo "$out" | grep -q "$want"
}
check "e: no such lease" check_err "no such lease" 2001:db8:1::9999
check "e: a bad word" check_err 'use renew, rebind or info' "$ADDR" now

echo "# dhcp6 stats: $(ctl -j dhcp6 stats | jq -c '{in, out, engine}')"
stop "$APD" "$T/apedged.log"
check "the daemon stops with status 0" test $? -eq 0
