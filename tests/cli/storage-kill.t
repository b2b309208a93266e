#!/usr/bin/env bash
# A save is atomic: a process saving two versions of a large case in turn is
# killed with SIGKILL at random moments, hundreds of times; after every kill
# the case is byte-identical to one version or the other, and no temporary
# file is left beyond the one of the save that was in flight.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
SAVELOOP=${LEGITCHECK_TOOLS:-$SOURCE_DIR/build/tests}/saveloop
KILLS=${LEGITCHECK_KILLS:-520}

if [ ! -x "$SAVELOOP" ]; then
	echo "1..0 # SKIP saveloop not built ($SAVELOOP)"
	exit 0
fi
plan 7

# Two versions of a large case: the example with a long note, and with another.
head -c 300000 /dev/zero | tr '\0' a >note-a
head -c 300000 /dev/zero | tr '\0' b >note-b
jq --rawfile n note-a '.answers["q1.timing"].note = $n' \
	"$SOURCE_DIR/examples/kazakhstan-2022.json" >A.json
jq --rawfile n note-b '.title = "Version B" | .answers["q1.timing"].note = $n' \
	"$SOURCE_DIR/examples/kazakhstan-2022.json" >B.json
ok "the two versions differ" test "$(cksum <A.json)" != "$(cksum <B.json)" -a -s A.json

out=$("$SAVELOOP" case.json A.json B.json "$KILLS")
rc=$?
printf '# %s\n' "$out"
is 0 "$rc" "$KILLS kills at random moments of a save loop: the case is intact every time"
like "$out" "ok: $KILLS kills" "every round was a kill of a live saving process"
mid=$(printf '%s\n' "$out" | sed -n 's/.*; \([0-9]*\) killed mid-save.*/\1/p')
as_a=$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9]*\) as A.*/\1/p')
as_b=$(printf '%s\n' "$out" | sed -n 's/.*, \([0-9]*\) as B).*/\1/p')
ok "some kills fell in the middle of a save (${mid:-none})" test "${mid:-0}" -gt 0
ok "the kills left either version, so they fell all along the loop (${as_a:-0} A, ${as_b:-0} B)" \
	test "${as_a:-0}" -gt 0 -a "${as_b:-0}" -gt 0
run validate case.json
is 0 "$RC" "the case left by the last kill is a valid case"
# Opening the case clears what killed saves left behind.
printf 'quit\n' | "$LEGITCHECK" case.json >/dev/null 2>&1
is 0 "$(find . -name 'case.json.tmp-*' | wc -l)" \
	"opening the case removes the temporary files of killed processes"

done_testing
