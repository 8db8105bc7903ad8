// Row reconstruction follows parquet-go's reconstruct functions (what the reference runs):
//   - optional: one more definition level expected; below it the value is null;
//   - repeated: one more repetition depth and definition level; below it an empty array,
//     otherwise one element per value whose repetition level is not deeper;
//   - LIST group: its `list.element` (or `list.item`) read as a repeated field. The
//     element's own optional level is not counted, so a null element prints as the zero
//     value of its type (0, "", false), as the reference does;
//   - MAP group: its `key_value` entries become an object, keys turned into strings;
//   - other groups: an object of all fields, keys sorted (Go prints maps sorted);
//   - leaves print the first value of their slice.
#include "services/parquet/assemble.h"

#include <map>

#include "core/error.h"
#include "core/json/encode.h"
#include "services/parquet/json_text.h"

namespace sub::parquet {
namespace {

struct Slice {
  const Value* p = nullptr;
  size_t n = 0;
};

struct Levels {
  int32_t rep_depth = 0;
  int32_t def = 0;
};

uint32_t le32(const char* p) {
  uint32_t v = 0;
  for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(p[k]);
  return v;
}

// Go's string(rune(i)): the UTF-8 of a valid code point, else U+FFFD.
std::string rune_string(int64_t c) {
  if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return "\xEF\xBF\xBD";
  std::string s;
  const auto u = static_cast<uint32_t>(c);
  if (u < 0x80) {
    s.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (u >> 6)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (u >> 12)));
    s.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (u >> 18)));
    s.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
  return s;
}

void append_object(std::string& out, const std::map<std::string, std::string>& members) {
  out.push_back('{');
  bool first = true;
  for (const auto& [k, text] : members) {
    if (!first) out.push_back(',');
    first = false;
    json::append_go_string(out, k);
    out.push_back(':');
    out += text;
  }
  out.push_back('}');
}

// A leaf value as the reference prints it, by physical type: BOOLEAN as a boolean, INT32
// and INT64 as integers whatever their logical type (dates, times, timestamps, decimals and
// unsigned integers print their stored signed number), INT96 as an array of three uint32
// words, FLOAT/DOUBLE as numbers, BYTE_ARRAY as a string (JSON logical type: parsed and
// printed again), FIXED_LEN_BYTE_ARRAY as base64. A null reaching here (a null element of
// a LIST) prints its type's zero value.
void leaf_json(const Node& n, const Value& v, std::string& out) {
  switch (n.leaf.type) {
    case PhysicalType::kBoolean:
      out += (!v.null && v.i != 0) ? "true" : "false";
      return;
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      json::append_int(out, v.null ? 0 : v.i);
      return;
    case PhysicalType::kInt96: {
      out.push_back('[');
      for (int k = 0; k < 3; ++k) {
        if (k) out.push_back(',');
        json::append_uint(out, v.null || v.b.size() != 12 ? 0 : le32(v.b.data() + 4 * k));
      }
      out.push_back(']');
      return;
    }
    case PhysicalType::kFloat:
      append_float32(out, v.null ? 0.0f : static_cast<float>(v.d));
      return;
    case PhysicalType::kDouble:
      append_float64(out, v.null ? 0.0 : v.d);
      return;
    case PhysicalType::kByteArray:
      if (n.is_json()) {
        append_reencoded_json(out, v.null ? std::string_view() : v.b);
      } else {
        json::append_go_string(out, v.null ? std::string_view() : v.b);
      }
      return;
    case PhysicalType::kFixedLenByteArray:
      out.push_back('"');
      out += json::base64_encode(v.null ? std::string_view() : v.b);
      out.push_back('"');
      return;
  }
}

class Assembler {
 public:
  void value(const Node& n, Repetition r, Levels lv, Slice* cols, std::string& out) {
    if (n.num_columns == 0) throw Error("group " + n.name() + " has no fields");
    if (r == Repetition::kOptional) {
      ++lv.def;
      if (first(cols).def < lv.def) {
        out += "null";
        return;
      }
      r = Repetition::kRequired;
    }
    if (r == Repetition::kRepeated) {
      ++lv.rep_depth;
      ++lv.def;
      if (first(cols).def < lv.def) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool comma = false;
      for_each_item(n.num_columns, lv, cols, [&](Slice* item) {
        if (comma) out.push_back(',');
        comma = true;
        value(n, Repetition::kRequired, lv, item, out);
      });
      out.push_back(']');
      return;
    }
    if (n.is_list()) {
      const Node* list = n.child("list");
      const Node* elem = list ? list->child("element") : nullptr;
      if (list && !elem) elem = list->child("item");
      if (!elem)
        throw Error("node with logical type LIST is not composed of a repeated .list.element");
      value(*elem, Repetition::kRepeated, lv, cols + (elem->first_column - n.first_column), out);
      return;
    }
    if (n.is_map()) {
      map(n, lv, cols, out);
      return;
    }
    if (n.is_leaf()) {
      if (cols[0].n == 0) {
        throw Error("no values found in parquet row for column " + std::to_string(n.first_column));
      }
      leaf_json(n, cols[0].p[0], out);
      return;
    }
    std::map<std::string, std::string> members;
    for (const Node& c : n.children) {
      std::string text;
      try {
        value(c, c.repetition(), lv, cols + (c.first_column - n.first_column), text);
      } catch (const MarshalError&) {
        throw;
      } catch (const Error& e) {
        throw Error(c.name() + " → " + e.what());
      }
      members[c.name()] = std::move(text);
    }
    append_object(out, members);
  }

