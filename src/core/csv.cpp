#include "core/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "core/number_parse.hpp"
#include "core/parallel.hpp"

namespace incrementa {

namespace {

// A field's place in the input. Quoted fields point inside the quotes;
// `escaped` marks one holding "" pairs that must be unescaped.
struct Span {
  uint32_t offset;
  uint32_t length;
  bool escaped;
};

// A cell quoted in an error message: at most 40 bytes, never cut inside a
// UTF-8 character.
std::string shown(std::string_view v) {
  if (v.size() <= 40) return std::string(v);
  size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return std::string(v.substr(0, cut)) + "...";
}

// True when `v` is well-formed UTF-8 (text reaches JSON and the page as UTF-8).
bool valid_utf8(std::string_view v) {
  const size_t n = v.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return false;
    if (n - i <= extra) return false;
    const unsigned char second = static_cast<unsigned char>(v[i + 1]);
    if (second < lo || second > hi) return false;
    for (size_t k = 2; k <= extra; ++k)
      if ((static_cast<unsigned char>(v[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string not_utf8(const std::string& where) {
  return where + ": the text is not valid UTF-8 (re-save the file with UTF-8 encoding)";
}

// '007', '-01': a whole number written with leading zeros (but not '0' or '0.5').
bool has_leading_zero(std::string_view v) {
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
  return v.size() > 1 && v[0] == '0' && v[1] >= '0' && v[1] <= '9';
}

std::string unescape(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    out.push_back(v[i]);
    if (v[i] == '"' && i + 1 < v.size() && v[i + 1] == '"') ++i;
  }
  return out;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view data, const std::string& source, char delimiter)
      : data_(data), source_(source), delim_(delimiter) {}

  void set_names(const std::vector<std::string>* names) { names_ = names; }

  // Reads the next non-blank record into `fields`; false at the end of input.
  bool next(std::vector<Span>& fields, int64_t& record_line) {
    const size_t n = data_.size();
    while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
      if (data_[pos_] == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
    }
    if (pos_ >= n) return false;
    record_line = line_;
    fields.clear();
    for (;;) {
      const size_t column = fields.size();
      if (pos_ < n && data_[pos_] == '"') {
        const int64_t open_line = line_;
        const size_t start = pos_ + 1;
        size_t p = start;
        bool escaped = false;
        for (;;) {
          const void* hit = p < n ? std::memchr(data_.data() + p, '"', n - p) : nullptr;
          if (!hit) {
            throw CsvError(where(open_line, column) + ": a quoted field opens here and is never closed " +
                           "(expected a closing '\"')");
          }
          const size_t q = static_cast<const char*>(hit) - data_.data();
          line_ += std::count(data_.begin() + p, data_.begin() + q, '\n');
          if (q + 1 < n && data_[q + 1] == '"') {
            escaped = true;
            p = q + 2;
            continue;
          }
          fields.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(q - start), escaped});
          pos_ = q + 1;
          break;
        }
        if (pos_ < n && data_[pos_] != delim_ && data_[pos_] != '\n' && data_[pos_] != '\r') {
          throw CsvError(where(line_, column) + ": unexpected '" + std::string(1, data_[pos_]) +
                         "' after a closing quote (expected a delimiter or the end of the line)");
        }
      } else {
        size_t p = pos_;
        while (p < n) {
          const char c = data_[p];
          if (c == delim_ || c == '\n' || c == '\r') break;
          ++p;
        }
        fields.push_back({static_cast<uint32_t>(pos_), static_cast<uint32_t>(p - pos_), false});
        pos_ = p;
      }
      if (pos_ >= n) return true;
      const char c = data_[pos_];
      if (c == delim_) {
        ++pos_;
        continue;
      }
      if (c == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      return true;
    }
  }

  std::string where(int64_t line, size_t column) const {
    std::string s = source_ + ": line " + std::to_string(line);
    if (names_ && column < names_->size())
      s += ", column '" + (*names_)[column] + "'";
    else
      s += ", field " + std::to_string(column + 1);
    return s;
  }

 private:
  std::string_view data_;
  const std::string& source_;
  char delim_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  const std::vector<std::string>* names_ = nullptr;
};

struct ColumnBuilder {
  std::string_view data;
  const CsvOptions* options;
  const std::string& source;

  std::string_view text(const Span& s, std::string& scratch) const {
    std::string_view raw = data.substr(s.offset, s.length);
    if (!s.escaped) return raw;
    scratch = unescape(raw);
    return scratch;
  }

  bool is_missing(std::string_view v) const {
    if (v.empty()) return true;
    for (const auto& token : options->missing_tokens)
      if (v == token) return true;
    return false;
  }

  Column build(const std::string& name, const std::vector<Span>& spans, const std::vector<int64_t>& lines) const {
    Column col;
    col.name = name;
    const bool forced = std::find(options->categorical.begin(), options->categorical.end(), name) !=
                        options->categorical.end();
    std::string scratch;
    if (!forced) {
      col.values.resize(spans.size());
      bool numeric = true, whole = true;
      int64_t zero_line = -1;
      std::string_view zero_value;
      for (size_t r = 0; r < spans.size(); ++r) {
        std::string_view v = text(spans[r], scratch);
        if (is_missing(v)) {
          col.values[r] = std::nan("");
          continue;
        }
        double x;
        if (!parse_number(v, x)) {
          numeric = false;
          col.first_text_line = lines[r];
          col.first_text_value = shown(v);
          break;
        }
        col.values[r] = x;
        whole = whole && x == std::floor(x) && std::fabs(x) < 9007199254740992.0;
        if (zero_line < 0 && has_leading_zero(v)) zero_line = lines[r], zero_value = v;
      }
      if (numeric && whole && zero_line >= 0) {
        // Kept as text (zip codes, ids): read as numbers, '02134' would become 2134.
        numeric = false;
        col.leading_zero_line = zero_line;
        col.leading_zero_value = shown(zero_value);
      }
      if (numeric) {
        col.type = whole ? ColumnType::Integer : ColumnType::Numeric;
        return col;
      }
      col.values.clear();
      col.values.shrink_to_fit();
    }
    col.type = ColumnType::Categorical;
    std::deque<std::string> owned;  // unescaped texts the map's keys point into
    std::unordered_map<std::string_view, int32_t> index;
    std::vector<std::string_view> found;
    col.codes.resize(spans.size());
    for (size_t r = 0; r < spans.size(); ++r) {
      std::string_view v = data.substr(spans[r].offset, spans[r].length);
      if (spans[r].escaped) {
        owned.push_back(unescape(v));
        v = owned.back();
      }
      if (is_missing(v)) {
        col.codes[r] = -1;
        continue;
      }
      auto it = index.find(v);
      if (it == index.end()) {
        if (!valid_utf8(v)) throw CsvError(not_utf8(source + ": line " + std::to_string(lines[r]) + ", column '" + name + "'"));
        it = index.emplace(v, static_cast<int32_t>(found.size())).first;
        found.push_back(v);
      }
      col.codes[r] = it->second;
    }
    // Levels in byte order, so codes do not depend on the hash table.
    std::vector<int32_t> order(found.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return found[a] < found[b]; });
    std::vector<int32_t> remap(found.size());
    col.levels.reserve(found.size());
    for (size_t i = 0; i < order.size(); ++i) {
      remap[order[i]] = static_cast<int32_t>(i);
      col.levels.emplace_back(found[order[i]]);
    }
    for (auto& c : col.codes)
      if (c >= 0) c = remap[c];
    return col;
  }
};

}  // namespace

Table read_csv(std::string_view bytes, const std::string& source, const CsvOptions& options) {
  if (bytes.size() >= 0xFFFFFFFFull)
    throw CsvError(source + ": the file is larger than 4 GB, which this reader does not support");
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF) {
    bytes.remove_prefix(3);  // UTF-8 byte-order mark; offsets below are relative to the rest
  }
  Tokenizer tok(bytes, source, options.delimiter);
  std::vector<Span> fields;
  int64_t line = 0;
  if (!tok.next(fields, line))
    throw CsvError(source + " is empty: expected a header line naming the columns");

