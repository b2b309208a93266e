#!/usr/bin/env bash
# The JSON Schemas of schemas/ against an independent validator, ajv-cli
# (tools/schema/, installed by scripts/install-deps.sh test):
# - every shipped checklist, example case, good test file and JSON output of
#   legitcheck is valid against its schema (ajv accepts what legitcheck accepts);
# - every bad checklist and case of tests/data/bad/ is rejected by both ajv and
#   `legitcheck validate`, except the ones listed below as C-only, which the
#   schema cannot see and ajv must accept (so that the list stays exact);
# - errors at the level of JSON itself (duplicate keys, invalid UTF-8, ...)
#   are C-only too: legitcheck rejects them, ajv cannot.
. "$(dirname "$0")/lib.sh"
SCHEMAS=$SOURCE_DIR/schemas
AJV=$SOURCE_DIR/tools/schema/node_modules/.bin/ajv
BAD=$SOURCE_DIR/tests/data/bad

# Semantic errors that need the checklist (or cross-references inside one):
# beyond JSON Schema, checked by legitcheck only. FILE: why.
C_ONLY="
case-checklist-version-mismatch.json: the version of the checklist found on disk
case-choice-of-other-question.json: the choices of the checklist's question
case-duplicate-key-escaped.json: duplicate keys (JSON itself, below any schema)
case-unknown-checklist.json: whether a checklist of that id exists
case-unknown-choice.json: the choices of the checklist's question
case-unknown-question.json: the questions of the checklist
checklist-choice-mapped-twice.json: each choice mapped to exactly one result
checklist-choice-not-mapped.json: each choice of the question mapped
checklist-condition-cycle.json: conditions forming a cycle
checklist-condition-self-cycle.json: conditions forming a cycle
checklist-test-bad-verdict.json: the verdicts the overall rules can give
checklist-unknown-framework.json: the frameworks the checklist defines
"

if [ ! -x "$AJV" ]; then
	echo "1..1"
	echo "not ok 1 - ajv-cli is installed in tools/schema (run scripts/install-deps.sh test)"
	exit 1
fi

# Validates files against a schema in one run of ajv; prints "valid",
# "invalid" or "unreadable" for each file, one a line, in order.
ajv_verdicts() { # schema file...
	local schema=$1 f out args=()
	shift
	for f in "$@"; do args+=(-d "$f"); done
	out=$("$AJV" validate --spec=draft2020 -c ajv-formats --errors=line -s "$schema" "${args[@]}" 2>&1)
	for f in "$@"; do
		if printf '%s\n' "$out" | grep -qxF "$f valid"; then
			echo valid
		elif printf '%s\n' "$out" | grep -qxF "$f invalid"; then
			echo invalid
		else
			echo unreadable
		fi
	done
}

# The schema a JSON document belongs to, from its contents.
schema_of() {
	jq -r 'if .format == "legitcheck-checklist" then "checklist"
		elif .format == "legitcheck-case" then "case"
		elif .format == "legitcheck-report" then "report"
		elif .format == "legitcheck-comparison" then "comparison"
		elif (.format == null and .mode? and .frameworks?) then "score"
		else "unknown" end' "$1" 2>/dev/null
}

# Each schema is itself a valid draft 2020-12 schema.
"$AJV" compile --spec=draft2020 -c ajv-formats -s "$SCHEMAS/*.schema.json" >"$TMP/compile" 2>&1
for s in "$SCHEMAS"/*.schema.json; do
	ok "$(basename "$s") compiles as a draft 2020-12 schema" grep -qxF "schema $s is valid" "$TMP/compile"
	is "https://json-schema.org/draft/2020-12/schema" "$(jq -r '."$schema"' "$s")" \
		"$(basename "$s") declares draft 2020-12"
done

# The good files: what legitcheck accepts, ajv accepts.
good=()
for f in "$SOURCE_DIR"/checklists/*.json "$SOURCE_DIR"/examples/*.json \
	"$SOURCE_DIR"/tests/data/good/*.json; do
	[ -f "$f" ] && good+=("$f")
done
# The JSON outputs: score (default and strict) of every example case.
mkdir -p "$TMP/out"
for f in "$SOURCE_DIR"/examples/*.json; do
	b=$(basename "$f" .json)
	"$LEGITCHECK" score --format json "$f" >"$TMP/out/$b.score.json"
	"$LEGITCHECK" score --format json --strict "$f" >"$TMP/out/$b.strict.score.json"
	good+=("$TMP/out/$b.score.json" "$TMP/out/$b.strict.score.json")
done
# Reports and comparisons, where the program has them.
if "$LEGITCHECK" help report >/dev/null 2>&1; then
	for f in "$SOURCE_DIR"/examples/*.json; do
		b=$(basename "$f" .json)
		"$LEGITCHECK" report "$f" --format json >"$TMP/out/$b.report.json"
		"$LEGITCHECK" report "$f" --format json --strict >"$TMP/out/$b.strict.report.json"
		good+=("$TMP/out/$b.report.json" "$TMP/out/$b.strict.report.json")
	done
fi
if "$LEGITCHECK" help compare >/dev/null 2>&1; then
	"$LEGITCHECK" compare "$SOURCE_DIR"/examples/*.json --format json >"$TMP/out/examples.compare.json"
	good+=("$TMP/out/examples.compare.json")
fi
# A new, empty case and its score.
(cd "$TMP/out" && "$LEGITCHECK" new empty.json >/dev/null &&
	"$LEGITCHECK" score --format json empty.json >empty.score.json)
good+=("$TMP/out/empty.json" "$TMP/out/empty.score.json")
# Golden JSON files that tests compare outputs with, wherever they are.
while IFS= read -r f; do
	good+=("$f")
done < <(find "$SOURCE_DIR/tests" -path '*/golden*' -name '*.json' 2>/dev/null | sort)

