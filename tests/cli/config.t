#!/usr/bin/env bash
# Settings: the configuration file, the environment and the command line, in
# that order of precedence; a bad setting is reported with its place and
# ignored. Also the conventions of a Unix tool: data on standard output,
# messages on standard error, '-' for standard input.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
EX=$SOURCE_DIR/examples
CONF=$XDG_CONFIG_HOME/legitcheck/config
mkdir -p "$(dirname "$CONF")" alt
unset LEGITCHECK_CHECKLIST LEGITCHECK_AUTOSAVE LEGITCHECK_COLOR LEGITCHECK_HISTORY

# A second checklist, so that the choice of checklist can be seen.
jq '.id = "alt-list"' "$SOURCE_DIR/checklists/five-questions.json" >alt/alt-list.json
export LEGITCHECK_PATH="$SOURCE_DIR/checklists:$TMP/alt"

checklist_of() { jq -r '.checklist.id' "$1"; }

# Defaults, with no configuration file.
run new d.json
is 0 "$RC" "without a configuration file, new works"
is five-questions "$(checklist_of d.json)" "the default checklist is five-questions"

# The configuration file.
cat >"$CONF" <<'EOF'
# legitcheck settings
default_checklist = alt-list

autosave = no
EOF
run new f.json
is 0 "$RC" "new succeeds with a configuration file"
is alt-list "$(checklist_of f.json)" "default_checklist in the file chooses the checklist"
is "" "$ERR" "a valid file gives no message"
echo "answer q1.timing before" >answer.txt
run_with_input answer.txt f.json
is null "$(jq -r '.answers["q1.timing"].choice' f.json)" "autosave = no in the file: nothing is saved"

# The environment beats the file.
LEGITCHECK_CHECKLIST=five-questions run new e.json
is five-questions "$(checklist_of e.json)" "LEGITCHECK_CHECKLIST beats the file"
LEGITCHECK_AUTOSAVE=yes run_with_input answer.txt f.json
is before "$(jq -r '.answers["q1.timing"].choice' f.json)" "LEGITCHECK_AUTOSAVE=yes beats the file"

# The command line beats the environment.
LEGITCHECK_CHECKLIST=five-questions run new c.json --checklist alt-list
is alt-list "$(checklist_of c.json)" "new --checklist beats LEGITCHECK_CHECKLIST"
echo quit >quit.txt
LEGITCHECK_CHECKLIST=five-questions run_with_input quit.txt s.json --checklist alt-list
is alt-list "$(checklist_of s.json)" "a session's --checklist beats LEGITCHECK_CHECKLIST"
run new g.json
echo "answer q1.timing after" >after.txt
LEGITCHECK_AUTOSAVE=yes run_with_input after.txt g.json --no-autosave
is null "$(jq -r '.answers["q1.timing"].choice' g.json)" "--no-autosave beats LEGITCHECK_AUTOSAVE=yes"
LEGITCHECK_AUTOSAVE=no run_with_input after.txt g.json --autosave
is after "$(jq -r '.answers["q1.timing"].choice' g.json)" "--autosave beats LEGITCHECK_AUTOSAVE=no"

# A bad line is reported with file:line and ignored; the good lines still apply.
cat >"$CONF" <<'EOF'
default_checklist = alt-list
colour = never
autosave = perhaps
just some words
color = sometimes
EOF
run new b.json
is 0 "$RC" "a bad configuration file is not fatal"
is alt-list "$(checklist_of b.json)" "and its good lines still apply"
like "$ERR" "$CONF:2: unknown setting \"colour\" (did you mean \"color\"?)" \
	"an unknown key is reported with file:line and a suggestion"
like "$ERR" "$CONF:3: autosave: invalid value \"perhaps\"" "a bad value is reported with file:line"
like "$ERR" "$CONF:4: expected 'key = value'" "a line that is not a setting is reported"
like "$ERR" "$CONF:5: color: invalid value \"sometimes\" (one of auto, always, never)" \
	"a bad colour lists the valid ones"
unlike "$OUT" "unknown setting" "the warnings go to standard error, not standard output"

# Bad values in the environment are reported and ignored.
: >"$CONF"
LEGITCHECK_AUTOSAVE=perhaps run new v.json
is 0 "$RC" "a bad environment value is not fatal"
like "$ERR" "LEGITCHECK_AUTOSAVE: autosave: invalid value \"perhaps\"" "and it is named"

# A configuration file that cannot be read is reported, not fatal.
rm -f "$CONF"
mkdir "$CONF"
run new w.json
is 0 "$RC" "a configuration path that is a directory is not fatal"
like "$ERR" "$CONF" "and it is named"
rmdir "$CONF"

