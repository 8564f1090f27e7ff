#!/usr/bin/env bash
# Every way a kubeconfig can authenticate (bearer token, token file, basic
# auth, client certificate as files and as data, exec plugins v1 and v1beta1
# with a token or a certificate), the CA settings, KUBECONFIG lists merged the
# way kubectl merges them, and --context: each checked with verify and with
# the real kubectl on the same kubeconfig.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"
require_tool kubectl

publish_sample
HEAD1=$(head_of edge1)
load_cluster edge1 --basic admin:fixture-password --client-cn verify-tester

check_kubeconfig() { # kubeconfig description
  run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig "$1"
  expect_rc 0 "verify with $2"
  expect_contains "$SCRATCH/out" "edge1  cluster  pass  RootSync root-sync: SYNCED at ${HEAD1:0:7}" "cluster pass with $2"
  # An exec plugin runs once for all of verify's requests.
  if [ -f "$SCRATCH/runs-$2" ]; then
    [ "$(wc -l <"$SCRATCH/runs-$2")" -eq 1 ] && pass || fail "$2: the plugin ran $(wc -l <"$SCRATCH/runs-$2") times"
  fi
  run kube --kubeconfig "$1" get rootsync root-sync -n config-management-system -o 'jsonpath={.status.sync.commit}'
  expect_rc 0 "kubectl with $2"
  expect_contains "$SCRATCH/out" "$HEAD1" "kubectl reads the commit with $2"
}

for auth in token token-file basic cert cert-data exec exec-v1beta1 exec-cert; do
  "$FIXTURE" kubeconfig "$STATE" edge1 --auth "$auth" --token "$TOKEN" --out "$SCRATCH/kc-$auth.yaml" \
    --exec-count "$SCRATCH/runs-$auth"
  check_kubeconfig "$SCRATCH/kc-$auth.yaml" "$auth"
done

# The CA as data, and no CA check at all.
"$FIXTURE" kubeconfig "$STATE" edge1 --ca data --token "$TOKEN" --out kc-ca-data.yaml
check_kubeconfig kc-ca-data.yaml "certificate-authority-data"
"$FIXTURE" kubeconfig "$STATE" edge1 --ca insecure --token "$TOKEN" --out kc-insecure.yaml
check_kubeconfig kc-insecure.yaml "insecure-skip-tls-verify"

# tls-server-name: the certificate is checked for that name, not the URL's host.
for name in localhost wrong.example; do
  python3 - "$SCRATCH/kc-token.yaml" "$name" >"kc-sni-$name.yaml" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["clusters"][0]["cluster"]["tls-server-name"] = sys.argv[2]
print(json.dumps(config))
PY
done
check_kubeconfig kc-sni-localhost.yaml "tls-server-name"
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-sni-wrong.example.yaml
expect_rc 3 "tls-server-name the certificate does not carry"
expect_contains "$SCRATCH/out" "wrong.example" "names the expected name"
run kube --kubeconfig kc-sni-wrong.example.yaml get rootsync -n config-management-system
expect_rc 1 "kubectl refuses it too"

# A CA that did not sign the server's certificate: both refuse to talk.
"$FIXTURE" kubeconfig "$STATE" edge1 --ca other --token "$TOKEN" --out kc-other-ca.yaml
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-other-ca.yaml
expect_rc 3 "untrusted server certificate"
expect_contains "$SCRATCH/out" "SSL certificate problem" "TLS failure explained"
run kube --kubeconfig kc-other-ca.yaml get rootsync -n config-management-system
expect_rc 1 "kubectl does not trust it either"
expect_contains "$SCRATCH/err" "certificate signed by unknown authority" "kubectl's TLS error"

# A client certificate the server does not accept (it trusts the CA, but not this user).
load_cluster edge1 --client-cn someone-else
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig "$SCRATCH/kc-cert.yaml"
expect_rc 3 "client certificate refused"
expect_contains "$SCRATCH/out" "authentication refused (HTTP 401)" "refused certificate"
load_cluster edge1 --basic admin:fixture-password --client-cn verify-tester

