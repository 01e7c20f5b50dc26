# SPDX-License-Identifier: GPL-2.0
# Not a test (no t_ prefix: tests/vm/run runs it only when named,
# "tests/vm/run -k 6.12 bench_station"): the wireless half of the EAPOL
# benchmark (tests/bench/eapol.sh is the wired half).  apedged
# ([station wlan1]) and wpa_supplicant (-Dnl80211), interleaved run after
# run, connect with WPA2-PSK to the same hostapd on mac80211_hwsim; each
# run is timed from the client's start (the interface already up, the
# AP's channel given to both: freq = 2412 and scan_freq=2412) to
# hostapd's AP-STA-CONNECTED for it (the 4-way handshake done), read from
# hostapd's own microsecond timestamps (hostapd -t), so that one observer
# times both.  Between runs the client is stopped and hostapd must see
# the station leave.  Prints each run, then the median and worst of each
# client and the ratio of the medians.  APEDGE_BENCH_RUNS (20) per client.
# Under TCG the figures are slow and noisy; the ratio is what to read.
# vm-timeout: 900
. "$(dirname "$0")/lib.sh"

runs=${APEDGE_BENCH_RUNS:-20}
SSID=apedge-bench
PSK="correct horse battery staple"

modprobe mac80211_hwsim radios=2
check "two hwsim radios" wait_for 30 test -e /sys/class/net/wlan1
phy=$(cat /sys/class/net/wlan1/phy80211/name)
ip netns add sta
check "wlan1 into sta" iw phy "$phy" set netns name sta
cat >"$T/hostapd.conf" <<EOC
interface=wlan0
driver=nl80211
ssid=$SSID
hw_mode=g
channel=1
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$PSK
EOC
hostapd -t "$T/hostapd.conf" >"$T/hostapd.log" 2>&1 &
check "hostapd up" wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.log"
cat >"$T/apedged.conf" <<EOC
[general]
ctrl_socket = $T/ctl.sock

[station wlan1]
ssid = $SSID
psk = $PSK
freq = 2412
EOC
cat >"$T/wpas.conf" <<EOC
network={
	ssid="$SSID"
	key_mgmt=WPA-PSK
	psk="$PSK"
	scan_freq=2412
}
EOC

# One run of client $1; prints the seconds, or "fail".
one() {
	local before left t0 t1 pid
	before=$(grep -c AP-STA-CONNECTED "$T/hostapd.log")
	left=$(grep -c AP-STA-DISCONNECTED "$T/hostapd.log")
	ip netns exec sta ip link set wlan1 up
	t0=$(date +%s.%N)
	if [ "$1" = apedged ]; then
		ip netns exec sta apedged -f -c "$T/apedged.conf" \
			>>"$T/apedged.log" 2>&1 &
	else
		ip netns exec sta wpa_supplicant -Dnl80211 -iwlan1 \
			-c "$T/wpas.conf" >>"$T/wpas.log" 2>&1 &
	fi
	pid=$!
	if wait_for 30 bash -c "[ \$(grep -c AP-STA-CONNECTED '$T/hostapd.log') -gt $before ]"; then
		t1=$(grep AP-STA-CONNECTED "$T/hostapd.log" | tail -n 1 | cut -d: -f1)
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
	else
		echo fail
	fi
	kill "$pid"
	wait_for 20 bash -c "! kill -0 $pid"
	wait_for 20 bash -c "[ \$(grep -c AP-STA-DISCONNECTED '$T/hostapd.log') -gt $left ]"
}

: >"$T/times"
for i in $(seq "$runs"); do
	for c in apedged wpa_supplicant; do
		s=$(one "$c")
		echo "# run $i $c $s"
		echo "$c $s" >>"$T/times"
	done
done

stats() {
	grep "^$1 " "$T/times" | awk '$2 != "fail" { print $2 }' | sort -n |
		awk '{ v[NR] = $1 } END {
			if (!NR) { print "none none 0"; exit }
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.3f %.3f %d\n", m, v[NR], NR }'
}
read -r am aw an <<<"$(stats apedged)"
read -r wm ww wn <<<"$(stats wpa_supplicant)"
echo "# apedged:        median ${am} s, worst ${aw} s ($an of $runs authorized)"
echo "# wpa_supplicant: median ${wm} s, worst ${ww} s ($wn of $runs authorized)"
echo "# ratio (apedged / wpa_supplicant medians): $(awk -v a="$am" -v b="$wm" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
check_eq "apedged: every run authorized" "$runs" "$an"
check_eq "wpa_supplicant: every run authorized" "$runs" "$wn"
true
