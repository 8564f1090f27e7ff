// "publish: 12/40 sites" on standard error while a long run works, for people
// watching a terminal. Nothing at all when standard error is not a terminal
// (logs and pipes stay clean) or under --quiet.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

#include "io/sink.hpp"

namespace intentctl {

class Progress {
 public:
  Progress(Io& io, std::string stage, std::size_t total, std::string unit);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Safe from any thread; redraws at most every kRedraw.
  void advance(std::size_t count = 1);
  void set(std::size_t done);
  // Takes the line away, e.g. before printing results to the same terminal;
  // the next advance draws it again.
  void clear();

 private:
  static constexpr std::chrono::milliseconds kRedraw{100};
  using Clock = std::chrono::steady_clock;

  void draw(std::size_t done);

  Reporter* reporter_;  // null when silent
  std::string stage_;
  std::size_t total_;
  std::string unit_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
  Clock::time_point last_draw_{};
};

} // namespace intentctl
