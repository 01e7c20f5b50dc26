# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 420
# The module relays mac80211's own Layer-2 Update (kmod/l2relay.c), with no
# daemon: the roaming test bed (tests/vm/roam_bed.sh) with hostapd on both
# APs, each AP's uplink attached with l2update transmit and its wlan0 with
# l2update-relay, by apedgectl alone.  So every XID with receive window 2
# on the switch comes from the relay.
#  - a veth cannot relay (no cfg80211 behind it);
#  - wlan0 relays through cfg80211 while it is a station interface, and
#    through mac80211 (in softirq) once hostapd has made it an AP;
#  - the station joins AP1, then roams to AP2: each time the AP's uplink
#    carries apedge's update for it, counted relayed on wlan0, next to
#    mac80211's own (window 0); the gap between the two is printed;
#  - the station, as an attacker, sends Layer-2 Updates with scapy from
#    its own netdev: with another address as source (mac80211 does not
#    even take the frame: its transmitter is no station of AP2), and with
#    its own (authorized, so relayed: that is no harm);
#  - a Layer-2 Update with a foreign source that does reach an AP
#    interface's receive path (apedge's own inject, netif_rx() as
#    mac80211's, in place of a four-address station or a careless
#    driver): on AP1 for an address nobody has, and for the station once
#    AP1 has let it go (with no daemon here, AP1's hostapd keeps a station
#    that roamed away until it times out, so the test removes it as
#    IAPP's kick would); refused and counted, and nothing leaves the
#    uplink;
#  - five ports to relay to, more than the hook serves itself: the
#    tasklet relays to every one;
#  - a relaying port that also injects relayed updates: the relay does
#    not inject into it, or its own update would come back through the
#    hook and be relayed again without end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roam_bed.sh"

bed_setup	# (a failure stops the test)
check_match "test bed: three radios, the station's MAC" '^02:' "$STA"
VICTIM=02:00:5e:aa:bb:cc
echo "# BSSID1 $BSSID1 BSSID2 $BSSID2 STA $STA VICTIM $VICTIM"

for n in 1 2; do
	tcpdump -i "s$n" -Q in -U -w "$T/s$n.pcap" 'ether[12:2] <= 1500' \
		2>"$T/s$n.err" &
done
check "captures on the switch" wait_for 20 bash -c "grep -q listening '$T/s1.err' && grep -q listening '$T/s2.err'"

for n in 1 2; do
	check "ap$n: up$n attached with l2update transmit" \
		apedgectl -n "ap$n" port add dev "up$n" role trusted l2update transmit
	check "ap$n: wlan0 attached with l2update-relay" \
		apedgectl -n "ap$n" port add dev wlan0 role untrusted l2update-relay on
done
check "port show: wlan0 relays, up1 transmits" bash -c "
	apedgectl -n ap1 -j port show dev wlan0 | jq -e '.[0].l2update_relay == \"on\" and .[0].l2update == \"off\"' &&
	apedgectl -n ap1 -j port show dev up1 | jq -e '.[0].l2update == \"transmit\" and .[0].l2update_relay == \"off\" and .[0].l2update_relay_path == null'"
# Not yet an access point: cfg80211 would be asked, in process context.
check_eq "port show: wlan0, a station interface, relays through cfg80211" cfg80211 \
	"$(apedgectl -n ap1 -j port show dev wlan0 | jq -r '.[0].l2update_relay_path')"
check_match "... and says so in text" 'l2update-relay on \(cfg80211\)' \
	"$(apedgectl -n ap1 port show dev wlan0)"
rc=0
out=$(apedgectl -n ap1 port set dev up1 l2update-relay on 2>&1) || rc=$?
check "a veth cannot relay" test "$rc" -ne 0
check_match "... and says why" "wireless device" "$out"
check "info: the l2update-relay feature" bash -c "apedgectl -n ap1 -j info | jq -e '.features | index(\"l2update-relay\")'"

