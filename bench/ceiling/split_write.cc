// W1's ceiling: the least work that reproduces W1's output (every input line, in order, on
// stdout). Reads the input in 1 MiB blocks, finds line ends with memchr, gathers 1,000 lines
// (W1's batch count) into one buffer and writes it. No JSON, no messages, no batches by key.
//
//   ceiling_split_write FILE > OUT
//
// bench/run.sh runs it next to W1 and reports ours as a percentage of its events/s.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr size_t kBlock = 1 << 20;
constexpr size_t kBatchLines = 1000;

bool write_all(const char* data, size_t size) {
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  const int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 1;
  }
  std::vector<char> block(kBlock);
  std::string carry;  // a line cut by the block boundary
  std::string batch;
  batch.reserve(2 * kBlock);
  size_t lines = 0;
  for (;;) {
    const ssize_t got = read(fd, block.data(), block.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      std::perror("read");
      return 1;
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
        batch += carry;
        carry.clear();
      }
      batch.append(p, nl + 1);
      p = nl + 1;
      if (++lines == kBatchLines) {
        if (!write_all(batch.data(), batch.size())) return 1;
        batch.clear();
        lines = 0;
      }
    }
  }
  if (!carry.empty()) batch += carry + "\n";
  if (!batch.empty() && !write_all(batch.data(), batch.size())) return 1;
  close(fd);
  return 0;
}
