// Bounds every blocking step of a Git transfer: the deadline (--timeout),
// Ctrl-C, and a server that stops answering.
//
// libgit2 1.5 blocks in plain socket calls (connect, recv, send) with no
// timeout of its own (GIT_OPT_SET_SERVER_TIMEOUT and
// GIT_OPT_SET_SERVER_CONNECT_TIMEOUT only arrived in 1.7), and its progress
// callbacks, where a transfer can be stopped, only run between reads. Against a
// server that accepts the connection and never answers it waited forever.
//
// So intentctl opens libgit2's sockets itself (git_stream_register for the
// standard stream, which HTTP, HTTPS through OpenSSL, and SSH through libssh2
// all build on) and ties each one to the TransferWatch of the thread that
// opens it. A watchdog thread per watch checks the stop conditions every
// 20 ms and, when one holds, shuts the watch's sockets down: whatever is
// blocked on them (a read in libgit2's HTTP client, libssh2's handshake, a
// connect) returns at once with an error, and the transfer ends with the
// watch's reason. shutdown() rather than timeouts on each call, because
// libssh2 reads the socket itself, past any read function of ours; and rather
// than close(), which could hand the number to another thread's new file.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/error.hpp"

namespace intentctl {

enum class StopReason { none, interrupted, timed_out, stalled };

// How long a connection may move no byte in either direction, with no
// progress reported by libgit2 either, before the transfer is given up: a
// server that accepted and hung. git's servers send keep-alives every 5 s
// while they work, so 30 s of silence is a dead server, not a slow one; it is
// also the longest one request of verify may take.
inline constexpr std::chrono::seconds kStallLimit{30};

// The stop conditions of one transfer (a fetch, a push, writing a pack) and the
// sockets opened for it. Lives on the stack of the thread that runs the
// transfer; while it lives, the sockets libgit2 opens on that thread belong to it.
class TransferWatch {
 public:
  using Clock = std::chrono::steady_clock;
  TransferWatch(std::optional<Clock::time_point> deadline, const std::atomic<bool>* cancelled,
                std::chrono::milliseconds stall_limit = kStallLimit);
  ~TransferWatch();
  TransferWatch(const TransferWatch&) = delete;
  TransferWatch& operator=(const TransferWatch&) = delete;

  // Checks the deadline and Ctrl-C now (libgit2's callbacks call this); the
  // first reason found stays.
  StopReason check();
  // libgit2 reported progress (objects counted, packed, sent): not stalled.
  void progress();
  StopReason reason() const;

  struct Shared; // what the watchdog and the sockets share
  // For the sockets opened during the transfer, which may outlive the watch.
  const std::shared_ptr<Shared>& shared() const { return shared_; }

 private:
  std::shared_ptr<Shared> shared_;
  TransferWatch* previous_;
};

// "timed out (--timeout)", "interrupted", "timed out: the server sent nothing for 30 s".
std::string describe(StopReason reason);

// The error a stopped transfer ends with: interrupted (130) or timed out (4).
Error stop_error(StopReason reason);

// A step that must not be cut short by the end of the process: moving a local
// remote's branch under git's lock file (a lock file left behind would block
// every later push, git's too). libgit2 looks for cancellation only every
// half second while it computes a pack, so publish gives up on a worker that
// is still busy a moment after Ctrl-C or the deadline, and ends the process;
// it calls finish_critical_steps first. A step that would begin after that
// throws an interrupted error instead.
class CriticalStep {
 public:
  CriticalStep();
  ~CriticalStep();
  CriticalStep(const CriticalStep&) = delete;
  CriticalStep& operator=(const CriticalStep&) = delete;
};

// Lets no new critical step begin, and waits for those running (each takes
// microseconds).
void finish_critical_steps();

// Makes libgit2 open its sockets through TransferWatch (once per process; the
// entry points of lib/git call it through git::ensure_initialised).
void install_watched_sockets();

} // namespace intentctl
