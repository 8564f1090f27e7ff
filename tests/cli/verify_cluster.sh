#!/usr/bin/env bash
# verify's cluster check against the loopback Kubernetes fixture: every
# RootSync status the nomos rules tell apart, the ResourceGroup's status of
# each object, bundles (Ready=False fails unless still progressing),
# ProvisioningRequests, missing objects, refused auth, server errors and slow
# answers; the three outcomes in text, JSON and JUnit; and the real kubectl
# reading the same objects through the same kubeconfig.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"
require_tool kubectl

publish_sample
HEAD1=$(head_of edge1)
SHORT1=${HEAD1:0:7}
verify_edge1() { run "$INTENTCTL" verify --sites sites.yaml --site edge1 dist "$@"; }

# --- all good -----------------------------------------------------------------
load_cluster edge1
verify_edge1
expect_rc 0 "synced cluster"
expect_contains "$SCRATCH/out" "edge1  cluster  pass  RootSync root-sync: SYNCED at $SHORT1; 11/11 objects present; 11/11 Current; 2/2 bundles Ready; 1/1 ProvisioningRequest fulfilled" "cluster pass line"
expect_contains "$SCRATCH/out" "edge1  slo      skip  no metrics source for edge1" "slo not configured"

# The real kubectl sees the same objects through the same kubeconfig.
run kube --kubeconfig kc-edge1.yaml get rootsync root-sync -n config-management-system -o 'jsonpath={.status.sync.commit} {.status.conditions[?(@.type=="Syncing")].status}'
expect_rc 0 "kubectl get rootsync"
expect_contains "$SCRATCH/out" "$HEAD1 False" "kubectl reads the synced commit"
run kube --kubeconfig kc-edge1.yaml get cnbundles,ranbundles -n intent-to-krm -o name
expect_rc 0 "kubectl get bundles"
expect_contains "$SCRATCH/out" "cnbundle.cn.nephio.org/cn-bundle-edge-analytics-two-sites-cn" "kubectl lists the CN bundle"
expect_contains "$SCRATCH/out" "ranbundle.ran.nephio.org/ran-bundle-edge-analytics-two-sites-ran" "kubectl lists the RAN bundle"
run kube --kubeconfig kc-edge1.yaml get provisioningrequest pr-edge-svc-001 -o 'jsonpath={.status.provisioningStatus.provisioningState}'
expect_rc 0 "kubectl get provisioningrequest (cluster-scoped)"
expect_contains "$SCRATCH/out" "fulfilled" "kubectl reads the provisioning state"
run kube --kubeconfig kc-edge1.yaml get ns intent-to-krm edge1 -o name
expect_rc 0 "kubectl get namespaces"
run kube --kubeconfig kc-edge1.yaml get configmap -n intent-to-krm -o name
expect_contains "$SCRATCH/out" "configmap/expectation-edge-svc-001" "kubectl lists the expectation ConfigMaps"

# --- RootSync statuses ------------------------------------------------------------
load_cluster edge1 --rootsync pending --old-commit 9d01b2e0000000000000000000000000000000aa
verify_edge1
expect_rc 1 "Syncing=True is not synced (one pass)"
expect_contains "$SCRATCH/out" "edge1  cluster  pending  RootSync root-sync: PENDING (source $SHORT1, sync 9d01b2e)" "pending line"
expect_contains "$SCRATCH/out" "edge1  slo      skip" "slo line still there"
expect_contains "$SCRATCH/err" "still pending: edge1 cluster (use --wait to wait for them)" "pending explained"

load_cluster edge1 --rootsync no-syncing
verify_edge1
expect_rc 1 "no Syncing condition"
expect_contains "$SCRATCH/out" "RootSync root-sync: PENDING" "no Syncing condition is PENDING"

load_cluster edge1 --rootsync reconciling
verify_edge1
expect_rc 1 "Reconciling=True"
expect_contains "$SCRATCH/out" "RootSync root-sync: RECONCILING" "reconciling"

load_cluster edge1 --rootsync stalled
verify_edge1
expect_rc 1 "Stalled=True"
expect_contains "$SCRATCH/out" "edge1  cluster  fail  RootSync root-sync: STALLED: Validation: KNV1061: RootSyncs must specify spec.git.auth" "stalled shows the reconciler's message"

