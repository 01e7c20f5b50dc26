# SPDX-License-Identifier: GPL-2.0
# 5 load/unload cycles (APEDGE_DEBUG_CYCLES) of apedge.ko under traffic:
# each time two ports (an untrusted one with DHCP and ND flowing in, a
# trusted one), a binding, a Layer-2 Update burst in flight and a
# listener, then rmmod.
# vm-timeout: 1200
. "$(dirname "$0")/../vm/lib.sh"

n=${APEDGE_DEBUG_CYCLES:-5}
veth va vb
veth vc vd
cat >"$T/traffic.py" <<'EOP'
import socket, struct, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('vb', 0))
src = bytes.fromhex('020000000001')
udp4 = struct.pack('!HHHH', 68, 67, 8 + 240, 0) + bytes(236) + b'\x63\x82\x53\x63'
ip4 = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp4), 0, 0, 64, 17, 0,
                  bytes(4), b'\xff' * 4)
dhcp = b'\xff' * 6 + src + b'\x08\x00' + ip4 + udp4
icmp6 = bytes([134, 0, 0, 0, 64, 0, 0, 0]) + bytes(8)     # a rogue RA
ip6 = struct.pack('!IHBB16s16s', 0x60000000, len(icmp6), 58, 255,
                  bytes.fromhex('fe80' + '00' * 13 + '01'),
                  bytes.fromhex('ff02' + '00' * 13 + '01'))
ra = bytes.fromhex('333300000001') + src + b'\x86\xdd' + ip6 + icmp6
while True:
    for f in (dhcp, ra):
        try:
            s.send(f)
        except OSError:
            time.sleep(0.01)
EOP
/usr/bin/python3 "$T/traffic.py" &
traffic=$!
bad=0
for i in $(seq 1 "$n"); do
	if ! load_module; then
		bad=$((bad + 1))
		echo "# cycle $i: insmod failed"
		continue
	fi
	apedgectl -j monitor >/dev/null 2>&1 &
	mon=$!
	{
		apedgectl port add dev va &&
		apedgectl port add dev vc role trusted &&
		apedgectl binding add ip 192.0.2.$((i % 250 + 1)) mac 02:00:00:00:00:01 dev va &&
		apedgectl xid send dev vc sta 02:00:5e:00:00:02 count 4 interval 50
	} >/dev/null || { bad=$((bad + 1)); echo "# cycle $i: set-up failed"; }
	if ! rmmod apedge; then
		bad=$((bad + 1))
		echo "# cycle $i: rmmod failed"
	fi
	# It ends with the family, with a status of 1.
	wait "$mon" 2>/dev/null || true
done
check "the traffic ran throughout" kill -0 $traffic
kill $traffic
check_eq "$n cycles without a failure" 0 "$bad"
check "va deletes at once (no reference left)" timeout "$DEL_SECS" ip link del va
check "vc too" timeout "$DEL_SECS" ip link del vc
