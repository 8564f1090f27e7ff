#!/usr/bin/env bash
# publish ends in time against servers that accept and then never answer:
# --timeout (exit 4), Ctrl-C (exit 130) and, without --timeout, the default
# (exit 4 once the server has sent nothing for 30 s), while it connects (HTTP
# and SSH), while it packs 20,000 files, and while it pushes (a proxy that
# passes everything to the real git server but the push's pack).
#
# Bounds are measured from what the test can see, not from the start of the
# process, so that a loaded machine's slow start-up does not count: the
# deadline from the moment the server accepted the connection (the process
# started its clock before), Ctrl-C from the signal. Idle, both take well
# under 0.2 s past the deadline or the signal; the test allows 0.5 s past the
# deadline and 1 s past the signal (three times that in the sanitizer build).
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3
require_tool git

HARNESS=$SOURCE_DIR/tests/support/publish-race
isolate
background=()
trap 'for p in "${background[@]}"; do kill "$p" 2>/dev/null || true; done; "$SOURCE_DIR/tests/support/git-http-server" stop "$SCRATCH/http" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
mkdir -p dist/site-a
echo "a: 1" >dist/site-a/a.yaml

# The shell's own clock: a python3 start-up would add a tenth of a second.
now() { echo "$EPOCHREALTIME"; }
# within WAIT SLACK FROM TO DESCRIPTION: TO - FROM <= WAIT + SLACK, where WAIT is
# what the run had to wait (a deadline) and SLACK what it may take past it to
# stop and exit; prints what it measured. The sanitizer build takes three times
# the slack: its exit frees and then scans the whole heap (20,000 files' worth).
slack_factor=1
sanitizer_build && slack_factor=3
within() {
  local took allowed
  took=$(python3 -c 'import sys; print("%.3f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$3" "$4")
  allowed=$(python3 -c 'import sys; print("%g" % (float(sys.argv[1]) + float(sys.argv[2]) * int(sys.argv[3])))' "$1" "$2" "$slack_factor")
  echo "measured: $5: $took s"
  if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$took" "$allowed"; then
    pass
  else
    fail "$5: took $took s, more than $allowed s"
  fi
}
# wait_for FILE: until it exists and is not empty (at most 60 s).
wait_for() { for _ in $(seq 600); do [ -s "$1" ] && return 0; sleep 0.1; done; return 1; }

# A server that accepts connections and never answers; it writes its port,
# then the time of each connection it accepts, one per line.
python3 - silent.port silent.accepted <<'PY' &
import socket, sys, time
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
open(sys.argv[1], "w").write("%d\n" % server.getsockname()[1])
held = []
end = time.time() + 600
server.settimeout(0.5)
while time.time() < end:
    try:
        held.append(server.accept()[0])
        with open(sys.argv[2], "a") as f:
            f.write("%.6f\n" % time.time())
    except OSError:
        pass
PY
background+=($!)
wait_for silent.port || fail "the silent server did not start"
port=$(cat silent.port)
printf 'sites:\n  site-a: {repo: "http://127.0.0.1:%s/git/a.git"}\n' "$port" >sites-http.yaml
printf 'sites:\n  site-a: {repo: "ssh://git@127.0.0.1:%s/a.git"}\n' "$port" >sites-ssh.yaml

first_accept_after() { # count-before: the time of the first connection after that many
  wait_for silent.accepted
  for _ in $(seq 100); do [ "$(wc -l <silent.accepted)" -gt "$1" ] && break; sleep 0.05; done
  sed -n "$(($1 + 1))p" silent.accepted
}

# --- --timeout 1s while connecting: HTTP, then SSH ------------------------------------
ssh_leaks_expected
for kind in http ssh; do
  before=$( [ -e silent.accepted ] && wc -l <silent.accepted || echo 0)
  started=$(now)
  run "$INTENTCTL" publish dist --sites "sites-$kind.yaml" --timeout 1s
  ended=$(now)
  # The whole run, start-up included, is only reported: a loaded machine's
  # start-up is not the deadline's to keep.
  echo "measured: $kind: --timeout 1s, the whole run: $(python3 -c 'import sys; print("%.3f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$started" "$ended") s"
  expect_rc 4 "$kind: --timeout 1s against a silent server"
  expect_contains "$SCRATCH/out" "error: timed out (--timeout)" "$kind: --timeout 1s says so"
  within 1 0.5 "$(first_accept_after "$before")" "$ended" "$kind: --timeout 1s, from the accepted connection to the exit"
done

# --- Ctrl-C while connecting ---------------------------------------------------------------
for kind in http ssh; do
  before=$( [ -e silent.accepted ] && wc -l <silent.accepted || echo 0)
  "$INTENTCTL" publish dist --sites "sites-$kind.yaml" >"int-$kind.out" 2>"int-$kind.err" </dev/null &
  pid=$!
  first_accept_after "$before" >/dev/null
  sleep 0.3 # it waits in a read now
  signalled=$(now)
  kill -INT "$pid"
  rc=0
  wait "$pid" || rc=$?
  ended=$(now)
  [ "$rc" = 130 ] && pass || fail "$kind: Ctrl-C while connecting: exit $rc: $(cat "int-$kind.out" "int-$kind.err")"
  expect_contains "int-$kind.out" "interrupted" "$kind: Ctrl-C says so"
  within 0 1 "$signalled" "$ended" "$kind: Ctrl-C while connecting, from the signal to the exit"
done

# --- the default: a server that sends nothing for 30 s is given up on -----------------------
started=$(now)
run timeout 120 "$INTENTCTL" publish dist --sites sites-http.yaml # timeout(1): an intentctl that hangs fails here
ended=$(now)
expect_rc 4 "no --timeout against a silent server"
expect_contains "$SCRATCH/out" "timed out: the server sent nothing for 30 s" "the default says why"
python3 -c 'import sys; sys.exit(0 if 29 <= float(sys.argv[2]) - float(sys.argv[1]) <= 60 else 1)' "$started" "$ended" &&
  pass || fail "the default took $(python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$started" "$ended") s"

