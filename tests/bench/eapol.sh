#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of 802.1X supplicants on a wired port: the time from link-up
# to authorized, for apedged and wpa_supplicant -Dwired against the same
# hostapd -Dwired with its internal EAP server, in host network
# namespaces (no VM, no module):
#
#   cl: va (up, no carrier) ---- vb (down, hostapd)  :au
#
# One run: the client is started on va while vb is down (va has no
# carrier) and waited for until it is ready (apedged answers its control
# socket, wpa_supplicant's wpa_cli answers); then "ip link set vb up" in
# au is the link-up (a switch port coming up), and the clock stops at
# hostapd's "authorizing port" for the client's MAC, read from the
# microsecond timestamps of its log (hostapd -t), so that both clients
# are timed by the same observer and no poll's latency counts.  The
# client is then asked whether it is authorized too (apedgectl eapol
# show, wpa_cli status); a run where it is not counts as a failure.
# Methods, interleaved run after run with the clients:
#
#   md5   EAP-MD5 (identity alice)
#   peap  PEAPv0/EAP-MSCHAPv2 (identity bob), server certificate checked
#         against a CA made here with openssl (P-256)
#
# Each client runs with its own defaults otherwise (802.1X timers:
# startPeriod 30 s for both).
#
#   tests/bench/eapol.sh [RUNS]          (default 20 per client and method)
#   tests/bench/eapol.sh wireless [RUNS] (WPA2-PSK on mac80211_hwsim, in
#                                         the 6.12 VM: tests/vm/bench_station.sh)
#
# It prints the median and the worst of each client and method and the
# ratio of apedged's median to wpa_supplicant's.  A benchmark, not a
# test: it never fails on a figure, but it fails (status 1) when a
# client is not authorized within 30 s.  Needs root.
set -uo pipefail

if [ "${1:-}" = wireless ]; then
	cd "$(dirname "$0")/../.." || exit 1
	APEDGE_BENCH_RUNS=${2:-20} exec tests/vm/run -k 6.12 bench_station
fi
runs=${1:-20}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ "$(id -u)" -eq 0 ] || { echo "eapol: needs root (ip netns)" >&2; exit 1; }
for p in hostapd hostapd_cli wpa_supplicant wpa_cli openssl jq; do
	command -v $p >/dev/null || { echo "eapol: $p is missing (scripts/deps)" >&2; exit 1; }
done
make -s -C daemon all || exit 1
# shellcheck source=tests/netns/lib.sh
. tests/netns/lib.sh

TIMEOUT_S=30
MAC=02:00:00:00:ea:21
netns_add cl && netns_add au || exit 1
ip link add va netns "$NS-cl" address $MAC type veth peer name vb \
	netns "$NS-au" address 02:00:00:00:ea:22
ip -n "$NS-cl" link set va up

d=$T
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
	-subj "/CN=apedge bench CA" 2>/dev/null &&
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$d/server.key" -out "$d/server.csr" \
	-subj "/CN=radius.example.org" 2>/dev/null &&
printf '%s\n' "subjectAltName=DNS:radius.example.org" \
	"extendedKeyUsage=serverAuth" >"$d/server.ext" &&
openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
	-CAcreateserial -out "$d/server.pem" -days 2 \
	-extfile "$d/server.ext" 2>/dev/null ||
	{ echo "eapol: certificates not made" >&2; exit 1; }

printf '%s\n' '"alice" MD5 "apedge-secret"' '"bob" PEAP' \
	'"bob" MSCHAPV2 "apedge-secret" [2]' >"$T/eap_users"
cat >"$T/hostapd.conf" <<EOC
interface=vb
driver=wired
ieee8021x=1
eapol_version=2
eap_server=1
eap_user_file=$T/eap_users
ca_cert=$T/ca.pem
server_cert=$T/server.pem
private_key=$T/server.key
ctrl_interface=$T/hapd
logger_stdout=-1
logger_stdout_level=1
EOC
ip -n "$NS-au" link set vb up
spawn au "$T/hostapd.log" hostapd -t "$T/hostapd.conf"
wait_for 10 nsx au hostapd_cli -p "$T/hapd" -i vb ping ||
	{ echo "eapol: hostapd did not start" >&2; exit 1; }

now_us() { echo "${EPOCHREALTIME/./}"; }
# authorized_n: how many times hostapd authorized our port so far.
authorized_n() {
	grep -c "STA $MAC IEEE 802.1X: authorizing port" "$T/hostapd.log"
}
# authorized_at N: the timestamp (us) of the Nth of them.
authorized_at() {
	grep "STA $MAC IEEE 802.1X: authorizing port" "$T/hostapd.log" |
		sed -n "${1}p" | awk -F: '{ split($1, a, "."); printf "%s%06d\n", a[1], a[2] }'
}