for kind in checklist case score report comparison; do
	files=()
	for f in "${good[@]}"; do
		[ "$(schema_of "$f")" = "$kind" ] && files+=("$f")
	done
	[ ${#files[@]} -gt 0 ] || continue
	if [ ! -f "$SCHEMAS/$kind.schema.json" ]; then
		_result 1 "a schema for the $kind files (schemas/$kind.schema.json)"
		continue
	fi
	mapfile -t verdicts < <(ajv_verdicts "$SCHEMAS/$kind.schema.json" "${files[@]}")
	for i in "${!files[@]}"; do
		name=${files[$i]#"$SOURCE_DIR"/}
		name=${name#"$TMP"/}
		case "$kind" in
		checklist | case)
			"$LEGITCHECK" validate "${files[$i]}" >/dev/null 2>&1
			is 0 "$?" "legitcheck accepts $name"
			;;
		esac
		is valid "${verdicts[$i]}" "ajv accepts $name ($kind.schema.json)"
	done
done
ok "the good files include checklists, cases and scores" test ${#good[@]} -ge 8
for f in "${good[@]}"; do
	[ "$(schema_of "$f")" != unknown ] && continue
	_result 1 "${f#"$SOURCE_DIR"/} has a schema"
done

# JSON-level errors are beyond JSON Schema (a validator sees the parsed value):
# C-only. Each is made from a valid case, so only the JSON-level error differs.
mkdir -p "$TMP/json"
base=$SOURCE_DIR/examples/kazakhstan-2022.json
tail_of_base=$(tail -c +2 "$base")
printf '{"title": "first",%s' "$tail_of_base" >"$TMP/json/duplicate-key.json"
printf '{"x-note": "caf\xe9",%s' "$tail_of_base" >"$TMP/json/invalid-utf8.json"
printf '{"x-note": "\xc0\xaf",%s' "$tail_of_base" >"$TMP/json/overlong-utf8.json"
printf '{"x-note": "\\ud800",%s' "$tail_of_base" >"$TMP/json/lone-surrogate.json"
printf '{"x-note": "a\\u0000b",%s' "$tail_of_base" >"$TMP/json/u0000.json"
printf '{"x-size": 1e400,%s' "$tail_of_base" >"$TMP/json/number-out-of-range.json"
{
	printf '{"x-deep": '
	for _ in $(seq 70); do printf '['; done
	for _ in $(seq 70); do printf ']'; done
	printf ',%s' "$tail_of_base"
} >"$TMP/json/deep-nesting.json"
json_files=("$TMP"/json/*.json)

# The bad corpus: both reject, except the C-only files.
for kind in case checklist; do
	files=("$BAD"/$kind-*.json)
	extra=()
	[ "$kind" = case ] && extra=("${json_files[@]}")
	mapfile -t verdicts < <(ajv_verdicts "$SCHEMAS/$kind.schema.json" "${files[@]}" "${extra[@]}")
	json_verdicts=("${verdicts[@]:${#files[@]}}")
	[ "$kind" = case ] && json_level=("${json_verdicts[@]}")
	for i in "${!files[@]}"; do
		f=${files[$i]}
		b=$(basename "$f")
		want_rc=$(head -n 1 "${f%.json}.expect")
		(cd "$BAD" && "$LEGITCHECK" validate "$b" >/dev/null 2>&1)
		is "$want_rc" "$?" "legitcheck rejects $b"
		case "$C_ONLY" in
		*"
$b:"*)
			is valid "${verdicts[$i]}" \
				"$b is C-only: ajv cannot see its error ($(printf '%s\n' "$C_ONLY" |
					sed -n "s/^$b: //p"))"
			;;
		*)
			is invalid "${verdicts[$i]}" "ajv rejects $b too"
			;;
		esac
	done
done
# Every C-only file exists, so that the list cannot go stale (one that a tree
# does not have yet is skipped, and said so).
for b in $(printf '%s\n' "$C_ONLY" | sed -n 's/:.*//p'); do
	if [ -f "$BAD/$b" ]; then
		_result 0 "C-only file $b exists"
	else
		T_RUN=$((T_RUN + 1))
		echo "ok $T_RUN - C-only file $b exists # SKIP not in this tree"
	fi
done

# The JSON-level errors: legitcheck rejects, ajv accepts.
for i in "${!json_files[@]}"; do
	f=${json_files[$i]}
	b=$(basename "$f")
	"$LEGITCHECK" validate "$f" >/dev/null 2>&1
	is 65 "$?" "legitcheck rejects $b"
	is valid "${json_level[$i]}" "$b is C-only: a JSON Schema validator cannot see it"
done

done_testing
