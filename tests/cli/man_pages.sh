#!/usr/bin/env bash
# Man pages: one per command, all sections there, and the OPTIONS section of
# each page lists exactly the flags that the command's --help lists (mandoc's
# lint: man_lint.sh).
. "$SOURCE_DIR/tests/support/testlib.sh"

man_dir=${MAN_DIR:-$SOURCE_DIR/man}
sections=("NAME" "SYNOPSIS" "DESCRIPTION" "OPTIONS" "EXIT STATUS" "ENVIRONMENT" "FILES" "EXAMPLES" "SEE ALSO")

# The lines of a --help text's section, from its heading to the next blank line.
help_section() { # file heading
  awk -v heading="$2" '$0 == heading { on = 1; next } on && /^$/ { exit } on' "$1"
}

# Flags from --help option lines ("  -o, --output FILE ...", "      --version ..."):
# the leading words that begin with '-'. A description that goes on to the
# next line is indented further, so a word of it is never taken for a flag.
help_flags() { # file heading
  help_section "$1" "$2" | awk '/^  (    )?-/ {
      for (i = 1; i <= NF && $i ~ /^-/; i++) { n = split($i, names, ","); for (j = 1; j <= n; j++) if (names[j] != "") print names[j] }
    }' | sort -u
}

# The flags named in the tags (the line after .TP or .TQ) of a page's OPTIONS
# section, with roff's escapes undone.
page_flags() { # page
  awk '/^\.SH / { on = ($0 == ".SH OPTIONS") ; next }
       on && /^\.T[PQ]/ { tag = 1; next }
       on && tag { print; tag = 0 }' "$1" |
    sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(..//g' |
    grep -oE '(^|[^A-Za-z0-9_-])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[^-]//' | sort -u || true
}

# The tags of a page's subsection or section, as plain text (for the command list).
page_tags() { # page
  awk '/^\.T[PQ]/ { tag = 1; next } tag { print; tag = 0 }' "$1" | sed 's/\\-/-/g; s/\\f[BIRP]//g; s/^\.[A-Z]* //'
}

compare_flags() { # wanted-file found-file page what
  local missing extra
  missing=$(comm -23 "$1" "$2" | tr '\n' ' ')
  extra=$(comm -13 "$1" "$2" | tr '\n' ' ')
  if [ -n "$missing" ]; then fail "$3: OPTIONS lacks $4 that --help lists: $missing"; else pass; fi
  if [ -n "$extra" ]; then fail "$3: OPTIONS documents flags that --help does not list: $extra"; else pass; fi
}

run "$INTENTCTL" --help
expect_rc 0 "intentctl --help"
cp "$SCRATCH/out" "$SCRATCH/help"
help_section "$SCRATCH/help" "Commands:" | awk '{ print $1 }' >"$SCRATCH/commands"
[ "$(wc -l <"$SCRATCH/commands")" -ge 6 ] && pass || fail "--help lists too few commands: $(cat "$SCRATCH/commands")"

# Every page: its sections, and mandoc has nothing to say about it.
for page in "$man_dir"/*.1; do
  name=$(basename "$page")
  for section in "${sections[@]}"; do
    if grep -qxF ".SH $section" "$page" || grep -qxF ".SH \"$section\"" "$page"; then pass
    else fail "$name has no $section section"; fi
  done
  if [ "$name" != intentctl.1 ]; then
    command=${name#intentctl-}; command=${command%.1}
    grep -qxF "$command" "$SCRATCH/commands" && pass || fail "$name documents \"$command\", which is no command of --help"
  fi
done
# intentctl(1): every command is one of its tags, and its OPTIONS are the global flags.
overview="$man_dir/intentctl.1"
if [ -f "$overview" ]; then
  page_tags "$overview" >"$SCRATCH/overview-tags"
  while read -r command; do
    grep -qE "^$command( |$)" "$SCRATCH/overview-tags" && pass || fail "intentctl.1 does not describe the command \"$command\""
  done <"$SCRATCH/commands"
  help_flags "$SCRATCH/help" "Global flags:" >"$SCRATCH/wanted"
  [ -s "$SCRATCH/wanted" ] && pass || fail "intentctl --help lists no global flags"
  page_flags "$overview" >"$SCRATCH/found"
  compare_flags "$SCRATCH/wanted" "$SCRATCH/found" intentctl.1 "global flags"
else
  fail "man/intentctl.1 is missing"
fi

# intentctl-<command>(1) for every command but help and version (intentctl(1)
# describes them): its NAME is the command's summary, and its OPTIONS are the
# flags of the command's --help.
while read -r command; do
  case $command in help | version) continue ;; esac
  page="$man_dir/intentctl-$command.1"
  if [ ! -f "$page" ]; then
    fail "man/intentctl-$command.1 is missing"
    continue
  fi
  summary=$(help_section "$SCRATCH/help" "Commands:" | awk -v c="$command" '$1 == c { $1 = ""; sub(/^ +/, ""); print }')
  name_line=$(awk '/^\.SH NAME$/ { getline; print; exit }' "$page" | sed 's/\\-/-/g')
  [ "$name_line" = "intentctl-$command - $summary" ] && pass ||
    fail "intentctl-$command.1's NAME is \"$name_line\", --help says \"$summary\""
  run "$INTENTCTL" "$command" --help
  expect_rc 0 "intentctl $command --help"
  help_flags "$SCRATCH/out" "Options:" >"$SCRATCH/wanted"
  [ -s "$SCRATCH/wanted" ] && pass || fail "intentctl $command --help lists no flags"
  page_flags "$page" >"$SCRATCH/found"
  compare_flags "$SCRATCH/wanted" "$SCRATCH/found" "intentctl-$command.1" "flags"
done <"$SCRATCH/commands"

finish
