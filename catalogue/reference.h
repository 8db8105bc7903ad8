// The catalogue as text for users: one type's settings for the terminal (`substation docs
// TYPE`) and the Markdown pages of docs/reference/ (`substation docs --out docs/reference`).
#pragma once

#include <map>
#include <string>

#include "catalogue/catalogue.h"

namespace sub::catalogue {

// A type's summary and settings as plain text, nested keys indented.
std::string type_text(const TypeInfo& type);

// The reference pages: file name under docs/reference/ -> Markdown. One page per kind and
// family ("transforms/string.md") and an index (README.md).
std::map<std::string, std::string> reference_pages(const Catalogue& catalogue);

}  // namespace sub::catalogue
