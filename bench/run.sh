#!/bin/sh
# The performance benchmark behind `make bench`; bench/README.md says what each
# figure means. Prints one table: the median of BENCH_RUNS runs of each figure,
# each against a reference measured in the same run, and whether its target is
# met.
#
# usage: bench/run.sh [BUILD_DIR]   (default build-bench; a Release build)
#   BENCH_RUNS=5            runs per figure (the table shows medians)
#   BENCH_REPL_COMMANDS=6000 answer commands per REPL sample
#   BENCH_STARTUP_REPS=200  invocations per start-up sample
#   BENCH_CALLGRIND=1       also count instructions of the large-case score (slow)
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${1:-build-bench}
RUNS=${BENCH_RUNS:-5}
REPL_N=${BENCH_REPL_COMMANDS:-6000}
KZ_REPS=${BENCH_STARTUP_REPS:-200}
LC=$ROOT/$BUILD/legitcheck
OUT=$ROOT/bench/out
BIN=$OUT/bin
CHECKLIST=$ROOT/checklists/five-questions.json
EXAMPLE=$ROOT/examples/kazakhstan-2022.json
export LEGITCHECK_PATH="$ROOT/checklists"
export NO_COLOR=1

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x "$LC" ] || die "no '$LC': build it first (make build BUILD=$BUILD BUILD_TYPE=Release)"
for tool in jq cc pkg-config; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing (scripts/install-deps.sh bench)"
done

mkdir -p "$BIN"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/legitcheck-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# ---- Tools: the case generator, the libcjson floor, the measuring wrapper ----
CFLAGS="-std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
CJSON_CFLAGS=$(pkg-config --cflags libcjson)
CJSON_LIBS=$(pkg-config --libs libcjson)
for tool in gencase cjson_floor measure; do
	# shellcheck disable=SC3013 # -nt: in dash and bash alike
	if [ ! -x "$BIN/$tool" ] || [ "bench/$tool.c" -nt "$BIN/$tool" ]; then
		# shellcheck disable=SC2086
		cc $CFLAGS $CJSON_CFLAGS "bench/$tool.c" -o "$BIN/$tool" $CJSON_LIBS ||
			die "cannot build bench/$tool.c"
	fi
done

# ---- Cases: generated once, again when the generator or the checklist change ----
"$LC" new "$TMP/digest.json" >/dev/null || die "legitcheck new failed"
DIGEST=$(jq -r .checklist.digest "$TMP/digest.json")
STAMP="$DIGEST $(cksum <bench/gencase.c)"
if [ ! -f "$OUT/cases.stamp" ] || [ "$(cat "$OUT/cases.stamp")" != "$STAMP" ]; then
	echo "bench: generating the cases in bench/out ..." >&2
	rm -rf "$OUT/many" "$OUT"/c*.json "$OUT/cases.stamp"
	for n in 100 10000 50000 100000; do
		"$BIN/gencase" --checklist "$CHECKLIST" --items $n --seed $n --digest "$DIGEST" \
			-o "$OUT/c$n.json" || die "gencase failed"
	done
	mkdir -p "$OUT/many"
	"$BIN/gencase" --checklist "$CHECKLIST" --items 20 --seed 1 --count 1000 \
		--digest "$DIGEST" -o "$OUT/many/case" || die "gencase failed"
	"$LC" validate "$OUT"/c*.json "$OUT/many/case-0001.json" >/dev/null ||
		die "a generated case is not valid"
	echo "$STAMP" >"$OUT/cases.stamp"
fi
C100=$OUT/c100.json
C10K=$OUT/c10000.json
C50K=$OUT/c50000.json
C100K=$OUT/c100000.json

# ---- Sampling ----
# sample NAME ARGS...: one run of bin/measure, appended to $TMP/NAME as "WALL CPU KIB".
sample() {
	name=$1
	shift
	"$BIN/measure" -e "$TMP/$name.err" "$@" >>"$TMP/$name" || {
		sed 's/^/bench:   /' "$TMP/$name.err" >&2
		die "measuring '$name' failed"
	}
}

