// The error of a send that delivered part of a batch: the batch keeps only the items at
// `undelivered` (indices into the items it was given), so the retry does not send the
// delivered ones again (transform/send/batch_send.h).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace sub::transform {

class PartialFlushError : public Error {
 public:
  PartialFlushError(const std::string& what, std::vector<size_t> undelivered)
      : Error(what), undelivered_(std::move(undelivered)) {}
  const std::vector<size_t>& undelivered() const { return undelivered_; }

 private:
  std::vector<size_t> undelivered_;
};

}  // namespace sub::transform
