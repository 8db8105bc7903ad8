// A shared library opened on first use (dlopen) instead of at start, for the dependencies
// that only some runs need: libcurl (HTTP and AWS), libjsonnet (Jsonnet configs), libjq (the
// jq transform) and libzip (format_from_zip). Each library the dynamic loader maps at start
// costs every run its relocations and page faults, about 1.5 ms for these four with their
// own dependencies, against a start-up of a few milliseconds.
//
// Usage, in the file that wraps one library:
//   #define SUB_FOO_FUNCTIONS(X) X(foo_open) X(foo_close)
//   struct FooLibrary { SUB_FOO_FUNCTIONS(SUB_SHARED_LIBRARY_POINTER) };
//   const FooLibrary& foo_library() {
//     static const LoadedLibrary<FooLibrary> loaded = load_library<FooLibrary>("libfoo.so.1",
//         [](SharedLibrary& l, FooLibrary& api) { SUB_FOO_FUNCTIONS(SUB_SHARED_LIBRARY_FIND) });
//     return loaded.get("libfoo");
//   }
// The pointers take the types of the functions' declarations in the library's own header.
// The library is never closed: what it hands out lives as long as the process.
#pragma once

#include <string>
#include <utility>

#include "core/error.h"

namespace sub {

class SharedLibrary {
 public:
  // Opens `soname` through the usual search path (the packages bundle it and start the
  // binary with their lib/ as the library path). error() says why when it could not.
  explicit SharedLibrary(const char* soname);

  bool ok() const { return handle_ != nullptr && error_.empty(); }
  const std::string& error() const { return error_; }

  // Sets `out` to the function `name`; on failure error() names it. Once an error is set,
  // sets `out` to null and keeps that error, so that a list of finds reports the first
  // missing function.
  template <typename Fn>
  void find(const char* name, Fn*& out) {
    out = reinterpret_cast<Fn*>(symbol(name));
  }
  // Records that the library, though found, cannot be used (its initialisation failed).
  void fail(std::string why) { error_ = std::move(why); }

 private:
  void* symbol(const char* name);

  const char* soname_;
  void* handle_ = nullptr;
  std::string error_;
};

// A library's table of functions, or why it could not be loaded.
template <typename Api>
struct LoadedLibrary {
  Api api{};
  std::string error;  // empty when loaded

  // The table; throws sub::Error ("cannot load <what>: <reason>") when it is not loaded.
  const Api& get(const char* what) const {
    if (!error.empty()) throw Error(std::string("cannot load ") + what + ": " + error);
    return api;
  }
};

// Opens `soname` and fills the table with `fill(library, api)`.
template <typename Api, typename Fill>
LoadedLibrary<Api> load_library(const char* soname, Fill fill) {
  LoadedLibrary<Api> out;
  SharedLibrary library(soname);
  if (library.ok()) fill(library, out.api);
  out.error = library.error();
  return out;
}

}  // namespace sub

// One member of a library's table: a pointer to the function of that name.
#define SUB_SHARED_LIBRARY_POINTER(name) decltype(&::name) name = nullptr;
// Looks the member up in `l`, the SharedLibrary, for `api`, the table.
#define SUB_SHARED_LIBRARY_FIND(name) l.find(#name, api.name);
