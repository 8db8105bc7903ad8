// How URLs appear in error messages. Every HTTP caller builds its messages from these, so a
// password in a URL, or a secret substituted into a URL template, never reaches a log.
#pragma once

#include <string>
#include <string_view>

namespace sub::http {

// The URL with the password of its user information replaced by `xxxxx` (Go's
// url.Redacted); other URLs are returned unchanged.
std::string redact_url(std::string_view url);

// The host of a URL: between "://" and the next '/', '?' or '#', without user information
// (the port, if any, is kept). Empty when the URL has no "://".
std::string_view url_host(std::string_view url);

// What an error shows for a request: `display_url` when the caller gave one (the template a
// URL was built from, see Request::display_url in client.h), otherwise `url`; passwords
// redacted either way.
std::string shown_url(std::string_view url, std::string_view display_url);

// libcurl's messages name the URL or host it tried ("Could not resolve host: ..."). With a
// display URL, occurrences of the real URL become the display URL and of the real host
// become `<host>`; without one, `text` is returned unchanged.
std::string scrub_error(std::string text, std::string_view url, std::string_view display_url);

}  // namespace sub::http
