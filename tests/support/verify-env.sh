# Shared set-up for the verify tests (source it after testlib.sh): the
# loopback Kubernetes fixture, local bare Git remotes, a sites file, and a
# sample intent rendered and published to them. Everything lives in $SCRATCH
# and is stopped and removed on exit.
FIXTURE=$SOURCE_DIR/tests/support/kube-fixture
STATE=$SCRATCH/fixture
SAMPLE=$SOURCE_DIR/samples/28312/edge-analytics-two-sites.json
TOKEN=t0ken-for-tests
export XDG_CACHE_HOME=$SCRATCH/cache
unset KUBECONFIG INTENTCTL_SITES
cd "$SCRATCH"

require_tool python3
require_tool git
require_python_module yaml
require_tool openssl
"$FIXTURE" start "$STATE" >/dev/null
trap '"$FIXTURE" stop "$STATE"; rm -rf "$SCRATCH"' EXIT
API_URL=$(cat "$STATE/url")
METRICS_URL=$(cat "$STATE/metrics-url")

# new_remote NAME: an empty bare repository remotes/NAME.git
new_remote() { git init -q --bare -b main "remotes/$1.git"; }

head_of() { git --git-dir="remotes/$1.git" rev-parse main; }

# write_sites [METRICS]: sites.yaml for edge1 and edge2, each with its own
# remote and kubeconfig (token auth; none with SITES_KUBECONFIG=no); METRICS,
# when given, is the YAML of each site's metrics entry, with @SITE@ standing
# for the site's name.
write_sites() {
  {
    echo "sites:"
    for site in edge1 edge2; do
      echo "  $site:"
      echo "    repo: remotes/$site.git"
      [ "${SITES_KUBECONFIG:-yes}" = no ] || echo "    kubeconfig: kc-$site.yaml"
      [ -z "${1:-}" ] || echo "    metrics: ${1//@SITE@/$site}"
    done
  } >sites.yaml
}

# publish_sample [METRICS]: render the two-site sample and publish it to both remotes.
publish_sample() {
  new_remote edge1
  new_remote edge2
  write_sites "${1:-}"
  for site in edge1 edge2; do "$FIXTURE" kubeconfig "$STATE" "$site" --token "$TOKEN" --out "kc-$site.yaml"; done
  "$INTENTCTL" render -q --sites sites.yaml "$SAMPLE" -o dist
  "$INTENTCTL" publish -q --sites sites.yaml dist >/dev/null
}

# load_cluster SITE [kube-fixture load options...]: the site's cluster holds
# what was published, synced at the branch head unless the options say otherwise.
load_cluster() {
  local site=$1
  shift
  "$FIXTURE" load "$STATE" "$site" --tree "dist/$site" --commit "$(head_of "$site")" --token "$TOKEN" "$@"
}

# kubectl against the fixture, with its discovery cache kept in the scratch folder.
kube() { kubectl --cache-dir "$SCRATCH/kubectl-cache" --request-timeout 20s "$@"; }
