# SPDX-License-Identifier: GPL-2.0
# apedged as a WPA2-PSK station ([station wlan1], daemon/apedged/eapol/
# station.c) against hostapd on mac80211_hwsim: wlan0 is the AP in the
# root namespace, wlan1 (its wiphy moved) the station in namespace "sta".
#  - the station reaches COMPLETED through cfg80211's SME, EAPOL over the
#    nl80211 control port, keys installed with NEW_KEY, the port
#    authorized with SET_STATION; ping goes both ways through the AP;
#  - a GTK rekey from hostapd (REKEY_GTK) is taken (gtk_installs 2) and
#    traffic keeps flowing (broadcast too: the new GTK is the one in use);
#  - with a wrong PSK: no crash, the state says why, the attempts back off
#    (the wait doubles), and the daemon still answers.
# The bash -c bodies are expanded by that bash (field is exported).
# shellcheck disable=SC2016
. "$(dirname "$0")/lib.sh"

SSID=apedge-t85
PSK="correct horse battery staple"

modprobe mac80211_hwsim radios=2
check "two hwsim radios" wait_for 30 test -e /sys/class/net/wlan1
phy=$(cat /sys/class/net/wlan1/phy80211/name)
ip netns add sta
check "wlan1's wiphy into namespace sta" iw phy "$phy" set netns name sta
check "wlan1 in sta" wait_for 10 ip netns exec sta test -e /sys/class/net/wlan1
S() { ip netns exec sta "$@"; }

cat >"$T/hostapd.conf" <<EOC
interface=wlan0
driver=nl80211
ctrl_interface=$T/hostapd
ssid=$SSID
hw_mode=g
channel=1
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$PSK
wpa_group_rekey=0
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up on wlan0" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
ip addr add 10.85.0.1/24 dev wlan0

conf() {
	cat >"$T/apedged.conf" <<EOC
[general]
ctrl_socket = $T/ctl.sock

[station wlan1]
ssid = $SSID
psk = $1
EOC
}
ctl() { S apedgectl -s "$T/ctl.sock" "$@"; }
field() { ctl -j station show dev wlan1 | jq -r ".[0].$1"; }
export T
export -f S ctl field

diag() {
	echo "# station show:"
	ctl station show 2>&1 | sed 's/^/#   /'
	echo "# apedged log:"
	tail -n 30 "$T/apedged.log" | sed 's/^/#   /'
	echo "# hostapd log:"
	tail -n 20 "$T/hostapd.log" | sed 's/^/#   /'
}

# ---- right PSK ---------------------------------------------------------------
conf "$PSK"
S ip link set wlan1 up
S ip addr add 10.85.0.2/24 dev wlan1
ip netns exec sta apedged -f -c "$T/apedged.conf" >"$T/apedged.log" 2>&1 &
pid=$!
check "apedged answers" wait_for 30 ctl daemon ping
ctl -j monitor daemon >"$T/events" 2>&1 &
if ! check "station: COMPLETED" wait_for 90 bash -c '[ "$(field state)" = COMPLETED ]'; then
	diag
fi
check "hostapd: AP-STA-CONNECTED" wait_for 20 grep -q "AP-STA-CONNECTED" "$T/hostapd.log"
check_eq "one PTK installed" 1 "$(field wpa.ptk_installs)"
check_eq "one GTK installed" 1 "$(field wpa.gtk_installs)"
check_eq "bssid is wlan0's" "$(cat /sys/class/net/wlan0/address)" "$(field bssid)"
check_eq "freq 2412" 2412 "$(field freq)"
check "kernel: the AP is authorized" bash -c "ip netns exec sta iw dev wlan1 station dump | grep -q 'authorized:[[:space:]]*yes'"
check "ping AP from the station" S ping -c 3 -i 0.3 -W 2 10.85.0.1
check "ping the station from the AP" ping -c 3 -i 0.3 -W 2 10.85.0.2

# ---- GTK rekey ---------------------------------------------------------------
check "hostapd: REKEY_GTK" bash -c "hostapd_cli -p '$T/hostapd' -i wlan0 raw REKEY_GTK | grep -q OK"
check "the new GTK installed" wait_for 20 bash -c '[ "$(field wpa.gtk_installs)" = 2 ]'
check_eq "still COMPLETED" COMPLETED "$(field state)"
check "ping after the rekey" S ping -c 3 -i 0.3 -W 2 10.85.0.1
# Broadcast from the AP is encrypted with the new GTK: the station must
# answer an ARP request it could only read with it.
S ip neigh flush dev wlan1
ip neigh flush dev wlan0
check "ARP (broadcast) after the rekey" ping -c 2 -i 0.3 -W 2 10.85.0.2
check_eq "no KRACK drops, no MIC failures" 0 "$(field 'wpa.drops.mic + .[0].wpa.drops.replay')"
check "monitor: station-state COMPLETED" grep -q '"state": *"COMPLETED"' "$T/events"
check "text output names the state" bash -c 'ctl station show | grep -q "wlan1: COMPLETED"'

# ---- wrong PSK ---------------------------------------------------------------
kill "$pid"
check "apedged stops" wait_for 20 bash -c "! kill -0 $pid"
# The connection belonged to apedged's socket: the kernel ends it.
check "hostapd sees the station leave" wait_for 20 grep -q "AP-STA-DISCONNECTED" "$T/hostapd.log"
conf "not the right passphrase"
ip netns exec sta apedged -f -c "$T/apedged.conf" >"$T/apedged.log" 2>&1 &
pid=$!
check "apedged answers (wrong PSK)" wait_for 30 ctl daemon ping
if ! check "a handshake fails, and says why" wait_for 60 bash -c 'field reason | grep -q "wrong PSK"'; then
	diag
fi
# The waits double: after two failed handshakes the next is 4 s or more
# (without the backoff it would stay at 1 s).
check "a second failure" wait_for 30 bash -c '[ "$(field counters.handshake_failures)" -ge 2 ]'
check "the backoff grows ($(field backoff_ms) ms)" test "$(field backoff_ms)" -ge 4000
n=$(field counters.connects)
check "attempts bounded ($n)" test "$n" -ge 2 -a "$n" -le 8
check_eq "never COMPLETED" 0 "$(field counters.completed)"
check "apedged alive" kill -0 "$pid"
check "no new AP-STA-CONNECTED" test "$(grep -c AP-STA-CONNECTED "$T/hostapd.log")" = 1
kill "$pid"
wait_for 20 bash -c "! kill -0 $pid"
true
