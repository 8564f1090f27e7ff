#!/usr/bin/env bash
# One truth across the stages: over every sample, fixture, fuzz regression and
# fuzz corpus file, translate accepts a file exactly when validate passes it,
# render accepts a file exactly when validate passes it, and when they refuse,
# validate's first finding is the error they stop at (file, line, column, path
# and message). A file is compared with the stages that read its form: TMF921
# intents with translate, 28.312 expectations and seed expectations with
# render, 28.312 Intents with both; a file in no intent form must be refused
# by both and fail validate; KRM objects are validate's alone and are counted
# apart. Prints a table of the counts per corpus.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3

cat >"$SCRATCH/sites.yaml" <<'YAML'
sites:
  edge1: {repo: ./edge1.git}
  edge2: {repo: ./edge2.git}
  edge3: {repo: ./edge3.git}
YAML

set +e
python3 - "$INTENTCTL" "$SOURCE_DIR" "$SCRATCH/sites.yaml" <<'PY'
import json, os, subprocess, sys

intentctl, source, sites = sys.argv[1:4]
corpora = [
    ("samples", "samples"),
    ("fixtures", "tests/fixtures"),
    ("fuzz regressions", "tests/fuzz/regressions"),
    ("fuzz corpus", "tests/fuzz/corpus"),
]
TRANSLATE = ("TMF921 Intent", "TMF921 Intent (v4)", "TMF921 Intent (gateway form)",
             "TMF921 intent (intentSpecification form)", "TMF921 intent (short form)")
BOTH = ("28.312 Intent",)
RENDER = ("28.312 expectation", "seed expectation")

def run(*args):
    done = subprocess.run([intentctl, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          errors="replace", cwd=os.path.dirname(sites))
    return done.returncode, done.stdout, done.stderr

def first_error(stderr):
    for line in stderr.splitlines():
        if ": error: " in line or line.startswith("error: "):
            return line
    return stderr.splitlines()[0] if stderr else ""

def finding_line(finding):
    where = finding["file"]
    if finding.get("line"):
        where += f":{finding['line']}"
        if finding.get("column"):
            where += f":{finding['column']}"
    path = finding.get("path") or ""
    return f"{where}: error: " + (f"{path}: " if path else "") + finding["message"]

def family(kind):
    base = kind[:-1] if kind.endswith("s") and kind[:-1] in TRANSLATE + BOTH + RENDER else kind
    if base in TRANSLATE: return "translate"
    if base in BOTH: return "both"
    if base in RENDER: return "render"
    return None

def classify(report):
    """The stages a file is compared with, from what validate saw in it."""
    families, kinds = set(), set()
    for resource in report["resources"]:
        rules = [finding["rule"] for finding in resource["findings"]]
        if "unreadable" in rules:
            return "unreadable"
        if "kind" in rules and not resource.get("kind"):
            kinds.add("none")
            continue
        fam = family(resource.get("kind", ""))
        families.add(fam if fam else "krm")
    families |= kinds
    if len(families) != 1:
        return "mixed" if families else "empty"
    return families.pop()

rows, failures = [], []
for corpus, folder in corpora:
    root = os.path.join(source, folder)
    files = sorted(os.path.join(dirpath, name) for dirpath, _, names in os.walk(root) for name in names)
    count = dict(files=len(files), krm=0, t_cmp=0, t_ok=0, t_agree=0, r_cmp=0, r_ok=0, r_agree=0, none=0)
    for path in files:
        v_rc, v_out, v_err = run("validate", "-q", "--format", "json", path)
        try:
            report = json.loads(v_out)
        except ValueError:
            report = {"resources": [{"kind": "", "findings": [{"rule": "unreadable", "file": path, "message": v_err}]}]}
        category = classify(report)
        if category in ("krm", "mixed", "empty"):
            count["krm"] += 1
            continue
        passed = v_rc == 0
        errors = [f for r in report["resources"] for f in r["findings"] if f.get("severity", "error") == "error"]
        v_first = finding_line(errors[0]) if errors else ""
        if category == "none":
            count["none"] += 1
        stages = {"translate": ["translate"], "render": ["render"], "both": ["translate", "render"],
                  "none": ["translate", "render"], "unreadable": ["translate", "render"]}[category]
        for stage in stages:
            if stage == "translate":
                rc, out, err = run("translate", "-q", path)
            else:
                rc, out, err = run("render", "-q", "-o", "-", "--sites", sites, path)
            key = "t" if stage == "translate" else "r"
            count[key + "_cmp"] += 1
            accepted = rc == 0
            count[key + "_ok"] += accepted
            same = accepted == passed
            why = ""
            if same and not accepted and category != "none":
                same = first_error(err) == v_first
                why = f"\n    {stage}:  {first_error(err)}\n    validate: {v_first}"
            elif not same:
                why = f" ({stage} exit {rc}, validate exit {v_rc})\n    {stage}:  {first_error(err)}\n    validate: {v_first}"
            if same:
                count[key + "_agree"] += 1
            else:
                failures.append(f"{os.path.relpath(path, source)}: {stage} and validate disagree{why}")
    rows.append((corpus, count))

print(f"{'corpus':<17} {'files':>5} {'KRM':>4} {'no form':>7} | {'translate':>9} {'accepted':>8} {'refused':>7} {'agree':>5} | "
      f"{'render':>6} {'accepted':>8} {'refused':>7} {'agree':>5}")
total = {}
for corpus, c in rows + [("total", None)]:
    if c is None:
        c = total
    else:
        for k, v in c.items(): total[k] = total.get(k, 0) + v
    print(f"{corpus:<17} {c['files']:>5} {c['krm']:>4} {c['none']:>7} | {c['t_cmp']:>9} {c['t_ok']:>8} "
          f"{c['t_cmp'] - c['t_ok']:>7} {c['t_agree']:>5} | {c['r_cmp']:>6} {c['r_ok']:>8} {c['r_cmp'] - c['r_ok']:>7} "
          f"{c['r_agree']:>5}")
for failure in failures:
    print("FAIL: " + failure, file=sys.stderr)
if total["t_cmp"] == 0 or total["r_cmp"] == 0:
    print("FAIL: nothing was compared", file=sys.stderr)
    sys.exit(1)
sys.exit(1 if failures else 0)
PY
rc=$?
set -e
[ "$rc" -eq 0 ] && pass || fail "the stages disagree (see above)"
finish
