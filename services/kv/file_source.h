// Where file-backed KV stores get their bytes: an existing local path,
// else an http:// or https:// URL (one GET, 30 s limit, 2xx required). An empty result is
// an error, as in the reference. s3:// and gs:// are not supported here.
#pragma once

#include <string>

namespace sub::kv {

// The whole content at `location`. Throws sub::Error `no file found: <location>`,
// `empty file: <location>` or the HTTP failure.
std::string load_file(const std::string& location);

}  // namespace sub::kv
