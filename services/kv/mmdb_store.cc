#include "services/kv/mmdb_store.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "core/json/encode.h"
#include "services/kv/file_source.h"

namespace sub::kv {

struct MmdbStore::Db {
  MMDB_s mmdb;
};

namespace {

[[noreturn]] void fail(const std::string& what) { throw Error("kv: mmdb: " + what); }

// Opens `path`, or downloads `location` into a temporary file that is unlinked once the
// database is mapped.
void open_db(const std::string& location, MMDB_s& mmdb) {
  struct stat st;
  std::string path = location;
  std::string temp;
  if (::stat(location.c_str(), &st) != 0) {
    std::string content;
    try {
      content = load_file(location);
    } catch (const Error& e) {
      fail(e.what());
    }
    const char* dir = std::getenv("TMPDIR");
    temp = std::string(dir && *dir ? dir : "/tmp") + "/substation-mmdb-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) fail("cannot create a temporary file: " + std::string(std::strerror(errno)));
    size_t off = 0;
    while (off < content.size()) {
      const ssize_t n = ::write(fd, content.data() + off, content.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        const std::string err = std::strerror(errno);
        ::close(fd);
        ::unlink(temp.c_str());
        fail("cannot write a temporary file: " + err);
      }
      off += static_cast<size_t>(n);
    }
    ::close(fd);
    path = temp;
  }
  const int rc = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &mmdb);
  if (!temp.empty()) ::unlink(temp.c_str());
  if (rc != MMDB_SUCCESS) fail(std::string(MMDB_strerror(rc)) + ": " + location);
}

// Decodes the value at *cursor (advancing it past the value and its children).
config::Node decode(MMDB_entry_data_list_s*& cursor) {
  if (cursor == nullptr) fail("truncated record");
  const MMDB_entry_data_s& d = cursor->entry_data;
  cursor = cursor->next;
  switch (d.type) {
    case MMDB_DATA_TYPE_MAP: {
      std::vector<std::pair<std::string, config::Node>> members;
      for (uint32_t i = 0; i < d.data_size; ++i) {
        if (cursor == nullptr || cursor->entry_data.type != MMDB_DATA_TYPE_UTF8_STRING) {
          fail("map key is not a string");
        }
        std::string key(cursor->entry_data.utf8_string, cursor->entry_data.data_size);
        cursor = cursor->next;
        members.emplace_back(std::move(key), decode(cursor));
      }
      return config::Node::make_object(std::move(members));
    }
    case MMDB_DATA_TYPE_ARRAY: {
      std::vector<config::Node> items;
      for (uint32_t i = 0; i < d.data_size; ++i) items.push_back(decode(cursor));
      return config::Node::make_array(std::move(items));
    }
    case MMDB_DATA_TYPE_UTF8_STRING:
      return config::Node::make_string(std::string(d.utf8_string, d.data_size));
    case MMDB_DATA_TYPE_BYTES:
      return config::Node::make_string(json::base64_encode(
          std::string_view(reinterpret_cast<const char*>(d.bytes), d.data_size)));
    case MMDB_DATA_TYPE_DOUBLE:
      return config::Node::make_number(d.double_value);
    case MMDB_DATA_TYPE_FLOAT: {
      // A float32 prints with its own shortest digits in Go; keep those digits.
      char buf[32];
      auto res = std::to_chars(buf, buf + sizeof buf, d.float_value);
      double v = d.float_value;
      std::from_chars(buf, res.ptr, v);
      return config::Node::make_number(v);
    }
    case MMDB_DATA_TYPE_UINT16:
      return config::Node::make_number(d.uint16);
    case MMDB_DATA_TYPE_UINT32:
      return config::Node::make_number(d.uint32);
    case MMDB_DATA_TYPE_INT32:
      return config::Node::make_number(d.int32);
    case MMDB_DATA_TYPE_UINT64:
      return config::Node::make_number(static_cast<double>(d.uint64));
    case MMDB_DATA_TYPE_UINT128: {
#if MMDB_UINT128_IS_BYTE_ARRAY
      double v = 0;
      for (int i = 0; i < 16; ++i) v = v * 256 + d.uint128[i];
      return config::Node::make_number(v);
#else
      return config::Node::make_number(static_cast<double>(d.uint128));
#endif
    }
    case MMDB_DATA_TYPE_BOOLEAN:
      return config::Node::make_bool(d.boolean);
    default:
      fail("unsupported data type " + std::to_string(d.type));
  }
}

}  // namespace

MmdbStore::MmdbStore(std::string file) : file_(std::move(file)) {}

MmdbStore::~MmdbStore() { close(); }

void MmdbStore::setup() {
  std::lock_guard<std::mutex> lock(mu_);
  if (db_) return;
  auto db = std::make_unique<Db>();
  open_db(file_, db->mmdb);
  db_ = std::move(db);
}

bool MmdbStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return db_ != nullptr;
}

void MmdbStore::close() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!db_) return;
  MMDB_close(&db_->mmdb);
  db_.reset();
}

config::Node MmdbStore::get(const std::string& key) {
  sockaddr_storage addr{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  if (::inet_pton(AF_INET, key.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
  } else if (::inet_pton(AF_INET6, key.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
  } else {
    // The key is left out on purpose: it may be private data.
    fail("key must be IP address");
  }

  std::lock_guard<std::mutex> lock(mu_);
  if (!db_) return config::Node();
  int mmdb_error = MMDB_SUCCESS;
  MMDB_lookup_result_s result =
      MMDB_lookup_sockaddr(&db_->mmdb, reinterpret_cast<const sockaddr*>(&addr), &mmdb_error);
  if (mmdb_error != MMDB_SUCCESS) fail(MMDB_strerror(mmdb_error));
  if (!result.found_entry) return config::Node();
  MMDB_entry_data_list_s* list = nullptr;
  const int rc = MMDB_get_entry_data_list(&result.entry, &list);
  if (rc != MMDB_SUCCESS) {
    MMDB_free_entry_data_list(list);
    fail(MMDB_strerror(rc));
  }
  try {
    MMDB_entry_data_list_s* cursor = list;
    config::Node out = decode(cursor);
    MMDB_free_entry_data_list(list);
    return out;
  } catch (...) {
    MMDB_free_entry_data_list(list);
    throw;
  }
}

}  // namespace sub::kv
