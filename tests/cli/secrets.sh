#!/usr/bin/env bash
# Secrets never leave the place they were given in: publish and verify with a
# token (INTENTCTL_GIT_TOKEN), with a password in the sites file's URL, with a
# kubeconfig's bearer token and basic-auth password, with a password in a
# metrics URL (Prometheus and JSON, failing, redirected to a URL with
# credentials), and an API server whose error body echoes the bearer token;
# succeeding and failing, quiet and with -v, text, --format json and --report;
# then every output stream, every file of the cache (the bare clones' config,
# FETCH_HEAD, logs, memo files), verify's --report folder, the rendered trees
# (with --rootsync too), publish's dry-run diff and verify's drift diff of a
# branch that holds a password, and what reached the remote are searched for
# every secret, plain, percent-encoded and as an HTTP Basic credential, and
# none is found.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3
require_tool openssl
require_tool lighttpd
require_tool curl
require_python_module yaml

TOKEN='tok-5ecret-Q7xZ'          # alice's, through INTENTCTL_GIT_TOKEN
URL_PASSWORD='url-Pa55@w0rd-K3'  # bob's, in the sites file's URL (percent-encoded there)
URL_ENCODED='url-Pa55%40w0rd-K3'
WRONG='wr0ng-Pa55-Z9v'
BEARER='bearer-5ecret-T0k3n-8c'  # the kubeconfig's token
KUBE_PASSWORD='kube-Pa55-w0rd-4f'  # the kubeconfig's basic auth
METRICS_PASSWORD='metr1cs-Pa55-Wd9'  # in the metrics URLs
REDIRECT_SECRETS=('sso-Pa55w0rd' 'redirect-t0ken-xyz') # in the Location a hostile metrics server answers

GIT_SERVER=$SOURCE_DIR/tests/support/git-http-server
FIXTURE=$SOURCE_DIR/tests/support/kube-fixture
GIT_STATE=$SCRATCH/git-server
KUBE_STATE=$SCRATCH/kube
BASE=$("$GIT_SERVER" start "$GIT_STATE" --user alice --password "$TOKEN")
"$FIXTURE" start "$KUBE_STATE" >/dev/null
trap '"$GIT_SERVER" stop "$GIT_STATE"; "$FIXTURE" stop "$KUBE_STATE"; rm -rf "$SCRATCH"' EXIT
# A second user, for the password in the URL (lighttpd reads the file on each request).
printf 'bob:%s\n' "$URL_PASSWORD" >>"$GIT_STATE/users"
"$GIT_SERVER" new-repo "$GIT_STATE" edge1-config >/dev/null

isolate KUBECONFIG
mkdir -p "$SCRATCH/inputs" "$SCRATCH/streams" "$SCRATCH/work"
cd "$SCRATCH/work"

# The inputs that hold secrets by design live apart, and are not searched.
IN=$SCRATCH/inputs
cat >"$IN/sites-token.yaml" <<YAML
sites:
  edge1: {repo: $BASE/edge1-config.git, kubeconfig: $IN/kc-token.yaml}
YAML
cat >"$IN/sites-url.yaml" <<YAML
sites:
  edge1: {repo: "${BASE/http:\/\//http://bob:$URL_ENCODED@}/edge1-config.git", kubeconfig: $IN/kc-basic.yaml}
YAML
cat >"$IN/sites-url-wrong.yaml" <<YAML
sites:
  edge1: {repo: "${BASE/http:\/\//http://bob:$WRONG@}/edge1-config.git"}
YAML
"$FIXTURE" kubeconfig "$KUBE_STATE" edge1 --auth token --token "$BEARER" --out "$IN/kc-token.yaml"
"$FIXTURE" kubeconfig "$KUBE_STATE" edge1 --auth basic --basic "admin:$KUBE_PASSWORD" --out "$IN/kc-basic.yaml"
"$FIXTURE" kubeconfig "$KUBE_STATE" edge1 --auth token --token "$WRONG" --out "$IN/kc-wrong.yaml"

"$INTENTCTL" render -q "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" \
  --sites "$IN/sites-token.yaml" -o dist

# step NAME EXPECTED-EXIT [ENV=VALUE...] -- intentctl arguments: runs it, keeping
# both streams for the search at the end.
n=0
step() {
  local name=$1 expected=$2
  shift 2
  local environment=()
  while [ "$1" != -- ]; do environment+=("$1"); shift; done
  shift
  n=$((n + 1))
  local base=$SCRATCH/streams/$(printf '%02d' $n)-$name
  set +e
  env ${environment[@]+"${environment[@]}"} timeout 120 "$INTENTCTL" "$@" >"$base.out" 2>"$base.err" </dev/null
  rc=$?
  set -e
  cp "$base.out" "$SCRATCH/out"
  cp "$base.err" "$SCRATCH/err"
  expect_rc "$expected" "$name"
}

