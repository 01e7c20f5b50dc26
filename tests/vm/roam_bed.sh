# SPDX-License-Identifier: GPL-2.0
#
# The roaming test bed, sourced (after lib.sh) by tests/vm/t_82_roam.sh and
# tests/bench/roam.sh.  Three mac80211_hwsim radios, each moved into its
# own network namespace and renamed wlan0 there:
#
#   ap1: wlan0 (BSSID1) + up1 in bridge br0, 10.0.0.1/24; hostapd, apedged
#   ap2: wlan0 (BSSID2) + up2 in bridge br0, 10.0.0.2/24; hostapd, apedged
#   sta: wlan0 (STA), wpa_supplicant
#
# up1 and up2 are veths whose peers s1 and s2 are ports of the "switch",
# bridge sw in the root namespace (10.0.0.9/24, for injecting IAPP
# messages).  One ESS: SSID $SSID, WPA2-PSK, channel 1.  Each apedged
# attaches its uplink (trusted, l2update = transmit) and its AP interface
# (untrusted, l2update_relay: the module relays mac80211's own Layer-2
# Update to the uplink; BED_RELAY=0 leaves wlan0 out), runs IAPP on br0
# with the other AP in its BSSID map, follows [ap wlan0] through nl80211
# and kicks through hostapd's control interface.
#
#   bed_setup              the namespaces, links and the module
#   bed_conf N [KEY] [KICK]  write $T/apedged.N.conf (KEY: the IAPP key;
#                          KICK: hostapd by default)
#   bed_apedged N          start apedged N (pid in $T/apedged.N.pid)
#   bed_hostapd N          start hostapd N, wait for AP-ENABLED
#   bed_sta [BSSID]        start wpa_supplicant in sta (pinned to BSSID)
#   sta_roam BSSID         roam there (and pin the station to it)
#   sta_state              "wpa_state bssid" of the station
#   ctl N ARGS...          apedgectl on apedged N's control socket

SSID=apedge-roam
PSK="roaming between two access points"

bed_setup() {
	local i ns wl phy

	modprobe bridge || return 1
	modprobe mac80211_hwsim radios=3 || return 1
	wait_for 30 test -e /sys/class/net/wlan2 || return 1
	load_module || return 1
	BSSID1=$(cat /sys/class/net/wlan0/address)
	BSSID2=$(cat /sys/class/net/wlan1/address)
	STA=$(cat /sys/class/net/wlan2/address)

	ip link add sw type bridge mcast_snooping 0 || return 1
	ip addr add 10.0.0.9/24 dev sw
	ip link set sw up
	for i in 1 2 3; do
		case $i in 1) ns=ap1 ;; 2) ns=ap2 ;; 3) ns=sta ;; esac
		wl=wlan$((i - 1))
		phy=$(cat "/sys/class/net/$wl/phy80211/name")
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
		iw phy "$phy" set netns name "$ns" || return 1
		ip -n "$ns" link set "$wl" name wlan0 || return 1
	done
	for i in 1 2; do
		ip link add "s$i" type veth peer name "up$i" netns "ap$i" ||
			return 1
		ip link set "s$i" master sw
		ip link set "s$i" up
		ip -n "ap$i" link add br0 type bridge mcast_snooping 0 ||
			return 1
		ip -n "ap$i" link set "up$i" master br0
		ip -n "ap$i" link set "up$i" up
		ip -n "ap$i" addr add "10.0.0.$i/24" dev br0
		ip -n "ap$i" link set br0 up
	done
	return 0
}

bed_conf() {
	local n=$1 key=${2:-} kick=${3:-hostapd} other bssid obssid
	if [ "$n" = 1 ]; then
		other=2 bssid=$BSSID1 obssid=$BSSID2
	else
		other=1 bssid=$BSSID2 obssid=$BSSID1
	fi
	cat >"$T/apedged.$n.conf" <<EOC
[general]
ctrl_socket = $T/apedged.$n.sock
log_level = debug

[port up$n]
role = trusted
l2update = transmit
$(if [ "${BED_RELAY:-1}" = 1 ]; then printf '\n[port wlan0]\nrole = untrusted\nl2update_relay = yes\n'; fi)

[iapp]
interface = br0
bssid = $bssid
kick = $kick
hostapd_ctrl = $T/hostapd.$n
${key:+key = $key}

[bssid $obssid]
address = 10.0.0.$other

[ap wlan0]
EOC
}

