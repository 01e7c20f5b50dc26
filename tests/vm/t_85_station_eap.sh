# SPDX-License-Identifier: GPL-2.0
# vm-kernels: one
# vm-timeout: 400
# apedged as a WPA2-Enterprise station ([station wlan1] key_mgmt =
# WPA-EAP, daemon/apedged/eapol/sta_sm.c) against hostapd on
# mac80211_hwsim with its internal EAP server (eap_server=1, an EAP user
# file, certificates made here by tests/netns/eapol_lib.sh's mkcerts):
# wlan0 is the AP in the root namespace, wlan1 (its wiphy moved) the
# station in namespace "sta".
#  - PEAPv0/MSCHAPv2: the EAP exchange runs over the nl80211 control port,
#    the PMK is the MSK's first 32 octets (a wrong one fails message 2's
#    MIC at hostapd), the 4-way handshake installs the keys: COMPLETED,
#    ping both ways through the AP, "station show" names the method;
#    no EAPOL-Start from apedged (hostapd counts none received);
#  - a reauthentication from hostapd (EAPOL_REAUTH) is answered and the
#    connection stays;
#  - TTLS/PAP the same;
#  - a wrong password: EAP Failure, no key installed, never authorized,
#    the state says why, and the next attempt waits held_period.
# shellcheck disable=SC2016
. "$(dirname "$0")/lib.sh"
. "$top/tests/netns/eapol_lib.sh"

SSID=apedge-t85e
PW=apedge-secret

modprobe mac80211_hwsim radios=2
check "two hwsim radios" wait_for 30 test -e /sys/class/net/wlan1
phy=$(cat /sys/class/net/wlan1/phy80211/name)
ip netns add sta
check "wlan1's wiphy into namespace sta" iw phy "$phy" set netns name sta
check "wlan1 in sta" wait_for 10 ip netns exec sta test -e /sys/class/net/wlan1
S() { ip netns exec sta "$@"; }
check "certificates made" mkcerts

printf '%s\n' '"alice" PEAP,TTLS' \
	"\"alice\" MSCHAPV2,TTLS-PAP \"$PW\" [2]" >"$T/eap_users"
cat >"$T/hostapd.conf" <<EOC
interface=wlan0
driver=nl80211
ctrl_interface=$T/hostapd
ssid=$SSID
hw_mode=g
channel=1
wpa=2
wpa_key_mgmt=WPA-EAP
rsn_pairwise=CCMP
ieee8021x=1
eapol_version=2
eap_server=1
eap_user_file=$T/eap_users
ca_cert=$T/ca.pem
server_cert=$T/server.pem
private_key=$T/server.key
wpa_group_rekey=0
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up on wlan0" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
ip addr add 10.85.1.1/24 dev wlan0

# conf LINES...: [station wlan1] with WPA-EAP and these lines.
conf() {
	{
		cat <<-EOC
		[general]
		ctrl_socket = $T/ctl.sock
		log_level = debug

		[station wlan1]
		ssid = $SSID
		key_mgmt = WPA-EAP
		identity = alice
		ca_file = $T/ca.pem
		domain = radius.example.org
		EOC
		printf '%s\n' "$@"
	} >"$T/apedged.conf"
}
ctl() { S apedgectl -s "$T/ctl.sock" "$@"; }
field() { ctl -j station show dev wlan1 | jq -r ".[0].$1"; }
hapd() { hostapd_cli -p "$T/hostapd" -i wlan0 "$@"; }
export T
export -f S ctl field

diag() {
	echo "# station show:"
	ctl station show 2>&1 | sed 's/^/#   /'
	echo "# apedged log:"
	tail -n 40 "$T/apedged.log" | sed 's/^/#   /'
	echo "# hostapd log:"
	tail -n 20 "$T/hostapd.log" | sed 's/^/#   /'
}
pid=
start() {
	ip netns exec sta apedged -f -c "$T/apedged.conf" >>"$T/apedged.log" 2>&1 &
	pid=$!
	check "apedged answers ($1)" wait_for 30 ctl daemon ping
}
finish() {
	kill "$pid"
	check "apedged stops ($1)" wait_for 20 bash -c "! kill -0 $pid"
}

S ip link set wlan1 up
S ip addr add 10.85.1.2/24 dev wlan1
sta_mac=$(S cat /sys/class/net/wlan1/address)

# ---- PEAP/MSCHAPv2 -----------------------------------------------------------
conf "method = peap" "password = $PW"
start peap
ctl -j monitor daemon >"$T/events" 2>&1 &
check "peap: COMPLETED" wait_for 120 bash -c '[ "$(field state)" = COMPLETED ]'
[ "$(field state)" = COMPLETED ] || diag
check "hostapd: AP-STA-CONNECTED" wait_for 20 grep -q "AP-STA-CONNECTED" "$T/hostapd.log"
check_eq "key_mgmt WPA-EAP" WPA-EAP "$(field key_mgmt)"
check_eq "eap method peap" peap "$(field eap.method)"
check_eq "the PAE AUTHENTICATED" AUTHENTICATED "$(field eap.pae_state)"
# No EAPOL-Start from us: hostapd takes one for a reauthentication
# request and runs EAP again after the handshake.  hostapd also runs it
# again, with no Start, when it handles a second Association Request
# (mac80211 retries one the AP is slow to answer, as under load), so
# the number of exchanges is hostapd's; apedged answers every one.
hostapd_starts() {
	hapd sta "$sta_mac" | sed -n 's/^dot1xAuthEapolStartFramesRx=//p'
}
hostapd_successes() { grep -c CTRL-EVENT-EAP-SUCCESS "$T/hostapd.log"; }
check_eq "no EAPOL-Start sent" 0 "$(field eap.starts)"
check_eq "hostapd: no EAPOL-Start received" 0 "$(hostapd_starts)"
check_eq "an EAP success for each exchange hostapd ran" \
	"$(hostapd_successes)" "$(field eap.successes)"
