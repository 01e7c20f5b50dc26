# SPDX-License-Identifier: GPL-2.0
# Roaming between two hostapd APs (mac80211_hwsim, one ESS, two BSSIDs),
# each with apedged (nl80211 station events, IAPP on br0, kick through
# hostapd) and the module on its uplink; the test bed is
# tests/vm/roam_bed.sh.  A wpa_supplicant station joins AP1, then roams to
# AP2, and:
#  - AP2's uplink carries apedge's Layer-2 Update (XID, receive window 2)
#    for the station only after AP2 authorized it; mac80211's own (window
#    0), which AP2's bridge floods, is told apart and reported; the
#    module relayed mac80211's (wlan0 is a port with l2update_relay) and
#    apedged heard its sta-authorized-ntf;
#  - AP1 removes the station after AP2's ADD-notify;
#  - AP1's older ADD-notify, captured and replayed, leaves AP2's newer
#    association alone;
#  - with a key on both APs (a reload), a forged unsigned ADD-notify
#    removes nothing and is counted as an authentication failure;
#  - with AP2 reloaded to kick = nl80211, a roam back to AP1 has AP2
#    remove the station with DEL_STATION;
#  - each apedged follows its hostapd's events (ATTACH), takes hostapd's
#    answer to a kick and refuses nothing hostapd sends, and asks the
#    kernel at once on hostapd's AP-STA-CONNECTED.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/roam_bed.sh"

diag() {
	local n
	for n in 1 2; do
		echo "# ap$n iapp: $(ctl $n -j iapp show | jq -c '{sent, received, add, move, kick, "auth-failures"}')"
		echo "# apedged $n log:"
		grep -v 'GET_STATION\|dumping' "$T/apedged.$n.log" | tail -n 25 | sed 's/^/#   /'
		echo "# hostapd $n about the station:"
		grep -i "$STA" "$T/hostapd.$n.log" | tail -n 12 | sed 's/^/#   /'
	done
	echo "# wpa_supplicant:"
	grep -v 'CTRL-EVENT-SCAN\|RX ctrl_iface\|scan_results' "$T/wpas.log" | tail -n 30 | sed 's/^/#   /'
}

bed_setup	# (a failure stops the test)
check_match "test bed: three radios, the station's MAC" '^02:' "$STA"
echo "# BSSID1 $BSSID1 BSSID2 $BSSID2 STA $STA"

# Both sides of the switch: everything from ap2's uplink (XIDs), and the
# IAPP traffic.
tcpdump -i s2 -Q in -U -w "$T/s2.pcap" 'ether[12:2] <= 1500 or udp port 3517' \
	2>"$T/s2.err" &
tcpdump -i sw -U -w "$T/sw.pcap" 'udp port 3517 or tcp port 3517' 2>"$T/sw.err" &
check "captures on the switch" wait_for 20 bash -c "grep -q listening '$T/s2.err' && grep -q listening '$T/sw.err'"

bed_conf 1
bed_conf 2
check "apedged in ap1" bed_apedged 1
check "apedged in ap2" bed_apedged 2
check "ap1: up1 attached" wait_for 20 bash -c "apedgectl -n ap1 port show dev up1"
check "ap2: up2 attached" wait_for 20 bash -c "apedgectl -n ap2 port show dev up2"

