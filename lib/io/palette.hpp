// Colours for people at a terminal. A Palette that is off paints nothing, so
// callers paint unconditionally and the CLI decides once, per stream, whether
// colour is on: only on a terminal, never with NO_COLOR set or --no-color
// (intentctl(1), DIAGNOSTICS).
#pragma once

#include <string>
#include <string_view>

namespace intentctl {

// What a word stands for; each tone has one colour in every command.
enum class Tone {
  error,   // error:, a failed check, an invalid resource, a conflict
  warning, // warning:
  note,    // note:, hint:
  pass,    // a check that passed, a valid resource
  unknown, // a check that could not tell, a pending one
  none,    // as it is
};

class Palette {
 public:
  explicit Palette(bool on = false) : on_(on) {}
  bool on() const { return on_; }
  // text between the tone's colour and the reset; text itself when off.
  std::string paint(std::string_view text, Tone tone) const;

 private:
  bool on_;
};

} // namespace intentctl
