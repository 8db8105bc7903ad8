#include "services/parquet/codec.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>

#include "core/error.h"

namespace sub::parquet {
namespace {

[[noreturn]] void snappy_corrupt() { throw Error("snappy: corrupt input"); }

uint32_t load_le(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

std::string gunzip(std::string_view in, size_t size) {
  std::string out(size, '\0');
  z_stream zs{};
  // 15 + 32: a zlib or gzip header, detected automatically.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) throw Error("gzip: cannot initialise zlib");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  const size_t produced = zs.total_out;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) throw Error("gzip: corrupt or truncated page");
  if (produced != size) throw Error("gzip: page size mismatch");
  return out;
}

std::string unzstd(std::string_view in, size_t size) {
  std::string out(size, '\0');
  const size_t rc = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(rc)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(rc));
  if (rc != size) throw Error("zstd: page size mismatch");
  return out;
}

const char* codec_name(int32_t codec) {
  switch (codec) {
    case 3:
      return "LZO";
    case 4:
      return "BROTLI";
    case 5:
      return "LZ4";
    case 7:
      return "LZ4_RAW";
    default:
      return nullptr;
  }
}

}  // namespace

std::string snappy_block(std::string_view in, size_t max) {
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t s = 0;
  uint64_t want = 0;
  for (int shift = 0;; shift += 7) {
    if (s >= n || shift > 28) snappy_corrupt();
    const unsigned char b = src[s++];
    want |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (b < 0x80) break;
  }
  if (want > max) snappy_corrupt();
  std::string out(want, '\0');
  size_t d = 0;
  while (s < n) {
    const unsigned char tag = src[s];
    size_t len = 0;
    size_t offset = 0;
    if ((tag & 3) == 0) {  // a literal
      size_t x = tag >> 2;
      ++s;
      if (x >= 60) {
        const size_t extra = x - 59;
        if (extra > n - s) snappy_corrupt();
        x = load_le(src + s, static_cast<int>(extra));
        s += extra;
      }
      len = x + 1;
      if (len > n - s || len > want - d) snappy_corrupt();
      std::memcpy(out.data() + d, src + s, len);
      s += len;
      d += len;
      continue;
    }
    const size_t tag_size = (tag & 3) == 1 ? 2 : (tag & 3) == 2 ? 3 : 5;
    if (tag_size > n - s) snappy_corrupt();
    if ((tag & 3) == 1) {
      len = 4 + ((tag >> 2) & 7);
      offset = (static_cast<size_t>(tag & 0xE0) << 3) | src[s + 1];
    } else {
      len = 1 + (tag >> 2);
      offset = load_le(src + s + 1, static_cast<int>(tag_size - 1));
    }
    s += tag_size;
    if (offset == 0 || offset > d || len > want - d) snappy_corrupt();
    for (size_t i = 0; i < len; ++i, ++d) out[d] = out[d - offset];  // copies may overlap
  }
  if (d != want) snappy_corrupt();
  return out;
}

std::string decompress(int32_t codec, std::string_view in, size_t size) {
  switch (codec) {
    case 0:
      if (in.size() != size) throw Error("page size mismatch");
      return std::string(in);
    case 1: {
      std::string out = snappy_block(in, size);
      if (out.size() != size) throw Error("snappy: page size mismatch");
      return out;
    }
    case 2:
      return gunzip(in, size);
    case 6:
      return unzstd(in, size);
    default: {
      const char* name = codec_name(codec);
      throw Error(name ? std::string("unsupported compression codec: ") + name
                       : "unsupported compression codec: " + std::to_string(codec));
    }
  }
}

}  // namespace sub::parquet
