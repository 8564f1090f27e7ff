#!/bin/bash
# The layers of lib/ (ARCHITECTURE.md), checked on every #include:
#   - a folder includes only folders below it in LAYERS; the stages share a
#     layer, so no stage includes another;
#   - what goes into the core library never includes what goes into the
#     network module (INTENTCTL_NET_DIRS in lib/CMakeLists.txt), but for
#     net/, the bridge that loads the module and names its entry points;
#   - lib includes nothing of cli/ (no CLI11, no file outside lib/);
#   - every folder of lib/ has a place in LAYERS.
# Usage: layers.sh [LIB_DIR]   (default: the lib/ beside this script)
# A second mode, layers.sh --self-test, checks that the check fails where it must.
set -eu

# Lowest first; the folders of one layer may not include each other.
LAYERS=(
  "util"
  "core"
  "io"
  "krm"
  "model"
  "sites"
  "conflicts"
  "git http"
  "translate render validate check publish verify"
  "net"
)
# Headers the build generates into its own folder.
GENERATED="net_abi.hpp"
# The folder that loads the network module: it names the module's entry points.
BRIDGE="net"

here=$(cd "$(dirname "$0")" && pwd)

declare -A LAYER_OF # folder -> index in LAYERS
for i in "${!LAYERS[@]}"; do
  for folder in ${LAYERS[$i]}; do LAYER_OF[$folder]=$i; done
done

check() { # lib-dir: prints every violation, returns 1 when there is one
  local lib=$1 problems=0 folder file line target target_folder from to where hit
  local net_dirs
  net_dirs=" $(sed -n 's/^set(INTENTCTL_NET_DIRS \(.*\))$/\1/p' "$lib/CMakeLists.txt") "
  if [ "$net_dirs" = "  " ]; then
    echo "$lib/CMakeLists.txt: no set(INTENTCTL_NET_DIRS ...) line"
    return 1
  fi
  for folder in "$lib"/*/; do
    folder=$(basename "$folder")
    if [ -z "${LAYER_OF[$folder]:-}" ]; then
      echo "lib/$folder: a folder with no place in the layers (add it to LAYERS in tests/layers.sh and to ARCHITECTURE.md)"
      problems=$((problems + 1))
    fi
  done
  # FILE:LINE:<TARGET> or FILE:LINE:"TARGET", one line per include.
  while IFS= read -r hit; do
    file=${hit%%:*}
    hit=${hit#*:}
    line=${hit%%:*}
    target=${hit#*:}
    folder=${file#"$lib"/}
    folder=${folder%%/*}
    where="lib/${file#"$lib"/}:$line"
    case "$target" in
      '<CLI/'*)
        echo "$where: includes $target: lib knows nothing of CLI11"
        problems=$((problems + 1))
        continue ;;
      '<'*) continue ;; # the system's and the libraries' headers
    esac
    target=${target#\"}
    target=${target%\"}
    case " $GENERATED " in *" $target "*) continue ;; esac
    target_folder=${target%%/*}
    if [ "$target_folder" = "$target" ] || [ ! -f "$lib/$target" ]; then
      echo "$where: includes \"$target\", which is not a file of lib/ (cli/ and the tests are above lib)"
      problems=$((problems + 1))
      continue
    fi
    [ "$target_folder" = "$folder" ] && continue
    from=${LAYER_OF[$folder]:-}
    to=${LAYER_OF[$target_folder]:-}
    [ -n "$from" ] && [ -n "$to" ] || continue # reported above
    if [ "$to" -eq "$from" ]; then
      echo "$where: $folder includes $target: $folder and $target_folder are on one layer (${LAYERS[$from]}), and neither may include the other"
      problems=$((problems + 1))
    elif [ "$to" -gt "$from" ]; then
      echo "$where: $folder includes $target, from a layer above it (${LAYERS[$to]} is above ${LAYERS[$from]})"
      problems=$((problems + 1))
    fi
    case "$net_dirs $BRIDGE " in
      *" $folder "*) ;;
      *) case "$net_dirs" in *" $target_folder "*)
           echo "$where: $folder (core library) includes $target (network module: INTENTCTL_NET_DIRS)"
           problems=$((problems + 1)) ;;
         esac ;;
    esac
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include' "$lib" --include='*.cpp' --include='*.hpp' --include='*.h' |
             sed -E 's/^([^:]*:[0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*[>"]).*/\1:\2/')
  [ "$problems" -eq 0 ]
}

if [ "${1:-}" = "--self-test" ]; then
  # Each broken tree must fail, naming the include; the copy as it is must pass.
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-layers.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  failures=0
  try() { # description file line-to-add text-the-report-must-hold
    rm -rf "$scratch/lib" && cp -r "$here/../lib" "$scratch/lib"
    mkdir -p "$(dirname "$scratch/lib/$2")"
    echo "$3" >>"$scratch/lib/$2"
    if out=$(check "$scratch/lib"); then
      echo "FAIL: $1: the check passed"; failures=$((failures + 1))
    elif ! grep -qF -- "$4" <<<"$out"; then
      echo "FAIL: $1: the report lacks '$4': $out"; failures=$((failures + 1))
    fi
  }
  try "a stage includes another" verify/verify.cpp '#include "publish/publish.hpp"' \
      'verify includes publish/publish.hpp: verify and publish are on one layer'
  try "a lower layer includes a higher" model/intent.hpp '#include "render/render.hpp"' \
      'model includes render/render.hpp, from a layer above it'
  try "util includes intentctl" util/url.cpp '#include "core/error.hpp"' 'util includes core/error.hpp'
  try "the core includes the network module" render/render.cpp '#include "git/git.hpp"' \
      'render (core library) includes git/git.hpp'
  try "lib includes cli" core/error.cpp '#include "command.hpp"' 'includes "command.hpp", which is not a file of lib/'
  try "lib includes CLI11" io/sink.cpp '#include <CLI/CLI.hpp>' 'lib knows nothing of CLI11'
  try "a folder without a layer" newfolder/thing.hpp '#pragma once' 'lib/newfolder: a folder with no place'
  rm -rf "$scratch/lib" && cp -r "$here/../lib" "$scratch/lib"
  check "$scratch/lib" >/dev/null || { echo "FAIL: the unbroken copy fails"; failures=$((failures + 1)); }
  [ "$failures" -eq 0 ] && echo "the layer check fails on each kind of broken include"
  exit $((failures > 0))
fi

check "${1:-$here/../lib}" && echo "lib/: every include keeps to the layers"
