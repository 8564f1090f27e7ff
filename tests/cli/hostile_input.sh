#!/usr/bin/env bash
# Hostile input gets a clear error and exit 2: never a crash, a hang or output.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3

check_refused() { # file expected-message description
  run timeout 20 "$INTENTCTL" translate "$1" --output "$SCRATCH/out.json"
  expect_rc 2 "$3"
  expect_contains "$SCRATCH/err" "$2" "$3"
  [ ! -e "$SCRATCH/out.json" ] && pass || fail "$3: wrote output"
}

# A 1 GiB file (sparse: costs no disk) is refused by its size, before reading.
truncate -s 1G "$SCRATCH/huge.json"
check_refused "$SCRATCH/huge.json" "input is larger than the limit of 256 MiB" "1 GiB file"
# The same through a pipe: refused once the limit is crossed, without reading it all.
set +e
head -c 300M /dev/zero | tr '\0' ' ' | timeout 60 "$INTENTCTL" translate - >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
set -e
expect_rc 2 "300 MiB on stdin"
expect_contains "$SCRATCH/err" "<stdin>: input is larger than the limit" "300 MiB on stdin"

# 10,000 levels of nesting, JSON and YAML flow and block.
python3 -c 'print("[" * 10000 + "]" * 10000)' >"$SCRATCH/deep.json"
check_refused "$SCRATCH/deep.json" "deep.json:1:257: error: nesting too deep (more than 256 levels)" "deep JSON"
python3 -c 'print("a: " + "[" * 10000 + "]" * 10000)' >"$SCRATCH/deep.yaml"
check_refused "$SCRATCH/deep.yaml" "nesting too deep" "deep YAML flow"
python3 -c '
for i in range(10000): print("  " * i + "k:")' >"$SCRATCH/deep-block.yaml"
check_refused "$SCRATCH/deep-block.yaml" "nesting too deep" "deep YAML block"

# A billion laughs in YAML aliases.
python3 - "$SCRATCH/bomb.yaml" <<'PY'
import sys
lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
names = "abcdefghi"
for n in range(1, 9):
    lines.append(f'{names[n]}: &{names[n]} [' + ",".join(f"*{names[n-1]}" for _ in range(9)) + "]")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
check_refused "$SCRATCH/bomb.yaml" "too many nodes from YAML aliases" "alias bomb"

# Invalid UTF-8, NUL bytes, duplicate keys.
printf '{"intent": "x\xff", "requirements": {"latency": "<1ms"}}' >"$SCRATCH/utf8.json"
check_refused "$SCRATCH/utf8.json" "utf8.json:1:14: error: invalid UTF-8 in a string" "invalid UTF-8"
printf 'intent: x\xc3\x28\nrequirements: {latency: "<1ms"}\n' >"$SCRATCH/utf8.yaml"
check_refused "$SCRATCH/utf8.yaml" "utf8.yaml:1:" "invalid UTF-8 in YAML"
printf '{"intent": "x",\n "requirements": {"latency": "<1ms\0"}}' >"$SCRATCH/nul.json"
check_refused "$SCRATCH/nul.json" "nul.json:2:35: error: NUL byte in the input" "NUL byte"
printf '{"intent": "x",\n "requirements": {"latency": "<1ms"},\n "intent": "y"}' >"$SCRATCH/dup.json"
check_refused "$SCRATCH/dup.json" 'dup.json:3:2: error: intent: duplicate key "intent"' "duplicate key"

# A directory, a missing file, a terminal-less empty stdin.
check_refused "$SCRATCH" "is a directory" "a directory"
run "$INTENTCTL" translate -
expect_rc 2 "empty stdin"
expect_contains "$SCRATCH/err" "no intent found" "empty stdin"

finish