load_cluster edge1 --rootsync error
verify_edge1
expect_rc 1 "sync errors at the commit"
expect_contains "$SCRATCH/out" "edge1  cluster  fail  RootSync root-sync: ERROR at $SHORT1: 1 error" "error line"
expect_contains "$SCRATCH/out" 'KNV2009: failed to apply CNBundle.cn.nephio.org, intent-to-krm/cn-bundle-broken: admission webhook "validate.cn.nephio.org" denied the request' "the reconciler's own error"

load_cluster edge1 --rootsync old-commit --old-commit 9d01b2e0000000000000000000000000000000aa
verify_edge1
expect_rc 1 "synced at another commit"
expect_contains "$SCRATCH/out" "RootSync root-sync: SYNCED at 9d01b2e, waiting for $SHORT1" "old commit"

load_cluster edge1 --rootsync old-generation
verify_edge1
expect_rc 1 "generation not observed"
expect_contains "$SCRATCH/out" "spec generation 2 not yet observed (observed 1)" "observedGeneration rule"

load_cluster edge1 --rootsync missing
verify_edge1
expect_rc 1 "no RootSync"
expect_contains "$SCRATCH/out" "RootSync config-management-system/root-sync not found" "missing RootSync"

# --- bundles and ProvisioningRequests -------------------------------------------------
load_cluster edge1 --bundles not-ready
verify_edge1
expect_rc 1 "bundles not Ready"
expect_contains "$SCRATCH/out" "0/2 bundles Ready" "bundle count"
expect_contains "$SCRATCH/out" "edge1  cluster  pending" "a progressing bundle is pending"
expect_contains "$SCRATCH/out" "CNBundle intent-to-krm/cn-bundle-edge-analytics-two-sites-cn (apps/intent/edge-analytics-two-sites-cn.yaml): not Ready: Ready=False Progressing: waiting for the network function" "bundle condition shown"

# Ready=False for a reason that is no progress is a measured failure.
load_cluster edge1 --bundles failed
verify_edge1
expect_rc 1 "a bundle that failed"
expect_contains "$SCRATCH/out" "edge1  cluster  fail" "Ready=False InstallFailed fails"
expect_contains "$SCRATCH/out" "not Ready: Ready=False InstallFailed: network function image upf:9.9 not found" "the bundle's own words"

load_cluster edge1 --bundles phase
verify_edge1
expect_rc 0 "status.phase Ready counts"

load_cluster edge1 --bundles no-status
verify_edge1
expect_rc 1 "bundles without status"
expect_contains "$SCRATCH/out" "not Ready: no status yet" "no status"

load_cluster edge1 --pr progressing
verify_edge1
expect_rc 1 "ProvisioningRequest progressing"
expect_contains "$SCRATCH/out" "edge1  cluster  pending" "progressing is pending"
expect_contains "$SCRATCH/out" "ProvisioningRequest pr-edge-svc-001 (o2ims/edge-svc-001.yaml): progressing: Cluster installation in progress" "progressing detail"

load_cluster edge1 --pr failed
verify_edge1
expect_rc 1 "ProvisioningRequest failed"
expect_contains "$SCRATCH/out" "edge1  cluster  fail" "failed is a failure"
expect_contains "$SCRATCH/out" "ProvisioningRequest pr-edge-svc-001 (o2ims/edge-svc-001.yaml): failed: Cluster installation failed: template nephio-workload-cluster v3.0.0 not found" "failure message"

load_cluster edge1 --pr deleting
verify_edge1
expect_rc 1 "ProvisioningRequest deleting"
expect_contains "$SCRATCH/out" "ProvisioningRequest pr-edge-svc-001 (o2ims/edge-svc-001.yaml): is being deleted" "deleting"

