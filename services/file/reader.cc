#include "services/file/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/error.h"
#include "services/http/transport.h"
#include "services/http/url_text.h"

namespace sub::file {
namespace {

class FdStream final : public ByteStream {
 public:
  FdStream(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  ~FdStream() override {
    if (owned_) ::close(fd_);
  }
  FdStream(const FdStream&) = delete;
  FdStream& operator=(const FdStream&) = delete;

  size_t read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      throw Error("read " + name_ + ": " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::string name_;
  bool owned_;
};

class MemoryStream final : public ByteStream {
 public:
  explicit MemoryStream(std::string bytes) : bytes_(std::move(bytes)) {}
  size_t read(char* buf, size_t n) override {
    const size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// One GET within `timeout`, redirects followed, stalls cut short. Returns the HTTP status
// (0 when the transfer itself failed, with `err` set).
long http_get(const std::string& url, const HttpFetchOptions& o, std::chrono::milliseconds timeout,
              std::string& body, std::string& err) {
  http::Transport::Request req;
  req.url = url;
  http::Transport::Options options;
  options.connect_timeout = o.connect_timeout;
  options.timeout = std::max(timeout, std::chrono::milliseconds(1));
  options.stall = o.stall;
  options.follow_redirects = true;
  // A fresh handle (and connection) per attempt.
  http::Transport::Result result = http::Transport().exchange(req, options);
  if (!result.answered()) {
    body.clear();
    err = std::move(result.error);
    return 0;
  }
  body = std::move(result.body);
  return result.status;
}

}  // namespace

std::unique_ptr<ByteStream> open_path(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) throw Error("invalid file: " + path);
  if (S_ISDIR(st.st_mode)) throw Error("invalid file: " + path + ": is a directory");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("open " + path + ": " + std::strerror(errno));
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::make_unique<FdStream>(fd, path, true);
}

std::unique_ptr<ByteStream> open_stdin() {
  return std::make_unique<FdStream>(STDIN_FILENO, "stdin", false);
}

std::unique_ptr<ByteStream> memory_stream(std::string bytes) {
  return std::make_unique<MemoryStream>(std::move(bytes));
}

std::string fetch_http(const std::string& url, const HttpFetchOptions& o) {
  if (!starts_with(url, "http://") && !starts_with(url, "https://")) {
    throw Error("invalid http endpoint: " + url);
  }
  // Like the reference's retrying client: connection errors and 5xx/429 answers are
  // retried with exponential backoff; any other answer is the content. Unlike it, all of
  // it ends by the deadline.
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + o.timeout;
  std::string body;
  std::string err;
  long status = 0;
  int attempts = 0;
  for (int attempt = 0; attempt <= o.max_retries; ++attempt) {
    if (attempt > 0) {
      const auto backoff = std::chrono::seconds(1 << std::min(attempt - 1, 5));
      if (Clock::now() + backoff >= deadline) break;
      std::this_thread::sleep_for(backoff);
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    err.clear();
    ++attempts;
    status = http_get(url, o, left, body, err);
    if (status != 0 && status != 429 && status < 500) break;
  }
  const std::string tries = std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
  const std::string what = "GET " + http::redact_url(url);
  if (status == 0) throw Error(what + ": " + err + " (" + tries + ")");
  if (status == 429 || status >= 500) {
    throw Error(what + ": giving up after " + tries + ": HTTP status " + std::to_string(status));
  }
  if (o.require_success && (status < 200 || status > 299)) {
    throw Error(what + ": HTTP status " + std::to_string(status));
  }
  if (body.empty()) throw Error("empty file: " + url);
  return body;
}

std::unique_ptr<ByteStream> open_location(const std::string& location) {
  struct stat st;
  if (::stat(location.c_str(), &st) == 0) return open_path(location);
  if (starts_with(location, "http://") || starts_with(location, "https://")) {
    return memory_stream(fetch_http(location));
  }
  throw Error("no file found: " + location);
}

std::string read_all(ByteStream& in, size_t limit) {
  // Room for one byte past the limit, to tell "exactly the limit" from "more".
  const size_t cap = limit == SIZE_MAX ? SIZE_MAX : limit + 1;
  std::string out;
  size_t size = 0;
  // Starts small and doubles: the Lambda reads its config file (a few KB) this way on every
  // invocation, and zeroing a 1 MiB first buffer showed in its profile.
  out.resize(std::min<size_t>(size_t{64} << 10, cap));
  for (;;) {
    if (size > limit) {
      throw Error("the content is larger than the limit of " + std::to_string(limit) + " bytes");
    }
    if (size == out.size()) out.resize(std::min(out.size() * 2, cap));
    const size_t got = in.read(out.data() + size, out.size() - size);
    if (got == 0) break;
    size += got;
  }
  out.resize(size);
  return out;
}

}  // namespace sub::file
