# shellcheck shell=bash
# Helpers for the tests that drive the binary on a pseudo-terminal (pty*.t),
# sourced after lib.sh. ptydrive is built beside the test programs.
: "${LEGITCHECK_TOOLS:=$(dirname "$LEGITCHECK")/tests}"
PTYDRIVE=$LEGITCHECK_TOOLS/ptydrive
# Slow machines and sanitizer builds get more time; a passing run takes none of it.
PTY_TIMEOUT=${PTY_TIMEOUT:-60}
export TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LEGITCHECK_HISTORY

# A test made only of terminal sessions calls this first.
pty_needed() {
	if [ ! -x "$PTYDRIVE" ]; then
		echo "1..0 # SKIP ptydrive is not built ($PTYDRIVE)"
		exit 0
	fi
}

# drive SCENARIO ARGS...: runs the binary with ARGS on a terminal; $RC is
# ptydrive's status, $TMP/pty.log what the terminal showed, $TMP/pty.err why
# a step failed.
drive() {
	local scenario=$1
	shift
	"$PTYDRIVE" -t "$PTY_TIMEOUT" -l "$TMP/pty.log" "$scenario" -- "$LEGITCHECK" "$@" \
		2>"$TMP/pty.err"
	RC=$?
	if [ "$RC" != 0 ]; then
		head -1 "$TMP/pty.err" | sed 's/^/# /'
		tail -30 "$TMP/pty.err" | sed 's/^/# /'
	fi
}

# scenario FILE: writes standard input to FILE (one step a line). Between two
# prompts the terminal is in its ordinary line mode, where the kernel, not the
# program, acts on Ctrl-C and Ctrl-D: a scenario expects the prompt before it
# sends one.
scenario() { cat >"$1"; }
