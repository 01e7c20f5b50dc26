# SPDX-License-Identifier: GPL-2.0
# XID Layer-2 Update frames in transmit mode, captured on the veth's peer.
. "$(dirname "$0")/lib.sh"

STA=02:00:5e:a9:ed:9e
sta=${STA//:/}
want="ffffffffffff${sta}00060001af810102"

load_module
veth va vb
apedgectl port add dev va

capture vb "ether src $STA"
check "xid send dev va sta $STA" apedgectl xid send dev va sta "$STA"
capture_wait vb
# veth does not pad to the 60-byte minimum: the capture is the frame.
check_eq "the frame, byte for byte" "$want" "$(frame_hex vb)"
check_match "tcpdump reads it as an LLC XID response" 'length 6: LLC.*xid, Flags \[Response\]' "$(head -n 1 "$T/cap.vb")"

capture vb "ether src $STA"
apedgectl xid send dev va sta "$STA" rw 0
capture_wait vb
hex=$(frame_hex vb)
check_eq "rw 0 as mac80211 sends it" "ffffffffffff${sta}00060001af810100" "${hex:0:40}"

capture vb "ether src $STA"
apedgectl xid send dev va sta "$STA" vlan 10
capture_wait vb
hex=$(frame_hex vb)
check_eq "vlan 10: an 802.1Q tag before the length" \
	"ffffffffffff${sta}8100000a00060001af810102" "${hex:0:48}"

capture vb "ether src $STA" 3
apedgectl xid send dev va sta "$STA" count 3
capture_wait vb
check_eq "count 3: three frames" 3 "$(frames vb)"

capture vb "ether src $STA" 3
check "count 3 interval 300 returns at once" apedgectl xid send dev va sta "$STA" count 3 interval 300
capture_wait vb 20
check_eq "count 3 interval 300: three frames" 3 "$(frames vb)"
t1=$(awk 'NR==1 {print $1}' "$T/cap.vb")
t3=$(grep '^[0-9]' "$T/cap.vb" | awk 'NR==3 {print $1}')
spread=$(awk -v a="$t1" -v b="$t3" 'function s(t, p) { split(t, p, ":"); return p[1]*3600 + p[2]*60 + p[3] } BEGIN { printf "%d", (s(b) - s(a)) * 1000 }')
check "frames spaced: first to third at least 500 ms" test "$spread" -ge 500

# (The guard's counters may follow: va also carries IPv6 ND.)
check_match "stats count every frame" "^\[\{\"ifindex\":$(cat /sys/class/net/va/ifindex),\"ifname\":\"va\",\"xid_transmit\":9,\"xid_inject\":0,\"xid_errors\":0[,}]" \
	"$(apedgectl -j stats)"
check_match "stats dev va as text" '^va +[0-9]+ +9 +0 +0$' "$(apedgectl stats dev va | sed -n 2p)"

ip link set va down
check_fail "xid send on a port that is down fails" apedgectl xid send dev va sta "$STA"
check_eq "with the kernel's reason" \
	"apedgectl: xid send: port is down (Network is down)" \
	"$(apedgectl xid send dev va sta "$STA" 2>&1)"