assocs=$(grep -c 'IEEE 802.11: associated' "$T/hostapd.log")
echo "# hostapd: $assocs association(s), $(hostapd_successes) EAP exchange(s)"
if [ "$(field eap.successes)" != 1 ]; then
	echo "# transitions:"
	grep -E "station wlan1: |eapol wlan1: " "$T/apedged.log" | sed 's/^/#   /'
	grep -E "EAP|EAPOL|IEEE 802.1X|IEEE 802.11" "$T/hostapd.log" | head -40 | sed 's/^/#   /'
fi
check_eq "one PTK installed" 1 "$(field wpa.ptk_installs)"
check_eq "one GTK installed" 1 "$(field wpa.gtk_installs)"
check "kernel: the AP is authorized" bash -c "ip netns exec sta iw dev wlan1 station dump | grep -q 'authorized:[[:space:]]*yes'"
check "ping AP from the station" S ping -c 3 -i 0.3 -W 2 10.85.1.1
check "ping the station from the AP" ping -c 3 -i 0.3 -W 2 10.85.1.2
check "text output names the method" bash -c 'ctl station show | grep -q "eap peap, identity alice, PAE AUTHENTICATED"'
check "monitor: station-state AUTHENTICATING" grep -q '"state": *"AUTHENTICATING"' "$T/events"

# ---- reauthentication --------------------------------------------------------
check "hostapd: EAPOL_REAUTH" bash -c "hostapd_cli -p '$T/hostapd' -i wlan0 raw 'EAPOL_REAUTH $sta_mac' | grep -q OK"
check "reauthenticated" wait_for 60 bash -c '[ "$(field eap.reauths)" -ge 1 ]'
[ "$(field eap.reauths)" -ge 1 ] || diag
check_eq "an EAP success for each exchange, the reauthentication's too" \
	"$(hostapd_successes)" "$(field eap.successes)"
check "more than before it" test "$(field eap.successes)" -ge 2
check_eq "still no EAPOL-Start" 0 "$(hostapd_starts)"
check "still COMPLETED" wait_for 20 bash -c '[ "$(field state)" = COMPLETED ]'
check "ping after the reauthentication" S ping -c 3 -i 0.3 -W 2 10.85.1.1
check_eq "never disconnected" 0 "$(field counters.disconnects)"
finish peap
check "hostapd sees the station leave" wait_for 20 grep -q "AP-STA-DISCONNECTED" "$T/hostapd.log"

# ---- TTLS/PAP ----------------------------------------------------------------
conf "method = ttls" "phase2 = pap" "password = $PW"
start ttls
check "ttls: COMPLETED" wait_for 120 bash -c '[ "$(field state)" = COMPLETED ]'
[ "$(field state)" = COMPLETED ] || diag
check_eq "eap method ttls" ttls "$(field eap.method)"
check "ping through the AP (ttls)" S ping -c 3 -i 0.3 -W 2 10.85.1.1
finish ttls
check "hostapd sees the station leave (ttls)" wait_for 20 bash -c '[ "$(grep -c AP-STA-DISCONNECTED "$T/hostapd.log")" -ge 2 ]'

# ---- wrong password ----------------------------------------------------------
connected=$(grep -c AP-STA-CONNECTED "$T/hostapd.log")
conf "method = peap" "password = not-the-password" "held_period = 40"
start wrong
check "wrong password: the state says why" wait_for 90 bash -c 'field reason | grep -q "EAP authentication failed"'
field reason | grep -q "EAP authentication failed" || diag
# One snapshot: under TCG each apedgectl call takes a while.
snap=$(ctl -j station show dev wlan1)
sf() { jq -r ".[0].$1" <<<"$snap"; }
check_eq "DISCONNECTED" DISCONNECTED "$(sf state)"
check_eq "no key installed" 0 "$(sf counters.key_installs)"
check_eq "no PTK" 0 "$(sf wpa.ptk_installs)"
check_eq "never COMPLETED" 0 "$(sf counters.completed)"
check "an EAP failure counted" test "$(sf eap.failures)" -ge 1
check "the reason names the method and the Failure" bash -c "jq -r '.[0].reason' <<<'$snap' | grep -q 'method peap.*EAP Failure'"
n=$(sf next_attempt_ms)
check "the next attempt waits held_period ($n ms)" test "$n" -gt 20000 -a "$n" -le 40000
check "no new AP-STA-CONNECTED" test "$(grep -c AP-STA-CONNECTED "$T/hostapd.log")" = "$connected"
check "kernel: no station authorized" bash -c "! ip netns exec sta iw dev wlan1 station dump | grep -q 'authorized:[[:space:]]*yes'"
check "apedged alive" kill -0 "$pid"
finish wrong
true
