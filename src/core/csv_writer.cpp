#include "core/csv_writer.hpp"

namespace incrementa {

namespace {
void write_field(const std::string& s, std::ostream& out) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}
}  // namespace

void write_csv(const Table& table, std::ostream& out) {
  const auto& cols = table.columns();
  for (size_t c = 0; c < cols.size(); ++c) {
    if (c) out << ',';
    write_field(cols[c].name, out);
  }
  out << '\n';
  for (size_t r = 0; r < table.rows(); ++r) {
    for (size_t c = 0; c < cols.size(); ++c) {
      if (c) out << ',';
      write_field(cols[c].cell_text(r), out);
    }
    out << '\n';
  }
}

}  // namespace incrementa
