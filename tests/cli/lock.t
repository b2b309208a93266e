#!/usr/bin/env bash
# One writer per case: a second legitcheck on a case that another process is
# editing is told who holds it and may open it read-only; one-off commands
# read without locking; the lock of a process that died is taken over.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
plan 33

cp "$SOURCE_DIR/examples/kazakhstan-2022.json" case.json

# start_holder FILE: a session on FILE fed from a FIFO, kept open on fd 3.
start_holder() {
	rm -f holder.fifo
	mkfifo holder.fifo
	"$LEGITCHECK" "$1" <holder.fifo >holder.out 2>holder.err &
	HOLDER=$!
	exec 3>holder.fifo
	for _ in $(seq 100); do
		[ -s ".$1.lock" ] && break
		sleep 0.05
	done
}
stop_holder() {
	echo quit >&3
	exec 3>&-
	wait "$HOLDER"
}

start_holder case.json
like "$(cat .case.json.lock)" "$HOLDER " "the lock file beside the case names the holder's pid"
cp case.json before.json

printf 'title "Second writer"\n' >script
run_with_input script case.json
is 75 "$RC" "a second session on a case being edited exits 75"
like "$ERR" "'case.json' is being edited by process $HOLDER (since 20" \
	"and is told which process holds it, and since when"
like "$ERR" "--read-only" "and how to look at it anyway"
same_file before.json case.json "the case is untouched"

run score case.json
is 0 "$RC" "score reads a locked case"
run validate case.json
is 0 "$RC" "validate reads a locked case"

printf 'show q1.timing\ntitle "Looked at"\nsave\n' >script
run_with_input script case.json --read-only
is 75 "$RC" "--read-only opens it; saving over it is refused with 75"
like "$OUT" "q1.timing" "the case can be looked at"
like "$ERR" "is open read-only" "the refusal says why"
same_file before.json case.json "the case is untouched"
printf 'title "A copy"\nsave copy.json\n' >script
run_with_input script case.json --read-only
is 0 "$RC" "a read-only session may save its changes to another file"
is "A copy" "$(jq -r .title copy.json)" "which holds them"
ok "and whose lock is let go at the end" test ! -e .copy.json.lock

ln -s case.json link.json
printf 'title "Through the link"\n' >script
run_with_input script link.json
is 75 "$RC" "the lock also holds through a symlink to the case"

echo 'answer q1.timing after' >&3
stop_holder
is 0 "$?" "the holder ends normally"
ok "and removes its lock file" test ! -e .case.json.lock
is after "$(jq -r '.answers["q1.timing"].choice' case.json)" "its change is saved"
printf 'title "Now free"\n' >script
run_with_input script case.json
is 0 "$RC" "once it is gone, the case opens for writing"
is "Now free" "$(jq -r .title case.json)" "and is saved"

# A holder killed with SIGKILL: the kernel lets go of its lock.
start_holder case.json
kill -9 "$HOLDER"
wait "$HOLDER" 2>/dev/null
exec 3>&-
ok "a killed holder leaves its lock file" test -e .case.json.lock
printf 'title "After the kill"\n' >script
run_with_input script case.json
is 0 "$RC" "the case opens at once after its holder was killed"
like "$ERR" "was left locked by process $HOLDER since 20" "naming the dead holder"
like "$ERR" "which no longer runs; taking it over" "and saying its lock is taken over"
ok "the lock file is removed at the end" test ! -e .case.json.lock

# A lock file naming a process that is gone (from a crash, or copied along).
sh -c 'exit 0' &
dead=$!
wait "$dead"
printf '%s 2026-01-01T00:00:00Z %s\n' "$dead" "$(uname -n)" >.case.json.lock
printf 'title "Stale"\n' >script
run_with_input script case.json
is 0 "$RC" "a stale lock of a process that no longer runs is taken over"
like "$ERR" "left locked by process $dead since 2026-01-01T00:00:00Z" "and said so"
is "Stale" "$(jq -r .title case.json)" "the change is saved"

# A lock file may not be a symlink: it would be truncated through it.
echo "precious" >precious.txt
ln -s precious.txt .case.json.lock
run_with_input script case.json
is 73 "$RC" "a symlink planted as the lock file is refused"
like "$ERR" "cannot lock 'case.json' for editing" "with a message"
is precious "$(cat precious.txt)" "and the file it points to is untouched"
rm .case.json.lock

# In a directory that cannot be written, the case can still be looked at.
mkdir ro
cp case.json ro/case.json
chmod 555 ro
if [ "$(id -u)" = 0 ]; then
	_result 0 "# SKIP root writes to read-only directories"
	_result 0 "# SKIP root writes to read-only directories"
else
	run_with_input script ro/case.json
	is 73 "$RC" "a case in a read-only directory cannot be locked for editing"
	printf 'show q1.timing\n' >script2
	run_with_input script2 ro/case.json --read-only
	is 0 "$RC" "but opens with --read-only"
fi
chmod 755 ro

done_testing
