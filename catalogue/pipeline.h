// A pipeline built from a whole config document: `{"transforms": [...], "concurrency": N,
// "tests": [...]}`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "catalogue/registry.h"
#include "config/node.h"

namespace sub::catalogue {

struct Pipeline {
  transform::Chain chain;
  int64_t concurrency = 0;  // as configured; 0 when absent
};

// Builds every transform once. Errors: "no transforms configured" when `transforms` is
// absent or null; otherwise the first component's configuration error.
Pipeline build_pipeline(const config::Node& root, services::Services& services,
                        const Registry& registry = Registry::builtin());

}  // namespace sub::catalogue
