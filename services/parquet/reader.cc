#include "services/parquet/reader.h"

#include "core/error.h"
#include "services/parquet/assemble.h"
#include "services/parquet/column.h"
#include "services/parquet/metadata.h"
#include "services/parquet/schema.h"

namespace sub::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";
// Bounds the number of rows a file may claim before any are read.
constexpr int64_t kMaxRows = int64_t{1} << 26;

std::string_view footer_of(std::string_view file) {
  if (file.size() < 4 || file.substr(0, 4) != kMagic) {
    throw Error("invalid magic header of parquet file");
  }
  if (file.size() < 12 || file.substr(file.size() - 4) != kMagic) {
    throw Error("invalid magic footer of parquet file");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(file.data() + file.size() - 8);
  const uint32_t len = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
  if (len > file.size() - 12) throw Error("invalid footer of parquet file: length out of bounds");
  return file.substr(file.size() - 8 - len, len);
}

}  // namespace

std::vector<std::string> read_rows_as_json(std::string_view file) {
  const FileMetaData md = parse_file_metadata(footer_of(file));
  const Node root = build_schema(md.schema);
  std::vector<const Node*> leaves;
  collect_leaves(root, leaves);

  std::vector<std::string> rows;
  int64_t total = 0;
  for (const RowGroup& g : md.row_groups) {
    if (g.columns.size() != leaves.size()) {
      throw Error("corrupt parquet file: row group has " + std::to_string(g.columns.size()) +
                  " columns, schema has " + std::to_string(leaves.size()));
    }
    if (g.num_rows < 0 || g.num_rows > kMaxRows - total) {
      throw Error("corrupt parquet file: invalid row count");
    }
    total += g.num_rows;
    std::vector<ColumnData> columns;
    columns.reserve(leaves.size());
    for (size_t c = 0; c < leaves.size(); ++c) {
      if (g.columns[c].type != static_cast<int32_t>(leaves[c]->leaf.type)) {
        throw Error("corrupt parquet file: column " + leaves[c]->name() +
                    " has a type that does not match the schema");
      }
      columns.push_back(read_column(file, g.columns[c], leaves[c]->leaf));
    }
    assemble_rows(root, columns, g.num_rows, rows);
  }
  return rows;
}

}  // namespace sub::parquet
