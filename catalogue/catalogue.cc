#include "catalogue/catalogue.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "config/node.h"
#include "core/error.h"
#include "embedded/catalogue_tables.h"

namespace sub::catalogue {
namespace {

struct TypeName {
  std::string_view name;
  ValueType type;
};

constexpr TypeName kTypeNames[] = {
    {"string", ValueType::kString},
    {"number", ValueType::kNumber},
    {"integer", ValueType::kInteger},
    {"boolean", ValueType::kBoolean},
    {"strings", ValueType::kStrings},
    {"string_map", ValueType::kStringMap},
    {"object", ValueType::kObject},
    {"objects", ValueType::kObjects},
    {"duration", ValueType::kDuration},
    {"transform", ValueType::kTransform},
    {"transforms", ValueType::kTransforms},
    {"condition", ValueType::kCondition},
    {"conditions", ValueType::kConditions},
    {"component", ValueType::kComponent},
    {"any", ValueType::kAny},
};

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Reads the tables; every error names the file and the key.
class TableReader {
 public:
  explicit TableReader(const config::Node& blocks) : blocks_(blocks) {}

  std::vector<Setting> settings(const config::Node& obj, const std::string& where) const {
    if (!obj.is_object()) fail(where, "settings must be an object");
    std::vector<Setting> out;
    for (const auto& [key, spec] : obj.members())
      out.push_back(setting(key, spec, where + "." + key));
    return out;
  }

 private:
  [[noreturn]] static void fail(const std::string& where, const std::string& why) {
    throw Error("catalogue: " + where + ": " + why);
  }

  static std::string text(const config::Node& obj, std::string_view key, const std::string& where,
                          bool required) {
    const config::Node* n = obj.find(key);
    if (n == nullptr) {
      if (required) fail(where, std::string(key) + " is missing");
      return "";
    }
    if (!n->is_string()) fail(where, std::string(key) + " must be a string");
    return n->text();
  }

  Setting setting(const std::string& name, const config::Node& spec,
                  const std::string& where) const {
    if (!spec.is_object()) fail(where, "a setting must be an object");
    if (const config::Node* block = spec.find("block"))
      return from_block(name, *block, spec, where);
    Setting s;
    s.name = name;
    const std::string type = text(spec, "type", where, true);
    auto it = std::find_if(std::begin(kTypeNames), std::end(kTypeNames),
                           [&](const TypeName& t) { return t.name == type; });
    if (it == std::end(kTypeNames)) fail(where, "unknown type \"" + type + "\"");
    s.type = it->type;
    s.description = text(spec, "description", where, true);
    s.default_text = text(spec, "default", where, false);
    if (const config::Node* r = spec.find("required")) {
      if (!r->is_bool()) fail(where, "required must be true or false");
      s.required = r->boolean();
    }
    if (const config::Node* nested = spec.find("settings")) s.settings = settings(*nested, where);
    return s;
  }

  Setting from_block(const std::string& name, const config::Node& block_name,
                     const config::Node& spec, const std::string& where) const {
    if (!block_name.is_string()) fail(where, "block must be a string");
    const config::Node* block = blocks_.find(block_name.text());
    if (block == nullptr) fail(where, "no block \"" + block_name.text() + "\" in blocks.json");
    Setting s = setting(name, *block, "blocks.json: " + block_name.text());
    if (const config::Node* keys = spec.find("keys")) {
      if (!keys->is_array()) fail(where, "keys must be an array");
      std::vector<Setting> kept;
      for (const config::Node& k : keys->items()) {
        const Setting* found = k.is_string() ? find_setting(s.settings, k.text()) : nullptr;
        if (found == nullptr)
          fail(where, "block \"" + block_name.text() + "\" has no key " + k.to_json());
        kept.push_back(*found);
      }
      s.settings = std::move(kept);
    }
    if (const config::Node* r = spec.find("required")) {
      if (!r->is_bool()) fail(where, "required must be true or false");
      s.required = r->boolean();
    }
    return s;
  }

