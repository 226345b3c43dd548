// A marketing-mix world with known truth: weekly sales = baseline + trend +
// yearly seasonality + sum over channels of beta_c * logistic(adstock(spend_c))
// + noise, with geometric adstock (normalised, 8 weeks) — the generating
// process of the PyMC-Marketing example, with more channels. Spend comes in
// flights (bursts of weeks on, then off) and channels share a seasonal budget
// plan, so they are correlated as real media plans are.
// Columns: week (ISO Monday dates from 2021-01-04), sales, one spend column
// per channel (tv, search, social, radio, print, video, ...), a 0/1 `promo`
// control, and true_<channel>: the channel's true weekly contribution.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct MmmWorld {
  size_t weeks = 156;
  size_t channels = 3;
  double noise = 1.0;  // noise sd = noise x 2% of the baseline
  uint64_t seed = 1;
};

struct MmmWorldChannel {
  std::string name;
  double decay = 0, lam = 0, beta = 0;  // lam acts on spend / the channel's largest week
};

struct MmmWorldTruth {
  Table table;
  std::vector<MmmWorldChannel> channels;
};

MmmWorldTruth simulate_mmm(const MmmWorld& world);

}  // namespace incrementa
