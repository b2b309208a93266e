#!/usr/bin/env bash
# Every I/O error on the way of a save is reported, exits 74 (73 when the file
# cannot even be created) and leaves the case byte-identical, with no
# temporary file left. The errors are injected by an LD_PRELOAD library of
# our own (tests/tools/faultshim.c), which fails the chosen system call.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
SHIM=${LEGITCHECK_TOOLS:-$SOURCE_DIR/build/tests}/libfaultshim.so

# The sanitizers' runtime must come first among the libraries of a process;
# another preloaded library makes it refuse to start.
if [ "${LEGITCHECK_SANITIZED:-OFF}" = ON ]; then
	echo "1..0 # SKIP LD_PRELOAD fault injection conflicts with the sanitizer runtime"
	exit 0
fi
if [ ! -f "$SHIM" ]; then
	echo "1..0 # SKIP fault injection library not built ($SHIM)"
	exit 0
fi
if ! LD_PRELOAD=$SHIM "$LEGITCHECK" version >/dev/null 2>&1; then
	echo "1..0 # SKIP this legitcheck cannot run with a preloaded library"
	exit 0
fi

cp "$SOURCE_DIR/examples/kazakhstan-2022.json" case.json
cp case.json original.json

temps() { find . -name '*.tmp-*' | wc -l; }

# fault message: a save with the fault injected fails as it should.
save_fails() {
	local fault=$1 want_rc=$2 msg=$3
	printf 'title "Changed"\nsave\n' >script
	OUT=$(LD_PRELOAD=$SHIM LEGITCHECK_FAULT=$fault "$LEGITCHECK" case.json --no-autosave \
		<script 2>"$TMP/.stderr")
	RC=$?
	ERR=$(cat "$TMP/.stderr")
	is "$want_rc" "$RC" "$fault: the save fails with $want_rc"
	like "$ERR" "$msg" "$fault: the message says what failed"
	same_file original.json case.json "$fault: the case is byte-identical"
	is 0 "$(temps)" "$fault: no temporary file is left"
	cp original.json case.json
}

save_fails open:EACCES 73 "cannot create 'case.json': cannot create a temporary file beside it: Permission denied (the previous file is unchanged)"
save_fails open:EMFILE 73 "Too many open files"
save_fails write:ENOSPC 74 "cannot write 'case.json': No space left on device (the previous file is unchanged)"
save_fails write:EDQUOT 74 "cannot write 'case.json': Disk quota exceeded"
save_fails shortwrite:ENOSPC 74 "cannot write 'case.json': No space left on device"
save_fails shortwrite:EIO 74 "cannot write 'case.json': Input/output error"
save_fails fsync:EIO 74 "cannot flush to disk 'case.json': Input/output error"
save_fails close:EIO 74 "cannot close 'case.json': Input/output error"
save_fails rename:EXDEV 74 "cannot replace 'case.json': Invalid cross-device link"
save_fails rename:EROFS 74 "cannot replace 'case.json': Read-only file system"
save_fails opendir:EACCES 73 "cannot create 'case.json': Permission denied"
save_fails fsyncdir:EIO 74 "cannot flush the directory of 'case.json': Input/output error"

# The directory fsync after the rename: the new file is in place, and the
# message says that only its durability is in doubt.
printf 'title "Changed"\nsave\n' >script
LD_PRELOAD=$SHIM LEGITCHECK_FAULT=fsyncdir:EIO:2 "$LEGITCHECK" case.json --no-autosave \
	<script >/dev/null 2>"$TMP/.stderr"
RC=$?
is 74 "$RC" "fsyncdir after the rename: the save reports a failure"
like "$(cat "$TMP/.stderr")" "saved 'case.json' but could not flush its directory to disk" \
	"and says the file is saved but its durability in doubt"
is "Changed" "$(jq -r .title case.json)" "the new content is in place"
is 0 "$(temps)" "no temporary file is left"
cp original.json case.json

# With autosave, a change goes to the journal; if the journal cannot take it,
# the whole case is saved instead.
printf 'title "Journal full"\n' >script
LD_PRELOAD=$SHIM LEGITCHECK_FAULT=write:ENOSPC LEGITCHECK_FAULT_PATH=.journal \
	"$LEGITCHECK" case.json <script >/dev/null 2>"$TMP/.stderr"
is 0 "$?" "a journal that cannot be written: the change is saved another way"
is "Journal full" "$(jq -r .title case.json)" "the change is in the case file"
ok "no journal is left behind" test ! -e .case.json.journal
cp original.json case.json

# When neither the journal nor the case can be written, the change is
# reported as not saved, and the file is untouched.
printf 'title "Nowhere"\n' >script
OUT=$(LD_PRELOAD=$SHIM LEGITCHECK_FAULT=write:ENOSPC LEGITCHECK_FAULT_PATH=case.json \
	"$LEGITCHECK" case.json <script 2>"$TMP/.stderr")
RC=$?
ERR=$(cat "$TMP/.stderr")
is 74 "$RC" "disk full for journal and case: exit 74"
like "$ERR" "No space left on device" "the message says the disk is full"
like "$ERR" "the last change is not saved" "and that the change is not saved"
same_file original.json case.json "the case is byte-identical"
is 0 "$(temps)" "no temporary file is left"
ok "no journal is left behind" test ! -s .case.json.journal

# A change confirmed in the journal, then the disk fails for good, even to cut
# a failed record off: the later changes are reported as not saved, and the
# confirmed one is recovered at the next open.
cp original.json case.json
rm -f in.fifo
mkfifo in.fifo
LD_PRELOAD=$SHIM LEGITCHECK_FAULT=write:ENOSPC:2+,ftruncate:EIO LEGITCHECK_FAULT_PATH=case.json \
	"$LEGITCHECK" case.json <in.fifo >/dev/null 2>"$TMP/.stderr" &
pid=$!
exec 3>in.fifo
printf 'title "Confirmed"\ntitle "Lost cause"\ntitle "Lost too"\nquit\n' >&3
exec 3>&-
wait "$pid"
is 74 "$?" "a disk that fails after the first change: the session exits 74"
like "$(cat "$TMP/.stderr")" "the last change is not saved" "the failed changes are reported"
same_file original.json case.json "the case file is untouched"
printf 'quit\n' >script
run_with_input script case.json
like "$ERR" "recovered 1 change from an interrupted session" "the confirmed change is recovered"
is "Confirmed" "$(jq -r .title case.json)" "and saved"
is 0 "$(temps)" "no temporary file is left"

done_testing
