// Media (MIME) type detection of raw bytes, as the reference's internal/media does it: a few
// compression magics first, then the WHATWG sniffing algorithm exactly as Go's
// http.DetectContentType implements it (first 512 bytes, fallback
// "application/octet-stream"). Used by the format_mime condition and by line scanning.
#pragma once

#include <string_view>

namespace sub::media {

// The reference's media.Bytes: bzip2 ("application/x-bzip2"), gzip ("application/x-gzip"),
// zstd ("application/x-zstd") and framed snappy ("application/x-snappy-framed") by magic,
// otherwise detect_content_type(data). The result views a static string.
std::string_view detect(std::string_view data);

// Go's http.DetectContentType. Plain text (including JSON) gives
// "text/plain; charset=utf-8". The result views a static string.
std::string_view detect_content_type(std::string_view data);

}  // namespace sub::media
