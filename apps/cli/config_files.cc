// Configuration loading shared by the verbs.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "apps/cli/commands.h"
#include "config/jsonnet.h"
#include "core/error.h"

namespace sub::cli {
namespace {

std::string extension(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return path.substr(dot);
}

}  // namespace

ExtStrs parse_ext_strs(const std::vector<std::string>& flags) {
  ExtStrs out;
  for (const std::string& flag : flags) {
    size_t begin = 0;
    while (begin <= flag.size()) {
      size_t end = flag.find(',', begin);
      if (end == std::string::npos) end = flag.size();
      const std::string pair = flag.substr(begin, end - begin);
      const size_t eq = pair.find('=');
      if (eq == std::string::npos) {
        throw Error("invalid argument \"" + flag + "\" for \"--ext-str\" flag: \"" + pair +
                    "\" must be formatted as key=value");
      }
      out[pair.substr(0, eq)] = pair.substr(eq + 1);
      begin = end + 1;
    }
  }
  return out;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(path + ": read failed");
  return ss.str();
}

std::string load_config_text(const std::string& path, const ExtStrs& ext) {
  const std::string ext_name = extension(path);
  if (ext_name == ".json") return read_text_file(path);
  if (ext_name == ".jsonnet" || ext_name == ".libsonnet") {
    return config::compile_jsonnet(read_text_file(path), path, ext);
  }
  throw Error(path +
              ": unsupported config file: the name must end in .json, .jsonnet or "
              ".libsonnet");
}

bool is_library_file(const std::string& path, const ExtStrs& ext) {
  if (extension(path) != ".libsonnet") return false;
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  // A verbatim string: only the quote needs doubling.
  std::string quoted;
  for (char c : name) quoted += (c == '\'' ? std::string("''") : std::string(1, c));
  const std::string probe =
      "local v = import @'" + quoted +
      "';\n"
      "std.isFunction(v) || !std.isObject(v) || !std.objectHas(v, 'transforms')";
  try {
    const std::string answer = config::compile_jsonnet(probe, dir + ".library-probe.jsonnet", ext);
    return answer.rfind("true", 0) == 0;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace sub::cli
