// format_from_parquet: reads a whole Parquet file, one message per row.
//
// Settings: none (data only).
// Each row becomes a new message whose data is the row as a JSON object and whose
// metadata is the input's; services/parquet/reader.h says what is supported and how values
// print. A file with no rows produces no messages; a corrupt one is an error.
#include <memory>

#include "core/error.h"
#include "services/parquet/reader.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class FormatFromParquet final : public Transform {
 public:
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    std::vector<std::string> rows = parquet::read_rows_as_json(msg.data());
    out.reserve(out.size() + rows.size());
    for (std::string& row : rows) out.emplace_back(std::move(row), msg.metadata());
  }
};

}  // namespace

std::shared_ptr<Transform> new_format_from_parquet(const config::Settings&, Builder&) {
  return std::make_shared<FormatFromParquet>();
}

}  // namespace sub::transform
