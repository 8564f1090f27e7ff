#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

#include "core/error.hpp"

namespace intentctl {

namespace {
std::atomic<bool> interrupt_flag{false};

// Ctrl-C, a terminal hung up, or a polite kill (make, CI runners, systemd):
// each stops the work the same way, leaving what was there before intact.
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void on_interrupt(int signal) {
  // A second signal while the first is being handled ends the process at once.
  if (interrupt_flag.exchange(true)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}
} // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; // no SA_RESTART: blocking reads return EINTR so loops notice
  for (const int signal : kStopSignals) sigaction(signal, &action, nullptr);
}

bool interrupted() { return interrupt_flag.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
  if (interrupted()) throw Error(ExitClass::interrupted, "interrupted");
}

} // namespace intentctl
