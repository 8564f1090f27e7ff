#include "io/progress.hpp"

#include <fmt/format.h>

namespace intentctl {

std::string grouped(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

std::string byte_size(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
  const double value = static_cast<double>(bytes);
  if (bytes < (1u << 20)) return fmt::format("{:.1f} KiB", value / 1024);
  if (bytes < (1u << 30)) return fmt::format("{:.1f} MiB", value / (1 << 20));
  return fmt::format("{:.2f} GiB", value / (1 << 30));
}

std::string phase_text(const Phase& phase) {
  std::string text = fmt::format("{} {}", phase.what ? phase.what : "", grouped(phase.done));
  if (phase.total > 0) text += "/" + grouped(phase.total);
  if (phase.bytes > 0) text += ", " + byte_size(phase.bytes);
  return text;
}

Progress::Progress(Io& io, std::string stage, std::size_t total, std::string unit, bool wanted)
    : reporter_(wanted && io.stderr_is_terminal && io.diagnostics.verbosity() != Verbosity::quiet ? &io.diagnostics
                                                                                                  : nullptr),
      stage_(std::move(stage)),
      total_(total),
      unit_(std::move(unit)),
      columns_(io.stderr_columns) {}

Progress::~Progress() { clear(); }

void Progress::advance(std::size_t count) {
  const std::size_t done = done_ += count;
  draw(done >= total_);
}

void Progress::set(std::size_t done) {
  done_ = done;
  draw(done >= total_);
}

void Progress::clear() {
  std::lock_guard drawing(drawing_);
  if (reporter_) reporter_->clear_status();
}

void Progress::without_line(const std::function<void()>& print) {
  std::lock_guard drawing(drawing_);
  if (reporter_) reporter_->clear_status();
  print();
}

void Progress::close() {
  std::lock_guard drawing(drawing_);
  if (reporter_) reporter_->clear_status();
  reporter_ = nullptr;
}

void Progress::add_task(std::size_t task, std::string name) {
  std::lock_guard state(state_);
  if (tasks_.size() <= task) tasks_.resize(task + 1);
  tasks_[task].name = std::move(name);
}

void Progress::report(std::size_t task, const Phase& phase) {
  bool milestone = false;
  {
    std::lock_guard state(state_);
    if (task >= tasks_.size()) return;
    Task& reporting = tasks_[task];
    // A new phase, and the end of one, are drawn at once: each phase is seen
    // however quickly it passes.
    milestone = phase.what != reporting.phase.what || (phase.total > 0 && phase.done >= phase.total);
    reporting.phase = phase;
    reporting.reported = ++reports_;
    if (shown_ == kNone) shown_ = task;
    milestone = milestone && shown_ == task;
  }
  draw(milestone);
}

void Progress::end_task(std::size_t task) {
  {
    std::lock_guard state(state_);
    if (task >= tasks_.size()) return;
    tasks_[task].phase = Phase{};
    tasks_[task].reported = 0;
    if (shown_ != task) return;
    follow_latest();
  }
  draw(true);
}

void Progress::follow_latest() {
  shown_ = kNone;
  std::uint64_t latest = 0;
  for (std::size_t task = 0; task < tasks_.size(); ++task)
    if (tasks_[task].phase.what && tasks_[task].reported > latest) {
      latest = tasks_[task].reported;
      shown_ = task;
    }
}

std::string Progress::line() const {
  std::string text;
  // One item (one site) needs no counter: its phase says it all.
  if (total_ > 1) text = fmt::format("{}: {}/{} {}", stage_, grouped(done_), grouped(total_), unit_);
  if (shown_ != kNone && tasks_[shown_].phase.what)
    text += (text.empty() ? "" : ", ") + tasks_[shown_].name + ": " + phase_text(tasks_[shown_].phase);
  return text;
}

// A task's worker never waits here for the terminal or for results being
// printed: when someone else draws or prints, it leaves the line to them.
void Progress::draw(bool force) {
  std::unique_lock drawing(drawing_, std::try_to_lock);
  if (!drawing || !reporter_) return;
  std::string text;
  {
    std::lock_guard state(state_);
    const auto now = Clock::now();
    if (now - last_draw_ < kRedraw && !force) return;
    last_draw_ = now;
    text = line();
  }
  // A line wider than the terminal would wrap, and erasing takes away only
  // its last row: it is cut to fit (not inside a UTF-8 character).
  if (columns_ > 1 && text.size() >= columns_) {
    std::size_t keep = columns_ - 1;
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
    text.resize(keep);
  }
  if (text.empty()) reporter_->clear_status();
  else reporter_->show_status(text);
}

TaskProgress::TaskProgress(std::shared_ptr<Progress> progress, std::size_t task, std::string name)
    : progress_(std::move(progress)), task_(task) {
  if (progress_) progress_->add_task(task_, std::move(name));
}

} // namespace intentctl
