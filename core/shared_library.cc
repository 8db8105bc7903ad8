#include "core/shared_library.h"

#include <dlfcn.h>

namespace sub {

SharedLibrary::SharedLibrary(const char* soname) : soname_(soname) {
  handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = dlerror();
    error_ = why != nullptr ? why : soname;
  }
}

void* SharedLibrary::symbol(const char* name) {
  if (!ok()) return nullptr;
  void* sym = dlsym(handle_, name);
  if (sym == nullptr) error_ = std::string(soname_) + " has no " + name;
  return sym;
}

}  // namespace sub
