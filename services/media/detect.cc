#include "services/media/detect.h"

#include <cstddef>
#include <cstdint>

namespace sub::media {
namespace {

constexpr size_t kSniffLen = 512;

constexpr std::string_view kTextUtf8 = "text/plain; charset=utf-8";
constexpr std::string_view kHtml = "text/html; charset=utf-8";

bool is_ws(unsigned char b) {
  return b == '\t' || b == '\n' || b == '\x0c' || b == '\r' || b == ' ';
}

// Tag-terminating byte after an HTML tag name.
bool is_tt(unsigned char b) { return b == ' ' || b == '>'; }

// An HTML tag prefix, compared case-insensitively after leading whitespace; it must be
// followed by a tag-terminating byte.
bool html_match(std::string_view data, std::string_view tag) {
  if (data.size() < tag.size() + 1) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    auto want = static_cast<unsigned char>(tag[i]);
    auto got = static_cast<unsigned char>(data[i]);
    if (want >= 'A' && want <= 'Z') got &= 0xDF;
    if (want != got) return false;
  }
  return is_tt(static_cast<unsigned char>(data[tag.size()]));
}

// `pattern` compared to `data` after applying `mask` byte by byte.
bool masked_match(std::string_view data, std::string_view mask, std::string_view pattern) {
  if (mask.size() != pattern.size() || data.size() < pattern.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if ((static_cast<unsigned char>(data[i]) & static_cast<unsigned char>(mask[i])) !=
        static_cast<unsigned char>(pattern[i])) {
      return false;
    }
  }
  return true;
}

bool starts_with(std::string_view data, std::string_view prefix) {
  return data.substr(0, prefix.size()) == prefix;
}

// ISO base media (MP4): an "ftyp" box whose brands include "mp4".
bool mp4_match(std::string_view data) {
  if (data.size() < 12) return false;
  uint32_t box = (static_cast<uint32_t>(static_cast<unsigned char>(data[0])) << 24) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(data[1])) << 16) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(data[2])) << 8) |
                 static_cast<uint32_t>(static_cast<unsigned char>(data[3]));
  if (data.size() < box || box % 4 != 0) return false;
  if (data.substr(4, 4) != "ftyp") return false;
  for (size_t at = 8; at < box; at += 4) {
    if (at == 12) continue;  // the major brand's version
    if (data.substr(at, 3) == "mp4") return true;
  }
  return false;
}

// No byte that only binary data contains.
bool text_match(std::string_view data) {
  for (char c : data) {
    auto b = static_cast<unsigned char>(c);
    if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) {
      return false;
    }
  }
  return true;
}

struct Exact {
  std::string_view sig;
  std::string_view type;
};

struct Masked {
  std::string_view mask;
  std::string_view pattern;
  std::string_view type;
};

using namespace std::string_view_literals;

constexpr std::string_view kHtmlTags[] = {
    "<!DOCTYPE HTML", "<HTML", "<HEAD",  "<SCRIPT", "<IFRAME", "<H1",   "<DIV", "<FONT",
    "<TABLE",         "<A",    "<STYLE", "<TITLE",  "<B",      "<BODY", "<BR",  "<P",
    "<!--",
};

// Signatures between the BOMs and MP4, in the order Go tries them.
constexpr Exact kImages[] = {
    {"\x00\x00\x01\x00"sv, "image/x-icon"},
    {"\x00\x00\x02\x00"sv, "image/x-icon"},
    {"BM"sv, "image/bmp"},
    {"GIF87a"sv, "image/gif"},
    {"GIF89a"sv, "image/gif"},
};

constexpr Masked kWebp = {"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF"sv,
                          "RIFF\x00\x00\x00\x00WEBPVP"sv, "image/webp"};

constexpr Exact kImagesAfterWebp[] = {
    {"\x89PNG\x0D\x0A\x1A\x0A"sv, "image/png"},
    {"\xFF\xD8\xFF"sv, "image/jpeg"},
};

