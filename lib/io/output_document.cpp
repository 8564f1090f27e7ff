#include "io/output_document.hpp"

namespace intentctl {

Node output_document(std::string_view kind) {
  Node document = Node::object();
  document.add("apiVersion", Node::string(std::string(kOutputApiVersion)));
  document.add("kind", Node::string(std::string(kind)));
  return document;
}

Node site_records_document(std::string_view kind) {
  Node document = output_document(kind);
  document.add("status", Node::string("pass"));
  document.add("sites", Node::array());
  document.add("errors", Node::array());
  return document;
}

Node error_item(const Error& error) {
  const Location& where = error.where();
  Node item = Node::object();
  item.add("message", Node::string(error.message()));
  if (!where.file.empty()) item.add("file", Node::string(where.file));
  if (where.line) {
    item.add("line", Node::number(static_cast<double>(where.line)));
    item.add("column", Node::number(static_cast<double>(where.column)));
  }
  if (!where.path.empty()) item.add("path", Node::string(where.path));
  if (!error.hint().empty()) item.add("hint", Node::string(error.hint()));
  return item;
}

Node error_document(Node empty, const Error& error) {
  if (Node* status = empty.find("status")) *status = Node::string("error");
  Node* errors = empty.find("errors");
  if (!errors) errors = &empty.add("errors", Node::array());
  errors->push(error_item(error));
  return empty;
}

} // namespace intentctl
