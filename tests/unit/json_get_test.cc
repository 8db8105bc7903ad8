// The gjson-compatible reader. Expected values were checked against gjson v1.18.0 with
// tests/differential/gjson.
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <string>

#include "config/node.h"
#include "core/json/path.h"
#include "core/json/scan.h"
#include "core/json/value.h"

namespace sub::json {
namespace {

using Type = Value::Type;

constexpr std::string_view kDoc = R"({
  "name": {"first": "Tom", "last": "Anderson"},
  "age": 37,
  "children": ["Sara", "Alex", "Jack"],
  "fav.movie": "Deer Hunter",
  "@timestamp": "2020-06-05",
  "friends": [
    {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
  ]
})";

std::string S(std::string_view path, std::string_view json = kDoc) {
  return get(json, path).to_string();
}

TEST(JsonGet, BasicPaths) {
  EXPECT_EQ(S("name.last"), "Anderson");
  EXPECT_EQ(S("age"), "37");
  EXPECT_EQ(S("children"), R"(["Sara", "Alex", "Jack"])");
  EXPECT_EQ(S("children.#"), "3");
  EXPECT_EQ(S("children.1"), "Alex");
  EXPECT_EQ(S("child*.2"), "Jack");
  EXPECT_EQ(S("c?ildren.0"), "Sara");
  EXPECT_EQ(S("friends.#.first"), R"(["Dale","Roger","Jane"])");
  EXPECT_EQ(S("friends.1.last"), "Craig");
  EXPECT_FALSE(get(kDoc, "nope").exists());
  EXPECT_FALSE(get(kDoc, "children.5").exists());
  EXPECT_FALSE(get(kDoc, "").exists());
}

TEST(JsonGet, Escapes) {
  EXPECT_EQ(S("fav\\.movie"), "Deer Hunter");
  EXPECT_EQ(S("\\@timestamp"), "2020-06-05");
  EXPECT_EQ(S(R"(id\.orig_h)", R"({"id.orig_h":"10.0.0.1","id":{"orig_h":"x"}})"), "10.0.0.1");
  EXPECT_EQ(S("id.orig_h", R"({"id.orig_h":"10.0.0.1","id":{"orig_h":"x"}})"), "x");
  EXPECT_EQ(S(R"(a\"b)", R"({"a\"b":1})"), "1");
  EXPECT_EQ(S("e", R"({"e":"\u00e9\ud83d\ude00\n"})"), "\xC3\xA9\xF0\x9F\x98\x80\n");
  // A backslash escapes the byte after it, a backslash included; one at the very end is
  // dropped; runs between them are kept whole.
  const std::string_view keys = R"({"a.b.c":1,"a\\b":2,"ab":3,"x.y":4,"..":5})";
  EXPECT_EQ(S(R"(a\.b\.c)", keys), "1");
  EXPECT_EQ(S(R"(a\\b)", keys), "2");
  EXPECT_EQ(S(R"(ab\)", keys), "3");
  EXPECT_EQ(S(R"(x\.y)", keys), "4");
  EXPECT_EQ(S(R"(\.\.)", keys), "5");
}

TEST(JsonGet, NestedProjections) {
  std::string_view doc = R"({"b":{"c":[{"d":1},{"d":2,"e":[1,2]}]},"a":[[1,2],[3]]})";
  EXPECT_EQ(S("b.c.#.d", doc), "[1,2]");
  EXPECT_EQ(S("b.c.#.e", doc), "[[1,2]]");
  EXPECT_EQ(S("b.c.#.e.#", doc), "[2]");
  EXPECT_EQ(S("a.#.#", doc), "[2,1]");
  EXPECT_EQ(S("b.c.1.e.1", doc), "2");
}

TEST(JsonGet, Queries) {
  EXPECT_EQ(S(R"(friends.#(last=="Murphy").first)"), "Dale");
  EXPECT_EQ(S(R"(friends.#(last=="Murphy")#.first)"), R"(["Dale","Jane"])");
  EXPECT_EQ(S("friends.#(age>45)#.last"), R"(["Craig","Murphy"])");
  EXPECT_EQ(S(R"(friends.#(first%"D*").last)"), "Murphy");
  EXPECT_EQ(S(R"(friends.#(first!%"D*").last)"), "Craig");
  EXPECT_EQ(S(R"(friends.#(nets.#(=="fb"))#.first)"), R"(["Dale","Roger"])");
  EXPECT_EQ(S("friends.#(age<=47)#.age"), "[44,47]");
  EXPECT_EQ(S("friends.#(age!=44)#.age"), "[68,47]");
  EXPECT_EQ(S(R"(children.#(=="Alex"))"), "Alex");
  EXPECT_EQ(S(R"(friends.#(last=="Nobody")#)"), "[]");
  EXPECT_FALSE(get(kDoc, R"(friends.#(last=="Nobody"))").exists());
  std::string_view k = R"({"k":[{"v":1},{"v":true},{"v":"x"},{"v":null},{}]})";
  EXPECT_EQ(S("k.#(v==~true)#", k), R"([{"v":1},{"v":true}])");
  EXPECT_EQ(S("k.#(v==~false)#", k), R"([{"v":null},{}])");
  EXPECT_EQ(S("k.#(v==~null)#", k), R"([{"v":null},{}])");
  EXPECT_EQ(S("k.#(v==~*)#", k), R"([{"v":1},{"v":true},{"v":"x"},{"v":null}])");
  EXPECT_EQ(S("k.#(v)#", k), R"([{"v":1},{"v":true},{"v":"x"},{"v":null}])");
}

TEST(JsonGet, PipesVersusDots) {
  // After a query with #, a dot applies per element and a pipe applies to the result.
  EXPECT_EQ(S("friends.#(age>45)#.first"), R"(["Roger","Jane"])");
  EXPECT_EQ(S("friends.#(age>45)#|0.first"), "Roger");
  EXPECT_EQ(S("friends.#(age>45)#|#"), "2");
  EXPECT_EQ(S("children|@reverse|0"), "Jack");
  EXPECT_EQ(S("children.@reverse.0"), "Jack");
}

TEST(JsonGet, Multipaths) {
  EXPECT_EQ(S("[name.first,age]"), R"(["Tom",37])");
  EXPECT_EQ(S(R"({name.first,age,"the_kids":children})"),
            R"({"first":"Tom","age":37,"the_kids":["Sara", "Alex", "Jack"]})");
  EXPECT_EQ(S("[age,nope]"), "[37]");
  EXPECT_EQ(S("{friends.#.first}"), R"({"first":["Dale","Roger","Jane"]})");
  EXPECT_EQ(S("{friends.#(age>45)#}"), R"({"_":[{"first": "Roger", "last": "Craig", )"
                                       R"("age": 68, "nets": ["fb", "tw"]},{"first": "Jane", )"
                                       R"("last": "Murphy", "age": 47, "nets": ["ig", "tw"]}]})");
  EXPECT_EQ(S("[name.first,age].1"), "37");
  EXPECT_EQ(S("{a:age}"), R"({"a":37})");
}

TEST(JsonGet, JsonLines) {
  std::string_view lines = "{\"a\":1}\n{\"a\":2,\"b\":[1,2]}\n{\"a\":3}\n";
  EXPECT_EQ(S("..#", lines), "3");
  EXPECT_EQ(S("..0", lines), R"({"a":1})");
  EXPECT_EQ(S("..1.b", lines), "[1,2]");
  EXPECT_EQ(S("..#.a", lines), "[1,2,3]");
  EXPECT_EQ(S("..#(a>1)#.a", lines), "[2,3]");
  EXPECT_EQ(S("..#(a==2).b.1", lines), "2");
}

TEST(JsonGet, Literals) {
  EXPECT_EQ(get(kDoc, "!true").type(), Type::kTrue);
  EXPECT_EQ(get(kDoc, "!null").type(), Type::kNull);
  EXPECT_TRUE(get(kDoc, "!null").exists());
  EXPECT_EQ(S(R"(!{"a":{"b":2}}.a.b)"), "2");
  EXPECT_EQ(S("![1,2]|#"), "2");
  EXPECT_EQ(S(R"({"a":name.first,"ok":!true})"), R"({"a":"Tom","ok":true})");
  EXPECT_FALSE(get(kDoc, "!TRUE").exists());
}

TEST(JsonGet, Modifiers) {
  std::string_view d = R"({"a":[[1,2],[3,[4,5]],6,[]],"o":{"x":1,"y":[2]},"t":["a","b","a"],)"
                       R"("objs":[{"a":1},{"b":2},{"a":3}],"s":"{\"x\":1}",)"
                       R"("files":{"name":["x","y"],"size":[1,2]}})";
  EXPECT_EQ(S("a|@reverse", d), "[[],6,[3,[4,5]],[1,2]]");
  EXPECT_EQ(S("o|@reverse", d), R"({"y":[2],"x":1})");
  EXPECT_EQ(S("a|@flatten", d), "[1,2,3,[4,5],6]");
  EXPECT_EQ(S(R"(a|@flatten:{"deep":true})", d), "[1,2,3,4,5,6]");
  EXPECT_EQ(S("objs|@join", d), R"({"a":3,"b":2})");
  EXPECT_EQ(S(R"(objs|@join:{"preserve":true})", d), R"({"a":1,"b":2,"a":3})");
  EXPECT_EQ(S("o|@keys", d), R"(["x","y"])");
  EXPECT_EQ(S("o|@values", d), "[1,[2]]");
  EXPECT_EQ(get(d, "o|@tostr").raw(), R"("{\"x\":1,\"y\":[2]}")");
  EXPECT_EQ(S("s|@fromstr", d), R"({"x":1})");
  EXPECT_EQ(S("s|@fromstr|x", d), "1");
  EXPECT_EQ(S("files|@group", d), R"([{"name":"x","size":1},{"name":"y","size":2}])");
  EXPECT_EQ(S("@dig:x", d), "[1]");
  EXPECT_EQ(S("o|@this", d), R"({"x":1,"y":[2]})");
  EXPECT_EQ(S("@valid", "{\"a\":1"), "");
  EXPECT_EQ(S("@ugly", "{ \"a\" : [1, 2] }"), R"({"a":[1,2]})");
  EXPECT_EQ(S("@pretty", R"({"b":[1,2],"a":{"c":1}})"),
            "{\n  \"b\": [1, 2],\n  \"a\": {\n    \"c\": 1\n  }\n}\n");
  EXPECT_EQ(S(R"(@pretty:{"sortKeys":true,"indent":"\t"})", R"({"b":1,"a":2})"),
            "{\n\t\"a\": 2,\n\t\"b\": 1\n}\n");
  EXPECT_EQ(S(R"(@pretty:{"width":6})", "[1,2,3]"), "[\n  1,\n  2,\n  3\n]\n");
  // An unknown modifier is an ordinary key.
  EXPECT_EQ(S("@nope", R"({"@nope":1})"), "1");
}

TEST(JsonGet, Dedupe) {
  EXPECT_EQ(S("arr.@dedupe", R"({"arr":["a","b","a","c","b"]})"), R"(["a","b","c"])");
  EXPECT_EQ(S("arr.@dedupe", R"({"arr":[1,2,1,3,2]})"), "[1,2,3]");
  EXPECT_EQ(S("arr.@dedupe", R"({"arr":[]})"), "[]");
  EXPECT_EQ(S("arr.@dedupe", R"({"arr":[1,"a",1,"a",true,true]})"), R"([1,"a",true])");
  EXPECT_EQ(S("arr.@dedupe", R"({"arr":[{"a":1},{"b":2},{"a":1}]})"), R"([{"a":1},{"b":2}])");
  EXPECT_EQ(S("obj.@dedupe", R"({"obj":{"a":"b"}})"), R"({"a":"b"})");
}

TEST(JsonGet, ThisReturnsWholeDocument) {
  std::string doc = "  {\"a\":1}";
  Value v = get(doc, "@this");
  EXPECT_EQ(v.raw(), "{\"a\":1}");
  EXPECT_EQ(v.raw().data(), doc.data() + 2);  // a view, no copy
}

TEST(JsonGet, ResultsViewTheInput) {
  std::string doc = R"({"a":{"b":"c"},"n":12})";
  Value v = get(doc, "a.b");
  EXPECT_EQ(v.raw().data(), doc.data() + 10);
  EXPECT_EQ(v.str(), "c");
  EXPECT_EQ(v.str().data(), doc.data() + 11);
}

TEST(JsonGet, ComputedResultsOwnTheirBytes) {
  Value v;
  {
    std::string doc = R"({"a":[3,2,1],"b":"x"})";
    v = get(doc, "a|@reverse");
    doc.assign(doc.size(), 'z');
  }
  EXPECT_EQ(v.raw(), "[1,2,3]");
  EXPECT_EQ(v.get("0").to_int(), 1);
  Value elem;
  {
    Value arr = get(R"({"a":[{"k":"v\n"}]})", "a|@reverse");
    elem = arr.get("0.k");
  }
  EXPECT_EQ(elem.str(), "v\n");
  std::string lit_path = "!\"lit\"";
  Value lit = get("{}", lit_path);
  lit_path.assign(lit_path.size(), 'q');
  EXPECT_EQ(lit.str(), "lit");
}

TEST(JsonValue, StringCoercion) {
  EXPECT_EQ(S("n", R"({"n":1.50})"), "1.5");
  EXPECT_EQ(S("n", R"({"n":1e3})"), "1000");
  EXPECT_EQ(S("n", R"({"n":-12})"), "-12");
  EXPECT_EQ(S("n", R"({"n":30400402455622563})"), "30400402455622563");
  EXPECT_EQ(S("n", R"({"n":null})"), "");
  EXPECT_EQ(S("n", R"({"n":false})"), "false");
  EXPECT_EQ(Value::from_number(3).to_string(), "3");
  EXPECT_EQ(Value::from_number(0.0123456789).to_string(), "0.0123456789");
}

TEST(JsonValue, NumberCoercion) {
  std::string_view d = R"({"big":30400402455622563,"f":-7.9,"s":"42","sf":"1.9","t":true,)"
                       R"("neg":-1,"huge":1e30,"b":"TRUE","z":"0"})";
  EXPECT_EQ(get(d, "big").to_int(), 30400402455622563);
  EXPECT_EQ(get(d, "big").to_uint(), 30400402455622563u);
  EXPECT_EQ(get(d, "f").to_int(), -7);
  EXPECT_EQ(get(d, "s").to_int(), 42);
  EXPECT_EQ(get(d, "sf").to_int(), 0);
  EXPECT_DOUBLE_EQ(get(d, "sf").to_float(), 1.9);
  EXPECT_EQ(get(d, "t").to_int(), 1);
  EXPECT_EQ(get(d, "neg").to_uint(), 18446744073709551615u);
  EXPECT_EQ(Value::from_string("-1").to_uint(), 0u);
  EXPECT_TRUE(get(d, "b").to_bool());
  EXPECT_FALSE(get(d, "z").to_bool());
  EXPECT_TRUE(get(d, "neg").to_bool());
}

TEST(JsonValue, ArraysAndIteration) {
  Value arr = get(R"({"a":[1,"x",{"b":2},[3],null]})", "a");
  std::vector<Value> items = arr.to_array();
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[1].str(), "x");
  EXPECT_EQ(items[2].get("b").to_int(), 2);
  EXPECT_EQ(items[4].type(), Type::kNull);
  EXPECT_EQ(get("{\"a\":1}", "a").to_array().size(), 1u);
  EXPECT_TRUE(get("{}", "a").to_array().empty());

  std::string keys;
  get(R"({"o":{"x":1,"y\u0041":2}})", "o").for_each([&](const Value& k, const Value& v) {
    keys += k.to_string() + "=" + v.to_string() + ";";
    return true;
  });
  EXPECT_EQ(keys, "x=1;yA=2;");
  int n = 0;
  arr.for_each([&](const Value& k, const Value&) {
    EXPECT_FALSE(k.exists());
    return ++n < 2;
  });
  EXPECT_EQ(n, 2);
}

TEST(JsonValue, Constructors) {
  Value s = Value::from_string("a\"<b>");
  EXPECT_EQ(s.type(), Type::kString);
  EXPECT_EQ(s.raw(), R"("a\"\u003cb\u003e")");
  EXPECT_EQ(s.str(), "a\"<b>");
  Value o = Value::own_raw(R"({"a":[1,2]})");
  EXPECT_TRUE(o.is_object());
  EXPECT_EQ(o.get("a.1").to_int(), 2);
  Value v = Value::view_raw("123");
  EXPECT_EQ(v.type(), Type::kNumber);
  EXPECT_EQ(v.num(), 123);
  EXPECT_FALSE(Value::view_raw("").exists());
}

TEST(JsonValid, Basics) {
  EXPECT_TRUE(valid(R"( {"a":[1,2.5e-3,"x\u0041",true,false,null]} )"));
  EXPECT_FALSE(valid(R"({"a":1,})"));
  EXPECT_FALSE(valid("01"));
  EXPECT_FALSE(valid(R"("\x")"));
  EXPECT_FALSE(valid(""));
  EXPECT_TRUE(valid("-0"));
}

std::string nested(size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

// Go's encoding/json stops at 10,000 nested containers: so do we, without recursion, so a
// hostile line nested 300,000 deep is "not valid JSON" instead of a stack overflow.
TEST(JsonValid, NestingLimitIsGos) {
  EXPECT_TRUE(valid(nested(kMaxNestingDepth)));
  EXPECT_FALSE(valid(nested(kMaxNestingDepth + 1)));
  EXPECT_FALSE(valid(nested(300000)));
  std::string objects;
  for (size_t i = 0; i < kMaxNestingDepth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(kMaxNestingDepth, '}');
  EXPECT_TRUE(valid(objects));
  EXPECT_FALSE(valid(R"({"b":)" + objects + "}"));
  // Depth is nesting, not the number of containers.
  std::string wide = "[";
  for (int i = 0; i < 50000; ++i) wide += "[[]],";
  wide += "1]";
  EXPECT_TRUE(valid(wide));
  EXPECT_FALSE(valid("[[]"));
  EXPECT_FALSE(valid("[]]"));
  EXPECT_FALSE(valid(R"({"a":[}])"));
  EXPECT_FALSE(valid(R"([1,])"));
  EXPECT_TRUE(valid(R"([{"a":[{},[]]},{"b":{"c":[1,{"d":null}]}}])"));
}

// One value read as valid() reads a document, from an offset and with containers already
// open around it: what the Lambda handlers' one-pass reader checks as it goes.
TEST(JsonValid, ValueEndReadsOneValueAsValidDoes) {
  const std::string npos_text = "npos";
  const auto end = [](std::string_view text, size_t i, size_t enclosing = 0) {
    const size_t e = valid_value_end(text, i, enclosing);
    return e == std::string_view::npos ? std::string("npos") : std::to_string(e);
  };
  EXPECT_EQ(end(R"(x: {"a":[1,"b"]} tail)", 2), "16");  // white space before, not after
  EXPECT_EQ(end("[1,2],junk", 0), "5");
  EXPECT_EQ(end("-0.5e+3}", 0), "7");
  EXPECT_EQ(end("true,", 0), "4");
  EXPECT_EQ(end(R"({"a":1,})", 0), npos_text);
  EXPECT_EQ(end("01", 0), "1");  // a valid value, "0"; what follows is the caller's
  EXPECT_EQ(end("   ", 0), npos_text);
  EXPECT_EQ(end("[]", 3), npos_text);
  // Containers open around the value count toward the limit, scalars never reach it.
  EXPECT_EQ(end(nested(10), 0, kMaxNestingDepth - 10), "20");
  EXPECT_EQ(end(nested(10), 0, kMaxNestingDepth - 9), npos_text);
  EXPECT_EQ(end("7", 0, kMaxNestingDepth), "1");

  const auto string_end = [](std::string_view text, size_t i) {
    const size_t e = valid_string_end(text, i);
    return e == std::string_view::npos ? std::string("npos") : std::to_string(e);
  };
  EXPECT_EQ(string_end(R"(:"a\"b\u00e9":)", 1), "13");
  EXPECT_EQ(string_end(R"("\x")", 0), npos_text);
  EXPECT_EQ(string_end("\"a\x01\"", 0), npos_text);
  EXPECT_EQ(string_end(R"("abc)", 0), npos_text);
  EXPECT_EQ(string_end(R"( "a")", 0), npos_text);  // at the quote, no white space
  EXPECT_EQ(string_end("\"" + std::string(100, 'x') + "\"", 0), "102");
}

// The modifiers that walk values recursively give no value past the limit and work below it.
TEST(JsonModifiers, DeepInputGivesNoValueInsteadOfOverflowing) {
  const std::string deep = nested(300000);
  EXPECT_FALSE(get(deep, "@pretty").exists());
  EXPECT_FALSE(get(deep, "@dig:a").exists());
  EXPECT_FALSE(get(deep, R"(@flatten:{"deep":true})").exists());
  EXPECT_TRUE(get(deep, "@flatten").exists());  // one level only: no recursion
  EXPECT_EQ(get(nested(3), R"(@flatten:{"deep":true})").raw(), "[]");
  EXPECT_EQ(get(R"([[1,[2]],3])", R"(@flatten:{"deep":true})").raw(), "[1,2,3]");
  EXPECT_EQ(get(R"({"x":{"a":1,"y":{"a":2}}})", "@dig:a").raw(), "[1,2]");
  EXPECT_EQ(get(nested(2), "@pretty").raw(), "[[]]\n");
}

// Unclosed brackets make values overlap, and nested @dig over them grew exponentially (as
// gjson's does). A small broken input still gives the reference's bytes; a walk past the
// budget for broken input gives no value; valid input has no budget.
TEST(JsonModifiers, DigOverBrokenJsonIsBounded) {
  // substation-ref v2.8.0, object_copy from "@dig:@dig:{a:0}" over `[[[[`.
  EXPECT_EQ(get("[[[[", "@dig:@dig:{a:0}").raw(),
            R"([[{"a":[[[},{"a":[[},{"a":[},{}],[{"a":[[},{"a":[},{}],[{"a":[},{}],[{}]])");
  const Value first = get(std::string(20, '['), "@dig:@dig:{a:0}");
  ASSERT_TRUE(first.exists());
  EXPECT_EQ(first.raw().size(), 2761u);
  // Over that result the walk revisits overlapping values until the budget ends it.
  EXPECT_FALSE(get(first.raw(), "@dig:@dig:{a:0}").exists());
  EXPECT_FALSE(get(std::string(4000, '['), "@dig:@dig:{a:0}").exists());
  // A @dig nested in the path draws from the outer walk's budget: three levels over broken
  // input cost about what one does, instead of the product of three budgets.
  (void)get(std::string(15, '[') + "a", "@dig:@dig:@dig:@pretty");
  (void)get(std::string(300, '['), "@dig:@dig:@dig:{a:0}");
  // Valid input has no budget: this walk reads more bytes than a broken input may.
  const std::string valid_doc = std::string(300, '[') + std::string(300, ']');
  EXPECT_EQ(get(valid_doc, "@dig:{a:0}").to_array().size(), 300u);
}

// Runs `fn` on a thread with the 2 MiB stack glibc gives new threads when the stack limit
// is unlimited: what the walks must survive at Go's full nesting depth.
void on_small_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{2} << 20);
  struct Job {
    const std::function<void()>* fn;
  } job{&fn};
  pthread_t t;
  ASSERT_EQ(pthread_create(
                &t, &attr,
                [](void* arg) -> void* {
                  (*static_cast<Job*>(arg)->fn)();
                  return nullptr;
                },
                &job),
            0);
  pthread_attr_destroy(&attr);
  pthread_join(t, nullptr);
}

// Documents nested right at the 10,000 limit are valid, so the recursive walks must give
// their result (as Go does) without running out of a small thread stack.
TEST(JsonModifiers, FullDepthWalksFitAnyThread) {
  const std::string arrays = nested(kMaxNestingDepth);
  std::string objects;
  for (size_t i = 0; i < kMaxNestingDepth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(kMaxNestingDepth, '}');
  on_small_stack([&] {
    EXPECT_TRUE(get(arrays, "@pretty").exists());
    EXPECT_EQ(get(arrays, R"(@flatten:{"deep":true})").raw(), "[]");
    EXPECT_EQ(get(objects, "@dig:a").to_array().size(), kMaxNestingDepth);
    EXPECT_TRUE(config::Node::parse(objects).is_object());
  });
}

}  // namespace
}  // namespace sub::json

namespace sub::json {
namespace {

// Go's strconv.ParseFloat, as gjson's Float() of a string uses it: digit separators are
// allowed only between digits (or after a base prefix), checked against the reference CLI.
TEST(ParseFloat, GoDigitSeparators) {
  EXPECT_EQ(scan::parse_float("1_000"), 1000);
  EXPECT_EQ(scan::parse_float("1_0.5"), 10.5);
  EXPECT_EQ(scan::parse_float("-1_0"), -10);
  EXPECT_EQ(scan::parse_float("+1_0"), 10);
  EXPECT_EQ(scan::parse_float("1_000e1_0"), 1e13);
  EXPECT_EQ(scan::parse_float("1_000_000.000_1"), 1000000.0001);
  EXPECT_EQ(scan::parse_float("0x1_0p0"), 16);
  EXPECT_EQ(scan::parse_float("0x_1p0"), 1);
  for (const char* bad : {"_1", "1__0", "1_", "1._5", "1_.5", "1e_1", "-_1", "1_e1", "_", "0b1_0",
                          "0o7_7", "0x1_0"}) {
    EXPECT_EQ(scan::parse_float(bad), 0) << bad;
  }
}

TEST(JsonGet, KeysCompareEqualOnlyWhenEveryByteIs) {
  // scan::same_key compares with overlapping words: a difference at any place must show.
  for (size_t n = 0; n < 40; ++n) {
    const std::string a(n, 'k');
    EXPECT_TRUE(scan::same_key(a, std::string(n, 'k'))) << n;
    EXPECT_FALSE(scan::same_key(a, std::string(n + 1, 'k'))) << n;
    for (size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = 'j';
      EXPECT_FALSE(scan::same_key(a, b)) << n << " " << at;
    }
  }
}

TEST(JsonGet, LongStringsEndAndValidateWhereverTheirSpecialByteIs) {
  // Strings are read 8 bytes at a time, then 16 or 32 once they run long: a closing quote,
  // an escape or a control byte must be seen at every offset of every block.
  for (size_t len = 0; len < 140; ++len) {
    const std::string body(len, 'a');
    const std::string doc = R"({"k":")" + body + R"(","z":1})";
    EXPECT_TRUE(valid(doc)) << len;
    EXPECT_EQ(get(doc, "k").str(), body) << len;
    EXPECT_EQ(get(doc, "z").to_string(), "1") << len;
    for (size_t at = 0; at < len; at += 7) {
      std::string escaped = body;
      escaped.replace(at, 1, "\\\"");  // an escaped quote does not end the string
      const std::string with_escape = R"({"k":")" + escaped + R"(","z":1})";
      EXPECT_TRUE(valid(with_escape)) << len << " " << at;
      EXPECT_EQ(get(with_escape, "z").to_string(), "1") << len << " " << at;
      std::string control = body;
      control[at] = '\x01';
      EXPECT_FALSE(valid(R"({"k":")" + control + R"("})")) << len << " " << at;
      std::string bad_escape = body;
      bad_escape.replace(at, 1, "\\x");
      EXPECT_FALSE(valid(R"({"k":")" + bad_escape + R"("})")) << len << " " << at;
    }
    // Not closed: the text ends inside the string.
    EXPECT_FALSE(valid(R"({"k":")" + body)) << len;
    EXPECT_FALSE(get(R"({"z":1,"k":")" + body, "q").exists()) << len;
  }
}

TEST(JsonGet, EmptyPathFindsAnEmptyKeyWhereverTheLineHasIt) {
  // The check before the walk reads 64 bytes at a time, then 32 or 16, then one last block
  // that overlaps the one before it, then the last byte: an empty key (or an escaped one)
  // must be found in every block and at every offset, from either end of the line.
  for (size_t pad = 0; pad < 160; ++pad) {
    const std::string filler(pad, 'x');
    const std::string with_empty = R"({"pad":")" + filler + R"(","":7})";
    EXPECT_EQ(get(with_empty, "").to_string(), "7") << pad;
    const std::string without = R"({"pad":")" + filler + R"(","b":7})";
    EXPECT_FALSE(get(without, "").exists()) << pad;
    // A bad escape stops gjson's unescaping at once: the key "\q" reads as "".
    const std::string escaped = R"({"pad":")" + filler + R"(","\q":8})";
    EXPECT_EQ(get(escaped, "").to_string(), "8") << pad;
    const std::string first = R"({"":6,"pad":")" + filler + R"("})";
    EXPECT_EQ(get(first, "").to_string(), "6") << pad;
    const std::string escaped_first = R"({"\q":5,"pad":")" + filler + R"("})";
    EXPECT_EQ(get(escaped_first, "").to_string(), "5") << pad;
    // Quotes that are not a pair, and a pair split by the end of a block, in lines of every length.
    const std::string split = R"({"pad":")" + filler + R"(","a":"","b":"x"})";
    EXPECT_FALSE(get(split, "").exists()) << pad;
  }
}

}  // namespace
}  // namespace sub::json
