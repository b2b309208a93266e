#!/usr/bin/env bash
# Scripts with errors: each is reported as script:LINE: message on standard
# error, the exit status is non-zero, --bail stops at the first, and a command
# that failed leaves the case file byte for byte as it was.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

printf 'answer q1.timing before\nevidence add q1.timing --source "Le Monde" --grade B2\n' >setup
run_with_input setup c.json
is 0 "$RC" "the case for the errors is set up"

# One failing command a line: status, message, and the file untouched.
fails() { # status message command
	local want=$1 msg=$2
	shift 2
	cp c.json before.json
	printf '%s\n' "$*" >one
	run_with_input one c.json
	if [ "$RC" = "$want" ] && [[ "$ERR" == *"script:1: $msg"* ]] && cmp -s before.json c.json; then
		_result 0 "'$*' fails with $want and leaves the file as it was"
	else
		_result 1 "'$*' fails with $want and leaves the file as it was"
		printf '#   status %s, stderr: %s\n' "$RC" "$ERR"
		cmp -s before.json c.json || echo "#   the file changed"
	fi
}

fails 64 "answer: q1.timing has no choice 'befor' (did you mean 'before'?)" answer q1.timing befor
fails 64 "no question 'q9.nothing'" answer q9.nothing yes
fails 64 "answer: missing argument" answer
fails 64 "evidence add: --source is required (the guided entry needs a terminal)" evidence add q1.timing
fails 64 "evidence add: --source is required" evidence add q1.timing --grade B2
fails 64 "evidence add: --date: '2022-13-01': month must be 01 to 12" \
	evidence add q1.timing --source X --date 2022-13-01
fails 64 "evidence add: --event-date: '2023-02-29': no such day in that month" \
	evidence add --source X --event-date 2023-02-29
fails 64 "evidence add: --grade: 'Z9': a letter A-F" evidence add q1.timing --source X --grade Z9
fails 64 "evidence: invalid value 'rumour' for --kind (one of official_document official_statement news_report expert_analysis other)" \
	evidence add q1.timing --source X --kind rumour
fails 64 "evidence: invalid value 'martian' for --origin" evidence add --source X --origin martian
fails 64 "evidence add: --source: required" evidence add q1.timing --source "''"
fails 64 "evidence: unknown option '--sauce' (did you mean '--source'?)" evidence add --sauce X
fails 64 "evidence edit: q1.timing has 1 item; there is no [5]" evidence edit q1.timing 5 --grade A1
fails 64 "evidence edit: q1.initiative has no evidence yet" evidence edit q1.initiative 1 --grade A1
fails 64 "evidence edit: give the fields to change" evidence edit q1.timing 1
fails 64 "evidence edit: --grade: 'A0'" evidence edit q1.timing 1 --grade A0
fails 64 "evidence rm: 'x' is not an item number" evidence rm q1.timing x
fails 64 "evidence rm: q1.timing has 1 item; there is no [0]" evidence rm q1.timing 0
fails 64 "evidence rm: takes no options" evidence rm q1.timing 1 --grade A1
fails 64 "evidence: no sub-command 'lsit' (did you mean 'list'?)" evidence lsit q1.timing
fails 64 "evidence: no sub-command 'frob' (add, list, edit or rm)" evidence frob
fails 64 "evidence: missing argument" evidence
fails 64 "no question 'q9'" goto q9
fails 64 "goto: missing argument" goto
fails 64 "no question 'q9.x'" note q9.x text
fails 64 "set: autosave is 'on' or 'off', not 'maybe'" set autosave maybe
fails 64 "set: no setting 'colour'" set colour on
fails 66 "open: no file 'missing' (a new case file needs a name ending in .json)" open missing
fails 64 "undo: nothing to undo in this session" undo
fails 64 "title: missing argument" title
fails 64 "show: too many arguments" show q1.timing extra
fails 64 "next: too many arguments" next q1.timing
fails 73 "cannot" save nodir/x.json
fails 64 "unterminated double quote" note q1.timing '"open'
fails 64 "'s' is ambiguous" s
fails 64 "unknown command 'frobnicate' (type 'help')" frobnicate now
fails 64 "unknown command 'socre' (did you mean 'score'?)" socre now
fails 64 "'statsu' is neither a command nor a choice of q1.initiative (did you mean the command 'status'?)" statsu
# One word is most likely an answer: it is never taken for the command it begins.
fails 64 "'frobnicate' is neither a command nor a choice of q1.initiative (host, intervener, unknown; 'help' lists the commands)" frobnicate
fails 64 "'hots' is neither a command nor a choice of q1.initiative (did you mean 'host'?)" hots
fails 64 "'in' is not a choice of q1.initiative: did you mean 'intervener'?" in
fails 64 "'n' is ambiguous: next note" n

# Several errors: each with its line, the status of the first, the rest still run.
cat >many <<'SCRIPT'
# a comment, then a blank line

answer q1.timing befor
answer q1.freely free
evidence add q1.freely
evidence list q1.freely
goto nowhere
SCRIPT
cp c.json before.json
run_with_input many c.json
is 64 "$RC" "a script with errors exits non-zero"
like "$ERR" "script:3: answer: q1.timing has no choice 'befor'" "the first error names line 3"
like "$ERR" "script:5: evidence add: --source is required" "the second names line 5"
like "$ERR" "script:7: no question 'nowhere'" "the third names line 7"
is 3 "$(printf '%s\n' "$ERR" | grep -c '^script:')" "and nothing else is reported as an error"
is free "$(jq -r '.answers["q1.freely"].choice' c.json)" "the commands between the errors ran"
like "$OUT" "q1.freely = free · 0 items" "their output is on standard output"

cp before.json c.json
run_with_input many c.json --bail
is 64 "$RC" "--bail exits with the first error's status"
same_file before.json c.json "--bail stops at the first error: nothing after it ran"
is 1 "$(printf '%s\n' "$ERR" | grep -c '^script:')" "and only that error is reported"

done_testing
