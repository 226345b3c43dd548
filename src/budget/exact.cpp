#include "budget/exact.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace incrementa {

ExactResult solve_exact(const BudgetProblem& pr, double budget, double roi_floor, const ExactOptions& opt,
                        const RunContext* context) {
  const size_t n = pr.customers(), K = pr.offers();
  for (const auto& f : pr.spec().offers)
    if (std::isfinite(f.cap)) throw ConfigError("the exact solver does not support per-offer caps (offer '" + f.name + "'); use the lagrangian solver");
  if (!(opt.cost_unit > 0)) throw ConfigError("exact solver: cost_unit must be > 0");
  const double units = std::floor(budget / opt.cost_unit + 1e-9);
  const double cells = static_cast<double>(n) * (units + 1) * static_cast<double>(K + 1);
  if (!(cells <= opt.max_cells))
    throw ConfigError("the exact solver would need " + format_number(std::round(cells)) +
                      " steps (customers x budget/cost_unit x options), more than " + format_number(opt.max_cells) +
                      ": use the lagrangian solver, a smaller budget or a coarser cost_unit");
  const size_t B = static_cast<size_t>(units);
  ExactResult res;
  // Whole units per option, rounded up when off the grid.
  std::vector<uint32_t> cu(n * (K + 1), 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 1; k <= K; ++k) {
      const double u = pr.cost(i, k) / opt.cost_unit;
      const double r = std::round(u);
      double whole = r;
      if (std::fabs(u - r) > 1e-7 * std::max(1.0, std::fabs(u))) {
        res.costs_on_grid = false;
        whole = std::ceil(u);
      }
      cu[i * (K + 1) + k] = whole > static_cast<double>(B) ? static_cast<uint32_t>(B + 1) : static_cast<uint32_t>(whole);
    }
  const double neg = -std::numeric_limits<double>::infinity();
  std::vector<double> best(B + 1, neg), conv(B + 1, 0), nbest(B + 1), nconv(B + 1);
  best[0] = 0;
  std::vector<uint8_t> pick(n * (B + 1), 0);
  for (size_t i = 0; i < n; ++i) {
    if (context && (i & 63) == 0) context->check();
    nbest = best;
    nconv = conv;
    uint8_t* row = &pick[i * (B + 1)];
    for (size_t k = 1; k <= K; ++k) {
      const uint32_t c = cu[i * (K + 1) + k];
      if (c > B) continue;
      const double v = pr.value(i, k), cv = pr.conv(i, k);
      for (size_t b = c; b <= B; ++b) {
        const double cand = best[b - c] + v;
        if (cand > nbest[b]) {
          nbest[b] = cand;
          nconv[b] = conv[b - c] + cv;
          row[b] = static_cast<uint8_t>(k);
        }
      }
    }
    best.swap(nbest);
    conv.swap(nconv);
  }
  // The best exact cost that meets the floor. The ROI check uses the real
  // cost of the DP's plan, which on the grid is c units.
  size_t arg = 0;
  double top = best[0];
  for (size_t b = 1; b <= B; ++b) {
    if (!(best[b] > top)) continue;
    if (!meets_roi(pr, conv[b], static_cast<double>(b) * opt.cost_unit, roi_floor)) continue;
    top = best[b];
    arg = b;
  }
  std::vector<uint8_t> choice(n, 0);
  size_t b = arg;
  for (size_t i = n; i-- > 0;) {
    const uint8_t k = pick[i * (B + 1) + b];
    choice[i] = k;
    if (k) b -= cu[i * (K + 1) + k];
  }
  res.plan = evaluate_plan(pr, std::move(choice));
  return res;
}

}  // namespace incrementa
