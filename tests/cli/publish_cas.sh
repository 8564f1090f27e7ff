#!/usr/bin/env bash
# Compare-and-swap on every transport: a publish moves a remote branch only
# from the commit it built on. Each race is made certain instead of likely:
# publish A is stopped (SIGSTOP) while it writes its commit's pack, after its
# fetch and before its push; meanwhile publish B, with a cache of its own,
# pushes a change, and a plain git client pushes a commit of its own; then A
# goes on. A must rebuild on the new head: every commit stays on the branch,
# the branch never moves backwards, git fsck is clean. Over a local path and
# file:// (libgit2's local push used to move the branch back to A's parent
# and report "pushed" on both sides), smart HTTP and SSH.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

HTTP_SERVER=$SOURCE_DIR/tests/support/git-http-server
SSH_SERVER=$SOURCE_DIR/tests/support/ssh-git-server
HARNESS=$SOURCE_DIR/tests/support/publish-race
export HOME=$SCRATCH/home GIT_TERMINAL_PROMPT=0
unset INTENTCTL_SITES INTENTCTL_GIT_TOKEN INTENTCTL_GIT_USERNAME XDG_CACHE_HOME
mkdir -p "$HOME/.ssh"
servers_up=()
trap 'for s in "${servers_up[@]}"; do "${s%%|*}" stop "${s#*|}"; done; rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH"
git config --global user.name "Plain Git"
git config --global user.email git@example.net

# A's tree is large, so that writing its pack takes long enough to be caught.
"$HARNESS" tree dist/a 5000
mkdir -p dist/b
echo "b: 1" >dist/b/b.yaml

# race WHEN TRANSPORT URL GIT-DIR GIT-URL [PUBLISH FLAGS...]: A is stopped
# WHEN it writes a pack: "fetched" is into its cache, after its fetch and
# before its push begins; "pushing" is into the remote's object store, in the
# middle of its push (for local remotes, where publish writes it itself).
race() {
  local when=$1 transport=$2 url=$3 git_dir=$4 git_url=$5
  shift 5
  transport="$transport-$when"
  local watched="cache-$transport-a/repos"
  [ "$when" = pushing ] && watched="$git_dir/objects"
  git --git-dir="$git_dir" config core.logAllRefUpdates always
  cat >"sites-$transport.yaml" <<YAML
sites:
  a: {repo: "$url", path: a}
  b: {repo: "$url", path: b}
YAML
  local publish=("$INTENTCTL" publish dist --sites "sites-$transport.yaml" --format json "$@")
  # B makes the branch.
  run "${publish[@]}" --site b --cache "cache-$transport-b"
  expect_rc 0 "$transport: B's first publish"
  # A fetches, builds its commit, and is stopped while it writes its pack.
  "${publish[@]}" --site a --cache "cache-$transport-a" >"a-$transport.json" 2>"a-$transport.err" </dev/null &
  local a=$!
  if ! "$HARNESS" signal-when-packing STOP "$a" "$watched"; then
    wait "$a" || true
    fail "$transport: A ended before it could be stopped: $(cat "a-$transport.err")"
    return
  fi
  # Meanwhile B pushes a change, and a plain git client a commit of its own.
  echo "b: 2" >dist/b/b.yaml
  run "${publish[@]}" --site b --cache "cache-$transport-b"
  expect_rc 0 "$transport: B publishes while A is stopped"
  local b_commit
  b_commit=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["sites"][0]; assert r["pushed"], r; print(r["commit"])' \
    "$SCRATCH/out") || fail "$transport: B's JSON: $(cat "$SCRATCH/out")"
  rm -rf "clone-$transport"
  git clone -q "$git_url" "clone-$transport"
  (cd "clone-$transport" && mkdir -p ops && echo "maintenance window" >ops/NOTE && git add ops &&
    git commit -q -m "plain git: ops/NOTE" && git push -q origin HEAD:main) || fail "$transport: the plain git push failed"
  local foreign
  foreign=$(git -C "clone-$transport" rev-parse HEAD)
  kill -CONT "$a"
  local a_rc=0
  wait "$a" || a_rc=$?
  [ "$a_rc" = 0 ] && pass || fail "$transport: A after it went on: exit $a_rc: $(cat "a-$transport.err")"
  local a_commit
  a_commit=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["sites"][0]; assert r["pushed"], r; print(r["commit"])' \
    "a-$transport.json") || fail "$transport: A's JSON: $(cat "a-$transport.json")"
  expect_contains "a-$transport.err" "moved on the remote while publishing; rebuilding on its new head" \
    "$transport: A says it rebuilt on the new head"
  # Every commit on the branch, nothing force-moved, fsck clean.
  if "$HARNESS" check --git-dir "$git_dir" --branch main "$b_commit" "$foreign" "$a_commit" 2>"check-$transport.err"; then
    pass
  else
    fail "$transport: $(cat "check-$transport.err")"
  fi
  git --git-dir="$git_dir" merge-base --is-ancestor "$foreign" "$a_commit" && pass ||
    fail "$transport: A's commit is not built on the plain git commit"
  [ "$(git --git-dir="$git_dir" show main:b/b.yaml)" = "b: 2" ] && pass || fail "$transport: B's change was undone"
  [ "$(git --git-dir="$git_dir" show main:ops/NOTE)" = "maintenance window" ] && pass ||
    fail "$transport: the plain git push was undone"
  echo "b: 1" >dist/b/b.yaml
}

