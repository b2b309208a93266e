#!/usr/bin/env bash
# Installation: `make install PREFIX=...` from a copy of the source tree, into
# a prefix other than the one the build was configured for. The installed tree
# must work on its own, from any directory, with the copy's build tree deleted
# and the copy moved away; `make uninstall` then removes all of it.
. "$(dirname "$0")/lib.sh"
unset LEGITCHECK_PATH
SRC=$TMP/src
PREFIX=$TMP/prefix
CONFIGURED=$TMP/configured-prefix
mkdir -p "$SRC" "$TMP/elsewhere" "$TMP/home"

tar -C "$SOURCE_DIR" --exclude='./build*' --exclude=./.git \
	--exclude=./tools/schema/node_modules --exclude='./fuzz/corpus-*' -cf - . |
	tar -C "$SRC" -xf -
ok "the source tree is copied" test -f "$SRC/CMakeLists.txt"

# Configured for one prefix, installed into another.
make -C "$SRC" --no-print-directory build BUILD=b BUILD_TYPE=Debug PREFIX="$CONFIGURED" \
	CMAKE_FLAGS=-DBUILD_TESTING=OFF >"$TMP/build.log" 2>&1
is 0 "$?" "the copy builds"
[ "$?" = 0 ] || tail -20 "$TMP/build.log" | sed 's/^/#   /'
make -C "$SRC" --no-print-directory install BUILD=b PREFIX="$PREFIX" >"$TMP/install.log" 2>&1
is 0 "$?" "make install PREFIX=... succeeds"
[ "$?" = 0 ] || tail -20 "$TMP/install.log" | sed 's/^/#   /'

for f in bin/legitcheck \
	share/legitcheck/checklists/five-questions.json \
	share/legitcheck/examples/kazakhstan-2022.json \
	share/legitcheck/schemas/checklist.schema.json \
	share/legitcheck/schemas/case.schema.json \
	share/legitcheck/schemas/score.schema.json \
	share/legitcheck/schemas/report.schema.json \
	share/legitcheck/schemas/comparison.schema.json \
	share/man/man1/legitcheck.1 \
	share/man/man5/legitcheck-checklist.5 \
	share/bash-completion/completions/legitcheck \
	share/doc/legitcheck/README.md \
	share/doc/legitcheck/LICENSE \
	share/doc/legitcheck/formats.md; do
	ok "installs $f" test -f "$PREFIX/$f"
done
ok "the binary is executable" test -x "$PREFIX/bin/legitcheck"
for f in "$SOURCE_DIR"/checklists/*.json "$SOURCE_DIR"/examples/*.json; do
	ok "installs $(basename "$(dirname "$f")")/$(basename "$f")" \
		test -f "$PREFIX/share/legitcheck/$(basename "$(dirname "$f")")/$(basename "$f")"
done
for f in "$SOURCE_DIR"/schemas/*.schema.json; do
	ok "installs schemas/$(basename "$f")" test -f "$PREFIX/share/legitcheck/schemas/$(basename "$f")"
done

# The installed tree on its own: no build tree, no source tree.
cp "$SRC/b/install_manifest.txt" "$TMP/manifest"
rm -rf "$SRC/b"
mv "$SRC" "$TMP/src-moved"
ok "nothing was installed where the build was configured to go" test ! -e "$CONFIGURED"

cd "$TMP/elsewhere" || exit 1
installed() { # runs the installed binary with a clean environment
	env -u LEGITCHECK_PATH HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/data" \
		XDG_CONFIG_HOME="$TMP/home/config" XDG_STATE_HOME="$TMP/home/state" \
		"$PREFIX/bin/legitcheck" "$@"
}
OUT=$(installed --version 2>&1)
like "$OUT" "legitcheck $(sed -n 's/^project(legitcheck VERSION \([0-9.]*\).*/\1/p' \
	"$SOURCE_DIR/CMakeLists.txt")" "the installed binary prints the version it was built as"
OUT=$(installed checklists --ids 2>&1)
like "$OUT" "five-questions" "it finds the installed checklists from another directory"
OUT=$(installed checklists 2>&1)
like "$OUT" "$PREFIX/share/legitcheck/checklists/five-questions.json" \
	"beside the executable, not where the build was configured to go"
OUT=$(installed score "$PREFIX/share/legitcheck/examples/kazakhstan-2022.json" 2>&1)
is 0 "$?" "it scores an installed example case"
like "$OUT" "Overall: not_established" "with the verdict of the example"
OUT=$(installed validate "$PREFIX"/share/legitcheck/checklists/*.json 2>&1)
is 0 "$?" "the installed checklists validate"
OUT=$(installed new case.json --checklist five-questions --title "Installed" 2>&1)
is 0 "$?" "it creates a new case by checklist id"
like "$OUT" "checklist five-questions" "on the checklist named"
OUT=$(printf 'answer q1.timing before\n' | installed case.json --no-history 2>&1)
is 0 "$?" "a scripted session on the new case succeeds"
is before "$(jq -r '.answers["q1.timing"].choice' case.json)" "and its answer is saved"
OUT=$(installed score case.json 2>&1)
is 0 "$?" "the new case scores"
OUT=$(LC_ALL=C.UTF-8 MANPATH="$PREFIX/share/man" man -w legitcheck 2>&1)
is "$PREFIX/share/man/man1/legitcheck.1" "$OUT" "man finds the installed legitcheck(1)"
OUT=$(LC_ALL=C.UTF-8 MANPATH="$PREFIX/share/man" man -w 5 legitcheck-checklist 2>&1)
is "$PREFIX/share/man/man5/legitcheck-checklist.5" "$OUT" "and legitcheck-checklist(5)"
OUT=$(PATH="$PREFIX/bin:$PATH" bash -c '
	source "$1"
	COMP_WORDS=(legitcheck sc); COMP_CWORD=1; _legitcheck; echo "${COMPREPLY[*]}"' \
	x "$PREFIX/share/bash-completion/completions/legitcheck" 2>&1)
is score "$OUT" "the installed bash completion completes commands"

# Uninstall: every file installed goes, and legitcheck's own folders with them.
mv "$TMP/src-moved" "$SRC"
make -C "$SRC" --no-print-directory uninstall BUILD=b MANIFEST="$TMP/manifest" >"$TMP/uninstall.log" 2>&1
is 0 "$?" "make uninstall succeeds"
is "" "$(find "$PREFIX" -type f -o -type l)" "make uninstall removes every installed file"
is "" "$(find "$PREFIX" -name '*legitcheck*')" "and the folders of legitcheck"

done_testing
