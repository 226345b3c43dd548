// The JSON face of uplift targeting (src/uplift/, src/learn/), shared by the CLI and WASM.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

// options: {"treatment", "outcome", "control"?, "features"? [..] | "exclude"? [..],
//           "learner"?: s|t|x|r|dr|causal_forest (default dr), "base"?: linear|logistic|gbm|forest,
//           "propensity"?: known|estimated, "folds"? (5), "trees"?, "seed"?, "clip"? (0.01),
//           "threshold"? (0: treat when the predicted uplift exceeds it), "top_share"? (0.2),
//           "ridge"?, "return_predictions"?: bool (adds "predictions": {column: [per row]}),
//           "cost"?, "value"?, "trim"?, "true_cate"? (evaluation, policy and truth: api/uplift_eval_json.hpp)}
Json uplift_json(const Table& table, const Json& options, RunContext& context);

}  // namespace incrementa