  const config::Node& blocks_;
};

}  // namespace

std::string_view value_type_name(ValueType t) {
  for (const TypeName& n : kTypeNames) {
    if (n.type == t) return n.name;
  }
  return "any";
}

const Setting* find_setting(const std::vector<Setting>& settings, std::string_view name) {
  for (const Setting& s : settings) {
    if (s.name == name) return &s;
  }
  for (const Setting& s : settings) {
    if (iequal(s.name, name)) return &s;
  }
  return nullptr;
}

Catalogue Catalogue::parse(const std::vector<TableFile>& files) {
  auto parse_file = [](const TableFile& f) {
    try {
      return config::Node::parse(f.text);
    } catch (const Error& e) {
      throw Error("catalogue: " + std::string(f.path) + ": " + e.what());
    }
  };
  config::Node blocks = config::Node::make_object({});
  for (const TableFile& f : files) {
    if (f.path == "blocks.json") blocks = parse_file(f);
  }
  const TableReader reader(blocks);
  Catalogue c;
  for (const TableFile& f : files) {
    if (f.path == "blocks.json") continue;
    const std::string path(f.path);
    const size_t slash = path.find('/');
    if (slash == std::string::npos || path.size() < 5 || path.substr(path.size() - 5) != ".json") {
      throw Error("catalogue: " + path + ": want <kind>/<family>.json");
    }
    const std::string kind = path.substr(0, slash);
    if (kind != "transform" && kind != "condition") {
      throw Error("catalogue: " + path + ": the kind must be transform or condition");
    }
    const config::Node table = parse_file(f);
    if (!table.is_object()) throw Error("catalogue: " + path + ": want an object of types");
    for (const auto& [name, entry] : table.members()) {
      const std::string where = path + ": " + name;
      if (!entry.is_object()) throw Error("catalogue: " + where + ": want an object");
      TypeInfo t;
      t.name = name;
      t.kind = kind == "transform" ? Kind::kTransform : Kind::kCondition;
      t.family = path.substr(slash + 1, path.size() - slash - 6);
      const config::Node* summary = entry.find("summary");
      if (summary == nullptr || !summary->is_string()) {
        throw Error("catalogue: " + where + ": summary is missing");
      }
      t.summary = summary->text();
      if (const config::Node* aliases = entry.find("aliases")) {
        for (const config::Node& a : aliases->items()) t.aliases.push_back(a.text());
      }
      if (const config::Node* of = entry.find("order_free")) {
        if (of->is_bool() && of->boolean()) {
          t.order_free = OrderFree::kYes;
        } else if (of->is_string() && of->text() == "nested") {
          t.order_free = OrderFree::kWhenNested;
        } else if (!of->is_bool()) {
          throw Error("catalogue: " + where + ": order_free must be true, false or \"nested\"");
        }
      }
      const config::Node* settings = entry.find("settings");
      if (settings == nullptr) throw Error("catalogue: " + where + ": settings is missing");
      t.settings = reader.settings(*settings, where);
      if (c.find(t.kind, t.name) != nullptr)
        throw Error("catalogue: " + where + ": declared twice");
      c.types_.push_back(std::move(t));
    }
  }
  std::sort(c.types_.begin(), c.types_.end(), [](const TypeInfo& a, const TypeInfo& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  return c;
}

const Catalogue& Catalogue::builtin() {
  static const Catalogue catalogue = [] {
    std::vector<TableFile> files;
    for (const auto& f : embedded::catalogue_tables) files.push_back({f.path, f.text});
    return parse(files);
  }();
  return catalogue;
}

const TypeInfo* Catalogue::find(Kind kind, std::string_view name) const {
  for (const TypeInfo& t : types_) {
    if (t.kind != kind) continue;
    if (t.name == name) return &t;
    for (const std::string& a : t.aliases) {
      if (a == name) return &t;
    }
  }
  return nullptr;
}

}  // namespace sub::catalogue
