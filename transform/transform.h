// The transform interface and Apply.
//
// A transform takes one message and appends zero (drop), one (pass/modify) or many (fan-out)
// messages to `out`, or throws sub::Error. Transforms are built once from settings and are
// then safe to call from many threads; a transform that keeps state (batches, aggregates)
// guards it itself. Control messages must be passed through (after any flush).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/error.h"
#include "core/message.h"

namespace sub::transform {

class Transform {
 public:
  virtual ~Transform() = default;
  // Const: a transform is immutable after construction and called from many threads at once;
  // state it keeps (batches, aggregates) is mutable and guarded by its own mutex.
  virtual void transform(Message msg, std::vector<Message>& out, const Context& ctx) const = 0;
};

// A transform's error that must not get the `transform <id>: ` prefix (utility_err).
class UnprefixedError : public Error {
 public:
  explicit UnprefixedError(const std::string& what) : Error(what) {}
};

// One built step of a chain: the transform and the id used in its error messages (the
// `id` setting, or the type name).
struct Step {
  std::shared_ptr<const Transform> transform;
  std::string id;
};

// An ordered chain of transforms, applied breadth-first as the reference's Apply: step 0
// runs over every input, its outputs go to step 1, and so on; an empty working set ends
// early. The first error aborts the whole call (no partial results): it is rethrown as
// `transform <id>: <cause>`.
class Chain {
 public:
  Chain() = default;
  explicit Chain(std::vector<Step> steps) : steps_(std::move(steps)) {}

  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }

  [[nodiscard]] std::vector<Message> apply(std::vector<Message> msgs, const Context& ctx) const;
  [[nodiscard]] std::vector<Message> apply(Message msg, const Context& ctx) const;

 private:
  std::vector<Step> steps_;
};

}  // namespace sub::transform
