// libFuzzer entry for the CSV reader: any bytes in, then every column described
// and read as numbers. Only incrementa::Error may escape the library; anything
// else (another exception, a crash, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string_view>

#include "api/describe.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    incrementa::CsvOptions options;
    // The first byte picks a variant, so forced-categorical and other delimiters are reached too.
    if (size > 0 && (data[0] & 1)) options.categorical = {"a", "b"};
    if (size > 0 && (data[0] & 2)) options.delimiter = ';';
    const incrementa::Table table = incrementa::read_csv(bytes, "fuzz.csv", options);
    const incrementa::Json described = incrementa::describe_table(table);
    // Encoding the JSON is what the CLI and WASM do next. It throws on bytes
    // that are not UTF-8 (a known bug, see the [bug] tests); set
    // INCREMENTA_FUZZ_NO_JSON=1 to look past it for other bugs.
    static const bool encode = std::getenv("INCREMENTA_FUZZ_NO_JSON") == nullptr;
    if (encode) (void)described.dump();
    for (const auto& column : table.columns()) {
      for (size_t r = 0; r < column.size(); ++r) (void)column.cell_text(r);
      try {
        (void)table.numeric_column(column.name, "fuzz");
      } catch (const incrementa::Error&) {
      }
    }
  } catch (const incrementa::Error&) {
  }
  return 0;
}
