# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# freeradius for the authenticator's tests (tests/netns/t_auth.sh and
# tests/vm/t_89_authd.sh, tests/netns/t_radius.sh,
# tests/netns/t_eapol_radius.sh): radiusd.conf in $T/raddb with the
# client 127.0.0.1 and $SECRET on 127.0.0.1:$RPORT, PAP and EAP-MD5, a
# Message-Authenticator in every reply; the caller writes $T/raddb/users.
# Nothing from /etc/freeradius is read.
#
# A test that needs more sets these before auth_raddb, each a piece of
# configuration put in as it is:
#   AUTH_LISTEN   more listen sections
#   AUTH_MODULES  more modules
#   AUTH_EAP      more EAP methods, in the eap module
#   AUTH_SERVERS  more virtual servers
# auth_tunnels sets all three for the TLS methods, PEAP and TTLS
# (t_auth.sh, t_eapol_radius.sh, t_89_authd.sh, tests/bench/authrate.sh).

auth_raddb() {
	local r=$T/raddb
	mkdir -p "$r" "$T/radrun" "$T/radlog" || return 1
	cat >"$r/radiusd.conf" <<-EOC
	prefix = /usr
	exec_prefix = /usr
	sysconfdir = /etc
	localstatedir = $T
	sbindir = /usr/sbin
	logdir = $T/radlog
	raddbdir = $r
	radacctdir = $T/radlog
	name = freeradius
	confdir = $r
	run_dir = $T/radrun
	db_dir = $T/radrun
	libdir = /usr/lib/freeradius
	pidfile = $T/radrun/radiusd.pid
	max_request_time = 30
	cleanup_delay = 1
	max_requests = 1024
	hostname_lookups = no
	log {
		destination = stdout
		auth = yes
	}
	security {
		allow_core_dumps = no
		max_attributes = 200
		reject_delay = 0
		status_server = no
	}
	thread pool {
		start_servers = 1
		max_servers = 4
		min_spare_servers = 1
		max_spare_servers = 4
		max_requests_per_server = 0
	}
	client nas {
		ipaddr = 127.0.0.1
		secret = $SECRET
		require_message_authenticator = yes
	}
	listen {
		type = auth
		ipaddr = 127.0.0.1
		port = $RPORT
		virtual_server = default
	}
	${AUTH_LISTEN:-}
	modules {
		pap {
		}
		files {
			filename = $r/users
		}
		${AUTH_MODULES:-}
		eap {
			default_eap_type = md5
			timer_expire = 60
			ignore_unknown_eap_types = no
			max_sessions = 64
			md5 {
			}
			${AUTH_EAP:-}
		}
	}
	server default {
		authorize {
			files
			eap {
				ok = return
			}
			pap
		}
		authenticate {
			Auth-Type PAP {
				pap
			}
			eap
		}
		# freeradius 3.2.1 signs only its EAP replies; the client
		# requires a Message-Authenticator in every one (RFC 3579
		# §3.2, and the BlastRADIUS advice): ask for it
		post-auth {
			update reply {
				Message-Authenticator := 0x00
			}
			Post-Auth-Type REJECT {
				update reply {
					Message-Authenticator := 0x00
				}
			}
		}
	}
	${AUTH_SERVERS:-}
	EOC
}

# auth_tunnels: MSCHAP and the TLS methods on top of auth_raddb's
# configuration (set before it): EAP-TLS, and PEAP and TTLS tunnelled to
# the server "inner" (MSCHAPv2, MD5 and PAP inside), with the
# certificates of mkcerts (eapol_lib.sh) in $T.
auth_tunnels() {
	# shellcheck disable=SC2034 # read by auth_raddb
	AUTH_MODULES="mschap {
			}"
	# shellcheck disable=SC2034 # read by auth_raddb
	AUTH_EAP="mschapv2 {
				}
				tls-config tls-common {
					private_key_file = $T/server.key
					certificate_file = $T/server.pem
					ca_file = $T/ca.pem
					cipher_list = \"DEFAULT\"
					ecdh_curve = \"prime256v1\"
					tls_min_version = \"1.2\"
					tls_max_version = \"1.2\"
					cache {
						enable = no
					}
				}
				tls {
					tls = tls-common
				}
				peap {
					tls = tls-common
					default_eap_type = mschapv2
					virtual_server = inner
				}
				ttls {
					tls = tls-common
					default_eap_type = md5
					virtual_server = inner
				}"
	# shellcheck disable=SC2034 # read by auth_raddb
	AUTH_SERVERS="server inner {
			authorize {
				eap {
					ok = return
				}
				files
				mschap
				pap
			}
			authenticate {
				Auth-Type PAP {
					pap
				}
				Auth-Type MS-CHAP {
					mschap
				}
				eap
			}
		}"
}

# auth_rad_start NS: freeradius -X in that namespace, its log in
# $T/radius.log, its pid in $RAD; fails unless it is ready in 60 s
# (the TLS set-up under TCG on a loaded machine).
auth_rad_start() {
	spawn "$1" "$T/radius.log" freeradius -X -d "$T/raddb"
	RAD=$LAST_PID
	wait_for 60 grep -q "Ready to process requests" "$T/radius.log"
}
auth_rad_stop() {
	[ -n "${RAD:-}" ] || return 0
	kill "$RAD" 2>/dev/null
	wait "$RAD" 2>/dev/null
	RAD=""
}
accepts() { grep -c "Sent Access-Accept" "$T/radius.log"; }
rejects() { grep -c "Sent Access-Reject" "$T/radius.log"; }
