// The two non-linear parts of a marketing-mix model, per channel: adstock
// (spend keeps working for some weeks after it is spent) and saturation (each
// extra unit of spend buys less). Both are the forms Robyn, Meridian and
// PyMC-Marketing use, so their parameters mean the same here.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace incrementa::mmm {

enum class Adstock { Geometric, Weibull };
enum class Saturation { Logistic, Hill };

Adstock parse_adstock(const std::string& name);        // "geometric" | "weibull"; ConfigError otherwise
Saturation parse_saturation(const std::string& name);  // "logistic" | "hill"
const char* adstock_name(Adstock a);
const char* saturation_name(Saturation s);

// A channel's non-linear parameters. Adstock: geometric uses `decay` (share of
// a week's effect carried to the next); Weibull uses `shape` and `scale` (the
// scale as a share of max_lag). Saturation acts on adstocked spend divided by
// the channel's largest weekly spend: logistic uses `lam`
// ((1 - e^{-lam x}) / (1 + e^{-lam x})); Hill uses `half` (the spend, as a
// share of the largest week, at which half the ceiling is reached) and `slope`.
struct Shape {
  double decay = 0.3, shape = 1.5, scale = 0.3;
  double lam = 2.0, half = 0.5, slope = 1.5;
};

// The lag weights w_0 .. w_{L-1}, summing to 1 (normalised, as PyMC-Marketing does:
// adstocked spend keeps spend's units).
std::vector<double> adstock_weights(Adstock kind, const Shape& s, size_t max_lag);

// a_t = sum_l w_l x_{t-l}, with spend before the first week taken as 0.
std::vector<double> apply_adstock(const std::vector<double>& spend, const std::vector<double>& weights);

// Saturation of x = adstocked spend / channel scale, in [0, 1).
double saturate(Saturation kind, const Shape& s, double x);

}  // namespace incrementa::mmm
