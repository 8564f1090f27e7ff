#!/usr/bin/env bash
# One voice for errors (intentctl(1), Diagnostics): every command's error
# paths print lines of two shapes only, "FILE:LINE:COL: error: ..." with a
# position and "intentctl CMD: error: ..." without, each optionally followed
# by "hint: ..."; warnings alike. Colours on a terminal, for every command's
# errors and warnings, validate's findings, verify's and check's outcomes;
# none in a pipe, in a file, with NO_COLOR set and not empty, or --no-color.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool script
require_tool git
unset INTENTCTL_SITES INTENTCTL_GIT_TOKEN INTENTCTL_GIT_USERNAME KUBECONFIG NO_COLOR
cd "$SCRATCH"

# ---- fixtures: an intent, a rendered and published tree, broken inputs
"$INTENTCTL" translate -q "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" >intent.json
mkdir -p repos
git init -q --bare -b main repos/edge1.git
printf 'sites:\n  edge1:\n    repo: repos/edge1.git\n' >sites.yaml
printf 'sites:\n  edge1:\n    repo: repos/edge1.git\n    kubeconfig: kc.yaml\n    context: nope\n' >sites-kc.yaml
printf 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' >kc.yaml
printf 'sites:\n  edge1:\n    repo: repos/edge1.git\n    colour: red\n' >bad-sites.yaml
printf '{"intent": "x",\n  "requirements": {"latency": "roughly 1ms"}}\n' >bad.json
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [a]}\n' >bad-krm.yaml
"$INTENTCTL" render -q intent.json --sites sites.yaml -o dist
"$INTENTCTL" publish -q --sites sites.yaml dist >/dev/null
cat >video.yaml <<'YAML'
id: robot-cell-video
intentExpectations:
  - expectationId: cn-video-001
    expectationObject:
      objectType: 5GC_SubNetwork
      objectInstance: robot-cell-slice
      objectContexts:
        - {contextAttribute: networkSlice, contextCondition: IS_EQUAL_TO, contextValueRange: urllc-robot}
        - {contextAttribute: sNssai, contextCondition: IS_EQUAL_TO, contextValueRange: 1-000004}
    expectationTargets:
      - {targetName: latency, targetCondition: IS_GREATER_THAN, targetValueRange: 5000us}
intentContexts:
  - {contextAttribute: DeploymentSite, contextCondition: IS_ONE_OF, contextValueRange: [edge1]}
YAML

# ---- the shapes
positioned='^[^ :][^:]*:[0-9]+(:[0-9]+)?: (error|warning|note): [^ ].*$'
unpositioned='^intentctl( [a-z]+)?: (error|warning|note): [^ ].*$'
hint='^hint: [^ ].*$'

# shaped EXIT-CODE ARGS...: runs intentctl ARGS in a pipe; it must exit with
# EXIT-CODE, say at least one error, and every line on stderr must have one
# of the shapes, a hint only right after an error or a warning. validate's
# findings are its report, on stdout: there, every line but the summary.
shaped() {
  local code=$1
  shift
  run "$INTENTCTL" "$@"
  local what="intentctl $*" said="$SCRATCH/err"
  if [ "$1" = validate ]; then
    grep -v '^Summary: ' "$SCRATCH/out" >"$SCRATCH/said" || true
    cat "$SCRATCH/err" >>"$SCRATCH/said"
    said="$SCRATCH/said"
  fi
  expect_rc "$code" "$what"
  grep -qE "(${positioned//\(error|warning|note\)/error})|(${unpositioned//\(error|warning|note\)/error})" "$said" &&
    pass || fail "$what: no error line: $(cat "$said")"
  local line previous=
  while IFS= read -r line; do
    if [[ $line =~ $positioned || $line =~ $unpositioned ]]; then
      previous=diagnostic
    elif [[ $line =~ $hint ]] && [ "$previous" = diagnostic ]; then
      previous=hint
    else
      fail "$what: a line of another shape: '$line'"
      return
    fi
  done <"$said"
  pass
  if grep -q $'\033' "$SCRATCH/err" "$SCRATCH/out"; then fail "$what: colours in a pipe"; else pass; fi
}

# Global flags and commands.
shaped 2 --bogus
shaped 2 bogus
shaped 2 translate --bogus
expect_contains "$SCRATCH/err" 'intentctl translate: error: unknown flag "--bogus"' "an unknown flag names the command"
shaped 2 help bogus
shaped 2 version extra
shaped 2 completion
shaped 2 completion tcsh
shaped 2 completion sites --sites nope.yaml
expect_contains "$SCRATCH/err" "intentctl completion: error: nope.yaml: cannot read" "a file without a position goes in the message"