token=(INTENTCTL_GIT_USERNAME=alice "INTENTCTL_GIT_TOKEN=$TOKEN")
for v in "" -v; do
  echo "# $v" >>dist/edge1/kustomization.yaml
  step "publish-token$v" 0 "${token[@]}" -- $v publish dist --sites "$IN/sites-token.yaml"
  expect_contains "$SCRATCH/out" "pushed" "publish with a token$v"
done
HEAD=$(git --git-dir="$GIT_STATE/repos/edge1-config.git" rev-parse main)
"$FIXTURE" load "$KUBE_STATE" edge1 --tree dist/edge1 --commit "$HEAD" --token "$BEARER" --basic "admin:$KUBE_PASSWORD"
for v in "" -v; do
  step "verify-token$v" 0 "${token[@]}" -- $v verify dist --sites "$IN/sites-token.yaml" --report "$SCRATCH/reports$v"
  expect_contains "$SCRATCH/out" "edge1  git      pass" "verify with a token$v: git"
  expect_contains "$SCRATCH/out" "edge1  cluster  pass" "verify with a bearer token$v: cluster"
done
step verify-token-json 0 "${token[@]}" -- verify dist --sites "$IN/sites-token.yaml" --format json --report "$SCRATCH/reports-json"

# The password in the URL, with no token in the environment.
for v in "" -v; do
  echo "# url $v" >>dist/edge1/kustomization.yaml
  step "publish-url$v" 0 -- $v publish dist --sites "$IN/sites-url.yaml"
  expect_contains "$SCRATCH/out" "http://***@127.0.0.1" "publish with a password in the URL$v shows ***"
done
HEAD=$(git --git-dir="$GIT_STATE/repos/edge1-config.git" rev-parse main)
"$FIXTURE" load "$KUBE_STATE" edge1 --tree dist/edge1 --commit "$HEAD" --token "$BEARER" --basic "admin:$KUBE_PASSWORD"
for v in "" -v; do
  step "verify-url$v" 0 -- $v verify dist --sites "$IN/sites-url.yaml" --report "$SCRATCH/reports-url$v"
  expect_contains "$SCRATCH/out" "edge1  cluster  pass" "verify with kubeconfig basic auth$v"
done
step publish-url-json 0 -- publish dist --sites "$IN/sites-url.yaml" --format json
# A wrong bearer token (while the Git side passes: a failed check outranks an external error).
for v in "" -v; do
  step "verify-wrong-bearer$v" 3 "${token[@]}" -- \
    $v verify dist --sites "$IN/sites-token.yaml" --kubeconfig "$IN/kc-wrong.yaml" --report "$SCRATCH/reports-wrong-bearer$v"
  expect_contains "$SCRATCH/out" "edge1  git      pass" "verify with a wrong bearer token$v: git"
  expect_contains "$SCRATCH/out" "authentication refused (HTTP 401)" "verify with a wrong bearer token$v"
done

# Failing: a wrong token, a wrong password in the URL.
for v in "" -v; do
  echo "# wrong $v" >>dist/edge1/kustomization.yaml
  step "publish-wrong-token$v" 3 INTENTCTL_GIT_USERNAME=alice "INTENTCTL_GIT_TOKEN=$WRONG" -- \
    $v publish dist --sites "$IN/sites-token.yaml"
  expect_contains "$SCRATCH/out" "authentication refused (HTTP 401)" "wrong token$v"
  step "publish-wrong-url$v" 3 -- $v publish dist --sites "$IN/sites-url-wrong.yaml"
  expect_contains "$SCRATCH/out" "authentication refused (HTTP 401)" "wrong password in the URL$v"
  step "publish-wrong-url-json$v" 3 -- $v publish dist --sites "$IN/sites-url-wrong.yaml" --format json
  step "verify-wrong-token$v" 3 INTENTCTL_GIT_USERNAME=alice "INTENTCTL_GIT_TOKEN=$WRONG" -- \
    $v verify dist --sites "$IN/sites-token.yaml" --report "$SCRATCH/reports-wrong$v"
  expect_contains "$SCRATCH/out" "authentication refused" "verify with a wrong token$v"
  step "verify-wrong-url$v" 3 -- $v verify dist --sites "$IN/sites-url-wrong.yaml" --report "$SCRATCH/reports-wrong-url$v"
done

# --- render --rootsync: the RootSync holds the URL without credentials, auth and secretRef ---
cat >"$IN/sites-rs.yaml" <<YAML
sites:
  edge1:
    repo: "${BASE/http:\/\//http://bob:$URL_ENCODED@}/edge1-config.git"
    rootsync: {secretRef: edge1-git-creds}
YAML
step render-rootsync 0 -- render "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" --sites "$IN/sites-rs.yaml" \
  --rootsync -o dist-rs
