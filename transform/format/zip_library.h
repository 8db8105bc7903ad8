// libzip, opened the first time a format_from_zip transform is built
// (core/shared_library.h): the other runs do not load it, nor the OpenSSL, zlib and bzip2
// libraries it depends on, at start.
#pragma once

#include <zip.h>

#include "core/shared_library.h"

// clang-format off
#define SUB_ZIP_FUNCTIONS(X) \
  X(zip_discard) \
  X(zip_error_fini) \
  X(zip_error_init) \
  X(zip_error_strerror) \
  X(zip_fclose) \
  X(zip_file_get_error) \
  X(zip_fopen_index) \
  X(zip_fread) \
  X(zip_get_num_entries) \
  X(zip_open_from_source) \
  X(zip_source_buffer_create) \
  X(zip_source_free) \
  X(zip_stat_index) \
  X(zip_stat_init) \
  X(zip_strerror)
// clang-format on

namespace sub::transform {

// The functions of libzip that format_from_zip calls, by their C names.
struct ZipLibrary {
  SUB_ZIP_FUNCTIONS(SUB_SHARED_LIBRARY_POINTER)
};

// The loaded library. Throws sub::Error (`cannot load libzip: ...`) when it is missing or
// lacks a function.
const ZipLibrary& libzip();

}  // namespace sub::transform
