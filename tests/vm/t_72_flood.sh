# SPDX-License-Identifier: GPL-2.0
# 100k random and malformed frames into an untrusted port: the kernel
# stays clean, and the guard's counters add up.  APEDGE_FLOOD_FRAMES (a
# multiple of 2000) makes it fewer: tests/debug/run, whose kernel is
# many times slower.
. "$(dirname "$0")/lib.sh"

n=${APEDGE_FLOOD_FRAMES:-100000}
if [ $((n % 2000)) -ne 0 ] || [ "$n" -eq 0 ]; then
	echo "# APEDGE_FLOOD_FRAMES=$n: not a multiple of 2000"
	exit 1
fi
reps=$((n / 2000))
load_module
veth va vb
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 net.ipv6.conf.vb.disable_ipv6=1
apedgectl port add dev va
rx0=$(cat /sys/class/net/va/statistics/rx_packets)

cat >"$T/flood.py" <<'EOP'
import os, random, socket, struct, sys

N = int(sys.argv[1])
rnd = random.Random(20261123)
ETH = bytes.fromhex("ffffffffffff020000000001")
# Next headers and ports that lead into the guard's parsers.
NH = [0, 43, 44, 51, 60, 58, 17, 6, 59, 50]
PORTS = [67, 68, 546, 547, 53, 9]

def frame():
    kind = rnd.randrange(6)
    body = bytearray(os.urandom(rnd.randrange(0, 300)))
    if kind == 0:                                  # IPv4, maybe UDP 67/68
        ip = bytearray(os.urandom(20))
        ip[0] = rnd.choice([0x45, 0x46, 0x44, 0x4f, 0x65])
        ip[9] = rnd.choice([17, 17, 6, 1])
        ip[6] = rnd.choice([0, 0, 0x20, 0x00, 0x1f])
        struct.pack_into("!H", ip, 2, rnd.choice([20 + len(body), rnd.randrange(0, 65536)]))
        udp = struct.pack("!HHHH", rnd.choice(PORTS), rnd.choice(PORTS), rnd.randrange(0, 600), 0)
        return ETH + b"\x08\x00" + ip + udp + body
    if kind in (1, 2):                             # IPv6 with a chain
        ip = bytearray(os.urandom(40))
        ip[0] = rnd.choice([0x60, 0x60, 0x40])
        ip[6] = rnd.choice(NH)
        chain = bytearray()
        for _ in range(rnd.randrange(0, 12)):
            chain += bytes([rnd.choice(NH), rnd.randrange(0, 4)]) + os.urandom(6)
        payload = chain + body
        struct.pack_into("!H", ip, 4, rnd.choice([len(payload), 0, rnd.randrange(0, 65536)]))
        return ETH + b"\x86\xdd" + ip + payload
    if kind == 3:                                  # tags, maybe many
        tags = b"".join(b"\x81\x00" + os.urandom(2) for _ in range(rnd.randrange(1, 4)))
        return ETH + tags + rnd.choice([b"\x86\xdd", b"\x08\x00"]) + body
    if kind == 4:                                  # truncated anything
        return (ETH + rnd.choice([b"\x86\xdd", b"\x08\x00", b"\x81\x00"]) + body)[:rnd.randrange(14, 60)]
    return ETH + os.urandom(2) + body              # random EtherType

frames = [frame() for _ in range(2000)]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("vb", 0))
sent = 0
for i in range(N):
    f = frames[i % len(frames)]
    if len(f) < 14:
        f = f + bytes(14 - len(f))
    try:
        s.send(f)
        sent += 1
    except OSError:
        pass
print(sent)
EOP

sent=$(/usr/bin/python3 "$T/flood.py" "$n")
check "all $n frames sent" test "$sent" -eq "$n"
check "va received them all" wait_for 60 bash -c \
	"test \$((\$(cat /sys/class/net/va/statistics/rx_packets) - $rx0)) -ge $n"

# The backlog may still hold frames: read the counters once two reads
# in a row agree.
last=
settled() {
	local now
	now=$(apedgectl -j stats dev va)
	[ "$now" = "$last" ] && return 0
	last=$now
	return 1
}
wait_for 30 settled || echo "# the counters did not settle within 30 s"
json=$last
sum() { echo "$json" | grep -o "$1" | grep -o '[0-9]*$' | awk '{ s += $1 } END { print s + 0 }'; }
bad_verdict=$(sum '"direction":"ingress","class":"malformed","verdict":"[a-z]*","packets":[0-9]*')
bad_reason=$(sum '"direction":"ingress","class":"malformed","reason":"[a-z0-9-]*","packets":[0-9]*')
counted=$(sum '"direction":"ingress","class":"[a-z0-9-]*","verdict":"[a-z]*","packets":[0-9]*')
echo "# counted $counted of $sent frames; malformed $bad_verdict"
check "the flood reached the guard's parsers" test "$bad_verdict" -gt $((n / 100))
check_eq "malformed by verdict = malformed by reason" "$bad_verdict" "$bad_reason"
check "no more counted than received" test "$counted" -le "$sent"
# Each of the 2000 frames went in $reps times (50), and a frame is judged
# the same way each time: every counter is a multiple of $reps.
check_eq "every counter a multiple of $reps" "" \
	"$(echo "$json" | grep -o '{"direction":[^}]*}' |
		awk -F'"packets":' -v r="$reps" '{ n = $2; sub(/}/, "", n); if (n % r) print }')"
check_eq "every malformed frame dropped" "$bad_verdict" \
	"$(sum '"direction":"ingress","class":"malformed","verdict":"drop","packets":[0-9]*')"
check "the module still answers" apedgectl port show dev va
check "and unloads" rmmod apedge
