// The naive "users vs non-users" comparison a DCM is meant to replace: split
// the customers by their use of the shocked surrogates over the shock's
// window (users = window total above the panel's median; with count data
// whose median is 0 that is "used it at all"), read the users' excess outcome
// per unit of extra use, and scale it to all the use the shock removes:
//   per_unit = (mean outcome users - non-users) / (mean use users - non-users)
//   naive    = per_unit x (total use over the window, all customers) x f,
// f = 1 for zero shocks, (1 - s) for a scale by s (add shocks: not defined).
// When non-users have no use at all this is users x (mean outcome
// difference), the textbook "users spend this much more" figure.
// It is biased whenever pre-period features X0 drive both use and the
// outcome (selection); the X0 mean differences between the groups show it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "dcm/panel.hpp"
#include "dcm/score.hpp"

namespace incrementa::dcm {

struct NaiveComparison {
  std::optional<double> incremental;  // empty when not defined (reason says why)
  std::string reason;
  size_t users = 0, non_users = 0;
  double threshold = 0;                 // median window use: users have more
  double mean_users = 0, mean_non_users = 0;  // window outcome per customer
  double mean_use_users = 0, mean_use_non_users = 0, total_use = 0;  // window use of the shocked surrogates
  double per_unit = 0;
  std::vector<double> x0_difference;   // per feature: mean(users) - mean(non-users)
};

NaiveComparison naive_comparison(const Panel& panel, const std::vector<ResolvedShock>& shocks);

}  // namespace incrementa::dcm
