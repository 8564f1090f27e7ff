#include "git/transfer_watch.hpp"

#include <fcntl.h>
#include <linux/tcp.h> // struct tcp_info with the byte counters (glibc's netinet/tcp.h lacks them)
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <git2.h>
#include <git2/sys/stream.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"

// The SSH transport of libgit2 hands the socket of the stream it opened
// straight to libssh2, reading it from libgit2's own git_socket_stream
// (GIT_CONTAINER_OF(io, git_socket_stream, parent)->s). A stream of ours
// therefore starts with the same fields; that layout is the same in every
// release from 1.4 to 1.9.
static_assert(LIBGIT2_VER_MAJOR == 1 && LIBGIT2_VER_MINOR >= 4 && LIBGIT2_VER_MINOR <= 9,
              "check that libgit2's git_socket_stream still starts {git_stream, host, port, socket}");

namespace intentctl {

namespace {

using Clock = TransferWatch::Clock;
constexpr auto kTick = std::chrono::milliseconds(20);

thread_local TransferWatch* current_watch = nullptr;

} // namespace

struct TransferWatch::Shared {
  std::optional<Clock::time_point> deadline;
  const std::atomic<bool>* cancelled = nullptr;
  std::chrono::milliseconds stall_limit;
  std::atomic<StopReason> reason{StopReason::none};
  std::atomic<std::uint64_t> progress{0};

  std::mutex mutex;
  std::condition_variable wake;
  std::vector<int> sockets; // open sockets of this transfer
  bool finished = false;    // the watch has ended; the watchdog leaves
  std::thread watchdog;     // started with the first socket

  StopReason stop(StopReason why) {
    StopReason none = StopReason::none;
    reason.compare_exchange_strong(none, why);
    return reason.load();
  }

  StopReason check() {
    if (const StopReason known = reason.load(); known != StopReason::none) return known;
    if ((cancelled && cancelled->load()) || interrupted()) return stop(StopReason::interrupted);
    if (deadline && Clock::now() >= *deadline) return stop(StopReason::timed_out);
    return StopReason::none;
  }

  // False when the transfer is already stopped: the socket is not to be used.
  bool attach(int fd) {
    std::lock_guard lock(mutex);
    if (check() != StopReason::none) return false;
    sockets.push_back(fd);
    if (!watchdog.joinable()) watchdog = std::thread([this] { watch(); });
    return true;
  }

  // Before the socket is closed, so the watchdog never shuts down a number
  // that meanwhile belongs to another file.
  void detach(int fd) {
    std::lock_guard lock(mutex);
    sockets.erase(std::remove(sockets.begin(), sockets.end(), fd), sockets.end());
  }

  // Bytes the kernel moved on the sockets (received, and sent and acknowledged
  // by the peer) plus the progress libgit2 reported: whatever changes it, the
  // transfer is alive. The kernel's counters see what libssh2 reads and writes
  // past any function of ours.
  std::uint64_t activity() const {
    std::uint64_t total = progress.load();
    for (int fd : sockets) {
      struct tcp_info info {};
      socklen_t size = sizeof info;
      if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) == 0)
        total += info.tcpi_bytes_received + info.tcpi_bytes_acked;
    }
    return total;
  }

  void watch() {
    std::unique_lock lock(mutex);
    std::uint64_t seen = activity();
    Clock::time_point changed = Clock::now();
    while (!finished) {
      wake.wait_for(lock, kTick);
      if (finished) break;
      StopReason why = check();
      if (why == StopReason::none) {
        const std::uint64_t now_seen = activity();
        if (now_seen != seen || sockets.empty()) {
          seen = now_seen;
          changed = Clock::now();
        } else if (Clock::now() - changed > stall_limit) {
          why = stop(StopReason::stalled);
        }
      }
      if (why != StopReason::none)
        for (int fd : sockets) ::shutdown(fd, SHUT_RDWR);
    }
  }
};

TransferWatch::TransferWatch(std::optional<Clock::time_point> deadline, const std::atomic<bool>* cancelled,
                             std::chrono::milliseconds stall_limit)
    : shared_(std::make_shared<Shared>()), previous_(current_watch) {
  shared_->deadline = deadline;
  shared_->cancelled = cancelled;
  shared_->stall_limit = stall_limit;
  current_watch = this;
}

