#!/bin/sh
# Installs the Debian packages legitcheck needs to build and test, and only those
# that are missing, so that a second run is quick and never asks for anything.
#
# usage: scripts/install-deps.sh [build|test|bench|lint|all]
#   build  compiler, cmake, pkg-config, libcjson-dev, libreadline-dev
#   bench  build + what `make bench` measures with: jq (a reference), valgrind
#   test   build + what the test suite drives (valgrind, tmux, pandoc, tidy, ...),
#          groff and man-db for the manual pages, and Node.js with the JSON Schema
#          validator ajv-cli (npm ci in tools/schema) for the schema tests
#   lint   build + clang-format, clang-tidy and cppcheck (`make lint`)
set -eu

want=${1:-build}

build_pkgs="gcc make cmake pkg-config libcjson-dev libreadline-dev"
bench_pkgs="$build_pkgs jq valgrind"
test_pkgs="$build_pkgs perl valgrind clang libclang-rt-14-dev jq groff-base man-db"
# The report tests convert, check and render reports: pandoc, tidy, headless Chromium,
# pdftotext (poppler-utils) and a strict HTML parse in python3.
test_pkgs="$test_pkgs pandoc tidy chromium poppler-utils python3"
lint_pkgs="$build_pkgs clang-format clang-tidy cppcheck"

case "$want" in
build) pkgs=$build_pkgs ;;
test) pkgs=$test_pkgs ;;
all) pkgs="$test_pkgs clang-format clang-tidy cppcheck" ;;
lint) pkgs=$lint_pkgs want=build ;;
# The benchmark needs none of the test suite's tools below.
bench) pkgs=$bench_pkgs want=build ;;
*)
	echo "usage: $0 [build|test|bench|lint|all]" >&2
	exit 64
	;;
esac
# A Node.js that is already there (with its npm) will do for the schema tests.
if [ "$want" != build ] && ! command -v npm >/dev/null 2>&1; then
	pkgs="$pkgs nodejs npm"
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "install-deps: missing packages:$missing (run as root or install sudo)" >&2
		exit 69
	fi

	echo "install-deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The independent JSON Schema validator of tests/cli/schemas.t, at the versions
# of tools/schema/package-lock.json; again only when missing or out of date.
tools="$(cd "$(dirname "$0")/.." && pwd)/tools/schema"
if [ "$want" != build ] && { [ ! -x "$tools/node_modules/.bin/ajv" ] ||
	[ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; }; then
	echo "install-deps: installing the schema validator (npm ci in tools/schema)" >&2
	(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
