#!/usr/bin/env bash
# SSH remotes for verify's git check and for publish, against a private sshd
# (tests/support/ssh-git-server) on a high 127.0.0.1 port: --ssh-key, the
# site's auth.sshKey and ssh-agent; host keys looked up as OpenSSH does
# ("[host]:port", hashed names, an entry for port 22 is not one for another
# port), unknown and changed keys told apart with the commands that fix them
# (the printed ssh-keyscan line is run as printed); and an RSA key, which
# Debian's libssh2 1.10 can only sign with SHA-1, refused with the reason.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3
require_tool ssh-keyscan
require_tool ssh-agent
require_tool ssh-add
require_python_module yaml

SERVER=$SOURCE_DIR/tests/support/ssh-git-server
SSH_STATE=$SCRATCH/sshd
export HOME=$SCRATCH/home XDG_CACHE_HOME=$SCRATCH/cache
unset SSH_AUTH_SOCK SSH_AGENT_PID INTENTCTL_SITES KUBECONFIG INTENTCTL_SSH_PASSPHRASE
ssh_leaks_expected
mkdir -p "$HOME/.ssh" "$SCRATCH/work"
set +e
"$SERVER" start "$SSH_STATE" >"$SCRATCH/url" 2>"$SCRATCH/server.err"
started=$?
set -e
[ "$started" -ne 77 ] || { cat "$SCRATCH/server.err"; exit 77; }
[ "$started" -eq 0 ] || { cat "$SCRATCH/server.err" >&2; exit 1; }
AGENT_PID=
trap '[ -z "$AGENT_PID" ] || kill "$AGENT_PID" 2>/dev/null; "$SERVER" stop "$SSH_STATE"; rm -rf "$SCRATCH"' EXIT
PORT=$(cat "$SSH_STATE/port")
cd "$SCRATCH/work"

ssh-keygen -q -t ed25519 -N '' -C tester -f keys-ed25519
ssh-keygen -q -t rsa -b 3072 -N '' -C tester-rsa -f keys-rsa
"$SERVER" authorize "$SSH_STATE" keys-ed25519.pub
"$SERVER" authorize "$SSH_STATE" keys-rsa.pub
REPO_URL=$("$SERVER" new-repo "$SSH_STATE" edge1-config)
REMOTE=$SSH_STATE/repos/edge1-config.git
cat >sites.yaml <<YAML
sites:
  edge1: {repo: "$REPO_URL"}
YAML
cat >sites-key.yaml <<YAML
sites:
  edge1: {repo: "$REPO_URL", auth: {sshKey: keys-ed25519}}
YAML
"$INTENTCTL" render -q --sites sites.yaml "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" -o dist
KEYSCAN="ssh-keyscan -p $PORT 127.0.0.1 >> ~/.ssh/known_hosts"
HOST_KEY=$(cut -d' ' -f1,2 "$SSH_STATE/host_ed25519.pub")
FINGERPRINT=$(ssh-keygen -l -E sha256 -f "$SSH_STATE/host_ed25519.pub" | cut -d' ' -f2)

# --- unknown host keys -----------------------------------------------------------------------
for verb in publish verify; do
  run "$INTENTCTL" $verb dist --sites sites.yaml --ssh-key keys-ed25519
  expect_rc 3 "$verb: unknown host key"
  expect_contains "$SCRATCH/out" "the host key of [127.0.0.1]:$PORT is unknown" "$verb says unknown"
  expect_contains "$SCRATCH/out" "the server offered ssh-ed25519 key $FINGERPRINT" "$verb shows the fingerprint ssh-keygen -l shows"
  expect_contains "$SCRATCH/out" "trust it with: $KEYSCAN" "$verb prints the ssh-keyscan line"
done

# An entry written for port 22 is not one for this port (libssh2 alone accepted it).
echo "127.0.0.1 $HOST_KEY" >"$HOME/.ssh/known_hosts"
for verb in publish verify; do
  run "$INTENTCTL" $verb dist --sites sites.yaml --ssh-key keys-ed25519
  expect_rc 3 "$verb: an entry for port 22 does not trust port $PORT"
  expect_contains "$SCRATCH/out" "the host key of [127.0.0.1]:$PORT is unknown" "$verb: port 22's entry ignored"
done
# Neither does a pattern the host is negated from.
echo "[127.0.0.*]:$PORT,![127.0.0.1]:$PORT $HOST_KEY" >"$HOME/.ssh/known_hosts"
run "$INTENTCTL" publish dist --sites sites.yaml --ssh-key keys-ed25519
expect_rc 3 "a negated pattern rules the host out"
echo "[127.0.0.*]:$PORT $HOST_KEY" >"$HOME/.ssh/known_hosts"
run "$INTENTCTL" publish dist --sites sites.yaml --ssh-key keys-ed25519
expect_rc 0 "a wildcard pattern trusts it"
expect_contains "$SCRATCH/out" "pushed" "published over ssh"

