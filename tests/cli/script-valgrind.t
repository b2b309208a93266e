#!/usr/bin/env bash
# No leak and no memory error over whole sessions, under valgrind: a script
# using every command, a script full of errors, and a session at a terminal
# (readline's own memory aside: tests/valgrind.supp).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed (scripts/install-deps.sh test)"
	exit 0
fi
if [ "${LEGITCHECK_SANITIZED:-OFF}" = ON ] || grep -q __asan_init "$LEGITCHECK" 2>/dev/null; then
	echo "1..0 # SKIP the binary is built with AddressSanitizer, which valgrind cannot run"
	exit 0
fi
if [ "$(head -c 4 "$LEGITCHECK" | od -An -c | tr -d ' ')" != '177ELF' ]; then
	echo "1..0 # SKIP $LEGITCHECK is not the binary itself (already run under valgrind)"
	exit 0
fi

# shellcheck disable=SC2054 # the commas are in one argument
VG=(valgrind -q --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite,indirect,possible
	--suppressions="$SOURCE_DIR/tests/valgrind.supp" --log-file="$TMP/vg.%p.log")
vg_clean() { # description
	if cat "$TMP"/vg.*.log 2>/dev/null | grep -q .; then
		_result 1 "$1"
		cat "$TMP"/vg.*.log | head -40 | sed 's/^/#   /'
	else
		_result 0 "$1"
	fi
	rm -f "$TMP"/vg.*.log
}

"${VG[@]}" "$LEGITCHECK" c.json <"$SOURCE_DIR/tests/cli/script-every-command.txt" >/dev/null 2>&1
is 0 "$?" "a script using every command runs clean under valgrind"
vg_clean "and valgrind reports nothing"

cat >errors <<'SCRIPT'
answer q1.timing befor
evidence add q1.timing
evidence add q1.timing --source X --date 2022-13-01 --grade Z9
evidence edit q1.timing 9 --grade A1
evidence frob
note "open
goto nowhere
s
open missing
undo
SCRIPT
"${VG[@]}" "$LEGITCHECK" c.json <errors >/dev/null 2>&1
is 64 "$?" "a script full of errors exits 64 under valgrind, not 99"
vg_clean "and valgrind reports nothing"

printf 'answer q1.timing before\nsave new.json\n' | "${VG[@]}" "$LEGITCHECK" >/dev/null 2>&1
is 0 "$?" "a new case saved by name runs clean"
vg_clean "and valgrind reports nothing"

. "$SOURCE_DIR/tests/cli/pty-lib.sh"
if [ ! -x "$PTYDRIVE" ]; then
	_result 0 "# SKIP ptydrive is not built"
	done_testing
fi
scenario session <<'SC'
timeout 120
expect q1.timing> 
send sh
send \t
sendline 
expect Choices:
sendline before
expect add evidence now? [y/N] 
sendline y
expect (required): 
sendline Le Monde avec l'AFP
expect title: 
send abandonné
sleep 200
send \x03
expect cancelled
expect q1.initiative> 
sendline evidence add q1.timing
expect (required): 
sendline Le Monde avec l'AFP
expect title: 
sendline 
expect date published
sendline 2022-01-05
expect event
sendline 
expect url
sendline 
expect citation
sendline 
expect quote
sendline « une force collective de maintien de la paix »
expect kind
send ne
send \t
sendline 
expect grade
sendline B2
expect origin
sendline 
expect disputed
sendline 
expect note
sendline 
expect added
sendline evidence edit q1.timing 1
expect (required): 
sendline 
expect title: 
send \x03
expect unchanged
sendline list
expect 1 item
sendline quit
exit 0
SC
"$PTYDRIVE" -t 120 -l "$TMP/pty.log" session -- "${VG[@]}" "$LEGITCHECK" v.json 2>"$TMP/pty.err"
is 0 "$?" "a session at a terminal (completion, guided entry, Ctrl-C) runs clean under valgrind"
vg_clean "and valgrind reports nothing beyond readline's own memory"

done_testing
