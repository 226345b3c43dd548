// CATE estimation with cross-fitting: S-, T-, X-, R- and DR-learners over any base learner (src/learn/),
// each giving OUT-OF-FOLD predictions (a row's CATE comes from models that never saw that row), plus the
// propensity (known or cross-fitted logistic, clipped) and its diagnostics.
//
// One comparison is one arm vs the control: arm[i] = 1 (treated), 0 (control) or -1 (a row of another arm:
// not used to fit, but predicted, from the models of its fold).
//   T:  tau = mu1(x) - mu0(x), mu_a fitted on arm a's rows.
//   S:  one model of y on [x, w, w x] (the interactions let an additive base find a varying effect);
//       tau = f(x, 1) - f(x, 0).
//   X:  (Kuenzel et al. 2019) D1 = y - mu0(x) on treated rows, D0 = mu1(x) - y on control rows; tau1, tau0
//       fitted on them; tau = e(x) tau0(x) + (1 - e(x)) tau1(x).
//   DR: (Kennedy 2020) pseudo-outcome psi = mu1 - mu0 + w (y - mu1)/e - (1 - w)(y - mu0)/(1 - e) with
//       out-of-fold nuisances, regressed on x, again out of fold.
//   R:  (Nie & Wager 2021) residuals y~ = y - m(x), w~ = w - e(x) with out-of-fold m, e; tau minimises
//       sum (y~ - w~ tau(x))^2, i.e. a regression of y~/w~ on x with weights w~^2, out of fold.
// Effect models (X second stage, DR and R final stages) use the base learner when it is a regressor, and
// the linear learner when the base is a classifier (their targets are not 0/1).
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/run_context.hpp"

namespace incrementa {

struct MetaOptions {
  std::string learner = "dr";    // s, t, x, r, dr, causal_forest (uplift/causal_forest.hpp)
  std::string base = "linear";   // see make_learner
  bool estimate_propensity = false;
  double clip = 0.01;            // propensities are clipped to [clip, 1 - clip]
  double ridge = -1;             // base learners' default when negative
  uint64_t seed = 1;
  size_t trees = 0;              // tree learners and the causal forest: trees (0: their default)
};

// Fold of every row, 0..k-1: rows are shuffled within each arm code (own Fisher-Yates, seeded) and dealt
// round-robin, so every fold holds about the same share of each arm.
std::vector<int> make_folds(const std::vector<int>& arm_code, size_t k, uint64_t seed);

struct PropensityDiagnostics {
  bool estimated = false;
  double auc = 0;             // ROC AUC of the out-of-fold propensity for the arm (0.5 = no signal); NaN if known
  double share_outside = 0;   // share of the comparison's rows with e outside [0.05, 0.95] (before clipping)
  size_t clipped_low = 0, clipped_high = 0;
  double min = 0, max = 0;    // before clipping
  std::vector<size_t> hist_treated, hist_control;  // 20 bins of width 0.05 on [0, 1]
};

struct ArmEstimate {
  std::vector<double> cate;  // every row (out of fold)
  std::vector<double> e;     // clipped propensity, every row
  std::vector<double> mu0, mu1;  // out-of-fold outcome models, every row
  std::vector<double> cate_se;   // standard error of cate per row (causal forest only; empty otherwise)
  size_t forest_trees = 0, forest_nodes = 0, forest_bytes = 0;  // causal forest only: its size in memory
  PropensityDiagnostics propensity;
};

ArmEstimate estimate_arm(const Eigen::MatrixXd& x, const std::vector<double>& y, const std::vector<int>& arm,
                         const std::vector<int>& folds, size_t k, const MetaOptions& options,
                         const RunContext* context = nullptr);

// ROC AUC of score for label 1 vs 0 (ties count one half), by ranks.
double roc_auc(const std::vector<double>& score, const std::vector<int>& label);

}  // namespace incrementa