# median NAME COLUMN (1 wall, 2 cpu, 3 KiB)
median() {
	awk -v c="$2" '{ print $c }' "$TMP/$1" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
secs() { awk -v s="$1" 'BEGIN { if (s < 0.001) printf "%.0f µs", s * 1e6; else if (s < 1) printf "%.1f ms", s * 1e3; else printf "%.2f s", s }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
size_of() { awk -v b="$(wc -c <"$1")" 'BEGIN { if (b > 1048576) printf "%.0f MB", b / 1e6; else printf "%.0f KB", b / 1e3 }'; }

# A fresh copy of a case in its own directory (whatever the program writes
# beside the case goes away with it).
fresh_copy() { # case -> prints the path of the copy
	d=$(mktemp -d "$TMP/case.XXXXXX")
	cp "$1" "$d/case.json"
	echo "$d/case.json"
}

printf 'save\n' >"$TMP/save.txt"

# The REPL script: answer commands on q1.timing alternating between two choices,
# neither of them the case's own, so that every command changes the answer.
repl_script() { # case count file
	current=$(jq -r '.answers["q1.timing"].choice // ""' "$1")
	# shellcheck disable=SC2046 # one choice keyword per word
	set -- "$2" "$3" $(jq -r '.questions[] | select(.id == "q1.timing") | .choices[].keyword' "$CHECKLIST" |
		grep -vx "$current" | head -2)
	i=0
	while [ $i -lt "$1" ]; do
		if [ $((i % 2)) = 0 ]; then echo "answer q1.timing $3"; else echo "answer q1.timing $4"; fi
		i=$((i + 1))
	done >"$2"
}

repl_sample() { # name case script
	copy=$(fresh_copy "$2")
	sample "$1" -i "$3" -- "$LC" "$copy"
	rm -rf "$(dirname "$copy")"
}

# Reports are measured when the build has the report command.
HAVE_REPORT=no
if "$LC" help 2>/dev/null | grep -q '^  report '; then
	HAVE_REPORT=yes
fi
report_sample() { # name format case
	sample "$1" -- "$LC" report "$3" --format "$2"
}

# Per command is the difference between a session of WARM answers and one of
# WARM + N, divided by N: what a session costs once, at its start and its end
# (loading, the first change, a final save), is in both and cancels out.
# Enough commands that the large case is rewritten at least once (one change
# per 16 KB of it, src/session.c) and that the difference stands well above
# the noise of loading 82 MB. A slow command on the large case would make the
# run long: a probe, and 100 commands there when each takes more than 20 ms.
WARM=10
repl_script "$C100" "$WARM" "$TMP/repl-warm-small.txt"
repl_script "$C100" $((WARM + REPL_N)) "$TMP/repl-small.txt"
repl_script "$C100K" "$WARM" "$TMP/repl-warm-large.txt"
repl_script "$C100K" $((WARM + 10)) "$TMP/repl-probe.txt"
repl_sample probe0 "$C100K" "$TMP/repl-warm-large.txt"
repl_sample probe "$C100K" "$TMP/repl-probe.txt"
REPL_N_LARGE=$REPL_N
if le 0.02 "$(calc "($(median probe 1) - $(median probe0 1)) / 10")" && [ "$REPL_N" -gt 100 ]; then
	REPL_N_LARGE=100
fi
repl_script "$C100K" $((WARM + REPL_N_LARGE)) "$TMP/repl-large.txt"

(cd "$OUT/many" && printf '%s\n' case-*.json) >"$TMP/many.list"

echo "bench: measuring, $RUNS runs ..." >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r + 1))
	echo "bench:   run $r of $RUNS" >&2
	# Large case: score, and load-and-save, each beside its reference.
	sample jq_L -- jq -c . "$C100K"
	sample score_L -- "$LC" score "$C100K"
	sample floor_L -- "$BIN/cjson_floor" "$C100K"
	copy=$(fresh_copy "$C100K")
	sample save_L -i "$TMP/save.txt" -- "$LC" "$copy"
	rm -rf "$(dirname "$copy")"
	# The same at a tenth of the size, for memory growth.
	sample score_M -- "$LC" score "$C10K"
	copy=$(fresh_copy "$C10K")
	sample save_M -i "$TMP/save.txt" -- "$LC" "$copy"
	rm -rf "$(dirname "$copy")"
	# REPL: WARM answers, then WARM + N, on a small and a large case.
	repl_sample repl0_S "$C100" "$TMP/repl-warm-small.txt"
	repl_sample repl_S "$C100" "$TMP/repl-small.txt"
	repl_sample repl0_L "$C100K" "$TMP/repl-warm-large.txt"
	repl_sample repl_L "$C100K" "$TMP/repl-large.txt"
	if [ $HAVE_REPORT = yes ]; then
		for f in html md; do
			report_sample "report_${f}_H" $f "$C50K"
			report_sample "report_${f}_L" $f "$C100K"
			report_sample "report_${f}_M" $f "$C10K"
		done
	fi
	# Start-up: the shipped example, many times per sample.
	sample kz_jq -n "$KZ_REPS" -- jq . "$EXAMPLE"
	sample kz -n "$KZ_REPS" -- "$LC" score "$EXAMPLE"
	# A collection: 1,000 small cases in one invocation.
	# shellcheck disable=SC2046 # one file name per word
	(cd "$OUT/many" && sample many_jq -- jq -c . $(cat "$TMP/many.list"))
	# shellcheck disable=SC2046
	(cd "$OUT/many" && sample many -- "$LC" score --format json $(cat "$TMP/many.list"))
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Instruction counts (repeatable where times are not): the start-up case always,
# the large case on request.
INSTR=no
if command -v valgrind >/dev/null 2>&1; then
	INSTR=yes
	instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/refs:/ { gsub(",", "", $NF); print $NF }'; }
	KZ_I=$(instr "$LC" score "$EXAMPLE")
	KZ_JQ_I=$(instr jq . "$EXAMPLE")
	if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
		L_I=$(instr "$LC" score "$C100K")
		L_JQ_I=$(instr jq -c . "$C100K")
	fi
