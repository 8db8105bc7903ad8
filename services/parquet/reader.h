// A minimal Parquet file reader: the whole file in memory in, one JSON text per row out.
//
// Supported: data page v1 and v2; PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY and (booleans)
// RLE encodings; RLE/bit-packed levels; UNCOMPRESSED, SNAPPY, GZIP and ZSTD; every
// physical type; nested groups, repeated fields, LIST and MAP. Rows print as the
// reference (parquet-go into `any`, then encoding/json) prints them; see assemble.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sub::parquet {

// Throws sub::Error on a corrupt, truncated or unsupported file.
std::vector<std::string> read_rows_as_json(std::string_view file);

}  // namespace sub::parquet
