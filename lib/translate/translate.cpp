#include "translate/translate.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "io/files.hpp"
#include "io/output_document.hpp"
#include "io/writer.hpp"
#include "krm/names.hpp"
#include "model/acceptance.hpp"

namespace intentctl {

namespace {

struct FormName {
  InputForm form;
  std::string_view name;
};

constexpr FormName form_names[] = {
    {InputForm::automatic, "auto"},      {InputForm::tmf921_v5, "tmf921-v5"},
    {InputForm::tmf921_v4, "tmf921-v4"}, {InputForm::tmf921_gateway, "tmf921-gateway"},
    {InputForm::seed, "seed"},           {InputForm::short_form, "short"},
    {InputForm::gpp, "28312"},
};

std::optional<Form> model_form(InputForm form) {
  switch (form) {
    case InputForm::automatic: return std::nullopt;
    case InputForm::tmf921_v5: return Form::tmf921_v5;
    case InputForm::tmf921_v4: return Form::tmf921_v4;
    case InputForm::tmf921_gateway: return Form::gateway;
    case InputForm::seed: return Form::specification;
    case InputForm::short_form: return Form::short_form;
    case InputForm::gpp: return Form::gpp_intent;
  }
  return std::nullopt;
}

Mapping mapping_for(const TranslateOptions& options, Io& io) {
  if (options.mapping_file.empty()) return default_mapping();
  return load_mapping(read_source(options.mapping_file, ReadLimits{}, io.in, io.stdin_is_terminal));
}

// Written one intent at a time, each let go once written, so that a stream of
// thousands never has all of its output trees in memory at once.
std::string render_output(std::vector<Intent>& intents, const TranslateOptions& options) {
  std::string text;
  if (options.format == "yaml") {
    for (std::size_t i = 0; i < intents.size(); ++i) {
      if (i || intents.size() > 1) text += "---\n";
      write_yaml(text, to_node(intents[i], options.layout));
      intents[i] = Intent{};
    }
    return text;
  }
  if (intents.size() == 1) {
    write_json(text, to_node(intents.front(), options.layout));
  } else {
    // The JSON list, each element indented as write_json indents the items of a list.
    text += intents.empty() ? "[" : "[\n  ";
    std::string one;
    for (std::size_t i = 0; i < intents.size(); ++i) {
      if (i) text += ",\n  ";
      one.clear();
      write_json(one, to_node(intents[i], options.layout));
      intents[i] = Intent{};
      for (std::size_t line = 0, end; line < one.size(); line = end + 1) {
        end = std::min(one.find('\n', line), one.size());
        text.append(one, line, end - line);
        if (end < one.size()) text += "\n  ";
      }
    }
    text += intents.empty() ? "]" : "\n]";
  }
  text += '\n';
  return text;
}

Node delta_report(const std::vector<DeltaEntry>& delta) {
  Node document = output_document("TranslateDelta");
  Node& list = document.add("fields", Node::array());
  for (const auto& entry : delta) {
    Node item = Node::object();
    item.add("file", Node::string(entry.where.file));
    item.add("line", Node::number(std::to_string(entry.where.line)));
    item.add("column", Node::number(std::to_string(entry.where.column)));
    item.add("path", Node::string(entry.where.path));
    item.add("note", Node::string(entry.note));
    if (entry.value) item.add("value", *entry.value);
    list.push(std::move(item));
  }
  return document;
}

void report_delta(const std::vector<DeltaEntry>& delta, const TranslateOptions& options, Io& io) {
  if (!options.delta_file.empty()) {
    std::string text;
    write_json(text, delta_report(delta));
    text += '\n';
    write_file_atomically(options.delta_file, text);
  }
  if (io.diagnostics.verbosity() == Verbosity::verbose) {
    for (const auto& entry : delta) io.diagnostics.report({Severity::info, entry.note, entry.where});
  } else if (!delta.empty() && options.delta_file.empty()) {
    io.diagnostics.note(fmt::format("{} input field{} no place in 28.312 and {} not carried over; list them with "
                                    "--delta FILE or -v",
                                    delta.size(), delta.size() == 1 ? " has" : "s have",
                                    delta.size() == 1 ? "is" : "are"));
  }
}

} // namespace

std::optional<InputForm> parse_input_form(std::string_view name) {
  for (const auto& entry : form_names)
    if (entry.name == name) return entry.form;
  return std::nullopt;
}

std::string_view input_form_name(InputForm form) {
  for (const auto& entry : form_names)
    if (entry.form == form) return entry.name;
  return "auto";
}

const std::vector<std::string>& input_form_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& entry : form_names) list.emplace_back(entry.name);
    return list;
  }();
  return names;
}

ExitClass translate(const TranslateOptions& options, Io& io) {
  if (options.format != "json" && options.format != "yaml")
    throw usage_error(fmt::format("unknown output format \"{}\" (known: json, yaml)", options.format));
  for (const auto& site : options.sites)
    if (!is_dns1123_label(site))
      throw usage_error(fmt::format("--site \"{}\" is not a DNS-1123 label (lower-case letters, digits and '-', at "
                                    "most 63 characters), which site names must be",
                                    site));
  const Mapping mapping = mapping_for(options, io);
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.emplace_back("-");

  std::vector<Intent> intents;
  std::vector<DeltaEntry> delta;
  Problems problems; // the first one stops translate
  ExpectationReader accepted(mapping, delta, ReadRules{.renderable = true});
  for (const auto& input : inputs) {
    const Source source = read_source(input, ReadLimits{}, io.in, io.stdin_is_terminal);
    ParsedStream stream = parse_documents(source, ReadLimits{});
    if (stream.documents.empty()) throw input_error("no intent found in the input", location_of(source, Mark{1, 1}));
    FormContext context{source, mapping, delta, problems};
    auto translate_one = [&](const Node& document, const std::string& path) {
      for (auto& intent : accept_intents(document, model_form(options.from), context, accepted, path)) {
        if (!options.sites.empty()) intent.sites = options.sites;
        intents.push_back(std::move(intent));
      }
    };
    for (Node& document : stream.documents) {
      // A JSON array of intents is several documents in one.
      if (document.is_array()) {
        if (document.items().empty())
          throw input_error("empty list: no intent or expectation", location_of(source, document.mark));
        for (std::size_t i = 0; i < document.items().size(); ++i) translate_one(document.items()[i], join_path("", i));
      } else {
        translate_one(document, "");
      }
      document = Node{}; // translated: its memory serves the documents still to come
    }
  }

  const std::string text = render_output(intents, options);
  report_delta(delta, options, io);
  if (options.output_file.empty() || options.output_file == "-") io.out << text << std::flush;
  else write_file_atomically(options.output_file, text);
  return ExitClass::ok;
}

} // namespace intentctl
