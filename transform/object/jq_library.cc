#include "transform/object/jq_library.h"

namespace sub::transform {

const JqLibrary& libjq() {
  static const LoadedLibrary<JqLibrary> loaded = load_library<JqLibrary>(
      "libjq.so.1",
      [](SharedLibrary& l, JqLibrary& api) { SUB_JQ_FUNCTIONS(SUB_SHARED_LIBRARY_FIND) });
  return loaded.get("libjq");
}

}  // namespace sub::transform
