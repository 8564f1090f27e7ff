#include "model/value.hpp"

#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "model/intent_io.hpp"

namespace intentctl {

double Quantity::value() const { return std::strtod(number.c_str(), nullptr); }

std::optional<double> Quantity::in(std::string_view other_unit) const { return convert(value(), unit, other_unit); }

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Length of the number at the start of text ("-1.5e3", "+2", ".5"), 0 if none.
// A '.' not followed by a digit ends the number, so "1..5" reads as 1, "..", 5.
std::size_t number_prefix(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  bool digits = i > digits_start;
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    digits = true;
  }
  if (!digits) return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '-' || text[j] == '+')) ++j;
    const std::size_t exponent_start = j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j > exponent_start) i = j;
  }
  return i;
}

// The number as JSON writes it: no '+', no leading zeros ("007"), no bare ".5".
std::string json_number_text(std::string_view text) {
  std::string number(text);
  if (number.front() == '+') number.erase(0, 1);
  const std::size_t sign = number.front() == '-' ? 1 : 0;
  if (number[sign] == '.') number = number.substr(0, sign) + '0' + number.substr(sign);
  if (number.size() > sign + 1 && number[sign] == '0' && is_digit(number[sign + 1]))
    number = fmt::format("{}", std::strtod(number.c_str(), nullptr));
  return number;
}

// Letters, '%', '/' and anything beyond ASCII (µ, μ): what units are made of.
bool is_unit_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '%' || c == '/' || u >= 0x80;
}

bool is_word(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '/' && c != '_') return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() <= word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  return text[word.size()] == ' ';
}

// A scanner over one range text: number, unit, separator, number, unit.
class RangeScanner {
 public:
  explicit RangeScanner(std::string_view text) : text_(text) {}

  void spaces() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }
  bool done() const { return at_ == text_.size(); }

  std::optional<Quantity> quantity() {
    spaces();
    const std::size_t length = number_prefix(text_.substr(at_));
    if (length == 0) return std::nullopt;
    Quantity quantity{json_number_text(text_.substr(at_, length)), ""};
    at_ += length;
    const std::size_t before = at_;
    spaces();
    const std::string_view unit = unit_token();
    if (unit.empty() || unit == "to" || unit == "and") {
      at_ = before; // a separator word, not a unit
      return quantity;
    }
    const bool attached = text_.substr(before, at_ - before).find(' ') == std::string_view::npos;
    if (const auto known = find_unit(unit)) {
      quantity.unit = std::string(known->symbol);
    } else if (!attached && is_word(unit)) {
      quantity.unit = std::string(unit);
    } else {
      return std::nullopt;
    }
    return quantity;
  }

  // "..", "-", an en dash, "to", or "and" when the text began with "between".
  bool separator(bool between) {
    spaces();
    for (std::string_view mark : {std::string_view(".."), std::string_view("\u2013"), std::string_view("-")})
      if (text_.substr(at_, mark.size()) == mark) {
        at_ += mark.size();
        return true;
      }
    const std::string_view word = between ? "and" : "to";
    if (text_.substr(at_, word.size()) == word && at_ + word.size() < text_.size() && text_[at_ + word.size()] == ' ') {
      at_ += word.size();
      return true;
    }
    return false;
  }

 private:
  std::string_view unit_token() {
    const std::size_t start = at_;
    while (at_ < text_.size() && is_unit_char(text_[at_]) && text_.substr(at_, 3) != "\u2013") ++at_;
    return text_.substr(start, at_ - start);
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// 15 significant digits: what a double holds without the noise of the last bits
// (1 s in ms is 1000, not 1000.0000000000001).
std::string number_text(double value) { return fmt::format("{:.15g}", value); }

} // namespace

