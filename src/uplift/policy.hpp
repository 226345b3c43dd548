// Targeting policies from predicted uplift: the doubly robust score of each row, the cost-aware rule, and the
// policy curve (top k% by predicted uplift for every percent) that the page's slider reads.
//
// DR score (AIPW): Gamma_i = mu1 - mu0 + w (y - mu1) / e - (1 - w)(y - mu0) / (1 - e), with out-of-fold
// nuisances; the mean of Gamma over the rows a policy treats, divided by all rows, is the policy's DR gain
// over treating no one (the same figure as evaluate_policy's dr_gain).
//
// Cost-aware rule: with `value` per unit of outcome (e.g. per conversion) and `cost` per treated row, treating
// row i is worth value * tau_i - cost, so the rule treats when value * tau_hat > cost (threshold cost / value).
// Net value per row of a policy = value * DR gain - cost * treated share.
#pragma once
#include <cstddef>
#include <vector>

namespace incrementa {

std::vector<double> dr_scores(const std::vector<double>& y, const std::vector<int>& w, const std::vector<double>& e,
                              const std::vector<double>& mu0, const std::vector<double>& mu1);

struct CostModel {
  double cost = 0;   // per treated row, >= 0
  double value = 1;  // per unit of outcome, > 0
  double threshold() const { return cost / value; }
  // 1 where value * tau_hat > cost.
  std::vector<double> policy(const std::vector<double>& tau_hat) const;
};
// Throws ConfigError for a negative or non-finite cost, or a value that is not > 0.
void check_cost_model(const CostModel& c);

struct PolicyCurvePoint {
  double share = 0;      // j / steps, the asked treated share
  size_t treated = 0;    // rows treated: llround(share * n), highest predicted uplift first (stable ties)
  double threshold = 0;  // predicted uplift of the last treated row (NaN when none is treated)
  double gain = 0, gain_se = 0;  // DR gain per row over treating no one, and its SE (sd of per-row terms / sqrt n)
  double net_value = 0;          // value * gain - cost * treated / n (NaN without a cost model)
  double true_gain = 0;          // mean over all rows of 1{treated} tau_true (NaN without the truth)
};

// One stable sort and prefix sums: steps + 1 points, shares 0, 1/steps, ..., 1.
// truth: true CATE per row or empty; cost: nullptr for none.
std::vector<PolicyCurvePoint> policy_curve(const std::vector<double>& tau_hat, const std::vector<double>& dr_score,
                                           const std::vector<double>& truth, const CostModel* cost, size_t steps = 100);

}  // namespace incrementa
