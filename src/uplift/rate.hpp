// Rank-weighted average treatment effect (RATE; Yadlowsky, Fleming, Shah, Brunskill & Wager 2021, grf's
// rank_average_treatment_effect) of a prioritisation rule, with doubly robust scores as the per-row effect.
//
// Rows are sorted by priority, highest first; rows with equal priority form a tie group and each takes the
// group's mean score (as grf does). With n rows, Gamma_(1..n) the sorted scores and ATE their mean, the
// Targeting Operator Characteristic after the first k rows is
//     TOC(k/n) = mean(Gamma_(1..k)) - ATE,
// the effect among the top k/n of rows over the average effect. Then
//     AUTOC = (1/n) sum_k TOC(k/n)            (area under the TOC; weights every depth equally)
//     Qini  = (1/n) sum_k (k/n) TOC(k/n)      (weights depth k/n: rewards rules that help at wide targeting)
// Both are 0 for a rule unrelated to the effect. Standard errors come from the half-sample bootstrap grf uses:
// each replicate takes floor(n/2) rows without replacement (its spread matches the full sample's sampling
// spread), recomputes the statistics, and the SE is the replicates' standard deviation. Replicate b draws from
// its own stream Rng(seed).split(b), so results are identical at any thread count.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace incrementa {

struct RateEstimate {
  double estimate = 0, se = 0;
};

struct RateResult {
  RateEstimate autoc, qini;
  std::vector<double> q;       // grid of treated shares j / grid, j = 1..grid
  std::vector<double> toc;     // TOC after the first ceil(q n) rows
  std::vector<double> toc_se;  // its bootstrap SE
  size_t replicates = 0;
};

// priority: higher = treat first (e.g. the predicted CATE). score: per-row effect estimate (DR score).
RateResult rank_average_treatment_effect(const std::vector<double>& priority, const std::vector<double>& score,
                                         size_t replicates = 200, uint64_t seed = 1, size_t grid = 100);

}  // namespace incrementa