fi

# ---- The table ----
MET_ALL=yes
row() { printf '%-40s %-24s %-30s %7s  %-12s %s\n' "$@"; }
# judge OK: sets V to yes or NO (and remembers a NO) from a test's status.
judge() {
	if "$@"; then V=yes; else
		V=NO
		MET_ALL=no
	fi
}
# time_row LABEL NAME REF REFLABEL LIMIT: CPU time against a reference's.
time_row() {
	a=$(median "$2" 2)
	b=$(median "$3" 2)
	ratio=$(calc "$a / $b")
	judge le "$ratio" "$5"
	row "$1" "$(secs "$a") (wall $(secs "$(median "$2" 1)"))" \
		"$4 $(secs "$b") (wall $(secs "$(median "$3" 1)"))" "$(printf %.2f "$ratio")" "≤ $5" $V
}
mem_row() { # LABEL NAME REF REFLABEL LIMIT
	a=$(median "$2" 3)
	b=$(median "$3" 3)
	ratio=$(calc "$a / $b")
	judge le "$ratio" "$5"
	row "$1" "$(mib "$a")" "$4 $(mib "$b")" "$(printf %.2f "$ratio")" "≤ $5" $V
}

MEM_KB=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "legitcheck benchmark — $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src include 2>/dev/null || echo ' (modified)'), $BUILD"
echo "machine: $(nproc) CPUs, $CPU, $(awk -v k="$MEM_KB" 'BEGIN { printf "%.1f GiB", k / 1048576 }'), load average $LOAD_BEFORE at start, $LOAD_AFTER at end"
echo "cases: 100 items $(size_of "$C100"), 10,000 $(size_of "$C10K"), 50,000 $(size_of "$C50K"), 100,000 $(size_of "$C100K"); 1,000 files of 20 items"
echo "median of $RUNS runs; times are CPU time (user + system; wall in brackets), references measured in the same runs"
echo
row "figure" "legitcheck" "reference" "ratio" "target" "met"
row "------" "----------" "---------" "-----" "------" "---"
time_row "score, 100,000 items" score_L jq_L "jq -c ." 0.25
mem_row "score, 100,000 items: peak memory" score_L jq_L "jq -c ." 1
time_row "load and save unchanged, 100,000 items" save_L floor_L "cJSON floor" 2

