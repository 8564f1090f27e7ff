// SHA-1 (FIPS 180-4), for Git object ids: the ownership manifest records each
// file by the id Git gives its content, so that `git hash-object FILE` and a
// commit's tree can check it. Not for anything secret.
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

} // namespace intentctl
