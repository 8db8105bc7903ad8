// The member lists (core/json/member_index.h) are a cache inside the skip memo: a Message
// that uses them must read and edit exactly as the plain functions do on the same text.
// The documents here have what a list must get right: keys repeated (gjson takes the first,
// or the first that is an object when the path goes on), escaped keys, white space between
// tokens, and members added, replaced and removed while the lists are kept.
#include "core/json/member_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/json/path.h"
#include "core/json/skip_memo.h"
#include "core/message.h"
#include "tests/unit/same_edit.h"

namespace sub {
namespace {

// Large enough (64 bytes and more) for the memo to skip it, and so to answer at all.
const std::string kPad =
    R"({"pad":"................................................................"})";

std::string initial_doc() {
  return R"({ "big" : )" + kPad + R"( , "d":1, "d" : {"x":2,"x":{"y":3}}, "a\u0062":"esc\"aped",)" +
         R"( "obj":{"k1":1,"k2":[1,{"k3":"v"}],"k4":{"k5":null}}, "big2":)" + kPad +
         R"(, "e\"q":true, "last":{"z":[]} })";
}

const std::vector<std::string> kPaths = {
    "big.pad",  "big2.pad", "d",        "d.x",         "d.x.y",     "d.nope", "ab",
    "e\"q",     "obj.k1",   "obj.k2.1", "obj.k2.1.k3", "obj.k4.k5", "obj.k9", "last.z",
    "last.z.0", "new",      "new.deep", "obj.k2",      "big",       "last",
};

const std::vector<std::string> kValues = {
    "1", R"("s")", R"({"x":5})", R"({"k1":{"z":1}})", "[1,{}]", "null", kPad,
};

void run_chain(unsigned seed) {
  std::mt19937 rng(seed);
  Message m(initial_doc());
  std::string plain = initial_doc();
  for (int step = 0; step < 300; ++step) {
    const std::string& path = kPaths[rng() % kPaths.size()];
    const unsigned op = rng() % 10;
    SCOPED_TRACE("seed " + std::to_string(seed) + " step " + std::to_string(step) + " op " +
                 std::to_string(op) + " path " + path + " doc " + plain);
    if (op < 6) {
      ASSERT_EQ(m.get(path).raw(), json::get(plain, path).raw());
      continue;
    }
    const std::string& value = kValues[rng() % kValues.size()];
    ASSERT_NO_FATAL_FAILURE(expect_same_edit(
        m, plain,
        [&](Message& msg) {
          if (op == 9) {
            msg.del(path);
          } else {
            msg.set_raw(path, value);
          }
        },
        [&](std::string& out) {
          if (op == 9) {
            json::del(plain, path, out);
          } else {
            json::set_raw(plain, path, value, out);
          }
        }));
  }
}

TEST(MemberIndexTest, ChainsReadAndEditAsWithoutTheLists) {
  for (unsigned seed = 1; seed <= 60; ++seed) run_chain(seed);
}

TEST(MemberIndexTest, ListsTheMembersOfAValidObject) {
  const std::string doc = R"({"a" : 1 , "b\"c":{"x":[1,2]},"d":"s"})";
  json::MemberIndex index;
  const json::MemberIndex::Object* o = index.build(doc, 1);
  ASSERT_NE(o, nullptr);
  ASSERT_EQ(o->count, 3);
  EXPECT_EQ(o->close, doc.size() - 1);
  EXPECT_TRUE(json::MemberIndex::key_is(doc, o->members[0], "a"));
  EXPECT_EQ(doc.substr(o->members[0].value, o->members[0].end - o->members[0].value), "1");
  EXPECT_TRUE(json::MemberIndex::key_is(doc, o->members[1], "b\"c"));
  EXPECT_FALSE(json::MemberIndex::key_is(doc, o->members[1], "b\\\"c"));
  EXPECT_EQ(doc.substr(o->members[1].value, o->members[1].end - o->members[1].value),
            R"({"x":[1,2]})");
  EXPECT_EQ(index.find(1), o);
  EXPECT_EQ(index.find(2), nullptr);
  EXPECT_EQ(index.build(R"({"a":1,"b"})", 1), nullptr);  // not a list of members
  EXPECT_EQ(index.find(1), o);                           // the failed build kept it
}

TEST(MemberIndexTest, EditsMoveStretchExtendOrDropTheLists) {
  std::string doc = R"({"p":0,"o":{"a":1,"b":{"c":2}},"q":3})";
  const size_t body = doc.find("\"a\"");  // just past the inner object's brace
  json::MemberIndex index;
  ASSERT_NE(index.build(doc, body), nullptr);
  // Before the object: everything moves.
  doc.replace(5, 1, "100");
  index.shift(5, 1, 3);
  const json::MemberIndex::Object* o = index.find(body + 2);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(doc.substr(o->members[0].value, 1), "1");
  // Inside a member's value: that value stretches and the rest move.
  const size_t c = doc.find("2}");
  doc.replace(c, 1, "\"two\"");
  index.shift(c, 1, 5);
  o = index.find(body + 2);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(doc.substr(o->members[1].value, o->members[1].end - o->members[1].value),
            R"({"c":"two"})");
  EXPECT_EQ(doc[o->close], '}');
  // A member added before the closing brace joins the list.
  const size_t close = o->close;
  doc.insert(close, R"(,"n":[4])");
  index.shift(close, 0, 8, doc);
  o = index.find(body + 2);
  ASSERT_NE(o, nullptr);
  ASSERT_EQ(o->count, 3);
  EXPECT_TRUE(json::MemberIndex::key_is(doc, o->members[2], "n"));
  EXPECT_EQ(doc.substr(o->members[2].value, o->members[2].end - o->members[2].value), "[4]");
  // After the object: nothing changes.
  index.shift(doc.size() - 2, 1, 4);
  EXPECT_NE(index.find(body + 2), nullptr);
  // A member removed: the list goes.
  const size_t comma = doc.find(R"(,"n")");
  doc.erase(comma, 8);
  index.shift(comma, 8, 0);
  EXPECT_EQ(index.find(body + 2), nullptr);
}

}  // namespace
}  // namespace sub
