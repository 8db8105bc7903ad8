// network_ip_* conditions: Go net.ParseIP parsing and net.IP classification.
#include <gtest/gtest.h>

#include <string>

#include "catalogue/config_builder.h"
#include "condition/network/ip.h"
#include "config/node.h"
#include "tests/unit/condition_harness.h"

namespace sub {
namespace {

using sub::testing::build_condition;

bool check(const std::string& type, std::string data) {
  return build_condition(type)->test(Message(std::move(data)), Context{});
}

TEST(ConditionsNetworkTest, ParsesLikeGo) {
  condition::ip::Addr a;
  for (const char* ok : {"1.2.3.4", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1",
                         "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4",
                         "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "ABCD::EF"}) {
    EXPECT_TRUE(condition::ip::parse(ok, a)) << ok;
  }
  for (const char* bad : {"",
                          "1.2.3",
                          "1.2.3.4.5",
                          "01.2.3.4",
                          "1.2.3.256",
                          "1..2.3",
                          ".1.2.3",
                          "1.2.3.4 ",
                          " 1.2.3.4",
                          "1.2.3.4:80",
                          "fe80::1%eth0",
                          "1:2:3:4:5:6:7:8:9",
                          "1::2::3",
                          "12345::",
                          "1:2:3:4:5:6:7::8",
                          ":1:2",
                          "1:",
                          "::1.2.3",
                          "1:2:3:4:5:6:7:1.2.3.4",
                          "abc",
                          "1.2.3.-4",
                          "0x1.2.3.4",
                          "[::1]"}) {
    EXPECT_FALSE(condition::ip::parse(bad, a)) << bad;
  }
  ASSERT_TRUE(condition::ip::parse("::ffff:10.0.0.1", a));
  EXPECT_TRUE(condition::ip::is_v4(a));
  EXPECT_TRUE(condition::ip::is_private(a));
}

TEST(ConditionsNetworkTest, Classification) {
  EXPECT_TRUE(check("network_ip_loopback", "127.255.0.1"));
  EXPECT_TRUE(check("network_ip_loopback", "::1"));
  EXPECT_TRUE(check("network_ip_loopback", "::ffff:127.0.0.1"));
  EXPECT_FALSE(check("network_ip_loopback", "::2"));

  EXPECT_TRUE(check("network_ip_private", "10.1.2.3"));
  EXPECT_TRUE(check("network_ip_private", "172.16.0.1"));
  EXPECT_TRUE(check("network_ip_private", "172.31.255.255"));
  EXPECT_FALSE(check("network_ip_private", "172.32.0.1"));
  EXPECT_TRUE(check("network_ip_private", "192.168.0.1"));
  EXPECT_TRUE(check("network_ip_private", "fd12::1"));
  EXPECT_FALSE(check("network_ip_private", "fe80::1"));

  EXPECT_TRUE(check("network_ip_multicast", "239.1.1.1"));
  EXPECT_TRUE(check("network_ip_multicast", "ff02::1"));
  EXPECT_FALSE(check("network_ip_multicast", "240.0.0.1"));

  EXPECT_TRUE(check("network_ip_link_local_multicast", "224.0.0.251"));
  EXPECT_FALSE(check("network_ip_link_local_multicast", "224.0.1.1"));
  EXPECT_TRUE(check("network_ip_link_local_multicast", "ff02::fb"));
  EXPECT_FALSE(check("network_ip_link_local_multicast", "ff05::1"));

  EXPECT_TRUE(check("network_ip_link_local_unicast", "169.254.1.1"));
  EXPECT_TRUE(check("network_ip_link_local_unicast", "fe80::abcd"));
  EXPECT_FALSE(check("network_ip_link_local_unicast", "fec0::1"));

  EXPECT_TRUE(check("network_ip_unspecified", "::"));
  EXPECT_TRUE(check("network_ip_unspecified", "::ffff:0.0.0.0"));
  EXPECT_FALSE(check("network_ip_unspecified", "0.0.0.1"));

  EXPECT_TRUE(check("network_ip_global_unicast", "10.0.0.1"));  // private is global unicast
  EXPECT_TRUE(check("network_ip_global_unicast", "2001:db8::1"));
  EXPECT_FALSE(check("network_ip_global_unicast", "255.255.255.255"));
  EXPECT_FALSE(check("network_ip_global_unicast", "0.0.0.0"));
  EXPECT_FALSE(check("network_ip_global_unicast", "127.0.0.1"));
  EXPECT_FALSE(check("network_ip_global_unicast", "224.0.0.1"));
  EXPECT_FALSE(check("network_ip_global_unicast", "169.254.0.1"));

  EXPECT_TRUE(check("network_ip_unicast", "169.254.0.1"));
  EXPECT_TRUE(check("network_ip_unicast", "8.8.4.4"));
  EXPECT_FALSE(check("network_ip_unicast", "224.0.0.1"));

  EXPECT_TRUE(check("network_ip_valid", "2001:db8::1"));
  EXPECT_FALSE(check("network_ip_valid", "999.1.1.1"));
}

TEST(ConditionsNetworkTest, BadOrMissingInputIsFalse) {
  for (const char* t :
       {"network_ip_global_unicast", "network_ip_link_local_multicast",
        "network_ip_link_local_unicast", "network_ip_loopback", "network_ip_multicast",
        "network_ip_private", "network_ip_unicast", "network_ip_unspecified", "network_ip_valid"}) {
    condition::ConditionPtr c = build_condition(t, R"({"object":{"source_key":"ip"}})");
    EXPECT_FALSE(c->test(Message(R"({"other":"127.0.0.1"})"), Context{})) << t;
    EXPECT_FALSE(c->test(Message(R"({"ip":12})"), Context{})) << t;
    EXPECT_FALSE(c->test(Message("not json"), Context{})) << t;
    EXPECT_FALSE(c->test(Message::control(), Context{})) << t;
    EXPECT_FALSE(build_condition(t)->test(Message(std::string("\xff\x00", 2)), Context{})) << t;
  }
}

TEST(ConditionsNetworkTest, SourceKeyAndMetadata) {
  condition::ConditionPtr c =
      build_condition("network_ip_loopback", R"({"object":{"source_key":"meta addr"}})");
  EXPECT_TRUE(c->test(Message("{}", R"({"addr":"127.0.0.1"})"), Context{}));
  EXPECT_THROW(build_condition("network_ip_loopback", R"({"object":"ip"})"), ConfigError);
}

}  // namespace
}  // namespace sub
