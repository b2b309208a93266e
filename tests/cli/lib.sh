# TAP helpers for the end-to-end tests, which drive the real binary.
# Each test file sources this, calls plan or finishes with done_testing.
# $LEGITCHECK is the binary (set by CTest; defaults to build/legitcheck).

set -u
: "${SOURCE_DIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LEGITCHECK:=$SOURCE_DIR/build/legitcheck}"
export LEGITCHECK_PATH="$SOURCE_DIR/checklists"
export NO_COLOR=1
export XDG_STATE_HOME XDG_DATA_HOME XDG_CONFIG_HOME
T_RUN=0
T_FAILED=0
T_PLAN=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/legitcheck-test.XXXXXX")
XDG_STATE_HOME=$TMP/state
XDG_DATA_HOME=$TMP/data
XDG_CONFIG_HOME=$TMP/config
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

plan() { T_PLAN=$1; echo "1..$1"; }

_result() { # pass description
	T_RUN=$((T_RUN + 1))
	if [ "$1" = 0 ]; then
		echo "ok $T_RUN - $2"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "not ok $T_RUN - $2"
	fi
}

ok() { # description command...
	local desc=$1
	shift
	if "$@"; then _result 0 "$desc"; else _result 1 "$desc"; fi
}

same_file() { # a b description
	if cmp -s "$1" "$2"; then
		_result 0 "$3"
	else
		_result 1 "$3"
		diff -u "$1" "$2" 2>&1 | head -20 | sed 's/^/#   /'
	fi
}

is() { # wanted seen description
	if [ "$1" = "$2" ]; then
		_result 0 "$3"
	else
		_result 1 "$3"
		printf '#   wanted: %s\n#     seen: %s\n' "$1" "$2"
	fi
}

like() { # haystack needle description
	case "$1" in
	*"$2"*) _result 0 "$3" ;;
	*)
		_result 1 "$3"
		printf '#   wanted to contain: %s\n' "$2"
		printf '%s\n' "$1" | sed 's/^/#   in: /' | head -20
		;;
	esac
}

unlike() { # haystack needle description
	case "$1" in
	*"$2"*)
		_result 1 "$3"
		printf '#   did not want: %s\n' "$2"
		;;
	*) _result 0 "$3" ;;
	esac
}

# Runs the binary, capturing stdout in $OUT, stderr in $ERR and status in $RC.
run() {
	OUT=$("$LEGITCHECK" "$@" 2>"$TMP/.stderr")
	RC=$?
	ERR=$(cat "$TMP/.stderr")
}

# Same, with standard input from the file named first.
run_with_input() {
	local input=$1
	shift
	OUT=$("$LEGITCHECK" "$@" <"$input" 2>"$TMP/.stderr")
	RC=$?
	ERR=$(cat "$TMP/.stderr")
}

done_testing() {
	[ -n "$T_PLAN" ] || echo "1..$T_RUN"
	if [ -n "$T_PLAN" ] && [ "$T_PLAN" != "$T_RUN" ]; then
		echo "# planned $T_PLAN tests but ran $T_RUN"
		exit 255
	fi
	[ "$T_FAILED" = 0 ] || exit 1
	exit 0
}
