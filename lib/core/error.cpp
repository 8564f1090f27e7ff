#include "core/error.hpp"

#include <cerrno>
#include <utility>

#include "core/spare_descriptors.hpp"

namespace intentctl {

namespace {
std::string full_text(const std::string& message, const Location& where) {
  std::string text = location_prefix(where) + "error: ";
  if (!where.path.empty()) text += where.path + ": ";
  return text + message;
}
} // namespace

Error::Error(ExitClass exit_class, std::string message, Location where)
    : std::runtime_error(full_text(message, where)),
      exit_class_(exit_class),
      message_(std::move(message)),
      where_(std::move(where)) {}

std::string Error::describe() const { return what(); }

Error input_error(std::string message, Location where) {
  return Error(ExitClass::usage, std::move(message), std::move(where));
}

Error usage_error(std::string message) { return Error(ExitClass::usage, std::move(message)); }

Error external_error(std::string message, Location where) {
  return Error(ExitClass::external, std::move(message), std::move(where));
}

Error file_error(int errnum, std::string message, Location where) {
  switch (errnum) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
    case EMFILE:
    case ENFILE: release_spare_descriptors(); return Error(ExitClass::external, std::move(message), std::move(where));
    case ENOMEM:
    case ENOBUFS:
    case EIO: return Error(ExitClass::external, std::move(message), std::move(where));
    default: return Error(ExitClass::usage, std::move(message), std::move(where));
  }
}

std::string location_text(const Location& where) {
  if (where.file.empty()) return {};
  std::string text = where.file;
  if (where.line > 0) {
    text += ":" + std::to_string(where.line);
    if (where.column > 0) text += ":" + std::to_string(where.column);
  }
  return text;
}

std::string location_prefix(const Location& where) {
  return where.file.empty() ? std::string{} : location_text(where) + ": ";
}

int exit_code(ExitClass exit_class) { return static_cast<int>(exit_class); }

} // namespace intentctl
