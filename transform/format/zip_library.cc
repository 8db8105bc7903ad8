#include "transform/format/zip_library.h"

namespace sub::transform {

const ZipLibrary& libzip() {
  static const LoadedLibrary<ZipLibrary> loaded = load_library<ZipLibrary>(
      "libzip.so.4",
      [](SharedLibrary& l, ZipLibrary& api) { SUB_ZIP_FUNCTIONS(SUB_SHARED_LIBRARY_FIND) });
  return loaded.get("libzip");
}

}  // namespace sub::transform
