// The Parquet reader (services/parquet: thrift footer, schema, pages, encodings, codecs,
// record assembly), what format_from_parquet runs on a whole object. Input: a file.
// Every row it returns must be valid JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/json/path.h"
#include "fuzz/support/fuzz_support.h"
#include "services/parquet/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> rows;
  sub::fuzz::run_expecting_only_sub_errors(
      [&] { rows = sub::parquet::read_rows_as_json(sub::fuzz::bytes_of(data, size)); });
  for (const std::string& row : rows) {
    sub::fuzz::check(sub::json::valid(row), "a Parquet row printed as invalid JSON", row);
  }
  return 0;
}
