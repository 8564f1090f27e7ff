#include "core/spare_descriptors.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>

namespace intentctl {

namespace {
std::atomic<int> spares[2] = {-1, -1};
} // namespace

void keep_spare_descriptors() {
  for (auto& spare : spares)
    if (spare.load() < 0) spare.store(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}

void release_spare_descriptors() {
  for (auto& spare : spares)
    if (const int fd = spare.exchange(-1); fd >= 0) ::close(fd);
}

} // namespace intentctl
