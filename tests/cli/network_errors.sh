#!/usr/bin/env bash
# Network errors that say what to check next. For the Kubernetes API: the
# server, the context and the kubeconfig file in the message, and a hint line
# for a refused connection, 401, 403, an untrusted server certificate and an
# unusable client certificate. For the metrics source: a refused connection,
# 401 and a 404 that comes from the wrong --metrics-kind. For Git (publish and
# verify): a repository that is not there (404 from a real git-http-backend)
# and a refused connection, naming the sites file. Every server is real and on
# 127.0.0.1: the loopback Kubernetes fixture, its metrics listener, lighttpd
# with git-http-backend, and a port nothing listens on.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_python_module jsonschema
require_tool lighttpd
require_tool script
isolate KUBECONFIG
. "$SOURCE_DIR/tests/support/verify-env.sh"
GIT_SERVER=$SOURCE_DIR/tests/support/git-http-server
CLOSED_PORT=$("$GIT_SERVER" free-port)

publish_sample
load_cluster edge1

# cluster_check KUBECONFIG: verify edge1's cluster with that kubeconfig.
cluster_check() {
  run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig "$1"
  expect_rc 3 "$1: exit code"
}

# A kubeconfig whose server is a port nothing listens on.
sed -E "s#\"server\": \"[^\"]*\"#\"server\": \"https://127.0.0.1:$CLOSED_PORT\"#" kc-edge1.yaml >kc-closed.yaml
cluster_check kc-closed.yaml
expect_contains "$SCRATCH/out" "edge1  cluster  unknown  https://127.0.0.1:$CLOSED_PORT: connection refused (context edge1 of kc-closed.yaml)" \
  "refused: the server, the context and the kubeconfig"
expect_contains "$SCRATCH/out" "    hint: is the API server running? That address is the server of cluster \"edge1\" at kc-closed.yaml:" \
  "refused: the hint names the cluster entry"
expect_contains "$SCRATCH/out" "try 'kubectl --kubeconfig kc-closed.yaml --context edge1 cluster-info'" \
  "refused: the kubectl line to try"

# A token the server does not take (401), and one it takes without the right to read (403).
"$FIXTURE" kubeconfig "$STATE" edge1 --token not-the-token --out kc-401.yaml
cluster_check kc-401.yaml
expect_contains "$SCRATCH/out" "authentication refused (HTTP 401): Unauthorized (context edge1 of kc-401.yaml)" "401: context and file"
expect_contains "$SCRATCH/out" "    hint: the credentials of user \"edge1-user\" at kc-401.yaml:" "401: the hint names the user entry"
expect_contains "$SCRATCH/out" "try 'kubectl --kubeconfig kc-401.yaml --context edge1 auth whoami'" "401: the kubectl line"
expect_not_contains "$SCRATCH/out" "not-the-token" "401: the token is not printed"

load_cluster edge1 --fault 'rootsyncs=403'
cluster_check kc-edge1.yaml
expect_contains "$SCRATCH/out" "authentication refused (HTTP 403)" "403 said"
expect_contains "$SCRATCH/out" "    hint: user \"edge1-user\" may not read /apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync" \
  "403: the hint names the user and what it may not read"
expect_contains "$SCRATCH/out" "'kubectl --kubeconfig kc-edge1.yaml --context edge1 auth can-i get rootsyncs.configsync.gke.io -n config-management-system'" \
  "403: the kubectl auth can-i line"
load_cluster edge1

# A server certificate no configured CA signed, then no CA configured at all.
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --ca other --out kc-other-ca.yaml
cluster_check kc-other-ca.yaml
expect_contains "$SCRATCH/out" ": TLS: " "untrusted certificate: a TLS error"
expect_contains "$SCRATCH/out" "(context edge1 of kc-other-ca.yaml)" "untrusted certificate: context and file"
expect_contains "$SCRATCH/out" "    hint: the server's certificate is not signed by the certificate-authority of cluster \"edge1\" at kc-other-ca.yaml:" \
  "untrusted certificate: the hint names the CA setting"
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --ca none --out kc-no-ca.yaml
cluster_check kc-no-ca.yaml
expect_contains "$SCRATCH/out" "names no certificate-authority, so the system's CAs were asked: add the cluster's CA as certificate-authority-data" \
  "no CA: the hint says to add one"

# A client certificate that is not one.
"$FIXTURE" kubeconfig "$STATE" edge1 --auth cert --out kc-cert.yaml
python3 - kc-cert.yaml <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
user = config["users"][0]["user"]
open("not-a-cert.pem", "w").write("not a certificate\n")
user["client-certificate"] = "not-a-cert.pem"
json.dump(config, open(sys.argv[1], "w"), indent=1)
PY
cluster_check kc-cert.yaml
expect_contains "$SCRATCH/out" "    hint: check client-certificate and client-key of user \"edge1-user\" at kc-cert.yaml:" \
  "bad client certificate: the hint names the user entry"

