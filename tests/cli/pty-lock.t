#!/usr/bin/env bash
# At a terminal, a case another process is editing is not refused outright:
# the person is asked whether to open it read-only. A read-only session never
# writes the case, says so, and does not let its changes go without asking.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty-lib.sh"
pty_needed
cd "$TMP" || exit 1

cp "$SOURCE_DIR/examples/kazakhstan-2022.json" case.json
cp case.json before.json

# A session on case.json fed from a FIFO held open on fd 3: it holds the lock.
rm -f holder.fifo
mkfifo holder.fifo
"$LEGITCHECK" case.json <holder.fifo >holder.out 2>holder.err &
HOLDER=$!
exec 3>holder.fifo
for _ in $(seq 100); do
	[ -s .case.json.lock ] && break
	sleep 0.05
done

scenario no <<'SC'
expect 'case.json' is being edited by process
expect Open it read-only? [y/N] 
sendline 
expect open it with --read-only to look at it without changing it
exit 75
SC
drive no case.json
is 0 "$RC" "Enter at the question declines it: exit 75, with the way to look anyway"

scenario yes <<'SC'
expect Open it read-only? [y/N] 
sendline y
expect case 'case.json', read-only ('save FILE' keeps changes in another file)
expect checklist five-questions 1.0.0 · read-only
expect q1.timing> 
sendline title "Révisé — «ОДКБ»"
expect 'case.json' is open read-only: this change is not saved to it
expect q1.timing> 
send \x04
expect the case is open read-only and your changes are not in it ('save FILE' keeps them); leave anyway? [y/N] 
sendline n
expect q1.timing> 
sendline save copy.json
expect q1.timing> 
send \x04
exit 0
SC
drive yes case.json
is 0 "$RC" "y opens it read-only; a change is not saved to it; Ctrl-D asks before dropping it"
same_file before.json case.json "the case another process edits is untouched"
is "Révisé — «ОДКБ»" "$(jq -r .title copy.json)" "'save FILE' kept the change in another file"

# Ended by a signal, a read-only session keeps its changes in a rescue file.
export XDG_STATE_HOME=$TMP/state
scenario term <<'SC'
expect Open it read-only? [y/N] 
sendline yes
expect q1.timing> 
sendline title "Sauvé — «Тоқаев»"
expect q1.timing> 
signal TERM
expect the case was open read-only; saved the changes as '
exit 143
SC
drive term case.json
is 0 "$RC" "SIGTERM in a read-only session saves the changes elsewhere and says where"
rescued=$(ls "$TMP"/state/legitcheck/unsaved-*.json 2>/dev/null | head -1)
is "Sauvé — «Тоқаев»" "$(jq -r .title "${rescued:-/dev/null}" 2>/dev/null)" "in the rescue file"
same_file before.json case.json "and still not in the case"

echo quit >&3
exec 3>&-
wait "$HOLDER"
is 0 "$?" "the process holding the case leaves normally"

done_testing
