#!/usr/bin/env bash
# compare: Kazakhstan 2022 against Czechoslovakia 1968, the comparison the commentary draws
# (who asked, whether the procedure was followed, the justification invoked), in every
# format, and cases on different checklists.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
EX=$SOURCE_DIR/examples
GOLD=$SOURCE_DIR/tests/data/golden
K=$EX/kazakhstan-2022.json
C=$EX/czechoslovakia-1968.json
export LEGITCHECK_NOW=2026-01-01T00:00:00Z
unset COLUMNS

for f in text md html json; do
	run compare "$K" "$C" --format "$f" -o "cmp.$f"
	is 0 "$RC" "compare --format $f exits 0"
	same_file "$GOLD/compare.$f" "cmp.$f" "compare.$f matches its golden file"
done
pandoc -f gfm -t html --fail-if-warnings cmp.md -o /dev/null 2>pandoc.err
is "0 " "$? $(cat pandoc.err)" "pandoc converts the Markdown comparison without a warning"
tidy -errors -quiet cmp.html >tidy.out 2>&1
is "0 " "$? $(cat tidy.out)" "tidy finds no error in the HTML comparison"

# The rows of the text table: mark, question, (A), (B).
row() { grep -E "^[*~ ]  $1 " cmp.text | head -1; }
for q in q1.initiative q1.authority q3.organ q3.consensus; do
	like "$(row "$q")" "*  $q" "$q is marked as differing (the commentary: who asked, the procedure)"
done
like "$(row q1.initiative)" "host; B2" "q1.initiative: Kazakhstan's own request"
like "$(row q1.initiative)" "intervener; A2" "q1.initiative: Czechoslovakia's, the intervener's doing"
like "$(row q1.authority)" "incompetent" "q1.authority: incompetent in 1968"
like "$(row q3.organ)" "no; A2" "q3.organ: no organ of the Warsaw Treaty decided"
like "$(row q3.consensus)" "majority_only" "q3.consensus: only some members took part"
for q in q5.published q5.timing q5.basis; do
	like "$(row "$q")" "   $q" "$q is not marked: the justification invoked is the same"
done
like "$(row q5.basis)" "multiple; B2            multiple; B2" "both invoke several bases"
# Their notes side by side say which.
notes=$(sed -n '/^q5.basis/,/^$/p' cmp.text | tr '\n' ' ' | tr -s ' ')
like "$notes" "(A) multiple: Two bases are invoked together: the host President's appeal (consent) and Article 4 of the Collective Security Treaty" \
	"the notes show Kazakhstan's bases: consent and the CSTO treaty"
like "$notes" "(B) multiple: The justification combines a claimed request (consent) with 'individual and collective self-defence' under the treaties of alliance" \
	"and Czechoslovakia's: a claimed request and the alliance treaties"
like "$(cat cmp.text)" "*  overall  not established  no lawful basis" "the overall verdicts differ, and are marked"
like "$(cat cmp.text)" "*  consent       undetermined, 56/100   not satisfied, 22/100" \
	"framework verdicts and scores side by side"
like "$(cat cmp.text)" "Both cases are answered against checklist five-questions 1.0.0; 11 of its 21" \
	"the count of differing answers"

# The same facts as data.
is '["q1.initiative","q1.authority","q3.organ","q3.consensus"]' \
	"$(jq -c '[.differing_questions[] | select(. == "q1.initiative" or . == "q1.authority" or startswith("q3."))]' cmp.json)" \
	"JSON: the differing questions the commentary points at"
is '[false,false,false]' "$(jq -c '[.questions[] | select(.section == "q5") | .differs]' cmp.json)" \
	"JSON: q5.* answered alike"
is 'true' "$(jq '.overall_differs' cmp.json)" "JSON: the overall verdicts differ"
is '"not_established" "no_lawful_basis"' "$(jq -c '.cases[].overall.verdict' cmp.json | tr '\n' ' ' | sed 's/ $//')" \
	"JSON: each case's verdict"
like "$(cat cmp.html)" '<tr class="differs"><td class="mark">&ne; differs</td><td><code>q1.initiative</code>' \
	"HTML: the row is marked in words, not only in colour"
like "$(cat cmp.md)" '| **≠** | `q1.authority`' "Markdown: the row is marked"

# Cases on different checklists: what they share, and saying so.
run compare "$K" "$EX/libya-2011.json"
is 0 "$RC" "cases on different checklists compare"
flat=$(printf '%s' "$OUT" | tr '\n' ' ')
like "$flat" "The cases are answered against different checklists (five-questions 1.0.0, sc-authorization" \
	"and the comparison says so"
like "$flat" "so only what they share is compared: 0 questions and 0 frameworks" "and what it compares"
like "$flat" "The checklists share no question." "instead of an empty table"
jq '.checklist.version = "1.0.1"' "$C" >other-version.json
mkdir cl && jq '.version = "1.0.1"' "$SOURCE_DIR/checklists/five-questions.json" >cl/five-questions.json
LEGITCHECK_PATH=$TMP/cl:$SOURCE_DIR/checklists run compare "$K" other-version.json --format json
is 65 "$RC" "a case whose checklist version is not found is refused, not mis-compared"

# In a session: the open case against the others.
cp "$K" open.json
printf 'compare %s --format json\n' "$C" >s1
run_with_input s1 open.json
is 0 "$RC" "compare in a session succeeds"
is '"open.json" "czechoslovakia-1968.json"' "$(printf '%s' "$OUT" | jq -c '.cases[].file' | tr '\n' ' ' | sed 's/ $//')" \
	"the open case comes first"

# Usage errors.
run compare "$K"
is 64 "$RC" "compare needs two cases"
like "$ERR" "needs at least two cases" "and says so"
run compare "$K" missing.json
is 66 "$RC" "a missing case exits 66"
run compare "$K" "$C" --strict
is 64 "$RC" "an option compare does not have is a usage error"

done_testing
