// Byte sources for the CLI and other readers of whole files: local paths, stdin and
// http(s) URLs (as the reference: an existing local path first, then http/https).
// Content is streamed in chunks so large files never have to fit in memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sub::file {

// A sequential source of bytes. read() fills up to `n` bytes and returns how many it
// wrote; 0 means the end of the stream. Errors throw sub::Error naming the source.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  virtual size_t read(char* buf, size_t n) = 0;
  // True for a source that may pause (a pipe, a terminal): readers then work with what a
  // read gave instead of waiting to fill a buffer (content sniffing).
  virtual bool interactive() const { return false; }
};

// An open local file. Throws `invalid file: <path>` when the path does not exist.
std::unique_ptr<ByteStream> open_path(const std::string& path);

// The process's standard input (read, never closed).
std::unique_ptr<ByteStream> open_stdin();

// A stream over bytes held in memory.
std::unique_ptr<ByteStream> memory_stream(std::string bytes);

// How patient fetch_http is. Every wait is bounded: a server that accepts the connection and
// then says nothing fails after `stall`, and the whole fetch, retries and backoff included,
// after `timeout`.
struct HttpFetchOptions {
  int max_retries = 4;  // more attempts after connection errors, 429 and 5xx (backoff 1s, 2s, ...)
  std::chrono::milliseconds timeout{std::chrono::minutes(15)};
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};
  std::chrono::seconds stall{60};  // no byte received for this long
  bool require_success = false;    // a non-2xx answer is an error instead of the content
};

// Downloads an http:// or https:// URL (redirects followed, transient failures retried).
// Throws `invalid http endpoint: <url>` for other schemes and `empty file: <url>` when the
// body is empty. As in the reference, any answer other than 429/5xx is the content unless
// `require_success`.
std::string fetch_http(const std::string& url, const HttpFetchOptions& options = {});

// A local path if it exists, otherwise an http(s) URL; anything else is
// `no file found: <location>`.
std::unique_ptr<ByteStream> open_location(const std::string& location);

// Reads a stream to its end; more than `limit` bytes throws `the content is larger than the
// limit of N bytes` (what reads non-text input whole keeps a bomb from exhausting memory).
std::string read_all(ByteStream& in, size_t limit = SIZE_MAX);

}  // namespace sub::file
