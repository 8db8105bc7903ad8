// Where the S3 handlers read objects from: Amazon S3 in the bootstrap, a map in tests.
#pragma once

#include <string>
#include <string_view>

namespace sub::lambda {

class ObjectFetcher {
 public:
  virtual ~ObjectFetcher() = default;
  // The object's bytes. Throws sub::Error naming the object.
  virtual std::string get(std::string_view bucket, std::string_view key) = 0;
};

}  // namespace sub::lambda
