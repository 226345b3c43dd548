#include "segment/segment.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "segment/agreement.hpp"
#include "segment/kmeans.hpp"
#include "segment/profiles.hpp"
#include "segment/segment_map.hpp"
#include "segment/segment_uplift.hpp"
#include "segment/silhouette.hpp"
#include "segment/stability.hpp"

namespace incrementa::segment {

namespace {

std::string line_text(const Table& t, size_t row) { return std::to_string(t.line_of_row(row)); }

// Ids present on every row and unique; the error names the first gap or repeat.
void check_ids(const Table& t, const Column& c) {
  if (c.is_numeric()) {
    std::map<double, size_t> seen;
    for (size_t i = 0; i < t.rows(); ++i) {
      if (c.missing(i)) throw InputError("id column '" + c.name + "', line " + line_text(t, i) + ": missing id; every row needs one");
      auto [it, fresh] = seen.emplace(c.values[i], i);
      if (!fresh)
        throw InputError("id column '" + c.name + "', line " + line_text(t, i) + ": id " + format_number(c.values[i]) +
                         " repeats line " + line_text(t, it->second) + "; ids must be unique");
    }
  } else {
    std::vector<int64_t> first(c.levels.size(), -1);
    for (size_t i = 0; i < t.rows(); ++i) {
      if (c.codes[i] < 0) throw InputError("id column '" + c.name + "', line " + line_text(t, i) + ": missing id; every row needs one");
      int64_t& f = first[static_cast<size_t>(c.codes[i])];
      if (f >= 0)
        throw InputError("id column '" + c.name + "', line " + line_text(t, i) + ": id '" + c.levels[static_cast<size_t>(c.codes[i])] +
                         "' repeats line " + line_text(t, static_cast<size_t>(f)) + "; ids must be unique");
      f = static_cast<int64_t>(i);
    }
  }
}

const std::vector<double>& complete_numeric(const Table& t, const std::string& name, const std::string& role) {
  const Column& c = t.numeric_column(name, role);
  for (size_t i = 0; i < t.rows(); ++i)
    if (!std::isfinite(c.values[i]))
      throw InputError("column '" + name + "' (" + role + "), line " + line_text(t, i) +
                       ": missing or non-finite value; expected a number on every row");
  return c.values;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

SegmentReport run_segment(const Table& table, const SegmentOptions& o, RunContext& context) {
  const size_t n = table.rows();
  if (n < 3) throw InputError("segment needs at least 3 rows, got " + std::to_string(n));
  SegmentReport r;
  r.rows = n;
  r.scaling = o.scaling;

  // Roles.
  if (o.id) {
    r.id = *o.id;
    check_ids(table, table.column(*o.id));
  } else {
    for (const char* name : {"customer_id", "customer", "CustomerID", "id"})
      if (table.has(name)) {
        r.id = name;
        check_ids(table, table.column(name));
        break;
      }
  }
  if (o.treatment.has_value() != o.outcome.has_value())
    throw ConfigError("segment: 'treatment' and 'outcome' go together (a randomised 0/1 treatment and its outcome)");
  const std::vector<double>* cate = o.cate ? &complete_numeric(table, *o.cate, "cate") : nullptr;
  const std::vector<double>* treatment = o.treatment ? &complete_numeric(table, *o.treatment, "treatment") : nullptr;
  const std::vector<double>* outcome = o.outcome ? &complete_numeric(table, *o.outcome, "outcome") : nullptr;
  const std::vector<double>* value = o.value ? &complete_numeric(table, *o.value, "value") : nullptr;
  if (treatment)
    for (size_t i = 0; i < n; ++i)
      if ((*treatment)[i] != 0 && (*treatment)[i] != 1)
        throw InputError("column '" + *o.treatment + "' (treatment), line " + line_text(table, i) + ": value " +
                         format_number((*treatment)[i]) + "; expected 0 (control) or 1 (treated)");

  // Features.
  if (!o.features.empty()) {
    r.features = o.features;
    for (size_t j = 0; j < r.features.size(); ++j)
      for (size_t q = 0; q < j; ++q)
        if (r.features[j] == r.features[q]) throw ConfigError("segment: feature '" + r.features[j] + "' is listed twice");
  } else {
    // An experiment's columns are never customer behaviour: those named by the options, and columns called
    // cate, treatment or outcome even when not named (the simulated world's, and the uplift export's cate).
    for (const auto& c : table.columns()) {
      if (!c.is_numeric() || c.name.rfind("true_", 0) == 0) continue;
      if (c.name == "cate" || c.name == "treatment" || c.name == "outcome") continue;
      if ((r.id && c.name == *r.id) || (o.cate && c.name == *o.cate) || (o.treatment && c.name == *o.treatment) ||
          (o.outcome && c.name == *o.outcome) || (o.value && c.name == *o.value))
        continue;
      r.features.push_back(c.name);
    }
    if (r.features.empty())
      throw InputError("segment: no numeric feature columns in " + table.source() + " (name them with 'features')");
  }
  const size_t p = r.features.size();
  if (o.factors < 1 || o.factors > p)
    throw ConfigError("segment: 'factors' must be between 1 and the number of features (" + std::to_string(p) + "), got " +
                      std::to_string(o.factors));
  if (o.clusters < 2 || o.clusters > n)
    throw ConfigError("segment: 'clusters' must be between 2 and the number of rows (" + std::to_string(n) + "), got " +
                      std::to_string(o.clusters));
  if (!(o.tol >= 0) || o.max_iter < 1) throw ConfigError("segment: 'max_iter' must be >= 1 and 'tol' >= 0");

  context.progress(0.0, "scaling");
  const ScaledFeatures sf = scale_features(table, r.features, o.scaling);
  const Matrix& x = sf.x;
  const double centred = centred_sum_of_squares(x);
  NmfOptions nmf_options{o.max_iter, o.tol};

  // Factors.
  context.check();
  context.progress(0.02, "factors");
  r.nmf = nmf_fit(x, o.factors, nmf_options, centred);
  normalise_loadings(r.nmf);
  r.factor_names = factor_names(r.nmf.h, r.features);
  for (size_t t = 0; t < o.factors; ++t) {
    std::vector<size_t> order(p);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.nmf.h(t, a) > r.nmf.h(t, b); });
    std::vector<std::pair<std::string, double>> top;
    for (size_t q = 0; q < std::min<size_t>(3, p); ++q) top.emplace_back(r.features[order[q]], r.nmf.h(t, order[q]));
    r.top.push_back(top);
  }
  // The curve: one fit per k, side by side (each writes its own slot), on all
  // rows up to kCurveRows, else on a seeded sample with the error scaled to all
  // rows (x sqrt(n / m)).
  const size_t max_factors = std::min(o.max_factors.value_or(std::min<size_t>(10, p)), p);
  if (max_factors > 0) {
    context.check();
    context.progress(0.05, "factor curve");
    const std::vector<size_t> curve_rows = sample_rows(n, kCurveRows, o.seed, 0x6375727665ull);  // "curve"
    r.factor_curve_sampled = curve_rows.size() < n;
    r.factor_curve_rows = curve_rows.size();
    Matrix xs;
    if (r.factor_curve_sampled) {
      xs = Matrix(curve_rows.size(), p);
      for (size_t q = 0; q < curve_rows.size(); ++q) std::copy(x.row(curve_rows[q]), x.row(curve_rows[q]) + p, xs.row(q));
    }
    const Matrix& xc = r.factor_curve_sampled ? xs : x;
    const double centred_c = r.factor_curve_sampled ? centred_sum_of_squares(xs) : centred;
    const double scale = std::sqrt(static_cast<double>(n) / static_cast<double>(xc.rows));
    r.factor_curve.assign(max_factors, {});
    NmfOptions curve_options = nmf_options;  // a diagnostic for choosing k: at most max_iter / 4 iterations
    curve_options.max_iter = std::max<size_t>(10, o.max_iter / 4);
    parallel_for(max_factors, 1, [&](size_t b, size_t e) {
      for (size_t q = b; q < e; ++q) {
        const size_t k = q + 1;
        context.check();
        if (k == o.factors && !r.factor_curve_sampled) {
          r.factor_curve[q] = {k, r.nmf.explained_variance, r.nmf.error};
          continue;
        }
        const NmfResult f = nmf_fit(xc, k, curve_options, centred_c);
        r.factor_curve[q] = {k, f.explained_variance, f.error * scale};
      }
    });
  }

