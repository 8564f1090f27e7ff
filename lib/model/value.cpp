#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "model/intent.hpp"
#include "model/units.hpp"

namespace intentctl {

double Quantity::value() const { return std::strtod(number.c_str(), nullptr); }

namespace {

// Length of the JSON-style number at the start of text (a leading '+' allowed), 0 if none.
std::size_t number_prefix(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == digits_start) return 0;
  if (i < text.size() && text[i] == '.') {
    const std::size_t after_point = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == after_point) return 0;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '-' || text[j] == '+')) ++j;
    const std::size_t exp_start = j;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j > exp_start) i = j;
  }
  return i;
}

bool is_word(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '/' && c != '_') return false;
  return true;
}

std::string json_number_text(std::string_view text) {
  std::string number(text);
  if (!number.empty() && number[0] == '+') number.erase(0, 1);
  // JSON forbids leading zeros ("007"); re-print such numbers.
  const std::size_t digits = number[0] == '-' ? 1 : 0;
  if (number.size() > digits + 1 && number[digits] == '0' && std::isdigit(static_cast<unsigned char>(number[digits + 1])))
    number = fmt::format("{}", std::strtod(number.c_str(), nullptr));
  return number;
}

} // namespace

std::optional<Quantity> parse_quantity(std::string_view text) {
  const std::size_t length = number_prefix(text);
  if (length == 0) return std::nullopt;
  Quantity quantity{json_number_text(text.substr(0, length)), ""};
  std::string_view rest = text.substr(length);
  if (rest.empty()) return quantity;
  if (rest.front() == ' ') {
    rest.remove_prefix(1);
    if (find_unit(rest) || is_word(rest)) {
      quantity.unit = std::string(rest);
      return quantity;
    }
    return std::nullopt;
  }
  if (!find_unit(rest)) return std::nullopt;
  quantity.unit = std::string(rest);
  return quantity;
}

std::string quantity_text(const Quantity& quantity) {
  if (quantity.unit.empty()) return quantity.number;
  if (find_unit(quantity.unit)) return quantity.number + quantity.unit;
  return quantity.number + " " + quantity.unit;
}

std::string value_text(const Value& value) {
  struct Visitor {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const Quantity& q) const { return quantity_text(q); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const GeoArea& area) const {
      return fmt::format("GeoArea({} points)", area.polygon.size());
    }
    std::string operator()(const Node& node) const { return to_json(node, JsonStyle::compact); }
  };
  return std::visit(Visitor{}, value);
}

std::string range_text(const ValueRange& range) {
  if (!range.is_list && range.values.size() == 1) return value_text(range.values.front());
  std::string text = "[";
  for (std::size_t i = 0; i < range.values.size(); ++i) {
    if (i) text += ", ";
    text += value_text(range.values[i]);
  }
  return text + "]";
}

} // namespace intentctl
