// Parquet value and level encodings: the RLE/bit-packed hybrid and PLAIN.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "services/parquet/column.h"

namespace sub::parquet {

// Decodes `count` values of the RLE/bit-packed hybrid encoding with the given bit width
// (0..32) into `out` (replaced). Throws sub::Error if `data` runs out first.
void decode_hybrid(std::string_view data, int bit_width, size_t count, std::vector<uint32_t>& out);

// The number of bits needed to store levels up to `max_level`.
int bit_width_of(uint32_t max_level);

// Decodes `count` PLAIN values of the leaf's type into `out` (replaced); byte-array values
// view `data`. Throws sub::Error if `data` is too short.
void decode_plain(std::string_view data, const LeafInfo& leaf, size_t count,
                  std::vector<Value>& out);

}  // namespace sub::parquet