# --- the ResourceGroup: each object's status, as nomos status --resources shows it ----------
CM=ConfigMap/expectation-edge-svc-001
CM_LINE="ConfigMap intent-to-krm/expectation-edge-svc-001 (apps/intent/edge-svc-001.yaml)"
load_cluster edge1 --rg-status "$CM=InProgress,Succeeded,Pending"
verify_edge1
expect_rc 1 "an object still reconciling (one pass)"
expect_contains "$SCRATCH/out" "edge1  cluster  pending  RootSync root-sync: SYNCED at $SHORT1; 11/11 objects present; 10/11 Current" "counts"
expect_contains "$SCRATCH/out" "$CM_LINE: ResourceGroup: InProgress, actuation Succeeded, reconcile Pending" "which object, and why"

load_cluster edge1 --rg-status "$CM=Failed,Succeeded,Failed"
verify_edge1
expect_rc 1 "an object Config Sync failed to reconcile"
expect_contains "$SCRATCH/out" "edge1  cluster  fail" "a failed object fails"
expect_contains "$SCRATCH/out" "$CM_LINE: ResourceGroup: Failed, actuation Succeeded, reconcile Failed: admission webhook denied the request: quota exceeded" "the condition's message"
run "$INTENTCTL" verify --sites sites.yaml --site edge1 dist --format json
python3 - "$SCRATCH/out" <<'PY' && pass || fail "per-object status in the JSON output"
import json, sys
record = json.load(open(sys.argv[1]))["sites"][0]
assert record["status"] == "fail", record["status"]
cluster = [c for c in record["checks"] if c["check"] == "cluster"][0]
objects = {o["object"]: o for o in cluster["objects"]}
assert len(objects) == 11, len(objects)
cm = objects["ConfigMap intent-to-krm/expectation-edge-svc-001"]
assert (cm["kstatus"], cm["actuation"], cm["reconcile"], cm["status"]) == ("Failed", "Succeeded", "Failed", "fail"), cm
assert len(cm["sourceHash"]) == 7, cm
bundle = objects["CNBundle intent-to-krm/cn-bundle-edge-analytics-two-sites-cn"]
assert (bundle["kstatus"], bundle["status"]) == ("Current", "pass"), bundle
PY
run kube --kubeconfig kc-edge1.yaml get resourcegroup root-sync -n config-management-system -o 'jsonpath={.status.resourceStatuses[?(@.name=="expectation-edge-svc-001")].status}'
expect_rc 0 "kubectl reads the same ResourceGroup"
expect_contains "$SCRATCH/out" "Failed" "kubectl sees the failed object"

load_cluster edge1 --rg-conflict "$CM"
verify_edge1
expect_rc 1 "an object another RootSync owns"
expect_contains "$SCRATCH/out" "$CM_LINE: ResourceGroup: Conflict (another RootSync or RepoSync manages it): This resource is managed by RootSync config-management-system/other" "conflict, as nomos says"

load_cluster edge1 --rg-hash 9d01b2e
verify_edge1
expect_rc 1 "objects applied from another commit"
expect_contains "$SCRATCH/out" "edge1  cluster  pending" "an old source hash waits"
expect_contains "$SCRATCH/out" "ResourceGroup: applied from 9d01b2e, waiting for $SHORT1" "the source hash compared"

load_cluster edge1 --rg-drop "$CM"
verify_edge1
expect_rc 1 "an object the ResourceGroup does not list yet"
expect_contains "$SCRATCH/out" "$CM_LINE: not in the ResourceGroup yet" "not listed"

load_cluster edge1 --resourcegroup stale
verify_edge1
expect_rc 1 "a ResourceGroup whose status is behind its spec"
expect_contains "$SCRATCH/out" "ResourceGroup status of generation 2 not yet observed" "stale group"

load_cluster edge1 --resourcegroup stalled
verify_edge1
expect_rc 1 "a stalled ResourceGroup"
expect_contains "$SCRATCH/out" "edge1  cluster  fail  RootSync root-sync: SYNCED at $SHORT1; ResourceGroup Stalled: InvalidInventory: the inventory cannot be read" "stalled group"

# Without a ResourceGroup (another engine, an older Config Sync): the objects alone.
load_cluster edge1 --resourcegroup none
verify_edge1
expect_rc 0 "no ResourceGroup"
expect_contains "$SCRATCH/out" "edge1  cluster  pass  RootSync root-sync: SYNCED at $SHORT1; 11/11 objects present; 2/2 bundles Ready; 1/1 ProvisioningRequest fulfilled" "no Current count without a group"