  std::vector<std::string> names;
  std::string scratch;
  for (size_t c = 0; c < fields.size(); ++c) {
    std::string_view raw = bytes.substr(fields[c].offset, fields[c].length);
    std::string name = fields[c].escaped ? unescape(raw) : std::string(raw);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(name.begin());
    if (name.empty())
      throw CsvError(source + ": line " + std::to_string(line) + ", field " + std::to_string(c + 1) +
                     ": the header has an empty column name");
    if (!valid_utf8(name))
      throw CsvError(not_utf8(source + ": line " + std::to_string(line) + ", field " + std::to_string(c + 1)));
    for (const auto& other : names)
      if (other == name)
        throw CsvError(source + ": line " + std::to_string(line) + ": the header names column '" + name +
                       "' twice");
    names.push_back(std::move(name));
  }
  if (names.size() == 1 && !options.delimiter_given) {
    // One column whose name holds another common delimiter: the file is almost
    // surely separated by it (European spreadsheets save ';').
    for (const char d : {';', '\t', '|'}) {
      if (names[0].find(d) == std::string::npos) continue;
      const std::string shown_d = d == '\t' ? std::string("a tab") : "'" + std::string(1, d) + "'";
      throw CsvError(source + ": line " + std::to_string(line) + ": the header reads as one column '" +
                     shown(names[0]) + "', which holds " + shown_d + ": the file looks separated by " + shown_d +
                     " rather than commas (save it as comma-separated, or give the delimiter: in the CLI, --delimiter" +
                     (d == '\t' ? std::string(" tab") : " '" + std::string(1, d) + "'") + ")");
    }
  }
  tok.set_names(&names);

