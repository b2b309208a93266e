#!/usr/bin/env bash
# README.md shows the program as it is: its session transcript and report
# excerpt are what scripts/readme-excerpts.sh produces now (`make readme`
# rewrites them).
. "$(dirname "$0")/lib.sh"
README=$SOURCE_DIR/README.md
SCRIPT=$SOURCE_DIR/scripts/readme-excerpts.sh
export LEGITCHECK

for name in transcript report; do
	if ! grep -qxF "<!-- BEGIN $name -->" "$README" 2>/dev/null; then
		echo "1..0 # SKIP README.md has no <!-- BEGIN $name --> block yet"
		exit 0
	fi
done

"$SCRIPT" --check "$README" >"$TMP/diff" 2>&1
is 0 "$?" "README.md's transcript and report are what the program prints now (else: make readme)"
[ -s "$TMP/diff" ] && head -40 "$TMP/diff" | sed 's/^/#   /'

# The script itself: it notices a stale block, and --update mends it.
cp "$README" "$TMP/README.md"
sed -i '/<!-- BEGIN transcript -->/a stale line' "$TMP/README.md"
"$SCRIPT" --check "$TMP/README.md" >/dev/null 2>&1
isnt_zero=$?
ok "--check fails on a stale block" test "$isnt_zero" -ne 0
"$SCRIPT" --update "$TMP/README.md" 2>/dev/null
same_file "$README" "$TMP/README.md" "--update rewrites the blocks, and only them"
"$SCRIPT" --update "$TMP/README.md" 2>"$TMP/err"
like "$(cat "$TMP/err")" "up to date" "--update on an up-to-date file changes nothing"
printf '# A README without blocks\n' >"$TMP/plain.md"
"$SCRIPT" --check "$TMP/plain.md" >/dev/null 2>"$TMP/err"
ok "a file without the markers is an error" test "$?" -ne 0
like "$(cat "$TMP/err")" "no <!-- BEGIN transcript --> marker" "which names the missing marker"

transcript=$("$SCRIPT" transcript)
like "$transcript" "> show q1.authority" "the transcript shows the commands"
like "$transcript" "q1.authority — Authority to request" "and what they print"
report=$("$SCRIPT" report)
like "$report" "Kazakhstan, January 2022" "the report excerpt is on the example case"
like "$report" "not established" "with its verdict"

done_testing
