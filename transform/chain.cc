#include "transform/transform.h"

#include <string>

namespace sub::transform {
namespace {

// Error texts may quote the value that failed (Go's time.Parse message quotes it twice): a
// huge or binary value would make a huge error line on stderr, in CloudWatch, in `play`
// answers. Longer texts keep their start and say how much was cut.
constexpr size_t kMaxErrorText = 4096;

std::string bounded(std::string text) {
  if (text.size() <= kMaxErrorText) return text;
  const size_t cut = text.size() - kMaxErrorText;
  text.resize(kMaxErrorText);
  // Not in the middle of a UTF-8 sequence.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  return text + "... (" + std::to_string(cut) + " more bytes)";
}

std::string prefix(const std::string& id, const std::string& position) {
  return position.empty() ? "transform " + id + ": " : "transform " + id + " (" + position + "): ";
}

// Runs one step over one message, appending its outputs to `out`.
void run_step(const Step& step, Message msg, std::vector<Message>& out, const Context& ctx) {
  try {
    step.transform->transform(std::move(msg), out, ctx);
  } catch (const UnprefixedError& e) {
    throw Error(bounded(e.what()));
  } catch (const StepError& e) {
    // A nested chain's error: this step names itself in front of it.
    throw StepError(step, bounded(e.what()), bounded(e.reference_text()));
  } catch (const std::exception& e) {
    const std::string cause = bounded(e.what());
    throw StepError(step, cause, cause);
  }
}

}  // namespace

StepError::StepError(const Step& step, const std::string& cause, std::string reference_cause)
    : Error(prefix(step.id, step.position) + cause),
      id_(step.id),
      position_(step.position),
      cause_(cause),
      reference_text_(prefix(step.id, "") + reference_cause) {}

std::string reference_text(const std::exception& e) {
  const auto* step = dynamic_cast<const StepError*>(&e);
  return step != nullptr ? step->reference_text() : e.what();
}

std::vector<Message> Chain::apply(std::vector<Message> msgs, const Context& ctx) const {
  std::vector<Message> next;
  for (const Step& step : steps_) {
    if (msgs.empty()) break;
    if (msgs.size() == 1) {
      // The common case (one message in, at most one out) needs no second vector: the
      // message is taken out and the step writes straight back into `msgs`.
      Message m = std::move(msgs.front());
      msgs.clear();
      run_step(step, std::move(m), msgs, ctx);
      continue;
    }
    next.clear();
    next.reserve(msgs.size());
    for (Message& m : msgs) run_step(step, std::move(m), next, ctx);
    msgs.swap(next);
  }
  return msgs;
}

std::vector<Message> Chain::apply(Message msg, const Context& ctx) const {
  std::vector<Message> msgs;
  msgs.push_back(std::move(msg));
  return apply(std::move(msgs), ctx);
}

}  // namespace sub::transform
