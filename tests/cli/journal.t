#!/usr/bin/env bash
# The journal: every confirmed change is on disk before the prompt returns,
# without rewriting the case; after SIGKILL the next open replays the changes,
# says so, and saves exactly what an uninterrupted session would have saved.
# A torn last record is ignored with a warning; a journal that does not
# belong to the case is kept aside, never replayed.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
export LEGITCHECK_NOW=2026-11-28T09:00:00Z
EX=$SOURCE_DIR/examples/kazakhstan-2022.json

changes() {
	local n
	n=$(grep -c '"kind":"change"' ".$1.journal" 2>/dev/null)
	echo "${n:-0}"
}

# start_session FILE: a session on FILE fed from a FIFO kept open on fd 3.
start_session() {
	rm -f in.fifo
	mkfifo in.fifo
	"$LEGITCHECK" "$1" <in.fifo >session.out 2>session.err &
	PID=$!
	exec 3>in.fifo
}
# wait_changes FILE N: until the journal of FILE holds N change records.
wait_changes() {
	for _ in $(seq 200); do
		[ "$(changes "$1")" -ge "$2" ] && return 0
		sleep 0.05
	done
	return 1
}
kill_session() {
	kill -9 "$PID"
	wait "$PID" 2>/dev/null
	exec 3>&-
}

cat >edits <<'SCRIPT'
answer q1.timing after
note q1.timing "Le 5 janvier — «Тоқаев» asked first"
title "Kazakhstan 2022 (revised)"
evidence add q1.initiative --source "Le Monde" --date 2022-01-06 --grade B2 --quote "«demande d'aide»"
evidence edit q1.timing 1 --grade C3
evidence rm q1.timing 2
answer q4.armed_attack unknown
undo
evidence rm q1.initiative 1
undo
note q1.initiative "à revoir"
undo
SCRIPT
nedits=$(wc -l <edits)

# The same edits, once without interruption, once killed after the last one.
cp "$EX" whole.json
run_with_input edits whole.json
is 0 "$RC" "an uninterrupted session makes the edits"
cp "$EX" killed.json
before_inode=$(ls -i killed.json | cut -d' ' -f1)
start_session killed.json
cat edits >&3
wait_changes killed.json "$nedits"
is 0 "$?" "each confirmed change is in the journal ($(changes killed.json) records)"
is "$before_inode" "$(ls -i killed.json | cut -d' ' -f1)" \
	"and the case file itself was not rewritten for them"
same_file "$EX" killed.json "the case file is still the original"
kill_session
ok "the killed session leaves its journal" test -s .killed.json.journal

printf 'quit\n' >quit
run_with_input quit killed.json
is 0 "$RC" "the case opens after the kill"
like "$ERR" "recovered $nedits changes from an interrupted session of 'killed.json'" \
	"and the user is told what was recovered"
same_file whole.json killed.json \
	"the recovered case is byte-identical to what the uninterrupted session saved"
ok "the journal is gone once the case is saved" test ! -e .killed.json.journal
run validate killed.json
is 0 "$RC" "the recovered case is valid"

# A torn last record: the process died while writing it.
cp "$EX" torn.json
start_session torn.json
printf 'answer q1.timing after\ntitle "Torn case"\n' >&3
wait_changes torn.json 2
kill_session
printf '{"seq":3,"kind":"change","modified":"2026-11-28T09:00:00Z","title":"Half wr' \
	>>.torn.json.journal
run_with_input quit torn.json
is 0 "$RC" "a journal with a torn last record opens"
like "$ERR" "recovered 2 changes" "the whole records are replayed"
like "$ERR" "ignored an incomplete last record in the journal of 'torn.json'" \
	"the torn one is ignored with a warning"
is "Torn case" "$(jq -r .title torn.json)" "the title is the last confirmed one"

