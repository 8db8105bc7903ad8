// libjq, opened the first time a jq transform is built (core/shared_library.h): the other
// runs do not load it and libonig at start.
#pragma once

// libjq 1.6 headers have no C++ linkage guards.
extern "C" {
#include <jq.h>
#include <jv.h>
}

#include "core/shared_library.h"

// clang-format off
#define SUB_JQ_FUNCTIONS(X) \
  X(jq_compile) \
  X(jq_get_error_message) \
  X(jq_get_exit_code) \
  X(jq_halted) \
  X(jq_init) \
  X(jq_next) \
  X(jq_set_error_cb) \
  X(jq_start) \
  X(jq_teardown) \
  X(jv_array_get) \
  X(jv_array_length) \
  X(jv_array_set) \
  X(jv_copy) \
  X(jv_dump_string) \
  X(jv_free) \
  X(jv_get_kind) \
  X(jv_invalid_get_msg) \
  X(jv_invalid_has_msg) \
  X(jv_keys) \
  X(jv_null) \
  X(jv_number_value) \
  X(jv_object) \
  X(jv_object_get) \
  X(jv_object_iter) \
  X(jv_object_iter_key) \
  X(jv_object_iter_next) \
  X(jv_object_iter_valid) \
  X(jv_object_iter_value) \
  X(jv_object_set) \
  X(jv_parse_sized) \
  X(jv_string_length_bytes) \
  X(jv_string_value)
// clang-format on

namespace sub::transform {

// The functions of libjq that object_jq calls, by their C names.
struct JqLibrary {
  SUB_JQ_FUNCTIONS(SUB_SHARED_LIBRARY_POINTER)
};

// The loaded library. Throws sub::Error (`cannot load libjq: ...`) when it is missing or
// lacks a function.
const JqLibrary& libjq();

}  // namespace sub::transform
