#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of roam convergence, in the test bed of tests/vm/t_82_roam.sh
# (tests/vm/roam_bed.sh): a wpa_supplicant station roams back and forth
# between two hostapd APs, each with apedged (IAPP, kick through hostapd)
# and the module on its uplink.  For each roam, from the station's
# authorization on the new AP (hostapd's AP-STA-CONNECTED, hostapd -t):
#
#   (a) to apedge's Layer-2 Update (XID, receive window 2) on the switch;
#   (b) to the station's removal from the old AP (its hostapd's
#       AP-STA-DISCONNECTED, which follows apedged's DEAUTHENTICATE);
#   (c) the reference, measured in the same run: to mac80211's own
#       Layer-2 Update (receive window 0), which the AP's bridge floods;
#   (a)-(c) per roam: how long after mac80211's frame apedge's came.
#
#   tests/bench/roam.sh [-k 6.1|6.12] [ROAMS]     (default 6.12, 20 roams)
#
# It prints the median and the worst of each, and the ratio of the
# medians (a)/(c).  Under TCG the figures are slow in absolute terms; the
# ratio is the point.  Roams stop after APEDGE_BENCH_BUDGET seconds (360)
# even if fewer than ROAMS were done; the count is printed.  This is a
# benchmark, not a test: it never fails on a figure.
set -euo pipefail

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_boot 20 "$@"

roams=${2:-20}
budget=${APEDGE_BENCH_BUDGET:-360}
set +e
# shellcheck disable=SC1091
. tests/vm/lib.sh
# shellcheck disable=SC1091
. tests/vm/roam_bed.sh
trap - ERR

bed_setup || { echo "the test bed failed" >&2; exit 1; }
tcpdump -i sw -U -w "$T/xid.pcap" 'ether[12:2] <= 1500 and ether[14:4] = 0x0001af81' \
	2>"$T/cap.err" &
cap=$!
wait_for 20 grep -q listening "$T/cap.err" || exit 1
for n in 1 2; do
	bed_conf "$n"
	bed_apedged "$n" || exit 1
	bed_hostapd "$n" || exit 1
done
bed_sta
wait_for 120 bash -c "ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -q '^wpa_state=COMPLETED'" ||
	{ echo "the station did not connect" >&2; exit 1; }

# count N EVENT: hostapd N's AP-STA-<EVENT> lines for the station.
count() {
	grep -ci "AP-STA-$2 $STA" "$T/hostapd.$1.log"
}
last() {
	grep -i "AP-STA-$2 $STA" "$T/hostapd.$1.log" | tail -n 1 | cut -d: -f1
}

start=$SECONDS
done_roams=0
: >"$T/roams"
for ((i = 0; i < roams && SECONDS - start < budget; i++)); do
	cur=$(sta_state | cut -d' ' -f2)
	if [ "$cur" = "$BSSID1" ]; then
		old=1 new=2 target=$BSSID2
	else
		old=2 new=1 target=$BSSID1
	fi
	c0=$(count "$new" CONNECTED)
	d0=$(count "$old" DISCONNECTED)
	sta_roam "$target" || { echo "# roam $i: no scan result for $target"; continue; }
	if ! wait_for 60 bash -c "[ \$(grep -ci 'AP-STA-CONNECTED $STA' '$T/hostapd.$new.log') -gt $c0 ]"; then
		echo "# roam $i: not authorized on AP$new"
		continue
	fi
	wait_for 30 bash -c "[ \$(grep -ci 'AP-STA-DISCONNECTED $STA' '$T/hostapd.$old.log') -gt $d0 ]" ||
		echo "# roam $i: AP$old did not remove the station"
	# The station settles before the next roam.
	wait_for 30 bash -c "ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 status | grep -q '^wpa_state=COMPLETED'"
	echo "$(last "$new" CONNECTED) $(last "$old" DISCONNECTED)" >>"$T/roams"
	done_roams=$((done_roams + 1))
done
sleep 1
kill "$cap" 2>/dev/null
wait "$cap" 2>/dev/null

xid_frames "$T/xid.pcap" "$STA" >"$T/xids"
echo "# $done_roams roams of $roams asked, in $((SECONDS - start)) s (kernel $(uname -r))"
# For each roam: the first XID of each kind at or after the
# authorization, and the removal; milliseconds.
awk '
	NR == FNR { x[NR] = $1; rw[NR] = $2; nx = NR; next }
	{
		a = ""; c = ""
		for (i = 1; i <= nx; i++) {
			if (x[i] < $1 || x[i] - $1 > 5)
				continue
			if (rw[i] == "02" && a == "")
				a = (x[i] - $1) * 1000
			if (rw[i] == "00" && c == "")
				c = (x[i] - $1) * 1000
		}
		b = ($2 != "" && $2 >= $1) ? ($2 - $1) * 1000 : ""
		printf "%s %s %s\n", a == "" ? "-" : a, b == "" ? "-" : b, c == "" ? "-" : c
	}' "$T/xids" "$T/roams" >"$T/figures"
# summary FORMAT COL [FILE]: printf FORMAT with the median, the worst and
# the count of a column of FILE ($T/figures); nothing if it has no value.
summary() {
	local fmt=$1
	shift
	awk -v col="$1" '$col != "-" { print $col }' "${2:-$T/figures}" | sort -g |
		awk -v fmt="$fmt" '{ v[NR] = $1 } END {
			if (!NR) exit
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf fmt, m, v[NR], NR }'
}
# stats COL [FILE]: median and worst; FMT_DIGITS decimals (1 by default).
stats() {
	local s d=${FMT_DIGITS:-1}
	s=$(summary "median %.${d}f ms, worst %.${d}f ms (n=%d)\n" "$@")
	echo "${s:-n=0}"
}
median() { summary '%s\n' "$@"; }
echo "(a) authorization -> apedge's XID on the switch:        $(stats 1)"
echo "(b) authorization -> removal from the old AP:           $(stats 2)"
echo "(c) authorization -> mac80211's Layer-2 Update (ref.):  $(stats 3)"
# The issue's target is per roam: apedge's frame after mac80211's own.
awk '$1 != "-" && $3 != "-" { print $1 - $3 }' "$T/figures" >"$T/lag"
# In microseconds: with the relay in the hook it is a few tens of them,
# and negative (apedge's frame leaves first).
echo "(a)-(c) apedge's XID after mac80211's, per roam:       $(FMT_DIGITS=3 stats 1 "$T/lag")"
ma=$(median 1)
mc=$(median 3)
if [ -n "$ma" ] && [ -n "$mc" ]; then
	awk -v a="$ma" -v c="$mc" 'BEGIN { printf "ratio of medians (a)/(c): %.1f\n", (c > 0 ? a / c : 0) }'
fi
echo "# per roam (a b c, ms):"
sed 's/^/#   /' "$T/figures"
