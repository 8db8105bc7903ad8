// Snappy framing-format decoding (services/file/snappy.cc): what `read`, the S3 handlers and
// line scanning use for snappy-framed content. Input: the framed stream (without the
// stream identifier the fuzzer has to invent it; the seeds carry it).
// Also feeds the same bytes through content sniffing (services/file open_content), which
// reaches gzip, bzip2 and zstd streams too when the input starts with their magic.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/stream_drain.h"
#include "services/file/decompress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string in(sub::fuzz::bytes_of(data, size));
  sub::fuzz::run_expecting_only_sub_errors([&] {
    auto s = sub::file::unsnappy_stream(sub::file::memory_stream(in));
    sub::fuzz::drain(*s);
  });
  sub::fuzz::run_expecting_only_sub_errors([&] {
    auto opened = sub::file::open_content(sub::file::memory_stream(in));
    sub::fuzz::drain(*opened.stream);
  });
  return 0;
}