check "hostapd on AP1" bed_hostapd 1
bed_sta "$BSSID1"
check "the station joins AP1" wait_for 90 bash -c "[ \"\$(ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -E '^(wpa_state|bssid)=' | sort | tr '\n' ' ')\" = 'bssid=$BSSID1 wpa_state=COMPLETED ' ]"
sta_on() {
	ctl "$1" -j sta show |
		jq -e ".stations[] | select(.mac == \"$STA\" and .state == \"$2\")"
}
check "ap1's apedged: the station authorized (nl80211)" wait_for 20 sta_on 1 authorized
check "ap1's apedged sent an ADD-notify" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.1.sock' -j iapp show | jq '.sent[\"add-notify\"]') -ge 1 ]"
check "ap2 heard it" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.2.sock' -j iapp show | jq '.received[\"add-notify\"]') -ge 1 ]"

check "hostapd on AP2" bed_hostapd 2
check_eq "before the roam: no XID for the station from ap2's uplink" "" \
	"$(xid_frames "$T/s2.pcap" "$STA")"

# ---- roam to AP2 ---------------------------------------------------------------
check "the station is asked to roam to AP2" sta_roam "$BSSID2"
check "the station is on AP2" wait_for 60 bash -c "[ \"\$(ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -E '^(wpa_state|bssid)=' | sort | tr '\n' ' ')\" = 'bssid=$BSSID2 wpa_state=COMPLETED ' ]"
check "ap2's apedged: the station authorized" wait_for 20 sta_on 2 authorized
check "apedge's XID (rw 02) for the station on ap2's uplink" \
	wait_for 20 bash -c "tcpdump -r '$T/s2.pcap' -n -xx 'ether src $STA and ether[12:2] <= 1500 and ether[19] = 2' 2>/dev/null | grep -q '^[0-9]'"
t_conn=$(connected_time 2)
xids=$(xid_frames "$T/s2.pcap" "$STA")
echo "# AP2 authorized the station at $t_conn; Layer-2 Updates from ap2:"
echo "$xids" | sed 's/^/#   /'
t_ape=$(echo "$xids" | awk '$2 == "02" { print $1; exit }')
t_mac=$(echo "$xids" | awk '$2 == "00" { print $1; exit }')
check "apedge's first XID follows AP2's authorization" \
	awk -v a="$t_conn" -v x="$t_ape" 'BEGIN { exit !(a != "" && x != "" && x >= a) }'
check "mac80211's own Layer-2 Update (rw 00) is there too, told apart" test -n "$t_mac"
echo "# apedge's XID after $(awk -v a="$t_conn" -v x="$t_ape" 'BEGIN { printf "%.1f", (x - a) * 1000 }') ms, mac80211's after $(awk -v a="$t_conn" -v x="$t_mac" 'BEGIN { printf "%.1f", (x - a) * 1000 }') ms"
check "ap2's module counted the XID on up2" \
	bash -c "apedgectl -n ap2 -j stats | jq -e '.[] | select(.ifname == \"up2\" and .xid_transmit >= 1)'"
check "ap2's module relayed mac80211's update (wlan0, l2update_relay)" \
	bash -c "apedgectl -n ap2 -j stats | jq -e '.[] | select(.ifname == \"wlan0\" and .l2update_relayed >= 1 and .l2update_refused == 0)'"
check "ap2's apedged heard it (sta-authorized-ntf) and asked nl80211" \
	grep -q "port wlan0: the module relayed the Layer-2 Update of $STA" "$T/apedged.2.log"

# ---- AP1 lets it go -------------------------------------------------------------
check "ap1's apedged: add_kicked = 1" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.1.sock' -j iapp show | jq '.add.kicked') = 1 ]"
check "ap1's apedged kicked through hostapd" \
	bash -c "[ \$(apedgectl -s '$T/apedged.1.sock' -j iapp show | jq '.kick.hostapd') = 1 ]"
# The wifi engine's hostapd client: attached, hinted, answered.
check "ap1's and ap2's apedged follow their hostapd's events" \
	bash -c "grep -q 'hostapd wlan0: following its events' '$T/apedged.1.log' &&
		grep -q 'hostapd wlan0: following its events' '$T/apedged.2.log'"
check "ap1's apedged took hostapd's OK to the kick" \
	wait_for 10 grep -q "hostapd wlan0: station $STA deauthenticated" "$T/apedged.1.log"
check "nothing hostapd sent was refused" \
	bash -c "! grep -h 'hostapd' '$T/apedged.1.log' '$T/apedged.2.log' | grep -q 'refused\|malformed'"
check "ap1's apedged: the station is no longer associated there" \
	wait_for 20 bash -c "! apedgectl -s '$T/apedged.1.sock' -j sta show | jq -e '.stations[] | select(.mac == \"$STA\" and .state != \"gone\")'"
check "AP1's kernel no longer lists the station" \
	wait_for 20 bash -c "! ip netns exec ap1 iw dev wlan0 station dump | grep -qi '$STA'"
check "AP2 still has it" bash -c "ip netns exec ap2 iw dev wlan0 station dump | grep -qi '$STA'"
[ "$(grep -c '^not ok' "$results")" = 0 ] || diag

# ---- replay of AP1's older ADD-notify -------------------------------------------
old=$(tcpdump -r "$T/sw.pcap" -n -xx "udp port 3517 and src host 10.0.0.1" 2>/dev/null |
	awk '/^[0-9]/ { f++ } f == 1 && /^[[:space:]]+0x[0-9a-f]+:/ { for (i = 2; i <= NF; i++) h = h $i } END { print substr(h, 85, 32) }')
echo "# AP1's ADD-notify: $old"
check_match "AP1's ADD-notify for the station was captured" \
	"^0000....00100600${STA//:/}" "$old"
stale0=$(ctl 2 -j iapp show | jq '.add["ignored-stale"]')
check "the replay is sent from the switch" iapp_inject "$old"
check "ap2 ignores it as stale" \
	wait_for 60 bash -c "[ \$(apedgectl -s '$T/apedged.2.sock' -j iapp show | jq '.add[\"ignored-stale\"]') -gt $stale0 ]"
check "ap2 keeps the station" sta_on 2 authorized
check "AP2's kernel keeps it" bash -c "ip netns exec ap2 iw dev wlan0 station dump | grep -qi '$STA'"
check_eq "ap2 kicked nobody" 0 "$(ctl 2 -j iapp show | jq '.add.kicked')"

# ---- with a key: a forged ADD-notify --------------------------------------------
KEY=00112233445566778899aabbccddeeff
bed_conf 1 "$KEY"
bed_conf 2 "$KEY"
kill -HUP "$(cat "$T/apedged.1.pid")" "$(cat "$T/apedged.2.pid")"
check "both apedged reloaded with the key" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.1.sock' -j iapp show | jq .auth) = true ] &&
		[ \$(apedgectl -s '$T/apedged.2.sock' -j iapp show | jq .auth) = true ]"
seq=$(ctl 2 -j sta show | jq ".stations[] | select(.mac == \"$STA\") | .seq")
forged=$(printf '0000beef0010060%s%04x' "0${STA//:/}" $(((seq + 100) & 0xffff)))
echo "# forged ADD-notify (seq $seq + 100): $forged"
auth0=$(ctl 2 -j iapp show | jq '."auth-failures"')
check "the forged ADD-notify is sent from the switch" iapp_inject "$forged"
check "ap2 counts an authentication failure" \
	wait_for 60 bash -c "[ \$(apedgectl -s '$T/apedged.2.sock' -j iapp show | jq '.\"auth-failures\"') -gt $auth0 ]"
check "ap2 keeps the station" sta_on 2 authorized
check "AP2's kernel keeps it" bash -c "ip netns exec ap2 iw dev wlan0 station dump | grep -qi '$STA'"
check_eq "ap2 kicked nobody" 0 "$(ctl 2 -j iapp show | jq '.add.kicked + .kick.hostapd')"
check_eq "the station stays on AP2" "COMPLETED $BSSID2" "$(sta_state)"

# ---- back to AP1, AP2 kicking through nl80211 (DEL_STATION) ---------------------
kick_method_is() {
	[ "$(ctl "$1" -j iapp show | jq -r '."kick-method"')" = "$2" ]
}
check "ap2 kicks through hostapd" kick_method_is 2 hostapd
bed_conf 2 "$KEY" nl80211
kill -HUP "$(cat "$T/apedged.2.pid")"
check "ap2 reloaded with kick = nl80211" \
	wait_for 20 kick_method_is 2 nl80211
check "the station is asked to roam back to AP1" sta_roam "$BSSID1"
check "ap1's apedged: the station authorized again" wait_for 60 sta_on 1 authorized
check "ap2 removed it through nl80211 (kick hook)" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.2.sock' -j iapp show | jq '.kick.hook') = 1 ]"
check "AP2's kernel no longer lists the station" \
	wait_for 20 bash -c "! ip netns exec ap2 iw dev wlan0 station dump | grep -qi '$STA'"
check "ap1 fetched its context from ap2 (MOVE, signed)" \
	wait_for 20 bash -c "[ \$(apedgectl -s '$T/apedged.1.sock' -j iapp show | jq '.move.successful') = 1 ]"
# By now ap1 has long followed its hostapd: the roam back was hinted.
check "an apedged asked at once on hostapd's AP-STA-CONNECTED" \
	grep -q "station $STA: hostapd says it is connected" "$T/apedged.1.log" "$T/apedged.2.log"

diag
