// The catalogue's text for one type, as `substation docs TYPE` prints it (apps/cli/docs.cc),
// and the list of every type; shared with the playground's /docs (apps/cli/play.cc).
#pragma once

#include <string>
#include <vector>

namespace sub::cli {

// The summary and settings of a transform or condition type (by name or alias), or
// sub::Error `unknown type "X"; did you mean "Y"?` (or `...; `substation docs` lists them`).
std::string type_docs(const std::string& type);

struct TypeSummary {
  std::string name;
  std::string kind;  // "transform" or "condition"
  std::string summary;
};

// Every type, in the catalogue's order.
std::vector<TypeSummary> type_summaries();

}  // namespace sub::cli
