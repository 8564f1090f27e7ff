#!/usr/bin/env bash
# One entry point for a fresh Debian machine.
#   ./build.sh demo   install what is missing, build, run the sample intent through the pipeline
#   ./build.sh test   the same set-up, then the whole test suite (and the sanitizer build)
#   ./build.sh build  install what is missing and build only
# As root it installs missing Debian packages itself; as another user it prints
# the exact apt-get line to run and stops.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-demo}
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}

build_packages=(g++ cmake ninja-build pkg-config git libyaml-dev nlohmann-json3-dev libgit2-dev libfmt-dev
  doctest-dev libcli11-dev libvalijson-dev libcurl4-openssl-dev libssh2-1-dev libssl-dev)
test_packages=(python3 python3-jsonschema python3-yaml openssl lighttpd openssh-server openssh-client make mandoc zsh fish tmux
  hyperfine clang libclang-rt-14-dev dpkg-dev lintian prometheus stress-ng curl)
# kubectl (for kubectl kustomize and the verify tests) is Debian's kubernetes-client,
# unless a kubectl is already there (installed otherwise, it would clash with the
# package's). kpt is not packaged: its tests are reported as skipped without it.
command -v kubectl >/dev/null 2>&1 || test_packages+=(kubernetes-client)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' || echo "$pkg"
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "intentctl needs these Debian packages; install them, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The test command's builds: warnings are errors, and the debug information is
# line tables only (-g1: enough for sanitizer reports and backtraces, at a
# fraction of the compile time that full debug information of CLI11's and
# valijson's templates takes).
test_build_options=(-DINTENTCTL_WERROR=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")

configure_and_build() { # dir [cmake args...]
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  ninja -C "$dir" -j "$jobs"
}

demo() {
  local bin=$build_dir/cli/intentctl
  echo "== intentctl translate samples/tmf921/urllc-robot-cell.json > dist/intent.json"
  mkdir -p dist
  "$bin" translate samples/tmf921/urllc-robot-cell.json --output dist/intent.json
  cat dist/intent.json
  echo "== intentctl render dist/intent.json -o dist"
  "$bin" render dist/intent.json -o dist
  echo "== intentctl validate dist/edge1"
  "$bin" validate dist/edge1
  echo "== intentctl publish dist   (no sites file: site edge1, local bare repository .intentctl/remotes/edge1-config.git)"
  "$bin" publish dist
  echo "== git log of .intentctl/remotes/edge1-config.git"
  git --git-dir=.intentctl/remotes/edge1-config.git log --stat --format='%h %an %s%n%(trailers)' main | head -n 40
  echo "== intentctl verify dist   (git check; no kubeconfig and no metrics source: cluster and SLO checks are skipped)"
  "$bin" verify dist
}

run_tests() {
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
  # The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
  configure_and_build build-asan -DINTENTCTL_SANITIZE=ON "${test_build_options[@]}"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=print_suppressions=0:suppressions=$PWD/tests/support/lsan.supp ctest --test-dir build-asan --output-on-failure -j "$jobs"
}

case "$mode" in
  demo) install_packages "${build_packages[@]}"; configure_and_build "$build_dir"; demo ;;
  build) install_packages "${build_packages[@]}"; configure_and_build "$build_dir" ;;
  test) install_packages "${build_packages[@]}" "${test_packages[@]}"; configure_and_build "$build_dir" "${test_build_options[@]}"; run_tests ;;
  *) echo "usage: ./build.sh [demo|test|build]" >&2; exit 2 ;;
esac