# start_CLIENT METHOD: start it (vb down) and wait until it is ready;
# sets PID.
start_apedged() {
	{
		echo "[general]"
		echo "log_level = notice"
		echo "[eapol va]"
		if [ "$1" = md5 ]; then
			echo "identity = alice"
			echo "method = md5"
		else
			echo "identity = bob"
			echo "method = peap"
			echo "ca_file = $T/ca.pem"
			echo "domain = radius.example.org"
		fi
		echo "password = apedge-secret"
	} >"$T/apedged.conf"
	spawn cl "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" -s "$T/apedged.sock"
	PID=$LAST_PID
	wait_for 10 "$BIN/apedgectl" -s "$T/apedged.sock" daemon ping
}
start_wpa_supplicant() {
	{
		echo "ctrl_interface=$T/wpas"
		echo "ap_scan=0"
		echo "network={"
		echo "	key_mgmt=IEEE8021X"
		echo "	eapol_flags=0"
		if [ "$1" = md5 ]; then
			echo "	eap=MD5"
			echo "	identity=\"alice\""
		else
			echo "	eap=PEAP"
			echo "	identity=\"bob\""
			echo "	ca_cert=\"$T/ca.pem\""
			echo "	domain_match=\"radius.example.org\""
			echo "	phase2=\"auth=MSCHAPV2\""
		fi
		echo "	password=\"apedge-secret\""
		echo "}"
	} >"$T/wpas.conf"
	spawn cl "$T/wpas.log" wpa_supplicant -Dwired -i va -c "$T/wpas.conf"
	PID=$LAST_PID
	wait_for 10 nsx cl wpa_cli -p "$T/wpas" -i va ping
}
client_authorized() {
	if [ "$1" = apedged ]; then
		"$BIN/apedgectl" -s "$T/apedged.sock" -j eapol show dev va |
			jq -e '.[0].authorized' >/dev/null
	else
		nsx cl wpa_cli -p "$T/wpas" -i va status |
			grep -q "^suppPortStatus=Authorized"
	fi
}
stop_client() {
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# run CLIENT METHOD: one run; prints the milliseconds or "-".
run() {
	local c=$1 m=$2 n0 t0 t1=""
	ip -n "$NS-au" link set vb down
	PID=""
	"start_$c" "$m" || echo "# $c did not start" >&2
	n0=$(authorized_n)
	t0=$(now_us)
	ip -n "$NS-au" link set vb up
	while [ $(( $(now_us) - t0 )) -lt $((TIMEOUT_S * 1000000)) ]; do
		if [ "$(authorized_n)" -gt "$n0" ]; then
			t1=$(authorized_at $((n0 + 1)))
			break
		fi
		sleep 0.005
	done
	if [ -n "$t1" ] && ! wait_for 5 client_authorized "$c"; then
		echo "# $c ($m): hostapd authorized the port, the client never said so" >&2
		t1=""
	fi
	[ -n "$PID" ] && stop_client "$PID"
	if [ -z "$t1" ]; then
		echo "-"
	else
		awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f\n", d / 1000 }'
	fi
}

clients=(apedged wpa_supplicant)
methods=(md5 peap)
failed=0
start=$SECONDS
for ((i = 1; i <= runs; i++)); do
	for m in "${methods[@]}"; do
		for c in "${clients[@]}"; do
			ms=$(run "$c" "$m")
			echo "$ms" >>"$T/$c.$m"
			[ "$ms" = - ] && { failed=1; echo "# $m run $i: $c not authorized in ${TIMEOUT_S} s"; }
		done
	done
done

# stats FILE: "median worst n"
stats() {
	grep -v '^-$' "$1" | sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "- - 0"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f %d\n", m, v[NR], NR }'
}
echo "# link-up to authorized (ms), $runs runs each, $((SECONDS - start)) s in all"
printf '%-6s %-15s %10s %10s %5s\n' method client median worst n
for m in "${methods[@]}"; do
	for c in "${clients[@]}"; do
		read -r med worst n < <(stats "$T/$c.$m")
		printf '%-6s %-15s %10s %10s %5s\n' "$m" "$c" "$med" "$worst" "$n"
		eval "med_${c}_$m=$med"
	done
	a=$(eval echo "\$med_apedged_$m")
	w=$(eval echo "\$med_wpa_supplicant_$m")
	if [ "$a" != - ] && [ "$w" != - ]; then
		awk -v a="$a" -v b="$w" -v m="$m" 'BEGIN {
			printf "%s: apedged / wpa_supplicant: %.2f\n", m, (b > 0 ? a / b : 0) }'
	fi
done
for m in "${methods[@]}"; do
	for c in "${clients[@]}"; do
		echo "# $m $c: $(tr '\n' ' ' <"$T/$c.$m")"
	done
done
exit $failed
