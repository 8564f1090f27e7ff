#!/usr/bin/env bash
# INTENTCTL_YAML_FAST_PATH=0 reads every YAML input with libyaml alone, and
# nothing a command says depends on it: validate's findings (positions
# included) and render's tree are the same with the block-subset reader on
# and off, for YAML it reads and YAML it leaves to libyaml.
. "$SOURCE_DIR/tests/support/testlib.sh"
cd "$SCRATCH"

"$INTENTCTL" -q render "$SOURCE_DIR"/samples/28312/*.json -o dist --sites "$SOURCE_DIR/tests/fixtures/render/sites.yaml"
# One file the subset reader reads and breaks, one it leaves to libyaml (an anchor).
bundle=$(find dist -path '*/apps/intent/*.yaml' | sort | head -1)
sed -i 's/^  expectationType: .*/  expectationType: 42/' "$bundle"
cat >dist/anchored.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: &name anchored
  labels: {app: *name}
data:
  count: 3
YAML
printf 'intent: x\nrequirements:\n  latency: "<1ms"\n' >intent.yaml

for format in text json; do
  run "$INTENTCTL" validate dist --format "$format"
  expect_rc 1 "validate --format $format, fast path on"
  mv "$SCRATCH/out" "on.$format"
  INTENTCTL_YAML_FAST_PATH=0 run "$INTENTCTL" validate dist --format "$format"
  expect_rc 1 "validate --format $format, fast path off"
  expect_same "on.$format" "$SCRATCH/out" "validate --format $format says the same with the fast path off"
done
expect_contains on.text "expectationType: expected string, got integer" "the broken bundle is found"
expect_contains on.text "data.count: expected string, got integer" "the anchored file is read"

run "$INTENTCTL" translate intent.yaml
mv "$SCRATCH/out" translated.on
INTENTCTL_YAML_FAST_PATH=0 run "$INTENTCTL" translate intent.yaml
expect_same translated.on "$SCRATCH/out" "translate reads YAML the same with the fast path off"

finish
