// What a channel's fitted curve says: its KPI over the observed weeks if its
// spend in every week were multiplied by m (the weekly pattern kept).
// Adstock is linear, so scaling spend scales adstocked spend.
#pragma once
#include <vector>

#include "mmm/search.hpp"

namespace incrementa::mmm {

double channel_kpi(const ChannelModel& ch, Saturation saturation, double multiplier);

// d KPI / d spend at the observed spend (central difference of 1%).
double marginal_roi(const ChannelModel& ch, Saturation saturation, double spend);

struct Allocation {
  double total = 0;                       // spend placed
  std::vector<double> spend;              // per channel
  std::vector<double> kpi;                // per channel: its media KPI at that spend
  double grid_step = 0;                   // spend resolution of the exact search
};

// Maximise sum_c channel_kpi(c, m_c) with sum_c m_c spend_c <= total and
// lower <= m_c <= upper: exact dynamic programme over a spend grid (any curve
// shape, S-shaped Hill included), then the unspent remainder is not placed.
Allocation allocate(const std::vector<ChannelModel>& channels, Saturation saturation, const std::vector<double>& spend,
                    double total, double lower, double upper);

}  // namespace incrementa::mmm
