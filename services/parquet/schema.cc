#include "services/parquet/schema.h"

#include "core/error.h"

namespace sub::parquet {
namespace {

constexpr int kMaxDepth = 100;

[[noreturn]] void corrupt(const std::string& what) {
  throw Error("corrupt parquet schema: " + what);
}

struct Builder {
  const std::vector<SchemaElement>& schema;
  size_t next = 0;
  int columns = 0;

  Node build(int depth, int32_t def, int32_t rep) {
    if (depth > kMaxDepth) corrupt("nesting too deep");
    if (next >= schema.size()) corrupt("more children than schema elements");
    Node n;
    n.element = &schema[next++];
    if (depth > 0) {
      if (n.element->repetition == Repetition::kOptional) ++def;
      if (n.element->repetition == Repetition::kRepeated) ++def, ++rep;
    }
    n.first_column = columns;
    const int32_t kids = n.element->num_children;
    if (kids < 0 || static_cast<size_t>(kids) > schema.size() - next) {
      corrupt("invalid number of children for " + n.element->name);
    }
    if (kids == 0) {
      if (depth == 0) corrupt("the root is not a group");
      if (!n.element->type) corrupt("leaf " + n.element->name + " has no type");
      if (*n.element->type == PhysicalType::kFixedLenByteArray && n.element->type_length < 0) {
        corrupt("negative fixed length for " + n.element->name);
      }
      n.leaf.type = *n.element->type;
      n.leaf.type_length = n.element->type_length;
      n.leaf.max_def = def;
      n.leaf.max_rep = rep;
      ++columns;
    } else {
      n.children.reserve(static_cast<size_t>(kids));
      for (int32_t k = 0; k < kids; ++k) n.children.push_back(build(depth + 1, def, rep));
    }
    n.num_columns = columns - n.first_column;
    return n;
  }
};

}  // namespace

const Node* Node::child(std::string_view name) const {
  for (const Node& c : children) {
    if (c.name() == name) return &c;
  }
  return nullptr;
}

Node build_schema(const std::vector<SchemaElement>& schema) {
  if (schema.empty()) corrupt("empty schema");
  Builder b{schema};
  Node root = b.build(0, 0, 0);
  if (b.next != schema.size()) corrupt("schema elements left over");
  return root;
}

void collect_leaves(const Node& root, std::vector<const Node*>& out) {
  if (root.is_leaf()) {
    out.push_back(&root);
    return;
  }
  for (const Node& c : root.children) collect_leaves(c, out);
}

}  // namespace sub::parquet
