#include "verify/slo_expr.hpp"

#include <cctype>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/units.hpp"

namespace intentctl {

namespace {

struct Suffix {
  std::string_view word;
  std::string_view unit;
};

// Prometheus naming conventions and the short forms people write.
constexpr Suffix name_suffixes[] = {
    {"seconds", "s"}, {"milliseconds", "ms"}, {"microseconds", "us"}, {"nanoseconds", "ns"}, {"percent", "%"},
    {"pct", "%"},     {"ratio", "ratio"},     {"bytes", "B"},         {"hertz", "Hz"},       {"bits_per_second", "bps"},
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view origin) : text_(text), origin_(origin) {}

  std::vector<SloCondition> parse_all() {
    std::vector<SloCondition> conditions;
    skip_blanks();
    if (at_end()) fail("empty expression; write conditions like latency_p95_ms<=15,success_rate>=0.995");
    while (true) {
      conditions.push_back(parse_condition());
      skip_blanks();
      if (at_end()) break;
      if (peek() != ',') fail(fmt::format("expected ',' before the next condition, found '{}'", peek()));
      ++pos_;
      skip_blanks();
      if (at_end()) fail("expected a condition after ','");
    }
    return conditions;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }
  [[noreturn]] void fail_at(std::size_t pos, const std::string& message) const { throw usage_error_at(message, pos); }
  Error usage_error_at(const std::string& message, std::size_t pos) const {
    return Error(ExitClass::usage, message, Location{std::string(origin_), 1, static_cast<std::uint32_t>(pos + 1), {}});
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_blanks() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(peek()))) ++pos_;
  }
  static bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '.' || c == '-';
  }

  std::string parse_name() {
    if (!name_start(peek())) fail("expected a metric name (letters, digits, '_', ':', '.', '-')");
    const std::size_t start = pos_;
    while (!at_end() && name_char(peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  bool take_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    const std::size_t after = pos_ + word.size();
    if (after < text_.size() && name_char(text_[after])) return false;
    pos_ = after;
    return true;
  }

  SloCondition parse_condition() {
    SloCondition condition;
    condition.column = static_cast<std::uint32_t>(pos_ + 1);
    condition.name = parse_name();
    const std::string name_unit = unit_from_name(condition.name);
    skip_blanks();
    if (take_word("not")) {
      skip_blanks();
      if (!take_word("in")) fail("expected \"in\" after \"not\"");
      parse_collection(condition, name_unit, true);
    } else if (take_word("in")) {
      parse_collection(condition, name_unit, false);
    } else {
      condition.condition = parse_operator(condition.name);
      skip_blanks();
      condition.range.values.push_back(parse_value(name_unit));
    }
    return condition;
  }

  Condition parse_operator(const std::string& name) {
    const std::size_t start = pos_;
    auto take = [&](std::string_view symbol) {
      if (text_.substr(pos_, symbol.size()) != symbol) return false;
      pos_ += symbol.size();
      return true;
    };
    if (take("<=")) return Condition::is_equal_to_or_less_than;
    if (take(">=")) return Condition::is_equal_to_or_greater_than;
    if (take("==") || take("=")) return Condition::is_equal_to;
    if (take("<")) return Condition::is_less_than;
    if (take(">")) return Condition::is_greater_than;
    fail_at(start, fmt::format("expected a comparison after \"{}\" (<, <=, >, >=, =, in, not in)", name));
  }

  void parse_collection(SloCondition& condition, const std::string& name_unit, bool negated) {
    skip_blanks();
    const char open = peek();
    if (open != '[' && open != '{') fail("expected a range [low, high] or a set {a, b, ...} after \"in\"");
    const char close = open == '[' ? ']' : '}';
    const std::size_t open_pos = pos_++;
    condition.range.is_list = true;
    // A range's bare number takes the unit written at its other end
    // ([0, 0.5ms] is 0 ms to 0.5 ms), so its values are read without one first.
    const std::string value_unit = open == '[' ? std::string() : name_unit;
    while (true) {
      skip_blanks();
      condition.range.values.push_back(parse_value(value_unit));
      skip_blanks();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == close) {
        ++pos_;
        break;
      }
      fail(at_end() ? fmt::format("'{}' is never closed", open) : fmt::format("expected ',' or '{}'", close));
    }
    if (open == '[') {
      if (condition.range.values.size() != 2) fail_at(open_pos, "a range [low, high] has exactly two values");
      condition.condition = negated ? Condition::is_outside_range : Condition::is_within_range;
      share_unit(condition.range, name_unit);
      check_range_order(condition.range, open_pos);
    } else {
      condition.condition = negated ? Condition::is_not_one_of : Condition::is_one_of;
    }
  }

  // Each end without a unit takes the other end's, else the one the name ends in.
  static void share_unit(ValueRange& range, const std::string& name_unit) {
    auto* low = std::get_if<Quantity>(&range.values[0]);
    auto* high = std::get_if<Quantity>(&range.values[1]);
    if (!low || !high) return;
    const std::string written = !low->unit.empty() ? low->unit : high->unit;
    for (Quantity* end : {low, high})
      if (end->unit.empty()) end->unit = written.empty() ? name_unit : written;
  }

  void check_range_order(const ValueRange& range, std::size_t pos) const {
    const auto* low = std::get_if<Quantity>(&range.values[0]);
    const auto* high = std::get_if<Quantity>(&range.values[1]);
    if (!low || !high) throw usage_error_at("a range needs two numbers", pos);
    const auto converted = convert(high->value(), high->unit, low->unit);
    if (!converted && high->unit != low->unit)
      throw usage_error_at(fmt::format("the range mixes {} and {}", low->unit, high->unit), pos);
    if (low->value() > converted.value_or(high->value()))
      throw usage_error_at("the range's low end is above its high end", pos);
  }

  Value parse_value(const std::string& name_unit) {
    const char c = peek();
    if (c == '"' || c == '\'') return parse_quoted();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') return parse_number(name_unit);
    if (name_start(c)) {
      const std::string word = parse_name();
      if (word == "true") return true;
      if (word == "false") return false;
      return word;
    }
    if (at_end()) fail("expected a value at the end of the expression");
    fail(fmt::format("expected a value, found '{}'", c));
  }

  Value parse_quoted() {
    const char quote = peek();
    const std::size_t start = pos_++;
    std::string value;
    while (!at_end() && peek() != quote) value += text_[pos_++];
    if (at_end()) fail_at(start, "string is never closed");
    ++pos_;
    return value;
  }

  Value parse_number(const std::string& name_unit) {
    const std::size_t start = pos_;
    if (peek() == '-' || peek() == '+') ++pos_;
    const std::size_t digits = pos_;
    while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    if (peek() == '.') {
      ++pos_;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    if (pos_ == digits || (pos_ == digits + 1 && text_[digits] == '.')) fail_at(start, "expected a number");
    if ((peek() == 'e' || peek() == 'E') && pos_ + 1 < text_.size() &&
        (std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) || text_[pos_ + 1] == '-' ||
         text_[pos_ + 1] == '+')) {
      ++pos_;
      if (peek() == '-' || peek() == '+') ++pos_;
      if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("expected the exponent's digits");
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    std::string number(text_.substr(start, pos_ - start));
    if (number.front() == '+') number.erase(0, 1);
    if (number.front() == '.') number.insert(0, "0");
    if (number.starts_with("-.")) number.insert(1, "0");
    if (number.back() == '.') number.pop_back();
    // A unit right after the number must be a known one; after a space, only a
    // known unit is taken (so "1 b<2" stops before "b", where a ',' is missing).
    const std::size_t number_end = pos_;
    std::size_t unit_start = pos_;
    while (unit_start < text_.size() && text_[unit_start] == ' ') ++unit_start;
    std::size_t unit_end = unit_start;
    while (unit_end < text_.size() && unit_char(text_[unit_end])) ++unit_end;
    const std::string unit(text_.substr(unit_start, unit_end - unit_start));
    const auto known = find_unit(unit);
    if (unit.empty() || (!known && unit_start > number_end)) return Quantity{number, name_unit};
    if (!known)
      fail_at(unit_start, fmt::format("unknown unit \"{}\" (known: ms, s, us, Mbps, Gbps, %, ratio, ...)", unit));
    pos_ = unit_end;
    return Quantity{number, std::string(known->symbol)};
  }

  static bool unit_char(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '%' || c == '/'; }

  std::string_view text_;
  std::string_view origin_;
  std::size_t pos_ = 0;
};

bool ends_with_word(std::string_view name, std::string_view word) {
  if (name.size() <= word.size() || !name.ends_with(word)) return false;
  const char before = name[name.size() - word.size() - 1];
  return before == '_' || before == '.' || before == ':' || before == '-';
}

} // namespace

std::vector<SloCondition> parse_slo(std::string_view text, std::string_view origin) {
  return Parser(text, origin).parse_all();
}

std::string unit_from_name(std::string_view name) {
  for (const auto& suffix : name_suffixes)
    if (ends_with_word(name, suffix.word)) return std::string(suffix.unit);
  const auto separator = name.find_last_of("_.:-");
  if (separator == std::string_view::npos) return {};
  const std::string_view last = name.substr(separator + 1);
  // Only units that cannot be mistaken for words: "_s" yes, "_b" or "_h" no.
  for (std::string_view symbol :
       {"ms", "s", "us", "ns", "bps", "kbps", "Kbps", "Mbps", "Gbps", "mbps", "gbps", "Hz", "MHz", "GHz", "dBm"}) {
    if (last == symbol) {
      const auto unit = find_unit(last);
      return unit ? std::string(unit->symbol) : std::string{};
    }
  }
  return {};
}

} // namespace intentctl
