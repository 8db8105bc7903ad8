#include "apps/cli/config_check.h"

#include <utility>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/settings.h"

namespace sub::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTransformPrefix = "transform ";

std::string component_type(const config::Node& cfg) {
  if (!cfg.is_object()) return "";
  const config::Node* type = cfg.find("type");
  return type != nullptr && type->is_string() ? type->text() : "";
}

// The id a built transform reports in its errors: the `id` setting, else the type.
std::string component_id(const config::Node& cfg) {
  const config::Node* settings = cfg.is_object() ? cfg.find("settings") : nullptr;
  const config::Node* id =
      settings != nullptr && settings->is_object() ? settings->find("id") : nullptr;
  if (id != nullptr && id->is_string() && !id->text().empty()) return id->text();
  return component_type(cfg);
}

// Our builder names a top-level transform `transform <type> (transforms:<n>)` (or
// `transform (transforms:<n>)` when the type is unusable); the reference names it
// `transform <id>`.
std::string with_id(const std::string& msg, const config::Node& cfg, size_t index) {
  const std::string type = component_type(cfg);
  const std::string id = component_id(cfg);
  const std::string pos = "(transforms:" + std::to_string(index + 1) + ")";
  const std::string name = std::string(kTransformPrefix) + (id.empty() ? pos : id);
  const std::string prefixes[] = {std::string(kTransformPrefix) + type + " " + pos,
                                  std::string(kTransformPrefix) + pos + " " + type,
                                  std::string(kTransformPrefix) + pos};
  for (const std::string& prefix : prefixes) {
    if (msg.starts_with(prefix)) return name + msg.substr(prefix.size());
  }
  return name + ": " + msg;
}

// Go's json.Marshal of the reference's config.Config{Type, Settings}.
std::string transform_json(const config::Node& cfg) {
  if (!cfg.is_object()) return cfg.to_json();
  const config::Node* type = cfg.find("type");
  const config::Node* settings = cfg.find("settings");
  std::string out = "{\"type\":";
  out += type != nullptr && type->is_string() ? type->to_json() : "\"\"";
  out += ",\"settings\":";
  out += settings != nullptr && settings->is_object() ? settings->to_json() : "null";
  out += "}";
  return out;
}

const config::Node* transforms_of(const config::Node* root) {
  if (root == nullptr || !root->is_object()) return nullptr;
  const config::Node* transforms = root->find("transforms");
  return transforms != nullptr && transforms->is_array() ? transforms : nullptr;
}

// The 0-based index a top-level step position names (`transforms:3` is 2), or -1 for a nested
// position (`cases[0].transforms[1]`) or none.
long top_level_index(const std::string& position) {
  constexpr std::string_view kTop = "transforms:";
  if (!position.starts_with(kTop) || position.size() == kTop.size()) return -1;
  long n = 0;
  for (size_t i = kTop.size(); i < position.size(); ++i) {
    if (position[i] < '0' || position[i] > '9' || n > 1'000'000'000) return -1;
    n = n * 10 + (position[i] - '0');
  }
  return n - 1;
}

// The position of the transform a `transform <id>: ...` error names, or -1.
long find_named(const std::string& msg, const config::Node& transforms) {
  if (!msg.starts_with(kTransformPrefix)) return -1;
  const size_t colon = msg.find(": ", kTransformPrefix.size());
  if (colon == std::string::npos) return -1;
  const std::string id = msg.substr(kTransformPrefix.size(), colon - kTransformPrefix.size());
  const std::vector<config::Node>& items = transforms.items();
  for (size_t i = 0; i < items.size(); ++i) {
    if (component_id(items[i]) == id) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace

transform::Chain build_transforms(const config::Node& root, services::Services& services) {
  if (!root.is_object()) throw ConfigError("config: must be a JSON object");
  const config::Node* transforms = root.find("transforms");
  if (transforms == nullptr) throw ConfigError("config: no transforms configured");
  if (!transforms->is_array()) throw ConfigError("config: transforms: must be an array");
  catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
  const std::vector<config::Node>& items = transforms->items();
  std::vector<transform::Step> steps;
  steps.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    try {
      steps.push_back(builder.transform(items[i], i));
    } catch (const std::exception& e) {
      throw TransformBuildError(with_id(e.what(), items[i], i), i);
    }
  }
  config::Settings(&root, "config").integer("concurrency");
  return transform::Chain(std::move(steps));
}

std::string error_report(const std::string& file, const config::Node* root,
                         const std::exception& e) {
  std::string msg = e.what();
  const config::Node* transforms = transforms_of(root);
  long index = -1;
  if (transforms != nullptr) {
    const auto* build = dynamic_cast<const TransformBuildError*>(&e);
    const auto* step = dynamic_cast<const transform::StepError*>(&e);
    if (build != nullptr) {
      index = static_cast<long>(build->index());
    } else if (step != nullptr) {
      // A data error of a top-level step: `<file>:transforms:<n>` names the position, so the
      // message names the transform as the reference does (`transform <id>: <cause>`);
      // positions of nested steps stay in the cause.
      index = top_level_index(step->position());
      if (index >= 0) msg = "transform " + step->id() + ": " + step->cause();
    } else {
      index = find_named(msg, *transforms);
    }
  }
  if (index < 0 || static_cast<size_t>(index) >= transforms->items().size()) {
    return file + ": " + e.what() + "\n";
  }
  return file + ":transforms:" + std::to_string(index + 1) + " " + msg + "\n        " +
         transform_json(transforms->items()[static_cast<size_t>(index)]) + "\n\n";
}

FileDirectory::FileDirectory(const std::string& file) {
  std::error_code ec;
  previous_ = fs::current_path(ec);
  if (ec) return;
  const fs::path dir = fs::path(file).parent_path();
  if (dir.empty()) return;
  fs::current_path(dir, ec);
  changed_ = !ec;
}

FileDirectory::~FileDirectory() {
  if (!changed_) return;
  std::error_code ec;
  fs::current_path(previous_, ec);
}

}  // namespace sub::cli
