#include "config/jsonnet.h"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "config/jsonnet_error_text.h"
#include "config/jsonnet_library.h"
#include "config/library_imports.h"
#include "config/one_line_library.h"
#include "core/error.h"
#include "embedded/substation_libsonnet.h"

namespace sub::config {
namespace {

// Owns a JsonnetVm for the duration of one call.
class Vm {
 public:
  Vm() : vm_(libjsonnet().jsonnet_make()) {}
  ~Vm() { libjsonnet().jsonnet_destroy(vm_); }
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  JsonnetVm* get() const { return vm_; }

  // When set, imports of files (import, importstr, importbin) fail with this reason; the
  // embedded library stays importable.
  std::string file_imports_refused;

  // Copies a buffer returned by libjsonnet into a std::string and releases the buffer.
  std::string take(char* buffer) const {
    std::string text = buffer != nullptr ? std::string(buffer) : std::string();
    if (buffer != nullptr) libjsonnet().jsonnet_realloc(vm_, buffer, 0);
    return text;
  }

  // Copies `text` into a NUL-terminated buffer owned by libjsonnet.
  char* give(std::string_view text) const {
    char* buffer = libjsonnet().jsonnet_realloc(vm_, nullptr, text.size() + 1);
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    return buffer;
  }

 private:
  JsonnetVm* vm_;
};

// Standard-library functions that go-jsonnet 0.20 (the reference engine) offers and
// libjsonnet 0.18 lacks, written in Jsonnet. The text is one line so that it can precede a
// file's first line without moving the line numbers of error messages (only columns of
// line 1 shift). It rebinds `std` for the file it precedes.
constexpr std::string_view kStdPolyfill =
    "local __substation_std = std; local std = __substation_std {"
    " local s = self,"
    " any(arr):: std.length([x for x in arr if x]) > 0,"
    " all(arr):: std.length([x for x in arr if !x]) == 0,"
    " sum(arr):: std.foldl(function(a, b) a + b, arr, 0),"
    " avg(arr):: if std.length(arr) == 0"
    " then error 'Cannot calculate average of an empty array.'"
    " else s.sum(arr) / std.length(arr),"
    " minArray(arr, keyF=function(x) x, onEmpty=error 'Expected at least one element in array."
    " Got none'):: if std.length(arr) == 0 then onEmpty else std.foldl(function(a, b)"
    " if keyF(b) < keyF(a) then b else a, arr, arr[0]),"
    " maxArray(arr, keyF=function(x) x, onEmpty=error 'Expected at least one element in array."
    " Got none'):: if std.length(arr) == 0 then onEmpty else std.foldl(function(a, b)"
    " if keyF(b) > keyF(a) then b else a, arr, arr[0]),"
    " contains(arr, elem):: std.length([x for x in arr if x == elem]) > 0,"
    " remove(arr, elem):: local at = std.find(elem, arr);"
    " if std.length(at) == 0 then arr else arr[:at[0]] + arr[at[0] + 1:],"
    " removeAt(arr, i):: [arr[k] for k in std.range(0, std.length(arr) - 1) if k != i],"
    " flattenDeepArray(v):: if std.isArray(v)"
    " then [y for x in v for y in s.flattenDeepArray(x)] else [v],"
    " objectRemoveKey(obj, key):: { [k]: obj[k] for k in std.objectFields(obj) if k != key },"
    " objectKeysValues(o):: [{ key: k, value: o[k] } for k in std.objectFields(o)],"
    " objectKeysValuesAll(o):: [{ key: k, value: o[k] } for k in std.objectFieldsAll(o)],"
    " trim(str):: std.stripChars(str, ' \\t\\n\\f\\r\\u0085\\u00A0'),"
    " isEmpty(str):: std.length(str) == 0,"
    " equalsIgnoreCase(a, b):: std.asciiLower(a) == std.asciiLower(b),"
    " round(x):: std.floor(x + 0.5),"
    " xor(x, y):: x != y,"
    " xnor(x, y):: x == y,"
    " splitLimitR(str, c, maxsplits):: if maxsplits == -1 then std.splitLimit(str, c, -1)"
    " else local rev(t) = std.join('', std.reverse(std.stringChars(t)));"
    " std.reverse(std.map(rev, std.splitLimit(rev(str), rev(c), maxsplits))),"
    " }; ";

// Source text as evaluated: the polyfill, then the file unchanged.
std::string with_polyfill(std::string_view text) {
  std::string out(kStdPolyfill);
  out += text;
  return out;
}

// Whether an imported path is Jsonnet code (and gets the polyfill) rather than data read
// with importstr.
bool is_jsonnet_code(std::string_view path) {
  return path.ends_with(".jsonnet") || path.ends_with(".libsonnet");
}

// The last component of a slash-separated path.
std::string_view base_name(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Import resolution: an import is read from disk relative to the directory of the
// importing file (`base`, which libjsonnet passes with a trailing slash, or empty for the
// working directory). The library name (`substation.libsonnet`, under any folder) is the
// file when there is one, as in the reference, so a vendored or extended copy is used;
// otherwise, and wherever file imports are refused, it is the embedded library.
char* import_callback(void* ctx, const char* base, const char* rel, char** found_here,
                      int* success) {
  const Vm& vm = *static_cast<const Vm*>(ctx);
  const std::string_view wanted(rel);
  const bool library = base_name(wanted) == kLibraryFileName;
  const auto builtin = [&] {
    *found_here = vm.give("<builtin>/substation.libsonnet");
    *success = 1;
    return vm.give(substation_library());
  };
  if (!vm.file_imports_refused.empty()) {
    if (library) return builtin();
    *success = 0;  // libjsonnet's message names the import
    return vm.give(vm.file_imports_refused);
  }
  const std::string path = import_path(base, wanted);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    // Opening a directory succeeds and reading it gives nothing: without this check the
    // import would be an empty file. go-jsonnet (v2.8): `read adir: is a directory`.
    *success = 0;
    return vm.give("read " + std::string(wanted) + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in && library) return builtin();
  if (!in) {
    *success = 0;
    return vm.give("couldn't open import \"" + std::string(wanted) + "\": no match locally");
  }
  std::ostringstream content;
  content << in.rdbuf();
  *found_here = vm.give(path);
  *success = 1;
  return vm.give(is_jsonnet_code(path) ? with_polyfill(content.str()) : content.str());
}

// Error positions on line 1 count the polyfill in front of every Jsonnet file: take its
// length off every column of line 1 (`f:1:C`, `f:1:C-D`, `(1:C)`), so errors point where
// the user's text is.
std::string without_polyfill_columns(std::string_view text) {
  const size_t shift = kStdPolyfill.size();
  std::string out;
  size_t i = 0;
  const auto number_at = [&](size_t at, size_t& end) -> std::optional<size_t> {
    end = at;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == at || end - at > 9) return std::nullopt;
    return static_cast<size_t>(std::stoul(std::string(text.substr(at, end - at))));
  };
  const auto shifted = [&](size_t col) { return col > shift ? col - shift : col; };
  while (i < text.size()) {
    // ":1:" or "(1:" opens a line-1 position.
    const bool colon = text.compare(i, 3, ":1:") == 0;
    const bool paren = text.compare(i, 3, "(1:") == 0;
    if (!colon && !paren) {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = 0;
    const std::optional<size_t> col = number_at(i + 3, end);
    if (!col) {
      out.push_back(text[i++]);
      continue;
    }
    out.append(text.substr(i, 3));
    out += std::to_string(shifted(*col));
    i = end;
    // `C-D`: the end column is on line 1 too.
    if (colon && i < text.size() && text[i] == '-') {
      const std::optional<size_t> to = number_at(i + 1, end);
      if (to) {
        out += "-" + std::to_string(shifted(*to));
        i = end;
      }
    }
  }
  return out;
}

// The source of a file a stack frame names, for its excerpt: read from disk, at most
// kMaxExcerptFileBytes.
constexpr std::streamsize kMaxExcerptFileBytes = std::streamsize{16} << 20;
std::optional<std::string> read_source_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(static_cast<size_t>(kMaxExcerptFileBytes), '\0');
  in.read(text.data(), kMaxExcerptFileBytes);
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace

std::string_view substation_library() { return sub::embedded::substation_libsonnet; }

std::string compile_jsonnet(std::string_view source, const std::string& filename,
                            const std::map<std::string, std::string>& ext_strs) {
  return compile_jsonnet(source, filename, ext_strs, JsonnetLimits{});
}

namespace {

// What a file that reads the library (std.extVar('sub'), or an import of the embedded one)
// is given in front of it instead of the plain polyfill: the library on one line, bound to
// __substation_lib (config/one_line_library.h), then the polyfill with an extVar that
// answers `sub` with it. Empty when the library cannot be put on one line. Built once.
const std::string& carried_library_prefix() {
  static const std::string prefix = []() -> std::string {
    const std::string library = one_line_library(substation_library());
    std::string polyfill(kStdPolyfill);
    constexpr std::string_view kOpen = "local std = __substation_std {";
    const size_t open = polyfill.find(kOpen);
    if (library.empty() || open == std::string::npos) return {};
    polyfill.insert(open + kOpen.size(), " extVar(name):: if name == '" +
                                             std::string(kLibraryExtVar) +
                                             "' then __substation_lib"
                                             " else __substation_std.extVar(name),");
    return "local __substation_lib = (" + library + "); " + polyfill;
  }();
  return prefix;
}

// One evaluation of `snippet` (the source with what goes in front of it) in a new VM.
// Returns the JSON text, or the error text when `failed` is set.
std::string evaluate(const std::string& snippet, const std::string& filename,
                     const std::map<std::string, std::string>& ext_strs,
                     const JsonnetLimits& limits, bool& failed) {
  const JsonnetLibrary& lib = libjsonnet();
  Vm vm;
  vm.file_imports_refused = limits.file_imports_refused;
  lib.jsonnet_import_callback(vm.get(), &import_callback, &vm);
  for (const auto& [key, value] : ext_strs) {
    lib.jsonnet_ext_var(vm.get(), key.c_str(), value.c_str());
  }
  // The library is bound last so that an --ext-str named `sub` cannot hide it.
  const std::string library(substation_library());
  lib.jsonnet_ext_code(vm.get(), std::string(kLibraryExtVar).c_str(), library.c_str());
  int error = 0;
  std::string result =
      vm.take(lib.jsonnet_evaluate_snippet(vm.get(), filename.c_str(), snippet.c_str(), &error));
  failed = error != 0;
  return result;
}

}  // namespace

std::string compile_jsonnet(std::string_view source, const std::string& filename,
                            const std::map<std::string, std::string>& ext_strs,
                            const JsonnetLimits& limits) {
  bool failed = false;
  // A file that reads the library by extVar, or imports the embedded one, carries it (its
  // imports of it become the name it is bound to). Should that fail in any way, the file is
  // evaluated again as below, so that errors read as they always have (positions in the
  // library under <extvar:sub> or <builtin>/substation.libsonnet, columns of line 1 after the
  // polyfill only).
  const size_t slash = filename.rfind('/');
  const std::string base = slash == std::string::npos ? "" : filename.substr(0, slash + 1);
  const std::vector<std::pair<size_t, size_t>> imports =
      library_imports(source, base, !limits.file_imports_refused.empty());
  if ((!imports.empty() || source.find("extVar") != std::string_view::npos) &&
      !carried_library_prefix().empty()) {
    std::string text = carried_library_prefix();
    size_t from = 0;
    for (const auto& [begin, end] : imports) {
      text.append(source.substr(from, begin - from));
      text += "__substation_lib";
      from = end;
    }
    text.append(source.substr(from));
    std::string result = evaluate(text, filename, ext_strs, limits, failed);
    if (!failed) return result;
    // A failing file is thus evaluated twice: errors cost twice the CPU, successes half.
  }
  std::string result = evaluate(with_polyfill(source), filename, ext_strs, limits, failed);
  if (failed) {
    // Where file imports are refused, the frames (which an error message's text could
    // imitate) must not make us read files either.
    const JsonnetSourceReader read_other =
        limits.file_imports_refused.empty() ? JsonnetSourceReader(read_source_file) : nullptr;
    throw JsonnetError(
        filename + ": " +
        format_jsonnet_error(without_polyfill_columns(result), {filename, source}, read_other));
  }
  return result;
}

std::string format_jsonnet(std::string_view source, const std::string& filename) {
  const JsonnetLibrary& lib = libjsonnet();
  Vm vm;
  // The defaults of the standard formatter, set explicitly so the output cannot drift.
  lib.jsonnet_fmt_indent(vm.get(), 2);
  lib.jsonnet_fmt_max_blank_lines(vm.get(), 2);
  lib.jsonnet_fmt_string(vm.get(), 's');
  lib.jsonnet_fmt_comment(vm.get(), 's');
  lib.jsonnet_fmt_pad_arrays(vm.get(), 0);
  lib.jsonnet_fmt_pad_objects(vm.get(), 1);
  lib.jsonnet_fmt_pretty_field_names(vm.get(), 1);
  lib.jsonnet_fmt_sort_imports(vm.get(), 1);

  const std::string snippet(source);
  int error = 0;
  std::string result =
      vm.take(lib.jsonnet_fmt_snippet(vm.get(), filename.c_str(), snippet.c_str(), &error));
  if (error != 0) {
    throw JsonnetError(filename + ": " + format_jsonnet_error(result, {filename, source}, nullptr));
  }
  return result;
}

}  // namespace sub::config
