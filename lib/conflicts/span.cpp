#include "conflicts/span.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace intentctl {

int compare_values(double a, double b) {
  if (a == b) return 0;
  if (!std::isinf(a) && !std::isinf(b) && std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b))) return 0;
  return a < b ? -1 : 1;
}

bool Span::empty() const {
  const int order = compare_values(low, high);
  return order > 0 || (order == 0 && !(low_closed && high_closed));
}

bool Span::contains(double value) const {
  const int above_low = compare_values(value, low);
  const int below_high = compare_values(value, high);
  return (above_low > 0 || (above_low == 0 && low_closed)) && (below_high < 0 || (below_high == 0 && high_closed));
}

Span meet(const Span& a, const Span& b) {
  Span both;
  const int lows = compare_values(a.low, b.low);
  both.low = lows >= 0 ? a.low : b.low;
  both.low_closed = lows > 0 ? a.low_closed : lows < 0 ? b.low_closed : a.low_closed && b.low_closed;
  const int highs = compare_values(a.high, b.high);
  both.high = highs <= 0 ? a.high : b.high;
  both.high_closed = highs < 0 ? a.high_closed : highs > 0 ? b.high_closed : a.high_closed && b.high_closed;
  return both;
}

bool entirely_below(const Span& a, const Span& b) {
  const int order = compare_values(a.high, b.low);
  return order < 0 || (order == 0 && !(a.high_closed && b.low_closed));
}

SpanSet SpanSet::all() { return of({Span{}}); }

SpanSet SpanSet::below(double value, bool closed) { return of({Span{-kInfinity, value, false, closed}}); }

SpanSet SpanSet::above(double value, bool closed) { return of({Span{value, kInfinity, closed, false}}); }

SpanSet SpanSet::between(double low, double high) { return of({Span{low, high, true, true}}); }

SpanSet SpanSet::point(double value) { return between(value, value); }

SpanSet SpanSet::of(std::vector<Span> spans) {
  std::erase_if(spans, [](const Span& span) { return span.empty(); });
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.low < b.low || (a.low == b.low && a.low_closed && !b.low_closed);
  });
  SpanSet set;
  for (const Span& next : spans) {
    if (!set.spans_.empty()) {
      Span& last = set.spans_.back();
      const bool touching = compare_values(last.high, next.low) == 0 && (last.high_closed || next.low_closed);
      if (!entirely_below(last, next) || touching) {
        const int highs = compare_values(next.high, last.high);
        if (highs > 0) last.high = next.high, last.high_closed = next.high_closed;
        else if (highs == 0) last.high_closed = last.high_closed || next.high_closed;
        continue;
      }
    }
    set.spans_.push_back(next);
  }
  return set;
}

SpanSet SpanSet::intersect(const SpanSet& other) const {
  SpanSet both;
  std::size_t i = 0, j = 0;
  while (i < spans_.size() && j < other.spans_.size()) {
    const Span& a = spans_[i];
    const Span& b = other.spans_[j];
    if (const Span common = meet(a, b); !common.empty()) both.spans_.push_back(common);
    const int highs = compare_values(a.high, b.high);
    if (highs <= 0) ++i;
    if (highs >= 0) ++j;
  }
  return both;
}

SpanSet SpanSet::unite(const SpanSet& other) const {
  std::vector<Span> spans = spans_;
  spans.insert(spans.end(), other.spans_.begin(), other.spans_.end());
  return of(std::move(spans));
}

SpanSet SpanSet::complement() const {
  SpanSet rest;
  Span gap{-kInfinity, kInfinity, false, false};
  for (const Span& span : spans_) {
    gap.high = span.low;
    gap.high_closed = !span.low_closed;
    if (!gap.empty()) rest.spans_.push_back(gap);
    gap.low = span.high;
    gap.low_closed = !span.high_closed;
  }
  gap.high = kInfinity;
  gap.high_closed = false;
  if (!gap.empty()) rest.spans_.push_back(gap);
  return rest;
}

bool SpanSet::intersects(const SpanSet& other) const { return !intersect(other).empty(); }

bool SpanSet::contains(double value) const {
  return std::any_of(spans_.begin(), spans_.end(), [&](const Span& span) { return span.contains(value); });
}

std::optional<double> SpanSet::lowest() const {
  if (spans_.empty()) return std::nullopt;
  return spans_.front().low;
}

std::optional<double> SpanSet::highest() const {
  if (spans_.empty()) return std::nullopt;
  return spans_.back().high;
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