# --- while packing 20,000 files ----------------------------------------------------------------
"$HARNESS" tree dist/edge1 20000
git init -q --bare --initial-branch=main remote.git
printf 'sites:\n  edge1: {repo: "%s/remote.git"}\n' "$SCRATCH" >sites-local.yaml
"$INTENTCTL" publish dist --sites sites-local.yaml --site edge1 >pack.out 2>pack.err </dev/null &
pid=$!
"$HARNESS" signal-when-packing INT "$pid" "$XDG_CACHE_HOME/intentctl/repos" pack.signalled || true
rc=0
wait "$pid" || rc=$?
ended=$(now)
if [ -s pack.signalled ]; then
  [ "$rc" = 130 ] && pass || fail "Ctrl-C while packing: exit $rc: $(cat pack.out pack.err)"
  within 0 1 "$(cat pack.signalled)" "$ended" "Ctrl-C while packing 20,000 files, from the signal to the exit"
  [ -z "$(git --git-dir=remote.git for-each-ref)" ] && pass || fail "Ctrl-C while packing: the remote has a branch"
else
  fail "the publish of 20,000 files ended before it could be interrupted while packing"
fi

# --- while pushing: the push's pack goes to a server that never answers ----------------------
if [ -x /usr/sbin/lighttpd ]; then
  base=$("$SOURCE_DIR/tests/support/git-http-server" start "$SCRATCH/http" --anonymous)
  "$SOURCE_DIR/tests/support/git-http-server" new-repo "$SCRATCH/http" stall >/dev/null
  upstream=$(cat "$SCRATCH/http/port")
  # A proxy to the git server that stops passing on a connection once it sees
  # the request that carries the push's pack; it writes the time it did.
  python3 - "$upstream" proxy.port proxy.held <<'PY' &
