# SPDX-License-Identifier: GPL-2.0
# Station events from nl80211 (daemon/apedged/wifi/nl80211.c, through the
# tests/tools/sta_events probe): a WPA2-PSK hostapd on one mac80211_hwsim
# radio, a wpa_supplicant station on the other.  The probe reports the
# station associated, then authorized only once the 4-way handshake is
# done; with a wrong PSK never authorized (CVE-2019-5108); "kick" removes
# it; a probe started later finds it in the station dump.
. "$(dirname "$0")/lib.sh"

SSID=apedge-t80
PSK="correct horse battery staple"

# The probe, started before cfg80211 is there when it is not loaded yet.
cfg80211_was_loaded=
grep -q '^cfg80211 ' /proc/modules && cfg80211_was_loaded=1
mkfifo "$T/probe.in"
sta_events -v wlan0 <"$T/probe.in" >"$T/probe.out" 2>"$T/probe.err" &
probe=$!
exec 3>"$T/probe.in"

if [ -z "$cfg80211_was_loaded" ]; then
	check "without cfg80211 the probe says so" \
		wait_for 30 grep -q 'family "nl80211" not found' "$T/probe.err"
fi

modprobe mac80211_hwsim radios=2
check "two hwsim radios: wlan0 and wlan1" wait_for 30 test -e /sys/class/net/wlan1
STA=$(cat /sys/class/net/wlan1/address)
echo "# station MAC $STA"
check "the probe finds nl80211 and wlan0" \
	wait_for 60 bash -c "grep -q 'listening for station events' '$T/probe.err' &&
		grep -q 'watching wlan0' '$T/probe.err'"

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
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up on wlan0" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"

# wpa_supplicant on wlan1 with the PSK given; its log in $T/wpas.$1.log.
start_sta() {
	cat >"$T/wpas.$1.conf" <<EOC
ctrl_interface=$T/wpas.$1
network={
	ssid="$SSID"
	key_mgmt=WPA-PSK
	psk="$2"
	scan_freq=2412
}
EOC
	wpa_supplicant -t -Dnl80211 -iwlan1 -c "$T/wpas.$1.conf" \
		>"$T/wpas.$1.log" 2>&1 &
	echo $! >"$T/wpas.$1.pid"
}

stop_sta() {
	local pid
	pid=$(cat "$T/wpas.$1.pid")
	kill "$pid" 2>/dev/null
	wait_for 20 bash -c "! kill -0 $pid"
}

# The probe's events for the station make sense: associated, at most one
# authorized, gone; again.  (Under TCG the first handshakes may time out:
# then the station associates more than once.)
well_formed() {
	awk -v m="$STA" '
		$3 != m || $1 !~ /^(associated|authorized|gone)$/ { next }
		$1 == "associated" && s != "" && s != "gone" { bad = NR }
		$1 == "authorized" && s != "associated" { bad = NR }
		$1 == "gone" && s != "associated" && s != "authorized" { bad = NR }
		{ s = $1 }
		END { if (bad) { print "line " bad " out of order"; exit 1 } }
	' "$1"
}

# The line number in the probe's output of "EVENT wlan0 $STA" (0: none).
line_of() {
	local n
	n=$(grep -n -m1 "^$1 wlan0 $STA\$" "$T/probe.out" | cut -d: -f1)
	echo "${n:-0}"
}

# ---- right PSK ---------------------------------------------------------------
start_sta good "$PSK"
check "the probe: associated" wait_for 90 grep -q "^associated wlan0 $STA\$" "$T/probe.out"
check "the probe: authorized" wait_for 90 grep -q "^authorized wlan0 $STA\$" "$T/probe.out"
check "hostapd: AP-STA-CONNECTED" wait_for 30 grep -q "AP-STA-CONNECTED $STA" "$T/hostapd.log"
a=$(line_of associated)
z=$(line_of authorized)
check "authorized after associated (lines $a, $z)" test "$a" -gt 0 -a "$z" -gt "$a"
# hostapd logs AP-STA-CONNECTED, then sets AUTHORIZED in the kernel: the
# probe, which believes only the kernel, cannot report it earlier.
t_probe=$(sed -n "s/^sta_events: authorized wlan0 $STA at //p" "$T/probe.err" | head -n 1)
t_hapd=$(grep -m1 "AP-STA-CONNECTED $STA" "$T/hostapd.log" | cut -d: -f1)
check "authorized at $t_probe, not before hostapd's AP-STA-CONNECTED at $t_hapd" \
	awk -v a="$t_probe" -v b="$t_hapd" 'BEGIN {
		if (split(a, x, ".") != 2 || split(b, y, ".") != 2) exit 1
		exit !(x[1] + 0 > y[1] + 0 || (x[1] + 0 == y[1] + 0 && x[2] >= y[2]))
	}'
