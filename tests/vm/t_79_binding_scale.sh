# SPDX-License-Identifier: GPL-2.0
# Bindings scale and move: a port's deletion among 100k bindings of which
# 10 are its own removes those 10 and nothing else, timed; a station's
# bindings move from one port to another (binding-move), keeping their
# origin and lifetime, and a move to a device that is no port is refused
# with its reason; an unprivileged user may not move.
#
#   va, vc, vx: ports (veth ends); 100k static bindings on va, 10 on vc
. "$(dirname "$0")/lib.sh"

load_module
dmesg_mark
n=${T79_BINDINGS:-100000}
veth va vb
veth vc vd
veth vx vy
apedgectl port add dev va role untrusted
apedgectl port add dev vc role untrusted
apedgectl port add dev vx role untrusted
apedgectl binding limit $((n + 100))

# n bindings on va, of 10.x.y.z, for stations 02:00:00:xx:yy:zz; 10 on vc.
awk -v n="$n" 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "binding add ip 10.%d.%d.%d mac 02:00:00:%02x:%02x:%02x dev va\n",
			int(i / 65536), int(i / 256) % 256, i % 256,
			int(i / 65536), int(i / 256) % 256, i % 256
	for (i = 1; i <= 10; i++)
		printf "binding add ip 172.16.0.%d mac 02:aa:00:00:00:%02x dev vc\n", i, i
}' >"$T/batch"
t0=$(date +%s%N)
check "batch of $n + 10 binding-adds" apedgectl -b "$T/batch"
t1=$(date +%s%N)
echo "# $((n + 10)) binding-adds in $(((t1 - t0) / 1000000)) ms"
count() { apedgectl -j binding limit | grep -o '"count":[0-9]*' | cut -d: -f2; }
check_eq "count after the adds" "$((n + 10))" "$(count)"

# until_count N: poll the count until it is N; prints the microseconds.
until_count() {
	local t0 t1 i
	t0=$(date +%s%N)
	for ((i = 0; i < 600; i++)); do
		[ "$(count)" = "$1" ] && break
		sleep 0.05
	done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000))
}
# port del returns once the hooks are gone; the bindings go in the
# teardown's second half: time both.
t0=$(date +%s%N)
check "port del vc" apedgectl port del dev vc
t1=$(date +%s%N)
us=$(until_count "$n")
echo "# port del of a port with 10 of $((n + 10)) bindings: $(((t1 - t0) / 1000)) us, then its bindings gone in $us us (one count poll at least)"
check_eq "the port's 10 bindings are gone" "$n" "$(count)"
check_fail "172.16.0.5 unbound" apedgectl binding show ip 172.16.0.5
check_match "10.0.1.5 still on va" '"ifname":"va"' \
	"$(apedgectl -j binding show ip 10.0.1.5)"

# A move: the station of 10.0.0.7 has one binding on va; give it a second
# with a lifetime, then move both to vx.
apedgectl binding add ip 192.0.2.7 mac 02:00:00:00:00:07 dev va lifetime 600
check "binding move va -> vx" apedgectl binding move mac 02:00:00:00:00:07 dev va to vx
b=$(apedgectl -j binding show ip 10.0.0.7)
check_match "10.0.0.7 on vx, static, permanent" \
	'"mac":"02:00:00:00:00:07","ifindex":[0-9]+,"ifname":"vx","origin":"static"' "$b"
b=$(apedgectl -j binding show ip 192.0.2.7)
check_match "192.0.2.7 on vx with its lifetime" \
	'"ifname":"vx","lifetime":(59[0-9]|600),"origin":"static"' "$b"
check_match "10.0.0.8, another station's, stays on va" '"ifname":"va"' \
	"$(apedgectl -j binding show ip 10.0.0.8)"
check_eq "count unchanged by the move" "$((n + 1))" "$(count)"
# Refused: to a device that is no port, to the same port; nothing moves.
out=$(apedgectl binding move mac 02:00:00:00:00:08 dev va to vb 2>&1 || true)
check_match "move to a non-port refused with its reason" "not an apedge port" "$out"
out=$(apedgectl binding move mac 02:00:00:00:00:08 dev va to va 2>&1 || true)
check_match "move to the same port refused" "the two ports are one" "$out"
check_match "10.0.0.8 still on va" '"ifname":"va"' \
	"$(apedgectl -j binding show ip 10.0.0.8)"
# A local unprivileged user may not move bindings.
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	apedgectl binding move mac 02:00:00:00:00:08 dev va to vx 2>&1 || true)
check_match "nobody may not move" "(not permitted|EPERM|ermission)" "$out"
check_match "10.0.0.8 still on va after nobody's try" '"ifname":"va"' \
	"$(apedgectl -j binding show ip 10.0.0.8)"

# Deleting va now removes its n - 1 bindings, leaving the two on vx.
t0=$(date +%s%N)
check "port del va" apedgectl port del dev va
t1=$(date +%s%N)
us=$(until_count 2)
echo "# port del of a port with $((n - 1)) of $((n + 1)) bindings: $(((t1 - t0) / 1000)) us, then its bindings gone in $us us"
check_eq "only vx's 2 bindings are left" 2 "$(count)"
apedgectl port del dev vx
check "no warning in dmesg" dmesg_clean
unload_module
