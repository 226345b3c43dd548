// The evaluation, policy and teaching sections of an uplift result (per arm vs the control), built from the
// out-of-fold predictions and nuisances: calibration (best linear predictor test), R-loss, RATE with the TOC
// curve, the cost-aware policy and net values, the policy curve the page's slider reads, CATE segments
// ("sleeping dogs"), propensity-trimming counts, and the truth figures when a true-CATE column is given.
// uplift_json.cpp calls these; the options are read and checked here.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "api/json_util.hpp"
#include "core/table.hpp"
#include "uplift/evaluation.hpp"
#include "uplift/policy.hpp"

namespace incrementa {

struct UpliftEvalOptions {
  bool has_cost = false;  // "cost" or "value" given
  CostModel cost;
  double trim = 0;        // rows with propensity outside [trim, 1 - trim] are left out of the evaluation
  std::string true_cate;  // column holding the true CATE (simulated worlds), or empty
  size_t rate_replicates = 200;
  uint64_t seed = 1;
};

// Reads "cost", "value", "trim", "true_cate" (ConfigError / InputError with the reason).
UpliftEvalOptions parse_uplift_eval_options(const Json& options, uint64_t seed);

// Leaves the truth columns (the true_cate column and a "true_propensity" column) out of an automatic feature
// list; a true_cate column named among explicit "features" is an InputError (it would leak the answer).
void drop_truth_features(std::vector<std::string>& features, const Json& options, const UpliftEvalOptions& eo,
                         const Table& table);

// The true CATE per table row (empty without true_cate). Errors: missing, non-numeric or blank cells; several
// treated arms (one truth column describes one comparison).
std::vector<double> read_true_cate(const Table& table, const UpliftEvalOptions& eo, size_t arm_count);

// True when a row's propensity falls outside [trim, 1 - trim]; counts it as low or high.
bool trimmed_out(double e, const UpliftEvalOptions& eo, size_t& low, size_t& high);

struct UpliftEvalInput {
  // Over the comparison's evaluated (kept) rows:
  const std::vector<double>& cate;
  const std::vector<double>& y;
  const std::vector<int>& w;
  const std::vector<double>& e;
  const std::vector<double>& mu0;
  const std::vector<double>& mu1;
  const std::vector<size_t>& rows;  // their table rows
  const Eigen::MatrixXd& design;    // every table row
  const std::vector<std::string>& design_names;
  double threshold = 0, top_share = 0.2;  // the learned policies' settings
  const std::vector<double>& truth;       // per table row, or empty
  size_t trimmed_low = 0, trimmed_high = 0;
};

// Adds to the arm's JSON (which already holds "policies"): net values and learned_cost_aware in "policies",
// and "trimmed", "calibration", "r_loss", "rate", "policy_curve", "segments", "cost_model"?, "truth"?.
void add_uplift_evaluation(Json& arm, const UpliftEvalInput& in, const UpliftEvalOptions& eo);

// The definitions of those sections, merged into the result's "definitions".
Json uplift_eval_definitions();

// One entry of "policies": the policy's name, treated share and its IPW / SNIPW / DR values with SEs.
Json policy_json(const std::string& name, const PolicyValue& v);

}  // namespace incrementa
