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

// A transform's error that must not get the `transform <id> (<position>): ` prefix
// (utility_err).
class UnprefixedError : public Error {
 public:
  explicit UnprefixedError(const std::string& what) : Error(what) {}
};

// One built step of a chain: the transform, the id used in its error messages (the `id`
// setting, or the type name) and where it sits in the config, as configuration errors name
// it: `transforms:3` for the third top-level transform (1-based, as vet counts),
// `cases[0].transforms[1]` for a nested one. A step built outside a config may leave the
// position empty; its errors then name the id alone.
//
// `order_free`: the step's outputs depend on each input message alone (no state between
// messages, no effect outside them; catalogue/catalogue.h), so the messages of a stream may
// go through it on several threads and be put back in order afterwards.
struct Step {
  std::shared_ptr<const Transform> transform;
  std::string id;
  std::string position = {};
  bool order_free = false;
};

// The error of a step: `transform <id> (<position>): <cause>` (`transform <id>: <cause>`
// without a position). An error inside a nested chain is the cause of its parent step's, so
// one line names every step from the top down:
//   transform meta_switch (transforms:1): transform object_copy (cases[0].transforms[1]): ...
class StepError : public Error {
 public:
  // `cause` and `reference_cause` are already bounded.
  StepError(const Step& step, const std::string& cause, std::string reference_cause);

  const std::string& id() const { return id_; }
  const std::string& position() const { return position_; }
  const std::string& cause() const { return cause_; }
  // The same error without the positions, as v2.8 words it (`transform <id>: transform
  // <inner id>: <cause>`): meta_err and meta_retry match their `error_messages` against it,
  // so patterns written for the reference (`^transform send_http_post: `) still match.
  const std::string& reference_text() const { return reference_text_; }

 private:
  std::string id_;
  std::string position_;
  std::string cause_;
  std::string reference_text_;
};

// The text of `e` as v2.8 words it: a StepError's reference_text(), else e.what().
std::string reference_text(const std::exception& e);

// An ordered chain of transforms, applied breadth-first as the reference's Apply: step 0
// runs over every input, its outputs go to step 1, and so on; an empty working set ends
// early. The first error aborts the whole call (no partial results): it is rethrown as a
// StepError naming the step that failed (`transform <id> (<position>): <cause>`).
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
