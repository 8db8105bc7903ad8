// The skip memo (core/json/skip_memo.h) is a cache: a Message that uses it must read and
// edit exactly as the plain functions do on the same text. Seeded random chains of gets,
// sets and deletes over documents with large nested values compare the two after every
// step, with values that keep the document valid and values that break it.
#include "core/json/skip_memo.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/json/path.h"
#include "core/message.h"
#include "tests/unit/same_edit.h"

namespace sub {
namespace {

// A value of at least SkipMemo::kMinSpan bytes, with brackets and quotes inside strings.
std::string big_object(int k) {
  return R"({"k":)" + std::to_string(k) + R"(,"text":"brackets } ] { [ and \"quotes\" inside",)" +
         R"("inner":{"list":[1,2,{"deep":"}}}"}],"pad":"................................"}})";
}

const std::vector<std::string> kPaths = {
    "a",
    "big",
    "big.k",
    "big.inner",
    "big.inner.list",
    "big.text",
    "big.inner.z",
    "big2",
    "big2.inner.pad",
    "big2.k",
    "z",
    "z.y",
    "list.1",
    "big.inner.list.2.deep",
    "new.member",
    "big2.inner.list.0",
};

// Valid values, and texts that are not JSON (unbalanced brackets, open strings).
const std::vector<std::string> kValues = {
    "1", R"("s")", R"("}]")",  "[1,[2,{}]]", "null", R"({"a":{"b":[]}})",
    "{", "]]",     R"("open)", R"(x"y)",     "tru",  "{\"a\":1",
};

std::string initial_doc() {
  return R"({"a":0,"big":)" + big_object(1) + R"(,"list":[0,)" + big_object(2) + R"(],"big2":)" +
         big_object(3) + R"(,"z":{"y":"}"}})";
}

void run_chain(unsigned seed, bool with_invalid) {
  std::mt19937 rng(seed);
  Message m(initial_doc());
  std::string plain = initial_doc();
  const size_t values = with_invalid ? kValues.size() : 6;
  for (int step = 0; step < 400; ++step) {
    const std::string& path = kPaths[rng() % kPaths.size()];
    const unsigned op = rng() % 10;
    SCOPED_TRACE("seed " + std::to_string(seed) + " step " + std::to_string(step) + " op " +
                 std::to_string(op) + " path " + path + " doc " + plain);
    if (op < 5) {
      ASSERT_EQ(m.get(path).raw(), json::get(plain, path).raw());
      continue;
    }
    const std::string value = op == 7 ? big_object(step) : kValues[rng() % values];
    ASSERT_NO_FATAL_FAILURE(expect_same_edit(
        m, plain,
        [&](Message& msg) {
          if (op == 8) {
            msg.del(path);
          } else if (op == 9) {
            msg.set_int(path, step);
          } else {
            msg.set_raw(path, value);
          }
        },
        [&](std::string& out) {
          if (op == 8) {
            json::del(plain, path, out);
          } else {
            json::set_raw(plain, path, op == 9 ? std::to_string(step) : value, out);
          }
        }));
  }
}

TEST(SkipMemoTest, ChainsOfValidEditsReadAsWithoutTheMemo) {
  for (unsigned seed = 1; seed <= 40; ++seed) run_chain(seed, false);
}

TEST(SkipMemoTest, InvalidValuesTurnTheMemoOffWithoutChangingResults) {
  for (unsigned seed = 1; seed <= 40; ++seed) run_chain(seed, true);
}

TEST(SkipMemoTest, AnswersOnlyForValidDocumentsAfterTheSecondLargeSkip) {
  const std::string doc = initial_doc();
  json::SkipMemo memo;
  const size_t open = doc.find("\"big\":") + 6;
  const size_t end = open + big_object(1).size();
  memo.record(doc, open, end);
  EXPECT_FALSE(memo.answers());  // one skip only: no check yet
  EXPECT_EQ(memo.find(open), 0u);
  memo.record(doc, open, end);
  EXPECT_TRUE(memo.answers());
  EXPECT_EQ(memo.find(open), end);
  // An edit before the span moves it; one inside stretches it; one over it drops it.
  memo.edited(1, 4, 6, "12", true);
  EXPECT_EQ(memo.find(open + 2), end + 2);
  memo.edited(open + 10, 1, 3, "123", true);
  EXPECT_EQ(memo.find(open + 2), end + 4);
  memo.edited(open + 2, end + 2 - open, 1, "1", true);
  EXPECT_EQ(memo.find(open + 2), 0u);
  // Text that is not JSON turns it off until the document is set again.
  memo.record(doc, open, end);
  memo.edited(0, 0, 1, "{", false);
  EXPECT_FALSE(memo.answers());

  json::SkipMemo broken;
  const std::string bad = doc.substr(0, doc.size() - 1);  // the outer object never closes
  broken.record(bad, open, end);
  broken.record(bad, open, end);
  EXPECT_FALSE(broken.answers());
}

}  // namespace
}  // namespace sub
