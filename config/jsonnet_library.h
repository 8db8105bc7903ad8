// libjsonnet, opened the first time a Jsonnet config is evaluated or formatted
// (core/shared_library.h): runs with a JSON config do not load it at start.
#pragma once

extern "C" {
#include <libjsonnet.h>
#include <libjsonnet_fmt.h>
}

#include "core/shared_library.h"

// clang-format off
#define SUB_JSONNET_FUNCTIONS(X) \
  X(jsonnet_destroy) \
  X(jsonnet_evaluate_snippet) \
  X(jsonnet_ext_code) \
  X(jsonnet_ext_var) \
  X(jsonnet_fmt_comment) \
  X(jsonnet_fmt_indent) \
  X(jsonnet_fmt_max_blank_lines) \
  X(jsonnet_fmt_pad_arrays) \
  X(jsonnet_fmt_pad_objects) \
  X(jsonnet_fmt_pretty_field_names) \
  X(jsonnet_fmt_snippet) \
  X(jsonnet_fmt_sort_imports) \
  X(jsonnet_fmt_string) \
  X(jsonnet_import_callback) \
  X(jsonnet_make) \
  X(jsonnet_realloc)
// clang-format on

namespace sub::config {

// The functions of libjsonnet that config/jsonnet.cc calls, by their C names.
struct JsonnetLibrary {
  SUB_JSONNET_FUNCTIONS(SUB_SHARED_LIBRARY_POINTER)
};

// The loaded library. Throws sub::Error (`cannot load libjsonnet: ...`) when it is missing
// or lacks a function.
const JsonnetLibrary& libjsonnet();

}  // namespace sub::config
