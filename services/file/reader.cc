#include "services/file/reader.h"
#include "services/http/ca_bundle.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/error.h"

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

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// One GET within `timeout`. Returns the HTTP status (0 when the transfer itself failed,
// with `err` set).
long http_get(const std::string& url, const HttpFetchOptions& o, std::chrono::milliseconds timeout,
              std::string& body, std::string& err) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    err = "curl_easy_init failed";
    return 0;
  }
  char errbuf[CURL_ERROR_SIZE] = {0};
  body.clear();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  http::apply_ca_bundle(curl);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(o.connect_timeout, timeout).count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<int64_t>(1, timeout.count())));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.stall.count()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "substation-cpp");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  } else {
    err = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  }
  curl_easy_cleanup(curl);
  return status;
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
  if (status == 0) throw Error("GET " + url + ": " + err + " (" + tries + ")");
  if (status == 429 || status >= 500) {
    throw Error("GET " + url + ": giving up after " + tries + ": HTTP status " +
                std::to_string(status));
  }
  if (o.require_success && (status < 200 || status > 299)) {
    throw Error("GET " + url + ": HTTP status " + std::to_string(status));
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
  out.resize(std::min<size_t>(size_t{1} << 20, cap));
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
