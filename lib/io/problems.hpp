// Input errors a reader can recover from: translate and render stop at the
// first one (it is thrown on), validate lists them all, one per wrong part.
// Readers wrap each part (an expectation, a target, a document) in guard();
// when the part fails and problems are kept, the reader goes on with the
// next part. The first problem kept is the error the other mode throws.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace intentctl {

class Problems {
 public:
  enum class Mode { stop_at_first, keep_going };
  explicit Problems(Mode mode = Mode::stop_at_first) : mode_(mode) {}

  // Thrown when a part failed on problems already kept: its whole (an
  // intent with a wrong target) is not read further, and says nothing more.
  struct Reported {};

  // Runs read. An input error in it is thrown on when stopping at the first,
  // else kept; returns whether read finished.
  template <typename Read>
  bool guard(Read&& read) {
    try {
      std::forward<Read>(read)();
      return true;
    } catch (const Error& error) {
      if (mode_ == Mode::stop_at_first || error.exit_class() != ExitClass::usage) throw;
      errors_.push_back(error);
      return false;
    } catch (const Reported&) {
      return false;
    }
  }

  // Throws Reported when problems were kept since count() was since.
  void settle(std::size_t since) const {
    if (errors_.size() > since) throw Reported{};
  }

  // Paths of the problems kept since count() was since get prefix in front
  // ("[2]" for an item of a list read as a document of its own).
  void prefix_paths(std::size_t since, std::string_view prefix);

  bool keeps_going() const { return mode_ == Mode::keep_going; }
  std::size_t count() const { return errors_.size(); }
  const std::vector<Error>& errors() const { return errors_; }

 private:
  Mode mode_;
  std::vector<Error> errors_;
};

// error with prefix in front of its path ("[2]" + "intentExpectations[0]").
Error with_path_prefix(const Error& error, std::string_view prefix);

// guard() when problems are kept, else the plain call.
template <typename Read>
void read_part(Problems* problems, Read&& read) {
  if (problems) problems->guard(std::forward<Read>(read));
  else std::forward<Read>(read)();
}

} // namespace intentctl
