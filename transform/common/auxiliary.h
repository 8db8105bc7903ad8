// `auxiliary_transforms` of the send transforms: a chain run over a batch
// just before it is sent. Each buffered item becomes a data-only message (no metadata), a
// control message is appended so stateful transforms (aggregate_to_string, ...) flush, the
// chain is applied, and the data of every non-control output is what gets sent.
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"
#include "core/context.h"
#include "transform/builder.h"
#include "transform/common/item_list.h"

namespace sub::transform {

class Auxiliary {
 public:
  Auxiliary() = default;
  explicit Auxiliary(Chain chain) : chain_(std::move(chain)) {}

  // Builds `auxiliary_transforms` of `settings` (absent gives an empty chain).
  static Auxiliary read(const config::Settings& settings, Builder& builder);

  bool empty() const { return chain_.empty(); }

  // The items to send for `items`. Without a chain they are the items themselves.
  std::vector<std::string> apply(const ItemList& items, const Context& ctx) const;

  // Calls fn(std::string_view) for each item to send, without copying when there is no chain.
  template <typename Fn>
  void each(const ItemList& items, const Context& ctx, Fn&& fn) const {
    if (empty()) {
      for (std::string_view item : items) fn(item);
      return;
    }
    for (const std::string& item : apply(items, ctx)) fn(std::string_view(item));
  }

 private:
  Chain chain_;
};

}  // namespace sub::transform
