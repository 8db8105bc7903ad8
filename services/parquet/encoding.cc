#include "services/parquet/encoding.h"

#include <cstring>

#include "core/error.h"

namespace sub::parquet {
namespace {

[[noreturn]] void truncated() { throw Error("corrupt parquet page: values are truncated"); }

uint64_t load_le(const char* p, size_t n) {
  uint64_t v = 0;
  for (size_t k = n; k-- > 0;) v = (v << 8) | static_cast<unsigned char>(p[k]);
  return v;
}

}  // namespace

int bit_width_of(uint32_t max_level) {
  int w = 0;
  while (max_level != 0) {
    ++w;
    max_level >>= 1;
  }
  return w;
}

void decode_hybrid(std::string_view data, int bit_width, size_t count, std::vector<uint32_t>& out) {
  if (bit_width < 0 || bit_width > 32) throw Error("corrupt parquet page: invalid bit width");
  out.clear();
  out.reserve(count);
  size_t p = 0;
  const size_t value_bytes = (static_cast<size_t>(bit_width) + 7) / 8;
  while (out.size() < count) {
    uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
      if (p >= data.size() || shift > 63) truncated();
      const auto b = static_cast<unsigned char>(data[p++]);
      header |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) break;
    }
    const size_t want = count - out.size();
    if (header & 1) {  // bit-packed groups of eight values
      const uint64_t groups = header >> 1;
      const uint64_t in_run = groups * 8;
      const size_t take = in_run < want ? static_cast<size_t>(in_run) : want;
      const size_t need = (take * static_cast<size_t>(bit_width) + 7) / 8;
      if (need > data.size() - p) truncated();
      const auto* bytes = reinterpret_cast<const unsigned char*>(data.data() + p);
      size_t bit = 0;
      for (size_t k = 0; k < take; ++k) {
        uint64_t v = 0;
        for (int j = 0; j < bit_width; ++j, ++bit) {
          v |= static_cast<uint64_t>((bytes[bit >> 3] >> (bit & 7)) & 1) << j;
        }
        out.push_back(static_cast<uint32_t>(v));
      }
      const uint64_t run_bytes = groups * static_cast<uint64_t>(bit_width);
      p += run_bytes < data.size() - p ? static_cast<size_t>(run_bytes) : data.size() - p;
    } else {  // a run of one repeated value
      const uint64_t run = header >> 1;
      if (value_bytes > data.size() - p) truncated();
      const auto v = static_cast<uint32_t>(load_le(data.data() + p, value_bytes));
      p += value_bytes;
      const size_t take = run < want ? static_cast<size_t>(run) : want;
      out.insert(out.end(), take, v);
    }
  }
}

void decode_plain(std::string_view data, const LeafInfo& leaf, size_t count,
                  std::vector<Value>& out) {
  // Each value takes at least this many bits, which bounds `count` before allocating.
  size_t min_bits = 8;
  switch (leaf.type) {
    case PhysicalType::kBoolean:
      min_bits = 1;
      break;
    case PhysicalType::kFixedLenByteArray:
      min_bits = 8 * static_cast<size_t>(leaf.type_length);
      break;
    default:
      min_bits = 32;
      break;
  }
  if (min_bits != 0 && count > data.size() * 8 / min_bits) truncated();
  out.clear();
  out.resize(count);
  size_t p = 0;
  auto fixed = [&](size_t width) {
    if (width != 0 && count > (data.size() - p) / width) truncated();
  };
  switch (leaf.type) {
    case PhysicalType::kBoolean:
      if ((count + 7) / 8 > data.size()) truncated();
      for (size_t k = 0; k < count; ++k) {
        out[k].i = (static_cast<unsigned char>(data[k >> 3]) >> (k & 7)) & 1;
      }
      return;
    case PhysicalType::kInt32:
      fixed(4);
      for (auto& v : out) {
        v.i = static_cast<int32_t>(static_cast<uint32_t>(load_le(data.data() + p, 4)));
        p += 4;
      }
      return;
    case PhysicalType::kInt64:
      fixed(8);
      for (auto& v : out) {
        v.i = static_cast<int64_t>(load_le(data.data() + p, 8));
        p += 8;
      }
      return;
    case PhysicalType::kFloat:
      fixed(4);
      for (auto& v : out) {
        const auto bits = static_cast<uint32_t>(load_le(data.data() + p, 4));
        float f;
        std::memcpy(&f, &bits, 4);
        v.d = f;
        p += 4;
      }
      return;
    case PhysicalType::kDouble:
      fixed(8);
      for (auto& v : out) {
        const uint64_t bits = load_le(data.data() + p, 8);
        std::memcpy(&v.d, &bits, 8);
        p += 8;
      }
      return;
    case PhysicalType::kInt96:
    case PhysicalType::kFixedLenByteArray: {
      const size_t width =
          leaf.type == PhysicalType::kInt96 ? 12 : static_cast<size_t>(leaf.type_length);
      fixed(width);
      for (auto& v : out) {
        v.b = data.substr(p, width);
        p += width;
      }
      return;
    }
    case PhysicalType::kByteArray:
      for (auto& v : out) {
        if (data.size() - p < 4) truncated();
        const uint64_t n = load_le(data.data() + p, 4);
        p += 4;
        if (n > data.size() - p) truncated();
        v.b = data.substr(p, n);
        p += n;
      }
      return;
  }
}

}  // namespace sub::parquet
