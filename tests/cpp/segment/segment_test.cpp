// The segment room (docs/segmentation.md): NMF, K-Means, agreement measures,
// stability, segments x uplift, determinism, input errors and the CLI.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "segment/agreement.hpp"
#include "segment/kmeans.hpp"
#include "segment/nmf.hpp"
#include "segment/segment.hpp"
#include "sim/segment_world.hpp"
#include "support/cli_runner.hpp"
#include "support/threads.hpp"

using namespace incrementa;
using namespace incrementa::segment;
using Catch::Matchers::Contains;

namespace {

Json feature_list(size_t p) {
  Json f = Json::array();
  for (size_t j = 1; j <= p; ++j) f.push_back("f" + std::to_string(j));
  return f;
}

Table world(size_t rows, double separation, uint64_t seed = 1) {
  SegmentWorld w;
  w.rows = rows;
  w.separation = separation;
  w.seed = seed;
  return simulate_segments(w);
}

Json run(const Table& t, Json options) {
  RunContext context;
  return run_command("segment", t, options, context);
}

}  // namespace

TEST_CASE("segment: NMF of an exactly low-rank non-negative matrix explains > 0.999", "[segment]") {
  Rng rng(3);
  const size_t n = 300, p = 10, k = 3;
  Matrix w(n, k), h(k, p), x(n, p);
  for (auto& v : w.data) v = rng.uniform();
  for (auto& v : h.data) v = rng.uniform();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < p; ++j)
      for (size_t t = 0; t < k; ++t) x(i, j) += w(i, t) * h(t, j);
  NmfOptions o;
  o.max_iter = 2000;
  o.tol = 1e-8;
  NmfResult r = nmf_fit(x, k, o, centred_sum_of_squares(x));
  CHECK(r.explained_variance > 0.999);
  // A rank-1 fit of a rank-3 matrix cannot do that.
  CHECK(nmf_fit(x, 1, o, centred_sum_of_squares(x)).explained_variance < 0.99);
  // Normalised loadings sum to 1 and leave WH unchanged.
  const double before = r.error;
  normalise_loadings(r);
  for (size_t t = 0; t < k; ++t) {
    double s = 0;
    for (size_t j = 0; j < p; ++j) s += r.h(t, j);
    CHECK(s == Approx(1).epsilon(1e-12));
  }
  double err = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < p; ++j) {
      double v = 0;
      for (size_t t = 0; t < k; ++t) v += r.w(i, t) * r.h(t, j);
      err += (x(i, j) - v) * (x(i, j) - v);
    }
  CHECK(std::sqrt(err) == Approx(before).margin(1e-9));
}

TEST_CASE("segment: K-Means recovers well separated blobs, labels numbered by size", "[segment]") {
  Rng rng(5);
  const double cx[] = {0, 10, 0}, cy[] = {0, 0, 10};
  const size_t sizes[] = {50, 150, 100};  // blob 1 is the largest, then blob 2
  Matrix x(300, 2);
  std::vector<int> truth;
  size_t i = 0;
  for (int b = 0; b < 3; ++b)
    for (size_t m = 0; m < sizes[b]; ++m, ++i) {
      x(i, 0) = cx[b] + 0.5 * rng.normal();
      x(i, 1) = cy[b] + 0.5 * rng.normal();
      truth.push_back(b);
    }
  const KMeansResult r = kmeans_fit(x, 3, 5, Rng(7));
  CHECK(adjusted_rand_index(truth, r.labels) == 1.0);
  CHECK(r.labels[60] == 0);   // in the 150-row blob
  CHECK(r.labels[250] == 1);  // in the 100-row blob
  CHECK(r.labels[0] == 2);    // in the 50-row blob
  CHECK(r.inertia < 300 * 2 * 0.5 * 0.5 * 1.5);
  // Weights count rows as repeated (bootstrap multiplicities): every row twice doubles the inertia.
  const std::vector<double> twice(300, 2.0);
  const KMeansResult w = kmeans_fit(x, 3, 5, Rng(7), 300, &twice);
  CHECK(adjusted_rand_index(truth, w.labels) == 1.0);
  CHECK(w.inertia == Approx(2 * r.inertia).epsilon(1e-12));
}