# The same hints in JSON: a detail of the check.
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-closed.yaml --format json
expect_rc 3 "refused, JSON: exit code"
"$SOURCE_DIR/tests/support/check-json-output" "$SOURCE_DIR/schemas" "$SCRATCH/out" VerifyReport unknown 2>"$SCRATCH/why" &&
  pass || fail "refused, JSON: $(cat "$SCRATCH/why")"
expect_contains "$SCRATCH/out" "\"hint: is the API server running?" "refused, JSON: the hint is in the details"

# Metrics sources: nothing listening, refused credentials, and a 404 from each
# kind pointed at the other kind's URL.
slo_check() { # description metrics-url [verify flags...]
  local what=$1 url=$2
  shift 2
  run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --metrics "$url" --slo 'latency < 5ms' "$@"
  expect_rc 3 "$what: exit code"
}
slo_check "metrics refused" "http://127.0.0.1:$CLOSED_PORT"
expect_contains "$SCRATCH/out" "edge1  slo      unknown  http://127.0.0.1:$CLOSED_PORT/api/v1/query: connection refused" "metrics refused said"
expect_contains "$SCRATCH/out" "    hint: is the metrics source running there? Its address comes from --metrics or the site's metrics.url" \
  "metrics refused: the hint"
echo '{"latency": 1}' >metrics.json
"$FIXTURE" load "$STATE" edge1 --tree dist/edge1 --commit "$(head_of edge1)" --token "$TOKEN" --json metrics.json
slo_check "Prometheus kind at a 404" "$METRICS_URL/nothing"
expect_contains "$SCRATCH/out" "$METRICS_URL/nothing/api/v1/query: HTTP 404" "Prometheus kind at a 404: said"
expect_contains "$SCRATCH/out" "    hint: no Prometheus query API there: give Prometheus's own address (without /api/v1), or --metrics-kind json" \
  "Prometheus kind at a 404: the hint names --metrics-kind json"
slo_check "Prometheus kind at a JSON document" "$METRICS_URL/json/edge1"
expect_contains "$SCRATCH/out" "$METRICS_URL/json/edge1/api/v1/query: the answer is JSON but not a Prometheus query result" \
  "JSON document asked as Prometheus: said"
expect_contains "$SCRATCH/out" "    hint: for a URL that serves one JSON document of values, give --metrics-kind json" \
  "JSON document asked as Prometheus: the hint names --metrics-kind json"
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --metrics "$METRICS_URL/json/edge1" --metrics-kind json --slo 'latency < 5ms'
expect_rc 0 "the same URL with --metrics-kind json passes"
slo_check "JSON kind at a missing document" "$METRICS_URL/json/nothing" --metrics-kind json
expect_contains "$SCRATCH/out" "    hint: no metrics document there: check the URL, or give --metrics-kind prometheus" \
  "missing JSON document: the hint"
"$FIXTURE" load "$STATE" edge1 --tree dist/edge1 --commit "$(head_of edge1)" --token "$TOKEN" --prometheus-status 401
slo_check "metrics 401" "$METRICS_URL/prom/edge1"
expect_contains "$SCRATCH/out" "authentication refused (HTTP 401)" "metrics 401 said"
expect_contains "$SCRATCH/out" "    hint: give the metrics source's user and password in its URL" "metrics 401: the hint"

# Git: a repository the server does not have, and a server that is not there.
"$GIT_SERVER" start git-server --anonymous >/dev/null
TLS_PROXY=$SOURCE_DIR/tests/support/tls-proxy
trap '"$TLS_PROXY" stop tls; "$GIT_SERVER" stop git-server; "$FIXTURE" stop "$STATE"; rm -rf "$SCRATCH"' EXIT
GIT_URL=$(cat git-server/url)
"$GIT_SERVER" new-repo git-server present >/dev/null
for case in missing refused; do
  url=$GIT_URL/missing.git
  [ $case = refused ] && url=http://127.0.0.1:$CLOSED_PORT/git/present.git
  printf 'sites:\n  edge1: {repo: "%s"}\n' "$url" >"git-$case.yaml"
  run "$INTENTCTL" publish --sites "git-$case.yaml" --site edge1 dist
  expect_rc 3 "publish, $case repository: exit code"
  cp "$SCRATCH/out" "publish-$case.txt"
  run "$INTENTCTL" verify --sites "git-$case.yaml" --site edge1 dist
  expect_rc 3 "verify, $case repository: exit code"
  cp "$SCRATCH/out" "verify-$case.txt"
  run "$INTENTCTL" publish --sites "git-$case.yaml" --site edge1 dist --format json
  "$SOURCE_DIR/tests/support/check-json-output" "$SOURCE_DIR/schemas" "$SCRATCH/out" PublishReport error 2>"$SCRATCH/why" &&
    pass || fail "publish, $case repository, JSON: $(cat "$SCRATCH/why")"
  cp "$SCRATCH/out" "publish-$case.json"
