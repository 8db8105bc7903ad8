// Which built steps are order-free (catalogue `order_free`, Step::order_free): `read` runs
// the leading ones on several threads (apps/cli/ordered_lines.h, tests/cli/read_threads.sh).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/pipeline.h"
#include "catalogue/registry.h"
#include "config/node.h"
#include "services/services.h"

namespace sub::catalogue {
namespace {

std::vector<bool> flags(const std::string& transforms) {
  services::Services services;
  const Pipeline p =
      build_pipeline(config::Node::parse(R"({"transforms":)" + transforms + "}"), services);
  std::vector<bool> out;
  for (const transform::Step& s : p.chain.steps()) out.push_back(s.order_free);
  return out;
}

const char* const kErrWhenBad =
    R"({"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"bad"},"value":"yes"}},"transforms":[{"type":"utility_err","settings":{"message":"x"}}]}]}})";
const char* const kSendWhenBad =
    R"({"type":"meta_switch","settings":{"cases":[{"condition":{"type":"string_equal_to","settings":{"object":{"source_key":"bad"},"value":"yes"}},"transforms":[{"type":"send_stdout"}]}]}})";

TEST(OrderFree, FollowsTheCatalogueAndWhatIsNested) {
  EXPECT_EQ(
      flags(R"([{"type":"object_copy","settings":{"object":{"source_key":"a","target_key":"b"}}},
                      {"type":"send_stdout"},
                      {"type":"aggregate_to_string","settings":{"separator":","}},
                      {"type":"format_from_pretty_print"},
                      {"type":"utility_control"}])"),
      (std::vector<bool>{true, false, false, false, false}));
  // A meta step is order-free exactly when everything nested in it is, at any depth.
  EXPECT_EQ(flags(std::string("[") + kErrWhenBad + "," + kSendWhenBad + "]"),
            (std::vector<bool>{true, false}));
  const std::string nested_send =
      R"([{"type":"meta_err","settings":{"transforms":[)" + std::string(kSendWhenBad) + "]}}]";
  EXPECT_EQ(flags(nested_send), (std::vector<bool>{false}));
  const std::string nested_err =
      R"([{"type":"meta_err","settings":{"transforms":[)" + std::string(kErrWhenBad) + "]}}]";
  EXPECT_EQ(flags(nested_err), (std::vector<bool>{true}));
}

TEST(OrderFree, EveryTypeSaysWhatItIs) {
  // Spot checks of the tables: the families without state are order-free, the ones with
  // state or effects are not, and meta types depend on what they hold.
  const Catalogue& c = Catalogue::builtin();
  EXPECT_EQ(c.find(Kind::kTransform, "string_replace")->order_free, OrderFree::kYes);
  EXPECT_EQ(c.find(Kind::kTransform, "time_now")->order_free, OrderFree::kYes);
  EXPECT_EQ(c.find(Kind::kTransform, "meta_switch")->order_free, OrderFree::kWhenNested);
  for (const char* stateful :
       {"send_stdout", "aggregate_to_array", "enrich_http_get", "enrich_kv_store_item_set",
        "utility_metric_count", "meta_kv_store_lock", "format_from_pretty_print"}) {
    EXPECT_EQ(c.find(Kind::kTransform, stateful)->order_free, OrderFree::kNo) << stateful;
  }
}

TEST(OrderFree, TheRegistryAnswersAsTheTablesDo) {
  // Chains are built from the registry's copy (generated from the same tables at build
  // time), so that `read` does not parse the whole catalogue at start-up.
  const Registry& r = Registry::builtin();
  size_t checked = 0;
  for (const TypeInfo& t : Catalogue::builtin().types()) {
    if (t.kind != Kind::kTransform) continue;
    EXPECT_EQ(r.order_free(t.name), t.order_free) << t.name;
    for (const std::string& alias : t.aliases)
      EXPECT_EQ(r.order_free(alias), t.order_free) << alias;
    ++checked;
  }
  EXPECT_GT(checked, 50u);
  EXPECT_EQ(r.order_free("no_such_type"), OrderFree::kNo);
  // A factory put in place of a built-in one keeps what the type declares.
  Registry copy = r;
  copy.add_transform("string_replace", r.transform("string_replace"));
  EXPECT_EQ(copy.order_free("string_replace"), OrderFree::kYes);
}

}  // namespace
}  // namespace sub::catalogue
