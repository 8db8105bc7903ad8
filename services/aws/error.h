// Errors of the AWS client layer. A ServiceError is an AWS error response (HTTP status and
// error code); a TransportError is a failure to get any response (connect, timeout, reset).
#pragma once

#include <string>

#include "core/error.h"

namespace sub::aws {

class ServiceError : public Error {
 public:
  ServiceError(const std::string& what, long status, std::string code)
      : Error(what), status_(status), code_(std::move(code)) {}
  long status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  long status_;
  std::string code_;
};

class TransportError : public Error {
 public:
  explicit TransportError(const std::string& what) : Error(what) {}
};

// A credential source that was configured and failed (a profile that names SSO, a
// credential_process, a role or keys): the provider chain stops at it, as the SDKs do,
// rather than trying the container and instance metadata endpoints and burying the cause.
class ConfiguredSourceError : public Error {
 public:
  explicit ConfiguredSourceError(const std::string& what) : Error(what) {}
};

}  // namespace sub::aws
