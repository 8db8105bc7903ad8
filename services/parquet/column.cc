#include "services/parquet/column.h"

#include "core/error.h"
#include "services/parquet/codec.h"
#include "services/parquet/encoding.h"

namespace sub::parquet {
namespace {

// Upper bounds that keep a hostile file from asking for huge allocations.
constexpr int64_t kMaxValuesPerChunk = int64_t{1} << 26;
constexpr int32_t kMaxPageSize = 1 << 30;

constexpr int32_t kPlain = 0;
constexpr int32_t kPlainDictionary = 2;
constexpr int32_t kRle = 3;
constexpr int32_t kRleDictionary = 8;

[[noreturn]] void corrupt(const std::string& what) { throw Error("corrupt parquet page: " + what); }

uint32_t load_u32(std::string_view s) {
  uint32_t v = 0;
  for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(s[k]);
  return v;
}

std::string encoding_name(int32_t e) {
  switch (e) {
    case 5:
      return "DELTA_BINARY_PACKED";
    case 6:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case 7:
      return "DELTA_BYTE_ARRAY";
    case 9:
      return "BYTE_STREAM_SPLIT";
    default:
      return std::to_string(e);
  }
}

// Reads one v1 level section (a 4-byte length, then the hybrid encoding); returns the
// bytes after it.
std::string_view read_v1_levels(std::string_view data, int32_t max_level, size_t count,
                                std::vector<uint32_t>& out) {
  if (max_level == 0) {
    out.assign(count, 0);
    return data;
  }
  if (data.size() < 4) corrupt("levels are truncated");
  const uint32_t n = load_u32(data);
  if (n > data.size() - 4) corrupt("levels are truncated");
  decode_hybrid(data.substr(4, n), bit_width_of(static_cast<uint32_t>(max_level)), count, out);
  return data.substr(4 + n);
}

class ChunkReader {
 public:
  ChunkReader(const ColumnMeta& meta, const LeafInfo& leaf, ColumnData& out)
      : meta_(meta), leaf_(leaf), out_(out) {}

  void dictionary_page(const PageHeader& h, std::string_view page) {
    if (h.encoding != kPlain && h.encoding != kPlainDictionary) {
      corrupt("unsupported dictionary encoding " + encoding_name(h.encoding));
    }
    if (h.num_values < 0) corrupt("negative value count");
    std::string_view data = keep(decompress(meta_.codec, page, page_size(h.uncompressed_size)));
    decode_plain(data, leaf_, static_cast<size_t>(h.num_values), dict_);
    have_dict_ = true;
  }

  void data_page_v1(const PageHeader& h, std::string_view page) {
    const size_t n = value_count(h);
    std::string_view data = keep(decompress(meta_.codec, page, page_size(h.uncompressed_size)));
    data = read_v1_levels(data, leaf_.max_rep, n, rep_);
    data = read_v1_levels(data, leaf_.max_def, n, def_);
    emit(h.encoding, data, n);
  }

  void data_page_v2(const PageHeader& h, std::string_view page) {
    const size_t n = value_count(h);
    if (h.rep_levels_length < 0 || h.def_levels_length < 0 ||
        static_cast<uint64_t>(h.rep_levels_length) + static_cast<uint64_t>(h.def_levels_length) >
            page.size()) {
      corrupt("level lengths out of bounds");
    }
    const auto rl = static_cast<size_t>(h.rep_levels_length);
    const auto dl = static_cast<size_t>(h.def_levels_length);
    levels(page.substr(0, rl), leaf_.max_rep, n, rep_);
    levels(page.substr(rl, dl), leaf_.max_def, n, def_);
    std::string_view values = page.substr(rl + dl);
    if (h.is_compressed && meta_.codec != 0) {
      const int64_t size = int64_t{h.uncompressed_size} - static_cast<int64_t>(rl + dl);
      if (size < 0) corrupt("invalid uncompressed size");
      values = keep(decompress(meta_.codec, values, page_size(static_cast<int32_t>(size))));
    }
    emit(h.encoding, values, n);
  }

 private:
  static size_t page_size(int32_t size) {
    if (size < 0 || size > kMaxPageSize) corrupt("invalid page size");
    return static_cast<size_t>(size);
  }

  size_t value_count(const PageHeader& h) {
    if (h.num_values < 0) corrupt("negative value count");
    if (static_cast<int64_t>(out_.values.size()) + h.num_values > kMaxValuesPerChunk) {
      corrupt("too many values in a column chunk");
    }
    return static_cast<size_t>(h.num_values);
  }

  std::string_view keep(std::string s) {
    out_.buffers.push_back(std::make_unique<std::string>(std::move(s)));
    return *out_.buffers.back();
  }

