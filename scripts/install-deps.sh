#!/bin/sh
# Installs the Debian packages legitcheck needs to build and test, and only those
# that are missing, so that a second run is quick and never asks for anything.
#
# usage: scripts/install-deps.sh [build|test|bench|all]
#   build  compiler, cmake, pkg-config, libcjson-dev, libreadline-dev
#   bench  build + what `make bench` measures with: jq (a reference), valgrind
#   test   build + what the test suite drives (valgrind, tmux, pandoc, tidy, ...)
set -eu

want=${1:-build}

build_pkgs="gcc make cmake pkg-config libcjson-dev libreadline-dev"
bench_pkgs="$build_pkgs jq valgrind"
test_pkgs="$build_pkgs perl valgrind clang libclang-rt-14-dev jq"

case "$want" in
build) pkgs=$build_pkgs ;;
test | all) pkgs=$test_pkgs ;;
# The benchmark needs none of the test suite's tools below.
bench) pkgs=$bench_pkgs want=build ;;
*)
	echo "usage: $0 [build|test|bench|all]" >&2
	exit 64
	;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

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
