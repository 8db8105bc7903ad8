#include "services/parquet/metadata.h"

#include "core/error.h"
#include "services/parquet/thrift.h"

namespace sub::parquet {
namespace {

// Calls fn(id, type) for each field of the struct at the reader's position; fn returns
// false for fields it did not read, which are then skipped.
template <typename Fn>
void read_struct(ThriftReader& r, Fn&& fn) {
  r.begin_struct();
  int16_t id = 0;
  uint8_t type = 0;
  while (r.next_field(id, type)) {
    if (!fn(id, type)) r.skip(type);
  }
  r.end_struct();
}

template <typename Fn>
void read_list_of_structs(ThriftReader& r, uint8_t type, Fn&& fn) {
  if (type != kList) {
    r.skip(type);
    return;
  }
  uint8_t et = 0;
  const size_t n = r.read_list(et);
  for (size_t i = 0; i < n; ++i) {
    if (et == kStruct) {
      fn();
    } else {
      r.skip(et);
    }
  }
}

bool is_int(uint8_t t) { return t == kI16 || t == kI32 || t == kI64 || t == kByte; }

int32_t int_field(ThriftReader& r, uint8_t t) {
  if (t == kByte) {
    r.skip(t);
    return 0;
  }
  return static_cast<int32_t>(r.read_i64());
}

SchemaElement read_schema_element(ThriftReader& r) {
  SchemaElement e;
  read_struct(r, [&](int16_t id, uint8_t t) {
    switch (id) {
      case 1:
        if (!is_int(t)) return false;
        e.type = static_cast<PhysicalType>(int_field(r, t));
        return true;
      case 2:
        if (!is_int(t)) return false;
        e.type_length = int_field(r, t);
        return true;
      case 3:
        if (!is_int(t)) return false;
        e.repetition = static_cast<Repetition>(int_field(r, t));
        return true;
      case 4:
        if (t != kBinary) return false;
        e.name = std::string(r.read_binary());
        return true;
      case 5:
        if (!is_int(t)) return false;
        e.num_children = int_field(r, t);
        return true;
      case 6:
        if (!is_int(t)) return false;
        e.converted_type = int_field(r, t);
        return true;
      case 10:
        if (t != kStruct) return false;
        // A union: the one field present names the logical type.
        read_struct(r, [&](int16_t member, uint8_t) {
          e.logical_type = member;
          return false;
        });
        return true;
      default:
        return false;
    }
  });
  if (e.type && (static_cast<int32_t>(*e.type) < 0 || static_cast<int32_t>(*e.type) > 7)) {
    throw Error("corrupt parquet metadata: unknown physical type");
  }
  if (static_cast<int32_t>(e.repetition) < 0 || static_cast<int32_t>(e.repetition) > 2) {
    throw Error("corrupt parquet metadata: unknown repetition type");
  }
  return e;
}

ColumnMeta read_column_meta(ThriftReader& r) {
  ColumnMeta m;
  read_struct(r, [&](int16_t id, uint8_t t) {
    if (!is_int(t)) return false;
    switch (id) {
      case 1:
        m.type = int_field(r, t);
        return true;
      case 4:
        m.codec = int_field(r, t);
        return true;
      case 5:
        m.num_values = r.read_i64();
        return true;
      case 7:
        m.total_compressed_size = r.read_i64();
        return true;
      case 9:
        m.data_page_offset = r.read_i64();
        return true;
      case 11:
        m.dictionary_page_offset = r.read_i64();
        return true;
      default:
        return false;
    }
  });
  return m;
}

RowGroup read_row_group(ThriftReader& r) {
  RowGroup g;
  read_struct(r, [&](int16_t id, uint8_t t) {
    if (id == 1) {
      read_list_of_structs(r, t, [&] {
        bool has_meta = false;
        ColumnMeta meta;
        read_struct(r, [&](int16_t cid, uint8_t ct) {
          if (cid != 3 || ct != kStruct) return false;
          meta = read_column_meta(r);
          has_meta = true;
          return true;
        });
        if (!has_meta) throw Error("corrupt parquet metadata: column chunk without metadata");
        g.columns.push_back(meta);
      });
      return true;
    }
    if (id == 3 && is_int(t)) {
      g.num_rows = r.read_i64();
      return true;
    }
    return false;
  });
  return g;
}

}  // namespace

FileMetaData parse_file_metadata(std::string_view buf) {
  ThriftReader r(buf);
  FileMetaData md;
  read_struct(r, [&](int16_t id, uint8_t t) {
    switch (id) {
      case 2:
        read_list_of_structs(r, t, [&] { md.schema.push_back(read_schema_element(r)); });
        return true;
      case 3:
        if (!is_int(t)) return false;
        md.num_rows = r.read_i64();
        return true;
      case 4:
        read_list_of_structs(r, t, [&] { md.row_groups.push_back(read_row_group(r)); });
        return true;
      default:
        return false;
    }
  });
  return md;
}

PageHeader parse_page_header(std::string_view buf, size_t& consumed) {
  ThriftReader r(buf);
  PageHeader h;
  read_struct(r, [&](int16_t id, uint8_t t) {
    switch (id) {
      case 1:
        if (!is_int(t)) return false;
        h.type = int_field(r, t);
        return true;
      case 2:
        if (!is_int(t)) return false;
        h.uncompressed_size = int_field(r, t);
        return true;
      case 3:
        if (!is_int(t)) return false;
        h.compressed_size = int_field(r, t);
        return true;
      case 5:  // DataPageHeader
      case 7:  // DictionaryPageHeader
      case 8:  // DataPageHeaderV2
        if (t != kStruct) return false;
        read_struct(r, [&](int16_t f, uint8_t ft) {
          if (f == 7 && id == 8 && (ft == kTrue || ft == kFalse)) {
            h.is_compressed = r.read_bool(ft);
            return true;
          }
          if (!is_int(ft)) return false;
          if (f == 1) {
            h.num_values = int_field(r, ft);
          } else if ((f == 2 && id != 8) || (f == 4 && id == 8)) {
            h.encoding = int_field(r, ft);
          } else if (f == 5 && id == 8) {
            h.def_levels_length = int_field(r, ft);
          } else if (f == 6 && id == 8) {
            h.rep_levels_length = int_field(r, ft);
          } else {
            return false;
          }
          return true;
        });
        return true;
      default:
        return false;
    }
  });
  consumed = r.pos();
  return h;
}

}  // namespace sub::parquet
