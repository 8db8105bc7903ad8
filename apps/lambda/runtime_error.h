// An error with the errorType the Lambda Runtime API is told, for an init or an invocation
// (run_function in apps/lambda/runtime_main.h reports it).
#pragma once

#include <string>

#include "core/error.h"

namespace sub::lambda {

class RuntimeError : public Error {
 public:
  RuntimeError(std::string type, const std::string& what) : Error(what), type_(std::move(type)) {}
  const std::string& type() const { return type_; }

 private:
  std::string type_;
};

}  // namespace sub::lambda
