#!/usr/bin/env bash
# One flag rule (intentctl(1), "Flags"): -o/--output is where the output goes
# and --format what it looks like, in every command; a short flag means what
# its long form means everywhere; a format's name given to -o is a usage error
# that names --format and creates nothing; help shows no parser notation.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git

samples=$SOURCE_DIR/samples
cd "$SCRATCH"

# ---- every command's help: one meaning per short flag, -o is --output, formats are --format
for command in $("$INTENTCTL" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
  "$INTENTCTL" "$command" --help >"help-$command" || fail "$command --help"
  awk -v c="$command" '$1 ~ /^-[a-zA-Z],$/ { print substr($1, 1, 2), $2, c }' "help-$command" >>pairs
  # --format lists its values and has no short form.
  grep -E '^ +(-[a-z], )?--format' "help-$command" | grep -vqE '^ {6}--format [a-z]+(\|[a-z]+)+( |$)' &&
    fail "$command: $(grep -E -- '--format' "help-$command")" || pass
  grep -E '^ +-o, ' "help-$command" | grep -vqE '^ +-o, --output (FILE|DIR) ' &&
    fail "$command: -o is not --output FILE|DIR: $(grep -E '^ +-o, ' "help-$command")" || pass
  # CLI11's notation stays out of help: no {a,b}, =default, Excludes, REQUIRED, TEXT, UINT, [1 - 256].
  grep -nE ':\{|=[a-z]+$|Excludes|Needs|REQUIRED|TEXT|UINT|\[[0-9]+ - [0-9]+\]' "help-$command" >notation || true
  [ ! -s notation ] && pass || fail "$command --help shows parser notation: $(cat notation)"
done
sort -u pairs | awk '{ print $1, $2 }' | sort -u >short-long
awk '{ print $1 }' short-long | uniq -d >ambiguous
[ ! -s ambiguous ] && pass || fail "a short flag means two things: $(grep -F -f ambiguous short-long | tr '\n' ' ')"
grep -qx -- '-o --output' short-long && pass || fail "-o is not --output: $(cat short-long)"

# ---- a format's name given to -o: exit 2, a hint naming --format, nothing created
crossover() { # what-is-named hint command...
  local named=$1 hint=$2
  shift 2
  rm -rf cross && mkdir cross && cd cross
  run "$INTENTCTL" "$@"
  cd "$SCRATCH"
  expect_rc 2 "$*"
  expect_contains "$SCRATCH/err" "\"$named\" is the name of an output format" "$*: says why"
  expect_contains "$SCRATCH/err" "hint: $hint" "$*: the hint"
  [ -z "$(ls -A cross)" ] && pass || fail "$*: created $(ls -A cross)"
}
cp "$samples/tmf921/urllc-robot-cell.json" tmf.json
"$INTENTCTL" translate -q tmf.json >intent.json
crossover yaml "-o names where the output goes; the format is --format yaml" translate "$SCRATCH/tmf.json" -o yaml
crossover json "-o names where the output goes; the format is --format json" translate "$SCRATCH/tmf.json" --output json
crossover yaml "render writes YAML: -o - streams it to standard output" render "$SCRATCH/intent.json" -o yaml
crossover json "render writes YAML: -o - streams it to standard output" render "$SCRATCH/intent.json" -o json
crossover json "-o names where the output goes; the format is --format json" validate -o json "$SCRATCH/intent.json"
crossover yaml "-o names where the output goes; --format takes text, json, junit or sarif" validate -o yaml "$SCRATCH/intent.json"
crossover junit "-o names where the output goes; the format is --format junit" verify -o junit
crossover json "-o names where the output goes; the format is --format json" publish -o json
expect_contains "$SCRATCH/err" "(a file named json: -o ./json)" "the way to a file named like a format"

# ---- translate: -o FILE writes FILE; --format says how; -o - is standard output
run "$INTENTCTL" translate -q tmf.json -o out.json
expect_rc 0 "translate -o out.json"
[ ! -s "$SCRATCH/out" ] && cmp -s out.json intent.json && pass || fail "translate -o out.json wrote out.json"
run "$INTENTCTL" translate -q tmf.json --output out.yaml --format yaml
expect_rc 0 "translate --output out.yaml --format yaml"
grep -q '^id: urllc-robot-cell' out.yaml && pass || fail "--format yaml into out.yaml: $(head -3 out.yaml)"
run "$INTENTCTL" translate -q tmf.json -o -
cmp -s "$SCRATCH/out" intent.json && pass || fail "translate -o - writes standard output"
run "$INTENTCTL" translate -q tmf.json -o ./yaml
expect_rc 0 "-o ./yaml is a file named yaml"
[ -f yaml ] && pass || fail "-o ./yaml wrote ./yaml"

# ---- render: -o - streams; --stdout still works, and says what to write instead
run "$INTENTCTL" render -q intent.json -o -
expect_rc 0 "render -o -"
cp "$SCRATCH/out" stream.yaml
grep -q '^kind: CNBundle' stream.yaml && pass || fail "render -o - streams YAML"
run "$INTENTCTL" render intent.json --stdout
expect_rc 0 "render --stdout (deprecated)"
cmp -s "$SCRATCH/out" stream.yaml && pass || fail "--stdout streams what -o - does"
expect_contains "$SCRATCH/err" "warning: --stdout is deprecated; write -o - instead" "--stdout warns"
run "$INTENTCTL" render -q intent.json --stdout -o dist
expect_rc 2 "--stdout with -o DIR"
[ ! -e dist ] && pass || fail "--stdout -o dist created dist"
"$INTENTCTL" --help | grep -q -- --stdout && fail "--stdout is shown in help" || pass
"$INTENTCTL" render --help | grep -q -- --stdout && fail "--stdout is shown in render --help" || pass

# ---- validate, publish, verify: -o FILE takes the report; the exit code is the command's
"$INTENTCTL" render -q intent.json -o dist
run "$INTENTCTL" validate dist --format junit -o report.xml
expect_rc 0 "validate -o report.xml"
[ ! -s "$SCRATCH/out" ] && grep -q '<testsuites' report.xml && pass || fail "validate -o report.xml: $(head -3 report.xml)"
cp -r dist broken
sed -i 's/^  objectInstance: robot-cell-slice/  objectInstance: [robot-cell-slice]/' broken/edge1/apps/intent/cn-cap-001.yaml
run "$INTENTCTL" validate broken --format json -o findings.json
expect_rc 1 "validate of an invalid tree into a file"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' findings.json && pass || fail "findings.json is JSON"
run "$INTENTCTL" validate - - -o never.json
expect_rc 2 "validate of standard input twice"
[ ! -e never.json ] && pass || fail "an error that stops validate wrote the report file"

run "$INTENTCTL" publish dist --format json -o published.json
expect_rc 0 "publish -o published.json"
[ ! -s "$SCRATCH/out" ] && grep -q '"status"' published.json && pass || fail "publish -o FILE: $(cat published.json)"
run "$INTENTCTL" verify dist --format json --output verified.json
expect_rc 0 "verify --output verified.json"
[ ! -s "$SCRATCH/out" ] && grep -q '"git"' verified.json && pass || fail "verify -o FILE: $(cat verified.json)"

finish