# translate
shaped 2 translate nope.json
expect_contains "$SCRATCH/err" "intentctl translate: error: nope.json: cannot read" "translate: a missing file"
shaped 2 translate bad.json
expect_contains "$SCRATCH/err" "bad.json:2:" "translate: the position"
shaped 2 translate -o json intent.json
expect_contains "$SCRATCH/err" "hint: " "translate -o json: a hint"
shaped 2 translate --format xml intent.json

# check
shaped 2 check nope.yaml
shaped 2 check intent.json --sites bad-sites.yaml
expect_contains "$SCRATCH/err" "bad-sites.yaml:4:5: error: " "check: a bad sites file at its position"
shaped 2 check intent.json --site edge9

# render
shaped 2 render intent.json
expect_contains "$SCRATCH/err" "intentctl render: error: name the output folder" "render without -o"
shaped 2 render nope.json -o out
shaped 2 render bad.json -o out
shaped 2 render -o yaml intent.json
shaped 2 render intent.json --sites nope.yaml -o out
shaped 2 render intent.json --site edge9 -o out
shaped 1 render intent.json video.yaml -o out
expect_contains "$SCRATCH/err" "intentctl render: error: nothing rendered" "render: the conflict's summary"
mkdir -p owned/edge1/apps/intent && echo stray >owned/edge1/apps/intent/cn-cap-001.yaml
shaped 2 render intent.json -o owned
expect_contains "$SCRATCH/err" "intentctl render: error: owned/edge1: 1 file that render did not write" "render: someone else's file"
shaped 2 render --stdout intent.json -o out
expect_contains "$SCRATCH/err" "intentctl render: warning: --stdout is deprecated" "a warning has the shape too"

# validate
shaped 2 validate nope.yaml
expect_contains "$SCRATCH/out" "intentctl validate: error: nope.yaml: cannot read" "validate's unreadable file, in the report"
shaped 2 validate -o json intent.json
shaped 2 validate --kind nope intent.json
shaped 1 validate -q bad-krm.yaml
expect_contains "$SCRATCH/out" "bad-krm.yaml:3:" "validate's finding at its position"

# publish
shaped 2 publish nodir
expect_contains "$SCRATCH/err" "intentctl publish: error: nodir: no such folder" "publish: a missing folder in the message"
expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... -o nodir' first" "publish: the hint"
shaped 2 publish --sites sites.yaml dist/edge1
shaped 2 publish --sites sites.yaml --site edge9 dist
shaped 2 publish --sites sites.yaml --timeout 0s dist
shaped 2 publish --sites bad-sites.yaml dist

# verify
shaped 2 verify nodir
expect_contains "$SCRATCH/err" "intentctl verify: error: nodir: no such folder" "verify: a missing folder in the message"
shaped 2 verify --sites sites-kc.yaml dist
expect_contains "$SCRATCH/err" 'intentctl verify: error: kc.yaml: context "nope" not found' "verify: a kubeconfig without a line"
shaped 2 verify --sites sites.yaml --slo 'latency <' dist
expect_contains "$SCRATCH/err" "--slo:1:" "verify: --slo at its column"
shaped 2 verify --sites sites.yaml --interval 0s dist

# ---- notes: the same shapes, each naming its command; summary lines as they are
summary='^(rendered [0-9]+ expectations? for |wrote [0-9]+ IntentReports? into |Summary: )'
noted() { # ARGS...: intentctl ARGS succeeds, and every line on stderr is a diagnostic, a hint or a summary
  run "$INTENTCTL" "$@"
  expect_rc 0 "intentctl $*"
  local line
  while IFS= read -r line; do
    [[ $line =~ $positioned || $line =~ $unpositioned || $line =~ $hint || $line =~ $summary ]] ||
      { fail "intentctl $*: a line of another shape: '$line'"; return; }
  done <"$SCRATCH/err"
  pass
}
noted translate "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json"
expect_contains "$SCRATCH/err" "intentctl translate: note: 5 input fields have no place in 28.312" "translate's note"
noted check intent.json
expect_contains "$SCRATCH/err" "intentctl check: note: the feasibility of 1 intent is unknown" "check's note"
mkdir -p kept/edge1 && echo "apiVersion: kpt.dev/v1" >kept/edge1/Kptfile
noted render intent.json -o kept
expect_contains "$SCRATCH/err" "intentctl render: note: kept/edge1: kept 1 file that render did not write: Kptfile" \
  "render's note"
git init -q --bare -b main repos/foreign.git
git clone -q repos/foreign.git foreign 2>/dev/null
echo "# the platform team's" >foreign/README.md
git -C foreign add README.md
git -C foreign -c user.name=Someone -c user.email=someone@example.net commit -qm "README"
git -C foreign push -q origin main
printf 'sites:\n  edge1:\n    repo: repos/foreign.git\n' >foreign-sites.yaml
noted publish --sites foreign-sites.yaml dist
expect_contains "$SCRATCH/err" "intentctl publish: note: edge1: kept 1 file on main" "publish's note"

