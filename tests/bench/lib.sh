# Shared pieces of the benchmark scripts in tests/bench; sourced, not run.
#
# A benchmark script sources this file, calls bench_init "$@" (which takes the
# --rows flag off its arguments), times commands with bench_time, records one
# bench_row per figure and ends with bench_end. On its own a script prints a
# table; with --rows it prints only the rows, tab-separated, for tests/bench/run:
#
#   figure  ours  peer  ratio  target  met  runs
#   #       a note for the footer
#
# met is yes, no, or - (no target, or no peer to compare with). A script run on
# its own exits 1 when a target is missed; with --rows it exits 0 once its rows
# are out. Progress and diagnostics go to standard error.
#
# Knobs (environment):
#   INTENTCTL    the binary to measure (default: build/cli/intentctl)
#   BENCH_QUICK  1: fewer timed runs per figure (tests/bench/run sets it)
#   RUNS         where a script honours it: timed runs of every figure

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_SOURCE_DIR=$(cd "$BENCH_DIR/../.." && pwd)

# bench_init "$@": sets BENCH_ARGS (the arguments without --rows), BENCH_ROWS
# (1 with --rows), BENCH_WORK (a scratch folder removed at exit, with whatever
# bench_on_exit registered) and the machine's state at the start.
bench_init() {
  BENCH_ROWS=0
  BENCH_ARGS=()
  local arg
  for arg in "$@"; do
    if [ "$arg" = --rows ]; then BENCH_ROWS=1; else BENCH_ARGS+=("$arg"); fi
  done
  BENCH_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  BENCH_CLEANUP=()
  BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-bench.XXXXXX")
  BENCH_ROWS_FILE=$BENCH_WORK/rows.tsv
  : >"$BENCH_ROWS_FILE"
  trap bench_cleanup EXIT
  command -v python3 >/dev/null || bench_fail "python3 is needed"
  command -v hyperfine >/dev/null || bench_fail "hyperfine is needed (Debian package hyperfine)"
}

# bench_on_exit COMMAND...: run at exit, before the scratch folder goes (last registered, first run).
bench_on_exit() {
  BENCH_CLEANUP=("$(printf '%q ' "$@")" "${BENCH_CLEANUP[@]}")
}

bench_cleanup() {
  local command
  for command in "${BENCH_CLEANUP[@]}"; do eval "$command" >/dev/null 2>&1 || true; done
  rm -rf "$BENCH_WORK"
}

bench_fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}

# bench_intentctl [PATH]: the absolute path of the binary to measure.
bench_intentctl() {
  local path=${1:-${INTENTCTL:-$BENCH_SOURCE_DIR/build/cli/intentctl}}
  [ -x "$path" ] || bench_fail "no intentctl at $path (build it, or pass its path / set INTENTCTL)"
  realpath "$path"
}

# bench_runs DEFAULT QUICK: timed runs of a figure: $RUNS if set, QUICK under BENCH_QUICK=1, else DEFAULT.
bench_runs() {
  if [ -n "${RUNS:-}" ]; then echo "$RUNS"
  elif [ "${BENCH_QUICK:-0}" = 1 ]; then echo "$2"
  else echo "$1"; fi
}

# bench_time NAME RUNS [hyperfine options...] -- COMMAND [ARGS...]
# Runs COMMAND (no shell) RUNS times under hyperfine and prints "WALL CPU":
# the median wall-clock seconds and the mean CPU seconds (user + system, the
# children included), which a busy machine distorts less. Options are passed to
# hyperfine as they are (--warmup N, --prepare 'CMD', -i for a non-zero exit).
bench_time() {
  local name=$1 runs=$2
  shift 2
  [[ $runs =~ ^[1-9][0-9]*$ ]] || bench_fail "bench_time $name: runs must be a positive number, not '$runs'"
  local options=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
  [ "${1:-}" = -- ] || bench_fail "bench_time $name: no -- before the command"
  shift
  local json=$BENCH_WORK/time-$name.json
  hyperfine -N --style none --runs "$runs" "${options[@]}" --export-json "$json" -- "$(printf '%q ' "$@")" \
    >/dev/null 2>"$BENCH_WORK/time-$name.err" ||
    { echo "benchmark step $name failed:" >&2; cat "$BENCH_WORK/time-$name.err" >&2; exit 2; }
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.6f %.6f" % (r["median"], r["user"] + r["system"]))' "$json"
}

# bench_calc EXPR: a number from an awk expression; bench_met EXPR: yes or no.
bench_calc() { awk "BEGIN { print $1 }"; }
bench_met() { if awk "BEGIN { exit !($1) }"; then echo yes; else echo no; fi; }

# bench_ratio A B: A / B as "12.3x" (two decimals under 10).
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf (r < 10 ? "%.2fx" : "%.1fx"), r }'; }

# bench_ms SECONDS, bench_s SECONDS: a time for the table.
bench_ms() { awk -v t="$1" 'BEGIN { printf "%.2f ms", t * 1000 }'; }
bench_s() { awk -v t="$1" 'BEGIN { printf "%.3f s", t }'; }
# bench_per_s RATE: a rate for the table, like "21,400/s"; bench_count N: "20,005".
bench_per_s() { python3 -c 'import sys; print(f"{float(sys.argv[1]):,.0f}/s")' "$1"; }
bench_count() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }

# bench_row FIGURE OURS PEER RATIO TARGET MET RUNS
bench_row() {
  [ $# -eq 7 ] || bench_fail "bench_row needs 7 fields, got $#: $*"
  (IFS=$'\t'; echo "$*") >>"$BENCH_ROWS_FILE"
}

# bench_note TEXT: a line under the table.
bench_note() {
  printf '#\t%s\n' "$*" >>"$BENCH_ROWS_FILE"
}

# bench_table ROWS_FILE: the rows (and notes) as one table.
bench_table() {
  python3 - "$1" <<'PY'
import sys
rows, notes = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    fields = line.rstrip("\n").split("\t")
    if fields[0] == "#":
        notes.append(fields[1])
    elif len(fields) == 7:
        rows.append(fields)
header = ["figure", "ours", "peer", "ratio", "target", "met", "runs"]
widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
def line(fields):
    return "  ".join(f.ljust(w) for f, w in zip(fields, widths)).rstrip()
print(line(header))
print("  ".join("-" * w for w in widths))
for row in rows:
    print(line(row))
for note in notes:
    print(note)
PY
}

# bench_end TITLE: the rows on standard output (--rows), or TITLE, the machine and the table.
bench_end() {
  if [ "$BENCH_ROWS" = 1 ]; then
    cat "$BENCH_ROWS_FILE"
    exit 0
  fi
  echo "$1"
  echo "machine: $(nproc) cores, load average at start $BENCH_LOAD"
  echo
  bench_table "$BENCH_ROWS_FILE"
  echo "runs: timed runs of ours / of the peer; times are medians of the wall clock"
  if cut -f6 "$BENCH_ROWS_FILE" | grep -qx no; then exit 1; fi
  exit 0
}
