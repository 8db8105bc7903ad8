// W1's ceiling: the least work that reproduces W1's output (every input line, in order, on
// stdout). Reads the input in 1 MiB blocks, finds line ends with memchr, gathers 1,000 lines
// (W1's batch count) into one buffer and writes it. No JSON, no messages, no batches by key.
//
//   ceiling_split_write FILE > OUT
//
// bench/run.sh runs it next to W1 and reports ours as a percentage of its events/s.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "lines.h"

int main(int argc, char** argv) {
  const int fd = ceiling::open_argument(argc, argv);
  if (fd < 0) return 1;
  constexpr size_t kBatchLines = 1000;
  std::string batch;
  batch.reserve(2 << 20);
  size_t lines = 0;
  const bool ok = ceiling::for_each_line(fd, 0, [&](std::string_view line) {
    batch.append(line);
    batch += '\n';
    if (++lines < kBatchLines) return true;
    lines = 0;
    const bool written = ceiling::write_all(batch.data(), batch.size());
    batch.clear();
    return written;
  });
  if (!ok || !ceiling::write_all(batch.data(), batch.size())) return 1;
  close(fd);
  return 0;
}
