#include "config/jsonnet_library.h"

namespace sub::config {

const JsonnetLibrary& libjsonnet() {
  static const LoadedLibrary<JsonnetLibrary> loaded = load_library<JsonnetLibrary>(
      "libjsonnet.so.0",
      [](SharedLibrary& l, JsonnetLibrary& api) { SUB_JSONNET_FUNCTIONS(SUB_SHARED_LIBRARY_FIND) });
  return loaded.get("libjsonnet");
}

}  // namespace sub::config
