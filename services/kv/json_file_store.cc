#include "services/kv/json_file_store.h"

#include "core/error.h"
#include "core/json/path.h"
#include "services/kv/file_source.h"
#include "services/kv/value.h"

namespace sub::kv {

JsonFileStore::JsonFileStore(std::string file, bool is_lines)
    : file_(std::move(file)), is_lines_(is_lines) {}

void JsonFileStore::setup() {
  std::lock_guard<std::mutex> lock(mu_);
  if (doc_) return;
  try {
    doc_ = load_file(file_);
  } catch (const Error& e) {
    throw Error(std::string("kv: json_file: ") + e.what());
  }
}

bool JsonFileStore::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return doc_.has_value();
}

void JsonFileStore::close() {
  std::lock_guard<std::mutex> lock(mu_);
  doc_.reset();
}

config::Node JsonFileStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!doc_) return config::Node();
  std::string path = key;
  if (is_lines_ && path.rfind("..#.", 0) != 0) {
    path = "..#." + key;
    const json::Value all = json::get(*doc_, path);
    for (const json::Value& v : all.to_array()) {
      if (v.type() != json::Value::Type::kNull) return from_value(v);
    }
    return config::Node();  // no line has the key: null, as v2.8 gives
  }
  return from_value(json::get(*doc_, path));
}

}  // namespace sub::kv
