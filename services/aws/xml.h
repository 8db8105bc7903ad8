// Just enough XML for AWS query-protocol and S3 responses: the text of elements by name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sub::aws {

// The unescaped text of the first <tag>...</tag> in `xml` (namespaces prefixes are not
// supported); "" when absent.
std::string xml_text(std::string_view xml, std::string_view tag);
// The raw inner XML of every <tag>...</tag>, in order.
std::vector<std::string_view> xml_elements(std::string_view xml, std::string_view tag);
// Escapes & < > " ' for element text.
std::string xml_escape(std::string_view s);
std::string xml_unescape(std::string_view s);

}  // namespace sub::aws
