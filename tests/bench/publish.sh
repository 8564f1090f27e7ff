#!/usr/bin/env bash
# publish against the seed's way of pushing (git clone, cp, git add, git commit,
# git push), on the same loopback smart-HTTP server (lighttpd + git-http-backend,
# basic auth), in the same run. Prints a table; exits 1 when a target is missed.
#
#   tests/bench/publish.sh [--rows] [path/to/intentctl]   (default: $INTENTCTL, then build/cli/intentctl)
#   RUNS=5 to change the number of timed runs (the median is reported; default 5,
#   3 under BENCH_QUICK=1). --rows: see tests/bench/lib.sh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
INTENTCTL=$(bench_intentctl "${1:-}")
RUNS=$(bench_runs 5 3)
command -v git >/dev/null || bench_fail "git is needed (the server runs git-http-backend; git is also the peer)"

work=$BENCH_WORK
server="$BENCH_SOURCE_DIR/tests/support/git-http-server"
base=$("$server" start "$work/server" --user bench --password bench-secret)
bench_on_exit "$server" stop "$work/server"
authed=${base/http:\/\//http://bench:bench-secret@}
export INTENTCTL_GIT_USERNAME=bench INTENTCTL_GIT_TOKEN=bench-secret GIT_TERMINAL_PROMPT=0
export HOME=$work/home XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME"
git config --global user.name bench
git config --global user.email bench@example.net
cd "$work"

# A rendered-looking site tree: one ConfigMap + bundle file per expectation.
make_tree() { # folder files
  python3 - "$1" "$2" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{folder}/apps/intent", exist_ok=True)
os.makedirs(f"{folder}/namespaces", exist_ok=True)
open(f"{folder}/namespaces/intent-to-krm.yaml", "w").write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: intent-to-krm\n")
for i in range(count - 1):
    e = f"cn-cap-{i:05d}"
    open(f"{folder}/apps/intent/{e}.yaml", "w").write(f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: expectation-{e}
  namespace: intent-to-krm
  labels:
    expectation.nephio.org/id: {e}
    expectation.nephio.org/type: CoreNetwork
  annotations:
    expectation.nephio.org/intent-id: intent-{i // 10:04d}
data:
  expectation.json: '{{"expectationId":"{e}","expectationVerb":"DELIVER","expectationTargets":[{{"targetName":"latency","targetCondition":"IS_LESS_THAN","targetValueRange":{i % 50 + 1},"targetUnit":"ms"}}]}}'
---
apiVersion: cn.nephio.org/v1alpha1
kind: CNBundle
metadata:
  name: cn-bundle-{e}
  namespace: intent-to-krm
  labels:
    expectation.nephio.org/id: {e}
spec:
  expectationId: {e}
  capacity:
    latency: {{condition: LESS_THAN, value: "{i % 50 + 1}ms"}}
""")
PY
}

# What the seed's push script did, with the credentials in the URL as it had them.
cat >seed-push.sh <<'SH'
#!/usr/bin/env bash
# seed-push.sh URL SITE_FOLDER
set -eu
tmp=$(mktemp -d)
git clone -q "$1" "$tmp/repo" 2>/dev/null
cp -r "$2/." "$tmp/repo/"
cd "$tmp/repo"
git add -A
git commit -q -m "Update KRM artifacts"
git push -q origin HEAD:main
rm -rf "$tmp"
SH
chmod +x seed-push.sh

sites_file() { # file site=repo...
  local file=$1
  shift
  echo "sites:" >"$file"
  local pair
  for pair in "$@"; do echo "  ${pair%%=*}: {repo: $base/${pair#*=}.git}" >>"$file"; done
}

# The median wall time of RUNS runs, each after a prepare step; both sides get the same number of runs.
measure() { # name prepare command...
  local name=$1 prepare=$2 time
  shift 2
  time=$(bench_time "$name" "$RUNS" --prepare "$prepare" -- "$@")
  echo "${time% *}"
}

echo "preparing trees (1,000 and 10,000 files, 20 sites) ..." >&2

# 1. First publish of 1,000 files into an empty repository, cold cache.
make_tree first/dist/edge1 1000
sites_file first/sites.yaml edge1=first
cat >reset-first.sh <<SH
rm -rf "$work/server/repos/first.git" "$work/first/cache"
"$server" new-repo "$work/server" first >/dev/null
SH
first_ours=$(measure first-ours "bash $work/reset-first.sh" \
  "$INTENTCTL" publish "$work/first/dist" --sites "$work/first/sites.yaml" --cache "$work/first/cache")
first_seed=$(measure first-seed "bash $work/reset-first.sh" "$work/seed-push.sh" "$authed/first.git" "$work/first/dist/edge1")

# 2. Warm cache: one file changes in a 10,000-file repository.
make_tree big/dist/edge1 10000
for repo in big-ours big-seed; do "$server" new-repo "$work/server" "$repo" >/dev/null; done
sites_file big/ours.yaml edge1=big-ours
sites_file big/seed.yaml edge1=big-seed
"$INTENTCTL" publish big/dist --sites big/ours.yaml --cache big/cache >/dev/null
"$INTENTCTL" publish big/dist --sites big/seed.yaml --cache big/seed-cache >/dev/null
cat >touch-one.sh <<SH
echo "# \$(date +%s%N)" >>"$work/big/dist/edge1/apps/intent/cn-cap-04242.yaml"
SH
warm_ours=$(measure warm-ours "bash $work/touch-one.sh" \
  "$INTENTCTL" publish "$work/big/dist" --sites "$work/big/ours.yaml" --cache "$work/big/cache")
warm_seed=$(measure warm-seed "bash $work/touch-one.sh" "$work/seed-push.sh" "$authed/big-seed.git" "$work/big/dist/edge1")

# 3. Twenty sites of 200 files each, first publish: -j 4 against one after the other.
pairs=()
for i in $(seq -w 1 20); do
  make_tree "many/dist/site$i" 200
  pairs+=("site$i=many-$i")
done
sites_file many/sites.yaml "${pairs[@]}"
cat >reset-many.sh <<SH
rm -rf "$work/many/cache"
for i in \$(seq -w 1 20); do
  rm -rf "$work/server/repos/many-\$i.git"
  "$server" new-repo "$work/server" "many-\$i" >/dev/null
done
SH
many_parallel=$(measure many-j4 "bash $work/reset-many.sh" \
  "$INTENTCTL" publish "$work/many/dist" --sites "$work/many/sites.yaml" --all -j 4 --cache "$work/many/cache")
many_serial=$(measure many-j1 "bash $work/reset-many.sh" \
  "$INTENTCTL" publish "$work/many/dist" --sites "$work/many/sites.yaml" --all -j 1 --cache "$work/many/cache")

# --- the table ---------------------------------------------------------------
bench_row "publish: first, 1,000 files, empty repo" "$(bench_s "$first_ours")" "git CLI script $(bench_s "$first_seed")" \
  "$(bench_ratio "$first_ours" "$first_seed")" "<= 0.5x its time" "$(bench_met "$first_ours <= 0.5 * $first_seed")" "$RUNS/$RUNS"
bench_row "publish: warm cache, 1 of 10,000 files" "$(bench_s "$warm_ours")" "git CLI script $(bench_s "$warm_seed")" \
  "$(bench_ratio "$warm_ours" "$warm_seed")" "<= 0.2x its time" "$(bench_met "$warm_ours <= 0.2 * $warm_seed")" "$RUNS/$RUNS"
bench_row "publish: 20 sites x 200 files, -j 4" "$(bench_s "$many_parallel")" "-j 1 $(bench_s "$many_serial")" \
  "$(bench_ratio "$many_serial" "$many_parallel")" ">= 2x faster" "$(bench_met "$many_serial >= 2 * $many_parallel")" "$RUNS/$RUNS"
bench_note "publish: loopback lighttpd + git-http-backend with basic auth; the git CLI script does what the seed's did (git clone, cp, git add, git commit, git push)"

bench_end "intentctl publish against the seed's git CLI script"
