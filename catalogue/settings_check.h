// Checks configs against the catalogue's declared settings: what `vet` warns about beyond a
// failed build. Go decodes settings leniently (unknown keys are ignored), so a misspelt key
// silently takes its default; these findings name it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "config/node.h"

namespace sub::catalogue {

struct Finding {
  enum class What { kUnknownKey, kWrongType };
  What what = What::kUnknownKey;
  size_t transform = 0;  // 0-based position in the top-level `transforms`
  std::string type;      // the type of the component holding the key
  std::string key;       // path from the top-level transform: "settings.object.soruce_key"
  std::string message;   // "unknown setting; did you mean \"source_key\"?"
};

// Every finding in a config's top-level `transforms` list (nested transforms and conditions
// included). Components of unknown types are skipped: building them reports the error.
std::vector<Finding> check_transforms(const config::Node& transforms, const Catalogue& catalogue);

// The findings of one component config {type, settings} of `kind` (transform = 0).
std::vector<Finding> check_component(const config::Node& cfg, Kind kind,
                                     const Catalogue& catalogue);

// The declared name closest to `name` (edit distance, case-insensitive) when close enough to
// be a likely misspelling, else "".
std::string closest_name(const std::vector<Setting>& declared, std::string_view name);

}  // namespace sub::catalogue
