#include "api/regress_json.hpp"

#include <Eigen/Dense>
#include <cmath>

#include "core/error.hpp"
#include "core/regression.hpp"

namespace incrementa {

Json regress_json(const Table& table, const Json& o, RunContext& context) {
  check_known_keys(o, {"outcome", "features", "model", "ridge"}, "regress");
  const std::string outcome = require_string(o, "outcome");
  const std::string model = optional_string(o, "model").value_or("linear");
  if (model != "linear" && model != "logistic")
    throw ConfigError("regress: model must be 'linear' or 'logistic', got '" + model + "'");
  std::vector<std::string> features;
  if (o.contains("features")) {
    if (!o["features"].is_array()) throw ConfigError("regress: 'features' must be a list of column names");
    for (const auto& f : o["features"]) {
      if (!f.is_string()) throw ConfigError("regress: 'features' must be a list of column names");
      features.push_back(f.get<std::string>());
    }
  } else {
    for (const auto& c : table.columns())
      if (c.name != outcome && c.is_numeric()) features.push_back(c.name);
  }
  RegressionOptions ro;
  ro.ridge = number_or(o, "ridge", 0.0);
  if (ro.ridge < 0) throw ConfigError("regress: ridge must be 0 or more");
  ro.names = {"(intercept)"};
  for (const auto& f : features) ro.names.push_back(f);

  const Column& y = table.numeric_column(outcome, "outcome");
  std::vector<const Column*> xs;
  for (const auto& f : features) xs.push_back(&table.numeric_column(f, "feature"));
  // Rows with any missing value are left out (and counted).
  std::vector<size_t> rows;
  rows.reserve(table.rows());
  for (size_t r = 0; r < table.rows(); ++r) {
    bool ok = !std::isnan(y.values[r]);
    for (const Column* c : xs) ok = ok && !std::isnan(c->values[r]);
    if (ok) rows.push_back(r);
  }
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size()), p = static_cast<Eigen::Index>(xs.size()) + 1;
  Eigen::MatrixXd x(n, p);
  Eigen::VectorXd yv(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = 1.0;
    yv[i] = y.values[rows[static_cast<size_t>(i)]];
  }
  for (Eigen::Index j = 1; j < p; ++j)
    for (Eigen::Index i = 0; i < n; ++i) x(i, j) = xs[static_cast<size_t>(j - 1)]->values[rows[static_cast<size_t>(i)]];
  context.check();

  Json out = {{"command", "regress"}, {"model", model}, {"outcome", outcome}, {"ridge", ro.ridge},
              {"rows", {{"total", table.rows()}, {"used", rows.size()}, {"dropped_missing", table.rows() - rows.size()}}}};
  Json coefs = Json::array();
  auto add = [&](const Eigen::VectorXd& b, const Eigen::VectorXd& se) {
    for (Eigen::Index j = 0; j < p; ++j)
      coefs.push_back({{"name", ro.names[static_cast<size_t>(j)]}, {"estimate", number_or_null(b[j])}, {"se", number_or_null(se[j])}});
  };
  if (model == "linear") {
    const LinearFit fit = fit_linear(x, yv, {}, ro);
    add(fit.coef, fit.se);
    out["r2"] = number_or_null(fit.r2);
    out["sigma"] = number_or_null(std::sqrt(fit.sigma2));
  } else {
    const LogisticFit fit = fit_logistic(x, yv, {}, ro);
    add(fit.coef, fit.se);
    out["deviance"] = number_or_null(fit.deviance);
    out["iterations"] = fit.iterations;
  }
  out["coefficients"] = coefs;
  out["definitions"] = {{"estimate", model == "linear" ? "least-squares coefficient (ridge-penalised when ridge > 0)"
                                                       : "log-odds coefficient (maximum likelihood by Newton/IRLS)"},
                        {"se", model == "linear" ? "classical standard error, sqrt(diag(sigma^2 (X'X)^-1))"
                                                 : "standard error from the inverse Fisher information"}};
  return out;
}

}  // namespace incrementa