# --- missing objects, checked against kubectl -----------------------------------------
load_cluster edge1 --drop ConfigMap/expectation-edge-svc-001 --drop ProvisioningRequest/pr-edge-svc-001
verify_edge1
expect_rc 1 "missing objects"
expect_contains "$SCRATCH/out" "9/11 objects present" "count of present objects"
expect_contains "$SCRATCH/out" "ConfigMap intent-to-krm/expectation-edge-svc-001 (apps/intent/edge-svc-001.yaml): not found" "missing namespaced object named"
expect_contains "$SCRATCH/out" "ProvisioningRequest pr-edge-svc-001 (o2ims/edge-svc-001.yaml): not found" "missing cluster-scoped object named"
run kube --kubeconfig kc-edge1.yaml get configmap expectation-edge-svc-001 -n intent-to-krm
expect_rc 1 "kubectl agrees the ConfigMap is missing"
expect_contains "$SCRATCH/err" 'configmaps "expectation-edge-svc-001" not found' "kubectl NotFound"

load_cluster edge1 --drop CustomResourceDefinition/cnbundles.cn.nephio.org
verify_edge1
expect_rc 1 "a kind the cluster does not serve"
expect_contains "$SCRATCH/out" "the cluster does not serve cn.nephio.org/v1alpha1 CNBundle" "unserved kind"
run kubectl --cache-dir "$SCRATCH/fresh-cache" --kubeconfig kc-edge1.yaml get cnbundles -n intent-to-krm
expect_rc 1 "kubectl agrees the kind is not served"
expect_contains "$SCRATCH/err" 'the server doesn'"'"'t have a resource type "cnbundles"' "kubectl says so too"

# --- the API server misbehaving ------------------------------------------------------
load_cluster edge1 --fault 'rootsyncs=500'
verify_edge1
expect_rc 3 "HTTP 500"
expect_contains "$SCRATCH/out" "edge1  cluster  unknown" "unknown line"
expect_contains "$SCRATCH/out" "HTTP 500: injected fault" "the server's message"
expect_contains "$SCRATCH/out" "edge1  slo      skip" "no slo line lost"

"$FIXTURE" kubeconfig "$STATE" edge1 --token wrong-token --out kc-edge1.yaml
load_cluster edge1
verify_edge1
expect_rc 3 "wrong token"
expect_contains "$SCRATCH/out" "authentication refused (HTTP 401): Unauthorized (context edge1 of kc-edge1.yaml)" "401 explained"
expect_not_contains "$SCRATCH/out" "wrong-token" "the token is never printed"
expect_not_contains "$SCRATCH/err" "wrong-token" "the token is never printed on stderr"
run kube --kubeconfig kc-edge1.yaml get rootsync -n config-management-system
expect_rc 1 "kubectl is refused as well"
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --out kc-edge1.yaml

load_cluster edge1 --fault 'rootsyncs=0:4000'
start=$(date +%s)
verify_edge1 --timeout 1s
expect_rc 4 "slow API server runs into --timeout"
[ $(( $(date +%s) - start )) -le 3 ] && pass || fail "the timeout took too long"
expect_contains "$SCRATCH/out" "edge1  cluster  pending" "a request the deadline cut off is pending"
expect_contains "$SCRATCH/out" "no answer before the deadline" "timeout explained"
expect_contains "$SCRATCH/err" "timed out after 1s waiting for: edge1 cluster" "what the deadline cut off"

# --- both sites at once, JUnit ------------------------------------------------------------
load_cluster edge1
load_cluster edge2 --pr failed
run "$INTENTCTL" verify --sites sites.yaml dist --format junit
expect_rc 1 "one of two sites fails"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "JUnit report"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("tests") == "6", root.attrib
suites = {s.get("name"): s for s in root.findall("testsuite")}
assert set(suites) == {"edge1", "edge2"}
assert suites["edge1"].get("failures") == "0" and suites["edge2"].get("failures") == "1"
failure = suites["edge2"].find("testcase[@name='cluster']/failure")
assert failure is not None and "template nephio-workload-cluster" in failure.text
assert suites["edge1"].find("testcase[@name='slo']/skipped") is not None
PY

finish