TEST_CASE("segment: adjusted Rand index and Jaccard matching, known values", "[segment]") {
  const std::vector<int> a{0, 0, 0, 1, 1, 1}, b{0, 0, 1, 1, 2, 2}, renamed{7, 7, 7, 3, 3, 3};
  CHECK(adjusted_rand_index(a, a) == 1.0);
  CHECK(adjusted_rand_index(a, renamed) == 1.0);
  // Pairs: sum C(n_ij,2) = 2, rows 6, columns 3, C(6,2) = 15: (2 - 1.2) / (4.5 - 1.2) = 8/33.
  CHECK(adjusted_rand_index(a, b) == Approx(8.0 / 33.0).epsilon(1e-14));
  CHECK(adjusted_rand_index(b, a) == Approx(8.0 / 33.0).epsilon(1e-14));
  const std::vector<double> j = best_match_jaccard(a, 2, b);
  CHECK(j[0] == Approx(2.0 / 3.0));
  CHECK(j[1] == Approx(2.0 / 3.0));
  // Two unrelated partitions: ARI below 0 for this anti-aligned example.
  CHECK(adjusted_rand_index({0, 1, 0, 1}, {0, 0, 1, 1}) < 0);
}

TEST_CASE("segment: finds the simulated world's segments (ARI >= 0.95 at separation 1)", "[segment]") {
  const Table t = world(2000, 1.0);
  const Json j = run(t, {{"features", feature_list(12)}, {"factors", 4}, {"clusters", 5}, {"bootstrap", 0},
                         {"max_factors", 0}, {"max_clusters", 0}});
  INFO(j["truth"].dump());
  CHECK(j["truth"]["ari"].get<double>() >= 0.95);
  CHECK(j["factors"]["explained_variance"].get<double>() > 0.8);
  CHECK(j["id"] == "customer_id");
  CHECK(j["stability"].is_null());
  CHECK(j["uplift"].is_null());
  REQUIRE(j["segments"].size() == 5);
  size_t total = 0, last = SIZE_MAX;
  for (const auto& s : j["segments"]) {
    const size_t size = s["size"].get<size_t>();
    CHECK(size <= last);
    last = size;
    total += size;
    CHECK_FALSE(s["name"].get<std::string>().empty());
  }
  CHECK(total == 2000);
  for (const auto& row : j["factors"]["loadings"]) {
    double s = 0;
    for (const auto& v : row) s += v.get<double>();
    CHECK(s == Approx(1).epsilon(1e-12));
  }

  // Without a feature list the world's experiment columns (treatment, outcome, cate, true_*) stay out.
  const Json plain = run(t, {{"factors", 4}, {"clusters", 5}, {"bootstrap", 0}, {"max_factors", 0}, {"max_clusters", 0}});
  CHECK(plain["features"] == feature_list(12));
  CHECK(plain["truth"]["ari"] == j["truth"]["ari"]);
}

TEST_CASE("segment: bootstrap stability is high on separated segments, low on noise", "[segment]") {
  const Table t = world(1500, 1.0, 2);
  const Json good = run(t, {{"features", feature_list(12)}, {"factors", 4}, {"clusters", 5}, {"bootstrap", 8},
                            {"max_factors", 0}, {"max_clusters", 0}});
  INFO(good["stability"].dump());
  CHECK(good["stability"]["ari_mean"].get<double>() > 0.9);
  CHECK(good["stability"]["ari"].size() == 8);
  for (const auto& s : good["segments"]) CHECK(s["stable"] == true);

  // Pure noise: independent uniform features have no segments to find.
  Table noise("noise");
  Rng rng(11);
  for (int j = 0; j < 8; ++j) {
    Column c;
    c.name = "x" + std::to_string(j + 1);
    for (int i = 0; i < 1500; ++i) c.values.push_back(rng.uniform());
    noise.add_column(std::move(c));
  }
  const Json bad = run(noise, {{"factors", 4}, {"clusters", 6}, {"bootstrap", 8}, {"max_factors", 0}, {"max_clusters", 0}});
  INFO(bad["stability"].dump());
  bool any_unstable = false;
  for (const auto& s : bad["segments"]) any_unstable = any_unstable || s["stable"] == false;
  CHECK(any_unstable);
  CHECK(bad["stability"]["ari_mean"].get<double>() < good["stability"]["ari_mean"].get<double>());
}