# ---- colours on a terminal, for each command
on_terminal() { # output-file command...: stdout and stderr on one pseudo-terminal
  local out=$1
  shift
  script -qec "$(printf '%q ' "$@")" /dev/null >"$out" </dev/null || true
}
red=$'\033[1;31merror:\033[0m'
coloured() { # description command...: an error in red on a terminal, in no colour otherwise
  local what=$1
  shift
  on_terminal tty.out "$@"
  grep -qaF "$red" tty.out && pass || fail "$what: no red error: on a terminal: $(head -c 400 tty.out | od -c | head -5)"
  on_terminal tty.out env NO_COLOR=1 "$@"
  if grep -qa $'\033\[' tty.out; then fail "$what: colours with NO_COLOR"; else pass; fi
  on_terminal tty.out "$@" --no-color
  if grep -qa $'\033\[' tty.out; then fail "$what: colours with --no-color"; else pass; fi
  on_terminal tty.out env NO_COLOR= "$@"
  grep -qaF "$red" tty.out && pass || fail "$what: an empty NO_COLOR turned colours off"
}
coloured "unknown flag" "$INTENTCTL" render --bogus
coloured "global" "$INTENTCTL" bogus
coloured translate "$INTENTCTL" translate nope.json
coloured check "$INTENTCTL" check nope.yaml
coloured render "$INTENTCTL" render intent.json
coloured validate "$INTENTCTL" validate nope.yaml
coloured publish "$INTENTCTL" publish nodir
coloured verify "$INTENTCTL" verify nodir
coloured completion "$INTENTCTL" completion sites --sites nope.yaml
coloured help "$INTENTCTL" help bogus

# A hint and a warning have their colours.
on_terminal tty.out "$INTENTCTL" publish nodir
grep -qaF $'\033[1;36mhint:\033[0m' tty.out && pass || fail "hint: is not cyan: $(od -c tty.out | head -5)"
on_terminal tty.out "$INTENTCTL" render --stdout intent.json -o out
grep -qaF $'\033[1;35mwarning:\033[0m' tty.out && pass || fail "warning: is not magenta: $(od -c tty.out | head -5)"

on_terminal tty.out "$INTENTCTL" render intent.json -o kept
grep -qaF $'intentctl render: \033[1;36mnote:\033[0m kept/edge1: kept' tty.out && pass ||
  fail "note: is not cyan: $(cat -v tty.out)"

# validate's findings on standard output: coloured on a terminal, not in a file.
on_terminal tty.out "$INTENTCTL" validate -q bad-krm.yaml
grep -qaF "$red" tty.out && pass || fail "validate's finding is not red on a terminal: $(od -c tty.out | head -5)"
on_terminal tty.out "$INTENTCTL" validate -q bad-krm.yaml -o report.txt
if grep -qa $'\033\[' report.txt; then fail "colours in validate's -o FILE"; else pass; fi
grep -qF "bad-krm.yaml:3:" report.txt && pass || fail "validate -o FILE lacks the finding"

# verify's outcomes.
on_terminal tty.out "$INTENTCTL" verify --sites sites.yaml dist
grep -qaF $'\033[32mpass\033[0m' tty.out && pass || fail "verify's pass is not green: $(od -c tty.out | head -5)"
grep -qaF $'\033[33mpending\033[0m' tty.out || grep -qaF $'\033[33munknown\033[0m' tty.out ||
  grep -qa 'skip' tty.out && pass || fail "verify's other outcomes: $(cat -v tty.out)"
on_terminal tty.out env NO_COLOR=1 "$INTENTCTL" verify --sites sites.yaml dist
if grep -qa $'\033\[' tty.out; then fail "verify's outcomes with NO_COLOR"; else pass; fi
run "$INTENTCTL" verify --sites sites.yaml dist
expect_contains "$SCRATCH/out" "edge1  git      pass" "verify's outcome in a pipe, plain"

# check's outcomes.
on_terminal tty.out "$INTENTCTL" check intent.json video.yaml
grep -qaF $'\033[1;31mINTENT_CONFLICT\033[0m' tty.out && pass || fail "check's conflict is not red: $(cat -v tty.out)"
on_terminal tty.out "$INTENTCTL" check -v intent.json
grep -qaF $'\033[32mfeasible\033[0m' tty.out || grep -qaF $'\033[33mfeasibility unknown\033[0m' tty.out &&
  pass || fail "check's verdict is not coloured: $(cat -v tty.out)"
run "$INTENTCTL" check intent.json video.yaml
if grep -q $'\033' "$SCRATCH/out"; then fail "check's outcomes coloured in a pipe"; else pass; fi

finish
