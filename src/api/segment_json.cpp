#include "api/segment_json.hpp"

#include <cmath>

#include "core/error.hpp"
#include "segment/segment.hpp"

namespace incrementa {

namespace {

size_t count_option(const Json& o, const std::string& key, size_t fallback) {
  const double v = number_or(o, key, static_cast<double>(fallback));
  if (!(v >= 0) || v != std::floor(v) || v > 1e12)
    throw ConfigError("segment: option '" + key + "' must be a whole number >= 0, got " + o[key].dump());
  return static_cast<size_t>(v);
}

std::optional<std::string> column_option(const Json& o, const std::string& key) {
  auto v = optional_string(o, key);
  if (v && v->empty()) v.reset();
  return v;
}

Json policy_json(const segment::PolicyValues& p) {
  return {{"by_customer", number_or_null(p.by_customer)},
          {"by_segment", number_or_null(p.by_segment)},
          {"everyone", number_or_null(p.everyone)},
          {"nobody", number_or_null(p.nobody)}};
}

Json definitions(bool sampled, bool curve_sampled, size_t rows) {
  const std::string curve_n = format_number(static_cast<double>(segment::kCurveRows));
  const bool draws_sampled = rows > segment::kStabilityRows;
  return {
      {"scaling",
       "minmax: each column to [0, 1]; log_minmax: log1p, then min-max (for skewed counts and money); none: used as is "
       "(must be >= 0)"},
      {"factors",
       "non-negative matrix factorisation X ~ W H of the scaled features: NNDSVDa start, HALS coordinate descent, stopped "
       "when ||X - WH||_F falls by less than tol (relative) over 10 iterations or after max_iter iterations"},
      {"loadings", "what each factor is made of: its row of H, scaled to sum to 1 (shares of the features); W scaled to match"},
      {"explained_variance", "1 - ||X - WH||^2_F / ||X - column means of X||^2_F, on the scaled features"},
      {"reconstruction_error", "||X - WH||_F, the Frobenius norm of what the factors leave unexplained (scaled features)"},
      {"iterations", "HALS iterations until the stopping rule"},
      {"factor_scores", "a customer's row of W: how much of each factor the customer has (after the loadings' scaling)"},
      {"clusters",
       "K-Means on the factor scores: k-means++ seeding (greedy, 2 + ln k candidates), the best of 'restarts' Lloyd runs "
       "(at most 300 iterations) by inertia; segments numbered 1 .. C by size, largest first"},
      {"inertia", "sum over customers of the squared distance of their factor scores to their segment's centre"},
      {"silhouette",
       std::string("mean silhouette width (b - a) / max(a, b), a = mean distance to the own segment, b = to the nearest other "
                   "one; from -1 to 1, higher = better separated") +
           (sampled ? "; computed on a seeded sample of 4,000 rows" : "; computed on all rows")},
      {"curve",
       std::string("factors: one NMF fit per k (explained variance, reconstruction error; the same stopping rule, at most "
                   "max(10, max_iter / 4) iterations)") +
           (curve_sampled ? ", on a seeded sample of " + curve_n + " rows, the error scaled to all rows by sqrt(rows / " +
                                curve_n + ")"
                          : std::string(", on all rows")) +
           "; clusters: one K-Means per k (3 restarts; the chosen k uses 'restarts' on all rows) with inertia and "
           "silhouette" +
           (curve_sampled ? ", fitted on a seeded sample of " + curve_n +
                                " factor-score rows, then every row assigned to its nearest centre: the inertia is over "
                                "all rows"
                          : std::string(", on all rows")) +
           "; curve_rows = the rows the curve's fits used"},
      {"name",
       "the segment's two most distinctive factors (mean factor score against the overall mean, in standard deviations), "
       "each called by its top-loading feature"},
      {"share", "the segment's share of the customers"},
      {"value_share", "the segment's share of the sum of the 'value' column"},
      {"factor_means", "the segment's mean factor scores"},
      {"feature_means", "the segment's mean of each feature, in the data's own units (before scaling)"},
      {"ari",
       "adjusted Rand index (Hubert & Arabie) between a bootstrap refit's segments and the full fit's, over all rows: 1 = "
       "the same partition, about 0 = unrelated"},
      {"bootstrap",
       std::string("refits on rows resampled with replacement: ") +
           (draws_sampled ? "each draws " + format_number(static_cast<double>(segment::kStabilityRows)) +
                                " of the rows (the m-out-of-n bootstrap, m = rows_per_refit; subsampling stability as "
                                "Ben-Hur, Elisseeff & Guyon 2002, with replacement)"
                          : std::string("each draws as many rows as there are (the ordinary bootstrap)")) +
           "; NMF started from the full fit (at most max(10, max_iter / 40) iterations; the resample as distinct rows "
           "weighted by their counts), K-Means with 3 restarts seeded by k-means++ (no warm start, so a segment of noise "
           "is not held in place); every original row is assigned to the refit's nearest centre"},
      {"jaccard",
       "mean over refits of the Jaccard index |A ∩ B| / |A ∪ B| of the segment with its best-matching refit segment; "
       "interval: 2.5% and 97.5% quantiles over refits"},
      {"stable", "mean Jaccard >= 0.6 (Hennig's rule of thumb: below 0.6 the segment does not reproduce)"},
      {"effect",
       "average effect of the treatment in the segment with a 95% CI: 'experiment' = difference in mean outcome (treated "
       "- control) with the Welch interval; 'cate' = mean of the CATE column ± 1.96 sd/sqrt(n), the spread of the model's "
       "estimates, not a sampling interval for the true effect"},
      {"sleeping_dog_share", "share of the segment's customers with cate < 0 (the treatment is estimated to hurt)"},
      {"treat", "the segment's average effect exceeds the cost per treated customer"},
      {"policy_value",
       "mean over all customers of treated x (effect - cost), in outcome units: by_customer = treat where cate > cost; "
       "by_segment = treat every customer of segments whose average effect > cost; everyone; nobody = 0 (from cate when "
       "given, else from the segments' experiment estimates)"},
      {"segment_targeting_loss", "policy value by customer - by segment: what treating whole segments gives up"},
      {"treated_share", "share of customers each policy treats"},
      {"map",
       "first two principal components of the factor scores (for at most 2,000 rows; a seeded sample when larger); row = "
       "1-based row number"},
      {"truth", "adjusted Rand index between the found segments and the simulated world's true_segment"},
      {"assignments",
       "per input row, in input order: id (the id column's value, or the 1-based row number without one), segment, "
       "factor scores"},
  };
}

}  // namespace

Json segment_json(const Table& table, const Json& o, RunContext& context) {
  check_known_keys(o,
                   {"features", "id", "scaling", "factors", "clusters", "max_factors", "max_clusters", "bootstrap",
                    "restarts", "max_iter", "tol", "seed", "cate", "treatment", "outcome", "cost", "value",
                    "return_assignments"},
                   "segment");
  segment::SegmentOptions opt;
  if (o.contains("features") && !o["features"].is_null()) {
    const Json& f = o["features"];
    if (f.is_string()) {
      std::string s = f.get<std::string>(), item;
      for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ',') {
          if (!item.empty()) opt.features.push_back(item);
          item.clear();
        } else {
          item += s[i];
        }
      }
    } else if (f.is_array()) {
      for (const auto& e : f) {
        if (!e.is_string()) throw ConfigError("segment: option 'features' must list column names, got " + e.dump());
        opt.features.push_back(e.get<std::string>());
      }
    } else {
      throw ConfigError("segment: option 'features' must be a list of column names, got " + f.dump());
    }
  }
  opt.id = column_option(o, "id");
  if (auto s = optional_string(o, "scaling")) opt.scaling = segment::parse_scaling(*s);
  opt.factors = count_option(o, "factors", 4);
  opt.clusters = count_option(o, "clusters", 5);
  if (o.contains("max_factors") && !o["max_factors"].is_null()) opt.max_factors = count_option(o, "max_factors", 10);
  opt.max_clusters = count_option(o, "max_clusters", 10);
  opt.bootstrap = count_option(o, "bootstrap", 20);
  opt.restarts = count_option(o, "restarts", 10);
  if (opt.restarts < 1) throw ConfigError("segment: option 'restarts' must be at least 1");
  opt.max_iter = count_option(o, "max_iter", 400);
  opt.tol = number_or(o, "tol", 1e-4);
  opt.seed = static_cast<uint64_t>(count_option(o, "seed", 1));
  opt.cate = column_option(o, "cate");
  opt.treatment = column_option(o, "treatment");
  opt.outcome = column_option(o, "outcome");
  opt.value = column_option(o, "value");
  opt.cost = number_or(o, "cost", 0);
  if (!std::isfinite(opt.cost)) throw ConfigError("segment: option 'cost' must be a finite number");
  bool assignments = false;
  if (o.contains("return_assignments") && !o["return_assignments"].is_null()) {
    if (!o["return_assignments"].is_boolean())
      throw ConfigError("segment: option 'return_assignments' must be true or false, got " + o["return_assignments"].dump());
    assignments = o["return_assignments"].get<bool>();
  }

  const segment::SegmentReport r = segment::run_segment(table, opt, context);
  const size_t k = r.nmf.h.rows, p = r.features.size();

  Json out;
  out["rows"] = r.rows;
  out["features"] = r.features;
  out["scaling"] = segment::scaling_name(r.scaling);
  out["id"] = r.id ? Json(*r.id) : Json(nullptr);

  Json loadings = Json::array(), top = Json::array(), fcurve = Json::array();
  for (size_t t = 0; t < k; ++t) {
    Json row = Json::array();
    for (size_t j = 0; j < p; ++j) row.push_back(number_or_null(r.nmf.h(t, j)));
    loadings.push_back(row);
    Json tt = Json::array();
    for (const auto& [f, s] : r.top[t]) tt.push_back({{"feature", f}, {"share", number_or_null(s)}});
    top.push_back(tt);
  }
  for (const auto& c : r.factor_curve)
    fcurve.push_back({{"k", c.k},
                      {"explained_variance", number_or_null(c.explained_variance)},
                      {"reconstruction_error", number_or_null(c.reconstruction_error)}});
  out["factors"] = {{"k", k},
                    {"explained_variance", number_or_null(r.nmf.explained_variance)},
                    {"reconstruction_error", number_or_null(r.nmf.error)},
                    {"iterations", r.nmf.iterations},
                    {"loadings", loadings},
                    {"top", top},
                    {"curve", fcurve},
                    {"curve_rows", r.factor_curve_rows}};

  Json ccurve = Json::array();
  for (const auto& c : r.cluster_curve)
    ccurve.push_back({{"k", c.k}, {"inertia", number_or_null(c.inertia)}, {"silhouette", number_or_null(c.silhouette)}});
  out["clusters"] = {{"k", r.clusters},
                     {"inertia", number_or_null(r.inertia)},
                     {"silhouette", number_or_null(r.silhouette)},
                     {"silhouette_sampled", r.silhouette_sampled},
                     {"curve", ccurve},
                     {"curve_rows", r.cluster_curve_rows}};

  Json segs = Json::array();
  for (const auto& g : r.segments) {
    Json j = {{"segment", g.segment},
              {"name", g.name},
              {"size", g.size},
              {"share", number_or_null(g.share)},
              {"value_share", number_or_null(g.value_share)},
              {"factor_means", numbers_json(g.factor_means)},
              {"feature_means", numbers_json(g.feature_means)},
              {"jaccard", number_or_null(g.jaccard)},
              {"jaccard_interval", r.stability ? Json::array({number_or_null(g.jaccard_lower), number_or_null(g.jaccard_upper)})
                                               : Json(nullptr)},
              {"stable", g.stable ? Json(*g.stable) : Json(nullptr)}};
    j["effect"] = g.effect ? Json{{"estimate", number_or_null(g.effect->estimate)},
                                  {"lower", number_or_null(g.effect->lower)},
                                  {"upper", number_or_null(g.effect->upper)},
                                  {"source", g.effect->source}}
                           : Json(nullptr);
    j["sleeping_dog_share"] = number_or_null(g.sleeping_dog_share);
    j["treat"] = g.treat ? Json(*g.treat) : Json(nullptr);
    segs.push_back(j);
  }
  out["segments"] = segs;

  if (r.stability) {
    out["stability"] = {{"bootstrap", r.stability->bootstrap},
                        {"rows_per_refit", r.stability->draws},
                        {"ari_mean", number_or_null(r.stability->ari_mean)},
                        {"ari_interval", Json::array({number_or_null(r.stability->ari_lower), number_or_null(r.stability->ari_upper)})},
                        {"ari", numbers_json(r.stability->ari)}};
  } else {
    out["stability"] = nullptr;
  }
  if (r.uplift) {
    out["uplift"] = {{"source", r.uplift->source},
                     {"cost", number_or_null(r.uplift->cost)},
                     {"policy_value", policy_json(r.uplift->value)},
                     {"segment_targeting_loss", number_or_null(r.uplift->segment_targeting_loss)},
                     {"treated_share", policy_json(r.uplift->treated_share)}};
  } else {
    out["uplift"] = nullptr;
  }
  out["map"] = {{"x", numbers_json(r.map.x)}, {"y", numbers_json(r.map.y)}, {"segment", r.map.segment}, {"row", r.map.row},
                {"sampled", r.map.sampled}};
  if (r.truth_ari) out["truth"] = {{"ari", number_or_null(*r.truth_ari)}};
  if (assignments) {
    Json ids = Json::array(), scores = Json::array();
    if (r.id) {
      const Column& c = table.column(*r.id);
      for (size_t i = 0; i < r.rows; ++i)
        ids.push_back(c.is_numeric() ? Json(c.values[i]) : Json(c.levels[static_cast<size_t>(c.codes[i])]));
    } else {
      for (size_t i = 0; i < r.rows; ++i) ids.push_back(i + 1);
    }
    for (size_t i = 0; i < r.rows; ++i) {
      Json s = Json::array();
      for (size_t t = 0; t < k; ++t) s.push_back(number_or_null(r.nmf.w(i, t)));
      scores.push_back(s);
    }
    out["assignments"] = {{"id", ids}, {"segment", r.labels}, {"scores", scores}};
  }
  out["definitions"] = definitions(r.silhouette_sampled, r.factor_curve_sampled, r.rows);
  return out;
}

}  // namespace incrementa
