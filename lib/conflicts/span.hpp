// Sets of real numbers as sorted, disjoint spans (intervals) with open or closed ends:
// what a target allows once its condition and values are in one unit
// (IS_LESS_THAN 1 ms is (-inf, 0.001), IS_OUTSIDE_RANGE [1, 5] is
// (-inf, 1) u (5, inf)). Two targets contradict when their sets do not meet.
//
// Values that agree to nine significant digits count as equal, so that 1 ms
// and 1000 us, converted through different factors, are one point.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace intentctl {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// -1, 0 or 1; 0 also for values within a relative 1e-9 of each other.
int compare_values(double a, double b);

struct Span {
  double low = -kInfinity;
  double high = kInfinity;
  bool low_closed = false; // never closed at an infinity
  bool high_closed = false;

  bool empty() const;
  bool contains(double value) const;
  bool operator==(const Span&) const = default;
};

// The intersection of two spans (empty() when they do not meet).
Span meet(const Span& a, const Span& b);
// Whether every value of a lies below every value of b.
bool entirely_below(const Span& a, const Span& b);

class SpanSet {
 public:
  SpanSet() = default; // the empty set
  static SpanSet all();
  static SpanSet below(double value, bool closed); // (-inf, value) or (-inf, value]
  static SpanSet above(double value, bool closed); // (value, inf) or [value, inf)
  static SpanSet between(double low, double high); // [low, high]; empty when low > high
  static SpanSet point(double value);
  static SpanSet of(std::vector<Span> spans); // sorted and merged

  SpanSet intersect(const SpanSet& other) const;
  SpanSet unite(const SpanSet& other) const;
  SpanSet complement() const;
  bool intersects(const SpanSet& other) const;
  bool contains(double value) const;

  bool empty() const { return spans_.empty(); }
  const std::vector<Span>& spans() const { return spans_; }
  // The greatest lower and the least upper bound (-inf / inf when unbounded);
  // nullopt for the empty set.
  std::optional<double> lowest() const;
  std::optional<double> highest() const;

  bool operator==(const SpanSet&) const = default;

 private:
  std::vector<Span> spans_; // sorted, disjoint, none empty, none touching
};

// Finite or co-finite sets of words (IS_ONE_OF [a, b], IS_NOT_ONE_OF [c]):
// targets whose values are names rather than numbers.
class WordSet {
 public:
  WordSet() = default; // the empty set
  static WordSet all();
  static WordSet only(std::vector<std::string> words);   // exactly these
  static WordSet except(std::vector<std::string> words); // all but these

  WordSet intersect(const WordSet& other) const;
  bool contains(const std::string& word) const;
  bool empty() const { return !cofinite_ && words_.empty(); }

 private:
  std::vector<std::string> words_; // sorted, unique: the members, or with cofinite_ the non-members
  bool cofinite_ = false;
};

} // namespace intentctl
