#include "api/describe.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace incrementa {

Json describe_table(const Table& table) {
  Json cols = Json::array();
  for (const auto& c : table.columns()) {
    Json j = {{"name", c.name}, {"type", column_type_name(c.type)}, {"missing", c.missing_count()}};
    if (c.type == ColumnType::Categorical) {
      const size_t shown = std::min<size_t>(c.levels.size(), 200);
      j["levels"] = std::vector<std::string>(c.levels.begin(), c.levels.begin() + static_cast<long>(shown));
      j["level_count"] = c.levels.size();
      if (c.leading_zero_line >= 0)
        j["note"] = "kept as text: whole numbers with leading zeros (line " + std::to_string(c.leading_zero_line) +
                    ": '" + c.leading_zero_value + "'), like zip codes or ids";
    } else {
      // Whole-number columns with few values can serve as arms: list them too.
      std::vector<double> distinct;
      for (double v : c.values) {
        if (std::isnan(v)) continue;
        if (std::find(distinct.begin(), distinct.end(), v) == distinct.end()) distinct.push_back(v);
        if (distinct.size() > 50) break;
      }
      if (c.type == ColumnType::Integer && distinct.size() <= 50) {
        std::sort(distinct.begin(), distinct.end());
        std::vector<std::string> levels;
        for (double v : distinct) levels.push_back(format_number(v));
        j["levels"] = levels;
        j["level_count"] = levels.size();
      }
    }
    cols.push_back(j);
  }
  return {{"source", table.source()}, {"rows", table.rows()}, {"columns", cols}};
}

}  // namespace incrementa
