#include "conflicts/interval.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace intentctl {

int compare_values(double a, double b) {
  if (a == b) return 0;
  if (!std::isinf(a) && !std::isinf(b) && std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b))) return 0;
  return a < b ? -1 : 1;
}

bool Interval::empty() const {
  const int order = compare_values(low, high);
  return order > 0 || (order == 0 && !(low_closed && high_closed));
}

bool Interval::contains(double value) const {
  const int above_low = compare_values(value, low);
  const int below_high = compare_values(value, high);
  return (above_low > 0 || (above_low == 0 && low_closed)) && (below_high < 0 || (below_high == 0 && high_closed));
}

Interval meet(const Interval& a, const Interval& b) {
  Interval both;
  const int lows = compare_values(a.low, b.low);
  both.low = lows >= 0 ? a.low : b.low;
  both.low_closed = lows > 0 ? a.low_closed : lows < 0 ? b.low_closed : a.low_closed && b.low_closed;
  const int highs = compare_values(a.high, b.high);
  both.high = highs <= 0 ? a.high : b.high;
  both.high_closed = highs < 0 ? a.high_closed : highs > 0 ? b.high_closed : a.high_closed && b.high_closed;
  return both;
}

bool entirely_below(const Interval& a, const Interval& b) {
  const int order = compare_values(a.high, b.low);
  return order < 0 || (order == 0 && !(a.high_closed && b.low_closed));
}

IntervalSet IntervalSet::all() { return of({Interval{}}); }

IntervalSet IntervalSet::below(double value, bool closed) { return of({Interval{-kInfinity, value, false, closed}}); }

IntervalSet IntervalSet::above(double value, bool closed) { return of({Interval{value, kInfinity, closed, false}}); }

IntervalSet IntervalSet::between(double low, double high) { return of({Interval{low, high, true, true}}); }

IntervalSet IntervalSet::point(double value) { return between(value, value); }

IntervalSet IntervalSet::of(std::vector<Interval> intervals) {
  std::erase_if(intervals, [](const Interval& interval) { return interval.empty(); });
  std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
    return a.low < b.low || (a.low == b.low && a.low_closed && !b.low_closed);
  });
  IntervalSet set;
  for (const Interval& next : intervals) {
    if (!set.intervals_.empty()) {
      Interval& last = set.intervals_.back();
      const bool touching = compare_values(last.high, next.low) == 0 && (last.high_closed || next.low_closed);
      if (!entirely_below(last, next) || touching) {
        const int highs = compare_values(next.high, last.high);
        if (highs > 0) last.high = next.high, last.high_closed = next.high_closed;
        else if (highs == 0) last.high_closed = last.high_closed || next.high_closed;
        continue;
      }
    }
    set.intervals_.push_back(next);
  }
  return set;
}

IntervalSet IntervalSet::intersect(const IntervalSet& other) const {
  IntervalSet both;
  std::size_t i = 0, j = 0;
  while (i < intervals_.size() && j < other.intervals_.size()) {
    const Interval& a = intervals_[i];
    const Interval& b = other.intervals_[j];
    if (const Interval common = meet(a, b); !common.empty()) both.intervals_.push_back(common);
    const int highs = compare_values(a.high, b.high);
    if (highs <= 0) ++i;
    if (highs >= 0) ++j;
  }
  return both;
}

IntervalSet IntervalSet::unite(const IntervalSet& other) const {
  std::vector<Interval> intervals = intervals_;
  intervals.insert(intervals.end(), other.intervals_.begin(), other.intervals_.end());
  return of(std::move(intervals));
}

IntervalSet IntervalSet::complement() const {
  IntervalSet rest;
  Interval gap{-kInfinity, kInfinity, false, false};
  for (const Interval& interval : intervals_) {
    gap.high = interval.low;
    gap.high_closed = !interval.low_closed;
    if (!gap.empty()) rest.intervals_.push_back(gap);
    gap.low = interval.high;
    gap.low_closed = !interval.high_closed;
  }
  gap.high = kInfinity;
  gap.high_closed = false;
  if (!gap.empty()) rest.intervals_.push_back(gap);
  return rest;
}

bool IntervalSet::intersects(const IntervalSet& other) const { return !intersect(other).empty(); }

bool IntervalSet::contains(double value) const {
  return std::any_of(intervals_.begin(), intervals_.end(), [&](const Interval& interval) { return interval.contains(value); });
}

std::optional<double> IntervalSet::lowest() const {
  if (intervals_.empty()) return std::nullopt;
  return intervals_.front().low;
}

std::optional<double> IntervalSet::highest() const {
  if (intervals_.empty()) return std::nullopt;
  return intervals_.back().high;
}

namespace {

std::vector<std::string> sorted_unique(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

} // namespace

WordSet WordSet::all() { return except({}); }

WordSet WordSet::only(std::vector<std::string> words) {
  WordSet set;
  set.words_ = sorted_unique(std::move(words));
  return set;
}

WordSet WordSet::except(std::vector<std::string> words) {
  WordSet set = only(std::move(words));
  set.cofinite_ = true;
  return set;
}

WordSet WordSet::intersect(const WordSet& other) const {
  WordSet both;
  const auto& a = words_;
  const auto& b = other.words_;
  auto out = std::back_inserter(both.words_);
  if (!cofinite_ && !other.cofinite_) std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), out);
  else if (!cofinite_) std::set_difference(a.begin(), a.end(), b.begin(), b.end(), out);
  else if (!other.cofinite_) std::set_difference(b.begin(), b.end(), a.begin(), a.end(), out);
  else std::set_union(a.begin(), a.end(), b.begin(), b.end(), out), both.cofinite_ = true;
  return both;
}

bool WordSet::contains(const std::string& word) const {
  return std::binary_search(words_.begin(), words_.end(), word) != cofinite_;
}

} // namespace intentctl
