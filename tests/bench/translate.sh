#!/usr/bin/env bash
# Benchmark of `intentctl translate` against its peers, run side by side:
#   1. one sample intent translated, as a whole process, against a Python
#      translator process doing the same work (tests/bench/peers/translate_peer.py;
#      its output is checked to equal intentctl's) and the seed's documented
#      Python translator time (0.23 s a run on these machines);
#   2. start-up: `intentctl --version` against `kpt version`;
#   3. 10,000 intents in one stream, against the Python peer on the same stream.
# Prints a table; the targets come from the project's issue (>= 40x the seed's
# translator, start-up < 5 ms and >= 10x kpt, 10,000 intents < 1 s).
#
# Usage: tests/bench/translate.sh [path/to/intentctl]   (default: $INTENTCTL, then build/cli/intentctl)
# Needs hyperfine and python3; kpt is optional. Timings are wall-clock means.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
intentctl=${1:-${INTENTCTL:-$source_dir/build/cli/intentctl}}
peer="$here/peers/translate_peer.py"
sample="$source_dir/samples/tmf921/urllc-robot-cell.json"
seed_seconds=0.23

command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 77; }
[ -x "$intentctl" ] || { echo "no intentctl at $intentctl (build it, or pass its path)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The same sample, 10,000 times with distinct ids, as JSON values one after another.
python3 - "$sample" "$work/stream.json" <<'EOF'
import json, sys
intent = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for i in range(10000):
        intent["id"] = f"urllc-robot-cell-{i:05d}"
        out.write(json.dumps(intent) + "\n")
EOF

# Both sides must do the same job: equal translations, one intent and the stream.
"$intentctl" -q translate "$sample" >"$work/intentctl.json"
python3 "$peer" "$sample" >"$work/peer.json"
"$intentctl" -q translate "$work/stream.json" >"$work/intentctl-stream.json"
python3 "$peer" "$work/stream.json" >"$work/peer-stream.json"
python3 - "$work" <<'EOF'
import json, sys
w = sys.argv[1]
for a, b in (("intentctl.json", "peer.json"), ("intentctl-stream.json", "peer-stream.json")):
    if json.load(open(f"{w}/{a}")) != json.load(open(f"{w}/{b}")):
        sys.exit(f"the Python peer's output differs from intentctl's ({a} vs {b}); the comparison would be unfair")
EOF

# mean_ms NAME RUNS COMMAND...: hyperfine's mean wall-clock time in milliseconds,
# then the mean CPU time (user + system), which a busy machine distorts less.
mean_ms() {
  local name=$1 runs=$2
  shift 2
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/$name.json" "$@" >/dev/null 2>&1
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.2f/%.2f" % (r["mean"] * 1000, (r["user"] + r["system"]) * 1000))' "$work/$name.json"
}

one_intentctl=$(mean_ms one-intentctl 30 "$intentctl -q translate $sample --output $work/out.json")
one_peer=$(mean_ms one-peer 20 "python3 $peer $sample")
start_intentctl=$(mean_ms start-intentctl 50 "$intentctl --version")
if command -v kpt >/dev/null; then start_kpt=$(mean_ms start-kpt 20 "kpt version"); else start_kpt=""; fi
stream_intentctl=$(mean_ms stream-intentctl 5 "$intentctl -q translate $work/stream.json --output $work/out.json")
stream_peer=$(mean_ms stream-peer 3 "python3 $peer $work/stream.json")

python3 - "$one_intentctl" "$one_peer" "$seed_seconds" "$start_intentctl" "$start_kpt" "$stream_intentctl" "$stream_peer" <<'EOF'
import os, sys
def times(text):  # "wall/cpu" in ms
    return tuple(float(x) for x in text.split("/")) if text else None
one, one_peer, start, kpt, stream, stream_peer = map(times, sys.argv[1:3] + sys.argv[4:])
seed = float(sys.argv[3]) * 1000

def verdict(ok):
    return "meets" if ok else "misses"

rows = [
    ("translate 1 intent (process)", one, "python3 peer (same output)", one_peer, ""),
    ("", None, "seed translator (documented)", (seed, None), f">= 40x the seed: {verdict(seed / one[0] >= 40)}"),
    ("start-up: --version", start, "kpt version" if kpt else "kpt (not installed)", kpt,
     f"< 5 ms: {verdict(start[0] < 5)}" + (f", >= 10x kpt: {verdict(kpt[0] / start[0] >= 10)}" if kpt else "")),
    ("10,000 intents, one stream", stream, "python3 peer (same output)", stream_peer, f"< 1 s: {verdict(stream[0] < 1000)}"),
]
def ms(t):
    return f"{t:.2f} ms" if t is not None else "-"
print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
      "(wall-clock times grow with the load; CPU = user + system)")
print(f"{'benchmark':<30} {'intentctl':>11} {'(CPU)':>11}   {'peer':<30} {'peer time':>11} {'(CPU)':>11} "
      f"{'speed-up':>9}   target")
for name, ours, peer, theirs, target in rows:
    base = ours if ours is not None else one
    ratio = f"{theirs[0] / base[0]:.1f}x" if theirs is not None else "-"
    print(f"{name:<30} {ms(ours[0]) if ours else '':>11} {ms(ours[1]) if ours else '':>11}   {peer:<30} "
          f"{ms(theirs[0]) if theirs else '-':>11} {ms(theirs[1]) if theirs else '-':>11} {ratio:>9}   {target}")
EOF
