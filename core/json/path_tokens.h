// How a path is cut into its parts: the one place in core/json that knows the syntax of
// gjson read paths and of sjson write paths (a subset of it). get.cc and set.cc call these
// functions and keep only what they do with the parts.
//
// A path is a chain of components separated by '.' (go one level down) or '|' (run the
// rest of the path on the result so far). In an object key a backslash escapes the byte
// after it, so `a\.b` is the one key "a.b". Besides keys a component can be an array
// index, `#` (the length, or with `#.` a projection), a query `#(...)` / `#[...]`, a
// modifier `@name:arg`, a literal `!value`, or a multipath `[a,b]` / `{a,b}`.
//
// Everything here views the path: nothing allocates, except that sub_selectors appends to
// the vector it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sub::json::path_tokens {

// What ends a component.
enum class Sep : uint8_t {
  kEnd,   // nothing: it is the last component
  kDot,   // '.': the rest goes one level down
  kPipe,  // '|': the rest runs on the result
};

// How a component is read. In a key a backslash escapes the next byte; in an array index
// (gjson reads the component after an array that way) a backslash is an ordinary byte.
enum class Syntax : uint8_t { kKey, kIndex };

// One component and the rest of the path after it.
struct Component {
  std::string_view text;  // the component as written (backslashes kept)
  std::string_view rest;  // what follows the separator; empty when sep is kEnd
  Sep sep = Sep::kEnd;
  bool escaped = false;  // text has a backslash (kKey only): append_key gives the key
  bool wild = false;     // text has a '*' or '?' that no backslash escapes
  bool hash = false;     // text has a '#' that no backslash escapes
  bool at = false;       // text has a '@' that no backslash escapes
};

namespace detail {

// What each byte means to split_component.
enum : uint8_t { kPlain, kDot, kPipe, kBackslash, kWild, kHash, kAt };

struct ByteClass {
  uint8_t v[256] = {};
  constexpr ByteClass() {
    v[static_cast<unsigned char>('.')] = kDot;
    v[static_cast<unsigned char>('|')] = kPipe;
    v[static_cast<unsigned char>('\\')] = kBackslash;
    v[static_cast<unsigned char>('*')] = kWild;
    v[static_cast<unsigned char>('?')] = kWild;
    v[static_cast<unsigned char>('#')] = kHash;
    v[static_cast<unsigned char>('@')] = kAt;
  }
};
inline constexpr ByteClass kByteClass;

// The opening bracket that closing bracket `c` (']', ')' or '}') matches.
inline char opener_of(char c) { return c == ']' ? '[' : c == ')' ? '(' : '{'; }

}  // namespace detail

// Cuts the first component off `path`: it ends at the first '.' or '|' that is not escaped
// (kKey) or at the end of the path. Queries and multipaths are not looked into: the callers
// that allow them deal with them before they get here (see split_query, sub_selectors).
inline Component split_component(std::string_view path, Syntax syntax) {
  Component c;
  const bool escapes = syntax == Syntax::kKey;
  for (size_t i = 0; i < path.size(); ++i) {
    const uint8_t byte_class = detail::kByteClass.v[static_cast<unsigned char>(path[i])];
    if (byte_class == detail::kPlain) continue;  // most bytes: no switch
    switch (byte_class) {
      case detail::kDot:
      case detail::kPipe:
        c.text = path.substr(0, i);
        c.rest = path.substr(i + 1);
        c.sep = path[i] == '.' ? Sep::kDot : Sep::kPipe;
        return c;
      case detail::kBackslash:
        if (escapes) {
          c.escaped = true;
          ++i;  // the escaped byte is part of the key, whatever it is
        }
        break;
      case detail::kWild:
        c.wild = true;
        break;
      case detail::kHash:
        c.hash = true;
        break;
      default:  // kAt
        c.at = true;
        break;
    }
  }
  c.text = path;
  return c;
}

// Appends the key that a kKey component's text names: the text without the backslashes
// that escape its bytes (a backslash at the very end is dropped). `String` is std::string
// or std::pmr::string.
template <class String>
void append_key(String& out, std::string_view text) {
  // The runs between backslashes whole: `id\.orig_h` is two appends, not nine push_backs.
  for (;;) {
    const size_t slash = text.find('\\');
    if (slash == std::string_view::npos) {
      out.append(text.data(), text.size());
      return;
    }
    out.append(text.data(), slash);
    if (slash + 1 == text.size()) return;  // a backslash at the very end is dropped
    out.push_back(text[slash + 1]);
    text.remove_prefix(slash + 2);
  }
}

// The index in `path` (which starts with '@' or '!') where the name of a modifier or a
// literal ends: at the first '.' or '|', or, when `colon_ends` (modifiers, whose argument
// follows a ':'), at the first ':'; path.size() when none comes.
inline size_t name_end(std::string_view path, bool colon_ends) {
  size_t i = 1;
  while (i < path.size() && path[i] != '.' && path[i] != '|' && !(colon_ends && path[i] == ':')) {
    ++i;
  }
  return i;
}

