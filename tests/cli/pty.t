#!/usr/bin/env bash
# The interview at a real terminal (a pseudo-terminal driven by ptydrive): every
# question of the default checklist answered with guided evidence entry in
# French, tab completion, Ctrl-C in a guided prompt, and the saved file checked
# byte for byte with jq.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty-lib.sh"
pty_needed
cd "$TMP" || exit 1

# Answers chosen to visit every question (q3.organ = yes keeps q3.* applicable);
# external_threat is typed as "ext" and Tab.
answers="q1.timing=before q1.initiative=intervener q1.freely=free q1.authority=contested
q1.control=partial q2.published=summary q2.purpose=external_threat q2.limits=limited
q2.compliance=exceeded q3.organ=yes q3.consensus=consensus q3.treaty_basis=conditions_not_met
q3.sc_authorization=not_authorized q4.armed_attack=no q4.victim_request=yes q4.necessity=no
q4.reported=late q4.sc_measures=no_measures q5.published=statements_only
q5.timing=after_deployment q5.basis=treaty"
kinds=(official_document official_statement news_report expert_analysis other)
origins=(host intervening third_party)
grades=(A1 B2 C3 d4 E5 F6)

source_of() { echo "Le Monde avec l'AFP ($1)"; }
title_of() { echo "Kazakhstan : le président décrète l'état d'urgence — n° $1"; }
quote_of() { echo "« une force collective de maintien de la paix » ($1 ; ОДКБ миротворческие силы ; Тоқаев сұрады)"; }
note_of() { echo "Vérifié à Almaty, été 2022 — q$1"; }

sc=$TMP/all.scenario
{
	echo "expect q1.timing> "
	# Tab completes a command: sh<Tab> is show.
	printf 'send sh\\t\n'
	echo "sendline "
	echo "expect Choices:"
	echo "expect q1.timing> "
	# And a question id: show q2.publ<Tab>.
	printf 'sendline show q2.publ\\t\n'
	echo "expect q2.published — "
	echo "expect q1.timing> "
	# Ctrl-C in a guided prompt cancels it and the program goes on.
	echo "sendline evidence add"
	echo "expect source, who published it (required): "
	echo "send à moitié tapé"
	echo "expect à moitié tapé"
	echo "send \\x03"
	echo "expect cancelled: nothing was added"
	echo "expect q1.timing> "
	# Ctrl-C at the prompt drops the line being typed.
	echo "send answer befo"
	echo "expect answer befo"
	echo "send \\x03"
	i=0
	for pair in $answers; do
		i=$((i + 1))
		q=${pair%%=*}
		c=${pair#*=}
		echo "expect $q> "
		if [ "$c" = external_threat ]; then
			printf 'sendline ext\\t\n'
		else
			echo "sendline $c"
		fi
		echo "expect $q = $c"
		echo "expect add evidence now? [y/N] "
		echo "sendline y"
		echo "expect source, who published it (required): "
		if [ "$i" = 3 ]; then
			# A required field left empty is asked again.
			echo "sendline "
			echo "expect source: required"
			echo "expect (required): "
		fi
		echo "sendline $(source_of "$i")"
		echo "expect title: "
		echo "sendline $(title_of "$i")"
		echo "expect date published"
		if [ "$i" = 2 ]; then
			# A bad date is asked again, with the reason.
			echo "sendline 2022-02-30"
			echo "expect date: '2022-02-30': no such day in that month"
			# It is asked again with the rejected value in the line: Ctrl-U clears it.
			echo "expect date published"
			echo "expect 2022-02-30"
			echo "send \\x15"
		fi
		echo "sendline 2022-01-0$((i % 9 + 1))"
		echo "expect date of the event"
		echo "sendline 2022-01-05"
		echo "expect url: "
		echo "sendline https://www.lemonde.fr/international/article/2022/01/06/kazakhstan-$i.html"
		echo "expect citation"
		echo "sendline "
		echo "expect quote"
		echo "sendline $(quote_of "$i")"
		echo "expect kind (official_document, official_statement, news_report, expert_analysis, other): "
		echo "sendline ${kinds[i % 5]}"
		echo "expect grade"
		if [ "$i" = 4 ]; then
			echo "sendline G9"
			echo "expect grade: 'G9': a letter A-F"
			echo "expect grade"
			echo "expect G9"
			echo "send \\x15"
		fi
		echo "sendline ${grades[i % 6]}"
		echo "expect origin"
		if [ "$i" = 5 ]; then
			# Tab completes the origin's keywords.
			printf 'sendline inter\\t\n'
		else
			echo "sendline ${origins[i % 3]}"
		fi
		echo "expect disputed"
		echo "sendline "
		echo "expect note: "
		echo "sendline $(note_of "$i")"
		echo "expect added [1] to $q"
		echo "expect add another item? [y/N] "
		echo "sendline "
	done
	echo "expect Every question that applies is answered (21 of 21)"
	echo "expect Overall: "
	# And offers the report.
	echo "expect see the report now? [y/N] "
	echo "sendline y"
	echo "expect Report: "
	echo "expect q5.basis> "
	# Written to a file, the report says where it went.
	echo "sendline report --format html -o case.html"
	echo "expect report: wrote 'case.html'"
	echo "expect q5.basis> "
	echo "sendline quit"
	echo "exit 0"
} >"$sc"

drive "$sc" case.json
is 0 "$RC" "a whole interview at a terminal: 21 answers with guided evidence"
ok "the report written at the prompt is there" grep -q "<h1>" case.html

# One jq run: six lines a question (choice, quote, source, title, note, items).
mapfile -t got < <(jq -r '.answers[] | .choice, .evidence[0].quote, .evidence[0].source,
	.evidence[0].title, .evidence[0].note, (.evidence | length)' case.json)
i=0
bad_choice="" bad_quote="" bad_other=""
for pair in $answers; do
	q=${pair%%=*}
	c=${pair#*=}
	f=("${got[@]:$((i * 6)):6}")
	i=$((i + 1))
	[ "${f[0]}" = "$c" ] || bad_choice="$bad_choice $q"
	[ "${f[1]}" = "$(quote_of "$i")" ] || bad_quote="$bad_quote $q"
	[ "${f[2]}" = "$(source_of "$i")" ] && [ "${f[3]}" = "$(title_of "$i")" ] &&
		[ "${f[4]}" = "$(note_of "$i")" ] && [ "${f[5]}" = 1 ] || bad_other="$bad_other $q"
done
is "" "$bad_choice" "every answer is in the file"
is "" "$bad_quote" "every quote is byte-identical in the file (French, Russian, Kazakh)"
is "" "$bad_other" "every source, title and note is byte-identical, one item each"
is "2022-01-03 2022-01-05" "$(jq -r '.answers["q1.initiative"].evidence[0] | "\(.date) \(.event_date)"' case.json)" \
	"a date asked again after a bad one is the good one"
is "D4 expert_analysis" "$(jq -r '.answers["q1.freely"].evidence[0] | "\(.grade) \(.kind)"' case.json)" \
	"a grade is stored in capitals, the kind as chosen"
is intervening "$(jq -r '.answers["q1.control"].evidence[0].origin' case.json)" \
	"an origin completed with Tab is stored whole"
is null "$(jq -r '.answers["q1.timing"].evidence[0].citation' case.json)" \
	"a field skipped with Enter is left out"
is 21 "$(jq '.history | length' case.json)" "the history records each answer once"
is 0 "$(jq '[.answers[].evidence[] | select(.source | startswith("à moitié"))] | length' case.json)" \
	"the cancelled entry left nothing behind"

done_testing
