// Training: every equation is solved from sufficient statistics (see
// stats.hpp). The bootstrap hashes customers into buckets, keeps each bucket's
// statistics, and refits each replicate from a Poisson(1)-reweighted sum of
// them: a replicate costs a weighted sum of Grams and the solves, not a pass
// over the data. With no more customers than buckets every bucket is one
// customer (the classic Poisson bootstrap over customers).
#pragma once
#include <cstdint>

#include "core/run_context.hpp"
#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "dcm/stats.hpp"

namespace incrementa::dcm {

struct TrainOptions {
  size_t bootstrap = 0;  // replicates B (0 = none)
  uint64_t seed = 1;
  size_t max_buckets = 200;
};

Model train(const Panel& panel, const Config& config, const TrainOptions& options, RunContext& context);

// A model with no equations yet: the config's variables and shape for these periods and customers.
Model model_shell(const Config& config, long first_period, size_t periods, size_t customers);

// The equations' fits from statistics (throws NumericError naming a collinear regressor).
std::vector<Equation> fit_equations(const Model& shape, const PanelStats& stats);

}  // namespace incrementa::dcm
