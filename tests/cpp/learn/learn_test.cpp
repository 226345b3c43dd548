// Base learners (src/learn/): the design matrix from Table columns, the linear and logistic learners,
// and the factory's error for an unknown kind.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "learn/learner.hpp"
#include "sim/regression_world.hpp"

using namespace incrementa;
using Catch::Matchers::Contains;

TEST_CASE("learn: design one-hot encodes categorical columns, dropping the first level", "[learn]") {
  const Table t = read_csv("a,c\n1,web\n2,phone\n3,store\n4,web\n", "t.csv");
  const Design d = build_design(t, {"a", "c"});
  REQUIRE(d.x.cols() == 3);  // a, c=store, c=web (levels sorted: phone, store, web; phone is the reference)
  CHECK(d.names == std::vector<std::string>{"a", "c=store", "c=web"});
  CHECK(d.x(0, 0) == 1);
  CHECK(d.x(0, 1) == 0);
  CHECK(d.x(0, 2) == 1);
  CHECK(d.x(1, 1) == 0);
  CHECK(d.x(1, 2) == 0);  // phone: all zeros
  CHECK(d.x(2, 1) == 1);
}

TEST_CASE("learn: a missing feature value is an error naming the column and line", "[learn]") {
  const Table t = read_csv("a,b\n1,2\n2,\n3,4\n", "m.csv");
  CHECK_THROWS_WITH(build_design(t, {"a", "b"}), Contains("'b'") && Contains("line 3"));
}

TEST_CASE("learn: linear learner recovers a linear function", "[learn]") {
  RegressionWorld w;
  w.rows = 5000;
  w.features = 4;
  const Table t = simulate_regression(w);
  const Design d = build_design(t, {"x1", "x2", "x3", "x4"});
  Eigen::VectorXd y(static_cast<Eigen::Index>(t.rows()));
  for (size_t i = 0; i < t.rows(); ++i) y[static_cast<Eigen::Index>(i)] = t.column("y").values[i];
  auto m = make_learner("linear");
  m->fit(d.x, y);
  const std::vector<double> beta = regression_world_truth(w);
  const Eigen::VectorXd p = m->predict(d.x);
  double worst = 0;
  for (Eigen::Index i = 0; i < d.x.rows(); ++i) {
    double truth = beta[0];
    for (Eigen::Index j = 0; j < 4; ++j) truth += beta[static_cast<size_t>(j + 1)] * d.x(i, j);
    worst = std::max(worst, std::fabs(p[i] - truth));
  }
  // Coefficient SEs are about 1/sqrt(5000) = 0.014; |x| < 4.5 here, so predictions err by well under 0.2.
  CHECK(worst < 0.2);
}

TEST_CASE("learn: logistic learner stays finite on separated data (small default ridge)", "[learn]") {
  Eigen::MatrixXd x(40, 1);
  Eigen::VectorXd y(40);
  for (int i = 0; i < 40; ++i) {
    x(i, 0) = i;
    y[i] = i < 20 ? 0 : 1;
  }
  auto m = make_learner("logistic");
  CHECK(m->is_classifier());
  m->fit(x, y);
  const Eigen::VectorXd p = m->predict(x);
  for (Eigen::Index i = 0; i < 40; ++i) CHECK((p[i] > 0 && p[i] < 1));
  CHECK(p[0] < 0.1);
  CHECK(p[39] > 0.9);
  Eigen::VectorXd bad = y;
  bad[0] = 2;
  CHECK_THROWS_WITH(m->fit(x, bad), Contains("0/1 outcome"));
}

TEST_CASE("learn: every listed kind is built; an unknown one is a clear error", "[learn]") {
  for (const auto& kind : learner_kinds_built()) CHECK(make_learner(kind)->name() == kind);
  CHECK_THROWS_WITH(make_learner("svm"), Contains("unknown base learner 'svm'") && Contains("gbm"));
}
