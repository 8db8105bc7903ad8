#include "services/aws/partial_retry.h"

#include <algorithm>
#include <random>
#include <thread>

#include "core/error.h"

namespace sub::aws {

namespace {

constexpr size_t kListedFailures = 5;

std::string describe(const std::vector<std::pair<size_t, EntryFailure>>& failed) {
  std::string out;
  for (size_t i = 0; i < failed.size() && i < kListedFailures; ++i) {
    if (i > 0) out += "; ";
    out += "#" + std::to_string(failed[i].first) + " " + failed[i].second.code;
    if (!failed[i].second.message.empty()) out += ": " + failed[i].second.message;
  }
  if (failed.size() > kListedFailures) {
    out += "; and " + std::to_string(failed.size() - kListedFailures) + " more";
  }
  return out;
}

}  // namespace

void send_with_partial_retry(
    std::string_view what, size_t count,
    const std::function<std::vector<EntryFailure>(const std::vector<size_t>& indices)>& send_once,
    const PartialRetryOptions& options) {
  using Clock = std::chrono::steady_clock;
  std::vector<size_t> pending(count);
  for (size_t i = 0; i < count; ++i) pending[i] = i;
  std::vector<std::pair<size_t, EntryFailure>> final_failures;  // original index, failure
  std::vector<std::pair<size_t, EntryFailure>> last_round;
  std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const int max_rounds = std::max(1, options.max_rounds);
  int rounds = 0;
  while (!pending.empty() && rounds < max_rounds) {
    if (rounds > 0) {
      const auto wait = options.policy.backoff(rounds - 1, uniform(rng));
      if (Clock::now() + wait >= options.deadline) break;
      std::this_thread::sleep_for(wait);
    }
    ++rounds;
    const std::vector<EntryFailure> failures = send_once(pending);
    last_round.clear();
    std::vector<size_t> retry;
    for (const EntryFailure& f : failures) {
      if (f.index >= pending.size()) {
        throw Error(std::string(what) + ": response names an unknown entry " +
                    std::to_string(f.index));
      }
      const size_t original = pending[f.index];
      if (f.retryable) {
        retry.push_back(original);
        last_round.emplace_back(original, f);
      } else {
        final_failures.emplace_back(original, f);
      }
    }
    std::sort(retry.begin(), retry.end());
    retry.erase(std::unique(retry.begin(), retry.end()), retry.end());
    pending = std::move(retry);
  }
  if (pending.empty() && final_failures.empty()) return;
  for (auto& f : last_round) final_failures.push_back(std::move(f));
  std::sort(final_failures.begin(), final_failures.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  throw Error(std::string(what) + ": " + std::to_string(final_failures.size()) + " of " +
              std::to_string(count) + " entries failed after " + std::to_string(rounds) +
              (rounds == 1 ? " attempt: " : " attempts: ") + describe(final_failures));
}

}  // namespace sub::aws
