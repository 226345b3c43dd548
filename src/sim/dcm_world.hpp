// A customers x weeks world for the Dynamic Causal Model, linear with known
// coefficients (lag 1 and same-period effects), so a DCM with lags = 1 and
// same_period = true is correctly specified. Per customer: x1 ~ N(0, 1)
// (engagement propensity: drives both ES use and spend — selection into ES
// use, which biases a naive users-vs-non-users comparison) and x2 ~ Bernoulli(0.5).
// Each week, in this order (u = independent normal noise):
//   es_reorder = 0.5 + 0.6 x1 + 0.3 x2 + 0.5 es_reorder[-1] + 0.1 orders[-1] + u(0.5)
//   es_recs    = 0.8 + 0.4 x1 + 0.4 es_recs[-1] + 0.1 browse[-1] + u(0.6)
//   es_qa      = 0.2 + 0.3 x1 + 0.3 es_qa[-1] + u(0.3)
//   browse     = 2 + 0.5 x1 + 0.4 browse[-1] + 0.1 es_recs[-1] + 0.3 es_recs + 0.2 es_qa + u(1)
//   orders     = 0.5 + 0.3 x1 + 0.2 x2 + 0.3 orders[-1] + 0.2 browse[-1] + 0.1 es_reorder[-1]
//                + 0.4 es_reorder + 0.1 es_recs + u(0.5)
//   spend      = 5 + 4 x1 + 3 x2 + 6 orders[-1] + 0.5 browse[-1] + 2 es_reorder[-1] + 1 es_recs[-1]
//                + 8 es_reorder + 4 es_recs + 2 es_qa + u(5)
// (week 1 uses 0 for the lagged values). Channels: reminders = [es_reorder],
// discovery = [es_recs, es_qa].
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/json_util.hpp"
#include "core/table.hpp"
#include "dcm/shock.hpp"

namespace incrementa {

struct DcmWorld {
  size_t customers = 2000;
  size_t weeks = 26;
  uint64_t seed = 1;
};

// Columns: customer, week (1..weeks), x1, x2, browse, orders, es_reorder, es_recs, es_qa, spend.
// Customers are drawn in fixed chunks with their own RNG streams: the same table at any thread count.
Table simulate_dcm(const DcmWorld& world);
// The config that fits this world (lags 1, same-period effects, the two channels).
Json dcm_world_config();
// The TRUE incremental spend per week (baseline - counterfactual, summed over
// customers) of the shocks, by simulating the counterfactual with the same noise.
std::vector<double> dcm_world_truth(const DcmWorld& world, const std::vector<dcm::Shock>& shocks);

// A wide world for the speed bar (issue 6: 100,000 customers x 104 weeks x 50
// surrogates), generated customer by customer straight into a caller's buffer
// so no panel is ever held: S = surrogates - es non-ES surrogates s1..sS and
// es ES surrogates es1..esE, outcome spend, X0 = x1 ~ N(0, 1), x2 ~ Bernoulli(0.5).
// Each week (u = independent uniform noise with variance 1; lagged values of week 1 are 0):
//   es_e  = 0.3 + 0.4 x1 + 0.4 es_e[-1] + 0.5 u
//   s_k   = 1 + 0.3 x1 + 0.2 x2 + 0.3 s_k[-1] + 0.1 s_(k+1 mod S)[-1] + 0.2 es_(k mod E) + u
//   spend = 5 + 3 x1 + 2 x2 + 0.2 sum_k s_k[-1] + 0.5 sum_e es_e[-1] + sum_e es_e + 3 u
// Customer c draws from its own stream (Rng split by c): any block order gives the same values.
struct DcmWideWorld {
  size_t customers = 100000;
  size_t weeks = 104;
  size_t surrogates = 50;  // K, ES included
  size_t es = 10;          // E
  uint64_t seed = 1;
};
void check_wide(const DcmWideWorld& world);
// Variables in model order: s1..sS, es1..esE, spend.
std::vector<std::string> dcm_wide_variables(const DcmWideWorld& world);
// Config: those surrogates, features x1, x2, lags 1, same-period, one group "es" of all ES surrogates.
Json dcm_wide_config(const DcmWideWorld& world);
// Customers [begin, end): values[((c - begin) * weeks + t) * (K + 1) + v], x0[(c - begin) * 2 + f].
void simulate_dcm_wide_block(const DcmWideWorld& world, size_t begin, size_t end, double* values, double* x0);

}  // namespace incrementa