check "associated, authorized, gone in order" well_formed "$T/probe.out"
check_eq "authorized as often as hostapd said AP-STA-CONNECTED" \
	"$(grep -c "AP-STA-CONNECTED $STA" "$T/hostapd.log")" \
	"$(grep -c "^authorized wlan0 $STA\$" "$T/probe.out")"

# A probe started now (a daemon restart) finds the station in the dump.
sta_events wlan0 </dev/null >"$T/probe2.out" 2>"$T/probe2.err" &
probe2=$!
check "a later probe finds the station associated and authorized" \
	wait_for 60 bash -c "grep -q '^associated wlan0 $STA\$' '$T/probe2.out' &&
		grep -q '^authorized wlan0 $STA\$' '$T/probe2.out'"
check "the later probe's events in order" well_formed "$T/probe2.out"
kill "$probe2"

# ---- kick --------------------------------------------------------------------
# DEL_STATION removes the kernel's station entry; mac80211 sends no
# deauthentication frame for it (hostapd's own deauthenticate does), so
# hostapd and the station learn of it later (the station's next frames
# meet a class 3 error and it comes back).  What is checked is the kernel.
echo "kick $STA" >&3
check "kick sent" wait_for 20 grep -q "^kick $STA sent" "$T/probe.out"
check "the kernel no longer has the station on wlan0" \
	wait_for 20 bash -c "! iw dev wlan0 station dump | grep -qi '$STA'"
check "the probe: gone after kick" wait_for 30 grep -q "^gone wlan0 $STA\$" "$T/probe.out"
check "the probe: the kernel acknowledged the removal" \
	wait_for 20 grep -q "station $STA removed on request" "$T/probe.err"
stop_sta good
# It may have come back in between; once its supplicant is gone, it goes.
check "no station left on wlan0" wait_for 30 bash -c "[ -z \"\$(iw dev wlan0 station dump)\" ]"
check "the probe's last word on it is gone" \
	wait_for 30 bash -c "grep '$STA' '$T/probe.out' | grep -v '^kick' | tail -n 1 | grep -q '^gone '"

# ---- wrong PSK (CVE-2019-5108) ------------------------------------------------
n0=$(wc -l <"$T/probe.out")
c0=$(grep -c "AP-STA-CONNECTED $STA" "$T/hostapd.log" || true)
# (A slow guest may have seen a mismatch with the right PSK: timeouts.)
m0=$(grep -c "AP-STA-POSSIBLE-PSK-MISMATCH $STA" "$T/hostapd.log" || true)
start_sta bad "not the passphrase"
check "wrong PSK: hostapd sees the 4-way handshake fail" \
	wait_for 90 bash -c "[ \$(grep -c 'AP-STA-POSSIBLE-PSK-MISMATCH $STA' '$T/hostapd.log') -gt $m0 ]"
check "wrong PSK: the probe saw it associate" \
	wait_for 30 bash -c "tail -n +$((n0 + 1)) '$T/probe.out' | grep -q '^associated wlan0 $STA\$'"
# Let it try again for a while: each attempt associates and fails.
wait_for 60 bash -c "[ \$(grep -c 'AP-STA-POSSIBLE-PSK-MISMATCH $STA' '$T/hostapd.log') -ge $((m0 + 3)) ]" || true
stop_sta bad
check "wrong PSK: the probe reported gone" \
	wait_for 30 bash -c "tail -n +$((n0 + 1)) '$T/probe.out' | grep -q '^gone wlan0 $STA\$'"
check_eq "wrong PSK: never authorized" "" \
	"$(tail -n +$((n0 + 1)) "$T/probe.out" | grep '^authorized')"
check_eq "hostapd agrees: no AP-STA-CONNECTED with the wrong PSK" "$c0" \
	"$(grep -c "AP-STA-CONNECTED $STA" "$T/hostapd.log")"

# ---- cfg80211 going away is seen -------------------------------------------------
pkill -x hostapd || true
wait_for 20 bash -c '! pgrep -x hostapd' || true
modprobe -r mac80211_hwsim
if modprobe -r mac80211 cfg80211 2>/dev/null; then
	check "the probe sees cfg80211 go" \
		wait_for 30 grep -q 'went away' "$T/probe.err"
fi
check "all the probe's events in order" well_formed "$T/probe.out"
check "the probe is still running" kill -0 "$probe"
echo quit >&3
check "the probe quits on request" wait_for 20 bash -c "! kill -0 $probe"
exec 3>&-

echo "# probe output:"
sed 's/^/#   /' "$T/probe.out"
echo "# hostapd's log about the station:"
grep "$STA" "$T/hostapd.log" | sed 's/^/#   /' | tail -n 20
echo "# probe log:"
grep -v 'GET_STATION\|dumping' "$T/probe.err" | sed 's/^/#   /' | tail -n 40
