#!/usr/bin/env bash
# The walk at a terminal: questions whose condition is false are skipped and
# named, an answer change that makes others irrelevant says which, the question
# at hand moves on when it stops applying, and next, prev, goto and status.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty-lib.sh"
pty_needed
cd "$TMP" || exit 1

scenario walk <<'SC'
expect q1.timing> 
sendline goto q3.organ
expect q3.organ — 
expect q3.organ> 
sendline not_applicable
expect add evidence now? [y/N] 
sendline 
expect skipped, not applicable given the answers so far: q3.consensus, q3.treaty_basis
expect Q3 The organisation's decision procedure · 1 of 19 answered · 1 unsupported
expect q3.sc_authorization — 
expect q3.sc_authorization> 
sendline show q3.consensus
expect Not applicable given the answers so far (it depends on q3.organ)
expect q3.sc_authorization> 
sendline answer q3.organ yes
expect q3.organ = yes (was not_applicable)
expect now applies: q3.consensus, q3.treaty_basis
expect add evidence now? [y/N] 
sendline 
expect q3.sc_authorization> 
sendline goto q3.consensus
expect q3.consensus> 
sendline consensus
expect add evidence now? [y/N] 
sendline 
expect q3.treaty_basis> 
sendline answer q3.organ not_applicable
expect warning: these answers no longer apply and are not scored
expect q3.consensus (consensus)
expect add evidence now? [y/N] 
sendline 
expect q3.treaty_basis no longer applies
expect q3.sc_authorization> 
sendline prev
expect q3.organ — 
expect q3.organ> 
sendline next
expect q3.sc_authorization — 
expect q3.sc_authorization> 
sendline status
expect Q3 The organisation's decision procedure · 1 of 19 answered · 1 unsupported
expect at q3.sc_authorization
expect q3.sc_authorization> 
sendline list
expect q3.consensus
expect not applicable
expect 1 of 19 answered · 0 unknown · 1 unsupported · 2 not applicable
expect q3.sc_authorization> 
sendline quit
exit 0
SC
drive walk w.json
is 0 "$RC" "the walk skips and names what does not apply, and follows answer changes"
is "not_applicable consensus" "$(jq -r '[.answers["q3.organ"].choice, .answers["q3.consensus"].choice] | join(" ")' w.json)" \
	"the answers are saved, the one that no longer applies kept"

scenario keyword <<'SC'
expect q1.timing> 
sendline goto q3.organ
expect q3.organ> 
sendline no
expect q3.organ = no
expect add evidence now? [y/N] 
sendline 
expect q3.consensus> 
sendline quit
exit 0
SC
drive keyword kw.json
is 0 "$RC" "'no' at a question that has it answers: it does not start 'note'"
is no "$(jq -r '.answers["q3.organ"].choice' kw.json)" "and the answer is saved"

# evidence edit at a terminal: every field prefilled, Enter keeps it.
printf '%s\n' "evidence add q1.timing --source 'Le Monde avec l'\\''AFP' --title 'Titre' --quote '« une force collective de maintien de la paix »' --grade B2 --kind news_report" >setup
"$LEGITCHECK" e.json <setup
scenario edit <<'SC'
expect q1.timing> 
sendline evidence edit q1.timing 1
expect (required): Le Monde avec l'AFP
sendline 
expect title: Titre
send \x15
sendline Titre corrigé
expect date published
sendline 
expect date of the event
sendline 2022-01-06
expect url
sendline 
expect citation
sendline 
expect quote, the exact words in the original language: « une force collective de maintien de la paix »
sendline 
expect kind (official_document, official_statement, news_report, expert_analysis, other): news_report
sendline 
expect grade
expect B2
send \x15
sendline a1
expect origin
sendline 
expect disputed
expect no
sendline 
expect note: 
sendline 
expect edited [1] of q1.timing
expect q1.timing> 
sendline quit
exit 0
SC
drive edit e.json
is 0 "$RC" "evidence edit at a terminal shows each field's value to keep or change"
is "Le Monde avec l'AFP|Titre corrigé|2022-01-06|« une force collective de maintien de la paix »|news_report|A1|false" \
	"$(jq -r '.answers["q1.timing"].evidence[0] | [.source, .title, .event_date, .quote, .kind, .grade, .disputed] | map(tostring) | join("|")' e.json)" \
	"the fields changed are saved, the others kept byte for byte"

done_testing