python3 - dist-rs/edge1/bootstrap/rootsync.yaml "$BASE/edge1-config.git" <<'PY' && pass || fail "the RootSync's git spec"
import sys, yaml
git = yaml.safe_load(open(sys.argv[1]))["spec"]["git"]
assert git["repo"] == sys.argv[2], git
assert git["auth"] == "token" and git["secretRef"] == {"name": "edge1-git-creds"}, git
PY
step render-rootsync-stdout 0 -- render "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" --sites "$IN/sites-rs.yaml" \
  --rootsync -o -
expect_contains "$SCRATCH/out" "repo: $BASE/edge1-config.git" "the streamed RootSync's repo"
# Without a secretRef: auth none, and a note that says what to set.
step render-rootsync-none 0 -- render "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" --sites "$IN/sites-url.yaml" \
  --rootsync -o dist-rs-none
expect_contains dist-rs-none/edge1/bootstrap/rootsync.yaml "auth: none" "no secretRef: auth none"
expect_contains "$SCRATCH/err" "credentials stay out of bootstrap/rootsync.yaml" "no secretRef: a note"
# Committed: the remote's history is searched below.
step publish-rootsync 0 -- publish dist-rs --sites "$IN/sites-rs.yaml"

# A password on the branch (a RootSync of an older intentctl, a hand edit):
# publish's dry-run diff and verify's drift diff show it masked. In a
# repository of its own, whose history holds the password by design.
"$GIT_SERVER" new-repo "$GIT_STATE" legacy-config >/dev/null
sed 's/edge1-config/legacy-config/' "$IN/sites-rs.yaml" >"$IN/sites-legacy.yaml"
"$INTENTCTL" render -q "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" --sites "$IN/sites-legacy.yaml" \
  --rootsync -o dist-legacy
step publish-legacy 0 -- publish dist-legacy --sites "$IN/sites-legacy.yaml"
git clone -q "${BASE/http:\/\//http://bob:$URL_ENCODED@}/legacy-config.git" "$IN/hand"
(cd "$IN/hand" && sed -i "s|repo: .*|repo: ${BASE/http:\/\//http://bob:$URL_ENCODED@}/legacy-config.git|" \
  bootstrap/rootsync.yaml && git -c user.name=a -c user.email=a@b commit -qam "the old RootSync" && git push -q origin main)
grep -qF "$URL_ENCODED" "$IN/hand/bootstrap/rootsync.yaml" && pass || fail "the hand edit put no password on the branch"
for v in "" -v; do
  step "dry-run-legacy$v" 1 -- $v publish dist-legacy --sites "$IN/sites-legacy.yaml" --dry-run
  expect_contains "$SCRATCH/out" "-    repo: http://***@127.0.0.1" "the dry-run diff masks the password$v"
  step "verify-legacy$v" 1 -- $v verify dist-legacy --sites "$IN/sites-legacy.yaml"
  expect_contains "$SCRATCH/out" "http://***@127.0.0.1" "verify's drift diff masks the password$v"
done
step dry-run-legacy-json 1 -- publish dist-legacy --sites "$IN/sites-legacy.yaml" --dry-run --format json
expect_contains "$SCRATCH/out" "http://***@127.0.0.1" "the JSON dry run masks the password"
step verify-legacy-json 1 -- verify dist-legacy --sites "$IN/sites-legacy.yaml" --format json --report "$SCRATCH/reports-legacy"

# A password in the metrics URL, with a Prometheus that fails, one that is not
# there, a JSON endpoint that redirects to a URL with credentials; and an API
# server whose error body quotes the Authorization header it was sent.
METRICS=$(cat "$KUBE_STATE/metrics-url")
with_password() { echo "${1/http:\/\//http://prom-user:$METRICS_PASSWORD@}"; }
step publish-before-metrics 0 -- publish dist --sites "$IN/sites-url.yaml" # the failed publishes left the tree changed
HEAD=$(git --git-dir="$GIT_STATE/repos/edge1-config.git" rev-parse main)
"$FIXTURE" load "$KUBE_STATE" edge1 --tree dist/edge1 --commit "$HEAD" --token "$BEARER" --basic "admin:$KUBE_PASSWORD" \
  --prometheus-status 503
cat >"$IN/sites-metrics.yaml" <<YAML
sites:
  edge1: {repo: "${BASE/http:\/\//http://bob:$URL_ENCODED@}/edge1-config.git", kubeconfig: $IN/kc-token.yaml,
          metrics: {url: "$(with_password "$METRICS")/prom/edge1"}}
YAML
cat >"$IN/sites-metrics-down.yaml" <<YAML
sites:
  edge1: {repo: "${BASE/http:\/\//http://bob:$URL_ENCODED@}/edge1-config.git",
          metrics: {url: "http://prom-user:$METRICS_PASSWORD@127.0.0.1:1/prom"}}
