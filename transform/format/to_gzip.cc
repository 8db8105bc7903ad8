// format_to_gzip: compresses the data with gzip at the default level.
//
// Settings: none (data only).
//
// The header is Go's compress/gzip one: 10 bytes, no name, no modification time, OS byte 255.
// Inputs under kSmallInput bytes are framed as Go frames them (the data as non-final
// deflate blocks from zlib at level 6, an empty final stored block, CRC-32 and size), so
// they equal Go's bytes when their blocks are all literals (Go and zlib then both pick the
// fixed Huffman code). Larger inputs, whose bytes differ from Go's whatever the compressor
// (Go's compress/flate matches and builds Huffman tables its own way), are compressed by
// libdeflate at the same level, two to three times faster than zlib; they decompress to
// the same bytes.
#include <libdeflate.h>
#include <zlib.h>

#include <memory>
#include <mutex>
#include <vector>

#include <cstring>

#include "core/error.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

void put_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

constexpr unsigned char kHeader[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
constexpr size_t kSmallInput = 16 * 1024;
constexpr int kLevel = 6;  // Go's gzip.DefaultCompression

// A libdeflate compressor and its output buffer, kept for the next message: allocating the
// compressor's state and zeroing a buffer the size of the input for every message showed as
// page faults in W5's profile.
struct Deflater {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  std::unique_ptr<libdeflate_compressor, Free> compressor;
  std::unique_ptr<char[]> buf;
  size_t cap = 0;
};

// Deflaters not in use; each message takes one (or makes one) and gives it back.
class DeflaterPool {
 public:
  std::unique_ptr<Deflater> take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<Deflater> d = std::move(free_.back());
        free_.pop_back();
        return d;
      }
    }
    auto d = std::make_unique<Deflater>();
    d->compressor.reset(libdeflate_alloc_compressor(kLevel));
    if (!d->compressor) throw Error("gzip: cannot allocate a compressor");
    return d;
  }
  void give_back(std::unique_ptr<Deflater> d) {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < kMaxIdle) free_.push_back(std::move(d));
  }

 private:
  static constexpr size_t kMaxIdle = 16;
  std::mutex mu_;
  std::vector<std::unique_ptr<Deflater>> free_;
};

// Header, one libdeflate deflate stream, CRC-32 and size.
std::string gzip_large(std::string_view in, DeflaterPool& pool) {
  std::unique_ptr<Deflater> d = pool.take();
  const size_t bound = libdeflate_deflate_compress_bound(d->compressor.get(), in.size());
  if (d->cap < bound) {
    d->buf.reset(new char[bound]);
    d->cap = bound;
  }
  const size_t n =
      libdeflate_deflate_compress(d->compressor.get(), in.data(), in.size(), d->buf.get(), bound);
  if (n == 0) throw Error("gzip: compression failed");
  std::string out;
  out.reserve(sizeof(kHeader) + n + 8);
  out.append(reinterpret_cast<const char*>(kHeader), sizeof(kHeader));
  out.append(d->buf.get(), n);
  pool.give_back(std::move(d));
  put_le32(out, libdeflate_crc32(0, in.data(), in.size()));
  put_le32(out, static_cast<uint32_t>(in.size()));
  return out;
}

// Go's framing with zlib's deflate blocks (see the top of the file).
std::string gzip_small(std::string_view in) {
  std::string out(reinterpret_cast<const char*>(kHeader), sizeof(kHeader));

  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (deflateInit2(&zs, kLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
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
    if (!msg.is_control()) {
      const std::string_view in = msg.data();
      msg.set_data(in.size() < kSmallInput ? gzip_small(in) : gzip_large(in, pool_));
    }
    out.push_back(std::move(msg));
  }

 private:
  mutable DeflaterPool pool_;  // a cache of buffers, not state: any deflater gives the same bytes
};

}  // namespace

std::shared_ptr<Transform> new_format_to_gzip(const config::Settings&, Builder&) {
  return std::make_shared<FormatToGzip>();
}

}  // namespace sub::transform
