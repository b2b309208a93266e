#!/usr/bin/env bash
# Scripts: the session's commands read from standard input, one a line, with
# every command of the session, autosave, open and save, and quit.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
every=$SOURCE_DIR/tests/cli/script-every-command.txt

run_with_input "$every" c.json
is 0 "$RC" "a script using every command succeeds"
is "" "$ERR" "and says nothing on standard error"
like "$OUT" "usage: evidence add|list|edit|rm" "help evidence shows its usage"
like "$OUT" "Q1 The request: timing, initiative, authority · 0 of 21 answered · 0 unsupported" \
	"status gives the progress line"
like "$OUT" "q1.timing — Timing of the request" "show shows the question at hand"
like "$OUT" "q1.timing = before · 2 items" "evidence list names the answer and counts the items"
like "$OUT" "[2] ТАСС · official_statement · disputed" "an item is listed with what is known of it"
like "$OUT" "q1.freely — " "next and prev move through the questions"
like "$OUT" "q3.organ — " "goto shows the question"
like "$OUT" "> q3.consensus" "after 'no' answered q3.organ, list marks the next question"
like "$OUT" "Overall: " "score gives the verdict"
like "$OUT" "strict proof standards" "score --strict says it is strict"
like "$OUT" "undone: answer to q3.organ (q3.organ is no)" "undo says what it reverted"
unlike "$OUT" "q1.timing = after" "nothing runs after quit"

j() { jq -r "$1" c.json; }
is "Kazakhstan, janvier 2022 : la ОДКБ" "$(j .title)" "the title is saved"
is "before host no" "$(j '[.answers[] | .choice // empty] | join(" ")')" \
	"a bare choice keyword answers the question at hand ('no' is not 'note')"
is "Décision du 5 janvier — « Тоқаев »|à l'instant" \
	"$(j '[.answers["q1.timing"].note, .answers["q1.initiative"].note] | join("|")')" \
	"notes are saved byte for byte, on the question named or at hand"
is 2 "$(j '.answers["q1.timing"].evidence | length')" "undo brings back a removed item"
is "Le Monde avec l'AFP|Kazakhstan : le président décrète l'état d'urgence|2022-01-05|2022-01-05|https://www.lemonde.fr/x|p. 3|« une force collective de maintien de la paix »|news_report|B2|third_party|false|vérifié à Almaty" \
	"$(j '.answers["q1.timing"].evidence[0] | [.source, .title, .date, .event_date, .url, .citation, .quote, .kind, .grade, .origin, .disputed, .note] | map(tostring) | join("|")')" \
	"every field of an item given as options is saved as given (the grade in capitals)"
is "ТАСС|Коллективные силы|C3|intervening|true|official_statement" \
	"$(j '.answers["q1.timing"].evidence[1] | [.source, .title, .grade, .origin, .disputed, .kind] | map(tostring) | join("|")')" \
	"edit changes the fields given and keeps the others"
is "q1.timing:before q1.initiative:host q3.organ:no q3.organ:yes q3.organ:no" \
	"$(j '[.history[] | "\(.question):\(.to)"] | join(" ")')" \
	"the history records every answer, the undone one and its undoing"
same_file c.json copy.json "save FILE writes the same case"

# A script on a new case: nothing is written until 'save FILE'.
printf 'answer q1.timing after\nstatus\n' >s1
files_before=$(ls -A)
run_with_input s1
is 0 "$RC" "a script without a case works on a new one"
like "$OUT" "new case, no file yet" "status says the case has no file"
is "$files_before" "$(ls -A)" "and writes no file"
printf 'answer q1.timing after\nsave new.json\nanswer q1.freely coerced\n' >s2
run_with_input s2
is "after coerced" "$(jq -r '[.answers[].choice] | join(" ")' new.json)" \
	"save FILE names a new case, and later changes are saved to it"

# Autosave off: only 'save' writes.
cp c.json before.json
printf 'set autosave off\nanswer q1.freely free\n' >s3
run_with_input s3 c.json
same_file before.json c.json "with 'set autosave off' a change is not written"
run_with_input s3 c.json --no-autosave
same_file before.json c.json "nor with --no-autosave"
printf 'set autosave off\nanswer q1.freely free\nsave\n' >s4
run_with_input s4 c.json
is free "$(jq -r '.answers["q1.freely"].choice' c.json)" "'save' writes it"

# open: another case, a new one, refused while changes are unsaved.
printf 'open other.json\nanswer q1.timing none\nopen c.json\nanswer q1.timing after\n' >s5
run_with_input s5 c.json
is 0 "$RC" "open switches case in a script"
is "none after" "$(jq -r '.answers["q1.timing"].choice' other.json c.json | tr '\n' ' ' | sed 's/ $//')" \
	"each answer went to the case open at the time"
printf 'answer q1.timing before\nopen c.json\n' >s6
run_with_input s6
is 64 "$RC" "open with unsaved changes in a script fails"
like "$ERR" "script:2: open: the open case has unsaved changes: 'save FILE' first" "and says why"

# An answer change that makes answered questions irrelevant says which.
printf 'answer q3.organ yes\nanswer q3.consensus consensus\nanswer q3.organ not_applicable\n' >s8
run_with_input s8 w.json
is 0 "$RC" "an answer that makes others irrelevant is no error"
like "$OUT" "warning: these answers no longer apply and are not scored" "but it warns"
like "$(printf '%s' "$OUT" | tr '\n' ' ')" "q3.consensus (consensus)" "naming the answers concerned"
is consensus "$(jq -r '.answers["q3.consensus"].choice' w.json)" "which are kept"

# A prefix of a command is enough; an ambiguous one lists the candidates.
printf 'stat\ns\n' >s7
run_with_input s7 c.json
like "$OUT" "checklist five-questions" "a unique prefix runs the command"
like "$ERR" "script:2: 's' is ambiguous: save score set show status" "an ambiguous prefix lists them"

# What edit set, edit can take back: --undisputed, and an empty value.
printf '%s\n' 'evidence edit q1.timing 1 --disputed --kind official_document' \
	'evidence edit q1.timing 1 --undisputed --kind ""' \
	'evidence edit q1.timing 1 --disputed --undisputed' >s9
cp c.json u.json
run_with_input s9 u.json
is 64 "$RC" "--disputed with --undisputed is a usage error"
like "$ERR" "script:3: evidence edit: --disputed and --undisputed: one or the other" "which says why"
is "false|null" "$(jq -r '.answers["q1.timing"].evidence[0] | [.disputed, .kind] | map(tostring) | join("|")' u.json)" \
	"--undisputed takes back --disputed, and --kind \"\" the kind; the failed edit changed nothing"

done_testing