TransferWatch::~TransferWatch() {
  current_watch = previous_;
  {
    std::lock_guard lock(shared_->mutex);
    shared_->finished = true;
  }
  shared_->wake.notify_all();
  if (shared_->watchdog.joinable()) shared_->watchdog.join();
}

StopReason TransferWatch::check() { return shared_->check(); }

void TransferWatch::progress() { shared_->progress.fetch_add(1, std::memory_order_relaxed); }

StopReason TransferWatch::reason() const { return shared_->reason.load(); }

std::string describe(StopReason reason) {
  switch (reason) {
    case StopReason::interrupted: return "interrupted";
    case StopReason::timed_out: return "timed out (--timeout)";
    case StopReason::stalled: return fmt::format("timed out: the server sent nothing for {} s", kStallLimit.count());
    case StopReason::none: break;
  }
  return "";
}

namespace {
std::atomic<int> critical_steps{0};
std::atomic<bool> closing{false};
} // namespace

// Both sides announce themselves before they look at the other (sequentially
// consistent atomics): a step either sees the process closing and does not
// begin, or finish_critical_steps sees it and waits.
CriticalStep::CriticalStep() {
  critical_steps.fetch_add(1);
  if (closing.load()) {
    critical_steps.fetch_sub(1);
    throw Error(ExitClass::interrupted, "interrupted");
  }
}

CriticalStep::~CriticalStep() { critical_steps.fetch_sub(1); }

void finish_critical_steps() {
  closing.store(true);
  while (critical_steps.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

Error stop_error(StopReason reason) {
  return Error(reason == StopReason::interrupted ? ExitClass::interrupted : ExitClass::timeout, describe(reason));
}

namespace {

// --- the stream libgit2 opens its sockets through --------------------------------

// libgit2's git_socket_stream, field for field (see the static_assert above).
struct SocketStream {
  git_stream parent;
  char* host;
  char* port;
  int s;
};

struct WatchedStream {
  SocketStream base;                            // first: libgit2 and libssh2 see a git_socket_stream
  std::shared_ptr<TransferWatch::Shared> watch; // null outside any transfer
};
static_assert(std::is_standard_layout_v<WatchedStream>);

WatchedStream* watched(git_stream* stream) { return reinterpret_cast<WatchedStream*>(stream); }

StopReason stop_reason(const WatchedStream& stream) { return stream.watch ? stream.watch->check() : StopReason::none; }

int fail_with(const std::string& message) {
  git_error_set_str(GIT_ERROR_NET, message.c_str());
  return -1;
}

int stopped(StopReason reason) {
  git_error_set_str(GIT_ERROR_NET, describe(reason).c_str());
  return -1;
}

struct Lookup {
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false;
  bool abandoned = false;
  int code = 0;
  addrinfo* result = nullptr;
};

// getaddrinfo cannot be interrupted and may wait for a DNS server for many
// seconds, so it runs on a thread of its own; a stopped transfer leaves it
// behind to finish and clean up alone.
int resolve(WatchedStream& stream, addrinfo** out) {
  auto lookup = std::make_shared<Lookup>();
  std::thread([lookup, host = std::string(stream.base.host), port = std::string(stream.base.port)] {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    addrinfo* result = nullptr;
    const int code = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &result);
    std::lock_guard lock(lookup->mutex);
    if (lookup->abandoned) {
      if (code == 0) ::freeaddrinfo(result);
      return;
    }
    lookup->code = code;
    lookup->result = result;
    lookup->finished = true;
    lookup->done.notify_all();
  }).detach();
  std::unique_lock lock(lookup->mutex);
  while (!lookup->finished) {
    if (const StopReason reason = stop_reason(stream); reason != StopReason::none) {
      lookup->abandoned = true;
      return stopped(reason);
    }
    lookup->done.wait_for(lock, kTick);
  }
  if (lookup->code != 0) {
    return fail_with(
        fmt::format("failed to resolve address for {}: {}", stream.base.host, ::gai_strerror(lookup->code)));
  }
  *out = lookup->result;
  return 0;
}

void close_socket(WatchedStream& stream) {
  if (stream.base.s < 0) return;
  if (stream.watch) stream.watch->detach(stream.base.s);
  ::close(stream.base.s);
  stream.base.s = -1;
}

// A non-blocking connect, waited for in short polls: the watchdog's shutdown
// ends the wait at once, and a signal (EINTR) does not lose the connection.
int connect_one(WatchedStream& stream, const addrinfo& address) {
  const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, address.ai_protocol);
  if (fd < 0) return errno;
  if (stream.watch && !stream.watch->attach(fd)) {
    ::close(fd);
    return ECANCELED;
  }
  stream.base.s = fd;
  int error = 0;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    error = errno;
    while (error == EINPROGRESS || error == EINTR) {
      if (stop_reason(stream) != StopReason::none) {
        error = ECANCELED;
        break;
      }
      pollfd wait{fd, POLLOUT, 0};
      if (::poll(&wait, 1, static_cast<int>(kTick.count() * 5)) <= 0) continue;
      socklen_t size = sizeof error;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
    }
  }
  if (error == 0) error = ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0 ? 0 : errno;
  // Git's protocols are small requests and answers in turn; without this the
  // kernel holds back a small write until the last one is acknowledged
  // (Nagle), and the peer delays that acknowledgement (as libcurl and
  // OpenSSH do, so does publish).
  const int on = 1;
  if (error == 0) ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  if (error != 0) close_socket(stream);
  return error;
}

