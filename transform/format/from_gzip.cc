// format_from_gzip: decompresses gzip data (every member of a multi-member stream, as Go's
// compress/gzip reader does).
//
// Settings: none (data only).
// Errors: `gzip: invalid header` (not gzip, or trailing bytes that are not a gzip member),
// `unexpected EOF` (truncated), `gzip: invalid checksum`, `flate: corrupt input`, `EOF`
// (empty data).
#include <zlib.h>

#include <cstring>

#include "core/error.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

std::string limit_error(std::string_view format, size_t limit) {
  return std::string(format) + ": decompressed data exceeds the limit of " + std::to_string(limit) +
         " bytes";
}

std::string gunzip(std::string_view in, size_t limit) {
  if (in.empty()) throw Error("EOF");
  std::string out;
  size_t pos = 0;
  char buf[64 * 1024];
  while (pos < in.size()) {
    std::string_view rest = in.substr(pos);
    if (rest.size() < 10) throw Error("unexpected EOF");
    if (static_cast<uint8_t>(rest[0]) != 0x1f || static_cast<uint8_t>(rest[1]) != 0x8b ||
        rest[2] != 8) {
      throw Error("gzip: invalid header");
    }
    z_stream zs;
    std::memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw Error("gzip: cannot initialise zlib");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(rest.data()));
    zs.avail_in = static_cast<uInt>(rest.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof(buf);
      rc = inflate(&zs, Z_NO_FLUSH);
      out.append(buf, sizeof(buf) - zs.avail_out);
      if (out.size() > limit) {
        inflateEnd(&zs);
        throw Error(limit_error("gzip", limit));
      }
      if (rc == Z_STREAM_END) break;
      if (rc == Z_OK) continue;
      std::string msg = zs.msg ? zs.msg : "";
      inflateEnd(&zs);
      if (rc == Z_BUF_ERROR) throw Error("unexpected EOF");
      if (msg == "incorrect data check" || msg == "incorrect length check") {
        throw Error("gzip: invalid checksum");
      }
      if (msg == "incorrect header check" || msg == "unknown compression method" ||
          msg == "unknown header flags set" || msg == "header crc mismatch") {
        throw Error("gzip: invalid header");
      }
      throw Error("flate: corrupt input" + (msg.empty() ? "" : " (" + msg + ")"));
    }
    pos += rest.size() - zs.avail_in;
    inflateEnd(&zs);
  }
  return out;
}

class FormatFromGzip final : public Transform {
 public:
  explicit FormatFromGzip(size_t limit) : limit_(limit) {}
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) msg.set_data(gunzip(msg.data(), limit_));
    out.push_back(std::move(msg));
  }

 private:
  const size_t limit_;
};

}  // namespace

std::shared_ptr<Transform> new_format_from_gzip(const config::Settings&, Builder& b) {
  return std::make_shared<FormatFromGzip>(b.services().max_decompressed);
}

}  // namespace sub::transform
