// The catalogue: every transform and condition type with its declared settings, read from the
// tables in catalogue/types/ (JSON data, embedded at build time):
//   types/blocks.json              settings blocks shared by many types (object, batch, ...)
//   types/<kind>/<family>.json     { "<type>": {summary, aliases?, order_free?, settings: {<key>:
//   spec}} }
// `order_free` (transforms): true when each output depends on its own input message alone,
// with no state kept between messages and no effect outside the message, so messages may run
// on several threads in any order and be put back in order afterwards (`read` does, on the
// leading such steps of a chain); "nested" when that holds exactly when it holds for every
// transform nested in the settings (meta_switch, meta_for_each, meta_err, meta_retry).
// A key's spec is {type, required?, default?, description, settings?} or a shared block
// {block, keys?}. The factories in transform/ and condition/ stay the source of behaviour;
// tests/catalogue checks that the tables and the registry name the same types and that every
// key a conformance vector uses is declared.
//
// Used by `vet` (unknown keys, wrong value types), `docs` (a type's settings) and the
// generated reference in docs/reference/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sub::catalogue {

// The JSON shape a setting takes (as Go's encoding/json decodes it into the reference's
// config structs).
enum class ValueType {
  kString,
  kNumber,
  kInteger,
  kBoolean,
  kStrings,     // array of strings
  kStringMap,   // object of strings
  kObject,      // nested settings
  kObjects,     // array of nested settings
  kDuration,    // Go duration text ("5s")
  kTransform,   // one {type, settings}
  kTransforms,  // array of them
  kCondition,   // one condition {type, settings}
  kConditions,  // array of them
  kComponent,   // a KV store or secret {type, settings}
  kAny,
};

std::string_view value_type_name(ValueType t);

struct Setting {
  std::string name;
  ValueType type = ValueType::kAny;
  bool required = false;
  std::string default_text;  // empty: none (zero value)
  std::string description;
  std::vector<Setting> settings;  // kObject / kObjects: the nested keys (empty: not declared)
};

enum class Kind { kTransform, kCondition };

enum class OrderFree { kNo, kYes, kWhenNested };

struct TypeInfo {
  std::string name;
  Kind kind = Kind::kTransform;
  std::string family;
  std::string summary;
  std::vector<std::string> aliases;
  OrderFree order_free = OrderFree::kNo;
  std::vector<Setting> settings;
};

// One file of the tables: its path under types/ ("transform/string.json") and its text.
struct TableFile {
  std::string_view path;
  std::string_view text;
};

class Catalogue {
 public:
  // The built-in tables; parsed once, immutable afterwards.
  static const Catalogue& builtin();
  // Throws sub::Error naming the file and key of a malformed table.
  static Catalogue parse(const std::vector<TableFile>& files);

  const std::vector<TypeInfo>& types() const { return types_; }
  // By name or alias; null when unknown.
  const TypeInfo* find(Kind kind, std::string_view name) const;

 private:
  std::vector<TypeInfo> types_;
};

// The setting named `name` among `settings` as Go matches struct fields: exact first, then
// case-insensitive. Null when not declared.
const Setting* find_setting(const std::vector<Setting>& settings, std::string_view name);

}  // namespace sub::catalogue
