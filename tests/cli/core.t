#!/usr/bin/env bash
# The command line of the core: validate, new, score, save round trips, exit codes.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
EX=$SOURCE_DIR/examples

run validate "$SOURCE_DIR"/checklists/*.json
is 0 "$RC" "every shipped checklist validates"
run validate "$EX"/*.json
is 0 "$RC" "every example case validates"

run --version
like "$OUT" "legitcheck " "--version prints the version"
run --help
like "$OUT" "validate FILE..." "--help lists the commands from the table"
run help score
like "$OUT" "--strict" "help COMMAND shows its options"
run frobnicate
is 64 "$RC" "an unknown command is a usage error"
ok "and no file is created for it" test ! -e frobnicate
run valdate examples.json
is 64 "$RC" "a misspelt command is a usage error"
like "$ERR" "unknown command 'valdate' (did you mean 'validate'?)" "which names the command meant"
run score
is 64 "$RC" "score without a case is a usage error"
like "$ERR" "usage: score" "the usage line is printed"
run score "$EX/kazakhstan-2022.json" --fromat json
is 64 "$RC" "a misspelt option is a usage error"
like "$ERR" "did you mean '--format'" "and suggests the right one"
run score "$EX/kazakhstan-2022.json" --format yaml
like "$ERR" "one of text json" "an invalid option value lists the valid ones"
run score missing.json
is 66 "$RC" "a missing case file exits 66"
like "$ERR" "cannot open 'missing.json'" "and names the file"

# new, then the session's script commands
run new c.json --title "Test case"
is 0 "$RC" "new creates a case"
run new c.json
is 73 "$RC" "new refuses to overwrite"
like "$ERR" "already exists" "and says why"
run new other.json --checklist nonexistent
is 66 "$RC" "new with an unknown checklist exits 66"
like "$ERR" 'no checklist "nonexistent"' "and names it"
printf 'answer q1.timing before\nanswer q1.freely free\nnote q1.timing "Décision du 5 janvier — «Тоқаев»"\n' >s1
run_with_input s1 c.json
is 0 "$RC" "a script of answers succeeds"
is before "$(jq -r '.answers["q1.timing"].choice' c.json)" "the answer is saved"
is "Décision du 5 janvier — «Тоқаев»" "$(jq -r '.answers["q1.timing"].note' c.json)" \
	"UTF-8 notes round-trip byte for byte"
is 2 "$(jq '.history | length' c.json)" "each answer is recorded in the history"

# Errors in scripts: line numbers, non-zero exit, file untouched by failed commands.
cp c.json before.json
printf '# a comment\nanswer q1.timing befor\nanswer q9.nothing yes\n\nanswer q1.timing "unclosed\n' >s2
run_with_input s2 c.json
is 64 "$RC" "a script with errors exits non-zero"
like "$ERR" "script:2: answer: q1.timing has no choice 'befor' (did you mean 'before'?)" \
	"errors carry the script line and a suggestion"
like "$ERR" "script:3: no question 'q9.nothing'" "an unknown question is reported with its line"
like "$ERR" "script:5: unterminated double quote" "tokenizer errors are reported with their line"
same_file before.json c.json "failed commands leave the case file byte-identical"

printf 'answer q1.timing befor\nanswer q1.freely coerced\n' >s3
run_with_input s3 c.json --bail
is free "$(jq -r '.answers["q1.freely"].choice' c.json)" "--bail stops at the first error"

# Load and save unchanged is byte-identical, unknown fields survive.
cp "$SOURCE_DIR/tests/data/good/unknown-fields.json" u.json
printf 'save\n' >s4
run_with_input s4 u.json
is 0 "$RC" "a case with unknown fields loads and saves"
extras='[.checklist.mirror, .answers["q1.timing"].reviewed_by, .answers["q1.timing"].evidence[0].confidence, .attachments]'
jq -c "$extras" "$SOURCE_DIR/tests/data/good/unknown-fields.json" >a.extras
jq -c "$extras" u.json >b.extras
same_file a.extras b.extras "unknown fields survive a save, at every level"
cp u.json u2.json
run_with_input s4 u2.json
same_file u.json u2.json "a case saved twice is byte-identical"
for ex in "$EX"/*.json; do
	cp "$ex" rt.json
	run_with_input s4 rt.json
	cp rt.json rt2.json
	run_with_input s4 rt2.json
	same_file rt.json rt2.json "$(basename "$ex") is stable through load and save"
done

# Saves that cannot happen: exit 73, clear message, old file untouched.
cp c.json keep.json
printf 'save nodir/x.json\n' >s5
run_with_input s5 c.json
is 73 "$RC" "saving into a missing directory exits 73"
like "$ERR" "cannot create 'nodir/x.json'" "and names the file"
printf 'save keep.json/x.json\n' >s6
run_with_input s6 c.json
is 73 "$RC" "saving under a regular file exits 73"
if [ "$(id -u)" = 0 ]; then
	printf 'save /proc/legitcheck-test.json\n' >s7
else
	mkdir ro && chmod 555 ro
	printf 'save ro/x.json\n' >s7
fi
run_with_input s7 c.json
is 73 "$RC" "saving into a read-only location exits 73 (root included)"
same_file keep.json c.json "the old file is untouched by failed saves"
is "" "$(ls | grep -c 'tmp-' | grep -v '^0$')" "no temporary file is left behind"

# A changed checklist is detected, not silently mis-scored.
mkdir -p cl
jq '.version = "1.0.1"' "$SOURCE_DIR/checklists/five-questions.json" >cl/five-questions.json
LEGITCHECK_PATH=$TMP/cl run score c.json
is 65 "$RC" "a case answered against another checklist version is refused"
like "$ERR" "version 1.0.0, but version 1.0.1 was found" "and the message says which versions"
jq '.questions[0].help = "changed"' "$SOURCE_DIR/checklists/five-questions.json" >cl/five-questions.json
LEGITCHECK_PATH=$TMP/cl run score c.json
like "$ERR" "has changed since the case was written" "a changed checklist content is detected by digest"
# A session editing the case holds it: upgrade must not rewrite it underneath.
mkfifo hold.fifo
(LEGITCHECK_PATH=$SOURCE_DIR/checklists "$LEGITCHECK" keep.json <hold.fifo >/dev/null 2>&1) &
holder=$!
exec 9>hold.fifo
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e .keep.json.lock ] && break; sleep 0.2; done
cp keep.json keep.before
run upgrade keep.json
is 75 "$RC" "upgrade refuses a case another session is editing"
like "$ERR" "is being edited by process" "and says who holds it"
same_file keep.before keep.json "the held case is untouched"
exec 9>&-
wait $holder
LEGITCHECK_PATH=$TMP/cl run upgrade c.json
is 0 "$RC" "upgrade accepts the changed checklist"
LEGITCHECK_PATH=$TMP/cl run score c.json
is 0 "$RC" "after upgrade the case scores"

# score exits 0 whatever the verdict; json has the documented keys
run score --format json "$EX/czechoslovakia-1968.json"
is 0 "$RC" "score exits 0 for a no_lawful_basis case"
is "case checklist progress frameworks overall findings" \
	"$(printf '%s' "$OUT" | jq -r '[keys_unsorted[] | select(. == "case" or . == "checklist" or . == "progress" or . == "frameworks" or . == "overall" or . == "findings")] | join(" ")')" \
	"score --format json has the documented top-level keys"
run score --format json "$EX/kazakhstan-2022.json" "$EX/czechoslovakia-1968.json"
is 2 "$(printf '%s\n' "$OUT" | wc -l)" "several cases give one JSON line each"
is "not_established no_lawful_basis" "$(printf '%s\n' "$OUT" | jq -r .overall.verdict | tr '\n' ' ' | sed 's/ $//')" \
	"each line carries its case's verdict"

# Closed or full standard output is an error, not silence.
if [ -w /dev/full ]; then
	"$LEGITCHECK" score "$EX/kazakhstan-2022.json" >/dev/full 2>"$TMP/full.err"
	is 74 "$?" "writing to a full device exits 74"
fi

done_testing
