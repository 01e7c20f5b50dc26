#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark of the 802.1X authenticator's rate: N supplicants
# (wpa_supplicant -Dwired, PEAPv0/EAP-MSCHAPv2) on N ports come up at
# once, and the clock runs until the last of them is authorized, with
# apedged ([auth vbI], one section a port) and hostapd -Dwired (one
# interface a port, all in one process as apedged is) as the
# authenticator in front of the same freeradius, in host network
# namespaces (no VM, no module):
#
#   cl: va1 .. vaN  (wpa_supplicant each) ---- vb1 .. vbN :au
#   au: apedged or hostapd --RADIUS 127.0.0.1:18120--> freeradius
#
# One round for one authenticator: the authenticator is started, then
# the N supplicants, each waited for until wpa_cli answers.  A wired
# wpa_supplicant sends its first EAPOL-Start 2 s after it starts
# (eapol_supp_sm.c: it gives the authenticator that time to begin), so
# the N Starts come within a few milliseconds of each other, and neither
# authenticator begins before them.  The clock runs from the first
# EAPOL-Start of them all to the last supplicant's CTRL-EVENT-EAP-SUCCESS,
# both read from the microsecond timestamps of the supplicants' logs
# (wpa_supplicant -t -d): the same observer for both authenticators, and
# no poll's latency counts.  The authenticator is then asked whether it
# has all N ports authorized (apedgectl eapol auth; hostapd's
# "authorizing port" lines); a round where it has not counts as a
# failure.  The authenticators alternate round by round; each figure is
# the median of the rounds.
#
#   tests/bench/authrate.sh [ROUNDS [N]]     (default 5 rounds, N = 8)
#
# It prints supplicants per second (N / the median time) for each and
# the ratio apedged / hostapd.  freeradius runs its PEAP server side in
# four threads: on a small machine it is the bottleneck of both, and the
# ratio says mostly that apedged does not add to it.  A benchmark, not a
# test: it never fails on a figure, but it fails (status 1) when a round
# does not authorize all N within 60 s.  Needs root.
set -uo pipefail

rounds=${1:-5}
n=${2:-8}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ "$(id -u)" -eq 0 ] || { echo "authrate: needs root (ip netns)" >&2; exit 1; }
for p in hostapd wpa_supplicant wpa_cli freeradius openssl jq; do
	command -v $p >/dev/null || { echo "authrate: $p is missing (scripts/deps)" >&2; exit 1; }
done
if [ "$n" -lt 1 ] || [ "$n" -gt 64 ]; then
	echo "authrate: N is 1..64" >&2
	exit 1
fi
make -s -C daemon all || exit 1
# shellcheck source=tests/netns/lib.sh
. tests/netns/lib.sh
# shellcheck source=tests/netns/eapol_lib.sh
. tests/netns/eapol_lib.sh
# shellcheck source=tests/netns/auth_lib.sh
. tests/netns/auth_lib.sh

TIMEOUT_S=60
SECRET=apedge-radius-secret
RPORT=18120

netns_add cl && netns_add au || exit 1
ports=()
for ((i = 1; i <= n; i++)); do
	ip link add "va$i" netns "$NS-cl" address "$(printf '02:00:00:00:eb:%02x' "$i")" \
		type veth peer name "vb$i" netns "$NS-au" \
		address "$(printf '02:00:00:01:eb:%02x' "$i")" || exit 1
	ip -n "$NS-cl" link set "va$i" up
	ip -n "$NS-au" link set "vb$i" up
	ports+=("vb$i")
done
# freeradius: PEAP/MSCHAPv2 among auth_tunnels's methods, not in debug
# mode (-X would serialise it and log every attribute).
auth_tunnels
mkcerts || { echo "authrate: certificates not made" >&2; exit 1; }
auth_raddb || exit 1
printf '%s\n' 'alice Cleartext-Password := "apedge-secret"' >"$T/raddb/users"
printf '%s\n' "$SECRET" >"$T/secret"
chmod 600 "$T/secret"
spawn au "$T/radius.log" freeradius -f -l stdout -d "$T/raddb"
RAD=$LAST_PID
wait_for 15 grep -q "Ready to process requests" "$T/radius.log" ||
	{ echo "authrate: freeradius did not start" >&2; cat "$T/radius.log" >&2; exit 1; }

# The authenticators' configurations, written once.
{
	echo "[general]"
	echo "log_level = notice"
	for p in "${ports[@]}"; do
		echo "[auth $p]"
		echo "mode = port"
		echo "radius_server = 127.0.0.1:$RPORT"
		echo "radius_secret_file = $T/secret"
		echo "nas_identifier = apedge-bench"
		echo "reauth_period = 0"
	done
} >"$T/apedged.conf"
hconfs=()
for p in "${ports[@]}"; do
	cat >"$T/hostapd.$p.conf" <<-EOC
	interface=$p
	driver=wired
	ieee8021x=1
	eapol_version=2
	eap_server=0
	own_ip_addr=127.0.0.1
	nas_identifier=apedge-bench
	auth_server_addr=127.0.0.1
	auth_server_port=$RPORT
	auth_server_shared_secret=$SECRET
	ctrl_interface=$T/hapd
	logger_stdout=-1
	logger_stdout_level=1
	EOC
	hconfs+=("$T/hostapd.$p.conf")
done
for ((i = 1; i <= n; i++)); do
	cat >"$T/wpas.$i.conf" <<-EOC
	ctrl_interface=$T/wpas.$i
	ap_scan=0
	eapol_version=2
	network={
		key_mgmt=IEEE8021X
		eapol_flags=0
		eap=PEAP
		identity="alice"
		password="apedge-secret"
		ca_cert="$T/ca.pem"
		domain_match="radius.example.org"
		phase2="auth=MSCHAPV2"
	}
	EOC
