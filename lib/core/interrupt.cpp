#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

#include "core/error.hpp"

namespace intentctl {

namespace {
std::atomic<bool> interrupt_flag{false};

extern "C" void on_interrupt(int) {
  // A second Ctrl-C while the first is being handled ends the process at once.
  if (interrupt_flag.exchange(true)) {
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
  }
}
} // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; // no SA_RESTART: blocking reads return EINTR so loops notice
  sigaction(SIGINT, &action, nullptr);
}

bool interrupted() { return interrupt_flag.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
  if (interrupted()) throw Error(ExitClass::interrupted, "interrupted");
}

} // namespace intentctl
