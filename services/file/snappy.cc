// The snappy framing format (https://github.com/google/snappy/blob/main/framing_format.txt):
// chunks of at most 64 KiB, each compressed with the snappy block format or stored, each
// with a masked CRC-32C of its uncompressed bytes.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/error.h"
#include "services/file/decompress.h"

namespace sub::file {
namespace {

constexpr size_t kMaxBlock = 65536;
constexpr std::string_view kStreamId = "sNaPpY";

uint32_t crc32c(const char* data, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    crc = table[(crc ^ static_cast<unsigned char>(data[i])) & 0xFF] ^ (crc >> 8);
  }
  return ~crc;
}

uint32_t masked_crc(const char* data, size_t n) {
  const uint32_t c = crc32c(data, n);
  return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
}

uint32_t le(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

[[noreturn]] void corrupt() { throw Error("snappy: corrupt input"); }

// Decodes one snappy block into `out` (cleared first).
void decode_block(const unsigned char* src, size_t n, std::string& out) {
  size_t s = 0;
  uint64_t want = 0;
  for (int shift = 0;; shift += 7) {
    if (s >= n || shift > 28) corrupt();
    const unsigned char b = src[s++];
    want |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (b < 0x80) break;
  }
  if (want > kMaxBlock) corrupt();
  out.resize(want);
  size_t d = 0;
  while (s < n) {
    const unsigned char tag = src[s];
    size_t len = 0;
    size_t offset = 0;
    switch (tag & 3) {
      case 0: {  // literal
        size_t x = tag >> 2;
        ++s;
        if (x >= 60) {
          const int extra = static_cast<int>(x) - 59;
          if (s + extra > n) corrupt();
          x = le(src + s, extra);
          s += extra;
        }
        len = x + 1;
        if (len > n - s || len > want - d) corrupt();
        std::memcpy(out.data() + d, src + s, len);
        s += len;
        d += len;
        continue;
      }
      case 1:
        if (s + 2 > n) corrupt();
        len = 4 + ((tag >> 2) & 7);
        offset = (static_cast<size_t>(tag & 0xE0) << 3) | src[s + 1];
        s += 2;
        break;
      case 2:
        if (s + 3 > n) corrupt();
        len = 1 + (tag >> 2);
        offset = le(src + s + 1, 2);
        s += 3;
        break;
      default:
        if (s + 5 > n) corrupt();
        len = 1 + (tag >> 2);
        offset = le(src + s + 1, 4);
        s += 5;
        break;
    }
    if (offset == 0 || offset > d || len > want - d) corrupt();
    for (size_t i = 0; i < len; ++i, ++d) out[d] = out[d - offset];  // may overlap
  }
  if (d != want) corrupt();
}

class SnappyStream final : public ByteStream {
 public:
  explicit SnappyStream(std::unique_ptr<ByteStream> in) : in_(std::move(in)) {}

  size_t read(char* buf, size_t n) override {
    while (pos_ == block_.size()) {
      if (!next_chunk()) return 0;
    }
    const size_t k = std::min(n, block_.size() - pos_);
    std::memcpy(buf, block_.data() + pos_, k);
    pos_ += k;
    return k;
  }

  bool interactive() const override { return in_->interactive(); }

 private:
  // Reads exactly n bytes; false on a clean end before the first byte.
  bool read_exact(char* p, size_t n) {
    size_t got = 0;
    while (got < n) {
      const size_t k = in_->read(p + got, n - got);
      if (k == 0) {
        if (got == 0) return false;
        throw Error("snappy: unexpected EOF");
      }
      got += k;
    }
    return true;
  }

  bool next_chunk() {
    unsigned char header[4];
    if (!read_exact(reinterpret_cast<char*>(header), 4)) return false;
    const unsigned char type = header[0];
    const size_t len = le(header + 1, 3);
    chunk_.resize(len);
    if (len > 0 && !read_exact(chunk_.data(), len)) throw Error("snappy: unexpected EOF");
    block_.clear();
    pos_ = 0;
    if (!seen_id_ && type != 0xFF) corrupt();
    if (type == 0xFF) {
      if (std::string_view(chunk_) != kStreamId) corrupt();
      seen_id_ = true;
    } else if (type == 0x00 || type == 0x01) {
      if (len < 4) corrupt();
      const auto* p = reinterpret_cast<const unsigned char*>(chunk_.data());
      const uint32_t want_crc = le(p, 4);
      if (type == 0x00) {
        decode_block(p + 4, len - 4, block_);
      } else {
        if (len - 4 > kMaxBlock) corrupt();
        block_.assign(chunk_.data() + 4, len - 4);
      }
      if (masked_crc(block_.data(), block_.size()) != want_crc) corrupt();
    } else if (type < 0x80) {
      throw Error("snappy: unsupported input");  // reserved unskippable chunk
    }
    return true;  // skippable chunks (0x80-0xFE) yield nothing
  }

  std::unique_ptr<ByteStream> in_;
  std::string chunk_;
  std::string block_;
  size_t pos_ = 0;
  bool seen_id_ = false;
};

}  // namespace

std::unique_ptr<ByteStream> unsnappy_stream(std::unique_ptr<ByteStream> in) {
  return std::make_unique<SnappyStream>(std::move(in));
}

}  // namespace sub::file
