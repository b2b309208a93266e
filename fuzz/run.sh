#!/bin/sh
# Runs each libFuzzer harness for SECONDS in one process (one core), at low
# priority.
# Seeds (read, never written): tests/data, examples, checklists and
# fuzz/seeds; the growing corpus lives in BUILD/corpus-NAME. A crash is
# saved as BUILD/crash-* and fails the run.
#
# usage: fuzz/run.sh BUILD SECONDS [HARNESS...]
set -eu
build=$1
seconds=$2
shift 2
[ $# -gt 0 ] || set -- fuzz_casefile fuzz_checklist fuzz_tokenize
src=$(cd "$(dirname "$0")/.." && pwd)

for h in "$@"; do
	corpus=$build/corpus-${h#fuzz_}
	mkdir -p "$corpus"
	case $h in
	fuzz_casefile) seeds="$src/examples $src/tests/data/good $src/tests/data/bad" dict=$src/fuzz/json.dict ;;
	fuzz_checklist) seeds="$src/checklists $src/tests/data/bad" dict=$src/fuzz/json.dict ;;
	fuzz_tokenize) seeds="$src/fuzz/seeds/tokenize" dict="" ;;
	*) echo "fuzz/run.sh: unknown harness '$h'" >&2; exit 64 ;;
	esac
	echo "== $h for ${seconds}s"
	# shellcheck disable=SC2086
	nice -n 10 "$build/fuzz/$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/" \
		${dict:+-dict="$dict"} "$corpus" $seeds 2>"$build/$h.log" || {
		tail -n 60 "$build/$h.log" >&2
		echo "fuzz/run.sh: $h found a problem (see $build/$h.log)" >&2
		exit 1
	}
	grep -E '^(#[0-9]+[[:space:]]+DONE|Done|stat::)' "$build/$h.log" | tail -n 8
done
