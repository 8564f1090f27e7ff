// Escaping text for XML 1.0 (attribute values and element content alike), for
// the JUnit reports of validate and verify.
#pragma once

#include <string>
#include <string_view>

namespace intentctl {

// &, <, >, " and ' become entities. What XML 1.0 cannot hold at all, not even
// as a character reference, becomes U+FFFD (the replacement character), so a
// reader still sees that something stood there: the C0 control characters
// other than tab, line feed and carriage return, and the noncharacters U+FFFE
// and U+FFFF. Everything else, other UTF-8 included, is kept as it is.
std::string xml_escape(std::string_view text);

} // namespace intentctl
