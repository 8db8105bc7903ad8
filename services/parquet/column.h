// Reading one column chunk: its pages decompressed and decoded into a flat list of values
// with their repetition and definition levels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "services/parquet/metadata.h"

namespace sub::parquet {

// One leaf value. `null` is set when the definition level is below the column's maximum.
// Booleans and integers are in `i`, FLOAT and DOUBLE in `d`, and byte arrays, fixed-length
// byte arrays and INT96 (12 bytes) in `b`, which views a buffer of the owning ColumnData.
struct Value {
  int32_t rep = 0;
  int32_t def = 0;
  bool null = true;
  int64_t i = 0;
  double d = 0;
  std::string_view b;
};

struct ColumnData {
  std::vector<Value> values;
  std::vector<std::unique_ptr<std::string>> buffers;  // what the values' `b` views
};

struct LeafInfo {
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  int32_t max_def = 0;
  int32_t max_rep = 0;
};

// Reads the chunk described by `meta` from the whole file `file`. Throws sub::Error.
ColumnData read_column(std::string_view file, const ColumnMeta& meta, const LeafInfo& leaf);

}  // namespace sub::parquet
