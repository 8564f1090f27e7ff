#pragma once

namespace intentctl {
const char* version_string(); // "0.1.0"
const char* build_commit();   // the git commit the binary was built from
} // namespace intentctl
