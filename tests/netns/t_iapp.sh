#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IAPP between two apedged, each in its own namespace (ap1, ap2), joined
# through a bridge in a third (sw) which also plays the capturing and
# forging host.  No kernel module: the Layer-2 Update is counted as
# "module absent".  Real UDP multicast and TCP between the namespaces.
#
#   a  ADD-notify: ap2 authorizes a station ap1 has; ap1 removes it
#      (through a fake hostapd control socket: DEAUTHENTICATE)
#   b  an association that is not authorized sends nothing
#   c  ap1's captured, older ADD-notify replayed to ap2 removes nothing
#   d  MOVE: ap2 fetches the context (10.0.0.50) from ap1; denied for a
#      station ap1 never had; a timeout when the old AP never answers; a
#      replayed MOVE-notify is answered stale and removes nothing
#   e  CACHE-notify stored on ap1
#   -  an ADD-notify with our own (spoofed) source is ignored
#   g  malformed datagrams, TCP garbage, an oversized or stalled or
#      vanishing TCP peer, too many peers, TCP from another interface:
#      counted, dropped, and the daemons go on
#   h  a host of the VLAN that is no AP of the map (10.9.0.4) gets no
#      CACHE-notify in; a mapped peer's context loses the addresses no
#      station may have (loopback, multicast, ap1's own, the map's...);
#      sta add takes as many addresses as apedgectl lets through
#   f  with a key on both: unsigned and badly signed ADD-notify remove
#      nothing and count as auth failures; a signed one works; the same
#      signed datagram again is refused as a replay; one captured and
#      replayed after the window to a restarted ap1, whose association
#      it would otherwise end, is refused as stale
# At the end both daemons must stop with status 0 and clean logs.
. "$(dirname "$0")/lib.sh"

M1=02:00:00:00:aa:01
M2=02:00:00:00:aa:02
M3=02:00:00:00:aa:03
M4=02:00:00:00:aa:04
M5=02:00:00:00:aa:05
B1=02:00:00:00:01:00
B2=02:00:00:00:02:00
B3=02:00:00:00:03:00
M6=02:00:00:00:aa:06
M7=02:00:00:00:aa:07
M8=02:00:00:00:aa:08
M9=02:00:00:00:aa:09
M10=02:00:00:00:aa:10
KEY=000102030405060708090a0b0c0d0e0f

netns_add ap1 && netns_add ap2 && netns_add sw || exit 1
ip -n "$NS-sw" link add br0 type bridge mcast_snooping 0
ip -n "$NS-sw" link set br0 up
ip -n "$NS-sw" addr add 10.9.0.3/24 dev br0
# A second address of sw: a host of the VLAN that is no AP of the map.
ip -n "$NS-sw" addr add 10.9.0.4/24 dev br0
ip link add va netns "$NS-ap1" type veth peer name vsa netns "$NS-sw"
ip link add vb netns "$NS-ap2" type veth peer name vsb netns "$NS-sw"
for p in vsa vsb; do
	ip -n "$NS-sw" link set "$p" master br0 up
done
ip -n "$NS-ap1" link set va up
ip -n "$NS-ap1" addr add 10.9.0.1/24 dev va
ip -n "$NS-ap2" link set vb up
ip -n "$NS-ap2" addr add 10.9.0.2/24 dev vb
mkdir -p "$T/hostapd"

# conf AP IF OWN_BSSID OTHER_BSSID OTHER_ADDR [EXTRA IAPP LINES]
conf() {
	cat >"$T/$1.conf" <<EOC
[general]
log_level = debug
[port $2]
l2update = transmit
l2update_count = 2
l2update_interval_ms = 10
[iapp]
interface = $2
bssid = $3
kick = hostapd
hostapd_ctrl = $T/hostapd/$1
move_timeout_ms = 2000
$6
[bssid $4]
address = $5
EOC
}
conf ap1 va $B1 $B2 10.9.0.2 ""
conf ap2 vb $B2 $B1 10.9.0.1 "cache_notify = all"
# A third BSSID, whose AP (sw) accepts TCP connections and never answers;
# ap1 maps it too, so that sw may talk TCP to it (only the map's may).
printf '[bssid %s]\naddress = 10.9.0.3\n' "$B3" >>"$T/ap2.conf"
printf '[bssid %s]\naddress = 10.9.0.3\n' "$B3" >>"$T/ap1.conf"
mkdir -p "$T/hostapd/ap1" "$T/hostapd/ap2"

