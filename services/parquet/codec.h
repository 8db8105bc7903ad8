// Page decompression for the codecs this reader supports: UNCOMPRESSED, SNAPPY (the raw
// block format), GZIP and ZSTD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sub::parquet {

// Decompresses `in` with the column's codec into exactly `size` bytes (the page header's
// uncompressed size). Throws sub::Error on corrupt data, a size mismatch or an unsupported
// codec.
std::string decompress(int32_t codec, std::string_view in, size_t size);

// The snappy raw block format (no framing); the decoded length must not exceed `max`.
std::string snappy_block(std::string_view in, size_t max);

}  // namespace sub::parquet
