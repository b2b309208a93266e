#!/usr/bin/env bash
# The prompt and the process's end: a SIGKILL right after an answer loses
# nothing, SIGTERM and SIGHUP save first, Ctrl-D leaves (asking when work would
# be lost), Ctrl-C and a resize never end the program.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty-lib.sh"
pty_needed
cd "$TMP" || exit 1

# SIGKILL as soon as the answer is confirmed: the next question asked is
# "add evidence now?", and the answer must already be on disk.
scenario kill1 <<'SC'
expect q1.timing> 
sendline before
expect add evidence now? [y/N] 
signal KILL
killed KILL
SC
# Reopens a case and leaves, so that whatever the last session left is in the file.
reopen() { printf 'quit\n' | "$LEGITCHECK" "$1" >/dev/null 2>&1; }

drive kill1 k.json
is 0 "$RC" "killed with SIGKILL at the question after an answer"
reopen k.json
is before "$(jq -r '.answers["q1.timing"].choice' k.json)" "on reopening, the answer is there"

scenario kill2 <<'SC'
expect q1.timing> 
sendline after
expect add evidence now? [y/N] 
sendline n
expect q1.initiative> 
sendline host
expect add evidence now? [y/N] 
sendline y
expect source, who published it (required): 
sendline Kazakhstan, Présidence de la République
expect title: 
sendline Обращение Главы государства
expect date published
sendline 
expect date of the event
sendline 
expect url: 
sendline 
expect citation
sendline 
expect quote
sendline « Тоқаев »
expect kind (
sendline official_statement
expect grade
sendline 
expect origin
sendline host
expect disputed
sendline 
expect note: 
sendline 
expect added [1] to q1.initiative
expect add another item? [y/N] 
signal KILL
killed KILL
SC
drive kill2 k2.json
is 0 "$RC" "killed with SIGKILL right after evidence was added"
reopen k2.json
is "after host" "$(jq -r '[.answers["q1.timing"].choice, .answers["q1.initiative"].choice] | join(" ")' k2.json)" \
	"on reopening, both answers are there"
is "Обращение Главы государства|« Тоқаев »|host" \
	"$(jq -r '.answers["q1.initiative"].evidence[0] | [.title, .quote, .origin] | join("|")' k2.json)" \
	"and so is the evidence"

# SIGTERM with autosave off: the case is saved before leaving.
scenario term <<'SC'
expect q1.timing> 
sendline answer q1.freely coerced
expect add evidence now? [y/N] 
sendline 
expect q1.timing> 
signal TERM
exit 143
SC
drive term t.json --no-autosave
is 0 "$RC" "SIGTERM ends the session with status 143"
is coerced "$(jq -r '.answers["q1.freely"].choice' t.json)" "and the unsaved answer was saved first"
like "$(cat "$TMP/pty.log")" "saved 't.json' before leaving" "it says so"

# SIGHUP on a new case without a file: it is kept in the state directory.
scenario hup <<'SC'
expect q1.timing> 
sendline none
expect add evidence now? [y/N] 
signal HUP
exit 129
SC
drive hup
is 0 "$RC" "SIGHUP ends the session with status 129"
rescued=$(ls "$XDG_STATE_HOME"/legitcheck/unsaved-*.json 2>/dev/null | head -1)
ok "a new case without a file is saved in the state directory" test -n "$rescued"
is none "$(jq -r '.answers["q1.timing"].choice' "$rescued" 2>/dev/null)" "with its answer"
like "$(cat "$TMP/pty.log")" "the new case had no file; saved it as" "and the user is told where"

# Ctrl-C and a resize at the prompt do not end the program.
scenario intr <<'SC'
expect > 
signal INT
sleep 100
signal WINCH
sleep 100
send \x03
sendline status
expect checklist five-questions
sendline quit
exit 0
SC
drive intr k.json
is 0 "$RC" "SIGINT and SIGWINCH at the prompt leave the program running"

# Ctrl-D: leaves at once when everything is saved...
scenario eof1 <<'SC'
expect > 
send \x04
exit 0
SC
drive eof1 k.json
is 0 "$RC" "Ctrl-D at an empty prompt leaves when the case is saved"

# ...asks first on a new case with changes; 'n' stays, and after 'save FILE' it leaves.
scenario eof2 <<'SC'
expect q1.timing> 
sendline unknown
expect q1.initiative> 
send \x04
expect leave without saving it? [y/N] 
sendline n
expect q1.initiative> 
sendline save new-case.json
expect saved 'new-case.json'
expect q1.initiative> 
send \x04
exit 0
SC
drive eof2
is 0 "$RC" "Ctrl-D on a new case with changes asks first, and leaves once it is saved"
is unknown "$(jq -r '.answers["q1.timing"].choice' new-case.json 2>/dev/null)" "the case was saved to the file named"

# quit asks too; Ctrl-D twice keeps the work in the state directory.
rm -f "$XDG_STATE_HOME"/legitcheck/unsaved-*.json
scenario eof3 <<'SC'
expect q1.timing> 
sendline before
expect add evidence now? [y/N] 
sendline 
expect q1.initiative> 
sendline quit
expect quit anyway? [y/N] 
sendline 
expect q1.initiative> 
send \x04
expect leave without saving it? [y/N] 
send \x04
exit 0
SC
drive eof3
is 0 "$RC" "quit asks before losing a new case; Ctrl-D twice leaves"
rescued=$(ls "$XDG_STATE_HOME"/legitcheck/unsaved-*.json 2>/dev/null | head -1)
is before "$(jq -r '.answers["q1.timing"].choice' "$rescued" 2>/dev/null)" \
	"and the case is kept in the state directory"

# Tab completes file names where a file is expected.
cp k.json "other case.json"
scenario files <<'SC'
expect > 
send open oth
sleep 100
send \t
sendline 
expect opened 'other case.json'
sendline quit
exit 0
SC
drive files k.json
is 0 "$RC" "Tab completes a file name for open, quoting its blank"

done_testing
