// The catalogue (catalogue/types/): its tables name exactly the registered types, `vet`'s
// checker finds a misspelt key of every type and family, and the reference covers every type.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "catalogue/catalogue.h"
#include "catalogue/config_builder.h"
#include "catalogue/reference.h"
#include "catalogue/settings_check.h"

namespace sub::catalogue {
namespace {

const Catalogue& cat() { return Catalogue::builtin(); }

std::set<std::string> catalogue_names(Kind kind) {
  std::set<std::string> out;
  for (const TypeInfo& t : cat().types()) {
    if (t.kind != kind) continue;
    out.insert(t.name);
    out.insert(t.aliases.begin(), t.aliases.end());
  }
  return out;
}

TEST(Catalogue, NamesExactlyTheRegisteredTypes) {
  std::set<std::string> transforms, conditions;
  for (const auto& [name, f] : Registry::builtin().transforms()) transforms.insert(name);
  for (const auto& [name, f] : Registry::builtin().conditions()) conditions.insert(name);
  EXPECT_EQ(catalogue_names(Kind::kTransform), transforms);
  EXPECT_EQ(catalogue_names(Kind::kCondition), conditions);
  for (const TypeInfo& t : cat().types()) {
    EXPECT_FALSE(t.summary.empty()) << t.name;
    EXPECT_FALSE(t.family.empty()) << t.name;
  }
}

config::Node parse(const std::string& json) { return config::Node::parse(json); }

std::vector<Finding> check(const std::string& transforms_json) {
  return check_transforms(parse(transforms_json), cat());
}

TEST(Catalogue, UnknownKeyWithSuggestion) {
  auto f = check(R"([{"type":"send_stdout"},
                     {"type":"string_replace","settings":{"patern":"a","replacement":"b"}}])");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].transform, 1u);
  EXPECT_EQ(f[0].type, "string_replace");
  EXPECT_EQ(f[0].key, "settings.patern");
  EXPECT_EQ(f[0].message, "unknown setting, ignored; did you mean \"pattern\"?");
}

TEST(Catalogue, NestedBlocksAndComponents) {
  auto f = check(R"([{"type":"meta_switch","settings":{"cases":[
      {"condition":{"type":"string_contains","settings":{"object":{"soruce_key":"a"},"value":"x"}},
       "transforms":[{"type":"object_copy","settings":{"object":{"source_key":"a","trget_key":"b"}}}]}]}}])");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].type, "string_contains");
  EXPECT_EQ(f[0].key, "settings.cases[0].condition.settings.object.soruce_key");
  EXPECT_EQ(f[0].message, "unknown setting, ignored; did you mean \"source_key\"?");
  EXPECT_EQ(f[1].type, "object_copy");
  EXPECT_EQ(f[1].key, "settings.cases[0].transforms[0].settings.object.trget_key");
}

TEST(Catalogue, WrongValueTypes) {
  auto f = check(R"([{"type":"string_replace","settings":{"pattern":1}},
                     {"type":"send_stdout","settings":{"batch":{"count":"10"}}},
                     {"type":"object_copy","settings":{"object":null,"id":null}}])");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].what, Finding::What::kWrongType);
  EXPECT_EQ(f[0].message, "wants a string, got a number");
  EXPECT_EQ(f[1].key, "settings.batch.count");
  EXPECT_EQ(f[1].message, "wants an integer, got a string");
}

TEST(Catalogue, KeysMatchIgnoringCaseAsGoDoes) {
  EXPECT_TRUE(check(R"([{"type":"string_replace","settings":{"Pattern":"a"}}])").empty());
}

TEST(Catalogue, FarNamesGetNoSuggestion) {
  auto f = check(R"([{"type":"string_replace","settings":{"pattern":"a","colour":"b"}}])");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "unknown setting, ignored");
}

// Swaps two letters in the middle of a key name: a typical typo.
std::string misspell(const std::string& key) {
  std::string out = key;
  const size_t i = key.size() / 2;
  std::swap(out[i - 1], out[i]);
  if (out == key) out.insert(i, 1, 'x');
  return out;
}

TEST(Catalogue, EveryTypeCatchesAMisspeltKey) {
  std::set<std::string> families;
  size_t checked = 0;
  for (const TypeInfo& t : cat().types()) {
    for (const Setting& s : t.settings) {
      if (s.name.size() < 4) continue;
      const std::string wrong = misspell(s.name);
      if (find_setting(t.settings, wrong) != nullptr) continue;
      const std::string kind = t.kind == Kind::kTransform ? "transform" : "condition";
      const std::string cfg = R"({"type":")" + t.name + R"(","settings":{")" + wrong +
                              R"(":null,")" + wrong + R"(x":1}})";
      // null is absent; the second key is the misspelling plus one more letter.
      auto f = check_component(parse(cfg), t.kind, cat());
      ASSERT_EQ(f.size(), 1u) << t.name << " " << wrong;
      EXPECT_EQ(f[0].what, Finding::What::kUnknownKey) << t.name;
      families.insert(kind + "/" + t.family);
      ++checked;
      break;
    }
  }
  EXPECT_GE(checked, 100u);
  // Every family of both kinds has at least one type with a key long enough to misspell.
  std::set<std::string> all;
  for (const TypeInfo& t : cat().types()) {
    if (!t.settings.empty())
      all.insert((t.kind == Kind::kTransform ? "transform/" : "condition/") + t.family);
  }
  EXPECT_EQ(families, all);
}

TEST(Catalogue, SuggestsTheIntendedKey) {
  for (const TypeInfo& t : cat().types()) {
    for (const Setting& s : t.settings) {
      if (s.name.size() < 6) continue;
      const std::string wrong = misspell(s.name);
      if (find_setting(t.settings, wrong) != nullptr) continue;
      EXPECT_EQ(closest_name(t.settings, wrong), s.name) << t.name << ": " << wrong;
    }
  }
}

TEST(Catalogue, ReferenceCoversEveryType) {
  const auto pages = reference_pages(cat());
  ASSERT_TRUE(pages.count("README.md"));
  std::string all;
  for (const auto& [name, text] : pages) all += text;
  for (const TypeInfo& t : cat().types()) {
    EXPECT_NE(all.find("## " + t.name + "\n"), std::string::npos) << t.name;
    const std::string text = type_text(t);
    for (const Setting& s : t.settings) EXPECT_NE(text.find(s.name), std::string::npos) << t.name;
  }
}

TEST(Catalogue, MalformedTablesNameFileAndKey) {
  const std::string blocks = R"({"object":{"type":"object","description":"d","settings":{}}})";
  auto parse_tables = [&](std::string_view table) {
    return Catalogue::parse({{"blocks.json", blocks}, {"transform/x.json", table}});
  };
  EXPECT_EQ(parse_tables(R"({"t":{"summary":"s","settings":{}}})").types().size(), 1u);
  try {
    parse_tables(R"({"t":{"summary":"s","settings":{"k":{"type":"strnig","description":"d"}}}})");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "catalogue: transform/x.json: t.k: unknown type \"strnig\"");
  }
  try {
    parse_tables(R"({"t":{"summary":"s","settings":{"o":{"block":"object","keys":["a"]}}}})");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "catalogue: transform/x.json: t.o: block \"object\" has no key \"a\"");
  }
}

}  // namespace
}  // namespace sub::catalogue
