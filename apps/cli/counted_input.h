// A byte source that adds what it reads to ProgressCounters::bytes: the bytes `read` takes
// from its source, before decompression (one counter update per chunk read).
#pragma once

#include <memory>

#include "apps/cli/progress_counters.h"
#include "services/file/reader.h"

namespace sub::cli {

class CountedInput final : public file::ByteStream {
 public:
  CountedInput(std::unique_ptr<file::ByteStream> in, ProgressCounters& counters)
      : in_(std::move(in)), counters_(counters) {}

  size_t read(char* buf, size_t n) override {
    const size_t got = in_->read(buf, n);
    counters_.add_bytes(got);
    return got;
  }
  bool interactive() const override { return in_->interactive(); }

 private:
  std::unique_ptr<file::ByteStream> in_;
  ProgressCounters& counters_;
};

}  // namespace sub::cli
