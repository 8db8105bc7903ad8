// The embedded Substation library rewritten onto one line, so that a file that reads it with
// std.extVar('sub') can carry it in front of its own first line (as the std polyfill is
// carried) instead of as libjsonnet ext code. libjsonnet parses its whole standard library
// again for every file it desugars, ext code included: carrying the library saves that
// second parse, about 10 ms of every compile.
//
// The rewrite drops the comment lines and joins the others with spaces. It is exact only for
// the shapes the library is written in, so it is refused (empty text, and the library is
// given as ext code as before) when a kept line has a comment after code, a text block or
// an odd number of quotes (a string going on to the next line).
#pragma once

#include <string>
#include <string_view>

namespace sub::config {

// `library` on one line, or "" when it cannot be rewritten exactly.
std::string one_line_library(std::string_view library);

}  // namespace sub::config
