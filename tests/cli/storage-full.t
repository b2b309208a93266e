#!/usr/bin/env bash
# A full file system: on a small tmpfs filled to the last byte, a save and an
# autosaved change fail with a clear message, and the case is untouched. Needs
# root (or the right to mount); skipped otherwise.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

mkdir small
if ! mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	echo "1..0 # SKIP cannot mount a small tmpfs here (needs root and the right to mount)"
	exit 0
fi
trap 'cd /; umount "$TMP/small" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
cd small || exit 1

run new case.json --title "A case on a small disk"
is 0 "$RC" "a case is created on the small file system"
printf 'answer q1.timing before\n' >../script
run_with_input ../script case.json
is 0 "$RC" "and answered while there is room"
cp case.json ../before.json
# Fill every block that is left.
dd if=/dev/zero of=filler bs=1k >/dev/null 2>&1
ok "the file system is full" test "$(df -k . | awk 'NR == 2 { print $4 }')" = 0

printf 'title "Changed when full"\nsave\n' >../script
run_with_input ../script case.json --no-autosave
is 74 "$RC" "saving on a full disk exits 74"
like "$ERR" "cannot write 'case.json': No space left on device (the previous file is unchanged)" \
	"and says the disk is full and the file unchanged"
same_file ../before.json case.json "the case is byte-identical"
is 0 "$(find . -name '*.tmp-*' | wc -l)" "no temporary file is left"

printf 'answer q1.timing after\n' >../script
run_with_input ../script case.json
is 74 "$RC" "an autosaved change on a full disk exits 74"
like "$ERR" "No space left on device" "saying the disk is full"
like "$ERR" "the last change is not saved" "and that the change is not saved"
same_file ../before.json case.json "the case is byte-identical"
is 0 "$(find . -name '*.tmp-*' | wc -l)" "no temporary file is left"

rm filler
run validate case.json
is 0 "$RC" "with room again, the case is valid"
printf 'answer q1.timing after\n' >../script
run_with_input ../script case.json
is 0 "$RC" "and changes are saved again"
is after "$(jq -r '.answers["q1.timing"].choice' case.json)" "the change is in the file"

done_testing
