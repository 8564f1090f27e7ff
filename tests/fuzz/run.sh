#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a
# bounded time on a corpus seeded from samples/ and the test fixtures.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DINTENTCTL_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$build" $(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')

corpus_seed=$(mktemp -d)
trap 'rm -rf "$corpus_seed"' EXIT
find samples tests/fixtures -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -size -64k \
  -exec cp -t "$corpus_seed" {} + 2>/dev/null || true

status=0
for target in $(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//'); do
  corpus=$build/corpus/$target
  mkdir -p "$corpus" "$build/findings"
  cp -n "$corpus_seed"/* "$corpus"/ 2>/dev/null || true
  [ -d "tests/fuzz/regressions/$target" ] && cp -n "tests/fuzz/regressions/$target"/* "$corpus"/ 2>/dev/null || true
  echo "== $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$build/findings/$target-" "$corpus" 2>"$build/$target.log"; then
    echo "FINDING in $target: see $build/$target.log and $build/findings/" >&2
    tail -30 "$build/$target.log" >&2
    status=1
  else
    grep -E '^(Done|#[0-9]+ *DONE)' "$build/$target.log" | tail -1 || true
  fi
done
exit $status