# A last record whose checksum does not match is torn too.
cp "$EX" crc.json
start_session crc.json
printf 'title "First"\ntitle "Second"\n' >&3
wait_changes crc.json 2
kill_session
sed -i '$ s/"Second"/"Secund"/' .crc.json.journal
run_with_input quit crc.json
like "$ERR" "recovered 1 change from" "a record with a bad checksum is not replayed"
like "$ERR" "ignored an incomplete last record" "and is reported"
is "First" "$(jq -r .title crc.json)" "the title is the one of the sound record"

# Damage inside the journal: what follows cannot be trusted; it is kept aside.
cp "$EX" damaged.json
start_session damaged.json
printf 'title "One"\ntitle "Two"\ntitle "Three"\n' >&3
wait_changes damaged.json 3
kill_session
sed -i '3 s/"Two"/"Tw0"/' .damaged.json.journal
run_with_input quit damaged.json
like "$ERR" "recovered 1 change from" "the records before the damage are replayed"
like "$ERR" "2 records of the journal of 'damaged.json' are damaged and were not replayed" \
	"the damage is reported"
is "One" "$(jq -r .title damaged.json)" "the case has the changes before the damage"
ok "the journal is kept aside" test -n "$(find . -name '.damaged.json.journal-*')"

# A journal that belongs to another version of the case is not replayed.
cp "$EX" replaced.json
start_session replaced.json
printf 'title "Lost cause"\n' >&3
wait_changes replaced.json 1
kill_session
cp "$SOURCE_DIR/examples/czechoslovakia-1968.json" replaced.json
cp replaced.json replaced-before.json
run_with_input quit replaced.json
is 0 "$RC" "a case replaced since its journal was written opens"
like "$ERR" "does not belong to it as it is now" "the mismatch is reported"
same_file replaced-before.json replaced.json "the journal is not replayed into it"
ok "the journal is kept aside" test -n "$(find . -name '.replaced.json.journal-*')"

# Killed after the case was rewritten but before its journal was removed: the
# journal's "saved" record shows its changes are in the file; no double replay.
cp "$EX" twice.json
start_session twice.json
printf 'answer q1.timing after\n' >&3
wait_changes twice.json 1
kill_session
cp .twice.json.journal journal.copy
run_with_input quit twice.json
cp twice.json twice-saved.json
digest=sha256:$(sha256sum twice.json | cut -d' ' -f1)
perl -MCompress::Zlib -e '
	my $r = sprintf(q({"seq":2,"kind":"saved","digest":"%s"}), $ARGV[0]);
	printf(qq(%s,"crc":"%08x"}\n), substr($r, 0, -1), crc32(substr($r, 0, -1)));
' "$digest" >>journal.copy
cp journal.copy .twice.json.journal
run_with_input quit twice.json
is 0 "$RC" "a journal already saved into the case opens"
unlike "$ERR" "recovered" "and is not replayed again"
same_file twice-saved.json twice.json "the case is unchanged"
ok "the leftover journal is removed" test ! -e .twice.json.journal

# Every 100 changes the case is rewritten and the journal starts again.
cp "$EX" many.json
start_session many.json
for i in $(seq 1 105); do echo "note q1.timing \"note $i\""; done >&3
for _ in $(seq 600); do
	grep -q '"note 105"' .many.json.journal 2>/dev/null && break
	sleep 0.05
done
is "note 100" "$(jq -r '.answers["q1.timing"].note' many.json)" \
	"after 100 changes the case file holds them all"
is 5 "$(changes many.json)" "and the journal holds only the changes since"
echo quit >&3
exec 3>&-
wait "$PID"
is "note 105" "$(jq -r '.answers["q1.timing"].note' many.json)" "quit saves the rest"
ok "and removes the journal" test ! -e .many.json.journal

# Without autosave nothing is journaled: changes wait for 'save'.
cp "$EX" manual.json
printf 'title "Not kept"\n' >script
run_with_input script manual.json --no-autosave
same_file "$EX" manual.json "--no-autosave: a change without 'save' is not written"
ok "and no journal is written" test ! -e .manual.json.journal

done_testing
