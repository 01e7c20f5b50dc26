# SPDX-License-Identifier: GPL-2.0
# Not a test (no t_ prefix: tests/vm/run runs it only when named,
# "tests/vm/run -k 6.12 wpa_capture"): a real WPA2-PSK 4-way handshake
# between hostapd and wpa_supplicant on mac80211_hwsim, run with -dd -K,
# and the frames and keys wpa_supplicant printed, as "# W" lines.  The
# vectors of tests/unit/apedged_eapol_wpa_real.c come from it.
. "$(dirname "$0")/lib.sh"
modprobe mac80211_hwsim radios=2
check "radios" wait_for 30 test -e /sys/class/net/wlan1
echo "# AA $(cat /sys/class/net/wlan0/address) SPA $(cat /sys/class/net/wlan1/address)"
cat >"$T/hostapd.conf" <<EOC
interface=wlan0
driver=nl80211
ssid=apedge-vec
hw_mode=g
channel=1
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=correct horse battery staple
wpa_group_rekey=0
EOC
hostapd -dd -K "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
cat >"$T/wpas.conf" <<EOC
network={
	ssid="apedge-vec"
	key_mgmt=WPA-PSK
	psk="correct horse battery staple"
	scan_freq=2412
}
EOC
wpa_supplicant -dd -K -Dnl80211 -iwlan1 -c "$T/wpas.conf" >"$T/wpas.log" 2>&1 &
check "connected" wait_for 120 grep -q 'CTRL-EVENT-CONNECTED' "$T/wpas.log"
grep -E 'RX EAPOL-Key|TX EAPOL-Key|Renewed SNonce|WPA: (PTK|TK|GTK|KEK) |RX message|Sending EAPOL-Key|IE in 3/4|decrypted EAPOL-Key key data|CONNECTED|Installing' "$T/wpas.log" | sed 's/^/# W /' | head -150
true
kill %1 %2 2>/dev/null
wait
