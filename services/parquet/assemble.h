// Turns decoded columns back into rows printed as JSON, the way the reference does: it
// reads each row into a Go `any` with parquet-go and prints it with encoding/json. So
// groups become objects with their keys sorted, and leaves print by physical type (see
// leaf_json in assemble.cc for the details and quirks).
#pragma once

#include <string>
#include <vector>

#include "services/parquet/column.h"
#include "services/parquet/schema.h"

namespace sub::parquet {

// Appends one JSON text per row of a row group with `num_rows` rows; `columns` holds the
// group's columns in leaf order. Throws sub::Error.
void assemble_rows(const Node& root, const std::vector<ColumnData>& columns, int64_t num_rows,
                   std::vector<std::string>& out);

}  // namespace sub::parquet