# --- exec plugins that fail --------------------------------------------------------
cat >kc-exec-fails.yaml <<YAML
apiVersion: v1
kind: Config
current-context: edge1
clusters:
- name: edge1
  cluster: {server: $API_URL/clusters/edge1, certificate-authority: $STATE/pki/ca.crt}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: $SOURCE_DIR/tests/support/kube-exec-plugin
      args: [--api-version, client.authentication.k8s.io/v1, --fail, "token expired; run: corp-login"]
contexts:
- name: edge1
  context: {cluster: edge1, user: u}
YAML
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-exec-fails.yaml
expect_rc 3 "failing exec plugin"
expect_contains "$SCRATCH/out" "failed (exit 1): token expired; run: corp-login" "the plugin's own words"

sed -e "s|command: .*|command: no-such-credential-helper|" -e 's|args: .*|installHint: "install it with: apt-get install corp-login"|' \
  kc-exec-fails.yaml >kc-exec-missing.yaml
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-exec-missing.yaml
expect_rc 3 "missing exec plugin"
expect_contains "$SCRATCH/out" "cannot run exec plugin \"no-such-credential-helper\"" "missing command named"
expect_contains "$SCRATCH/out" "    hint: install it with: apt-get install corp-login" "installHint shown on a hint line"

sed -e "s|interactiveMode: Never|interactiveMode: Sometimes|" kc-exec-fails.yaml >kc-exec-bad.yaml
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --kubeconfig kc-exec-bad.yaml
expect_rc 2 "bad interactiveMode is an input error"
expect_contains "$SCRATCH/err" "kc-exec-bad.yaml:12:24: error: users[0].user.exec.interactiveMode: unknown interactiveMode \"Sometimes\"" "positioned error"

# --- KUBECONFIG lists: the first file to name a user, cluster or context wins ------------
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --out good.yaml --context site
"$FIXTURE" kubeconfig "$STATE" edge1 --token not-the-token --out bad.yaml --context site
SITES_KUBECONFIG=no write_sites # the sites file names no kubeconfig: KUBECONFIG decides
run env KUBECONFIG="bad.yaml:good.yaml" "$INTENTCTL" verify dist --sites sites.yaml --site edge1
expect_rc 3 "the first file's user wins (wrong token)"
run env KUBECONFIG="bad.yaml:good.yaml" kubectl --cache-dir "$SCRATCH/kubectl-cache" get rootsync -n config-management-system
expect_rc 1 "kubectl merges the same way"
run env KUBECONFIG="$SCRATCH/missing.yaml:good.yaml:bad.yaml" "$INTENTCTL" verify dist --sites sites.yaml --site edge1
expect_rc 0 "missing files in KUBECONFIG are skipped; the first existing file wins"
run env KUBECONFIG="$SCRATCH/missing.yaml:good.yaml:bad.yaml" kubectl --cache-dir "$SCRATCH/kubectl-cache" get rootsync -n config-management-system
expect_rc 0 "kubectl agrees"

# --context picks a context another file defines.
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --out other.yaml --context other-context
run env KUBECONFIG="bad.yaml:other.yaml" "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --context other-context
expect_rc 0 "--context from the second file"
run env KUBECONFIG="bad.yaml:other.yaml" kubectl --cache-dir "$SCRATCH/kubectl-cache" --context other-context get rootsync -n config-management-system -o name
expect_rc 0 "kubectl --context"
run env KUBECONFIG="bad.yaml:other.yaml" "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --context nope
expect_rc 2 "unknown context"
expect_contains "$SCRATCH/err" 'context "nope" not found (contexts: other-context, site)' "known contexts listed"

# No kubeconfig anywhere: the cluster check is skipped, not failed.
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1
expect_rc 0 "no kubeconfig"
expect_contains "$SCRATCH/out" "edge1  cluster  skip  no kubeconfig for edge1" "skip line"

finish