  // Segments.
  context.check();
  context.progress(0.4, "segments");
  const Rng base(o.seed, 0x7365676dull);  // "segm"
  const KMeansResult km = kmeans_fit(r.nmf.w, o.clusters, o.restarts, base.split(0));
  r.clusters = o.clusters;
  r.inertia = km.inertia;
  r.labels.resize(n);
  for (size_t i = 0; i < n; ++i) r.labels[i] = km.labels[i] + 1;
  const std::vector<size_t> sil_rows = sample_rows(n, kSilhouetteRows, o.seed, 0x73696cull);  // "sil"
  r.silhouette_sampled = sil_rows.size() < n;
  r.silhouette = silhouette(r.nmf.w, km.labels, o.clusters, sil_rows);
  const size_t max_clusters = std::min(o.max_clusters, n);
  const size_t curve_restarts = std::min<size_t>(o.restarts, 3);
  if (max_clusters >= 2) {
    context.check();
    context.progress(0.45, "segment curve");
    r.cluster_curve.assign(max_clusters - 1, {});
    // Each k's K-Means runs on all rows up to kCurveRows, else on a seeded
    // sample of the factor scores; every row is then assigned to the nearest
    // centre, so the inertia is over all rows (and the silhouette on sil_rows).
    const std::vector<size_t> ccurve_rows = sample_rows(n, kCurveRows, o.seed, 0x63637276ull);  // "ccrv"
    r.cluster_curve_rows = ccurve_rows.size();
    const bool ccurve_sampled = ccurve_rows.size() < n;
    Matrix ws;
    if (ccurve_sampled) {
      const size_t k = r.nmf.w.cols;
      ws = Matrix(ccurve_rows.size(), k);
      for (size_t q = 0; q < ccurve_rows.size(); ++q)
        std::copy(r.nmf.w.row(ccurve_rows[q]), r.nmf.w.row(ccurve_rows[q]) + k, ws.row(q));
    }
    const Matrix& wc = ccurve_sampled ? ws : r.nmf.w;
    parallel_for(max_clusters - 1, 1, [&](size_t b, size_t e) {
      for (size_t q = b; q < e; ++q) {
        const size_t c = q + 2;
        context.check();
        if (c == o.clusters) {
          r.cluster_curve[q] = {c, r.inertia, r.silhouette};
          continue;
        }
        if (c > wc.rows) {
          r.cluster_curve[q] = {c, NAN, NAN};
          continue;
        }
        const KMeansResult kc = kmeans_fit(wc, c, curve_restarts, base.split(c));
        if (!ccurve_sampled) {
          r.cluster_curve[q] = {c, kc.inertia, silhouette(r.nmf.w, kc.labels, c, sil_rows)};
          continue;
        }
        const std::vector<int> all = nearest_centre(r.nmf.w, kc.centres);
        r.cluster_curve[q] = {c, inertia_of(r.nmf.w, kc.centres, all), silhouette(r.nmf.w, all, c, sil_rows)};
      }
    });
  }

