#include "apps/cli/type_docs.h"

#include "catalogue/catalogue.h"
#include "catalogue/reference.h"
#include "catalogue/settings_check.h"
#include "core/error.h"

namespace sub::cli {
namespace {

const catalogue::TypeInfo* find_any(const catalogue::Catalogue& c, const std::string& name) {
  if (const auto* t = c.find(catalogue::Kind::kTransform, name)) return t;
  return c.find(catalogue::Kind::kCondition, name);
}

}  // namespace

std::string type_docs(const std::string& type) {
  const catalogue::Catalogue& c = catalogue::Catalogue::builtin();
  if (const catalogue::TypeInfo* t = find_any(c, type)) return catalogue::type_text(*t);
  // Suggest by the same distance vet uses, over every type name.
  std::vector<catalogue::Setting> names;
  for (const catalogue::TypeInfo& t : c.types()) {
    catalogue::Setting s;
    s.name = t.name;
    names.push_back(std::move(s));
  }
  const std::string near = catalogue::closest_name(names, type);
  throw Error(
      "unknown type \"" + type + "\"" +
      (near.empty() ? "; `substation docs` lists them" : "; did you mean \"" + near + "\"?"));
}

std::vector<TypeSummary> type_summaries() {
  std::vector<TypeSummary> out;
  for (const catalogue::TypeInfo& t : catalogue::Catalogue::builtin().types()) {
    out.push_back(
        {t.name, t.kind == catalogue::Kind::kTransform ? "transform" : "condition", t.summary});
  }
  return out;
}

}  // namespace sub::cli
