#!/usr/bin/env bash
# The test command's two builds (the plain one with its test options, and the
# sanitizer one), timed from scratch for each revision given, so that a change
# to the build can be shown before and after on the same machine:
#
#   tests/bench/build_times.sh [REV...]      (default: HEAD)
#
# Each revision is cloned from this repository into a temporary folder and
# configured the way that revision's build.sh configures its test builds;
# ccache is off, ninja runs with -j2 (JOBS to change it). CPU is user + sys of
# the whole build. Run it on a quiet machine: the wall clock counts whatever
# else runs, and the load before and after each build is printed beside it.
set -eu
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
jobs=${JOBS:-2}
[ $# -gt 0 ] || set -- HEAD
work=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-build-times.XXXXXX")
trap 'rm -rf "$work"' EXIT

load() { cut -d' ' -f1 /proc/loadavg; }

time_build() { # source-folder build-folder cmake-options...
  local source=$1 build=$2
  shift 2
  CCACHE_DISABLE=1 cmake -S "$source" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  local before start end
  before=$(load)
  start=$(date +%s.%N)
  CCACHE_DISABLE=1 /usr/bin/time -f '%U %S' -o "$build.cpu" ninja -C "$build" -j "$jobs" >"$build.log" 2>&1 ||
    { echo "build failed: $build.log" >&2; tail -20 "$build.log" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%8.0f  %8.0f  %7s  %s\n' "$(awk '{print $1 + $2}' "$build.cpu")" "$(echo "$end - $start" | bc)" \
    "$(grep -c '^\[' "$build.log")" "$before..$(load)"
}

printf '%-12s  %-9s  %8s  %8s  %7s  %s\n' revision build CPU-s wall-s steps load
for rev in "$@"; do
  id=$(git -C "$repo" rev-parse --short "$rev")
  source=$work/$id
  git clone -q "$repo" "$source"
  git -C "$source" checkout -q "$id"
  # The revision's own test options (-Werror, -O2 -g1), when its build.sh has them.
  options=()
  if grep -q '^test_build_options=' "$source/build.sh"; then
    eval "$(grep '^test_build_options=' "$source/build.sh")"
    options=("${test_build_options[@]}")
  fi
  printf '%-12s  %-9s  ' "$id" plain
  time_build "$source" "$work/$id-plain" "${options[@]}"
  printf '%-12s  %-9s  ' "$id" sanitizer
  time_build "$source" "$work/$id-sanitizer" -DINTENTCTL_SANITIZE=ON "${options[@]}"
  rm -rf "$source" "$work/$id-plain" "$work/$id-sanitizer"
done
