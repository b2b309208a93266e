#!/usr/bin/env bash
# Text from a case file reaches the terminal as text: escape sequences in a
# title, a note or an evidence quote (retitling the window, clearing the
# screen, moving the cursor, a bell) are shown as U+FFFD, in every command
# that prints them and in error messages, while JSON output keeps the bytes.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
EX=$SOURCE_DIR/examples/kazakhstan-2022.json

# Escapes as JSON writes them: OSC title, clear screen, cursor up, bell, C1 CSI.
jq '.title = "Case \u001b]0;owned\u0007 title"
  | .answers["q1.timing"].note = "note \u001b[2J\u001b[1A cleared \u009b31m c1"
  | .answers["q1.timing"].evidence[0].quote = "quote \u001b]8;;http://x\u001b\\ link \u0007"
  | .answers["q1.timing"].evidence[0].source = "Source \r overwritten"
  | .answers["q1.timing"].evidence[1].quote = "«déjà entre guillemets»"' "$EX" >hostile.json
ok "the hostile case is valid" "$LEGITCHECK" validate hostile.json

# Control characters but newline and tab, after colour sequences are taken out.
controls() { sed 's/\x1b\[[0-9;]*m//g' "$1" | LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]'; }

printf '%s\n' 'goto q1.timing' 'show' 'evidence list' 'status' 'list' 'score' \
	'whatif q1.timing unknown' 'quit' >cmds
run_with_input cmds --read-only hostile.json
is 0 "$RC" "show, evidence list, status, list, score and whatif run"
printf '%s' "$OUT" >out.txt
printf '%s' "$ERR" >err.txt
is 0 "$(controls out.txt)" "no control character reaches the output"
like "$OUT" "note �[2J�[1A cleared �31m c1" "the note is shown, its escapes as U+FFFD"
like "$OUT" "quote �]8;;http://x�\\ link �" "so is the quote"
like "$OUT" "Source � overwritten" "a carriage return cannot overwrite the line"
like "$OUT" "$(printf '\n      «déjà entre guillemets»\n')" \
	"a quote typed with its own quotation marks is shown without more"

run score hostile.json
like "$OUT" "Case �]0;owned� title" "score's text shows the title as text"
printf '%s' "$OUT" >score.txt
is 0 "$(controls score.txt)" "with no control character"
run score --format json hostile.json
like "$OUT" 'Case \u001b]0;owned\u0007 title' "score's JSON keeps the title as it is, escaped"

# Error messages quote what the user typed.
printf 'goto q1.\033]0;x\007timing\n' >bad
run_with_input bad --read-only hostile.json
printf '%s' "$ERR" >err.txt
like "$ERR" "no question 'q1.�]0;x�timing'" "an error quotes a typed escape as text"
is 0 "$(controls err.txt)" "and no control character reaches standard error"

done_testing
