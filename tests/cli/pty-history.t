#!/usr/bin/env bash
# The prompt's history and colour: commands (never the answers to guided
# prompts) are kept in $XDG_STATE_HOME/legitcheck/history, private, bounded,
# recalled by the next session, and not kept at all when turned off; colour
# only at a terminal and never with NO_COLOR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty-lib.sh"
pty_needed
cd "$TMP" || exit 1
hist=$XDG_STATE_HOME/legitcheck/history

scenario first <<'SC'
expect q1.timing> 
sendline status
expect q1.timing> 
sendline show q2.limits
expect q2.limits — 
expect q1.timing> 
sendline evidence add
expect (required): 
sendline Source confidentielle
expect title: 
send \x03
expect cancelled
expect q1.timing> 
sendline quit
exit 0
SC
drive first h.json
is 0 "$RC" "a session with a few commands"
ok "the history is kept in \$XDG_STATE_HOME/legitcheck/history" test -f "$hist"
is 600 "$(stat -c %a "$hist" 2>/dev/null)" "readable by its owner only"
is "status|show q2.limits|evidence add|quit" "$(tr '\n' '|' <"$hist" | sed 's/|$//')" \
	"it holds the commands in order"
unlike "$(cat "$hist")" "confidentielle" "but not what was typed in a guided prompt"

# The next session recalls them: Up twice is 'evidence add', three times 'show q2.limits'.
scenario second <<'SC'
expect q1.timing> 
send \e[A
sleep 50
send \e[A
sleep 50
send \e[A
expect show q2.limits
sendline 
expect q2.limits — 
expect q1.timing> 
sendline quit
exit 0
SC
drive second h.json
is 0 "$RC" "the next session recalls the commands of the last one with Up"

# Bounded, and made private again if someone loosened it.
for i in $(seq 1 1500); do echo "status $i"; done >"$hist"
chmod 644 "$hist"
scenario third <<'SC'
expect q1.timing> 
sendline list
expect q1.timing> 
sendline quit
exit 0
SC
drive third h.json
is 0 "$RC" "a session on a long history"
ok "the history is bounded to 1000 lines" test "$(wc -l <"$hist")" -le 1000
is quit "$(tail -1 "$hist")" "the newest command is kept"
is "status 1500" "$(grep -v '^list$\|^quit$' "$hist" | tail -1)" "with the most recent of the old ones"
is 600 "$(stat -c %a "$hist")" "and it is private again"

# Turned off: nothing is written.
rm -rf "$XDG_STATE_HOME"
drive third h.json --no-history
is 0 "$RC" "a session with --no-history"
ok "keeps no history file" test ! -e "$hist"
LEGITCHECK_HISTORY=off drive third h.json
ok "nor with LEGITCHECK_HISTORY=off" test ! -e "$hist"
LEGITCHECK_HISTORY=0 drive third h.json
ok "nor with LEGITCHECK_HISTORY=0" test ! -e "$hist"
ok "and no file named 0 is created" test ! -e 0

# Colour at a terminal, unless NO_COLOR.
scenario colour <<'SC'
expect q1.timing
expect > 
sendline show
expect Choices:
sendline quit
exit 0
SC
NO_COLOR='' drive colour h.json
like "$(cat "$TMP/pty.log")" $'\033[1mq1.timing' "at a terminal the question is in bold"
NO_COLOR=1 drive colour h.json
unlike "$(cat "$TMP/pty.log")" $'\033[1m' "with NO_COLOR there is no colour at all"
printf 'show\n' >s
NO_COLOR='' LEGITCHECK_COLOR=always run_with_input s h.json
unlike "$OUT" $'\033[' "a script is never coloured"

done_testing
