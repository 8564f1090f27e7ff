#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan), runs each for a
# bounded time, and replays tests/fuzz/regressions through every target.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET [TARGET...]]   (default 60 s, every target)
#
# Environment:
#   FUZZ_BUILD  build folder (default build-fuzz)
#   FUZZ_JOBS   targets run at the same time (default 1)
#   FUZZ_RSS_MB memory limit of one target in MiB (default 2048)
#   FUZZ_TIMEOUT seconds one input may take before it counts as a hang (default 10)
#
# Each target's corpus lives in $FUZZ_BUILD/fuzz/corpus/TARGET and grows from
# run to run; it is seeded from samples/, tests/fixtures, the documents written
# inline in tests/unit and tests/cli, and tests/fuzz/corpus/TARGET. Crashes,
# hangs, leaks and out-of-memory inputs land in $FUZZ_BUILD/fuzz/findings/TARGET.
# Exit status: 0 when nothing was found and every regression replays cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-1}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout=${FUZZ_TIMEOUT:-10}
work=$build/fuzz
# UBSan in the fuzz build recovers by default: make every report a finding.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

all_targets=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
targets=${*:-$all_targets}
for target in $targets; do
  [ -f "tests/fuzz/$target.cpp" ] || { echo "run.sh: no fuzz target $target (known: $(echo $all_targets))" >&2; exit 2; }
done

# Build (configure first when the folder is new).
if [ ! -f "$build/build.ninja" ]; then
  CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S . -B "$build" -G Ninja -DINTENTCTL_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
mkdir -p "$work"
if ! ninja -C "$build" $all_targets >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  exit 2
fi

# Seeds shared by every target that reads JSON or YAML.
seeds=$work/seeds
rm -rf "$seeds" && mkdir -p "$seeds/documents" "$seeds/slo"
find samples tests/fixtures -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -size -64k \
  -exec cp --backup=numbered -t "$seeds/documents" {} +
# Raw string literals of the unit tests, and here-documents of the CLI tests.
for source in tests/unit/*.cpp; do
  OUT=$seeds/documents NAME=$(basename "$source" .cpp) perl -0777 -ne '
    while (/R"(\w*)\((.*?)\)\1"/sg) { $n++; open(my $o, ">", "$ENV{OUT}/unit-$ENV{NAME}-$n") or die; print $o $2; close $o }' "$source"
done
for script in tests/cli/*.sh; do
  OUT=$seeds/documents NAME=$(basename "$script" .sh) perl -ne '
    if (defined $end) { if (/^\s*\Q$end\E\s*$/) { close $o; undef $end } else { print $o $_ } }
    elsif (/<<-?\s*["\x27]?(\w+)["\x27]?/) { $end = $1; $n++; open($o, ">", "$ENV{OUT}/cli-$ENV{NAME}-$n") or die }' "$script"
done
# --slo expressions, as the CLI tests and the unit tests write them.
n=0
{ grep -ho -- "--slo '[^']*'" tests/cli/*.sh | sed "s/^--slo '//; s/'\$//"
  grep -ho 'parse_slo("[^"]*")' tests/unit/*.cpp | sed 's/^parse_slo("//; s/")$//'
  grep -ho 'parse_error("[^"]*")' tests/unit/verify_slo_test.cpp | sed 's/^parse_error("//; s/")$//'
} | sort -u | while IFS= read -r expression; do
  n=$((n + 1))
  printf '%s' "$expression" >"$seeds/slo/slo-$n"
done
find "$seeds" -type f -empty -delete

# The dictionary parts (tests/fuzz/dict) each target uses.
dictionary_parts() {
  case $1 in
    fuzz_slo) echo slo ;;
    fuzz_readers | fuzz_yaml_fast_path) echo syntax ;;
    fuzz_translate | fuzz_gpp28312) echo syntax intent ;;
    fuzz_render | fuzz_krm_function | fuzz_validate) echo syntax intent krm ;;
    fuzz_kubeconfig | fuzz_exec_credential | fuzz_metrics) echo syntax verify ;;
    fuzz_cluster_status) echo syntax verify krm ;;
    *) echo syntax intent krm verify ;;
  esac
}

# Copies files into a corpus under their content's hash (no name collisions, no repeats).
seed_corpus() {
  local corpus=$1
  shift
  local folder file
  for folder in "$@"; do
    [ -d "$folder" ] || continue
    find "$folder" -type f | while IFS= read -r file; do
      cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
    done
  done
}

run_target() {
  local target=$1 corpus=$work/corpus/$1 findings=$work/findings/$1 log=$work/logs/$1.log
  mkdir -p "$corpus" "$findings" "$work/logs" "$work/dict"
  if [ "$target" = fuzz_slo ]; then seed_corpus "$corpus" "$seeds/slo"; else seed_corpus "$corpus" "$seeds/documents"; fi
  seed_corpus "$corpus" "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"
  local dict=$work/dict/$target.dict
  : >"$dict"
  for part in $(dictionary_parts "$target"); do cat "tests/fuzz/dict/$part.dict" >>"$dict"; done
  local status=0 stamp=$work/findings/.start-$target
  touch "$stamp"
  local started=$SECONDS
  nice -n 19 "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
    -malloc_limit_mb="$rss_mb" -max_len=65536 -dict="$dict" -print_final_stats=1 -artifact_prefix="$findings/" \
    "$corpus" >"$log" 2>&1 || status=$?
  local execs corpus_size found
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus_size=$(find "$corpus" -type f | wc -l)
  found=$(find "$findings" -type f -newer "$stamp" | wc -l) # this run's, not those kept from earlier runs
  printf '%-22s %6ss %12s execs %7s corpus %3s findings%s\n' "$target" "$((SECONDS - started))" "${execs:-?}" \
    "$corpus_size" "$found" \
    "$([ "$status" = 0 ] || echo "  (exit $status: see $log)")"
  [ "$status" = 0 ] && [ "$found" = 0 ]
}

echo "fuzzing $(echo $targets | wc -w) targets for ${seconds}s each, $jobs at a time"
status=0
running=0
pids=()
for target in $targets; do
  run_target "$target" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done

# Every input ever kept as a regression, through every target.
regressions=$(find tests/fuzz/regressions -type f | sort)
if [ -n "$regressions" ]; then
  echo "replaying $(echo "$regressions" | wc -l) regression inputs through every target"
  for target in $all_targets; do
    if ! "$build/tests/fuzz/$target" -timeout="$timeout" -rss_limit_mb="$rss_mb" $regressions \
        >"$work/logs/$target.replay.log" 2>&1; then
      echo "REGRESSION in $target: see $work/logs/$target.replay.log" >&2
      status=1
    fi
  done
fi
[ "$status" = 0 ] && echo "no findings" || echo "findings: see $work/findings and $work/logs" >&2
exit $status