# A fake hostapd control interface: what it is sent, one line each; it
# answers OK, then FAIL.
spawn sw "$T/hostapd-ap1.log" "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
n = 0
with open(sys.argv[2], "a") as f:
    while True:
        d, a = s.recvfrom(4096)
        f.write(d.decode() + "\n"); f.flush()
        s.sendto(b"OK\n" if n == 0 else b"FAIL\n", a)
        n += 1
' "$T/hostapd/ap1/wlan0" "$T/hostapd-ap1.txt"

# What goes to the IAPP group, as seen on the bridge: "SRC HEX" lines.
spawn sw "$T/capture.log" "$PY" -c '
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("224.0.1.178", 3517))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             struct.pack("4s4s", socket.inet_aton("224.0.1.178"),
                         socket.inet_aton("10.9.0.3")))
with open(sys.argv[1], "a") as f:
    while True:
        d, a = s.recvfrom(4096)
        f.write("%s %s\n" % (a[0], d.hex())); f.flush()
' "$T/capture.txt"

spawn sw "$T/mute.log" "$PY" -c '
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.9.0.3", 3517))
s.listen(16)
held = []
while True:
    held.append(s.accept()[0])
'

spawn ap1 "$T/ap1.log" "$BIN/apedged" -f -c "$T/ap1.conf" -s "$T/ap1.sock"
AP1=$LAST_PID
spawn ap2 "$T/ap2.log" "$BIN/apedged" -f -c "$T/ap2.conf" -s "$T/ap2.sock"
AP2=$LAST_PID

ctl() {
	local ap=$1
	shift
	"$BIN/apedgectl" -s "$T/$ap.sock" "$@"
}
# stat AP JQ-PATH: one counter of "iapp show".
stat() {
	ctl "$1" -j iapp show | jq -r ".$2"
}
stat_is() {
	[ "$(stat "$1" "$2")" = "$3" ]
}
has_sta() {
	ctl "$1" -j sta show | jq -e ".stations[] | select(.mac == \"$2\")"
}
no_sta() {
	! has_sta "$@"
}
listening() {
	[ "$(stat "$1" listening)" = true ]
}
# adds_for MAC: how many ADD-notify for MAC were captured.
adds_for() {
	local hex=${1//:/}
	grep -c "^[0-9.]* 0000....00100600${hex}" "$T/capture.txt" 2>/dev/null
}
captured() {
	[ "$(adds_for "$1")" -ge "$2" ]
}
# send HEX [ADDR]: one datagram from sw to the group (or ADDR), port 3517.
send() {
	nsx sw "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
             socket.inet_aton("10.9.0.3"))
s.sendto(bytes.fromhex(sys.argv[1]), (sys.argv[2], 3517))
' "$1" "${2:-224.0.1.178}"
}
# add_hex MAC SEQ: an unsigned ADD-notify.
add_hex() {
	printf '0000123400100600%s%04x' "${1//:/}" "$2"
}

check "ap1 is up and listening" wait_for 10 listening ap1
check "ap2 is up and listening" wait_for 10 listening ap2
check "the capture listener is up" wait_for 10 test -e "$T/capture.txt" -o -s "$T/capture.log"
touch "$T/capture.txt"
check "the mute TCP peer is up" wait_for 10 \
	sh -c "ip netns exec '$NS-sw' ss -ltnH | grep -q '10.9.0.3:3517'"

# ---- a: ADD-notify removes the station on the old AP --------------------
ctl ap1 sta add dev wlan0 mac $M1 ip 10.0.0.51 authorized
check "a: ap1 lists $M1" has_sta ap1 $M1
check "a: ap1 multicast an ADD-notify for $M1" wait_for 10 captured $M1 1
check "a: the Layer-2 Update was counted as module absent" \
	test "$(stat ap1 'l2update."module-absent"')" -ge 1