  const size_t m = names.size();
  std::vector<std::vector<Span>> columns(m);
  std::vector<int64_t> lines;
  const size_t estimate = bytes.size() / (8 * m + 1);
  for (auto& c : columns) c.reserve(estimate);
  lines.reserve(estimate);
  while (tok.next(fields, line)) {
    if (fields.size() != m) {
      throw CsvError(source + ": line " + std::to_string(line) + " has " + std::to_string(fields.size()) +
                     (fields.size() == 1 ? " field" : " fields") + ", but the header has " + std::to_string(m) +
                     " (expected one value per column)");
    }
    for (size_t c = 0; c < m; ++c) columns[c].push_back(fields[c]);
    lines.push_back(line);
  }
  if (lines.empty()) throw CsvError(source + ": the header is there but there are no data lines");

  ColumnBuilder builder{bytes, &options, source};
  std::vector<Column> built(m);
  parallel_for(m, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      built[c] = builder.build(names[c], columns[c], lines);
      std::vector<Span>().swap(columns[c]);  // free as we go: peak memory stays near one copy
    }
  });

  Table table(source);
  for (auto& col : built) table.add_column(std::move(col));
  bool contiguous = true;
  for (size_t r = 0; r < lines.size() && contiguous; ++r) contiguous = lines[r] == static_cast<int64_t>(r) + 2;
  if (!contiguous) table.set_row_lines(std::move(lines));
  return table;
}

Table read_csv_file(const std::string& path, const CsvOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open '" + path + "': " + std::strerror(errno));
  // Read straight into one buffer of the file's size: a stream buffer plus its copy would hold the file twice.
  // (A pipe has no size: read it through a stream.)
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  std::string bytes;
  if (size >= 0) {
    in.seekg(0, std::ios::beg);
    bytes.resize(static_cast<size_t>(size));
    if (size > 0 && !in.read(bytes.data(), size)) throw InputError("cannot read '" + path + "'");
  } else {
    in.clear();
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = std::move(buffer).str();
  }
  return read_csv(bytes, path, options);
}

}  // namespace incrementa
