#include "services/kv/registry.h"

#include "core/error.h"
#include "services/kv/aws_dynamodb_store.h"
#include "services/kv/csv_file_store.h"
#include "services/kv/json_file_store.h"
#include "services/kv/memory_store.h"
#include "services/kv/mmdb_store.h"
#include "services/kv/text_file_store.h"

namespace sub::kv {
namespace {

std::string required_string(const config::Settings& s, std::string_view key) {
  std::string v = s.string(key);
  if (v.empty()) s.missing(key);
  return v;
}

std::shared_ptr<Store> new_memory(const config::Settings& s) {
  const int64_t capacity = s.integer("capacity");
  if (capacity < 0) s.fail("capacity", std::string(kInvalidOption) + ": must not be negative");
  return std::make_shared<MemoryStore>(capacity);
}

std::shared_ptr<Store> new_csv_file(const config::Settings& s) {
  std::string file = required_string(s, "file");
  std::string column = required_string(s, "column");
  const std::string delimiter = s.string("delimiter", ",");
  if (delimiter.size() > 1 && static_cast<unsigned char>(delimiter[0]) >= 0x80) {
    s.fail("delimiter", std::string(kInvalidOption) + ": must be a single ASCII character");
  }
  return std::make_shared<CsvFileStore>(std::move(file), std::move(column),
                                        delimiter.empty() ? ',' : delimiter[0], s.string("header"));
}

std::shared_ptr<Store> new_json_file(const config::Settings& s) {
  return std::make_shared<JsonFileStore>(required_string(s, "file"), s.boolean("is_lines"));
}

std::shared_ptr<Store> new_text_file(const config::Settings& s) {
  return std::make_shared<TextFileStore>(required_string(s, "file"));
}

std::shared_ptr<Store> new_mmdb(const config::Settings& s) {
  return std::make_shared<MmdbStore>(required_string(s, "file"));
}

}  // namespace

KvStores::KvStores() {
  add_type("memory", &new_memory, true);
  add_type("csv_file", &new_csv_file, false);
  add_type("json_file", &new_json_file, false);
  add_type("text_file", &new_text_file, false);
  add_type("mmdb", &new_mmdb, false);
  add_type("aws_dynamodb", &AwsDynamoDbStore::from_settings, true);
}

void KvStores::add_type(std::string type, Factory factory, bool can_lock) {
  std::lock_guard<std::mutex> lock(mu_);
  types_[std::move(type)] = Type{factory, can_lock};
}

std::shared_ptr<Store> KvStores::store(const config::Settings& parent, std::string_view key) {
  return get(parent, key, false);
}

std::shared_ptr<Store> KvStores::locker(const config::Settings& parent, std::string_view key) {
  return get(parent, key, true);
}

std::shared_ptr<Store> KvStores::get(const config::Settings& parent, std::string_view key,
                                     bool lock) {
  const config::Node* cfg = parent.find(key);
  if (cfg == nullptr) parent.missing(key);
  const config::Settings component = parent.child(key);
  const std::string type = component.string("type");
  if (type.empty()) component.missing("type");
  const config::Settings settings = component.child("settings");

  std::lock_guard<std::mutex> guard(mu_);
  auto t = types_.find(type);
  if (t == types_.end() || (lock && !t->second.can_lock)) {
    component.fail("type", std::string(kInvalidFactoryInput) + ": " +
                               (t == types_.end() ? "unknown kv store type \""
                                                  : "kv store type cannot lock: \"") +
                               type + "\"");
  }
  auto& cache = lock ? lockers_ : stores_;
  const std::string signature = cfg->to_json();
  auto found = cache.find(signature);
  if (found != cache.end()) return found->second;
  std::shared_ptr<Store> store = t->second.factory(settings);
  cache.emplace(signature, store);
  return store;
}

}  // namespace sub::kv
