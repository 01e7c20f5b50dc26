# SPDX-License-Identifier: GPL-2.0
# Station events from nl80211 for a station that hostapd puts on an
# AP_VLAN interface (dynamic VLAN from a wpa_psk_file with vlanid=): the
# probe, watching the AP interface only, reports it associated, then
# authorized with the AP_VLAN's ifindex, which it finds in the AP_VLAN's
# station dump (mac80211's dump of the AP leaves the station out); a
# resync and a later probe find it there too; kick removes it and its
# DEL_STATION, which names the AP_VLAN, is reported as gone from the AP.
. "$(dirname "$0")/lib.sh"

SSID=apedge-t81
PSK="vlan ten passphrase"

modprobe bridge
modprobe mac80211_hwsim radios=2
check "two hwsim radios" wait_for 30 test -e /sys/class/net/wlan1
STA=$(cat /sys/class/net/wlan1/address)

mkfifo "$T/probe.in"
sta_events -v wlan0 <"$T/probe.in" >"$T/probe.out" 2>"$T/probe.err" &
probe=$!
exec 3>"$T/probe.in"
check "the probe listens on wlan0" \
	wait_for 60 grep -q 'listening for station events' "$T/probe.err"

echo "vlanid=10 00:00:00:00:00:00 $PSK" >"$T/hostapd.psk"
echo "10 wlan0.10" >"$T/hostapd.vlan"
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
wpa_psk_file=$T/hostapd.psk
dynamic_vlan=1
vlan_file=$T/hostapd.vlan
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up on wlan0" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
check "hostapd made the AP_VLAN wlan0.10" wait_for 30 test -e /sys/class/net/wlan0.10
VLAN=$(cat /sys/class/net/wlan0.10/ifindex)

cat >"$T/wpas.conf" <<EOC
ctrl_interface=$T/wpas
network={
	ssid="$SSID"
	key_mgmt=WPA-PSK
	psk="$PSK"
	scan_freq=2412
}
EOC
wpa_supplicant -t -Dnl80211 -iwlan1 -c "$T/wpas.conf" >"$T/wpas.log" 2>&1 &
check "the probe: associated" wait_for 90 grep -q "^associated wlan0 $STA\$" "$T/probe.out"
check "the probe: authorized, on wlan0.10 (ifindex $VLAN)" \
	wait_for 90 grep -q "^authorized wlan0 $STA vlan $VLAN\$" "$T/probe.out"
check "the station is on the AP_VLAN wlan0.10" \
	wait_for 30 bash -c "iw dev wlan0.10 station dump | grep -qi '$STA'"
check_fail "the AP's station dump leaves it out" \
	bash -c "iw dev wlan0 station dump | grep -qi '$STA'"

# Resync: found in the AP_VLAN's dump; nothing to report.  (A slow
# guest's first handshake may time out, so the station may have
# associated twice before: only what follows the resync counts.)
n=$(grep -c "station dump done" "$T/probe.err" || true)
l=$(wc -l <"$T/probe.out")
echo resync >&3
check "resync: done" \
	wait_for 30 bash -c "[ \$(grep -c 'station dump done' '$T/probe.err') -gt $n ]"
check_eq "resync: nothing reported (no gone, no second association)" "resync sent" \
	"$(tail -n +$((l + 1)) "$T/probe.out")"

# A later probe (a restart) finds it, with its VLAN.
sta_events wlan0 </dev/null >"$T/probe2.out" 2>"$T/probe2.err" &
probe2=$!
check "a later probe: associated and authorized on wlan0.10" \
	wait_for 60 bash -c "grep -q '^associated wlan0 $STA\$' '$T/probe2.out' &&
		grep -q '^authorized wlan0 $STA vlan $VLAN\$' '$T/probe2.out'"
kill "$probe2"

# Kick: the DEL_STATION event names wlan0.10, the probe reports wlan0.
echo "kick $STA" >&3
check "kick: gone from wlan0" wait_for 30 grep -q "^gone wlan0 $STA\$" "$T/probe.out"
check "kick: the kernel no longer has it" \
	bash -c "! iw dev wlan0.10 station dump | grep -qi '$STA'"

echo quit >&3
check "the probe quits on request" wait_for 20 bash -c "! kill -0 $probe"
exec 3>&-
echo "# probe output:"
sed 's/^/#   /' "$T/probe.out"
echo "# probe log:"
grep -v 'dumping' "$T/probe.err" | sed 's/^/#   /' | tail -n 30
echo "# hostapd log:"
sed 's/^/#   /' "$T/hostapd.log" | tail -n 30
