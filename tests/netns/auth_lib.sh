# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# freeradius for the authenticator's tests (tests/netns/t_auth.sh and
# tests/vm/t_89_authd.sh): radiusd.conf in $T/raddb with the client
# 127.0.0.1 and $SECRET on 127.0.0.1:$RPORT, PAP and EAP-MD5, a
# Message-Authenticator in every reply; the caller writes $T/raddb/users.
# Nothing from /etc/freeradius is read.

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
	modules {
		pap {
		}
		files {
			filename = $r/users
		}
		eap {
			default_eap_type = md5
			timer_expire = 60
			ignore_unknown_eap_types = no
			max_sessions = 64
			md5 {
			}
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
	EOC
}