OLD=$(grep " 0000....00100600${M1//:/}" "$T/capture.txt" | head -n 1 | cut -d' ' -f2)
ctl ap2 sta add dev wlan0 mac $M1 authorized
check "a: ap1 no longer lists $M1" wait_for 10 no_sta ap1 $M1
check "a: ap1 counts kicked=1" stat_is ap1 add.kicked 1
check "a: ap1 asked hostapd to deauthenticate it" \
	wait_for 10 grep -qx "DEAUTHENTICATE $M1" "$T/hostapd-ap1.txt"
check "a: ap2 still lists $M1" has_sta ap2 $M1
# No prev-ap given: ap2 asks the AP whose ADD-notify for $M1 it heard last
# (ap1, 10.9.0.1, which its BSSID map names) with a MOVE-notify.
check "a: without prev-ap, ap2 fetched $M1's context from ap1" \
	wait_for 10 sh -c "'$BIN/apedgectl' -s '$T/ap2.sock' -j sta show | jq -e '.stations[] | select(.mac == \"$M1\" and .context_fetched and (.ipv4 | index(\"10.0.0.51\")))'"
check "a: ap2 counts move successful=1" stat_is ap2 move.successful 1
check "a: ap1 counts its answer" stat_is ap1 '"move-answered".successful' 1
check "a: ap2's log names the rule" \
	grep -q "came from $B1 (its last ADD-notify): MOVE-notify to 10.9.0.1" "$T/ap2.log"
check "a: ap2 counts ap1's ADD-notify as not here" \
	stat_is ap2 'add."ignored-not-here"' 1