# stat N DEV FIELD: a counter of apN's port DEV.
stat() {
	apedgectl -n "ap$1" -j stats | jq ".[] | select(.ifname == \"$2\") | .$3"
}
# rw2 N MAC: apedge's Layer-2 Updates (window 2) for MAC from apN's uplink.
rw2() {
	xid_frames "$T/s$1.pcap" "$2" | awk '$2 == "02"' | wc -l
}
gap() {
	xid_frames "$T/s$1.pcap" "$STA" | awk '
		$2 == "00" && m == "" { m = $1 } $2 == "02" && a == "" { a = $1 }
		END { if (m != "" && a != "") printf "%.2f ms", (a - m) * 1000; else print "n/a" }'
}

check "hostapd on AP1" bed_hostapd 1
check "hostapd on AP2" bed_hostapd 2
# Now mac80211 access point interfaces: decided in softirq.
for n in 1 2; do
	check_eq "ap$n: wlan0, an AP interface, relays through mac80211" mac80211 \
		"$(apedgectl -n "ap$n" -j port show dev wlan0 | jq -r '.[0].l2update_relay_path')"
done
bed_sta "$BSSID1"
check "the station joins AP1" wait_for 90 bash -c "[ \"\$(ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -E '^(wpa_state|bssid)=' | sort | tr '\n' ' ')\" = 'bssid=$BSSID1 wpa_state=COMPLETED ' ]"
check "ap1: relayed once on wlan0" wait_for 20 bash -c "[ \$(apedgectl -n ap1 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_relayed') = 1 ]"
check "ap1's uplink carries apedge's update for the station" wait_for 10 bash -c "[ \$(tcpdump -r '$T/s1.pcap' -n 'ether src $STA and ether[19] = 2' 2>/dev/null | wc -l) -ge 1 ]"
check_eq "ap1: up1 sent one XID" 1 "$(stat 1 up1 xid_transmit)"
echo "# AP1: apedge's update $(gap 1) after mac80211's on the switch"

check "the station is asked to roam to AP2" sta_roam "$BSSID2"
check "the station is on AP2" wait_for 60 bash -c "[ \"\$(ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -E '^(wpa_state|bssid)=' | sort | tr '\n' ' ')\" = 'bssid=$BSSID2 wpa_state=COMPLETED ' ]"
check "ap2: relayed once on wlan0" wait_for 20 bash -c "[ \$(apedgectl -n ap2 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_relayed') = 1 ]"
check "ap2's uplink carries apedge's update for the station" wait_for 10 bash -c "[ \$(tcpdump -r '$T/s2.pcap' -n 'ether src $STA and ether[19] = 2' 2>/dev/null | wc -l) -ge 1 ]"
check_eq "ap2: up2 sent one XID" 1 "$(stat 2 up2 xid_transmit)"
check_eq "ap2: nothing refused" 0 "$(stat 2 wlan0 l2update_refused)"
echo "# AP2: apedge's update $(gap 2) after mac80211's on the switch"

# ---- the station as an attacker --------------------------------------------
sta_l2u() {
	ip netns exec sta /usr/bin/python3 -c '
import sys
from scapy.all import Ether, Raw, sendp
sendp(Ether(dst="ff:ff:ff:ff:ff:ff", src=sys.argv[1], type=6) /
      Raw(bytes.fromhex("0001af810100")), iface="wlan0", count=3, verbose=0)
' "$1"
}
check "the station sends Layer-2 Updates for $VICTIM" sta_l2u "$VICTIM"
sleep 3
check_eq "no update for $VICTIM on ap2's uplink" 0 "$(rw2 2 "$VICTIM")"
check_eq "ap2: still one relayed" 1 "$(stat 2 wlan0 l2update_relayed)"
echo "# ap2 refused $(stat 2 wlan0 l2update_refused) (mac80211 drops a frame whose transmitter is no station of it before the hook)"
check "the station sends its own Layer-2 Update" sta_l2u "$STA"
check "ap2: relayed (the station is authorized there)" wait_for 20 bash -c "[ \$(apedgectl -n ap2 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_relayed') -ge 2 ]"

# ---- a foreign source on an AP interface's receive path --------------------
up1_tx=$(stat 1 up1 xid_transmit)
before=$(rw2 1 "$STA")
check "ap1: a Layer-2 Update for $VICTIM received on wlan0" \
	apedgectl -n ap1 xid send dev wlan0 sta "$VICTIM" mode inject rw 0x55
