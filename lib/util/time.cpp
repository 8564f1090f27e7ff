#include "util/time.hpp"

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <string>

namespace intentctl {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The number written by count digits at text[at], or -1 when they are not all digits.
int number_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar.
std::int64_t days_since_epoch(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  return sys_days{date}.time_since_epoch().count();
}

} // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return std::chrono::milliseconds{0};
  double total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    if (i == start) return std::nullopt;
    const double number = std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr);
    const std::size_t unit_start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    double factor = 0;
    if (unit == "ms") factor = 1;
    else if (unit == "s") factor = 1000;
    else if (unit == "m") factor = 60'000;
    else if (unit == "h") factor = 3'600'000;
    else return std::nullopt;
    total_ms += number * factor;
  }
  if (total_ms > 1e12) return std::nullopt;
  return std::chrono::milliseconds{static_cast<long long>(total_ms)};
}

std::optional<std::chrono::seconds> parse_iso8601_duration(std::string_view text) {
  if (text.size() < 3 || text[0] != 'P') return std::nullopt;
  // The designators in the order they may come, and what one of each is worth.
  struct Part {
    char designator;
    bool time; // after the 'T'
    std::int64_t seconds;
  };
  static constexpr Part parts[] = {
      {'W', false, 604'800}, {'D', false, 86'400}, {'H', true, 3'600}, {'M', true, 60}, {'S', true, 1}};
  std::int64_t total = 0;
  std::size_t next_part = 0; // parts before this one are behind us
  bool in_time = false, any = false;
  for (std::size_t i = 1; i < text.size();) {
    if (text[i] == 'T') {
      if (in_time || i + 1 == text.size()) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == start || i == text.size() || i - start > 9) return std::nullopt;
    const std::int64_t count = std::stoll(std::string(text.substr(start, i - start)));
    const char designator = text[i++];
    while (next_part < std::size(parts) &&
           (parts[next_part].designator != designator || parts[next_part].time != in_time))
      ++next_part;
    if (next_part == std::size(parts)) return std::nullopt; // unknown, repeated or out of order
    std::int64_t part = 0;
    if (__builtin_mul_overflow(count, parts[next_part++].seconds, &part) || __builtin_add_overflow(total, part, &total))
      return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return std::chrono::seconds{total};
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  if (text.size() < 20 || !is_rfc3339_date(text.substr(0, 10)))
    return std::nullopt; // 2024-05-01T12:00:00Z is the shortest
  const int year = number_at(text, 0, 4), month = number_at(text, 5, 2), day = number_at(text, 8, 2);
  const int hour = number_at(text, 11, 2), minute = number_at(text, 14, 2), second = number_at(text, 17, 2);
  if ((text[10] != 'T' && text[10] != 't') || hour < 0 || hour > 23 || text[13] != ':' || minute < 0 || minute > 59 ||
      text[16] != ':' || second < 0 || second > 60)
    return std::nullopt;
  std::size_t at = 19;
  std::chrono::nanoseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    const std::size_t start = ++at;
    std::int64_t scale = 100'000'000;
    for (; at < text.size() && is_digit(text[at]); ++at, scale /= 10)
      fraction += std::chrono::nanoseconds{(text[at] - '0') * scale};
    if (at == start) return std::nullopt;
  }
  if (at >= text.size()) return std::nullopt;
  std::int64_t offset = 0; // seconds east of UTC
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const int offset_hours = number_at(text, at + 1, 2), offset_minutes = number_at(text, at + 4, 2);
    if (offset_hours < 0 || offset_minutes < 0 || text[at + 3] != ':' || offset_hours > 23 || offset_minutes > 59)
      return std::nullopt;
    offset = (text[at] == '+' ? 1 : -1) * (offset_hours * 3600 + offset_minutes * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;

  using std::chrono::system_clock;
  const std::int64_t seconds =
      days_since_epoch(year, month, day) * 86'400 + hour * 3600 + minute * 60 + second - offset;
  constexpr std::int64_t limit =
      std::chrono::duration_cast<std::chrono::seconds>(system_clock::duration::max()).count();
  if (seconds >= limit) return system_clock::time_point::max();
  if (seconds <= -limit) return system_clock::time_point::min();
  return system_clock::time_point{
      std::chrono::duration_cast<system_clock::duration>(std::chrono::seconds{seconds} + fraction)};
}

bool is_rfc3339(std::string_view text) { return parse_rfc3339(text).has_value(); }

bool is_rfc3339_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const int year = number_at(text, 0, 4), month = number_at(text, 5, 2), day = number_at(text, 8, 2);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

} // namespace intentctl
