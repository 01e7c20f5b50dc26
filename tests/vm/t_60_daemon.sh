# SPDX-License-Identifier: GPL-2.0
# apedged without the module, across an unload and a reload: it says so
# in one line, keeps running, and re-attaches its ports.  A port whose
# interface does not exist yet is attached when it is created.
. "$(dirname "$0")/lib.sh"

veth va vb
cat >"$T/apedged.conf" <<EOC
[general]
ctrl_socket = $T/ctl.sock

[port va]
role = trusted

[port vc]
role = untrusted
EOC
ctl() { apedgectl -s "$T/ctl.sock" "$@"; }

apedged -f -c "$T/apedged.conf" 2>"$T/log" &
pid=$!
check "apedged answers without the module" wait_for 30 ctl daemon ping
check_match "status: module absent" '"module": *"absent"' "$(ctl -j daemon status)"

# A monitor of the daemon hears the module's port events through it.
ctl -j monitor daemon >"$T/events" 2>&1 &
mon=$!
check "a monitor is subscribed" wait_for 10 sh -c \
	"[ \"\$(apedgectl -s '$T/ctl.sock' -j daemon status | jq .control.monitors)\" = 1 ]"

load_module
check "apedged attaches va once the module is there" wait_for 30 apedgectl port show dev va
check_match "as trusted" '^[0-9]+: va role trusted$' "$(apedgectl port show dev va)"
check "the monitor heard va attached, as trusted" wait_for 10 grep -q \
	'^{"event": "port-attached", "time": [0-9.]*, "ifname": "va", "ifindex": [0-9]*, "role": "trusted"}$' \
	"$T/events"

rmmod apedge
check "apedged still running after rmmod" wait_for 10 ctl daemon ping
check "it said so in the log" wait_for 10 grep -qi 'module.*\(unloaded\|gone\|absent\|not loaded\)\|family.*\(gone\|absent\)' "$T/log"

load_module
check "va re-attached after the reload" wait_for 30 apedgectl port show dev va
check_match "daemon status: connected, va attached" "\"module\": *\"connected\".*\"ifname\": *\"va\", *\"role\": *\"trusted\", *\"attached\": *true" "$(ctl daemon status)"

# vc did not exist: its port-add failed.  Created now, it is attached
# (the interface watcher's event), without a reload.
check "vc is not attached while it does not exist" \
	sh -c "! apedgectl port show dev vc"
veth vc vd
check "apedged attaches vc once it is created" \
	wait_for 30 apedgectl port show dev vc
check_match "as untrusted" '^[0-9]+: vc role untrusted' "$(apedgectl port show dev vc)"

# A port deleted by hand comes back when the config is reloaded.
apedgectl port del dev va
check "reload" ctl daemon reload
check "va attached again by reload" wait_for 30 apedgectl port show dev va

check "the monitor heard the reload" grep -q '"event": "reload", .*"ok": true' "$T/events"
check "and va detached by hand" grep -q '"event": "port-detached", .*"ifname": "va"' "$T/events"

kill -TERM "$pid"
wait "$pid"
check_eq "exits 0 on SIGTERM" 0 "$?"
rc=0
wait "$mon" || rc=$?
check_eq "the monitor ends with status 1 when apedged stops" 1 "$rc"
echo "# apedged's log:"
sed 's/^/#   /' "$T/log"