done

AUTH_PID=""
start_apedged() {
	spawn au "$T/apedged.log" "$BIN/apedged" -f -c "$T/apedged.conf" \
		-s "$T/apedged.sock"
	AUTH_PID=$LAST_PID
	wait_for 10 "$BIN/apedgectl" -s "$T/apedged.sock" daemon ping
}
start_hostapd() {
	spawn au "$T/hostapd.log" hostapd -t "${hconfs[@]}"
	AUTH_PID=$LAST_PID
	wait_for 10 nsx au hostapd_cli -p "$T/hapd" -i "vb$n" ping
}
# authorized_apedged: how many ports apedged has authorized.
authorized_apedged() {
	"$BIN/apedgectl" -s "$T/apedged.sock" -j eapol auth |
		jq '[.[].sessions[] | select(.authorized)] | length'
}
authorized_hostapd() {
	grep -c "IEEE 802.1X: authorizing port" "$T/hostapd.log"
}
enough() { [ "$("authorized_$1")" -ge "$n" ]; }
SUP_PIDS=()
start_supplicants() {
	local i
	SUP_PIDS=()
	for ((i = 1; i <= n; i++)); do
		spawn cl "$T/wpas.$i.log" wpa_supplicant -t -d -Dwired -i "va$i" \
			-c "$T/wpas.$i.conf"
		SUP_PIDS+=("$LAST_PID")
	done
	for ((i = 1; i <= n; i++)); do
		wait_for 10 nsx cl wpa_cli -p "$T/wpas.$i" -i "va$i" ping ||
			return 1
	done
}
stop_pids() {
	local p
	for p in "$@"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "$@"; do
		wait "$p" 2>/dev/null
	done
	return 0
}
# successes: how many supplicants logged their EAP-Success so far.
successes() {
	grep -l "CTRL-EVENT-EAP-SUCCESS" "$T"/wpas.*.log 2>/dev/null | wc -l
}
# first_us PATTERN: each supplicant's first line with it, as a
# microsecond timestamp.
first_us() {
	local f
	for f in "$T"/wpas.*.log; do
		grep -m1 "$1" "$f"
	done | awk -F: '{ split($1, a, "."); printf "%s%06d\n", a[1], a[2] }' |
		sort -n
}
# first_start_us: the first EAPOL-Start of them all.
first_start_us() { first_us "EAPOL: txStart" | head -n1; }
# last_success_us: the last of their first EAP-Successes.
last_success_us() { first_us "CTRL-EVENT-EAP-SUCCESS" | tail -n1; }

# run AUTHENTICATOR: one round; prints the milliseconds or "-".
run() {
	local a=$1 t0="" t1="" got end
	rm -f "$T"/wpas.*.log
	[ -f "$T/$a.log" ] && cat "$T/$a.log" >>"$T/$a.old.log"
	"start_$a" || echo "# $a did not start" >&2
	start_supplicants || echo "# the supplicants did not start" >&2
	end=$((SECONDS + TIMEOUT_S))
	while [ "$SECONDS" -lt "$end" ]; do
		if [ "$(successes)" -ge "$n" ]; then
			t0=$(first_start_us)
			t1=$(last_success_us)
			break
		fi
		sleep 0.05
	done
	wait_for 5 enough "$a"
	got=$("authorized_$a")
	if [ -n "$t1" ] && [ "${got:-0}" -lt "$n" ]; then
		echo "# $a: $got of $n ports authorized by the authenticator" >&2
		t1=""
	fi
	[ -z "$t1" ] && echo "# $a: $(successes) of $n supplicants succeeded" >&2
	stop_pids "${SUP_PIDS[@]}"
	stop_pids "$AUTH_PID"
	AUTH_PID=""
	if [ -z "$t1" ] || [ -z "$t0" ]; then
		echo "-"
	else
		awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f\n", d / 1000 }'
	fi
}

auths=(apedged hostapd)
failed=0
start=$SECONDS
for ((r = 1; r <= rounds; r++)); do
	for a in "${auths[@]}"; do
		ms=$(run "$a")
		echo "$ms" >>"$T/$a.ms"
		[ "$ms" = - ] && { failed=1; echo "# round $r: $a did not authorize $n in ${TIMEOUT_S} s"; }
	done
done

# stats FILE: "median worst n"
stats() {
	grep -v '^-$' "$1" | sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "- - 0"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f %d\n", m, v[NR], NR }'
}
echo "# $n PEAP/MSCHAPv2 supplicants at once, first EAPOL-Start to the last EAP-Success, $rounds rounds each, $((SECONDS - start)) s in all"
printf '%-10s %12s %12s %14s %5s\n' authenticator median_ms worst_ms supplicants/s n
for a in "${auths[@]}"; do
	read -r med worst k < <(stats "$T/$a.ms")
	rate=$(awk -v m="$med" -v n="$n" 'BEGIN { if (m == "-" || m <= 0) print "-"; else printf "%.2f", n * 1000 / m }')
	printf '%-10s %12s %12s %14s %5s\n' "$a" "$med" "$worst" "$rate" "$k"
	eval "rate_$a=$rate"
done
# shellcheck disable=SC2154 # set by the eval above
if [ "$rate_apedged" != - ] && [ "$rate_hostapd" != - ]; then
	awk -v a="$rate_apedged" -v b="$rate_hostapd" 'BEGIN {
		printf "supplicants/s apedged / hostapd: %.2f\n", a / b }'
fi
for a in "${auths[@]}"; do
	echo "# $a: $(tr '\n' ' ' <"$T/$a.ms")"
done
stop_pids "$RAD"
exit $failed
