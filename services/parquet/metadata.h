// The parts of Parquet's Thrift metadata (parquet.thrift) this reader uses: the file
// footer (schema, row groups, column chunks) and page headers. Unknown fields are skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sub::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// Converted (legacy) type ids used here.
inline constexpr int32_t kConvertedJson = 19;

// Logical type union members used here (field ids of parquet.thrift's LogicalType).
inline constexpr int16_t kLogicalMap = 2;
inline constexpr int16_t kLogicalList = 3;
inline constexpr int16_t kLogicalJson = 12;

struct SchemaElement {
  std::optional<PhysicalType> type;  // unset for groups
  int32_t type_length = 0;
  Repetition repetition = Repetition::kRequired;
  std::string name;
  int32_t num_children = 0;
  std::optional<int32_t> converted_type;
  int16_t logical_type = 0;  // the set member of the LogicalType union, 0 if none
};

struct ColumnMeta {
  int32_t type = 0;
  int32_t codec = 0;
  int64_t num_values = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset;
};

struct RowGroup {
  std::vector<ColumnMeta> columns;
  int64_t num_rows = 0;
};

struct FileMetaData {
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
};

enum class PageType : int32_t { kData = 0, kIndex = 1, kDictionary = 2, kDataV2 = 3 };

struct PageHeader {
  int32_t type = -1;
  int32_t uncompressed_size = 0;
  int32_t compressed_size = 0;
  // Data page (v1 and v2) and dictionary page fields.
  int32_t num_values = 0;
  int32_t encoding = 0;
  // Data page v2 only.
  int32_t def_levels_length = 0;
  int32_t rep_levels_length = 0;
  bool is_compressed = true;
};

// Decodes the footer's FileMetaData. Throws sub::Error on corrupt input.
FileMetaData parse_file_metadata(std::string_view buf);

// Decodes a page header at the start of `buf`; `consumed` gets its encoded size.
PageHeader parse_page_header(std::string_view buf, size_t& consumed);

}  // namespace sub::parquet
