// core/shared_library.h: libraries opened on first use, and how their absence reads.
#include "core/shared_library.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core/error.h"

namespace sub {
namespace {

// Two functions of the C library, by their C signatures.
struct StringFunctions {
  size_t (*strlen)(const char*) = nullptr;
  char* (*strchr)(const char*, int) = nullptr;
};

TEST(SharedLibrary, FindsTheFunctionsOfALibrary) {
  const LoadedLibrary<StringFunctions> loaded =
      load_library<StringFunctions>("libc.so.6", [](SharedLibrary& l, StringFunctions& api) {
        l.find("strlen", api.strlen);
        l.find("strchr", api.strchr);
      });
  const StringFunctions& api = loaded.get("libc");
  EXPECT_EQ(api.strlen("four"), 4u);
  EXPECT_STREQ(api.strchr("a=b", '='), "=b");
}

TEST(SharedLibrary, AMissingLibraryIsAnErrorThatSaysWhich) {
  SharedLibrary l("libsubstation-no-such-library.so.9");
  EXPECT_FALSE(l.ok());
  EXPECT_NE(l.error().find("libsubstation-no-such-library.so.9"), std::string::npos) << l.error();
  // Nothing is looked up in a library that is not there.
  size_t (*fn)(const char*) = &::strlen;
  l.find("strlen", fn);
  EXPECT_EQ(fn, nullptr);
}

TEST(SharedLibrary, AMissingFunctionNamesTheFirstOneAndTheLibrary) {
  const LoadedLibrary<StringFunctions> loaded =
      load_library<StringFunctions>("libc.so.6", [](SharedLibrary& l, StringFunctions& api) {
        l.find("substation_no_such_function", api.strlen);
        l.find("strchr", api.strchr);
      });
  try {
    (void)loaded.get("libc");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "cannot load libc: libc.so.6 has no substation_no_such_function");
  }
}

TEST(SharedLibrary, AFailedInitialisationKeepsItsReason) {
  const LoadedLibrary<StringFunctions> loaded =
      load_library<StringFunctions>("libc.so.6", [](SharedLibrary& l, StringFunctions& api) {
        l.find("strlen", api.strlen);
        l.fail("init failed with code 2");
      });
  EXPECT_THROW((void)loaded.get("libc"), Error);
  EXPECT_EQ(loaded.error, "init failed with code 2");
}

}  // namespace
}  // namespace sub
