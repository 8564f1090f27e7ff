// SHA-1 (FIPS 180-4) and the Git object ids made of it. A file is recorded by
// the id Git gives its content, so that `git hash-object FILE` and a commit's
// tree can check it. Not for anything secret.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace intentctl {

class Sha1 {
 public:
  Sha1();
  void update(std::string_view bytes);
  std::array<std::uint8_t, 20> finish();

 private:
  void block(const std::uint8_t* data);

  std::array<std::uint32_t, 5> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0; // bytes
};

// The id Git gives a file of this content (a blob): 40 hex digits.
std::string git_blob_id(std::string_view content);

// "3f2a9c1": the first seven hex digits of a commit id, as git log --oneline
// shows it ("" for "").
std::string short_commit(std::string_view commit);

// Whether two commit ids name the same commit; an abbreviated id (7 or more
// hex digits) matches the full one it starts, in either case.
bool same_commit(std::string_view a, std::string_view b);

} // namespace intentctl