YAML
cat >"$IN/sites-metrics-redirect.yaml" <<YAML
sites:
  edge1: {repo: "${BASE/http:\/\//http://bob:$URL_ENCODED@}/edge1-config.git",
          metrics: {url: "$(with_password "$METRICS")/hostile/redirect", kind: json}}
YAML
sed "s|metrics: {url: \"[^\"]*\"}|metrics: {url: \"$(with_password "$METRICS")/hostile/redirect\"}|" "$IN/sites-metrics-down.yaml" \
  >"$IN/sites-metrics-redirect-prom.yaml"
for v in "" -v; do
  for sites in metrics metrics-down metrics-redirect metrics-redirect-prom; do
    step "verify-$sites$v" 3 "${token[@]}" -- $v verify dist --sites "$IN/sites-$sites.yaml" --report "$SCRATCH/reports-$sites$v"
    expect_contains "$SCRATCH/out" "edge1  slo      unknown  http://***@127.0.0.1:" "$sites$v: the metrics URL is shown, masked"
    step "verify-$sites-json$v" 3 "${token[@]}" -- $v verify dist --sites "$IN/sites-$sites.yaml" --format json \
      --report "$SCRATCH/reports-$sites-json$v"
  done
  expect_contains "$SCRATCH/out" "a redirect to http://***@127.0.0.1:1/login" "the redirect's URL is masked"
done
[ -n "$(grep -l 'unknown' "$SCRATCH"/reports-metrics/edge1/report.md)" ] && pass || fail "report.md of the failing metrics source"

"$FIXTURE" load "$KUBE_STATE" edge1 --tree dist/edge1 --commit "$HEAD" --token "$BEARER" --fault 'rootsyncs=500:0:echo'
for v in "" -v; do
  step "verify-echoed-bearer$v" 3 "${token[@]}" -- $v verify dist --sites "$IN/sites-token.yaml" \
    --report "$SCRATCH/reports-echo$v"
  expect_contains "$SCRATCH/out" "HTTP 500: request rejected: Authorization: Bearer ***" "the echoed bearer token is masked$v"
  step "verify-echoed-bearer-json$v" 3 "${token[@]}" -- $v verify dist --sites "$IN/sites-token.yaml" --format json
  step "verify-echoed-bearer-junit$v" 3 "${token[@]}" -- $v verify dist --sites "$IN/sites-token.yaml" --format junit
done
curl -s -H "Authorization: Bearer $BEARER" --cacert "$KUBE_STATE/pki/ca.crt" \
  "$(cat "$KUBE_STATE/url")/clusters/edge1/apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync" \
  >"$SCRATCH/echo-body"
grep -qF "$BEARER" "$SCRATCH/echo-body" && pass || fail "the fixture does not echo the token (the test would prove nothing)"
rm -f "$SCRATCH/echo-body"

# --- the search -------------------------------------------------------------------------
[ -n "$(ls "$SCRATCH"/reports/edge1/* 2>/dev/null)" ] && pass || fail "verify --report wrote no report to search"
[ -n "$(ls "$XDG_CACHE_HOME"/intentctl/repos/*.git/config 2>/dev/null)" ] && pass || fail "no cached clone to search"
secrets=("$TOKEN" "$URL_PASSWORD" "$URL_ENCODED" "$WRONG" "$BEARER" "$KUBE_PASSWORD" "$METRICS_PASSWORD"
  "${REDIRECT_SECRETS[@]}")
for credential in "alice:$TOKEN" "bob:$URL_PASSWORD" "alice:$WRONG" "bob:$WRONG" "admin:$KUBE_PASSWORD" \
  "prom-user:$METRICS_PASSWORD"; do
  secrets+=("$(printf '%s' "$credential" | base64 -w0)")
done
places=("$SCRATCH/streams" "$XDG_CACHE_HOME" "$HOME" "$SCRATCH/work" "$GIT_STATE/repos")
for dir in "$SCRATCH"/reports*; do places+=("$dir"); done
searched=$(find "${places[@]}" -type f | wc -l)
[ "$searched" -gt 50 ] && pass || fail "only $searched files to search"
for secret in "${secrets[@]}"; do
  if found=$(grep -rlaF -- "$secret" "${places[@]}"); then
    fail "a secret ($secret) is in: $(echo "$found" | head -5 | tr '\n' ' ')"
  else
    pass
  fi
done
# The remote's history too (packed objects are compressed; ask git).
if git --git-dir="$GIT_STATE/repos/edge1-config.git" log --all -p | grep -qF -e "$TOKEN" -e "$URL_PASSWORD" -e "$BEARER"; then
  fail "a secret reached the remote's history"
else
  pass
fi
echo "searched $searched files and $n runs' output for ${#secrets[@]} secret strings"

finish
