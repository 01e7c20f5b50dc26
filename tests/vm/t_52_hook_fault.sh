# SPDX-License-Identifier: GPL-2.0
# A port whose egress hook cannot be registered after its ingress hook is
# live: netfilter takes at most 1024 hooks per device and hook point, so
# 1024 nftables egress chains on va leave apedge's ingress hook room and
# its egress hook none.  The attach fails with the reason, leaves no hook
# and frees nothing still in use, under traffic both ways, again and
# again; with one chain fewer it succeeds.  (KUnit's apedge_port suite
# checks the same failure with a punt queued in between.)
. "$(dirname "$0")/lib.sh"

load_module
veth va vb
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 net.ipv6.conf.vb.disable_ipv6=1

# With an ingress chain on vb too, netfilter's ingress static keys stay
# on: attaching and detaching va's hooks over and over below patches no
# kernel text while packets run through it, which QEMU's TCG trips over
# (an int3 Oops in __netif_receive_skb_core on 6.12, stale code run on
# one vCPU after another patched it).
{
	echo "table netdev fill {"
	echo "  chain keep { type filter hook ingress device \"vb\" priority 0; policy accept; }"
	for i in $(seq 0 1023); do
		echo "  chain c$i { type filter hook egress device \"va\" priority $i; policy accept; }"
	done
	echo "}"
} >"$T/fill.nft"
check "1024 egress chains on va" nft -f "$T/fill.nft"

# DHCP server replies into va (the guard's business on an untrusted port)
# and back out of it, while the attach fails.
flood() {
	python3 - "$@" <<'EOF'
import socket, struct, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
udp = struct.pack('!HHHH', 67, 68, 8 + 240, 0) + bytes([2]) + bytes(239)
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                 bytes([192, 0, 2, 1]), bytes([255] * 4))
c = sum(struct.unpack('!10H', ip))
c = (c & 0xffff) + (c >> 16)
ip = ip[:10] + struct.pack('!H', ~c & 0xffff) + ip[12:]
frame = b'\xff' * 6 + b'\x02\x00\x5e\x00\x00\x01' + b'\x08\x00' + ip + udp
end = time.time() + float(sys.argv[2])
while time.time() < end:
    try:
        s.send(frame)
    except OSError:
        pass
EOF
}
flood vb 30 &
f1=$!
flood va 30 &
f2=$!

out=$(apedgectl port add dev va 2>&1) || true
check_eq "attach fails with the reason" \
	"apedgectl: port add: cannot hook the device (Argument list too long)" "$out"
fails=0
for i in $(seq 1 50); do
	apedgectl port add dev va 2>/dev/null && fails=$((fails + 1))
done
check_eq "fails every time, under traffic" 0 "$fails"
check_eq "no port" "" "$(apedgectl port show)"
check_eq "no counters" "[]" "$(apedgectl -j stats)"
kill "$f1" "$f2" 2>/dev/null || true
wait "$f1" "$f2" 2>/dev/null || true

# Nothing of apedge stayed in va's path: a DHCP server reply into va,
# which an untrusted port drops, reaches the stack.
inreceives() { awk '/^Ip:/ { n++ } n == 2 { print $4; exit }' /proc/net/snmp; }
before=$(inreceives)
flood vb 1
after=$(inreceives)
check "server replies reach va's IP stack (no hook left)" test "$((after - before))" -gt 100

check "one chain fewer" nft delete chain netdev fill c1023
check "then va attaches" apedgectl port add dev va
check_match "and guards" "va role untrusted" "$(apedgectl port show)"
check "va detaches" apedgectl port del dev va
check "rmmod" rmmod apedge
