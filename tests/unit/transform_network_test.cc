// The network_domain_* transforms.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalogue/pipeline.h"
#include "config/node.h"
#include "core/error.h"

namespace sub {
namespace {

struct Harness {
  explicit Harness(const std::string& transform_json) {
    pipeline = catalogue::build_pipeline(
        config::Node::parse(R"({"transforms":[)" + transform_json + "]}"), services);
  }
  std::string run(const std::string& data) {
    std::vector<Message> out = pipeline.chain.apply(Message(data), Context{});
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? "<none>" : out[0].data();
  }
  std::string error(const std::string& data) {
    try {
      run(data);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  services::Services services;
  catalogue::Pipeline pipeline;
};

const char kObj[] = R"("settings":{"object":{"source_key":"a","target_key":"a"}})";

TEST(NetworkTransform, Vectors) {
  EXPECT_EQ(Harness(R"({"type":"network_domain_registered_domain"})").run("c.b.com"), "b.com");
  EXPECT_EQ(Harness(std::string(R"({"type":"network_domain_registered_domain",)") + kObj + "}")
                .run(R"({"a":"c.b.com"})"),
            R"({"a":"b.com"})");
  EXPECT_EQ(Harness(R"({"type":"network_domain_subdomain"})").run("c.b.com"), "c");
  EXPECT_EQ(Harness(std::string(R"({"type":"network_domain_subdomain",)") + kObj + "}")
                .run(R"({"a":"c.b.com"})"),
            R"({"a":"c"})");
  EXPECT_EQ(Harness(R"({"type":"network_domain_top_level_domain"})").run("b.com"), "com");
  EXPECT_EQ(Harness(std::string(R"({"type":"network_domain_top_level_domain",)") + kObj + "}")
                .run(R"({"a":"b.com"})"),
            R"({"a":"com"})");
}

TEST(NetworkTransform, PublicSuffixRules) {
  Harness tld(R"({"type":"network_domain_top_level_domain"})");
  EXPECT_EQ(tld.run("a.b.co.uk"), "co.uk");
  EXPECT_EQ(tld.run("foo.blogspot.com"), "blogspot.com");    // private section
  EXPECT_EQ(tld.run("example.notarealtld"), "notarealtld");  // default rule
  EXPECT_EQ(tld.run("a.b.ck"), "b.ck");                      // wildcard *.ck
  EXPECT_EQ(tld.run("www.ck"), "ck");                        // exception !www.ck
  EXPECT_EQ(tld.run(""), "");
  // Empty labels, as Go's PublicSuffix walks them (checked against the v2.8 binary): a
  // trailing dot makes the last label, and so the suffix, empty; an empty label before the
  // suffix ends the walk.
  EXPECT_EQ(tld.run("www.example.com."), "");
  EXPECT_EQ(tld.run("."), "");
  EXPECT_EQ(tld.run("a..com"), "com");
  EXPECT_EQ(tld.run(".com"), "com");
  EXPECT_EQ(tld.run("a.b..co.uk"), "co.uk");
  Harness reg(R"({"type":"network_domain_registered_domain"})");
  EXPECT_EQ(reg.run("x.y.foo.blogspot.com"), "foo.blogspot.com");
  EXPECT_EQ(reg.run("mail.example.co.uk"), "example.co.uk");
  Harness sub(R"({"type":"network_domain_subdomain"})");
  EXPECT_EQ(sub.run("a.b.mail.example.co.uk"), "a.b.mail");
}

TEST(NetworkTransform, Errors) {
  Harness reg(R"({"type":"network_domain_registered_domain"})");
  EXPECT_EQ(reg.error("com"),
            "transform network_domain_registered_domain (transforms:1): publicsuffix: cannot "
            "derive eTLD+1 "
            "for domain \"com\"");
  EXPECT_EQ(reg.error(".b.com"),
            "transform network_domain_registered_domain (transforms:1): publicsuffix: empty label "
            "in domain "
            "\".b.com\"");
  EXPECT_EQ(reg.error("a..com"),
            "transform network_domain_registered_domain (transforms:1): publicsuffix: empty label "
            "in domain "
            "\"a..com\"");
  Harness sub(R"({"type":"network_domain_subdomain"})");
  EXPECT_EQ(sub.error("b.com"), "transform network_domain_subdomain (transforms:1): no subdomain");
  Harness sub_obj(std::string(R"({"type":"network_domain_subdomain",)") + kObj + "}");
  EXPECT_EQ(
      sub_obj.error(R"({"a":"b.com"})"),
      "transform network_domain_subdomain (transforms:1): object.source_key \"a\": no subdomain");
  // A missing source leaves the message unchanged.
  EXPECT_EQ(sub_obj.run(R"({"x":"b.com"})"), R"({"x":"b.com"})");
}

TEST(NetworkTransform, ConfigNeedsBothKeys) {
  services::Services services;
  EXPECT_THROW(
      catalogue::build_pipeline(
          config::Node::parse(
              R"({"transforms":[{"type":"network_domain_subdomain","settings":{"object":{"source_key":"a"}}}]})"),
          services),
      ConfigError);
}

}  // namespace
}  // namespace sub
