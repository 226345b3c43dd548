// Honest regression forests (learn/honest_forest.hpp): the `forest` base
// learner of the meta-learners, and out-of-bag predictions for the causal
// forest's nuisance models E[Y | x] and E[W | x].
#pragma once
#include <memory>
#include <vector>

#include "learn/honest_forest.hpp"
#include "learn/learner.hpp"

namespace incrementa {

// Out-of-bag prediction for every training row: the mean, over the trees that did not draw the row, of its
// leaf's average. A row that every tree drew (possible only with very few trees) gets the forest's
// in-sample prediction instead.
std::vector<double> regression_forest_oob(const HonestForest& forest, const FeatureBins& bins);

// Prediction with every tree for rows given by bin codes (column-major, `rows` rows).
std::vector<double> regression_forest_predict(const HonestForest& forest, const uint8_t* codes, size_t rows);

// The `forest` base learner: grf-style honest regression forest with `trees` trees (default 100),
// subsample half the rows per tree, min node size 5. Predictions are means of a 0/1 outcome for 0/1 data,
// so it serves as a regressor for both kinds of outcome.
std::unique_ptr<Learner> make_forest_learner(const LearnerOptions& options);

}  // namespace incrementa