constexpr Masked kAudioVideo[] = {
    {"\xFF\xFF\xFF\xFF"sv, ".snd"sv, "audio/basic"},
    {"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv,
     "FORM\x00\x00\x00\x00"
     "AIFF"sv,
     "audio/aiff"},
    {"\xFF\xFF\xFF"sv, "ID3"sv, "audio/mpeg"},
    {"\xFF\xFF\xFF\xFF\xFF"sv, "OggS\x00"sv, "application/ogg"},
    {"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"sv, "MThd\x00\x00\x00\x06"sv, "audio/midi"},
    {"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv,
     "RIFF\x00\x00\x00\x00"
     "AVI "sv,
     "video/avi"},
    {"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv, "RIFF\x00\x00\x00\x00WAVE"sv,
     "audio/wave"},
};

// 34 ignored bytes, then "LP".
constexpr Masked kEmbeddedOpenType = {
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF"sv,
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00LP"sv,
    "application/vnd.ms-fontobject"};

// After MP4: webm, fonts, archives, wasm.
constexpr Exact kTail[] = {
    {"\x1A\x45\xDF\xA3"sv, "video/webm"},
    {"\x00\x01\x00\x00"sv, "font/ttf"},
    {"OTTO"sv, "font/otf"},
    {"ttcf"sv, "font/collection"},
    {"wOFF"sv, "font/woff"},
    {"wOF2"sv, "font/woff2"},
    {"\x1F\x8B\x08"sv, "application/x-gzip"},
    {"PK\x03\x04"sv, "application/zip"},
    {"Rar!\x1A\x07\x00"sv, "application/x-rar-compressed"},
    {"Rar!\x1A\x07\x01\x00"sv, "application/x-rar-compressed"},
    {"\x00\x61\x73\x6D"sv, "application/wasm"},
};

}  // namespace

std::string_view detect_content_type(std::string_view data) {
  if (data.size() > kSniffLen) data = data.substr(0, kSniffLen);
  size_t first = 0;
  while (first < data.size() && is_ws(static_cast<unsigned char>(data[first]))) ++first;
  const std::string_view trimmed = data.substr(first);

  for (std::string_view tag : kHtmlTags) {
    if (html_match(trimmed, tag)) return kHtml;
  }
  if (masked_match(trimmed, "\xFF\xFF\xFF\xFF\xFF"sv, "<?xml"sv)) return "text/xml; charset=utf-8";
  if (starts_with(data, "%PDF-")) return "application/pdf";
  if (starts_with(data, "%!PS-Adobe-")) return "application/postscript";

  // Byte order marks (the mask needs four bytes even though it checks fewer).
  if (masked_match(data, "\xFF\xFF\x00\x00"sv, "\xFE\xFF\x00\x00"sv)) {
    return "text/plain; charset=utf-16be";
  }
  if (masked_match(data, "\xFF\xFF\x00\x00"sv, "\xFF\xFE\x00\x00"sv)) {
    return "text/plain; charset=utf-16le";
  }
  if (masked_match(data, "\xFF\xFF\xFF\x00"sv, "\xEF\xBB\xBF\x00"sv)) return kTextUtf8;

  for (const Exact& e : kImages) {
    if (starts_with(data, e.sig)) return e.type;
  }
  if (masked_match(data, kWebp.mask, kWebp.pattern)) return kWebp.type;
  for (const Exact& e : kImagesAfterWebp) {
    if (starts_with(data, e.sig)) return e.type;
  }
  for (const Masked& m : kAudioVideo) {
    if (masked_match(data, m.mask, m.pattern)) return m.type;
  }
  if (mp4_match(data)) return "video/mp4";
  if (starts_with(data, kTail[0].sig)) return kTail[0].type;  // webm
  if (masked_match(data, kEmbeddedOpenType.mask, kEmbeddedOpenType.pattern)) {
    return kEmbeddedOpenType.type;
  }
  for (size_t i = 1; i < std::size(kTail); ++i) {
    if (starts_with(data, kTail[i].sig)) return kTail[i].type;
  }
  if (text_match(trimmed)) return kTextUtf8;
  return "application/octet-stream";
}

std::string_view detect(std::string_view data) {
  if (starts_with(data, "\x42\x5A\x68"sv)) return "application/x-bzip2";
  if (starts_with(data, "\x1F\x8B\x08"sv)) return "application/x-gzip";
  if (starts_with(data, "\x28\xB5\x2F\xFD"sv)) return "application/x-zstd";
  if (starts_with(data, "\xFF\x06\x00\x00\x73\x4E\x61\x50\x70\x59"sv)) {
    return "application/x-snappy-framed";
  }
  return detect_content_type(data);
}

}  // namespace sub::media
