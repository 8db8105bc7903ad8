#include "services/file/decompress.h"

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.h"
#include "services/media/detect.h"

namespace sub::file {
namespace {

constexpr size_t kSniffLen = 512;
constexpr size_t kInputChunk = 1 << 20;

// Replays already-read bytes, then continues with the underlying stream.
class PrefixStream final : public ByteStream {
 public:
  PrefixStream(std::string head, std::unique_ptr<ByteStream> rest)
      : head_(std::move(head)), rest_(std::move(rest)) {}
  size_t read(char* buf, size_t n) override {
    if (pos_ < head_.size()) {
      const size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->read(buf, n);
  }
  bool interactive() const override { return rest_->interactive(); }

 private:
  std::string head_;
  size_t pos_ = 0;
  std::unique_ptr<ByteStream> rest_;
};

// Shared input buffering of the decompressors.
class InputBuffer {
 public:
  explicit InputBuffer(std::unique_ptr<ByteStream> in) : in_(std::move(in)), buf_(kInputChunk) {}
  bool interactive() const { return in_->interactive(); }
  // Reads more input when none is pending. Returns false at the end of the input.
  bool fill(const char*& next, size_t& avail) {
    if (avail > 0) return true;
    if (eof_) return false;
    const size_t got = in_->read(buf_.data(), buf_.size());
    if (got == 0) {
      eof_ = true;
      return false;
    }
    next = buf_.data();
    avail = got;
    return true;
  }

 private:
  std::unique_ptr<ByteStream> in_;
  std::vector<char> buf_;
  bool eof_ = false;
};

// What a decoder produced before it failed still reaches the reader: a read that fails after
// decoding some bytes returns them, and the error comes from the next read. A truncated or
// corrupt archive so loses only what could not be decoded.
class ErrorAfterData {
 public:
  template <class Decode, class Produced>
  size_t read(const Decode& decode, const Produced& produced) {
    if (!error_.empty()) throw Error(error_);
    try {
      return decode();
    } catch (const Error& e) {
      const size_t got = produced();
      if (got == 0) throw;
      error_ = e.what();
      return got;
    }
  }

 private:
  std::string error_;
};

class GzipStream final : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<ByteStream> in) : in_(std::move(in)) {
    std::memset(&z_, 0, sizeof z_);
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) throw Error("gzip: cannot initialise zlib");
  }
  ~GzipStream() override { inflateEnd(&z_); }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  size_t read(char* buf, size_t n) override {
    return deferred_.read(
        [&] { return decode(buf, n); },
        [&] { return static_cast<size_t>(reinterpret_cast<char*>(z_.next_out) - buf); });
  }

  bool interactive() const override { return in_.interactive(); }

 private:
  size_t decode(char* buf, size_t n) {
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt want = z_.avail_out;
    while (z_.avail_out > 0 && !done_) {
      const char* next = reinterpret_cast<const char*>(z_.next_in);
      size_t avail = z_.avail_in;
      if (!in_.fill(next, avail)) {
        if (!in_member_) {
          done_ = true;
          break;
        }
        // The input ended inside a member: zlib may still hold output for what it took in.
        z_.avail_in = 0;
        const uInt before = z_.avail_out;
        const int rc = inflate(&z_, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
          inflateReset(&z_);
          in_member_ = false;
          continue;
        }
        if (z_.avail_out < before && (rc == Z_OK || rc == Z_BUF_ERROR)) continue;
        throw Error("gzip: unexpected EOF");
      }
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(next));
      z_.avail_in = static_cast<uInt>(avail);
      // What follows a member must be another member (Go: "gzip: invalid header").
      if (!in_member_ && (z_.next_in[0] != 0x1F || (avail > 1 && z_.next_in[1] != 0x8B))) {
        throw Error("gzip: invalid header");
      }
      in_member_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Another member may follow (Go's gzip reader is multistream by default).
        inflateReset(&z_);
        in_member_ = false;
      } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
        throw Error(std::string("gzip: ") + (z_.msg ? z_.msg : "invalid data"));
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw Error("gzip: decompression failed (zlib error " + std::to_string(rc) + ")");
      }
    }
    return want - z_.avail_out;
  }

  ErrorAfterData deferred_;
  InputBuffer in_;
  z_stream z_;
  bool in_member_ = false;
  bool done_ = false;
};

class Bzip2Stream final : public ByteStream {
 public:
  explicit Bzip2Stream(std::unique_ptr<ByteStream> in) : in_(std::move(in)) { init(); }
  ~Bzip2Stream() override { BZ2_bzDecompressEnd(&s_); }
  Bzip2Stream(const Bzip2Stream&) = delete;
  Bzip2Stream& operator=(const Bzip2Stream&) = delete;

  size_t read(char* buf, size_t n) override {
    return deferred_.read([&] { return decode(buf, n); },
                          [&] { return static_cast<size_t>(s_.next_out - buf); });
  }

  bool interactive() const override { return in_.interactive(); }