check "a: ap2's sequence number is newer than ap1's" test \
	"$(ctl ap2 -j sta show | jq ".stations[] | select(.mac == \"$M1\") | .seq")" != \
	"$((16#${OLD:28:4}))"

# ---- b: nothing before authorization --------------------------------------
sent_before=$(stat ap2 'sent."add-notify"')
ctl ap2 sta add dev wlan0 mac $M3
check "b: ap2 lists $M3 as associated" \
	sh -c "'$BIN/apedgectl' -s '$T/ap2.sock' -j sta show | jq -e '.stations[] | select(.mac == \"$M3\" and .state == \"associated\")'"
check "b: no ADD-notify sent for it" stat_is ap2 'sent."add-notify"' "$sent_before"
check "b: counted as unauthorized" test "$(stat ap2 add.unauthorized)" -ge 1
ctl ap2 sta authorize mac $M3
check "b: its ADD-notify goes out once authorized" wait_for 10 captured $M3 1
check "b: and only that one" test "$(adds_for $M3)" -eq 1

# ---- c: an older ADD-notify replayed ------------------------------------
check "c: captured ap1's ADD-notify for $M1" test -n "$OLD"
stale_before=$(stat ap2 'add."ignored-stale"')
send "$OLD"
check "c: ap2 counts the replay as stale" \
	wait_for 10 stat_is ap2 'add."ignored-stale"' $((stale_before + 1))
check "c: ap2 still lists $M1" has_sta ap2 $M1
check "c: ap2 kicked nothing" stat_is ap2 add.kicked 0

# ---- d, e: MOVE and CACHE ------------------------------------------------
ctl ap1 sta add dev wlan0 mac $M2 ip 10.0.0.50 authorized
ctl ap2 sta add dev wlan0 mac $M2 prev-ap $B1 authorized
fetched() {
	ctl ap2 -j sta show | jq -e ".stations[] | select(.mac == \"$M2\" and .context_fetched and (.ipv4 | index(\"10.0.0.50\")))"
}
check "d: ap2 fetched $M2's context (10.0.0.50) from ap1" wait_for 10 fetched
check "d: ap2 counts move successful=2" stat_is ap2 move.successful 2
check "d: ap1 counts its answer" stat_is ap1 '"move-answered".successful' 2
check "d: ap1 answered with its station table's context (no module)" \
	stat_is ap1 'context."module-absent"' 2
check "d: ap2 bound none of it (no module) and counts that" \
	wait_for 10 stat_is ap2 bindings.skipped 2
check "d: ap2 added no binding" stat_is ap2 bindings.added 0
check "d: ap1 removed $M2" wait_for 10 no_sta ap1 $M2
# Exactly one: its first answer, OK, was read before and is no failure.
check "d: hostapd's FAIL is counted, its OK not" \
	wait_for 10 stat_is ap1 kick.failed 1
check "d: text sta show has the address" \
	sh -c "'$BIN/apedgectl' -s '$T/ap2.sock' sta show | grep '$M2' | grep -q '10.0.0.50 (fetched)'"
check "e: ap1 stored ap2's CACHE-notifies (a and d)" \
	wait_for 10 stat_is ap1 cache.stored 2
check "e: ap2 got the CACHE-responses" wait_for 10 stat_is ap2 cache.acked 2
ctl ap2 sta add dev wlan0 mac $M4 prev-ap $B1 authorized
check "d: MOVE for a station ap1 never had: denied" \
	wait_for 10 stat_is ap2 move.denied 1
check "d: ap1 counts its denial" stat_is ap1 '"move-answered".denied' 1

ctl ap2 sta add dev wlan0 mac $M7 prev-ap $B3 authorized
check "d: a MOVE-notify nobody answers times out" \
	wait_for 10 stat_is ap2 move.timeout 1

# A MOVE-notify that is not newer than the association: stale, and the
# station stays.
ctl ap1 sta add dev wlan0 mac $M6 ip 10.0.0.60 authorized
seq6=$(ctl ap1 -j sta show | jq ".stations[] | select(.mac == \"$M6\") | .seq")
check "d: a replayed MOVE-notify is answered stale" nsx sw "$PY" -c '
import socket, struct, sys
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
body = struct.pack("!BB6sHH", 6, 0, mac, int(sys.argv[2]), 0)
s = socket.create_connection(("10.9.0.1", 3517), timeout=5)
s.sendall(struct.pack("!BBHH", 0, 1, 99, 6 + len(body)) + body)
r = s.recv(100)
assert len(r) == 18 and r[1] == 2 and r[7] == 2, r.hex()
' $M6 "$seq6"
check "d: ap1 counts it" stat_is ap1 '"move-answered".stale' 1
check "d: and keeps $M6" has_sta ap1 $M6

# An ADD-notify that claims to come from ap1 itself (a spoofed source):
# ignored as our own, even with a newer sequence number.
# The kernel drops what arrives with a local source unless accept_local.
nsx ap1 sysctl -qw net.ipv4.conf.all.accept_local=1 net.ipv4.conf.va.accept_local=1
own_before=$(stat ap1 'add."ignored-own"')
check "an ADD-notify from ap1's own address (spoofed) is sent" nsx sw "$PY" -c '
import sys, logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, UDP, Raw, sendp
sendp(Ether(dst="01:00:5e:00:01:b2") / IP(src="10.9.0.1", dst="224.0.1.178",
      ttl=1) / UDP(sport=3517, dport=3517) / Raw(bytes.fromhex(sys.argv[1])),
      iface="br0", verbose=False)
' "$(add_hex $M6 $(((seq6 + 100) % 65536)))"
check "it is counted as ignored-own" \
	wait_for 10 stat_is ap1 'add."ignored-own"' $((own_before + 1))
check "and $M6 stays on ap1" has_sta ap1 $M6

# ---- g: malformed input ----------------------------------------------------
send "0100123400100600${M5//:/}0001" 10.9.0.1
check "g: a datagram of version 1 is counted" \
	wait_for 10 stat_is ap1 malformed.version 1
send "0000123400090600" 10.9.0.1
short_or_length() {
	[ "$(ctl ap1 -j iapp show | jq '.malformed.short + .malformed.length')" = 1 ]
}
check "g: a datagram shorter than its length is counted" \
	wait_for 10 short_or_length
send "0009123400100600${M5//:/}0001" 10.9.0.1
check "g: an unknown command is counted" \
	wait_for 10 stat_is ap1 malformed.command 1
check "g: garbage over TCP is dropped: the peer closes" nsx sw "$PY" -c '
import socket
s = socket.create_connection(("10.9.0.1", 3517), timeout=5)
s.sendall(b"\x07" * 40)
assert s.recv(100) == b""
'
check "g: and counted" wait_for 10 stat_is ap1 malformed.version 2
check "g: an oversized TCP message is dropped" nsx sw "$PY" -c '
import socket
s = socket.create_connection(("10.9.0.1", 3517), timeout=5)
s.sendall(bytes.fromhex("00011234ffff"))
assert s.recv(100) == b""
'
check "g: and counted as too big" wait_for 10 stat_is ap1 '"malformed"."too-big"' 1
timeouts=$(stat ap1 tcp.timeout)
check "g: a stalled TCP peer is dropped after the timeout" nsx sw "$PY" -c '
import socket
s = socket.create_connection(("10.9.0.1", 3517), timeout=15)
s.sendall(bytes.fromhex("000112"))
assert s.recv(100) == b""
'
check "g: and counted" test "$(stat ap1 tcp.timeout)" -gt "$timeouts"
check "g: a TCP peer closing mid-message is counted" nsx sw "$PY" -c '
import socket
s = socket.create_connection(("10.9.0.1", 3517), timeout=5)
s.sendall(bytes.fromhex("00011234001c0600"))
s.close()
'
check "g: as closed-early" wait_for 10 stat_is ap1 'tcp."closed-early"' 1
refused() {
	nsx sw "$PY" -c '
import socket, time
socks = [socket.create_connection(("10.9.0.1", 3517), timeout=5)
         for _ in range(17)]
# The 17th is accepted by the kernel and closed by apedged.
assert socks[16].recv(10) == b""
'
}
check "g: the 17th concurrent TCP peer is refused" refused
check "g: and counted" stat_is ap1 tcp.refused 1
check "g: TCP from another interface than va is refused" nsx ap1 "$PY" -c '
import socket
try:
    socket.create_connection(("127.0.0.1", 3517), timeout=5)
except ConnectionRefusedError:
    pass
else:
    raise SystemExit("connected")
'
check "g: ap1 still answers" ctl ap1 daemon ping
ctl ap1 sta add dev wlan0 mac $M5 authorized
kicked=$(stat ap1 add.kicked)
ctl ap2 sta add dev wlan0 mac $M5 authorized
check "g: and still acts on ADD-notify" \
	wait_for 10 stat_is ap1 add.kicked $((kicked + 1))

# ---- h: what is not taken from the VLAN ------------------------------------
# cache_from SRC MAC ADDR...: a CACHE-notify for MAC with the IPv4 ADDRs
# (600 s each) from SRC to ap1; prints the answer's hex, or "closed".
cache_from() {
	nsx sw "$PY" -c '
import socket, struct, sys
src, mac = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
ctx = b"".join(struct.pack("!HH4sI", 1, 8, socket.inet_aton(a), 600)
              for a in sys.argv[3:])
body = (struct.pack("!BB6sH6sH", 6, 0, mac, 7, bytes(6), len(ctx)) + ctx +
        struct.pack("!H", 60))
s = socket.socket()
s.bind((src, 0))
s.settimeout(5)
s.connect(("10.9.0.1", 3517))
# A refused peer is closed at once: its send or read may meet a reset.
try:
    s.sendall(struct.pack("!BBHH", 0, 5, 1, 6 + len(body)) + body)
    r = s.recv(100)
except (ConnectionResetError, BrokenPipeError):
    r = b""
print(r.hex() if r else "closed")
' "$@"
}
stored=$(stat ap1 cache.stored)
check "h: a CACHE-notify from 10.9.0.4, no AP of the map, is not taken" \
	test "$(cache_from 10.9.0.4 $M8 10.0.0.80)" = closed
check "h: counted as tcp unmapped" stat_is ap1 tcp.unmapped 1
check "h: nothing cached from it" stat_is ap1 cache.stored "$stored"
ans=$(cache_from 10.9.0.3 $M8 10.0.0.80 127.0.0.1 224.0.0.5 0.0.0.0 \
	255.255.255.255 169.254.0.7 10.9.0.1 10.9.0.2)
check "h: a mapped peer's CACHE-notify is answered successful" \
	test "${ans:0:4}" = 0006 -a "${ans:14:2}" = 00
check "h: its addresses of no station are refused" \
	stat_is ap1 '"context-refused".invalid' 5
check "h: ap1's own and the map's AP's too" \
	stat_is ap1 '"context-refused".ours' 2
ctl ap1 sta add dev wlan0 mac $M8 authorized
check "h: the station gets only 10.0.0.80 from the cache" \
	sh -c "'$BIN/apedgectl' -s '$T/ap1.sock' -j sta show | jq -e '.stations[] | select(.mac == \"$M8\") | .context_fetched and .ipv4 == [\"10.0.0.80\"]'"
# As many addresses as apedgectl takes, with every other word: the
# daemon takes them too (ap2's own BSSID as prev-ap: no MOVE-notify).
check "h: sta add with 8 addresses, vlan and prev-ap is taken" \
	ctl ap2 sta add dev wlan0 mac $M10 vlan 5 prev-ap $B2 authorized \
	ip 10.0.0.91 ip 10.0.0.92 ip 10.0.0.93 ip 10.0.0.94 \
	ip 2001:db8::1 ip 2001:db8::2 ip 2001:db8::3 ip 2001:db8::4
check "h: and the station has them" \
	sh -c "'$BIN/apedgectl' -s '$T/ap2.sock' -j sta show | jq -e '.stations[] | select(.mac == \"$M10\") | (.ipv4 | length) == 4 and (.ipv6 | length) == 4'"
fails() { ! "$@"; }
check "h: a ninth is refused by apedgectl" fails \
	ctl ap2 sta add dev wlan0 mac $M10 ip 10.0.0.91 ip 10.0.0.92 \
	ip 10.0.0.93 ip 10.0.0.94 ip 10.0.0.95 ip 2001:db8::1 ip 2001:db8::2 \
	ip 2001:db8::3 ip 2001:db8::4

# ---- f: authentication ----------------------------------------------------
# iapp_line AP LINE: LINE into AP's [iapp] section.
iapp_line() {
	echo "$2" >>"$T/$1.conf"
	# The line must be in [iapp]: move [bssid ...] after it.
	$PY - "$T/$1.conf" <<'EOP'
import sys
p = sys.argv[1]
lines = open(p).read().splitlines()
key = lines.pop()
i = lines.index("[iapp]")
lines.insert(i + 1, key)
open(p, "w").write("\n".join(lines) + "\n")
EOP
}
for ap in ap1 ap2; do
	iapp_line $ap "key = $KEY"
	iapp_line $ap "replay_window_s = 3"
	ctl $ap daemon reload >/dev/null
done
check "f: ap1 has the key" stat_is ap1 auth true
check "f: ap2 has the key" stat_is ap2 auth true
ctl ap1 sta add dev wlan0 mac $M5 authorized
seq=$(ctl ap1 -j sta show | jq ".stations[] | select(.mac == \"$M5\") | .seq")
fails=$(stat ap1 '"auth-failures"')
send "$(add_hex $M5 $(((seq + 100) % 65536)))" 10.9.0.1
check "f: an unsigned ADD-notify is counted as an auth failure" \
	wait_for 10 stat_is ap1 '"auth-failures"' $((fails + 1))
check "f: and counted as auth-missing" stat_is ap1 'malformed."auth-missing"' 1
send "$(add_hex $M5 $(((seq + 100) % 65536)))$(printf '%088d' 7)" 10.9.0.1
check "f: a badly signed one too" \
	wait_for 10 stat_is ap1 '"auth-failures"' $((fails + 2))
check "f: as auth-bad" stat_is ap1 'malformed."auth-bad"' 1
check "f: $M5 is still on ap1" has_sta ap1 $M5
kicked=$(stat ap1 add.kicked)
ctl ap2 sta add dev wlan0 mac $M5 authorized
check "f: a signed ADD-notify from ap2 removes it" wait_for 10 no_sta ap1 $M5
check "f: counted as kicked" stat_is ap1 add.kicked $((kicked + 1))
check "f: ap2 had no auth failure" stat_is ap2 '"auth-failures"' 0
check "f: ap2 acted on ap1's signed ADD-notify for $M5" \
	test "$(stat ap2 add.kicked)" -ge 1
# sig_adds AP_ADDR MAC: the signed ADD-notifies for MAC from AP_ADDR, as
# captured (16 bytes and a 44-byte trailer: 120 hex digits), one a line.
sig_adds() {
	grep "^$1 0000....00100600${2//:/}" "$T/capture.txt" | cut -d' ' -f2 |
		awk 'length($0) == 120'
}
# n_sig AP_ADDR MAC N: at least N of them.
n_sig() {
	[ "$(sig_adds "$1" "$2" | wc -l)" -ge "$3" ]
}
check "f: ap2's signed ADD-notify for $M5 was captured" \
	wait_for 10 n_sig 10.9.0.2 $M5 1
SIGNED=$(sig_adds 10.9.0.2 $M5 | tail -n 1)
rx=$(stat ap1 'received."add-notify"')
send "$SIGNED" 10.9.0.1
check "f: the same signed datagram again is refused as a replay" \
	wait_for 10 stat_is ap1 replay.replayed 1
check "f: and not taken" stat_is ap1 'received."add-notify"' "$rx"

# A captured ADD-notify replayed later, when its number is newer than the
# association there (a number that has wrapped, or an AP that forgot):
# ap2 re-associates $M9 twenty times at once, so that its last number is
# ahead of the clock; ap1, restarted, associates it with the clock's.
for i in $(seq 20); do
	ctl ap2 sta add dev wlan0 mac $M9 authorized
done
check "f: ap2's signed ADD-notifies for $M9 were captured" \
	wait_for 10 n_sig 10.9.0.2 $M9 20
LAST9=$(sig_adds 10.9.0.2 $M9 | tail -n 1)
sleep 4		# past replay_window_s
rc=0
stop "$AP1" "$T/ap1.log" || rc=$?
check "f: ap1 stops cleanly" test "$rc" -eq 0
spawn ap1 "$T/ap1.log" "$BIN/apedged" -f -c "$T/ap1.conf" -s "$T/ap1.sock"
AP1=$LAST_PID
check "f: ap1 is up again" wait_for 10 listening ap1
ctl ap1 sta add dev wlan0 mac $M9 authorized
seq9=$(ctl ap1 -j sta show | jq ".stations[] | select(.mac == \"$M9\") | .seq")
check "f: the captured number is newer than ap1's association" test \
	"$(( (16#${LAST9:28:4} - seq9 + 65536) % 65536 ))" -ge 1 -a \
	"$(( (16#${LAST9:28:4} - seq9 + 65536) % 65536 ))" -lt 32768
send "$LAST9" 10.9.0.1
check "f: replayed after the window, it is refused as stale" \
	wait_for 10 stat_is ap1 replay.stale 1
check "f: $M9 stays on ap1" has_sta ap1 $M9
check "f: ap1 kicked nothing" stat_is ap1 add.kicked 0
check "text iapp show prints the counters" \
	sh -c "'$BIN/apedgectl' -s '$T/ap1.sock' iapp show | grep -Eq '^add +kicked +[0-9]+$'"
# stop waits for its child: not in check's subshell.
for ap in ap1 ap2; do
	pid=$AP1
	[ $ap = ap2 ] && pid=$AP2
	rc=0
	stop "$pid" "$T/$ap.log" || rc=$?
	check "$ap shuts down cleanly (status 0, no sanitizer report)" \
		test "$rc" -eq 0
done
exit 0
