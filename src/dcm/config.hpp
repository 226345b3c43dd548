// DCM configuration: which columns are the customer, the period, the outcome,
// the non-ES and ES surrogates and the per-customer features X0; the lag
// structure, same-period ES effects, ridge, pooled vs per-period fits, and
// named groups (channels) of ES surrogates. Parsed from the JSON form;
// unknown keys and inconsistent lists are ConfigErrors naming the problem.
#pragma once
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "api/json_util.hpp"

namespace incrementa::dcm {

struct Config {
  std::string customer = "customer", period = "period", outcome;
  std::vector<std::string> surrogates;     // non-ES surrogates
  std::vector<std::string> es_surrogates;  // engagement-surface interaction surrogates
  std::vector<std::string> features;       // per-customer X0 columns (constant within customer)
  int lags = 1;                            // lags 1..L of every surrogate (L = the largest listed lag)
  std::vector<int> lag_list;               // "lags": [1, 2, 4]: only these lags (increasing); empty = all of 1..L
  bool same_period = true;                 // non-ES targets also take same-period ES surrogates
  double ridge = 0.0;                      // L2 penalty on all but intercept / period effects
  bool pooled = false;                     // one regression per target over all periods, period dummies
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // name -> ES surrogates, in JSON order

  bool uses_lag(int l) const { return lag_list.empty() ? l >= 1 && l <= lags : std::find(lag_list.begin(), lag_list.end(), l) != lag_list.end(); }
  // All surrogates in model order: non-ES first, then ES.
  std::vector<std::string> all_surrogates() const;
};

Config parse_config(const Json& j);
Json config_to_json(const Config& c);

}  // namespace incrementa::dcm