# XDG_CONFIG_HOME unset: ~/.config/legitcheck/config.
mkdir -p home/.config/legitcheck
echo "default_checklist = alt-list" >home/.config/legitcheck/config
env -u XDG_CONFIG_HOME HOME="$TMP/home" "$LEGITCHECK" new h.json >/dev/null 2>&1
is alt-list "$(checklist_of h.json)" "without XDG_CONFIG_HOME the file is ~/.config/legitcheck/config"

# Colour and history options of a session.
run_with_input quit.txt g.json --color sometimes
is 64 "$RC" "--color with a bad value is a usage error"
like "$ERR" "one of auto, always, never" "and lists the valid values"
run_with_input quit.txt g.json --color=never --no-color --history "$TMP/h" --no-history
is 0 "$RC" "--color, --no-color, --history and --no-history are accepted"
run_with_input quit.txt g.json --color
is 64 "$RC" "--color without a value is a usage error"

# Colour and history at a terminal (a pseudo-terminal driven by ptydrive): the
# prompt is bold when colour is on, and the lines typed go to the history file.
. "$SOURCE_DIR/tests/cli/pty-lib.sh"
if [ -x "$PTYDRIVE" ]; then
	cp "$EX/kazakhstan-2022.json" p.json
	scenario "$TMP/status.sc" <<'EOF'
expect q1.timing> 
sendline status
expect autosave
expect q1.timing> 
sendline quit
exit 0
EOF
	bold() { grep -q $'\033\[1m' "$TMP/pty.log"; }
	plain() { ! bold; }
	in_history() { [ -f "$1" ] && grep -qx status "$1"; }
	: >"$CONF"

	NO_COLOR= drive "$TMP/status.sc" p.json --no-history
	is 0 "$RC" "a session at a terminal"
	ok "is in colour by default" bold
	drive "$TMP/status.sc" p.json --no-history
	ok "NO_COLOR turns the colour off" plain
	drive "$TMP/status.sc" p.json --no-history --color always
	ok "--color always beats NO_COLOR" bold
	NO_COLOR= drive "$TMP/status.sc" p.json --no-history --no-color
	ok "--no-color turns it off" plain
	echo "color = never" >"$CONF"
	NO_COLOR= drive "$TMP/status.sc" p.json --no-history
	ok "color = never in the file turns it off" plain
	LEGITCHECK_COLOR=always drive "$TMP/status.sc" p.json --no-history
	ok "LEGITCHECK_COLOR=always beats the file and NO_COLOR" bold
	echo "color = always" >"$CONF"
	drive "$TMP/status.sc" p.json --no-history
	ok "NO_COLOR beats color = always in the file" plain

	echo "history = $TMP/h-file" >"$CONF"
	drive "$TMP/status.sc" p.json
	ok "history = FILE in the file keeps the lines typed there" in_history "$TMP/h-file"
	LEGITCHECK_HISTORY=$TMP/h-env drive "$TMP/status.sc" p.json
	ok "LEGITCHECK_HISTORY beats the file" in_history "$TMP/h-env"
	LEGITCHECK_HISTORY=$TMP/h-env2 drive "$TMP/status.sc" p.json --history "$TMP/h-cli"
	ok "--history beats LEGITCHECK_HISTORY" in_history "$TMP/h-cli"
	ok "which is then not written" test ! -e "$TMP/h-env2"
	rm -f "$TMP/h-file"
	drive "$TMP/status.sc" p.json --no-history
	ok "--no-history keeps none" test ! -e "$TMP/h-file"
	echo "history = off" >"$CONF"
	drive "$TMP/status.sc" p.json
	ok "history = off keeps none" test ! -e "$XDG_STATE_HOME/legitcheck/history"
	: >"$CONF"
	drive "$TMP/status.sc" p.json
	ok "by default the history is \$XDG_STATE_HOME/legitcheck/history" \
		in_history "$XDG_STATE_HOME/legitcheck/history"
else
	echo "# ptydrive is not built: colour and history at a terminal not tested"
fi

# Conventions: '-' is standard input; data on stdout, messages on stderr.
run_with_input "$EX/kazakhstan-2022.json" validate -
is 0 "$RC" "validate - reads standard input"
like "$OUT" "valid case file" "and says the case is valid"
run_with_input "$EX/kazakhstan-2022.json" score -
is 0 "$RC" "score - reads standard input"
like "$OUT" "Overall:" "and prints the score"
run_with_input "$EX/kazakhstan-2022.json" score --format json -
is not_established "$(printf '%s' "$OUT" | jq -r .overall.verdict)" "score --format json - prints JSON"
printf '{"format": "legitcheck-case", "format_version": 1' >trunc.json
run_with_input trunc.json validate -
is 65 "$RC" "a broken case on standard input is rejected"
like "$ERR" "-:1:" "and the messages call it '-'"
run score missing.json
is "" "$OUT" "an error prints nothing on standard output"
like "$ERR" "missing.json" "and the message is on standard error"

done_testing