 private:
  static const Value& first(const Slice* cols) {
    if (cols[0].n == 0) throw Error("no values found in parquet row");
    return cols[0].p[0];
  }

  // Splits the columns into the items of a repeated field (values whose repetition level
  // is deeper than the field's belong to the item before them) and calls fn per item.
  template <typename Fn>
  static void for_each_item(int ncols, Levels lv, Slice* cols, Fn&& fn) {
    std::vector<Slice> rest(cols, cols + ncols);
    std::vector<Slice> item(static_cast<size_t>(ncols));
    while (rest[0].n > 0) {
      for (int j = 0; j < ncols; ++j) {
        Slice& r = rest[j];
        size_t k = r.n == 0 ? 0 : 1;
        while (k < r.n && r.p[k].rep > lv.rep_depth) ++k;
        item[j] = Slice{r.p, k};
        r.p += k;
        r.n -= k;
      }
      fn(item.data());
    }
  }

  void map(const Node& n, Levels lv, Slice* cols, std::string& out) {
    const Node* kv = n.child("key_value");
    const Node* key = kv ? kv->child("key") : nullptr;
    const Node* val = kv ? kv->child("value") : nullptr;
    if (!kv || kv->is_leaf() || kv->repetition() != Repetition::kRepeated || !key || !val ||
        key->repetition() != Repetition::kRequired) {
      throw Error("node with logical type MAP is not composed of a repeated .key_value group");
    }
    ++lv.rep_depth;
    ++lv.def;
    std::map<std::string, std::string> members;
    if (first(cols).def >= lv.def) {
      Slice* kv_cols = cols + (kv->first_column - n.first_column);
      for_each_item(kv->num_columns, lv, kv_cols, [&](Slice* item) {
        std::string k = key_string(*key, lv, item + (key->first_column - kv->first_column));
        std::string text;
        value(*val, val->repetition(), lv, item + (val->first_column - kv->first_column), text);
        members[std::move(k)] = std::move(text);
      });
    }
    append_object(out, members);
  }

  // A map key converted to a Go string: byte arrays as their bytes, integers as the
  // character with that code point (Go's string(rune)), anything else as its JSON text.
  std::string key_string(const Node& key, Levels lv, Slice* cols) {
    if (key.is_leaf() && cols[0].n > 0) {
      const Value& v = cols[0].p[0];
      switch (key.leaf.type) {
        case PhysicalType::kByteArray:
        case PhysicalType::kFixedLenByteArray:
          return std::string(v.b);
        case PhysicalType::kInt32:
        case PhysicalType::kInt64:
          return rune_string(v.i);
        default:
          break;
      }
    }
    std::string text;
    value(key, Repetition::kRequired, lv, cols, text);
    return text;
  }
};

}  // namespace

void assemble_rows(const Node& root, const std::vector<ColumnData>& columns, int64_t num_rows,
                   std::vector<std::string>& out) {
  const size_t ncols = columns.size();
  std::vector<size_t> pos(ncols, 0);
  std::vector<Slice> row(ncols);
  Assembler a;
  for (int64_t r = 0; r < num_rows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      const std::vector<Value>& vals = columns[c].values;
      size_t b = pos[c];
      if (b >= vals.size()) {
        throw Error("corrupt parquet file: column " + std::to_string(c) +
                    " has fewer rows than its row group");
      }
      size_t e = b + 1;
      while (e < vals.size() && vals[e].rep != 0) ++e;
      row[c] = Slice{vals.data() + b, e - b};
      pos[c] = e;
    }
    std::string text;
    a.value(root, Repetition::kRequired, Levels{}, row.data(), text);
    out.push_back(std::move(text));
  }
}

}  // namespace sub::parquet