  // Profiles and names.
  build_profiles(r, sf.raw, value);
  r.has_value = value != nullptr;

  // Stability.
  if (o.bootstrap > 0) {
    StabilityOptions so;
    so.replicates = o.bootstrap;
    so.nmf_iterations = std::max<size_t>(10, o.max_iter / 40);
    so.restarts = std::min<size_t>(o.restarts, 3);
    so.tol = o.tol;
    so.seed = o.seed;
    so.draws = kStabilityRows;
    // No K-Means warm start from the full fit's centres: it would keep each refit in the full fit's basin and
    // make segments of noise look stable; the refits seed with k-means++ as the full fit does.
    const StabilityResult st = bootstrap_stability(
        x, r.nmf, km.labels, o.clusters, so, context,
        [&](size_t done) {
          context.progress(0.65 + 0.33 * static_cast<double>(done) / static_cast<double>(o.bootstrap), "stability");
        });
    StabilitySummary s;
    s.bootstrap = o.bootstrap;
    s.draws = std::min(n, kStabilityRows);
    s.ari = st.ari;
    s.ari_mean = std::accumulate(st.ari.begin(), st.ari.end(), 0.0) / static_cast<double>(st.ari.size());
    s.ari_lower = quantile(st.ari, 0.025);
    s.ari_upper = quantile(st.ari, 0.975);
    r.stability = s;
    for (size_t g = 0; g < o.clusters; ++g) {
      std::vector<double> jac;
      for (const auto& row : st.jaccard) jac.push_back(row[g]);
      SegmentProfile& sp = r.segments[g];
      sp.jaccard = std::accumulate(jac.begin(), jac.end(), 0.0) / static_cast<double>(jac.size());
      sp.jaccard_lower = quantile(jac, 0.025);
      sp.jaccard_upper = quantile(jac, 0.975);
      sp.stable = sp.jaccard >= kStableJaccard;
    }
  }

  // Segments x uplift.
  if (cate || treatment) segment_uplift(r, {cate, treatment, outcome}, o.cost);

  // Map and truth.
  r.map = segment_map(r.nmf.w, r.labels, o.seed);
  if (table.has("true_segment")) {
    const Column& t = table.column("true_segment");
    std::vector<int> truth(n);
    for (size_t i = 0; i < n; ++i)
      truth[i] = t.is_numeric() ? (std::fabs(t.values[i]) < 1e9 ? static_cast<int>(t.values[i]) : -1) : t.codes[i];
    r.truth_ari = adjusted_rand_index(truth, r.labels);
  }
  context.progress(1.0, "done");
  return r;
}

}  // namespace incrementa::segment
