// zip decoding: the format_from_zip transform (transform/format/from_zip.cc, over libzip).
// Input: the archive bytes. Also runs content sniffing (services/media detect), which
// format_mime and line scanning apply to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/support/fuzz_support.h"
#include "fuzz/support/one_transform.h"
#include "services/media/detect.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sub::fuzz::OneTransform from_zip("format_from_zip");
  const std::string in(sub::fuzz::bytes_of(data, size));
  (void)sub::media::detect(in);
  std::vector<std::string> files;
  sub::fuzz::run_expecting_only_sub_errors([&] { files = from_zip.apply(in); });
  for (const std::string& f : files)
    sub::fuzz::check(!f.empty(), "format_from_zip emitted an empty file");
  return 0;
}