TEST_CASE("segment: segments x uplift cover the true effects; by customer >= by segment", "[segment]") {
  const Table t = world(6000, 1.0, 3);
  const Json j = run(t, {{"features", feature_list(12)}, {"treatment", "treatment"}, {"outcome", "outcome"}, {"cate", "cate"},
                         {"cost", 0.1}, {"bootstrap", 0}, {"max_factors", 0}, {"max_clusters", 0}, {"return_assignments", true}});
  const auto& seg = j["assignments"]["segment"];
  const Column& tc = t.column("true_cate");
  std::vector<double> sum(5, 0.0), cnt(5, 0.0);
  for (size_t i = 0; i < t.rows(); ++i) {
    const int s = seg[i].get<int>() - 1;
    sum[static_cast<size_t>(s)] += tc.values[i];
    cnt[static_cast<size_t>(s)] += 1;
  }
  int covered = 0;
  for (size_t s = 0; s < 5; ++s) {
    const Json& e = j["segments"][s]["effect"];
    CHECK(e["source"] == "experiment");
    const double truth = sum[s] / cnt[s];
    covered += e["lower"].get<double>() <= truth && truth <= e["upper"].get<double>();
    CHECK(j["segments"][s]["sleeping_dog_share"].is_number());
  }
  CHECK(covered >= 4);
  const Json& pv = j["uplift"]["policy_value"];
  CHECK(j["uplift"]["source"] == "cate");
  CHECK(pv["by_customer"].get<double>() >= pv["by_segment"].get<double>());
  CHECK(pv["by_segment"].get<double>() > pv["everyone"].get<double>());  // one segment is sleeping dogs
  CHECK(pv["nobody"].get<double>() == 0);
  CHECK(j["uplift"]["segment_targeting_loss"].get<double>() >= 0);
  // From cate alone: the effect is the mean of the estimates.
  const Json c = run(t, {{"features", feature_list(12)}, {"cate", "cate"}, {"bootstrap", 0}, {"max_factors", 0}, {"max_clusters", 0}});
  CHECK(c["segments"][0]["effect"]["source"] == "cate");
  CHECK(c["uplift"]["policy_value"]["by_customer"].get<double>() >= c["uplift"]["policy_value"]["by_segment"].get<double>());
}

TEST_CASE("segment: the same seed gives the same JSON, at 1 and 2 threads", "[segment][threads]") {
  const Table t = world(6000, 0.8, 4);  // > 4,000 rows: sampled silhouette; > 5,000: sampled curves; parallel chunks
  const Json o = {{"features", feature_list(12)}, {"cate", "cate"}, {"bootstrap", 3}, {"max_factors", 3}, {"max_clusters", 4},
                  {"restarts", 4}};
  const std::string one = testsupport::at_threads(1, [&] { return run(t, o).dump(); });
  const std::string two = testsupport::at_threads(2, [&] { return run(t, o).dump(); });
  CHECK(one == two);
  const Json j = Json::parse(one);
  CHECK(j["clusters"]["silhouette_sampled"] == true);
  CHECK(j["map"]["x"].size() == 2000);
  CHECK(j["map"]["sampled"] == true);
  CHECK(j["factors"]["curve"].size() == 3);
  CHECK(j["clusters"]["curve"].size() == 3);
  CHECK(j["factors"]["curve_rows"] == 5000);
  CHECK(j["clusters"]["curve_rows"] == 5000);
  CHECK(j["stability"]["rows_per_refit"] == 6000);  // the ordinary bootstrap up to 10,000 rows
  for (const auto& c : j["clusters"]["curve"]) CHECK(c["inertia"].get<double>() > 0);  // over all rows
  Json other = o;
  other["seed"] = 2;
  CHECK(run(t, other)["stability"].dump() != j["stability"].dump());
}

