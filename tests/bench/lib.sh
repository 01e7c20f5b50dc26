# SPDX-License-Identifier: GPL-2.0
#
# Shared by the benchmarks in tests/bench/.  Source it at the top of a
# benchmark script, then call bench_boot with the script's default count and
# its arguments:
#
#   . "$(dirname "$0")/lib.sh"
#   bench_boot 7 "$@"
#
# On the host (no --guest), bench_boot builds the programs and the module
# for the kernel asked with -k (6.12 by default) and boots it in qemu
# (scripts/vm), where the script runs again as "SCRIPT --guest COUNT"; it
# does not return.  In the guest it returns, with the working directory
# at the top of the tree and $top set.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$top" || exit 1

bench_boot() {
	local count=$1 kernel=6.12
	shift
	[ "${1:-}" = --guest ] && return 0
	[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
	make -s -C daemon all
	scripts/kbuild "$kernel" >/dev/null
	exec scripts/vm -k "$kernel" -- "${bench_script#"$top"/}" --guest "${1:-$count}"
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Load the module built for the running kernel, after the modules it
# depends on (cfg80211, bridge): insmod does not load them.
bench_load_module() {
	local ko dep
	ko=build/kmod/$(uname -r)/apedge.ko
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		modprobe "$dep" || return 1
	done
	insmod "$ko"
}
