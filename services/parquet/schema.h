// The schema tree, rebuilt from the footer's flattened (depth-first) schema list.
#pragma once

#include <string_view>
#include <vector>

#include "services/parquet/column.h"
#include "services/parquet/metadata.h"

namespace sub::parquet {

struct Node {
  const SchemaElement* element = nullptr;
  std::vector<Node> children;
  int first_column = 0;  // leaf columns under this node: [first, first + count)
  int num_columns = 0;
  LeafInfo leaf;  // for leaves: type and the maximum levels of the path to it

  bool is_leaf() const { return children.empty(); }
  const std::string& name() const { return element->name; }
  Repetition repetition() const { return element->repetition; }
  bool is_list() const { return element->logical_type == kLogicalList; }
  bool is_map() const { return element->logical_type == kLogicalMap; }
  bool is_json() const {
    return element->logical_type == kLogicalJson ||
           (element->logical_type == 0 && element->converted_type == kConvertedJson);
  }
  const Node* child(std::string_view name) const;
};

// Builds the tree rooted at schema[0]. Throws sub::Error if the list is inconsistent.
Node build_schema(const std::vector<SchemaElement>& schema);

// The leaves in column order.
void collect_leaves(const Node& root, std::vector<const Node*>& out);

}  // namespace sub::parquet
