// Environment variables changed for the scope of a test.
#pragma once

#include <string>

namespace sub::itest {

// Sets (or, with the one-argument form, unsets) an environment variable for the scope of the
// object, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value);
  explicit ScopedEnv(std::string name);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

}  // namespace sub::itest