int stream_connect(git_stream* base) {
  WatchedStream& stream = *watched(base);
  addrinfo* addresses = nullptr;
  if (resolve(stream, &addresses) < 0) return -1;
  int error = ECONNREFUSED;
  for (const addrinfo* address = addresses; address; address = address->ai_next) {
    error = connect_one(stream, *address);
    if (error == 0 || error == ECANCELED) break;
  }
  ::freeaddrinfo(addresses);
  if (const StopReason reason = stop_reason(stream); reason != StopReason::none) {
    close_socket(stream);
    return stopped(reason);
  }
  if (error != 0) return fail_with(fmt::format("failed to connect to {}: {}", stream.base.host, std::strerror(error)));
  return 0;
}

ssize_t stream_read(git_stream* base, void* data, size_t size) {
  WatchedStream& stream = *watched(base);
  for (;;) {
    const ssize_t got = ::recv(stream.base.s, data, size, 0);
    const int error = errno;
    // After the watchdog's shutdown a read ends like a closed connection;
    // it is the watch's reason, not the server's end.
    if (const StopReason reason = stop_reason(stream); reason != StopReason::none && got <= 0) return stopped(reason);
    if (got >= 0) return got;
    if (error != EINTR) return fail_with(fmt::format("error receiving socket data: {}", std::strerror(error)));
  }
}

ssize_t stream_write(git_stream* base, const char* data, size_t size, int flags) {
  WatchedStream& stream = *watched(base);
  for (;;) {
    const ssize_t sent = ::send(stream.base.s, data, size, flags | MSG_NOSIGNAL);
    const int error = errno;
    if (const StopReason reason = stop_reason(stream); reason != StopReason::none && sent < 0) return stopped(reason);
    if (sent >= 0) return sent;
    if (error != EINTR) return fail_with(fmt::format("error sending data: {}", std::strerror(error)));
  }
}

int stream_close(git_stream* base) {
  close_socket(*watched(base));
  return 0;
}

void stream_free(git_stream* base) {
  WatchedStream* stream = watched(base);
  close_socket(*stream);
  std::free(stream->base.host);
  std::free(stream->base.port);
  delete stream;
}

int open_stream(git_stream** out, const char* host, const char* port) {
  auto* stream = new (std::nothrow) WatchedStream{};
  if (!stream) {
    git_error_set_oom();
    return -1;
  }
  stream->base.parent.version = GIT_STREAM_VERSION;
  stream->base.parent.connect = stream_connect;
  stream->base.parent.read = stream_read;
  stream->base.parent.write = stream_write;
  stream->base.parent.close = stream_close;
  stream->base.parent.free = stream_free;
  stream->base.host = ::strdup(host);
  stream->base.port = ::strdup(port);
  stream->base.s = -1;
  if (current_watch) stream->watch = current_watch->shared();
  if (!stream->base.host || !stream->base.port) {
    stream_free(&stream->base.parent);
    git_error_set_oom();
    return -1;
  }
  *out = &stream->base.parent;
  return 0;
}

} // namespace

void install_watched_sockets() {
  git_stream_registration registration{};
  registration.version = GIT_STREAM_VERSION;
  registration.init = open_stream;
  if (git_stream_register(GIT_STREAM_STANDARD, &registration) < 0)
    throw Error(ExitClass::external, "cannot set up libgit2's network streams");
}

} // namespace intentctl
