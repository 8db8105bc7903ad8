// gzip decoding, both implementations: the streaming reader of `read` and the S3 handlers
// (services/file/decompress.cc, gunzip_stream) and the format_from_gzip transform
// (transform/format/from_gzip.cc). Input: the gzip bytes. When both accept an input whose
// decoded size is under the drain cap they must produce the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/one_transform.h"
#include "fuzz/support/stream_drain.h"
#include "services/file/decompress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sub::fuzz::OneTransform from_gzip("format_from_gzip");
  const std::string in(sub::fuzz::bytes_of(data, size));

  std::string streamed;
  size_t streamed_size = 0;
  const bool stream_ok = sub::fuzz::run_expecting_only_sub_errors([&] {
    auto s = sub::file::gunzip_stream(sub::file::memory_stream(in));
    streamed_size = sub::fuzz::drain(*s, &streamed);
  });

  std::vector<std::string> out;
  const bool transform_ok =
      sub::fuzz::run_expecting_only_sub_errors([&] { out = from_gzip.apply(in); });

  if (stream_ok && transform_ok && streamed_size < sub::fuzz::kMaxDecodedBytes) {
    sub::fuzz::check(out.size() == 1, "format_from_gzip did not give one message");
    sub::fuzz::check(out[0] == streamed, "gunzip_stream and format_from_gzip decode differently");
  }
  return 0;
}
