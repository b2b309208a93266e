#!/usr/bin/env bash
# The checklist machinery, end to end: the self-test runner, what-if, the pivotal
# answers, strict proof standards, and every verdict of the default checklist's
# frameworks reached through hand-made cases rather than the checklist's own tests.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
CL=$SOURCE_DIR/checklists
FQ=$CL/five-questions.json
SC=$CL/sc-authorization.json

# Compares two sets of lines, whatever their order; on a mismatch the diff is shown.
same_set() { # wanted seen description
	printf '%s\n' "$1" | LC_ALL=C sort >"$TMP/.wanted"
	printf '%s\n' "$2" | LC_ALL=C sort >"$TMP/.seen"
	same_file "$TMP/.wanted" "$TMP/.seen" "$3"
}
# Squeezes runs of spaces, so that column alignment does not matter.
squeeze() { printf '%s\n' "$1" | tr -s ' '; }
# Fields $4 (space-separated) of criterion $3 of framework $2 in score JSON $1, joined by '|'.
crit() { printf '%s\n' "$1" | jq -r --arg f "$2" --arg c "$3" --arg k "$4" \
	'.frameworks[] | select(.id == $f) | .criteria[] | select(.id == $c) | [.[($k | split(" "))[]]] | map(tostring) | join("|")'; }
# The armed-attack criterion's result and strict reason, then self-defence's and the overall verdict.
armed() { printf '%s\n' "$1" | jq -r '[((.frameworks[] | select(.id == "self_defence") | .criteria[]) | select(.id == "armed_attack") | .result, .strict),
	(.frameworks[] | select(.id == "self_defence") | .verdict), .overall.verdict] | map(tostring) | join("|")'; }
# Answers case $1 with the script lines that follow; a failure shows as a diagnostic
# (and, through the wrong state it leaves, as failing tests).
answer() {
	local file=$1
	shift
	printf '%s\n' "$@" >"$file.script"
	"$LEGITCHECK" "$file" <"$file.script" >/dev/null 2>"$file.err" ||
		sed 's/^/# script failed: /' "$file.err"
}
# Creates case $1 against checklist $2 and answers it with the lines that follow.
make_case() {
	local file=$1 checklist=$2
	shift 2
	"$LEGITCHECK" new "$file" --checklist "$checklist" >/dev/null || echo "# cannot create $file"
	answer "$file" "$@"
}

