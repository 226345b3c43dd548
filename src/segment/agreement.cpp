#include "segment/agreement.hpp"

#include <algorithm>
#include <cstddef>

#include "core/error.hpp"

namespace incrementa::segment {

namespace {
// Dense 0..m-1 codes of arbitrary integer labels.
std::vector<size_t> dense(const std::vector<int>& labels, size_t& m) {
  std::vector<int> levels(labels);
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  m = levels.size();
  std::vector<size_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i)
    out[i] = static_cast<size_t>(std::lower_bound(levels.begin(), levels.end(), labels[i]) - levels.begin());
  return out;
}
double pairs(double x) { return x * (x - 1) / 2; }
}  // namespace

double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) throw InputError("adjusted_rand_index: partitions of different sizes");
  const size_t n = a.size();
  size_t ma = 0, mb = 0;
  const auto da = dense(a, ma), db = dense(b, mb);
  std::vector<double> table(ma * mb, 0.0), ra(ma, 0.0), rb(mb, 0.0);
  for (size_t i = 0; i < n; ++i) {
    table[da[i] * mb + db[i]] += 1;
    ra[da[i]] += 1;
    rb[db[i]] += 1;
  }
  double index = 0, sa = 0, sb = 0;
  for (double c : table) index += pairs(c);
  for (double c : ra) sa += pairs(c);
  for (double c : rb) sb += pairs(c);
  const double expected = n < 2 ? 0 : sa * sb / pairs(static_cast<double>(n));
  const double max_index = (sa + sb) / 2;
  if (max_index == expected) return 1.0;
  return (index - expected) / (max_index - expected);
}

std::vector<double> best_match_jaccard(const std::vector<int>& a, size_t clusters_a, const std::vector<int>& b) {
  size_t mb = 0;
  const auto db = dense(b, mb);
  std::vector<double> both(clusters_a * mb, 0.0), na(clusters_a, 0.0), nb(mb, 0.0);
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t la = static_cast<size_t>(a[i]);
    both[la * mb + db[i]] += 1;
    na[la] += 1;
    nb[db[i]] += 1;
  }
  std::vector<double> out(clusters_a, 0.0);
  for (size_t c = 0; c < clusters_a; ++c)
    for (size_t q = 0; q < mb; ++q) {
      const double inter = both[c * mb + q], uni = na[c] + nb[q] - inter;
      if (uni > 0) out[c] = std::max(out[c], inter / uni);
    }
  return out;
}

}  // namespace incrementa::segment