done
expect_contains publish-missing.txt "    hint: the server answers" "publish: the hint on a line of its own"
expect_contains verify-missing.txt "    hint: the server answers" "verify: the hint on a line of its own"
for output in publish-missing.txt verify-missing.txt publish-missing.json; do
  expect_contains "$output" "repository not found (HTTP 404)" "$output: 404 said"
  expect_contains "$output" "the server answers but holds no repository at that path: check the repo of site edge1 in git-missing.yaml" \
    "$output: the hint names the site and the sites file"
done
for output in publish-refused.txt verify-refused.txt publish-refused.json; do
  expect_contains "$output" "Connection refused" "$output: refused said"
  expect_contains "$output" "is the Git server running? Check the repo of site edge1 in git-refused.yaml" \
    "$output: the hint names the site and the sites file"
done
# On a terminal, the site's error: is red and hint: cyan, as in diagnostics;
# in a pipe (above) there is no colour at all.
for verb in publish verify; do
  script -qec "$(printf '%q ' "$INTENTCTL" $verb --sites git-refused.yaml --site edge1 dist)" /dev/null >tty.out </dev/null || true
  grep -qaF $'\033[1;36mhint:\033[0m is the Git server running?' tty.out && pass ||
    fail "$verb: the hint is not cyan on a terminal: $(od -c tty.out | head -8)"
done
grep -qaF $'\033[1;31merror:\033[0m unreachable' <(script -qec "$(printf '%q ' "$INTENTCTL" publish --sites git-refused.yaml --site edge1 dist)" /dev/null </dev/null) &&
  pass || fail "publish: the site's error: is not red on a terminal"
for output in publish-refused.txt verify-refused.txt; do
  if grep -qa $'\033\[' "$output"; then fail "$output: colours in a pipe"; else pass; fi
done
# Git over HTTPS from a private CA: refused with a hint that names
# GIT_SSL_CAINFO, then trusted through it, as git does.
TLS_PORT=$("$TLS_PROXY" start tls "$STATE/pki/cn-only.crt" "$STATE/pki/cn-only.key" "$(cat git-server/port)")
printf 'sites:\n  edge1: {repo: "https://127.0.0.1:%s/git/present.git"}\n' "$TLS_PORT" >git-tls.yaml
for verb in publish verify; do
  run "$INTENTCTL" $verb --sites git-tls.yaml --site edge1 dist
  expect_rc 3 "$verb over HTTPS from an unknown CA: exit code"
  expect_contains "$SCRATCH/out" "https://127.0.0.1:$TLS_PORT/git/present.git" "$verb over HTTPS: the URL"
  expect_contains "$SCRATCH/out" ": TLS: " "$verb over HTTPS from an unknown CA: a TLS error"
  expect_contains "$SCRATCH/out" "    hint: the Git server's certificate is not trusted here: give its CA file in GIT_SSL_CAINFO" \
    "$verb over HTTPS from an unknown CA: the hint names GIT_SSL_CAINFO"
done
run env GIT_SSL_CAINFO="$STATE/pki/ca.crt" "$INTENTCTL" publish --sites git-tls.yaml --site edge1 dist
expect_rc 0 "publish over HTTPS with GIT_SSL_CAINFO"
expect_contains "$SCRATCH/out" "pushed" "publish over HTTPS with GIT_SSL_CAINFO pushes"
run env GIT_SSL_CAINFO="$STATE/pki/ca.crt" "$INTENTCTL" verify --sites git-tls.yaml --site edge1 dist
expect_contains "$SCRATCH/out" "edge1  git      pass" "verify over HTTPS with GIT_SSL_CAINFO"
run env GIT_SSL_CAINFO=no-such-ca.crt "$INTENTCTL" publish --sites git-tls.yaml --site edge1 dist
expect_rc 2 "an unusable GIT_SSL_CAINFO is a usage error"
expect_contains "$SCRATCH/err" "intentctl publish: error: cannot use GIT_SSL_CAINFO no-such-ca.crt as the CAs to trust" \
  "an unusable GIT_SSL_CAINFO is named"

python3 - publish-missing.json <<'PY' && pass || fail "publish JSON: the hint is in the site record and in errors[]"
import json, sys
document = json.load(open(sys.argv[1]))
assert document["sites"][0]["hint"].startswith("the server answers"), document
assert document["errors"][0]["hint"] == document["sites"][0]["hint"], document
PY

finish