# The printed line, run as printed, trusts the server.
: >"$HOME/.ssh/known_hosts"
run "$INTENTCTL" verify dist --sites sites.yaml --ssh-key keys-ed25519
line=$(grep -o "ssh-keyscan -p [0-9]* [0-9.]* >> ~/.ssh/known_hosts" "$SCRATCH/out" | head -1)
[ "$line" = "$KEYSCAN" ] && pass || fail "the printed line is '$line'"
bash -c "$line" 2>/dev/null
run "$INTENTCTL" verify dist --sites sites.yaml --ssh-key keys-ed25519
expect_rc 0 "verify --ssh-key once the host is trusted"
expect_contains "$SCRATCH/out" "edge1  git      pass" "git check over ssh"
HEAD1=$(git --git-dir="$REMOTE" rev-parse main)
expect_contains "$SCRATCH/out" "${HEAD1:0:7} is the head of main" "the published commit, read over ssh"

# Hashed names (ssh-keygen -H) are found too.
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
rm -f "$HOME/.ssh/known_hosts.old"
grep -q '^|1|' "$HOME/.ssh/known_hosts" && pass || fail "known_hosts was not hashed"
run "$INTENTCTL" verify dist --sites sites-key.yaml
expect_rc 0 "the site's auth.sshKey, hashed known_hosts"

# --- changed host keys ---------------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C impostor -f impostor
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 impostor.pub)" >"$HOME/.ssh/known_hosts"
for verb in publish verify; do
  run "$INTENTCTL" $verb dist --sites sites.yaml --ssh-key keys-ed25519
  expect_rc 3 "$verb: changed host key"
  expect_contains "$SCRATCH/out" "the host key of [127.0.0.1]:$PORT has CHANGED: $HOME/.ssh/known_hosts:1 holds another key than the ssh-ed25519 key $FINGERPRINT" "$verb says changed, and where"
  expect_contains "$SCRATCH/out" "remove the old key with: ssh-keygen -R '[127.0.0.1]:$PORT' -f $HOME/.ssh/known_hosts, then trust the new one with: $KEYSCAN" "$verb prints both commands"
  expect_not_contains "$SCRATCH/out" "is unknown" "$verb: changed is not unknown"
done
ssh-keygen -q -R "[127.0.0.1]:$PORT" -f "$HOME/.ssh/known_hosts" >/dev/null
bash -c "$KEYSCAN" 2>/dev/null

# A revoked key is never trusted, even beside an entry that trusts it.
echo "@revoked [127.0.0.1]:$PORT $HOST_KEY" >>"$HOME/.ssh/known_hosts"
run "$INTENTCTL" verify dist --sites sites.yaml --ssh-key keys-ed25519
expect_rc 3 "revoked host key"
expect_contains "$SCRATCH/out" "is marked @revoked in $HOME/.ssh/known_hosts" "revoked said"
sed -i '/^@revoked/d' "$HOME/.ssh/known_hosts"

# --- user keys -------------------------------------------------------------------------------------
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 3 "no key and no agent"
expect_contains "$SCRATCH/out" "load a key into ssh-agent or give --ssh-key FILE" "what to do"

# RSA: this libssh2 signs with SHA-1 only, and OpenSSH 9 refuses that.
for verb in publish verify; do
  run "$INTENTCTL" $verb dist --sites sites.yaml --ssh-key keys-rsa
  expect_rc 3 "$verb: RSA key refused by the server"
  expect_contains "$SCRATCH/out" "keys-rsa is an RSA key, and libssh2 1.10" "$verb names the key and libssh2"
  expect_contains "$SCRATCH/out" "signs RSA keys with SHA-1 (ssh-rsa) only, which OpenSSH 8.8 and later refuse; use an ed25519 key (ssh-keygen -t ed25519)" "$verb gives the fix"
done
grep -q "signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms" "$SSH_STATE/sshd.log" && pass ||
  fail "sshd did not log why it refused the RSA key"

# ssh-agent, started here: an RSA key alone is refused with the reason, an ed25519 key works.
eval "$(ssh-agent -s)" >/dev/null
AGENT_PID=$SSH_AGENT_PID
ssh-add -q keys-rsa 2>/dev/null
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 3 "agent with an RSA key only"
expect_contains "$SCRATCH/out" "ssh-agent offers only RSA keys (ssh-rsa), and libssh2" "agent's RSA key named"
ssh-add -q keys-ed25519 2>/dev/null
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 0 "verify through ssh-agent"
expect_contains "$SCRATCH/out" "edge1  git      pass" "git check through the agent"
echo "# changed" >>dist/edge1/kustomization.yaml
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "publish through ssh-agent"
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 0 "verify after that publish"
expect_contains "$SCRATCH/out" "$(git --git-dir="$REMOTE" rev-parse --short=7 main) is the head of main" "the new head"
kill "$AGENT_PID" 2>/dev/null
AGENT_PID=

finish