# --- legitcheck test: every shipped checklist passes, in TAP ----------------------
run test "$CL"/*.json
is 0 "$RC" "test passes on every checklist in checklists/"
# A checklist without self-tests prints one SKIP line instead.
total=$(jq -s 'map([(.tests | length), 1] | max) | add' "$CL"/*.json)
is "1..$total" "$(printf '%s\n' "$OUT" | grep '^1\.\.')" "the TAP plan counts every self-test of every checklist"
is "$total" "$(printf '%s\n' "$OUT" | grep -c '^ok [0-9]* - ')" "each self-test prints one ok line"
unlike "$OUT" "not ok" "no self-test fails"
for f in "$CL"/*.json; do
	id=$(jq -r .id "$f")
	n=$(jq '[(.tests | length), 1] | max' "$f")
	run test "$f"
	is "0 $n" "$RC $(printf '%s\n' "$OUT" | grep -c "^ok [0-9]* - $id: ")" \
		"$(basename "$f"): its self-tests pass on their own ($n)"
	ok "$(basename "$f"): at least one self-test per verdict of the overall rule" \
		test "$(jq '[.overall.rules[].verdict, .overall.otherwise.verdict] - [.tests[].expect.overall] | length' "$f")" = 0
	ok "$(basename "$f"): every finding is expected by some self-test" \
		test "$(jq '[.findings[].id] - [.tests[].expect.findings[]?] | length' "$f")" = 0
done

# --- a wrong expectation fails, with a diff that says what and where ---------------
jq '.tests[0].expect.overall = "no_lawful_basis"
  | .tests[0].expect.frameworks.consent = "not_satisfied"
  | .tests[0].expect.findings = ["request_secret"]
  | .tests[2].expect.findings -= ["art51_not_reported"]' "$FQ" >wrong.json
run validate wrong.json
is 0 "$RC" "the altered copy is itself a valid checklist"
run test wrong.json
is 1 "$RC" "a checklist whose expectations are wrong exits 1"
name0=$(jq -r '.tests[0].name' "$FQ")
name2=$(jq -r '.tests[2].name' "$FQ")
like "$OUT" "not ok 1 - five-questions: $name0" "the failing test is named"
like "$OUT" "#   overall: expected no_lawful_basis, got lawful_basis_established" \
	"the overall diff gives the expected and the actual verdict"
like "$OUT" "#   framework consent: expected not_satisfied, got satisfied" \
	"the framework diff names the framework and both verdicts"
like "$OUT" "#   finding request_secret: expected, but did not fire" \
	"a finding expected but not fired is named"
like "$OUT" "not ok 3 - five-questions: $name2" "a second failing test is reported too"
like "$OUT" "#   finding art51_not_reported: fired, but not expected" \
	"a finding fired but not expected is named"
like "$OUT" "ok 2 - five-questions: " "the tests in between still pass"
like "$OUT" "# 2 of $(jq '.tests | length' "$FQ") failed" "the summary counts the failures"
unlike "$OUT" "#   framework self_defence" "frameworks that match are not listed in the diff"

jq '.tests[4].expect.overall = "authorized"
  | .tests[4].expect.frameworks.sc_authorization = "satisfied"
  | .tests[4].expect.findings = []' "$SC" >wrong-sc.json
run test wrong-sc.json
is 1 "$RC" "the second checklist fails the same way"
like "$OUT" "#   overall: expected authorized, got not_established" "its overall diff"
like "$OUT" "#   framework sc_authorization: expected satisfied, got undetermined" "its framework diff"
like "$OUT" "#   finding implied_authorization_contested: fired, but not expected" "its finding diff"

jq 'del(.tests)' "$FQ" >notests.json
run test notests.json
is 0 "$RC" "a checklist without self-tests is not a failure"
like "$OUT" "ok 1 - five-questions: # SKIP the checklist carries no tests" "but is reported as skipped"
run test nosuch.json
is 1 "$RC" "a checklist that cannot be loaded fails"
like "$OUT" "not ok 1 - nosuch.json: could not be loaded" "and is reported as a failing test"
like "$ERR" "cannot open 'nosuch.json'" "with the reason on standard error"

# --- whatif: changed verdicts shown, case untouched ---------------------------------
# A valid invitation: consent satisfied, self-defence open, the organisation unanswered.
make_case w.json five-questions \
	"answer q1.timing before" "answer q1.freely free" "answer q1.authority competent" \
	"answer q1.control effective" "answer q2.purpose protect_facilities" \
	"answer q2.compliance within" "answer q5.basis consent"
run score --format json w.json
is lawful_basis_established "$(printf '%s\n' "$OUT" | jq -r .overall.verdict)" "the what-if case starts lawful"
cp w.json w.before

run whatif w.json q1.freely coerced
is 0 "$RC" "whatif exits 0"
s=$(squeeze "$OUT")
like "$s" "what if q1.freely = coerced (now: free)" "whatif names the change"
like "$s" "overall not_established was lawful_basis_established" "the overall verdict changes"
like "$s" "consent not_satisfied was satisfied (score 67 -> 56)" \
	"the changed framework shows both verdicts and scores"
like "$s" "self_defence undetermined unchanged" "an unaffected framework is unchanged"
like "$s" "organisation undetermined unchanged" "so is the other one"
like "$s" "finding basis_consent_not_established appears" "a finding that would fire is announced"
like "$s" "The case is unchanged." "and the case is said to be unchanged"
same_file w.before w.json "whatif leaves the case file byte-identical"

run whatif w.json q1.timing none
s=$(squeeze "$OUT")
like "$s" "overall no_lawful_basis was lawful_basis_established" "one answer can defeat both bases"
like "$s" "self_defence not_satisfied was undetermined (score 17 -> 0)" "self-defence falls with the timing"
like "$s" "consent not_satisfied was satisfied (score 67 -> 56)" "and so does consent"

run whatif w.json q2.published secret
s=$(squeeze "$OUT")
like "$s" "overall lawful_basis_established unchanged" "a factor does not change the overall verdict"
like "$s" "consent satisfied unchanged" "nor, here, the framework's verdict or score"
like "$s" "finding request_secret appears" "but its finding is announced"
unlike "$s" "disappears" "and no finding disappears"

run whatif w.json q1.freely cooerced
is 64 "$RC" "whatif with an unknown choice is a usage error"
like "$ERR" "q1.freely has no choice 'cooerced' (did you mean 'coerced'?)" "and suggests the choice"
run whatif w.json q9.nothing yes
is 64 "$RC" "whatif with an unknown question is a usage error"
printf 'whatif q1.freely coerced\n' >w.script
run_with_input w.script w.json
like "$(squeeze "$OUT")" "consent not_satisfied was satisfied" "whatif works in a session script"
same_file w.before w.json "after every whatif, from the command line or a script, the file is byte-identical"

# --- pivotal answers, computed by hand ------------------------------------------------
# Case w: consent carries the verdict, self-defence is open. Only answers that
# defeat or unsettle a necessary consent criterion flip it; factors, the
# organisation and Article 51 cannot (a satisfied consent suffices).
run score --format json w.json
want="q1.authority=contested:not_established
q1.authority=incompetent:not_established
q1.authority=unknown:not_established
q1.control=lost:not_established
q1.control=unknown:not_established
q1.freely=coerced:not_established
q1.freely=unknown:not_established
q1.timing=after:no_lawful_basis
q1.timing=none:no_lawful_basis
q1.timing=unknown:not_established
q2.compliance=exceeded:not_established
q2.compliance=unknown:not_established
q2.purpose=internal_order:not_established
q2.purpose=unknown:not_established
q2.purpose=unspecified:not_established"
seen=$(printf '%s\n' "$OUT" | jq -r '.pivotal[] | "\(.question)=\(.to):\(.verdict)"')
same_set "$want" "$seen" "five-questions: the pivotal answers are exactly those computed by hand"
is "free" "$(printf '%s\n' "$OUT" | jq -r '.pivotal[] | select(.question == "q1.freely") | .from' | sort -u)" \
	"each pivotal answer says what it is now"

# Case p: a complete authorisation whose only flaw is a missing report (a factor).
make_case p.json sc-authorization \
	"answer r1.resolution adopted" "answer r1.chapter_vii explicit" \
	"answer r2.force_wording all_necessary_means" "answer r3.addressees covered" \
	"answer r3.preconditions none_set" "answer r4.objectives within" "answer r4.means within" \
	"answer r4.area within" "answer r4.timing within" "answer r5.reporting not_reported" \
	"answer r6.status in_force" "answer r6.conditions none_set"
run score --format json p.json
is authorized "$(printf '%s\n' "$OUT" | jq -r .overall.verdict)" "sc-authorization: the pivotal case starts authorised"
want="r1.chapter_vii=not_chapter_vii:not_authorized
r1.chapter_vii=unknown:not_established
r1.resolution=draft_only:not_authorized
r1.resolution=none:not_authorized
r1.resolution=unknown:not_established
r2.force_wording=condemnation_only:not_authorized
r2.force_wording=implied_or_revived:not_established
r2.force_wording=sanctions_only:not_authorized
r2.force_wording=unknown:not_established
r3.addressees=not_covered:not_authorized
r3.addressees=unknown:not_established
r3.preconditions=not_met:not_authorized
r3.preconditions=unknown:not_established
r4.area=exceeded:exceeded_mandate
r4.area=unknown:not_established
r4.means=exceeded:exceeded_mandate
r4.means=unknown:not_established
r4.objectives=exceeded:exceeded_mandate
r4.objectives=unknown:not_established
r4.timing=premature:exceeded_mandate
r4.timing=unknown:not_established
r6.conditions=not_met:not_authorized
r6.conditions=unknown:not_established
r6.status=expired:not_authorized
r6.status=terminated:not_authorized
r6.status=unknown:not_established"
seen=$(printf '%s\n' "$OUT" | jq -r '.pivotal[] | "\(.question)=\(.to):\(.verdict)"')
same_set "$want" "$seen" "sc-authorization: the pivotal answers are exactly those computed by hand"
unlike "$seen" "r5.reporting" "reporting, a factor, is never pivotal"

cp p.json p.before
run whatif p.json r6.status terminated
s=$(squeeze "$OUT")
like "$s" "overall not_authorized was authorized" "whatif on the second checklist: overall"
like "$s" "sc_authorization not_satisfied was satisfied (score 100 -> 86)" "its framework, with scores"
like "$s" "mandate satisfied unchanged" "the mandate is unaffected"
like "$s" "finding authorization_lapsed appears" "and the lapse is announced"
run whatif p.json r1.resolution none
like "$(squeeze "$OUT")" "mandate not_applicable was satisfied" \
	"an answer that closes off questions makes their framework not applicable"
same_file p.before p.json "the second case is byte-identical too"

# --- strict mode: weak evidence counts as unknown, and says why -----------------------
make_case s.json five-questions \
	"answer q1.timing before" "answer q4.armed_attack yes" "answer q4.victim_request yes" \
	"answer q4.necessity yes" "answer q4.sc_measures no_measures" "answer q4.reported promptly"
# Adds one evidence item (JSON) to the answer to question $2 of case $1.
add_evidence() {
	jq --arg q "$2" --argjson e "$3" '.answers[$q].evidence += [$e]' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
add_evidence s.json q1.timing '{"source": "News agency", "grade": "B2", "origin": "third_party"}'
add_evidence s.json q4.victim_request '{"source": "Host government letter", "grade": "A1", "origin": "host"}'
add_evidence s.json q4.necessity '{"source": "Observer mission", "grade": "B2", "origin": "third_party"}'
add_evidence s.json q4.sc_measures '{"source": "Security Council records", "grade": "A1", "origin": "third_party"}'
add_evidence s.json q4.reported '{"source": "Letter to the Council", "grade": "A1", "origin": "intervening"}'
cp s.json s.base
add_evidence s.json q4.armed_attack '{"source": "Intervening ministry", "grade": "D4", "origin": "intervening"}'
run score --format json s.json
is "met|null|satisfied|lawful_basis_established" "$(armed "$OUT")" \
	"by default the weakly evidenced armed attack counts as given"
run score --strict --format json s.json
is strict "$(printf '%s\n' "$OUT" | jq -r .mode)" "--strict is recorded in the JSON"
is "unknown|met|no evidence graded well enough" "$(crit "$OUT" self_defence armed_attack "result given strict")" \
	"strict: the D4 armed attack counts as unknown, says why, and keeps the answer given (met)"
is "unknown|no evidence graded well enough|undetermined|not_established" "$(armed "$OUT")" \
	"so self-defence and the overall verdict are no longer established"
is "met met met" "$(printf '%s\n' "$OUT" | jq -r '[(.frameworks[] | select(.id == "self_defence") | .criteria[]) | select(.id == "victim_request" or .id == "necessity" or .id == "request_before") | .result] | join(" ")')" \
	"well-evidenced answers still count"
is "met|met|null" "$(crit "$OUT" self_defence victim_request "result given strict")" "and carry no strict reason"
run score --strict s.json
like "$OUT" "strict proof standards" "the text report says strict standards were applied"
like "$OUT" "strict: answered met, counted as unknown: no evidence graded well enough" \
	"the text report says which criterion was downgraded and why"
title=$(jq -r '.frameworks[] | select(.id == "self_defence") | .criteria[] | select(.id == "armed_attack") | .title' "$FQ")
like "$OUT" "$title (q4.armed_attack = yes, counted as unknown: no evidence graded well enough)" \
	"and names the question in the overall reasons"

cp s.base s.json
add_evidence s.json q4.armed_attack '{"source": "Intervening ministry", "grade": "B2", "origin": "intervening"}'
run score --strict --format json s.json
is "unknown|no well-graded evidence independent of the side that asserts it" \
	"$(crit "$OUT" self_defence armed_attack "result strict")" \
	"strict: well graded but only from the intervening side is not enough"
cp s.base s.json
add_evidence s.json q4.armed_attack '{"source": "Wire report", "grade": "A2", "origin": "third_party", "disputed": true}'
run score --strict --format json s.json
is "unknown|no undisputed evidence" "$(crit "$OUT" self_defence armed_attack "result strict")" \
	"strict: a disputed item does not count"
cp s.base s.json
add_evidence s.json q4.armed_attack '{"source": "Monitoring mission", "grade": "A2", "origin": "third_party"}'
run score --strict --format json s.json
is "met|null|satisfied|lawful_basis_established" "$(armed "$OUT")" \
	"strict: an independent, undisputed A2 item meets the standard"
cp s.base s.json
answer s.json "answer q4.armed_attack no"
run score --strict --format json s.json
is "not_met|null" "$(crit "$OUT" self_defence armed_attack "result strict")" \
	"strict: a standard that applies to yes leaves an unevidenced no as given"

# --- every framework of five-questions through each verdict, by hand ----------------
# One case, changed answer by answer; each step is scored by the real binary.
make_case v.json five-questions \
	"answer q1.timing before" "answer q4.armed_attack yes" "answer q4.victim_request yes" \
	"answer q4.necessity yes" "answer q4.sc_measures no_measures"
step() { # description expected verdicts: self_defence consent organisation overall
	is "$2 $3 $4 $5" "$("$LEGITCHECK" score --format json v.json |
		jq -r '[.frameworks[].verdict, .overall.verdict] | join(" ")')" "$1"
}
step "self-defence satisfied alone establishes a lawful basis" \
	satisfied undetermined undetermined lawful_basis_established
is 83 "$("$LEGITCHECK" score --format json v.json | jq '.frameworks[] | select(.id == "self_defence") | .score')" \
	"its score is the share of criteria met (5 of 6, the report unanswered)"
answer v.json "answer q4.necessity unknown"
step "an unknown necessity leaves self-defence undetermined" \
	undetermined undetermined undetermined not_established
answer v.json "answer q4.sc_measures measures_taken"
step "Security Council measures defeat self-defence" \
	not_satisfied undetermined undetermined not_established
answer v.json "answer q1.freely free" "answer q1.authority competent" "answer q1.control partial" \
	"answer q2.purpose external_threat" "answer q2.compliance within"
step "a valid invitation, the capital held, establishes consent" \
	not_satisfied satisfied undetermined lawful_basis_established
answer v.json "answer q1.authority contested"
step "a contested authority leaves consent undetermined" \
	not_satisfied undetermined undetermined not_established
answer v.json "answer q1.authority competent" "answer q2.purpose internal_order"
step "a mission against the population defeats consent: no lawful basis" \
	not_satisfied not_satisfied undetermined no_lawful_basis
answer v.json "answer q3.organ yes" "answer q3.consensus consensus" "answer q3.treaty_basis conditions_met"
step "the organisation's own rules followed: satisfied, yet no lawful basis" \
	not_satisfied not_satisfied satisfied no_lawful_basis
answer v.json "answer q3.treaty_basis unknown"
step "treaty conditions unknown: the organisation is undetermined" \
	not_satisfied not_satisfied undetermined no_lawful_basis
answer v.json "answer q3.consensus majority_only"
step "a majority decision where consensus is required: not satisfied" \
	not_satisfied not_satisfied not_satisfied no_lawful_basis
answer v.json "answer q3.organ not_applicable"
step "no organisation involved: its framework is not applicable" \
	not_satisfied not_satisfied not_applicable no_lawful_basis
run score --format json v.json
is "null" "$(printf '%s\n' "$OUT" | jq '.frameworks[] | select(.id == "organisation") | .score')" \
	"a framework that does not apply has no score"
is "not_applicable" "$(printf '%s\n' "$OUT" | jq -r '[.frameworks[] | select(.id == "organisation") | .criteria[].result] | unique | join(" ")')" \
	"and every one of its criteria is not applicable"

done_testing
