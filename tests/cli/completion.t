#!/usr/bin/env bash
# Bash completion (completions/legitcheck.bash): sourced in a bash, given
# COMP_WORDS and COMP_CWORD, _legitcheck fills COMPREPLY with commands, the
# options of each command and their values, checklist ids and case files.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
COMPLETION=$SOURCE_DIR/completions/legitcheck.bash

mkdir -p bin cases/sub
ln -s "$LEGITCHECK" bin/legitcheck
cp "$SOURCE_DIR/examples/kazakhstan-2022.json" cases/
: >cases/notes.txt
cd cases || exit 1

# Prints the completions of a command line whose last word is being completed,
# sorted, on one line.
complete_line() {
	PATH="$TMP/bin:$PATH" bash -c '
		source "$1"; shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_legitcheck
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' \
		completion "$COMPLETION" "$@"
}

ok "the script is valid bash" bash -n "$COMPLETION"
is "complete -F _legitcheck legitcheck" \
	"$(bash -c 'source "$1"; complete -p legitcheck' x "$COMPLETION")" \
	"sourcing it registers _legitcheck for legitcheck"

cli=$("$LEGITCHECK" help | awk '/^commands:/ { f = 1; next } f && /^  [a-z]/ { print $1 }' |
	sort | tr '\n' ' ' | sed 's/ $//')
first=$(complete_line legitcheck "")
for cmd in $cli; do
	like " $first " " $cmd " "the first word offers the command '$cmd'"
done
like "$first" "kazakhstan-2022.json" "the first word offers case files"
like "$first" "sub/" "and directories"
unlike "$first" "notes.txt" "but no other files"
is "score" "$(complete_line legitcheck sc)" "a prefix completes a command"
is "validate version" "$(complete_line legitcheck v)" "an ambiguous prefix offers every match"
is "" "$(complete_line legitcheck frob)" "nothing completes what matches nothing"

# The options of each command, from its help.
for cmd in $cli; do
	want=$("$LEGITCHECK" help "$cmd" | awk '/^options:/ { f = 1; next }
		f && /^  -/ { for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i } }' |
		grep -- '^--' | sort | tr '\n' ' ' | sed 's/ $//')
	is "$want" "$(complete_line legitcheck "$cmd" --)" "'$cmd --' offers the options of $cmd"
done
is "--format --strict" "$(complete_line legitcheck score --)" "score offers --format and --strict"
is "--format" "$(complete_line legitcheck score --f)" "an option prefix completes"

# Values of options.
is "json text" "$(complete_line legitcheck score --format "")" "--format offers its values"
is "json" "$(complete_line legitcheck score --format j)" "and completes a prefix of one"
is "--format=json" "$(complete_line legitcheck score --format=j | sed 's/^/--format=/')" \
	"--format=VALUE completes the value"
ids=$("$LEGITCHECK" checklists --ids)
ok "checklists --ids prints ids" test -n "$ids"
is "$(printf '%s\n' $ids | sort -u | tr '\n' ' ' | sed 's/ $//')" \
	"$("$LEGITCHECK" checklists --ids | sort | tr '\n' ' ' | sed 's/ $//')" \
	"checklists --ids prints each id once"
checklist_values=$(complete_line legitcheck new x.json --checklist "")
for id in $ids; do
	like " $checklist_values " " $id " "new --checklist offers the checklist id '$id'"
done
like "$checklist_values" "kazakhstan-2022.json" "and checklist files"
is "five-questions" "$(complete_line legitcheck new x.json --checklist fi)" \
	"--checklist completes a prefix of an id"
is "" "$(complete_line legitcheck new x.json --title "")" "--title TEXT offers nothing"
is "five-questions" "$(complete_line legitcheck test fi)" "test CHECKLIST offers checklist ids"

# Positional arguments: case files, command names.
is "kazakhstan-2022.json" "$(complete_line legitcheck score k)" "score completes a case file"
is "kazakhstan-2022.json sub/" "$(complete_line legitcheck validate "")" \
	"validate offers JSON files and directories"
is "score" "$(complete_line legitcheck help sc)" "help completes command names"

# A session: legitcheck CASE [OPTIONS].
session=$(complete_line legitcheck kazakhstan-2022.json --)
for opt in --checklist --bail --autosave --no-autosave --color --no-color --history --no-history; do
	like " $session " " $opt " "a session offers $opt"
done
is "always auto never" "$(complete_line legitcheck kazakhstan-2022.json --color "")" \
	"a session's --color offers auto, always and never"
like "$(complete_line legitcheck kazakhstan-2022.json --checklist "")" "five-questions" \
	"a session's --checklist offers checklist ids"

# Without the program, nothing breaks.
out=$(PATH=/usr/bin:/bin bash -c 'source "$1"; COMP_WORDS=(legitcheck ""); COMP_CWORD=1;
	_legitcheck; echo "rc=$?"' x "$COMPLETION" 2>&1)
like "$out" "rc=0" "without legitcheck on the PATH the function still returns 0"

done_testing
