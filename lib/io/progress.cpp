#include "io/progress.hpp"

#include <fmt/format.h>

namespace intentctl {

Progress::Progress(Io& io, std::string stage, std::size_t total, std::string unit)
    : reporter_(io.stderr_is_terminal && io.diagnostics.verbosity() != Verbosity::quiet && total > 1
                    ? &io.diagnostics
                    : nullptr),
      stage_(std::move(stage)),
      total_(total),
      unit_(std::move(unit)) {}

Progress::~Progress() { clear(); }

void Progress::advance(std::size_t count) { draw(done_ += count); }

void Progress::set(std::size_t done) {
  done_ = done;
  draw(done);
}

void Progress::clear() {
  if (reporter_) reporter_->clear_status();
}

void Progress::draw(std::size_t done) {
  if (!reporter_) return;
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (now - last_draw_ < kRedraw && done < total_) return;
  last_draw_ = now;
  reporter_->show_status(fmt::format("{}: {}/{} {}", stage_, done, total_, unit_));
}

} // namespace intentctl
