# Starts and stops lighttpd on a free loopback port (sourced by scripts/serve,
# the tests/e2e/t2*.sh tests and scripts/bench/cgi-load; POSIX sh).
#
#   www_lighttpd            the lighttpd program, or "" when not installed
#   www_start STATE CONF    writes STATE/lighttpd.conf (var.port, var.state
#                           and the lines in $WWW_VARS, then include CONF),
#                           starts lighttpd -D on a random free port of
#                           127.0.0.1 (another one if that port is taken)
#                           and waits until it listens; sets WWW_PORT and
#                           WWW_PID.  Returns 1 (log in STATE/error.log) if
#                           it could not start.
#   www_stop                stops it (TERM, then KILL after 5 s)

www_lighttpd() {
	command -v lighttpd 2>/dev/null ||
		{ [ -x /usr/sbin/lighttpd ] && echo /usr/sbin/lighttpd; } ||
		echo ""
}

# A random port in 20000..59999.
www_randport() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
}

www_start() {
	_st=$1
	_conf=$2
	case $_conf in /*) ;; *) _conf=$(pwd)/$_conf ;; esac
	_lt=$(www_lighttpd)
	WWW_PID=""
	WWW_PORT=""
	[ -n "$_lt" ] || return 1
	mkdir -p "$_st/htdocs" || return 1
	_try=0
	while [ $_try -lt 20 ]; do
		_try=$((_try + 1))
		_port=$(www_randport)
		{
			echo "var.port = $_port"
			echo "var.state = \"$_st\""
			printf '%s\n' "${WWW_VARS:-}"
			echo "include \"$_conf\""
		} >"$_st/lighttpd.conf"
		: >"$_st/error.log"
		"$_lt" -D -f "$_st/lighttpd.conf" >>"$_st/lighttpd.out" 2>&1 &
		WWW_PID=$!
		# lighttpd logs "server started" once it has bound the port
		_i=0
		while [ $_i -lt 100 ]; do
			if grep -q "server started" "$_st/error.log" 2>/dev/null; then
				WWW_PORT=$_port
				return 0
			fi
			kill -0 "$WWW_PID" 2>/dev/null || break
			sleep 0.05
			_i=$((_i + 1))
		done
		kill "$WWW_PID" 2>/dev/null
		wait "$WWW_PID" 2>/dev/null
		WWW_PID=""
		# taken: try another port; anything else: give up
		grep -qi "address already in use" "$_st/error.log" \
			"$_st/lighttpd.out" 2>/dev/null || return 1
	done
	return 1
}

www_stop() {
	[ -n "${WWW_PID:-}" ] || return 0
	kill "$WWW_PID" 2>/dev/null
	_i=0
	while kill -0 "$WWW_PID" 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	kill -9 "$WWW_PID" 2>/dev/null
	wait "$WWW_PID" 2>/dev/null
	WWW_PID=""
}
