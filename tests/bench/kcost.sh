#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guard's cost per frame in instructions, which TCG's noise does not
# touch: callgrind counts what the hooks' code (kmod/guard.[ch],
# kmod/classify.[ch], built in userspace by tests/bench/kcost) executes
# for each kind of frame, against a detached port.
#
#   tests/bench/kcost.sh [-n N]          the table (N: frames, default 2000)
#   tests/bench/kcost.sh -a KIND [-n N]  callgrind_annotate of one kind
#   tests/bench/kcost.sh -c              only the driver's checks of each
#                                        kind's decision, no callgrind:
#                                        "ok KIND" lines, "N passed, N failed"
#
# Each kind runs twice under callgrind, with N and 2N frames, counting only
# inside kcost_run(); the difference divided by N is the cost of one frame,
# with any set-up cancelled.  "over" is that minus the detached port's (a
# hook that returns at once: the loop and the call), so it is what
# attaching apedge costs the frame.  Non-matching traffic (target 1 in
# kcost -l) is held to at most 40 instructions over detached: printed as
# PASS or OVER, never failed on; this is a benchmark.
#
# The figures are of the code's x86-64 instructions as gcc -O2 builds it
# here, with the kernel's code-shaping flags but not its build: close to,
# not equal to, the module's.  The source guard's binding lookup is a
# stand-in (tests/fuzz/kshim/bindings.c): the kernel's rhashtable lookup,
# with jhash2, costs some tens of instructions more per lookup.  For DHCP
# and ND frames the action is a plain counter: the kernel's per-CPU
# counting, DHCP snooping and punting come on top.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
n=2000
annotate=
check=
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-a) annotate=$2; shift 2 ;;
	-c) check=1; shift ;;
	*) echo "usage: kcost.sh [-n N] [-a KIND] [-c]" >&2; exit 2 ;;
	esac
done
make -s -C "$top/daemon" build/bench/kcost
kcost=$top/daemon/build/bench/kcost

# The checks alone, as a test: each kind's frames once through the hook.
if [ -n "$check" ]; then
	pass=0
	fail=0
	while read -r kind _; do
		if "$kcost" "$kind" 16 >/dev/null; then
			echo "ok - kcost $kind"
			pass=$((pass + 1))
		else
			echo "not ok - kcost $kind"
			fail=$((fail + 1))
		fi
	done < <("$kcost" -l)
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi

command -v valgrind >/dev/null ||
	{ echo "kcost: valgrind missing (scripts/deps)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ir KIND FRAMES: instructions counted inside kcost_run().
ir() {
	local out=$tmp/cg.$1.$2
	valgrind -q --tool=callgrind --callgrind-out-file="$out" \
		--toggle-collect=kcost_run "$kcost" "$1" "$2" >/dev/null ||
		{ echo "kcost: $1 failed its check" >&2; return 1; }
	sed -n 's/^summary: *//p' "$out"
}

if [ -n "$annotate" ]; then
	ir "$annotate" "$n" >/dev/null
	callgrind_annotate --inclusive=yes --auto=yes "$tmp/cg.$annotate.$n"
	exit 0
fi

# per KIND: instructions per frame, to two decimals.
per() {
	local a b
	a=$(ir "$1" "$n")
	b=$(ir "$1" $((2 * n)))
	echo "scale=2; ($b - $a) / $n" | bc
}

base=$(per detached)
echo "guard cost per frame: instructions (callgrind), $n and $((2 * n)) frames, $(gcc -dumpfullversion) -O2"
printf '%-18s %8s %8s %-6s %s\n' kind instr over target frames
while read -r kind target what; do
	c=$(per "$kind")
	over=$(echo "scale=2; $c - $base" | bc)
	verdict=
	if [ "$target" = 1 ]; then
		verdict=PASS
		[ "$(echo "$over > 40" | bc)" = 1 ] && verdict=OVER
	fi
	printf '%-18s %8.1f %8.1f %-6s %s\n' "$kind" "$c" "$over" "$verdict" "$what"
done < <("$kcost" -l)
echo "target: non-matching frames at most 40 instructions over detached;"
echo "the source guard's lookup is a stand-in (kernel: more), DHCP/ND exclude"
echo "per-CPU counting, snooping and punting."
