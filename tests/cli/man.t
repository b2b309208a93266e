#!/usr/bin/env bash
# The manual pages render without warnings, document every command, option,
# exit status and environment variable that the program has, and the worked
# example of legitcheck-checklist(5) is a real, valid checklist whose
# self-tests pass.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
DOC=$SOURCE_DIR/doc
MAN1=$DOC/legitcheck.1
MAN5=$DOC/legitcheck-checklist.5
export LC_ALL=C.UTF-8 MANWIDTH=80

# Renders a page as a reader sees it (man strips the bold for a pipe).
render() { man -E UTF-8 -l "$1" 2>/dev/null; }

for page in "$MAN1" "$MAN5"; do
	name=$(basename "$page")
	warnings=$(man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
	is "" "$warnings" "$name: man --warnings reports nothing"
	warnings=$(groff -ww -z -man -Tutf8 "$page" 2>&1)
	is "" "$warnings" "$name: groff -ww reports nothing"
	render "$page" >"$TMP/$name.txt"
	for section in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
		ok "$name has a $section section" grep -qx "$section" "$TMP/$name.txt"
	done
done
R1=$TMP/legitcheck.1.txt
R5=$TMP/legitcheck-checklist.5.txt

# The text of one section of a rendered page.
section() { # file heading
	awk -v h="$2" '$0 == h { f = 1; next } f && /^[A-Z]/ { exit } f' "$1"
}

# Every command of the table, on the command line and in a session, has an
# entry in COMMANDS; every option that `help COMMAND` lists is documented.
section "$R1" COMMANDS >"$TMP/commands.txt"
cli=$("$LEGITCHECK" help | awk '/^commands:/ { f = 1; next } f && /^  [a-z]/ { print $1 }')
ok "legitcheck help lists commands" test -n "$cli"
sess=$(printf 'help\n' | "$LEGITCHECK" --no-history 2>/dev/null | awk '/^  [a-z]/ { print $1 }')
ok "the session's help lists commands" test -n "$sess"
# The entry of a command: its tag line(s) and the paragraphs under it.
entry() {
	awk -v cmd="$1" '
		/^       [^ ]/ && prev == "" { f = ($1 == cmd) }
		{ prev = $0 }
		f' "$TMP/commands.txt"
}
for cmd in $(printf '%s\n' $cli $sess | sort -u); do
	entry "$cmd" >"$TMP/entry.txt"
	ok "legitcheck.1 documents the command '$cmd'" test -s "$TMP/entry.txt"
	for opt in $("$LEGITCHECK" help "$cmd" | awk '/^options:/ { f = 1; next }
		f && /^  -/ { for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i } }'); do
		ok "legitcheck.1 documents '$cmd $opt'" grep -qE -- "$opt( |,|\]|\||$)" "$TMP/entry.txt"
	done
	# Where it runs, as the table says.
	in_cli=$(printf '%s\n' $cli | grep -cx "$cmd")
	in_sess=$(printf '%s\n' $sess | grep -cx "$cmd")
	if [ "$in_cli" = 1 ] && [ "$in_sess" = 0 ]; then
		ok "legitcheck.1 marks '$cmd' as (command line)" grep -q "(command line)" "$TMP/entry.txt"
	elif [ "$in_cli" = 0 ]; then
		ok "legitcheck.1 marks '$cmd' as (prompt)" grep -q "(prompt)" "$TMP/entry.txt"
	else
		ok "legitcheck.1 marks '$cmd' as running in both places" \
			bash -c '! grep -qE "\((prompt|command line)\)" "$1"' x "$TMP/entry.txt"
	fi
done

# The options of a session, as its usage message lists them.
"$LEGITCHECK" --no-such-option >/dev/null 2>"$TMP/usage"
section "$R1" OPTIONS >"$TMP/options.txt"
for opt in $(grep -oE -- '--[a-z][a-z-]*|\[no-\][a-z-]+' "$TMP/usage" | sed 's/^\[no-\]/--no-/' | sort -u); do
	[ "$opt" = --no-such-option ] && continue
	ok "legitcheck.1 documents the session option '$opt'" grep -qE -- "^       $opt( |,|$)" "$TMP/options.txt"
done
# Every --[no-]X option also exists as --X.
for opt in $(grep -oE -- '\[no-\][a-z-]+' "$TMP/usage" | sed 's/^\[no-\]/--/'); do
	ok "legitcheck.1 documents the session option '$opt'" grep -qE -- "^       $opt( |,|$)" "$TMP/options.txt"
done

# Every exit status of include/legitcheck/error.h, and 1 of 'test'.
section "$R1" "EXIT STATUS" >"$TMP/exit.txt"
for code in 0 1 $(sed -n 's/^[[:space:]]*LC_[A-Z_]* = \([0-9][0-9]*\),.*/\1/p' \
	"$SOURCE_DIR/include/legitcheck/error.h"); do
	ok "legitcheck.1 documents exit status $code" grep -qE "^       $code " "$TMP/exit.txt"
done

# Every environment variable the program reads.
section "$R1" ENVIRONMENT >"$TMP/env.txt"
for var in $(grep -ho 'getenv("[A-Za-z_]*")' "$SOURCE_DIR"/src/*.c | sed 's/getenv("\(.*\)")/\1/' | sort -u) \
	LEGITCHECK_CHECKLIST LEGITCHECK_AUTOSAVE LEGITCHECK_COLOR LEGITCHECK_HISTORY; do
	ok "legitcheck.1 documents \$$var" grep -qw -- "$var" "$TMP/env.txt"
done

# The settings of the configuration file.
section "$R1" CONFIGURATION >"$TMP/config.txt"
for key in default_checklist autosave color history; do
	ok "legitcheck.1 documents the setting '$key'" grep -qE "^       $key = " "$TMP/config.txt"
done

# The worked example of legitcheck-checklist(5) is a real checklist.
sed -n '/^\.\\" BEGIN example/,/^\.\\" END example/p' "$MAN5" | sed '1d;$d' |
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' >consent-brief.json
ok "the worked example is extracted" test -s consent-brief.json
run validate consent-brief.json
is 0 "$RC" "the worked example of legitcheck-checklist(5) is a valid checklist"
like "$OUT" "valid checklist consent-brief" "and it is the checklist the page talks about"
run test consent-brief.json
is 0 "$RC" "its self-tests pass"
test_out=$OUT
# The page shows the output of 'legitcheck test' as it is.
section "$R5" EXAMPLE | sed -n 's/^              \(ok [0-9].*\|1\.\.[0-9]*\)$/\1/p' >shown.txt
is "$test_out" "$(cat shown.txt)" "the page shows what 'legitcheck test' prints for it"
# Every top-level key that the page describes exists in the example or the
# default checklist, and the format keys listed are the ones the schema has.
for key in $(jq -r '.properties | keys[]' "$SOURCE_DIR/schemas/checklist.schema.json"); do
	ok "legitcheck-checklist.5 describes the key '$key'" grep -qw -- "$key" "$R5"
done

done_testing