// Which brackets walk_brackets counts.
enum class Brackets : uint8_t {
  kSame,         // only the kind of the one that opened the walk
  kSquareRound,  // '[' and '(' alike (query conditions)
  kAll,          // '[', '(' and '{' alike (multipaths)
};

// Walks the bracketed part of a path whose opener is path[open]: bytes escaped by a
// backslash and quoted strings (whose own backslashes escape the next byte) are passed
// over, brackets are counted, and `visit(i, depth)` is called for every other byte, with
// depth 1 for the outermost level. Returns the index of the matching closer, or
// std::string_view::npos when the path ends first. `quoted_backslash` is set when a quoted
// string has a backslash.
template <class Visit>
size_t walk_brackets(std::string_view path, size_t open, Brackets kinds, bool& quoted_backslash,
                     Visit&& visit) {
  const char opener = path[open];
  // Whether brackets of the kind that `open_byte` opens count.
  auto counts = [&](char open_byte) {
    switch (kinds) {
      case Brackets::kSame:
        return open_byte == opener;
      case Brackets::kSquareRound:
        return open_byte == '[' || open_byte == '(';
      default:
        return true;
    }
  };
  int depth = 1;
  for (size_t i = open + 1; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '\\') {
      ++i;
    } else if (c == '"') {
      for (++i; i < path.size() && path[i] != '"'; ++i) {
        if (path[i] == '\\') {
          quoted_backslash = true;
          ++i;
        }
      }
    } else if ((c == '[' || c == '(' || c == '{') && counts(c)) {
      ++depth;
    } else if ((c == ']' || c == ')' || c == '}') && counts(detail::opener_of(c))) {
      if (--depth == 0) return i;
    } else {
      visit(i, depth);
    }
  }
  return std::string_view::npos;
}

// A query `#(path op value)` or `#[...]`, cut into its parts (spaces around them trimmed).
struct Query {
  std::string_view path;       // what to read from each element
  std::string_view op;         // one of = != < <= > >= % !%, or empty (the path must exist)
  std::string_view value;      // what to compare with, as written (a string keeps its quotes)
  bool value_escaped = false;  // a quoted string in the query has a backslash
  size_t end = 0;              // the index just past the closing bracket
};

// Reads the query that `path` starts with ('#' then '(' or '['). Returns false when there
// is none or its brackets do not close.
bool split_query(std::string_view path, Query& q);

// Splits `path` at its first pipe that no backslash escapes and that is not inside a
// `.#(...)` / `.#[...]` query (or, for a path starting with '{', the pipe right after its
// closing brace): the two sides go to `left` and `right`. Returns false when there is none.
bool split_pipe(std::string_view path, std::string_view& left, std::string_view& right);

// A modifier component `@name` or `@name:arg` (the path starts with '@').
struct Modifier {
  std::string_view name;
  std::string_view arg;   // empty when there is none
  std::string_view rest;  // what follows: empty, or from the '.' or '|' that ends it on
};

// Reads the modifier that `path` starts with. An argument that reads as a JSON object,
// array or string ends with it; any other runs to the next '|' (brackets and quoted strings
// inside it included whole). Whether the name is a known modifier is for the caller.
// (The part that reads an argument, not inlined: `rest` follows the ':' and is not empty.)
void split_modifier_arg(std::string_view rest, Modifier& m);
inline Modifier split_modifier(std::string_view path) {
  Modifier m;
  const size_t end = name_end(path, true);
  m.name = path.substr(1, end - 1);
  if (end == path.size()) return m;
  if (path[end] != ':') {
    m.rest = path.substr(end);
  } else if (end + 1 < path.size()) {
    split_modifier_arg(path.substr(end + 1), m);
  }
  return m;
}

// A member of a multipath `[a,b]` / `{name:a,b}`: an optional name (in braces) and a path.
struct SubSelector {
  std::string_view name, path;
};

// Reads the multipath that `path` starts with ('[' or '{'): its members (appended to `out`
// when it is not null) and what follows the closing bracket (`rest`). Returns false, with
// `rest` empty, when the brackets do not close.
bool sub_selectors(std::string_view path, std::vector<SubSelector>* out, std::string_view& rest);

// A `!literal` component (`path` starts with '!', path.size() > 1): a JSON value written in
// the path, either one starting with { [ " + - or a digit (`lit` runs to where its brackets
// close), or one of the words true false null nan inf in any case (`lit` is the word as
// written, up to a '.' or '|'). `rest` is what follows the literal, from its separator on.
// Returns false when it is neither.
bool static_literal(std::string_view path, std::string_view& lit, std::string_view& rest);

// The name gjson gives a multipath member written without one: the part of its path after
// the last '.' or '|' that has no backslash right before it.
std::string_view last_name(std::string_view path);

}  // namespace sub::json::path_tokens
