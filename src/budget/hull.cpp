#include "budget/hull.hpp"

#include <algorithm>
#include <limits>

namespace incrementa {

double HullStep::ratio() const { return dc > 0 ? dv / dc : std::numeric_limits<double>::infinity(); }

size_t customer_hull(const BudgetProblem& pr, size_t i, HullStep* out) {
  struct Pt {
    double c, v;
    uint8_t k;
  };
  const size_t K = pr.offers();
  Pt cand[65];
  size_t m = 0;
  // Start: the best zero-cost option (none unless a free offer adds value).
  Pt start{0, 0, 0};
  for (size_t k = 1; k <= K; ++k) {
    const double c = pr.cost(i, k), v = pr.value(i, k);
    if (c <= 0 && v > start.v) start = {0, v, static_cast<uint8_t>(k)};
  }
  for (size_t k = 1; k <= K; ++k) {
    const double c = pr.cost(i, k), v = pr.value(i, k);
    if (c > 0 && v > start.v) cand[m++] = {c, v, static_cast<uint8_t>(k)};
  }
  // Cost ascending; at equal cost the larger value first, then the lower index.
  std::sort(cand, cand + m, [](const Pt& a, const Pt& b) {
    if (a.c != b.c) return a.c < b.c;
    if (a.v != b.v) return a.v > b.v;
    return a.k < b.k;
  });
  Pt hull[66];
  size_t h = 0;
  hull[h++] = {0, 0, 0};
  if (start.k != 0) hull[h++] = start;
  const size_t first = h;  // the zero-cost step is never popped
  for (size_t j = 0; j < m; ++j) {
    const Pt& p = cand[j];
    if (p.v <= hull[h - 1].v) continue;  // dominated: costs at least as much, adds nothing
    while (h > first) {
      const Pt& o = hull[h - 2];
      const Pt& a = hull[h - 1];
      // a is on or below the chord o -> p: drop it.
      const double cross = (a.c - o.c) * (p.v - o.v) - (a.v - o.v) * (p.c - o.c);
      if (cross >= 0) --h;
      else break;
    }
    hull[h++] = p;
  }
  for (size_t s = 1; s < h; ++s) {
    HullStep& st = out[s - 1];
    st.from = hull[s - 1].k;
    st.to = hull[s].k;
    st.dc = pr.cost(i, st.to) - pr.cost(i, st.from);
    st.dv = pr.value(i, st.to) - pr.value(i, st.from);
    st.dconv = pr.conv(i, st.to) - pr.conv(i, st.from);
  }
  return h - 1;
}

}  // namespace incrementa
