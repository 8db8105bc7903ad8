#include "catalogue/settings_check.h"

#include <algorithm>
#include <cctype>

namespace sub::catalogue {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string_view article_name(ValueType t) {
  switch (t) {
    case ValueType::kString:
      return "a string";
    case ValueType::kNumber:
      return "a number";
    case ValueType::kInteger:
      return "an integer";
    case ValueType::kBoolean:
      return "true or false";
    case ValueType::kStrings:
      return "an array of strings";
    case ValueType::kStringMap:
      return "an object of strings";
    case ValueType::kObject:
      return "an object";
    case ValueType::kObjects:
      return "an array of objects";
    case ValueType::kDuration:
      return "a duration string such as \"5s\"";
    case ValueType::kTransform:
      return "a transform {type, settings}";
    case ValueType::kTransforms:
      return "an array of transforms";
    case ValueType::kCondition:
      return "a condition {type, settings}";
    case ValueType::kConditions:
      return "an array of conditions";
    case ValueType::kComponent:
      return "an object {type, settings}";
    case ValueType::kAny:
      return "any value";
  }
  return "any value";
}

std::string_view json_kind(const config::Node& n) {
  switch (n.kind()) {
    case config::Node::Kind::kNull:
      return "null";
    case config::Node::Kind::kBool:
      return "a boolean";
    case config::Node::Kind::kNumber:
      return "a number";
    case config::Node::Kind::kString:
      return "a string";
    case config::Node::Kind::kArray:
      return "an array";
    case config::Node::Kind::kObject:
      return "an object";
  }
  return "a value";
}

bool all_items(const config::Node& n, bool (config::Node::*is)() const) {
  return std::all_of(n.items().begin(), n.items().end(),
                     [&](const config::Node& i) { return i.is_null() || (i.*is)(); });
}

bool fits(const config::Node& v, ValueType t) {
  switch (t) {
    case ValueType::kString:
    case ValueType::kDuration:
      return v.is_string();
    case ValueType::kNumber:
      return v.is_number();
    case ValueType::kInteger:
      return v.is_number() && v.number() == static_cast<double>(static_cast<long long>(v.number()));
    case ValueType::kBoolean:
      return v.is_bool();
    case ValueType::kStrings:
      return v.is_array() && all_items(v, &config::Node::is_string);
    case ValueType::kStringMap:
      return v.is_object() &&
             std::all_of(v.members().begin(), v.members().end(),
                         [](const auto& m) { return m.second.is_null() || m.second.is_string(); });
    case ValueType::kObject:
    case ValueType::kTransform:
    case ValueType::kCondition:
    case ValueType::kComponent:
      return v.is_object();
    case ValueType::kObjects:
    case ValueType::kTransforms:
    case ValueType::kConditions:
      return v.is_array() && all_items(v, &config::Node::is_object);
    case ValueType::kAny:
      return true;
  }
  return true;
}

class Checker {
 public:
  Checker(const Catalogue& catalogue, std::vector<Finding>& out)
      : catalogue_(catalogue), out_(out) {}

  void component(const config::Node& cfg, Kind kind, size_t top, const std::string& path) {
    if (!cfg.is_object()) return;  // building reports it
    const config::Node* type = cfg.find("type");
    if (type == nullptr || !type->is_string()) return;
    const TypeInfo* info = catalogue_.find(kind, type->text());
    if (info == nullptr) return;
    const std::string prefix = path.empty() ? "" : path + ".";
    for (const auto& [key, value] : cfg.members()) {
      if (lower(key) != "type" && lower(key) != "settings" && !value.is_null()) {
        add(Finding::What::kUnknownKey, top, info->name, prefix + key,
            "unknown key of a component (only type and settings)");
      }
    }
    const config::Node* settings = cfg.find("settings");
    if (settings == nullptr) return;
    if (!settings->is_object()) return;  // building reports it
    keys(*settings, info->settings, top, info->name, prefix + "settings");
  }

 private:
  void keys(const config::Node& obj, const std::vector<Setting>& declared, size_t top,
            const std::string& type, const std::string& path) {
    for (const auto& [key, value] : obj.members()) {
      if (value.is_null()) continue;  // null is absent
      const std::string here = path + "." + key;
      const Setting* s = find_setting(declared, key);
      if (s == nullptr) {
        const std::string near = closest_name(declared, key);
        add(Finding::What::kUnknownKey, top, type, here,
            near.empty() ? "unknown setting, ignored"
                         : "unknown setting, ignored; did you mean \"" + near + "\"?");
        continue;
      }
      if (!fits(value, s->type)) {
        add(Finding::What::kWrongType, top, type, here,
            "wants " + std::string(article_name(s->type)) + ", got " +
                std::string(json_kind(value)));
        continue;
      }
      nested(value, *s, top, type, here);
    }
  }

  void nested(const config::Node& value, const Setting& s, size_t top, const std::string& type,
              const std::string& here) {
    switch (s.type) {
      case ValueType::kObject:
        if (!s.settings.empty()) keys(value, s.settings, top, type, here);
        return;
      case ValueType::kObjects:
        if (s.settings.empty()) return;
        for (size_t i = 0; i < value.items().size(); ++i) {
          if (value.items()[i].is_object()) {
            keys(value.items()[i], s.settings, top, type, here + "[" + std::to_string(i) + "]");
          }
        }
        return;
      case ValueType::kTransform:
        component(value, Kind::kTransform, top, here);
        return;
      case ValueType::kCondition:
        component(value, Kind::kCondition, top, here);
        return;
      case ValueType::kTransforms:
      case ValueType::kConditions: {
        const Kind kind = s.type == ValueType::kTransforms ? Kind::kTransform : Kind::kCondition;
        for (size_t i = 0; i < value.items().size(); ++i) {
          component(value.items()[i], kind, top, here + "[" + std::to_string(i) + "]");
        }
        return;
      }
      default:
        return;
    }
  }

  void add(Finding::What what, size_t top, const std::string& type, std::string key,
           std::string message) {
    out_.push_back(Finding{what, top, type, std::move(key), std::move(message)});
  }

  const Catalogue& catalogue_;
  std::vector<Finding>& out_;
};

}  // namespace

std::string closest_name(const std::vector<Setting>& declared, std::string_view name) {
  const std::string want = lower(name);
  std::string best;
  size_t best_distance = 0;
  for (const Setting& s : declared) {
    const size_t d = edit_distance(want, lower(s.name));
    if (best.empty() || d < best_distance) {
      best = s.name;
      best_distance = d;
    }
  }
  // Close enough: at most 2 edits, and fewer than a third of the name.
  const size_t limit = std::min<size_t>(2, std::max<size_t>(1, want.size() / 3));
  return !best.empty() && best_distance <= limit ? best : "";
}

std::vector<Finding> check_transforms(const config::Node& transforms, const Catalogue& catalogue) {
  std::vector<Finding> out;
  if (!transforms.is_array()) return out;
  Checker checker(catalogue, out);
  for (size_t i = 0; i < transforms.items().size(); ++i) {
    checker.component(transforms.items()[i], Kind::kTransform, i, "");
  }
  return out;
}

std::vector<Finding> check_component(const config::Node& cfg, Kind kind,
                                     const Catalogue& catalogue) {
  std::vector<Finding> out;
  Checker(catalogue, out).component(cfg, kind, 0, "");
  return out;
}

}  // namespace sub::catalogue
