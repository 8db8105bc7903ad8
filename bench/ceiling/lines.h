// What both ceiling programs share: opening the file argument, reading its lines in 1 MiB blocks
// and writing all of a buffer to stdout.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ceiling {

inline bool write_all(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = write(STDOUT_FILENO, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The file named by the only argument, opened for reading; -1 after printing why not.
inline int open_argument(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return -1;
  }
  const int fd = open(argv[1], O_RDONLY);
  if (fd < 0) std::perror(argv[1]);
  return fd;
}

// Calls `line(std::string_view)` for each line of `fd` without its '\n' (a last line without
// one included); at least `padding` readable bytes follow every line. Stops when `line`
// returns false. Returns false on a read error or a stop.
template <typename Fn>
bool for_each_line(int fd, size_t padding, Fn&& line) {
  constexpr size_t kBlock = 1 << 20;
  std::vector<char> block(kBlock + padding);
  std::string carry;  // a line cut by the block boundary
  auto carried = [&] {
    const size_t size = carry.size();
    carry.append(padding, ' ');
    const bool ok = line(std::string_view(carry.data(), size));
    carry.clear();
    return ok;
  };
  for (;;) {
    const ssize_t got = read(fd, block.data(), kBlock);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::perror("read");
      return false;
    }
    if (got == 0) break;
    const char* p = block.data();
    const char* end = p + got;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      if (!nl) {
        carry.append(p, end);
        break;
      }
      if (!carry.empty()) {
        carry.append(p, nl);
        if (!carried()) return false;
      } else if (!line(std::string_view(p, static_cast<size_t>(nl - p)))) {
        return false;
      }
      p = nl + 1;
    }
  }
  return carry.empty() || carried();
}

}  // namespace ceiling
