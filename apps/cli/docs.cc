// `substation docs [TYPE]` / `substation help TYPE`: a transform's or condition's settings,
// from the catalogue (catalogue/types/). Without TYPE: every type with its summary.
//
// Flags:
//   --out DIR    write the Markdown reference (docs/reference/ in the repository)
//   --check DIR  exit 1 naming every page of DIR that differs from the catalogue (CI runs it)
// An unknown TYPE is an error that suggests the closest names.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "apps/cli/commands.h"
#include "apps/cli/type_docs.h"
#include "catalogue/catalogue.h"
#include "catalogue/reference.h"
#include "core/error.h"

namespace sub::cli {
namespace {

std::string read_or_empty(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_pages(const std::string& dir, const catalogue::Catalogue& c) {
  for (const auto& [name, text] : catalogue::reference_pages(c)) {
    const std::filesystem::path p = std::filesystem::path(dir) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw Error("cannot write " + p.string());
  }
}

int check_pages(const std::string& dir, const catalogue::Catalogue& c) {
  size_t stale = 0;
  const auto pages = catalogue::reference_pages(c);
  for (const auto& [name, text] : pages) {
    const std::filesystem::path p = std::filesystem::path(dir) / name;
    if (read_or_empty(p) != text) {
      std::fprintf(stderr, "%s: not current\n", p.string().c_str());
      ++stale;
    }
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(entry.path(), dir).generic_string();
    if (pages.count(rel) == 0) {
      std::fprintf(stderr, "%s: not generated from the catalogue\n", entry.path().c_str());
      ++stale;
    }
  }
  if (stale > 0) {
    throw Error(std::to_string(stale) + " reference page(s) differ from the catalogue; run " +
                "`substation docs --out " + dir + "`");
  }
  std::printf("%zu reference pages are current\n", pages.size());
  return 0;
}

}  // namespace

int run_docs(const DocsArgs& args) {
  const catalogue::Catalogue& c = catalogue::Catalogue::builtin();
  if (!args.out.empty()) {
    write_pages(args.out, c);
    return 0;
  }
  if (!args.check.empty()) return check_pages(args.check, c);
  if (args.type.empty()) {
    for (const TypeSummary& t : type_summaries()) {
      std::printf("%-36s %s: %s\n", t.name.c_str(), t.kind.c_str(), t.summary.c_str());
    }
    return 0;
  }
  std::fputs(type_docs(args.type).c_str(), stdout);
  return 0;
}

}  // namespace sub::cli
