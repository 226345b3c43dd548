// Evaluating CATE predictions without ground truth, on out-of-fold predictions of one arm vs the control:
// uplift and Qini curves, AUUC and Qini coefficients in the definitions the common libraries use, uplift by
// decile with intervals, and off-policy values (IPW, self-normalised IPW, doubly robust) of a policy.
//
// Curves. Rows are sorted by predicted uplift, highest first (ties keep input order and share one curve
// point, as in scikit-uplift). After the first k rows, with Yt, Yc the summed outcomes and Nt, Nc the counts
// of treated and control rows among them:
//   uplift curve  U(k) = (Yt/Nt - Yc/Nc) k        (a term is 0 while its count is 0)
//   Qini curve    Q(k) = Yt - Yc Nt/Nc
// The random line joins (0, 0) to (n, U(n)) (or (n, Q(n))).
#pragma once
#include <cstddef>
#include <vector>

namespace incrementa {

struct UpliftCurves {
  std::vector<double> k;       // rows targeted, 0 first, one point per distinct score
  std::vector<double> uplift;  // U(k)
  std::vector<double> qini;    // Q(k)
};

// y: outcome, w: 1 treated / 0 control, score: predicted uplift. All the same length.
UpliftCurves uplift_curves(const std::vector<double>& score, const std::vector<double>& y, const std::vector<int>& w);

struct UpliftMetrics {
  // scikit-uplift uplift_auc_score: (area(U) - area(random)) / (area(perfect U) - area(random)); the
  // perfect ranking puts treated responders first and control responders last. 0/1 outcomes only (NaN else).
  double auuc_sklift = 0;
  // scikit-uplift qini_auc_score (negative_effect=True): the same with Q and the perfect ranking by
  // y (2w - 1) (for a numeric outcome this extends its formula).
  double qini_sklift = 0;
  // CausalML auuc_score(normalize=True): mean over k = 0..n of U(k) / |U(n)| (0.5 for the random line).
  double auuc_causalml = 0;
  // CausalML qini_score(normalize=True): mean over k of Q(k)/|Q(n)| minus the same for the random line.
  double qini_causalml = 0;
  // Random-line-subtracted areas with both axes per row of the population (x = k/n, y = curve/n):
  // incremental outcome per row gained by the ranking over random targeting, averaged over targeting depths.
  double uplift_area_over_random = 0;
  double qini_area_over_random = 0;
};

UpliftMetrics uplift_metrics(const std::vector<double>& score, const std::vector<double>& y, const std::vector<int>& w,
                             bool binary_outcome);

struct DecileRow {
  size_t n_treated = 0, n_control = 0;
  double predicted = 0;  // mean predicted uplift
  double observed = 0;   // mean(y | treated) - mean(y | control) in the decile (NaN with < 2 rows in an arm)
  double se = 0;         // sqrt(var_t / n_t + var_c / n_c)
  double lo = 0, hi = 0; // observed -/+ 1.96 se
};
// Ten groups of (nearly) equal size by predicted uplift, highest first.
std::vector<DecileRow> uplift_by_decile(const std::vector<double>& score, const std::vector<double>& y,
                                        const std::vector<int>& w, size_t groups = 10);

struct PolicyValue {
  double treated_share = 0;
  double ipw = 0, ipw_se = 0;
  double snipw = 0, snipw_se = 0;
  double dr = 0, dr_se = 0;
  double dr_gain = 0, dr_gain_se = 0;  // DR value minus the DR value of treating no one (paired)
};
// policy[i] = probability of treating row i. e: P(W = 1 | x) (clipped, > 0 and < 1); mu0, mu1: out-of-fold
// outcome models. Standard errors are sd(per-row terms) / sqrt(n) (for SNIPW, of its linearisation).
PolicyValue evaluate_policy(const std::vector<double>& policy, const std::vector<double>& y, const std::vector<int>& w,
                            const std::vector<double>& e, const std::vector<double>& mu0, const std::vector<double>& mu1);

}  // namespace incrementa
