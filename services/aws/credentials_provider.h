// The interface every credential source implements.
#pragma once

#include "services/aws/credentials_value.h"

namespace sub::aws {

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current, usable credentials. Throws sub::Error saying why none are available.
  // Implementations are safe to call from many threads.
  virtual Credentials get() = 0;
};

}  // namespace sub::aws
