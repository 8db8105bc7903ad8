#include "services/secrets/registry.h"

#include "core/error.h"
#include "services/secrets/aws_secrets_manager.h"
#include "services/secrets/environment_variable.h"

namespace sub::secrets {
namespace {

constexpr std::string_view kOpen = "${SECRET:";

std::unique_ptr<Source> new_environment_variable(const config::Settings& s) {
  std::string name = s.string("name");
  if (name.empty()) s.missing("name");
  return std::make_unique<EnvironmentVariable>(std::move(name));
}

}  // namespace

Secrets::Secrets() : cache_(std::make_shared<kv::MemoryStore>(kCacheCapacity)) {
  cache_->setup();
  add_type("environment_variable", &new_environment_variable);
  add_type("aws_secrets_manager", &AwsSecretsManager::from_settings);
}

void Secrets::add_type(std::string type, Factory factory) {
  std::lock_guard<std::mutex> lock(mu_);
  types_[std::move(type)] = factory;
}

std::shared_ptr<Retriever> Secrets::retriever(const config::Settings& parent,
                                              std::string_view key) {
  if (!parent.has(key)) parent.missing(key);
  const config::Settings component = parent.child(key);
  const std::string type = component.string("type");
  if (type.empty()) component.missing("type");
  const config::Settings settings = component.child("settings");
  std::string id = settings.string("id");
  if (id.empty()) settings.missing("id");
  const std::chrono::nanoseconds ttl = settings.duration("ttl_offset", kDefaultTtl);

  Factory factory = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = types_.find(type);
    if (it != types_.end()) factory = it->second;
  }
  if (factory == nullptr) {
    component.fail("type",
                   std::string(kInvalidFactoryInput) + ": unknown secret type \"" + type + "\"");
  }
  return std::make_shared<Retriever>(std::move(id), ttl, factory(settings), cache_);
}

std::optional<std::string> Secrets::get(const std::string& id) const {
  const config::Node v = cache_->get(id);
  if (!v.is_string()) return std::nullopt;
  return v.text();
}

std::string Secrets::interpolate(std::string_view s) const {
  if (s.find(kOpen) == std::string_view::npos) return std::string(s);
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t open = s.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    const size_t id_start = open + kOpen.size();
    const size_t close = s.find('}', id_start);
    if (close == std::string_view::npos) break;
    if (close == id_start) {  // `${SECRET:}` names nothing and is kept as written
      out.append(s.substr(pos, close + 1 - pos));
      pos = close + 1;
      continue;
    }
    const std::optional<std::string> value = get(std::string(s.substr(id_start, close - id_start)));
    if (!value) throw Error("secrets: no secret found");
    out.append(s.substr(pos, open - pos));
    out.append(*value);
    pos = close + 1;
  }
  out.append(s.substr(pos));
  return out;
}

}  // namespace sub::secrets
