// format_to_gzip: compresses the data with gzip at the default level.
//
// Settings: none (data only).
//
// The stream is framed as Go's compress/gzip writes it: a 10-byte header with no name, no
// modification time and OS byte 255; the compressed data as non-final deflate blocks; an
// empty final stored block; then CRC-32 and size. The deflate blocks come from zlib (level
// 6), so they equal Go's bytes for small inputs whose blocks are all literals (Go and zlib
// then both pick the fixed Huffman code); larger inputs decompress identically but may
// differ in bytes, since Go's compress/flate matches and builds Huffman tables differently.
#include <zlib.h>

#include <cstring>

#include "core/error.h"
#include "transform/builder.h"

namespace sub {
namespace {

void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::string gzip(std::string_view in) {
  static constexpr unsigned char kHeader[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
  std::string out(reinterpret_cast<const char*>(kHeader), sizeof(kHeader));

  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw Error("gzip: cannot initialise zlib");
  }
  struct Closer {
    z_stream* zs;
    ~Closer() { deflateEnd(zs); }
  } closer{&zs};

  char buf[64 * 1024];
  auto drain = [&](int flush) {
    int rc;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof(buf);
      rc = deflate(&zs, flush);
      if (rc != Z_OK && rc != Z_BUF_ERROR) throw Error("gzip: compression failed");
      out.append(buf, sizeof(buf) - zs.avail_out);
    } while (zs.avail_out == 0 || zs.avail_in > 0);
  };
  // Compress everything into complete, non-final blocks, leaving the last bits pending.
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  drain(Z_BLOCK);
  // Append the header of an empty final stored block (BFINAL=1, BTYPE=00) and pad to a
  // byte boundary, then push the completed bytes out.
  unsigned pending_bytes = 0;
  int pending_bits = 0;
  deflatePending(&zs, &pending_bytes, &pending_bits);
  const int pad = (8 - (pending_bits + 3) % 8) % 8;
  if (deflatePrime(&zs, 3, 1) != Z_OK || (pad > 0 && deflatePrime(&zs, pad, 0) != Z_OK)) {
    throw Error("gzip: compression failed");
  }
  zs.next_out = reinterpret_cast<Bytef*>(buf);
  zs.avail_out = sizeof(buf);
  deflate(&zs, Z_BLOCK);
  out.append(buf, sizeof(buf) - zs.avail_out);
  // The stored block's LEN and NLEN.
  out.append("\x00\x00\xff\xff", 4);

  uLong crc = crc32_z(0L, reinterpret_cast<const Bytef*>(in.data()), in.size());
  put_le32(out, static_cast<uint32_t>(crc));
  put_le32(out, static_cast<uint32_t>(in.size()));
  return out;
}

class FormatToGzip final : public Transform {
 public:
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) msg.set_data(gzip(msg.data()));
    out.push_back(std::move(msg));
  }
};

}  // namespace

std::shared_ptr<Transform> new_format_to_gzip(const config::Settings&, Builder&) {
  return std::make_shared<FormatToGzip>();
}

}  // namespace sub