std::optional<Quantity> parse_quantity(std::string_view text) {
  text = trim(text);
  const std::size_t length = number_prefix(text);
  if (length == 0) return std::nullopt;
  Quantity quantity{json_number_text(text.substr(0, length)), ""};
  std::string_view rest = text.substr(length);
  if (rest.empty()) return quantity;
  const bool spaced = rest.front() == ' ';
  rest = trim(rest);
  if (const auto unit = find_unit(rest)) {
    quantity.unit = std::string(unit->symbol);
    return quantity;
  }
  if (spaced && is_word(rest)) {
    quantity.unit = std::string(rest);
    return quantity;
  }
  return std::nullopt;
}

bool unify_units(Quantity& a, Quantity& b) {
  if (a.unit == b.unit) return true;
  if (a.unit.empty()) {
    a.unit = b.unit;
    return true;
  }
  if (b.unit.empty()) {
    b.unit = a.unit;
    return true;
  }
  const auto ua = find_unit(a.unit);
  const auto ub = find_unit(b.unit);
  if (!ua || !ub || ua->dimension != ub->dimension) return false;
  Quantity& coarse = ua->factor > ub->factor ? a : b;
  const std::string& fine = ua->factor > ub->factor ? b.unit : a.unit;
  coarse = Quantity{number_text(*coarse.in(fine)), fine};
  return true;
}

std::optional<RangeText> parse_range(std::string_view text, std::string& problem) {
  problem.clear();
  text = trim(text);
  bool between = false;
  if (starts_with_word(text, "between")) {
    between = true;
    text.remove_prefix(8);
  } else if (starts_with_word(text, "from")) {
    text.remove_prefix(5);
  }
  RangeScanner scan(text);
  auto low = scan.quantity();
  if (!low || !scan.separator(between)) return std::nullopt;
  auto high = scan.quantity();
  scan.spaces();
  if (!high || !scan.done()) return std::nullopt;
  if (!unify_units(*low, *high)) {
    problem = fmt::format("the ends of the range \"{}\" are in units that do not compare ({} and {})", echo(text),
                          low->unit, high->unit);
    return std::nullopt;
  }
  return RangeText{std::move(*low), std::move(*high)};
}

std::string quantity_text(const Quantity& quantity) {
  if (quantity.unit.empty()) return quantity.number;
  if (find_unit(quantity.unit)) return quantity.number + quantity.unit;
  return quantity.number + " " + quantity.unit;
}

namespace {

struct TextVisitor {
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(const Quantity& q) const { return quantity_text(q); }
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(const DateTime& d) const { return d.text; }
  std::string operator()(const GeoArea& area) const { return fmt::format("GeoArea({} points)", area.polygon.size()); }
  template <typename Structured>
  std::string operator()(const Structured& structured) const {
    return to_json(to_node(Value(structured)), JsonStyle::compact);
  }
};

} // namespace

std::string value_text(const Value& value) { return std::visit(TextVisitor{}, value); }

std::string range_text(const ValueRange& range) {
  if (!range.is_list && range.values.size() == 1) return value_text(range.values.front());
  std::string text = "[";
  for (std::size_t i = 0; i < range.values.size(); ++i) {
    if (i) text += ", ";
    text += value_text(range.values[i]);
  }
  return text + "]";
}

std::string_view value_kind(const Value& value) {
  struct Visitor {
    std::string_view operator()(bool) const { return "a boolean"; }
    std::string_view operator()(const Quantity& q) const { return q.unit.empty() ? "a number" : "a quantity"; }
    std::string_view operator()(const std::string&) const { return "a string"; }
    std::string_view operator()(const DateTime&) const { return "a date-time"; }
    std::string_view operator()(const TimeWindow&) const { return "a TimeWindow"; }
    std::string_view operator()(const GeoArea&) const { return "a GeoArea"; }
    std::string_view operator()(const GeoCoordinate&) const { return "a GeoCoordinate"; }
    std::string_view operator()(const PlmnId&) const { return "a PlmnId"; }
    std::string_view operator()(const UeGroup&) const { return "a UEGroup"; }
    std::string_view operator()(const Frequency&) const { return "a Frequency"; }
  };
  return std::visit(Visitor{}, value);
}

} // namespace intentctl
