// "publish: 12/40 sites" on standard error while a long run works, for people
// watching a terminal, and what the tasks behind it are doing ("edge1: writing
// objects 1,200/5,010"), like git's progress. Nothing at all when standard
// error is not a terminal (logs and pipes stay clean), under --quiet, or when
// the command writes JSON.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/sink.hpp"

namespace intentctl {

// Where one task (one site's publish) is: a phase such as "reading files",
// how far it got (done of total, total 0 when unknown), and the bytes it
// moved (0 when it moves none).
struct Phase {
  const char* what = nullptr; // a literal; null: no phase to show
  std::size_t done = 0;
  std::size_t total = 0;
  std::uint64_t bytes = 0;
};

// "reading files 2,500/5,003", "sending objects 40/5,010, 3.2 MiB".
std::string phase_text(const Phase& phase);
// "5,003": numbers people count at a glance.
std::string grouped(std::uint64_t number);
// "812 bytes", "41.0 KiB", "3.2 MiB", "1.25 GiB".
std::string byte_size(std::uint64_t bytes);

class Progress {
 public:
  // wanted: false for a run that draws nothing whatever stderr is (JSON output).
  Progress(Io& io, std::string stage, std::size_t total, std::string unit, bool wanted = true);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Safe from any thread; redraws at most every kRedraw.
  void advance(std::size_t count = 1);
  void set(std::size_t done);
  // Takes the line away, e.g. before printing results to the same terminal;
  // the next advance draws it again.
  void clear();
  // Runs print with the line taken away, and no task drawing it again before
  // print returns: results on stdout share the terminal with the line.
  void without_line(const std::function<void()>& print);
  // Takes the line away for good: tasks that outlive the command (left behind
  // past --timeout) report into nothing.
  void close();

  // One line, however many tasks run: the counter, then the phase of one task.
  // The task shown stays until it ends (a line that jumps between tasks at
  // every redraw cannot be read), then the one that reported last takes over.
  void add_task(std::size_t task, std::string name);
  void report(std::size_t task, const Phase& phase);
  void end_task(std::size_t task);

 private:
  static constexpr std::chrono::milliseconds kRedraw{100};
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  struct Task {
    std::string name;
    Phase phase;
    std::uint64_t reported = 0; // when it last reported, in reports
  };

  void draw(bool force);
  // Under state_.
  std::string line() const;
  void follow_latest();

  Reporter* reporter_; // null when silent; under drawing_
  std::string stage_;
  std::size_t total_;
  std::string unit_;
  std::size_t columns_; // the terminal's width, 0 when unknown
  std::atomic<std::size_t> done_{0};
  std::mutex drawing_; // taken before state_
  std::mutex state_;
  Clock::time_point last_draw_{};
  std::vector<Task> tasks_;
  std::size_t shown_ = kNone;
  std::uint64_t reports_ = 0;
};

// A task's handle on a shared Progress, for the worker that runs it (a worker
// may outlive the command, so it shares the Progress). Default-constructed,
// it reports nowhere.
class TaskProgress {
 public:
  TaskProgress() = default;
  TaskProgress(std::shared_ptr<Progress> progress, std::size_t task, std::string name);

  void report(const Phase& phase) const {
    if (progress_) progress_->report(task_, phase);
  }
  void end() const {
    if (progress_) progress_->end_task(task_);
  }

 private:
  std::shared_ptr<Progress> progress_;
  std::size_t task_ = 0;
};

} // namespace intentctl