 private:
  size_t decode(char* buf, size_t n) {
    s_.next_out = buf;
    s_.avail_out = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    const unsigned want = s_.avail_out;
    while (s_.avail_out > 0 && !done_) {
      const char* next = s_.next_in;
      size_t avail = s_.avail_in;
      if (!in_.fill(next, avail)) {
        if (!in_stream_) {
          done_ = true;
          break;
        }
        // The input ended inside a stream: bzip2 may still hold output for what it took in.
        s_.avail_in = 0;
        const unsigned before = s_.avail_out;
        const int rc = BZ2_bzDecompress(&s_);
        if (rc == BZ_OK && s_.avail_out < before) continue;
        if (rc != BZ_STREAM_END) throw Error("bzip2: unexpected EOF");
        char* out = s_.next_out;
        const unsigned out_len = s_.avail_out;
        BZ2_bzDecompressEnd(&s_);
        init();
        s_.next_out = out;
        s_.avail_out = out_len;
        in_stream_ = false;
        continue;
      }
      s_.next_in = const_cast<char*>(next);
      s_.avail_in = static_cast<unsigned>(avail);
      in_stream_ = true;
      const int rc = BZ2_bzDecompress(&s_);
      if (rc == BZ_STREAM_END) {
        // Concatenated streams are read one after the other.
        char* rest = s_.next_in;
        const unsigned rest_len = s_.avail_in;
        char* out = s_.next_out;
        const unsigned out_len = s_.avail_out;
        BZ2_bzDecompressEnd(&s_);
        init();
        s_.next_in = rest;
        s_.avail_in = rest_len;
        s_.next_out = out;
        s_.avail_out = out_len;
        in_stream_ = false;
      } else if (rc != BZ_OK) {
        throw Error(rc == BZ_DATA_ERROR_MAGIC
                        ? "bzip2: bad magic value"
                        : "bzip2: corrupt data (error " + std::to_string(rc) + ")");
      }
    }
    return want - s_.avail_out;
  }

  void init() {
    std::memset(&s_, 0, sizeof s_);
    if (BZ2_bzDecompressInit(&s_, 0, 0) != BZ_OK) throw Error("bzip2: cannot initialise");
  }
  ErrorAfterData deferred_;
  InputBuffer in_;
  bz_stream s_;
  bool in_stream_ = false;
  bool done_ = false;
};

class ZstdStream final : public ByteStream {
 public:
  explicit ZstdStream(std::unique_ptr<ByteStream> in)
      : in_(std::move(in)), ctx_(ZSTD_createDStream()) {
    if (ctx_ == nullptr) throw Error("zstd: cannot initialise");
  }
  ~ZstdStream() override { ZSTD_freeDStream(ctx_); }
  ZstdStream(const ZstdStream&) = delete;
  ZstdStream& operator=(const ZstdStream&) = delete;

  size_t read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    return deferred_.read([&] { return decode(out); }, [&] { return out.pos; });
  }

  bool interactive() const override { return in_.interactive(); }

 private:
  size_t decode(ZSTD_outBuffer& out) {
    while (out.pos < out.size && !done_) {
      if (in_buf_.pos == in_buf_.size) {
        const char* next = nullptr;
        size_t avail = 0;
        if (!in_.fill(next, avail)) {
          if (!in_frame_) {
            done_ = true;
            break;
          }
          // The input ended inside a frame: zstd may still hold output for what it took in.
          ZSTD_inBuffer none{nullptr, 0, 0};
          const size_t before = out.pos;
          const size_t rc = ZSTD_decompressStream(ctx_, &out, &none);
          if (!ZSTD_isError(rc) && out.pos > before) {
            in_frame_ = rc != 0;
            continue;
          }
          throw Error("zstd: unexpected EOF");
        }
        in_buf_ = ZSTD_inBuffer{next, avail, 0};
      }
      const size_t rc = ZSTD_decompressStream(ctx_, &out, &in_buf_);
      if (ZSTD_isError(rc)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(rc));
      in_frame_ = rc != 0;  // 0: a frame is complete (another one may follow)
    }
    return out.pos;
  }

  ErrorAfterData deferred_;
  InputBuffer in_;
  ZSTD_DStream* ctx_;
  ZSTD_inBuffer in_buf_{nullptr, 0, 0};
  bool in_frame_ = false;
  bool done_ = false;
};

}  // namespace

Content sniff(std::string_view head) {
  const std::string_view type = media::detect(head.substr(0, kSniffLen));
  if (type == "application/x-bzip2") return Content::kBzip2;
  if (type == "application/x-gzip") return Content::kGzip;
  if (type == "application/x-zstd") return Content::kZstd;
  if (type == "application/x-snappy-framed") return Content::kSnappy;
  if (type == "text/plain; charset=utf-8") return Content::kText;
  return Content::kOther;
}

std::unique_ptr<ByteStream> gunzip_stream(std::unique_ptr<ByteStream> in) {
  return std::make_unique<GzipStream>(std::move(in));
}

std::unique_ptr<ByteStream> bunzip2_stream(std::unique_ptr<ByteStream> in) {
  return std::make_unique<Bzip2Stream>(std::move(in));
}

std::unique_ptr<ByteStream> unzstd_stream(std::unique_ptr<ByteStream> in) {
  return std::make_unique<ZstdStream>(std::move(in));
}

OpenedContent open_content(std::unique_ptr<ByteStream> raw) {
  std::string head(kSniffLen, '\0');
  size_t got = 0;
  while (got < head.size()) {
    const size_t k = raw->read(head.data() + got, head.size() - got);
    if (k == 0) break;
    got += k;
    if (raw->interactive()) break;  // sniff what came; a pipe may not say more for a while
  }
  head.resize(got);
  const Content kind = sniff(head);
  std::unique_ptr<ByteStream> stream =
      std::make_unique<PrefixStream>(std::move(head), std::move(raw));
  switch (kind) {
    case Content::kGzip:
      stream = gunzip_stream(std::move(stream));
      break;
    case Content::kBzip2:
      stream = bunzip2_stream(std::move(stream));
      break;
    case Content::kZstd:
      stream = unzstd_stream(std::move(stream));
      break;
    case Content::kSnappy:
      stream = unsnappy_stream(std::move(stream));
      break;
    case Content::kText:
    case Content::kOther:
      break;
  }
  return {kind, std::move(stream), got == 0};
}

}  // namespace sub::file