import socket, sys, threading, time
upstream, port_file, held_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
open(port_file, "w").write("%d\n" % server.getsockname()[1])
def pipe(source, sink, watch):
    seen = b""
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if watch:
                seen = (seen + data)[-4096:]
                if b"POST " in seen and b"/git-receive-pack " in seen:
                    with open(held_file, "a") as f:
                        f.write("%.6f\n" % time.time())
                    time.sleep(600)
            sink.sendall(data)
    except OSError:
        pass
def serve(client):
    server_side = socket.create_connection(("127.0.0.1", upstream))
    threading.Thread(target=pipe, args=(client, server_side, True), daemon=True).start()
    threading.Thread(target=pipe, args=(server_side, client, False), daemon=True).start()
while True:
    serve(server.accept()[0])
PY
  background+=($!)
  wait_for proxy.port || fail "the proxy did not start"
  printf 'sites:\n  edge1: {repo: "http://127.0.0.1:%s/git/stall.git"}\n' "$(cat proxy.port)" >sites-proxy.yaml
  mkdir -p small/edge1
  echo "a: 1" >small/edge1/a.yaml
  # --timeout: the fetch works, the push hangs.
  run "$INTENTCTL" publish small --sites sites-proxy.yaml --site edge1 --timeout 3s
  ended=$(now)
  expect_rc 4 "--timeout while pushing"
  expect_contains "$SCRATCH/out" "timed out (--timeout)" "--timeout while pushing says so"
  expect_contains "$SCRATCH/out" "is kept in" "--timeout while pushing: the commit is kept"
  if wait_for proxy.held; then
    pass
    # The deadline is 3 s after a start that came before the push.
    within 3 0.5 "$(head -1 proxy.held)" "$ended" "--timeout 3s while pushing, from the held push to the exit"
  else
    fail "the push never reached the proxy"
  fi
  # Ctrl-C while libgit2 builds the push's pack of 20,000 files (it looks for
  # cancellation only every half second there): the worker is left behind.
  "$SOURCE_DIR/tests/support/git-http-server" new-repo "$SCRATCH/http" big >/dev/null
  printf 'sites:\n  edge1: {repo: "%s/big.git"}\n' "$base" >sites-big.yaml
  "$INTENTCTL" publish dist --sites sites-big.yaml --site edge1 --cache big-cache >big.out 2>big.err </dev/null &
  pid=$!
  "$HARNESS" signal-when-packing INT "$pid" big-cache/repos big.signalled --written --delay 0.3 || true
  rc=0
  wait "$pid" || rc=$?
  ended=$(now)
  if [ -s big.signalled ]; then
    [ "$rc" = 130 ] && pass || fail "Ctrl-C while libgit2 packs the push: exit $rc: $(cat big.out big.err)"
    within 0 1 "$(cat big.signalled)" "$ended" "Ctrl-C while libgit2 packs the push of 20,000 files, from the signal to the exit"
  else
    echo "note: the push of 20,000 files ended before it could be interrupted"
  fi
  # Ctrl-C while the push waits for the server.
  held=$(wc -l <proxy.held)
  "$INTENTCTL" publish small --sites sites-proxy.yaml --site edge1 >push.out 2>push.err </dev/null &
  pid=$!
  for _ in $(seq 600); do [ "$(wc -l <proxy.held)" -gt "$held" ] && break; sleep 0.05; done
  sleep 0.3
  signalled=$(now)
  kill -INT "$pid"
  rc=0
  wait "$pid" || rc=$?
  ended=$(now)
  [ "$rc" = 130 ] && pass || fail "Ctrl-C while pushing: exit $rc: $(cat push.out push.err)"
  within 0 1 "$signalled" "$ended" "Ctrl-C while pushing, from the signal to the exit"
  [ -z "$(git --git-dir="$SCRATCH/http/repos/stall.git" for-each-ref)" ] && pass || fail "the stalled push moved the branch"
else
  echo "note: lighttpd is not installed; the push cases are skipped"
fi

finish
