// The budget-planning problem: customers x offers, from per-customer
// conversion probabilities. For customer i and offer k (probabilities p0 with
// no offer, pk with offer k):
//   incremental conversions  conv = pk - p0
//   expected cost            cost = cost_per_conversion_k * pk + cost_per_offer_k
//   paid anyway              cost_per_conversion_k * min(p0, pk): triggered by
//                            conversions that would have happened without the offer
//   incremental profit       value_per_conversion * conv - cost
// The objective value of an option is conv (objective "conversions") or the
// incremental profit (objective "profit"). Option 0 is "no offer" (all zero).
#pragma once
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct OfferSpec {
  std::string name;
  std::string column;                 // CSV column holding pk
  double cost_per_conversion = 0;     // trigger cost, paid when the customer converts
  double cost_per_offer = 0;          // paid for every customer given the offer
  double cap = std::numeric_limits<double>::infinity();  // at most this many customers
};

// {"base": "p0", "value_per_conversion": 20,
//  "offers": [{"name", "column", "cost_per_conversion", "cost_per_offer"?, "cap"?}, ...]}
struct OffersSpec {
  std::string base;
  std::optional<double> value_per_conversion;
  std::vector<OfferSpec> offers;
};

// Throws ConfigError on unknown keys, missing or mistyped fields, negative
// costs, duplicate offer names, a cap below 0.
OffersSpec parse_offers_spec(const nlohmann::json& j);

enum class Objective { Conversions, Profit };

class BudgetProblem {
 public:
  // Checks every probability is in [0, 1] (errors name the line and column).
  BudgetProblem(const Table& table, const OffersSpec& spec, Objective objective);
  // Direct construction (tests, benches): p0 has n entries, pk n*K row-major.
  BudgetProblem(std::vector<double> p0, std::vector<double> pk, const OffersSpec& spec, Objective objective);

  size_t customers() const { return p0_.size(); }
  size_t offers() const { return spec_.offers.size(); }
  const OffersSpec& spec() const { return spec_; }
  Objective objective() const { return objective_; }
  // NaN when the spec has no value_per_conversion.
  double value_per_conversion() const { return vpc_; }

  double p0(size_t i) const { return p0_[i]; }
  // k is 1-based (option index); 0 = no offer.
  double p(size_t i, size_t k) const { return k == 0 ? p0_[i] : pk_[i * offers() + k - 1]; }
  double conv(size_t i, size_t k) const { return k == 0 ? 0.0 : p(i, k) - p0_[i]; }
  double cost(size_t i, size_t k) const {
    return k == 0 ? 0.0 : spec_.offers[k - 1].cost_per_conversion * p(i, k) + spec_.offers[k - 1].cost_per_offer;
  }
  double anyway_cost(size_t i, size_t k) const {
    if (k == 0) return 0.0;
    const double pk = p(i, k);
    return spec_.offers[k - 1].cost_per_conversion * (pk < p0_[i] ? pk : p0_[i]);
  }
  double value(size_t i, size_t k) const {
    return objective_ == Objective::Conversions ? conv(i, k) : vpc_ * conv(i, k) - cost(i, k);
  }

 private:
  void validate_spec() const;
  OffersSpec spec_;
  Objective objective_;
  double vpc_;
  std::vector<double> p0_, pk_;
};

// A plan: one option per customer (0 = none, k = offer k) and its totals,
// summed in customer order.
struct Plan {
  std::vector<uint8_t> choice;
  std::vector<size_t> counts;  // per option, counts[0] = customers given nothing
  double conversions = 0, cost = 0, value = 0, anyway_cost = 0;
  size_t targeted = 0;
};

Plan evaluate_plan(const BudgetProblem& problem, std::vector<uint8_t> choice);

// ROI = value_per_conversion * conversions / cost (NaN when cost is 0 or no value per conversion).
double plan_roi(const BudgetProblem& problem, double conversions, double cost);

// True when (conversions, cost) meets the floor: vpc*conv >= roi_floor*cost
// (with a relative tolerance of 1e-12 for rounding). No floor (<= -inf) always passes.
bool meets_roi(const BudgetProblem& problem, double conversions, double cost, double roi_floor);

}  // namespace incrementa
