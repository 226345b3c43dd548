// Scoring a shock. The model is linear with coefficients shared by all
// customers, so the counterfactual minus the baseline (the delta) obeys the
// same equations without intercepts and X0 terms, and is linear in the
// shocked values: a zero shock sets a customer's delta to -(observed value),
// a scale by s to (s - 1) * observed + s * (delta from upstream), an add of a
// to delta + a. Summed over customers, the delta of the totals therefore
// propagates exactly like one customer's delta with the period totals of the
// surrogates in place of the values (and n * a for an add). Scoring needs only
// those totals (periods x variables, computed once per panel) and costs
// O(T * V * (L * K + E)) per shock, independent of the number of customers —
// that is what makes re-scoring and Shapley games fast.
//
// Baseline = the observed outcome totals; counterfactual = baseline + delta,
// i.e. each customer's residuals are held fixed ("same noise") and the shock is
// propagated recursively period by period, same-period ES equations first.
// Incremental = baseline - counterfactual. No clamping (a linear model's
// counterfactual may go below zero).
#pragma once
#include <vector>

#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "dcm/shock.hpp"

namespace incrementa::dcm {

// Period totals of every variable (T x V, row-major) and the customer count.
struct Totals {
  std::vector<double> sums;
  double n = 0;
};
Totals panel_totals(const Panel& p);
// The same per bootstrap bucket (customers hashed as in training).
std::vector<Totals> bucket_totals(const Panel& p, uint64_t seed, size_t buckets);

// A shock resolved to variable indices and period indices.
struct ResolvedShock {
  std::vector<size_t> vars;
  ShockType type = ShockType::Zero;
  double value = 0;
  size_t from = 0, to = 0;  // inclusive period indices
};
std::vector<ResolvedShock> resolve(const Model& m, const std::vector<Shock>& shocks);
// Checks the panel matches the model (variables, periods).
void check_panel(const Model& m, const Panel& p);

// The delta of the outcome total per period (counterfactual - baseline), with
// the given coefficients (m's own, or a bootstrap replicate's: one per equation).
std::vector<double> outcome_delta(const Model& m, const std::vector<const Eigen::VectorXd*>& coef, const Totals& totals,
                                  const std::vector<ResolvedShock>& shocks);
std::vector<const Eigen::VectorXd*> model_coef(const Model& m);
std::vector<const Eigen::VectorXd*> replicate_coef(const Model& m, size_t r);

}  // namespace incrementa::dcm