  static void levels(std::string_view data, int32_t max_level, size_t n,
                     std::vector<uint32_t>& out) {
    if (max_level == 0) {
      out.assign(n, 0);
      return;
    }
    decode_hybrid(data, bit_width_of(static_cast<uint32_t>(max_level)), n, out);
  }

  // Decodes the page's values and appends one Value per level pair.
  void emit(int32_t encoding, std::string_view data, size_t n) {
    size_t present = 0;
    for (size_t k = 0; k < n; ++k) {
      if (def_[k] > static_cast<uint32_t>(leaf_.max_def) ||
          rep_[k] > static_cast<uint32_t>(leaf_.max_rep)) {
        corrupt("level out of range");
      }
      if (def_[k] == static_cast<uint32_t>(leaf_.max_def)) ++present;
    }
    switch (encoding) {
      case kPlain:
        decode_plain(data, leaf_, present, vals_);
        break;
      case kPlainDictionary:
      case kRleDictionary: {
        if (!have_dict_) corrupt("dictionary page missing");
        if (data.empty() && present > 0) corrupt("dictionary indexes are truncated");
        const int width = data.empty() ? 0 : static_cast<unsigned char>(data[0]);
        decode_hybrid(data.empty() ? data : data.substr(1), width, present, idx_);
        vals_.resize(present);
        for (size_t k = 0; k < present; ++k) {
          if (idx_[k] >= dict_.size()) corrupt("dictionary index out of range");
          vals_[k] = dict_[idx_[k]];
        }
        break;
      }
      case kRle: {
        if (leaf_.type != PhysicalType::kBoolean) corrupt("RLE encoding of a non-boolean column");
        if (data.size() < 4) corrupt("values are truncated");
        const uint32_t len = load_u32(data);
        if (len > data.size() - 4) corrupt("values are truncated");
        decode_hybrid(data.substr(4, len), 1, present, idx_);
        vals_.assign(present, Value{});
        for (size_t k = 0; k < present; ++k) vals_[k].i = idx_[k];
        break;
      }
      default:
        throw Error("unsupported parquet encoding: " + encoding_name(encoding));
    }
    size_t next = 0;
    for (size_t k = 0; k < n; ++k) {
      Value v;
      if (def_[k] == static_cast<uint32_t>(leaf_.max_def)) {
        v = vals_[next++];
        v.null = false;
      }
      v.rep = static_cast<int32_t>(rep_[k]);
      v.def = static_cast<int32_t>(def_[k]);
      out_.values.push_back(v);
    }
  }

  const ColumnMeta& meta_;
  const LeafInfo& leaf_;
  ColumnData& out_;
  std::vector<Value> dict_;
  bool have_dict_ = false;
  std::vector<uint32_t> rep_, def_, idx_;
  std::vector<Value> vals_;
};

}  // namespace

ColumnData read_column(std::string_view file, const ColumnMeta& meta, const LeafInfo& leaf) {
  ColumnData out;
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  const auto size = static_cast<int64_t>(file.size());
  if (start < 0 || start >= size || meta.total_compressed_size < 0 ||
      meta.total_compressed_size > size - start) {
    throw Error("corrupt parquet file: column chunk out of bounds");
  }
  if (meta.num_values < 0 || meta.num_values > kMaxValuesPerChunk) {
    throw Error("corrupt parquet file: invalid column value count");
  }
  std::string_view chunk =
      file.substr(static_cast<size_t>(start), static_cast<size_t>(meta.total_compressed_size));
  ChunkReader reader(meta, leaf, out);
  size_t pos = 0;
  while (static_cast<int64_t>(out.values.size()) < meta.num_values && pos < chunk.size()) {
    size_t used = 0;
    const PageHeader h = parse_page_header(chunk.substr(pos), used);
    pos += used;
    if (h.compressed_size < 0 || static_cast<size_t>(h.compressed_size) > chunk.size() - pos) {
      corrupt("page size out of bounds");
    }
    std::string_view page = chunk.substr(pos, static_cast<size_t>(h.compressed_size));
    pos += page.size();
    switch (static_cast<PageType>(h.type)) {
      case PageType::kDictionary:
        reader.dictionary_page(h, page);
        break;
      case PageType::kData:
        reader.data_page_v1(h, page);
        break;
      case PageType::kDataV2:
        reader.data_page_v2(h, page);
        break;
      default:
        break;  // index pages and unknown page types carry no values
    }
  }
  if (static_cast<int64_t>(out.values.size()) != meta.num_values) {
    throw Error("corrupt parquet file: column chunk has " + std::to_string(out.values.size()) +
                " values, metadata says " + std::to_string(meta.num_values));
  }
  return out;
}

}  // namespace sub::parquet
