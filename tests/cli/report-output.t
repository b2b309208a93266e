#!/usr/bin/env bash
# report -o FILE replaces FILE atomically or not at all, and a report that cannot be written
# (a full disk, a read-only place, a closed standard output) is an error, never silence.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
CASE=$SOURCE_DIR/examples/kazakhstan-2022.json
export LEGITCHECK_NOW=2026-01-01T00:00:00Z
# The tiny file system below is unmounted before lib.sh removes $TMP.
trap 'umount "$TMP/small" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

no_temp_left() { # dir description
	is "" "$(find "$1" -name '*.tmp-*' 2>/dev/null)" "$2"
}

run report "$CASE" -o out.md --format md
is 0 "$RC" "report -o FILE writes the report"
is "" "$OUT" "and nothing to standard output"
run report "$CASE" --output=out2.md --format md
same_file out.md out2.md "--output=FILE is the same as -o FILE"
echo "the previous memo" >memo.md
chmod 640 memo.md
run report "$CASE" --format md -o memo.md
same_file out.md memo.md "an existing FILE is replaced"
is 640 "$(stat -c %a memo.md)" "and keeps its permissions"
no_temp_left . "no temporary file is left behind"

run report "$CASE" -o nodir/x.md
is 73 "$RC" "a missing directory exits 73"
like "$ERR" "cannot create 'nodir/x.md'" "and names the file"
mkdir adir
run report "$CASE" -o adir
is 73 "$RC" "a directory as FILE exits 73"
like "$ERR" "'adir': is a directory" "and says so"
run report "$CASE" -o /dev/full
is 73 "$RC" "a device as FILE is refused (not a regular file)"

if [ "$(id -u)" = 0 ]; then
	run report "$CASE" -o /proc/legitcheck-report.md
	is 73 "$RC" "a place no one may create files in exits 73 (root included)"
	like "$ERR" "cannot create '/proc/legitcheck-report.md'" "with a clear message"
else
	mkdir ro && echo "kept" >ro/keep.md && chmod 555 ro
	run report "$CASE" -o ro/keep.md
	is 73 "$RC" "a read-only directory exits 73"
	like "$ERR" "cannot create 'ro/keep.md'" "with a clear message"
	is kept "$(cat ro/keep.md)" "and the existing file is untouched"
fi

# A full disk, for real: a 64 KiB file system as root, when mount is allowed here.
mkdir small
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	echo "the previous memo" >small/keep.md
	cp small/keep.md before.md
	dd if=/dev/zero of=small/filler bs=4k 2>/dev/null
	run report "$CASE" --format html -o small/keep.md
	is 74 "$RC" "a full disk exits 74"
	like "$ERR" "'small/keep.md'" "and names the file"
	like "$ERR" "No space left on device" "and the cause"
	like "$ERR" "the previous file is unchanged" "and that the old file is intact"
	same_file before.md small/keep.md "the existing file is untouched"
	no_temp_left small "the partial temporary file is removed"
	rm -f small/filler
	mount -o remount,ro small
	run report "$CASE" -o small/keep.md
	is 73 "$RC" "a read-only file system exits 73"
	like "$ERR" "cannot create 'small/keep.md'" "names the file"
	like "$ERR" "Read-only file system" "and the reason"
	same_file before.md small/keep.md "and leaves the existing file untouched"
	umount small
else
	echo "# no tmpfs here (not root, or mount refused): the full-disk case is covered by /dev/full below"
fi

# Standard output that cannot be written.
"$LEGITCHECK" report "$CASE" >&- 2>closed.err
is 74 "$?" "a closed standard output exits 74"
like "$(cat closed.err)" "cannot write to standard output" "and says so"
is 1 "$(wc -l <closed.err)" "once"
if [ -w /dev/full ]; then
	"$LEGITCHECK" report "$CASE" --format html >/dev/full 2>full.err
	is 74 "$?" "standard output on a full device exits 74"
	like "$(cat full.err)" "report: cannot write to standard output: No space left on device" \
		"and names the cause"
	"$LEGITCHECK" compare "$CASE" "$SOURCE_DIR/examples/czechoslovakia-1968.json" >/dev/full 2>/dev/null
	is 74 "$?" "so does compare"
fi
cp "$CASE" session.json
printf 'report\n' >s1
"$LEGITCHECK" session.json <s1 >/dev/full 2>session.err
is 74 "$?" "and report in a session"

done_testing