# REPL: per command = (WARM + N answers - WARM answers) / N, wall time (the
# wait a person sees, the disk included).
per_S=$(calc "($(median repl_S 1) - $(median repl0_S 1)) / $REPL_N")
per_L=$(calc "($(median repl_L 1) - $(median repl0_L 1)) / $REPL_N_LARGE")
judge le "$per_S" 0.01
row "REPL answer, autosave, 100 items" "$(secs "$per_S") per command" "($REPL_N commands, wall)" "" \
	"< 10 ms" $V
ratio=$(calc "$per_L / $per_S")
small_enough() { le "$per_L" 0.01 && le "$ratio" 2; }
judge small_enough
row "REPL answer, autosave, 100,000 items" "$(secs "$per_L") per command" \
	"($REPL_N_LARGE commands) vs 100 items" "$(printf %.2f "$ratio")" "< 10 ms, ≈1" $V

for f in html md; do
	if [ $HAVE_REPORT = yes ]; then
		a=$(median "report_${f}_L" 2)
		b=$(median "report_${f}_H" 2)
		ratio=$(calc "$a / $b")
		judge le "$ratio" 2.3
		row "report --format $f, 100,000 items" "$(secs "$a")" "50,000 items $(secs "$b")" \
			"$(printf %.2f "$ratio")" "≤ 2.3" $V
		a=$(median "report_${f}_L" 3)
		b=$(median "report_${f}_H" 3)
		ratio=$(calc "$a / $b")
		judge le "$ratio" 2.3
		row "report --format $f: peak memory" "$(mib "$a")" "50,000 items $(mib "$b")" \
			"$(printf %.2f "$ratio")" "≤ 2.3" $V
	else
		row "report --format $f, 100,000 vs 50,000" "n/a (no report command)" "" "" "≤ 2.3" "n/a"
	fi
done

time_row "score kazakhstan-2022.json (×$KZ_REPS)" kz kz_jq "jq ." 0.25
time_row "score --format json, 1,000 files" many many_jq "jq -c ." 0.25
if [ $INSTR = yes ]; then
	row "  instructions, kazakhstan (callgrind)" "$(calc "$KZ_I / 1e6")M" "jq . $(calc "$KZ_JQ_I / 1e6")M" \
		"$(printf %.2f "$(calc "$KZ_I / $KZ_JQ_I")")" "" "(information)"
	if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
		row "  instructions, score 100,000 items" "$(calc "$L_I / 1e6")M" "jq -c . $(calc "$L_JQ_I / 1e6")M" \
			"$(printf %.2f "$(calc "$L_I / $L_JQ_I")")" "" "(information)"
	fi
fi

echo
echo "memory growth, 10,000 -> 100,000 items (linear or better: ratio ≤ 10)"
grow_row() { # LABEL SMALL LARGE
	a=$(median "$2" 3)
	b=$(median "$3" 3)
	ratio=$(calc "$b / $a")
	judge le "$ratio" 10
	row "$1" "$(mib "$a") -> $(mib "$b")" "" "$(printf %.2f "$ratio")" "≤ 10" $V
}
grow_row "score" score_M score_L
grow_row "load and save" save_M save_L
if [ $HAVE_REPORT = yes ]; then
	grow_row "report --format html" report_html_M report_html_L
	grow_row "report --format md" report_md_M report_md_L
fi
echo
if [ $MET_ALL = yes ]; then echo "every target met"; else echo "some targets are not met (NO above)"; fi