bed_apedged() {
	ip netns exec "ap$1" apedged -f -c "$T/apedged.$1.conf" \
		>>"$T/apedged.$1.log" 2>&1 &
	echo $! >"$T/apedged.$1.pid"
	wait_for 30 ctl "$1" daemon ping
}

ctl() {
	local n=$1
	shift
	apedgectl -s "$T/apedged.$n.sock" "$@"
}

bed_hostapd() {
	cat >"$T/hostapd.$1.conf" <<EOC
interface=wlan0
bridge=br0
driver=nl80211
ctrl_interface=$T/hostapd.$1
ssid=$SSID
hw_mode=g
channel=1
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$PSK
EOC
	ip netns exec "ap$1" hostapd -t "$T/hostapd.$1.conf" \
		>"$T/hostapd.$1.log" 2>&1 &
	echo $! >"$T/hostapd.$1.pid"
	wait_for 60 grep -q 'AP-ENABLED' "$T/hostapd.$1.log"
}

bed_sta() {
	cat >"$T/wpas.conf" <<EOC
ctrl_interface=$T/wpas
network={
	ssid="$SSID"
	${1:+bssid=$1}
	key_mgmt=WPA-PSK
	psk="$PSK"
	scan_freq=2412
}
EOC
	ip netns exec sta wpa_supplicant -t -Dnl80211 -iwlan0 \
		-c "$T/wpas.conf" >"$T/wpas.log" 2>&1 &
	echo $! >"$T/wpas.pid"
}

wpacli() {
	ip netns exec sta wpa_cli -p "$T/wpas" -i wlan0 "$@"
}

sta_state() {
	wpacli status 2>/dev/null | awk -F= '
		$1 == "wpa_state" { s = $2 } $1 == "bssid" { b = $2 }
		END { print s, b }'
}

# Ask the station to roam to BSSID $1 once a scan has found it; its
# network is pinned to that BSSID, so that a retry under a slow guest does
# not take it elsewhere.
sta_roam() {
	wait_for 60 bash -c "ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 scan >/dev/null;
		sleep 1;
		ip netns exec sta wpa_cli -p '$T/wpas' -i wlan0 scan_results | grep -qi '^$1'" ||
		return 1
	wpacli bssid 0 "$1" >/dev/null &&
		wpacli roam "$1" | grep -q OK
}

# The Layer-2 Updates (802.3 frames, XID response) with source $2 in the
# capture file $1: one line per frame, "EPOCH_TIME RW" (RW: the XID
# receive-window byte, 02 from apedge by default, 00 from mac80211).
xid_frames() {
	tcpdump -r "$1" -tt -n -xx "ether src $2 and ether[12:2] <= 1500 and ether[14:4] = 0x0001af81" 2>/dev/null |
		awk '
		function out() { if (t != "") print t, substr(h, 39, 2) }
		/^[0-9]/ { out(); t = $1; h = ""; next }
		/^[[:space:]]+0x[0-9a-f]+:/ { for (i = 2; i <= NF; i++) h = h $i }
		END { out() }'
}

# The epoch time of hostapd N's last AP-STA-CONNECTED for the station.
connected_time() {
	grep -i "AP-STA-CONNECTED $STA" "$T/hostapd.$1.log" | tail -n 1 |
		cut -d: -f1
}

# Send the hex string $1 as a UDP datagram to the IAPP group, from the
# switch (10.0.0.9).
iapp_inject() {
	/usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("10.0.0.9"))
s.sendto(bytes.fromhex(sys.argv[1]), ("224.0.1.178", 3517))
' "$1"
}