check "ap1: refused and counted" wait_for 20 bash -c "[ \$(apedgectl -n ap1 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_refused') = 1 ]"
check "AP1 lets the station (on AP2) go" ip netns exec ap1 iw dev wlan0 station del "$STA"
check "AP1's kernel no longer lists it" \
	wait_for 20 bash -c "! ip netns exec ap1 iw dev wlan0 station dump | grep -qi '$STA'"
check "ap1: a Layer-2 Update for the station received on wlan0" \
	apedgectl -n ap1 xid send dev wlan0 sta "$STA" mode inject rw 0x55
check "ap1: refused and counted" wait_for 20 bash -c "[ \$(apedgectl -n ap1 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_refused') = 2 ]"
sleep 2
check_eq "ap1: up1 sent nothing more" "$up1_tx" "$(stat 1 up1 xid_transmit)"
check_eq "no new update for the station on ap1's uplink" "$before" "$(rw2 1 "$STA")"
check_eq "no update for $VICTIM on ap1's uplink" 0 "$(rw2 1 "$VICTIM")"
check_eq "ap1: still one relayed" 1 "$(stat 1 wlan0 l2update_relayed)"

# ---- more ports than the hook serves ------------------------------------------
# The hook relays to at most 4 ports itself; with 5, the tasklet checks
# and relays, to every one of them.
for i in 1 2 3 4; do
	ip -n ap2 link add "d$i" type dummy && ip -n ap2 link set "d$i" up
	check "ap2: d$i attached with l2update transmit" \
		apedgectl -n ap2 port add dev "d$i" role trusted l2update transmit
done
r0=$(stat 2 wlan0 l2update_relayed)
u0=$(stat 2 up2 xid_transmit)
check "the station sends its own Layer-2 Update" sta_l2u "$STA"
check "ap2: relayed with five ports" wait_for 20 bash -c "[ \$(apedgectl -n ap2 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_relayed') -gt $r0 ]"
sleep 1
n=$(( $(stat 2 wlan0 l2update_relayed) - r0 ))
check_eq "ap2: up2 sent as many as were relayed" "$n" "$(( $(stat 2 up2 xid_transmit) - u0 ))"
for i in 1 2 3 4; do
	check_eq "ap2: d$i sent as many" "$n" "$(stat 2 "d$i" xid_transmit)"
	apedgectl -n ap2 port del dev "d$i"
	ip -n ap2 link del "d$i"
done

# ---- no loop ---------------------------------------------------------------
# An update injected into a relaying port would come back through its
# hook: the relay never injects into a port that relays.
check "ap2: wlan0 also injects relayed updates" apedgectl -n ap2 port set dev wlan0 l2update inject
r0=$(stat 2 wlan0 l2update_relayed)
i0=$(stat 2 wlan0 xid_inject)
check "the station sends its own Layer-2 Update" sta_l2u "$STA"
check "ap2: relayed" wait_for 20 bash -c "[ \$(apedgectl -n ap2 -j stats | jq '.[] | select(.ifname == \"wlan0\") | .l2update_relayed') -gt $r0 ]"
sleep 3
r1=$(stat 2 wlan0 l2update_relayed)
check "ap2: relayed once for each of the station's 3 frames at most" test $((r1 - r0)) -le 3
check_eq "ap2: nothing injected into wlan0" "$i0" "$(stat 2 wlan0 xid_inject)"
sleep 2
check_eq "ap2: and no more relayed since" "$r1" "$(stat 2 wlan0 l2update_relayed)"
check "ap2: wlan0 injects no more" apedgectl -n ap2 port set dev wlan0 l2update off

# ---- relay off ---------------------------------------------------------------
check "ap2: relay off" apedgectl -n ap2 port set dev wlan0 l2update-relay off
tx=$(stat 2 up2 xid_transmit)
check "the station sends its own Layer-2 Update again" sta_l2u "$STA"
sleep 3
check_eq "ap2: nothing relayed with the relay off" "$tx" "$(stat 2 up2 xid_transmit)"

dmesg_clean
