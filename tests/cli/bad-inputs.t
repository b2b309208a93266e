#!/usr/bin/env bash
# Every file in tests/data/bad/ is rejected with the exit code and messages of
# its .expect file (first line: exit code; each further line: text that must
# appear on standard error), and is never modified.
. "$(dirname "$0")/lib.sh"
cd "$SOURCE_DIR/tests/data/bad" || exit 1

for expect in *.expect; do
	f=${expect%.expect}.json
	want_rc=$(head -n 1 "$expect")
	before=$(sha256sum "$f")
	run validate "$f"
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
	is "$before" "$(sha256sum "$f")" "$f: the file is not modified"
	case "$f" in
	case-* | json-*)
		run score "$f"
		is "$want_rc" "$RC" "$f: score refuses it the same way"
		;;
	esac
done

done_testing
