// Upper convex hull of one customer's options, and the sorted LP path.
#include <catch2/catch.hpp>

#include "budget/hull.hpp"
#include "budget/lp_path.hpp"
#include "budget_test_util.hpp"

using namespace incrementa;

namespace {
// Offers with cost_per_offer = the cost and no trigger cost, so (cost, value)
// are set directly; p0 = 0.1.
BudgetProblem one_customer(const std::vector<std::pair<double, double>>& cost_conv) {
  OffersSpec spec;
  spec.base = "p0";
  spec.value_per_conversion = 1;
  std::vector<double> pk;
  for (size_t k = 0; k < cost_conv.size(); ++k) {
    OfferSpec f;
    f.name = f.column = "o" + std::to_string(k + 1);
    f.cost_per_offer = cost_conv[k].first;
    spec.offers.push_back(f);
    pk.push_back(0.1 + cost_conv[k].second);
  }
  return BudgetProblem({0.1}, pk, spec, Objective::Conversions);
}

std::vector<HullStep> hull_of(const BudgetProblem& pr) {
  std::vector<HullStep> steps(pr.offers());
  steps.resize(customer_hull(pr, 0, steps.data()));
  return steps;
}
}  // namespace

TEST_CASE("hull drops dominated, below-hull and value-losing options", "[budget]") {
  // A (1, .1), B (2, .15) below the chord A-C, C (3, .28), D (4, .2) dominated by C, E (.5, -.05) loses value.
  const auto pr = one_customer({{1, .1}, {2, .15}, {3, .28}, {4, .2}, {.5, -.05}});
  const auto h = hull_of(pr);
  REQUIRE(h.size() == 2);
  CHECK(h[0].from == 0);
  CHECK(h[0].to == 1);
  CHECK(h[0].dc == Approx(1));
  CHECK(h[0].dv == Approx(.1));
  CHECK(h[1].from == 1);
  CHECK(h[1].to == 3);
  CHECK(h[1].dc == Approx(2));
  CHECK(h[1].dv == Approx(.18));
  CHECK(h[0].ratio() > h[1].ratio());
}

TEST_CASE("hull drops collinear middle points and keeps the better of equal costs", "[budget]") {
  const auto pr = one_customer({{1, .1}, {2, .2}, {2, .15}, {4, .3}});
  const auto h = hull_of(pr);
  REQUIRE(h.size() == 2);
  CHECK(h[0].to == 2);  // (2, .2): (1, .1) lies on the chord from the origin
  CHECK(h[1].to == 4);
}

TEST_CASE("a free offer that adds value is a first step of zero cost", "[budget]") {
  const auto pr = one_customer({{0, .05}, {1, .2}});
  const auto h = hull_of(pr);
  REQUIRE(h.size() == 2);
  CHECK(h[0].to == 1);
  CHECK(h[0].dc == 0);
  CHECK(h[0].ratio() == std::numeric_limits<double>::infinity());
  CHECK(h[1].from == 1);
  CHECK(h[1].to == 2);
}

TEST_CASE("no step when every offer loses value", "[budget]") {
  const auto pr = one_customer({{1, -.1}, {2, 0}});
  CHECK(hull_of(pr).empty());
}

TEST_CASE("LP path: ratios decrease, each customer's steps in order, end = sum of best options", "[budget]") {
  Rng rng(7);
  for (int rep = 0; rep < 20; ++rep) {
    const auto pr = budget_test::random_problem(rng, 50, 4);
    const LpPath path = build_lp_path(pr);
    std::vector<int> next(pr.customers(), 0);
    double prev = std::numeric_limits<double>::infinity();
    for (size_t j = 0; j < path.steps(); ++j) {
      const double dc = path.cum_cost[j + 1] - path.cum_cost[j], dv = path.cum_value[j + 1] - path.cum_value[j];
      const double r = dc > 0 ? dv / dc : std::numeric_limits<double>::infinity();
      CHECK(r <= prev * (1 + 1e-9));
      prev = r;
      CHECK(path.order[j].step == next[path.order[j].customer]);
      if (j > 0 && path.order[j].ratio == path.order[j - 1].ratio)
        CHECK(path.order[j].customer > path.order[j - 1].customer);  // ties: customer order
      ++next[path.order[j].customer];
    }
    double best_total = 0;
    for (size_t i = 0; i < pr.customers(); ++i) {
      double best = 0;
      for (size_t k = 1; k <= pr.offers(); ++k) best = std::max(best, pr.value(i, k));
      best_total += best;
    }
    CHECK(path.cum_value.back() == Approx(best_total).margin(1e-9));
  }
}
