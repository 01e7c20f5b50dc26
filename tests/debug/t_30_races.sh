# SPDX-License-Identifier: GPL-2.0
# Races under traffic: one loop adds and deletes ports, one deletes and
# re-creates a port's device under it, one creates namespaces with
# attached ports and destroys them, while frames flow into every port
# and apedgectl reads the ports, counters and bindings.
# vm-timeout: 1200
. "$(dirname "$0")/../vm/lib.sh"

secs=${APEDGE_DEBUG_RACE_SECS:-30}
load_module
veth va vb
veth vc vd
cat >"$T/traffic.py" <<'EOP'
import socket, sys, time
f = b'\xff' * 6 + b'\x02\x00\x5e\x00\x00\x01\x86\xdd' + bytes.fromhex(
    '6000000000083aff' + 'fe80' + '00' * 13 + '01' + 'ff02' + '00' * 13 + '01'
    + '8600000040000000')
end = time.time() + float(sys.argv[2])
s = None
while time.time() < end:
    try:
        if s is None:
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((sys.argv[1], 0))
        s.send(f)
    except OSError:
        s = None
        time.sleep(0.01)
EOP
/usr/bin/python3 "$T/traffic.py" vb "$secs" &
/usr/bin/python3 "$T/traffic.py" vd "$secs" &
end=$((SECONDS + secs))

# Ports come and go on va.
(while [ $SECONDS -lt $end ]; do
	apedgectl port add dev va role untrusted source-guard on
	apedgectl binding add ip 198.51.100.1 mac 02:00:5e:00:00:01 dev va
	apedgectl port del dev va
done) >/dev/null 2>&1 &
# The device under a port goes and comes back.
(while [ $SECONDS -lt $end ]; do
	apedgectl port add dev vc
	ip link del vc
	ip link add vc type veth peer name vd
	ip link set vc up
	ip link set vd up
done) >/dev/null 2>&1 &
# Namespaces with attached ports are destroyed.
(i=0; while [ $SECONDS -lt $end ]; do
	i=$((i + 1))
	ip netns add "r$i" || continue
	ip -n "r$i" link add ra type veth peer name rb
	ip -n "r$i" link set ra up
	ip -n "r$i" link set rb up
	ip -n "r$i" addr add 10.9.0.1/24 broadcast 10.9.0.255 dev ra
	ip netns exec "r$i" apedgectl port add dev ra
	ip netns exec "r$i" apedgectl port add dev rb role trusted
	# Broadcasts from ra to rb (ping starts faster than python).
	ip netns exec "r$i" ping -q -b -i 0.002 -w 2 10.9.0.255 &
	sleep 0.5
	ip netns del "r$i"
	wait
done; echo "$i" >"$T/netns") >/dev/null 2>&1 &
# Readers.
(while [ $SECONDS -lt $end ]; do
	apedgectl -j port show
	apedgectl -j stats
	apedgectl -j binding show
done) >/dev/null 2>&1 &
wait
echo "# $(cat "$T/netns" 2>/dev/null) namespaces created and destroyed"
check "the module still answers" apedgectl port show
check "va can be a port" apedgectl port add dev va
check "rmmod" rmmod apedge
check "va deletes at once (no reference left)" timeout "$DEL_SECS" ip link del va
