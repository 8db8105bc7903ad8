// What `vet` and `test` share: building a config's transforms so that a failure names the
// transform's position, and reporting such failures the way the reference does.
#pragma once

#include <cstddef>
#include <exception>
#include <filesystem>
#include <string>

#include "config/node.h"
#include "core/error.h"
#include "services/services.h"
#include "transform/transform.h"

namespace sub::cli {

// A transform of the top-level `transforms` list failed to build. The message reads
// `transform <id>: <cause>` (id: the `id` setting, else the type), as the reference's.
class TransformBuildError : public Error {
 public:
  TransformBuildError(const std::string& what, size_t index) : Error(what), index_(index) {}
  size_t index() const { return index_; }  // 0-based

 private:
  size_t index_;
};

// Builds the chain of `root`'s `transforms`, one at a time. Throws TransformBuildError for a
// transform that does not build, sub::Error for a document that is not a config.
transform::Chain build_transforms(const config::Node& root, services::Services& services);

// The stderr report of a failed config (the reference's layout). When the failing
// transform is known (a TransformBuildError, a transform::StepError of a top-level step, or
// a `transform <id>: ...` error whose id is one of `root`'s transforms):
//   <file>:transforms:<n> transform <id>: <cause>
//           {"type":"...","settings":{...}}
//   (empty line)
// with n the 1-based position in `transforms`; otherwise one line `<file>: <error>`.
std::string error_report(const std::string& file, const config::Node* root,
                         const std::exception& e);

// Makes the directory of `file` the working directory for the object's lifetime, so that
// relative paths in settings resolve next to the config (the reference's test and vet do
// this). Failures are ignored: paths then resolve against the previous directory.
class FileDirectory {
 public:
  explicit FileDirectory(const std::string& file);
  ~FileDirectory();
  FileDirectory(const FileDirectory&) = delete;
  FileDirectory& operator=(const FileDirectory&) = delete;

 private:
  std::filesystem::path previous_;
  bool changed_ = false;
};

}  // namespace sub::cli