TEST_CASE("segment: bad input names the column, the line and what was expected", "[segment]") {
  const Table t = read_csv("id,a,b,c\n1,1,2,3\n2,2,-1,4\n3,3,5,5\n4,4,1,6\n", "t.csv");
  auto error_of = [&](const Table& table, const Json& o) -> std::string {
    try {
      run(table, o);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string neg = error_of(t, {{"scaling", "none"}, {"factors", 2}, {"clusters", 2}, {"bootstrap", 0}});
  CHECK_THAT(neg, Contains("'b'") && Contains("line 3") && Contains("negative"));
  CHECK_THAT(error_of(t, {{"scaling", "log_minmax"}, {"factors", 2}, {"clusters", 2}}), Contains("line 3"));
  const Table constant = read_csv("a,b\n1,7\n2,7\n3,7\n", "c.csv");
  CHECK_THAT(error_of(constant, {{"factors", 1}, {"clusters", 2}}), Contains("'b'") && Contains("constant"));
  CHECK_THAT(error_of(t, {{"factors", 4}, {"clusters", 2}}), Contains("factors") && Contains("(3)"));
  CHECK_THAT(error_of(t, {{"factors", 2}, {"clusters", 9}}), Contains("clusters"));
  CHECK_THAT(error_of(t, {{"factor", 2}}), Contains("unknown option 'factor'"));
  CHECK_THAT(error_of(t, {{"features", {"a", "zz"}}, {"factors", 1}, {"clusters", 2}}), Contains("zz"));
  const Table dup = read_csv("id,a,b\n1,1,2\n2,2,3\n1,3,1\n", "d.csv");
  CHECK_THAT(error_of(dup, {{"factors", 1}, {"clusters", 2}}), Contains("line 4") && Contains("repeats line 2"));
  const Table arm = read_csv("a,b,w,y\n1,2,0,1\n2,3,2,1\n3,1,1,0\n", "w.csv");
  CHECK_THAT(error_of(arm, {{"features", {"a", "b"}}, {"treatment", "w"}, {"outcome", "y"}, {"factors", 1}, {"clusters", 2}}),
             Contains("'w'") && Contains("line 3") && Contains("0 (control) or 1"));
  const Table tiny = read_csv("a,b\n1,2\n2,3\n", "s.csv");
  CHECK_THAT(error_of(tiny, {{"factors", 1}, {"clusters", 2}}), Contains("at least 3 rows"));
  const Table gap = read_csv("a,b\n1,2\n2,\n3,1\n", "g.csv");
  CHECK_THAT(error_of(gap, {{"factors", 1}, {"clusters", 2}}), Contains("'b'") && Contains("line 3") && Contains("missing"));
}

TEST_CASE("segment: CLI simulate segments, segment --out", "[segment][cli]") {
  using clitest::cli;
  const auto dir = clitest::temp_dir();
  const auto data = dir / "segworld.csv", out = dir / "segments.csv";
  const clitest::Result sim = cli("simulate segments --rows 800 --seed 3 --out '" + data.string() + "'");
  REQUIRE(sim.status == 0);
  const clitest::Result r = cli("segment --data '" + data.string() +
                                "' --features f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12 --factors 4 --clusters 5 --bootstrap 2 "
                                "--treatment treatment --outcome outcome --out '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j.contains("truth"));
  CHECK_FALSE(j.contains("assignments"));
  const std::string csv = clitest::slurp(out);
  CHECK(csv.rfind("customer_id,segment,factor_1,factor_2,factor_3,factor_4\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 801);
  const clitest::Result bad = cli("segment --data '" + data.string() + "' --factors 40 --clusters 5");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("factors"));
}

TEST_CASE("segment: progress is reported in order and cancellation stops the run", "[segment]") {
  const Table t = world(600, 1.0, 5);
  SegmentOptions o;
  for (int j = 1; j <= 12; ++j) o.features.push_back("f" + std::to_string(j));
  o.bootstrap = 3;
  o.max_factors = 3;
  o.max_clusters = 3;
  std::vector<double> fractions;
  std::vector<std::string> stages;
  RunContext context([&](double f, const std::string& s) {
    fractions.push_back(f);
    stages.push_back(s);
  });
  run_segment(t, o, context);
  REQUIRE_FALSE(fractions.empty());
  CHECK(std::is_sorted(fractions.begin(), fractions.end()));
  CHECK(fractions.back() == 1.0);
  CHECK(std::find(stages.begin(), stages.end(), "stability") != stages.end());

  RunContext* self = nullptr;
  RunContext cancelling([&](double, const std::string& s) {
    if (s == "stability") self->cancel();
  });
  self = &cancelling;
  CHECK_THROWS_AS(run_segment(t, o, cancelling), CancelledError);
}
