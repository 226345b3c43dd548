// Fitting the non-linear parameters: each channel's adstock and saturation
// shape is found by coordinate search (a coarse grid per channel, then
// sweeps of a 1-D grid plus golden-section search per parameter), the
// linear part solved exactly at every step (MediaRegression).
#pragma once
#include <string>
#include <vector>

#include "core/run_context.hpp"
#include "mmm/regression.hpp"

namespace incrementa::mmm {

struct ChannelModel {
  Shape shape;
  double scale = 1;                 // largest weekly spend: saturation acts on adstocked spend / scale
  double beta = 0;                  // KPI at full saturation
  std::vector<double> adstocked;    // per week, spend units
  std::vector<double> media;        // per week, saturation in [0, 1)
};

struct MmmFit {
  std::vector<ChannelModel> channels;
  Coefficients coef;
  double ridge = 0;
  size_t rows = 0;                  // weeks the fit used (the first `rows`)
  std::vector<double> fitted;       // every week
  std::vector<std::string> at_bound;  // "tv_S: decay" when a parameter ends on its search bound
};

// A parameter's search range (and what it is called in reports).
struct ParamRange {
  const char* name;
  double lo, hi;
};
std::vector<ParamRange> channel_params(Adstock adstock, Saturation saturation);
double& param_ref(Shape& s, const char* name);

// The media column of a channel for a shape (adstock, then saturation).
void shape_channel(const std::vector<double>& spend, const MmmOptions& o, ChannelModel& ch);

// warm: start from this fit's shapes with a local search only (bootstrap refits).
MmmFit fit_mmm(const MmmData& data, const BaseDesign& base, const std::vector<double>& y, const MmmOptions& o,
               double ridge, size_t rows, const MmmFit* warm, const RunContext* context);

}  // namespace incrementa::mmm
