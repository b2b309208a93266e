#!/usr/bin/env bash
# Every file in tests/data/bad/ is rejected with the exit code and messages of
# its .expect file (first line: exit code; each further line: text that must
# appear on standard error), within a time limit (no hang), and is never
# modified. NAME.gen, when present, is a shell script that makes NAME.json in
# a temporary directory (a file too large to keep in the repository, a FIFO,
# a directory...); it exits 77 after printing a reason to skip NAME here.
. "$(dirname "$0")/lib.sh"
BAD=$SOURCE_DIR/tests/data/bad
GEN=$TMP/gen
mkdir -p "$GEN"
cd "$BAD" || exit 1

# What "unchanged" means for anything: the bytes of a regular file, the kind,
# mode, size and time of anything else (a link is not followed).
fingerprint() {
	if [ -f "$1" ] && [ ! -L "$1" ] && [ -r "$1" ]; then
		sha256sum <"$1"
	else
		stat -c '%F %a %s %Y' -- "$1"
	fi
}

# Runs the binary like run(), but a hang is a failure (status 124).
run_bounded() {
	OUT=$(timeout 300 "$LEGITCHECK" "$@" 2>"$TMP/.stderr")
	RC=$?
	ERR=$(cat "$TMP/.stderr")
}

skip() { # count reason
	local i
	for i in $(seq "$1"); do
		T_RUN=$((T_RUN + 1))
		echo "ok $T_RUN # SKIP $2"
	done
}

for expect in *.expect; do
	name=${expect%.expect}
	f=$name.json
	dir=$BAD
	if [ -f "$name.gen" ]; then
		dir=$GEN
		reason=$(cd "$GEN" && sh "$BAD/$name.gen" "$f")
		gen_rc=$?
		if [ "$gen_rc" = 77 ]; then
			skip 3 "$f: $reason"
			continue
		elif [ "$gen_rc" != 0 ]; then
			_result 1 "$f: $name.gen makes the file"
			continue
		fi
	fi
	want_rc=$(head -n 1 "$expect")
	before=$(cd "$dir" && fingerprint "$f")
	cd "$dir" || exit 1
	run_bounded validate "$f"
	cd "$BAD" || exit 1
	is "$want_rc" "$RC" "$f: validate exits $want_rc"
	tail -n +2 "$expect" | while IFS= read -r line; do
		[ -n "$line" ] || continue
		case "$ERR" in
		*"$line"*) ;;
		*) printf '# missing from stderr of %s: %s\n' "$f" "$line" && echo MISSING ;;
		esac
	done >"$TMP/missing"
	if grep -q MISSING "$TMP/missing"; then
		_result 1 "$f: every expected message is reported"
		grep -v MISSING "$TMP/missing"
		printf '%s\n' "$ERR" | sed 's/^/#   stderr: /' | head -12
	else
		_result 0 "$f: every expected message is reported"
	fi
	case "$f" in
	case-* | json-* | fs-*)
		cd "$dir" || exit 1
		run_bounded score "$f"
		cd "$BAD" || exit 1
		is "$want_rc" "$RC" "$f: score refuses it the same way"
		;;
	esac
	is "$before" "$(cd "$dir" && fingerprint "$f")" "$f: the file is not modified"
	[ "$dir" = "$GEN" ] && chmod -R u+rwx "$GEN/$f" 2>/dev/null && rm -rf "${GEN:?}/$f"
done

done_testing