# A local path and a file:// URL, stopped before and in the middle of the push.
mkdir -p remotes
for when in fetched pushing; do
  git init -q --bare --initial-branch=main "remotes/path-$when.git"
  race "$when" local "$SCRATCH/remotes/path-$when.git" "$SCRATCH/remotes/path-$when.git" "$SCRATCH/remotes/path-$when.git"
  git init -q --bare --initial-branch=main "remotes/url-$when.git"
  race "$when" file "file://$SCRATCH/remotes/url-$when.git" "$SCRATCH/remotes/url-$when.git" "$SCRATCH/remotes/url-$when.git"
done

# The first publish of a branch, to a local remote where someone made it
# meanwhile: nothing to compare with means "must not exist yet".
git init -q --bare --initial-branch=main remotes/new.git
git --git-dir=remotes/new.git config core.logAllRefUpdates always
cat >sites-new.yaml <<YAML
sites:
  a: {repo: "$SCRATCH/remotes/new.git", path: a}
YAML
"$INTENTCTL" publish dist --sites sites-new.yaml --site a --cache cache-new --format json >a-new.json 2>a-new.err </dev/null &
a=$!
if "$HARNESS" signal-when-packing STOP "$a" remotes/new.git/objects; then
  rm -rf clone-new
  git clone -q remotes/new.git clone-new 2>/dev/null
  (cd clone-new && echo first >FIRST && git add FIRST && git commit -q -m "plain git: first" && git push -q origin HEAD:main) ||
    fail "new branch: the plain git push failed"
  kill -CONT "$a"
  wait "$a" && pass || fail "new branch: A failed: $(cat a-new.err)"
  first=$(git -C clone-new rev-parse HEAD)
  a_commit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sites"][0]["commit"])' a-new.json)
  "$HARNESS" check --git-dir remotes/new.git --branch main "$first" "$a_commit" 2>check-new.err && pass ||
    fail "new branch: $(cat check-new.err)"
else
  wait "$a" || true
  fail "new branch: A ended before it could be stopped"
fi

# Smart HTTP: receive-pack checks the old value; publish sends the one it built on.
if [ -x /usr/sbin/lighttpd ]; then
  base=$("$HTTP_SERVER" start "$SCRATCH/http" --user alice --password race-Pa55)
  servers_up+=("$HTTP_SERVER|$SCRATCH/http")
  "$HTTP_SERVER" new-repo "$SCRATCH/http" cas >/dev/null
  INTENTCTL_GIT_USERNAME=alice INTENTCTL_GIT_TOKEN=race-Pa55 \
    race fetched http "$base/cas.git" "$SCRATCH/http/repos/cas.git" "${base/http:\/\//http://alice:race-Pa55@}/cas.git"
else
  echo "note: lighttpd is not installed; the HTTP race is skipped"
fi

# SSH, through a private sshd.
ssh_leaks_expected
if ssh_base=$("$SSH_SERVER" start "$SCRATCH/ssh" 2>"$SCRATCH/ssh.err"); then
  servers_up+=("$SSH_SERVER|$SCRATCH/ssh")
  ssh-keygen -q -t ed25519 -N '' -C racer -f "$SCRATCH/ssh-key"
  "$SSH_SERVER" authorize "$SCRATCH/ssh" "$SCRATCH/ssh-key.pub"
  url=$("$SSH_SERVER" new-repo "$SCRATCH/ssh" cas)
  echo "[127.0.0.1]:${ssh_base##*:} $(cut -d' ' -f1,2 "$SCRATCH/ssh/host_ed25519.pub")" >"$HOME/.ssh/known_hosts"
  GIT_SSH_COMMAND="ssh -i $SCRATCH/ssh-key -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=$HOME/.ssh/known_hosts" \
    race fetched ssh "$url" "$SCRATCH/ssh/repos/cas.git" "$url" --ssh-key "$SCRATCH/ssh-key"
else
  echo "note: no SSH server ($(cat "$SCRATCH/ssh.err")); the SSH race is skipped"
fi

finish
