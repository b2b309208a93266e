#!/usr/bin/env bash
# The excerpts of README.md that show the program at work, produced by running
# it: a session on a copy of examples/kazakhstan-2022.json, and the beginning
# of the Markdown report on it. The clock is fixed (LEGITCHECK_NOW) and the
# environment emptied, so that the output depends on the program and the
# example only.
#
# usage: scripts/readme-excerpts.sh transcript|report   print one excerpt
#        scripts/readme-excerpts.sh --update README.md  rewrite its marked blocks
#        scripts/readme-excerpts.sh --check README.md   exit 1 if they differ
#
# The blocks of README.md lie between <!-- BEGIN NAME --> and <!-- END NAME -->.
# $LEGITCHECK is the binary (default: build/legitcheck).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LEGITCHECK=${LEGITCHECK:-$ROOT/build/legitcheck}
EXAMPLE=$ROOT/examples/kazakhstan-2022.json
NOW=2026-01-15T12:00:00Z
# Commands of the session, one a line, and the most lines shown of each output.
SESSION_COMMANDS=("status" "show q1.authority" "whatif q1.authority competent")
MAX_LINES=33

die() {
	echo "readme-excerpts: $*" >&2
	exit 1
}

[ -x "$LEGITCHECK" ] || die "no program at '$LEGITCHECK' (build it, or set LEGITCHECK)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/readme-excerpts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Runs the program in an empty environment, in $WORK.
lc() {
	(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" LC_ALL=C.UTF-8 \
		XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
		XDG_STATE_HOME="$WORK/home/state" LEGITCHECK_PATH="$ROOT/checklists" \
		LEGITCHECK_NOW=$NOW NO_COLOR=1 COLUMNS=80 TERM=dumb "$LEGITCHECK" "$@")
}

# Prints at most MAX_LINES lines of standard input, and how many were left out.
crop() {
	awk -v max="$MAX_LINES" 'NR <= max { print } END {
		if (NR > max) printf "[... %d more lines]\n", NR - max }'
}

transcript() {
	local i j
	echo '```console'
	echo '$ cp examples/kazakhstan-2022.json kazakhstan.json'
	echo '$ legitcheck kazakhstan.json'
	for i in "${!SESSION_COMMANDS[@]}"; do
		# Each command runs after the ones before it, on a fresh copy, so that
		# its output is exactly what it prints at that point of the session.
		rm -rf "$WORK/home" "$WORK"/kazakhstan.json "$WORK"/.kazakhstan.json.*
		cp "$EXAMPLE" "$WORK/kazakhstan.json"
		for ((j = 0; j < i; j++)); do
			printf '%s\n' "${SESSION_COMMANDS[$j]}"
		done >"$WORK/before.txt"
		lc kazakhstan.json --no-history <"$WORK/before.txt" >/dev/null 2>&1 || true
		printf '%s\n' "${SESSION_COMMANDS[$i]}" >"$WORK/command.txt"
		[ "$i" -gt 0 ] && echo
		echo "> ${SESSION_COMMANDS[$i]}"
		lc kazakhstan.json --no-history <"$WORK/command.txt" 2>&1 | crop
	done
	echo '```'
}

report() {
	cp "$EXAMPLE" "$WORK/kazakhstan.json"
	echo '```markdown'
	if lc help report >/dev/null 2>&1; then
		# The case and the overall verdict: the report up to its third section.
		lc report kazakhstan.json --format md | awk '/^## 3\. / { stop = 1 } !stop' |
			sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	else
		lc score kazakhstan.json | crop
	fi
	echo '```'
}

# Prints file with the block NAME replaced by the output of the function NAME.
replace_block() { # file name
	local file=$1 name=$2
	"$name" >"$WORK/$name.block"
	awk -v begin="<!-- BEGIN $name -->" -v end="<!-- END $name -->" -v block="$WORK/$name.block" '
		$0 == begin { print; while ((getline line < block) > 0) print line; skip = 1; next }
		$0 == end { skip = 0 }
		!skip { print }' "$file"
}

update() { # file -> the file as it should be, on standard output
	local file=$1 name
	cp "$file" "$WORK/readme"
	for name in transcript report; do
		grep -qxF "<!-- BEGIN $name -->" "$WORK/readme" ||
			die "$file has no <!-- BEGIN $name --> marker"
		grep -qxF "<!-- END $name -->" "$WORK/readme" ||
			die "$file has no <!-- END $name --> marker"
		replace_block "$WORK/readme" "$name" >"$WORK/readme.new"
		mv "$WORK/readme.new" "$WORK/readme"
	done
	cat "$WORK/readme"
}

case "${1:-}" in
transcript | report) "$1" ;;
--update)
	[ $# -eq 2 ] || die "usage: $0 --update README.md"
	update "$2" >"$WORK/out"
	if cmp -s "$WORK/out" "$2"; then
		echo "readme-excerpts: $2 is up to date" >&2
	else
		cat "$WORK/out" >"$2"
		echo "readme-excerpts: rewrote the excerpts of $2" >&2
	fi
	;;
--check)
	[ $# -eq 2 ] || die "usage: $0 --check README.md"
	update "$2" >"$WORK/out"
	diff -u "$2" "$WORK/out" || die "the excerpts of $2 are out of date: run 'make readme'"
	;;
*)
	sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
	exit 64
	;;
esac
