// Content sniffing and decompression for line-oriented readers, as the reference does: gzip, bzip2,
// zstd and snappy-framed content is recognised by its magic number and decompressed; other content
// is either text (read as lines) or opaque (read as one message).
#pragma once

#include <memory>
#include <string_view>

#include "services/file/reader.h"

namespace sub::file {

enum class Content {
  kGzip,    // 1F 8B 08
  kBzip2,   // 42 5A 68
  kZstd,    // 28 B5 2F FD
  kSnappy,  // FF 06 00 00 73 4E 61 50 70 59 (snappy framing format)
  kText,    // "text/plain; charset=utf-8" by Go's http.DetectContentType
  kOther,   // anything else (binary, HTML, XML, images, ...)
};

// Classifies content by its first bytes as the reference's media.File does (the first
// 512 bytes; services/media/detect.h).
Content sniff(std::string_view head);

// A stream that decompresses `in`. Concatenated members/streams/frames are read one after
// the other; corrupt data throws sub::Error naming the format.
std::unique_ptr<ByteStream> gunzip_stream(std::unique_ptr<ByteStream> in);
std::unique_ptr<ByteStream> bunzip2_stream(std::unique_ptr<ByteStream> in);
std::unique_ptr<ByteStream> unzstd_stream(std::unique_ptr<ByteStream> in);
std::unique_ptr<ByteStream> unsnappy_stream(std::unique_ptr<ByteStream> in);  // snappy.cc

// Sniffed content: what it is and a stream that yields its bytes from the start,
// decompressed when it is gzip, bzip2, zstd or snappy.
struct OpenedContent {
  Content kind;
  std::unique_ptr<ByteStream> stream;
  bool empty = false;  // the source had no byte at all
};
OpenedContent open_content(std::unique_ptr<ByteStream> raw);

}  // namespace sub::file
