// A/B readout: every number recomputed here by its formula (Welch, Wilson,
// Newcombe, delta method, CUPED), published Hillstrom visit rates, errors and
// control guessing.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/csv.hpp"
#include "core/distributions.hpp"
#include "core/error.hpp"
#include "experiment/abtest.hpp"

using namespace incrementa;
using Catch::Matchers::Contains;

namespace {
// Tolerance for hand calculations: same formulas in a different order, 1e-12 relative.
constexpr double kRel = 1e-12;
bool close(double got, double want) { return std::fabs(got - want) <= kRel * std::max(1.0, std::fabs(want)); }

AbTestOptions opts(const std::string& arm, const std::string& outcome) {
  AbTestOptions o;
  o.arm = arm;
  o.outcome = outcome;
  return o;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
double var(const std::vector<double>& v) {  // with n - 1
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / static_cast<double>(v.size() - 1);
}

struct Wilson {
  double lo, hi;
};
// Wilson score interval written from its textbook form.
Wilson wilson_by_hand(double k, double n, double z) {
  const double p = k / n;
  const double denom = 1 + z * z / n;
  const double centre = p + z * z / (2 * n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return {(centre - half) / denom, (centre + half) / denom};
}

const std::string kHillstrom = INCREMENTA_DATA "/hillstrom/hillstrom.csv";
}  // namespace

TEST_CASE("abtest: numeric outcome by hand (Welch)", "[abtest]") {
  // control: 1 2 3 4; treat: 2 4 6 8 10 (rows interleaved, one missing outcome).
  const auto t = read_csv("g,y\ncontrol,1\ntreat,2\ncontrol,2\ntreat,4\ncontrol,3\ntreat,6\ncontrol,4\ntreat,8\ntreat,10\ntreat,NA\n",
                          "tiny.csv");
  const AbTestResult r = run_abtest(t, opts("g", "y"));
  const std::vector<double> c{1, 2, 3, 4}, tr{2, 4, 6, 8, 10};
  REQUIRE(r.control == "control");
  CHECK(r.control_guessed);
  CHECK_FALSE(r.binary);
  CHECK(r.rows_total == 10);
  CHECK(r.rows_used == 9);
  CHECK(r.rows_missing == 1);
  REQUIRE(r.arms.size() == 2);
  CHECK(r.arms[0].name == "control");
  CHECK(r.arms[0].n == 4);
  CHECK(close(r.arms[0].mean, 2.5));
  CHECK(close(r.arms[1].mean, 6.0));
  CHECK(close(r.arms[1].sd, std::sqrt(10.0)));  // sum of squares 40 over 4
  CHECK(close(r.arms[1].se, std::sqrt(10.0 / 5)));
  // One-sample t interval for an arm: mean +- t(0.975, n-1) sd / sqrt(n).
  const double q4 = student_t_quantile(0.975, 4);
  CHECK(close(r.arms[1].ci.lo, 6 - q4 * std::sqrt(2.0)));
  CHECK(close(r.arms[1].ci.hi, 6 + q4 * std::sqrt(2.0)));

  // Welch: se^2 = vt/nt + vc/nc, Welch-Satterthwaite df.
  const double vt = var(tr) / 5, vc = var(c) / 4;
  const double se = std::sqrt(vt + vc);
  const double df = (vt + vc) * (vt + vc) / (vt * vt / 4 + vc * vc / 3);
  REQUIRE(r.comparisons.size() == 1);
  const Comparison& d = r.comparisons[0];
  CHECK(d.arm == "treat");
  CHECK(close(d.diff, 3.5));
  CHECK(close(d.se, se));
  CHECK(close(d.df, df));
  CHECK(close(d.t, 3.5 / se));
  CHECK(close(d.p_value, two_sided_p(3.5 / se, df)));
  const double q = student_t_quantile(0.975, df);
  CHECK(close(d.ci.lo, 3.5 - q * se));
  CHECK(close(d.ci.hi, 3.5 + q * se));
  CHECK(close(d.relative_lift, 6.0 / 2.5 - 1));
  // Delta method on the log ratio.
  const double s = std::sqrt(vt / 36 + vc / 6.25), z = normal_quantile(0.975);
  CHECK(close(d.relative_lift_ci.lo, std::exp(std::log(6 / 2.5) - z * s) - 1));
  CHECK(close(d.relative_lift_ci.hi, std::exp(std::log(6 / 2.5) + z * s) - 1));
  // alpha changes the interval: 90% is narrower.
  AbTestOptions o90 = opts("g", "y");
  o90.alpha = 0.10;
  const auto r90 = run_abtest(t, o90);
  CHECK(close(r90.comparisons[0].ci.hi, 3.5 + student_t_quantile(0.95, df) * se));
}

TEST_CASE("abtest: binary outcome by hand (Wilson, Newcombe)", "[abtest]") {
  // A (control): 3 of 10; B: 6 of 10.
  std::string csv = "arm,conv\n";
  for (int i = 0; i < 10; ++i) csv += std::string("A,") + (i < 3 ? "1" : "0") + "\nB," + (i < 6 ? "1" : "0") + "\n";
  const auto t = read_csv(csv, "bin.csv");
  const AbTestResult r = run_abtest(t, opts("arm", "conv"));
  REQUIRE(r.binary);
  CHECK(r.control == "A");  // 'a' reads like a control
  const double z = normal_quantile(0.975);
  const Wilson wa = wilson_by_hand(3, 10, z), wb = wilson_by_hand(6, 10, z);
  CHECK(close(r.arms[0].ci.lo, wa.lo));
  CHECK(close(r.arms[0].ci.hi, wa.hi));
  CHECK(close(r.arms[1].ci.lo, wb.lo));
  // Newcombe method 10: d -+ sqrt((p_t - l_t)^2 + (u_c - p_c)^2) etc.
  const double d = 0.6 - 0.3;
  const Comparison& c = r.comparisons[0];
  CHECK(close(c.diff, d));
  CHECK(close(c.ci.lo, d - std::sqrt((0.6 - wb.lo) * (0.6 - wb.lo) + (wa.hi - 0.3) * (wa.hi - 0.3))));
  CHECK(close(c.ci.hi, d + std::sqrt((wb.hi - 0.6) * (wb.hi - 0.6) + (0.3 - wa.lo) * (0.3 - wa.lo))));
  // The Welch statistics still describe the difference: var of a 0/1 arm = n p (1-p) / (n-1).
  const double vt = 10 * 0.6 * 0.4 / 9 / 10, vc = 10 * 0.3 * 0.7 / 9 / 10;
  CHECK(close(c.se, std::sqrt(vt + vc)));
  CHECK(close(c.relative_lift, 1.0));
}

TEST_CASE("abtest: Hillstrom visit rates match the published values", "[abtest][hillstrom]") {
  const Table t = read_csv_file(kHillstrom);
  const AbTestResult r = run_abtest(t, opts("segment", "visit"));
  REQUIRE(r.control == "No E-Mail");  // guessed: "No ..." reads like a control
  REQUIRE(r.arms.size() == 3);
  std::map<std::string, double> rate;
  for (const auto& a : r.arms) rate[a.name] = a.mean;
  // Published check values (Hillstrom's MineThatData challenge), 4 decimals.
  CHECK(std::fabs(rate["Mens E-Mail"] - 0.1828) < 5e-5);
  CHECK(std::fabs(rate["Womens E-Mail"] - 0.1514) < 5e-5);
  CHECK(std::fabs(rate["No E-Mail"] - 0.1062) < 5e-5);

  // Counts by an independent reading of the file. Only history_segment (2nd)
  // may be quoted with a comma inside, so count fields from the end.
  std::ifstream in(kHillstrom);
  std::string line;
  std::getline(in, line);
  std::map<std::string, double> n, k;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    REQUIRE(f.size() >= 12);
    const std::string& segment = f[f.size() - 4];
    n[segment] += 1;
    k[segment] += std::stod(f[f.size() - 3]);  // visit
  }
  CHECK(n["Mens E-Mail"] + n["Womens E-Mail"] + n["No E-Mail"] == 64000);
  const Comparison* mens = nullptr;
  for (const auto& c : r.comparisons)
    if (c.arm == "Mens E-Mail") mens = &c;
  REQUIRE(mens);
  const double diff = k["Mens E-Mail"] / n["Mens E-Mail"] - k["No E-Mail"] / n["No E-Mail"];
  CHECK(close(mens->diff, diff));
  CHECK(r.arms[0].n == static_cast<size_t>(n["No E-Mail"]));
  // The email clearly works: the interval excludes 0.
  CHECK(mens->ci.lo > 0);
  CHECK(mens->p_value < 1e-10);
}

TEST_CASE("abtest: CUPED by hand", "[abtest][cuped]") {
  const std::vector<double> yc{3, 5, 4, 8, 6}, xc{1, 3, 2, 6, 3}, yt{6, 9, 7, 11, 8, 10}, xt{2, 5, 3, 7, 3, 6};
  std::string csv = "arm,y,pre\n";
  for (size_t i = 0; i < yc.size(); ++i) csv += "control," + std::to_string(yc[i]) + "," + std::to_string(xc[i]) + "\n";
  for (size_t i = 0; i < yt.size(); ++i) csv += "test," + std::to_string(yt[i]) + "," + std::to_string(xt[i]) + "\n";
  const auto t = read_csv(csv, "cuped.csv");
  AbTestOptions o = opts("arm", "y");
  o.covariate = "pre";
  const AbTestResult r = run_abtest(t, o);
  REQUIRE(r.has_cuped);

  // theta: pooled within-arm covariance over pooled within-arm variance of x.
  auto sxy = [](const std::vector<double>& x, const std::vector<double>& y) {
    const double mx = mean(x), my = mean(y);
    double s = 0;
    for (size_t i = 0; i < x.size(); ++i) s += (x[i] - mx) * (y[i] - my);
    return s;
  };
  const double theta = (sxy(xc, yc) + sxy(xt, yt)) / (sxy(xc, xc) + sxy(xt, xt));
  CHECK(close(r.cuped_theta, theta));
  auto adjusted = [&](const std::vector<double>& y, const std::vector<double>& x) {
    std::vector<double> a(y.size());
    for (size_t i = 0; i < y.size(); ++i) a[i] = y[i] - theta * x[i];
    return a;
  };
  const auto ac = adjusted(yc, xc), at = adjusted(yt, xt);
  REQUIRE(r.cuped.size() == 1);
  const CupedComparison& cc = r.cuped[0];
  CHECK(close(cc.diff, mean(at) - mean(ac)));
  const double se = std::sqrt(var(at) / 6 + var(ac) / 5);
  CHECK(close(cc.se, se));
  const double raw_se = std::sqrt(var(yt) / 6 + var(yc) / 5);
  CHECK(close(r.comparisons[0].se, raw_se));
  CHECK(close(cc.variance_reduction, 1 - se * se / (raw_se * raw_se)));
  CHECK(cc.variance_reduction > 0.5);  // x predicts y well here
  // Overall: 1 - within-arm SS of the adjusted outcome / within-arm SS of y.
  const double ss_adj = var(ac) * 4 + var(at) * 5, ss_y = var(yc) * 4 + var(yt) * 5;
  CHECK(close(r.cuped_variance_reduction, 1 - ss_adj / ss_y));
  CHECK(close(r.arms[1].covariate_mean, mean(xt)));
}

TEST_CASE("abtest: CUPED on Hillstrom (spend, pre-period history)", "[abtest][cuped][hillstrom]") {
  const Table t = read_csv_file(kHillstrom);
  AbTestOptions o = opts("segment", "spend");
  o.covariate = "history";
  o.control = "No E-Mail";
  const AbTestResult r = run_abtest(t, o);
  REQUIRE(r.has_cuped);
  CHECK_FALSE(r.control_guessed);
  // Recompute every CUPED difference from the raw columns.
  const Column& seg = t.column("segment");
  const auto& y = t.column("spend").values;
  const auto& x = t.column("history").values;
  const size_t k = seg.levels.size();
  std::vector<double> n(k), sy(k), sx(k);
  for (size_t i = 0; i < y.size(); ++i) {
    n[seg.codes[i]] += 1;
    sy[seg.codes[i]] += y[i];
    sx[seg.codes[i]] += x[i];
  }
  double cxy = 0, cxx = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const size_t a = seg.codes[i];
    cxy += (x[i] - sx[a] / n[a]) * (y[i] - sy[a] / n[a]);
    cxx += (x[i] - sx[a] / n[a]) * (x[i] - sx[a] / n[a]);
  }
  const double theta = cxy / cxx;
  // 1e-9: sums over 64,000 rows in a different order.
  CHECK(std::fabs(r.cuped_theta - theta) < 1e-9 * std::fabs(theta));
  const size_t control = std::find(seg.levels.begin(), seg.levels.end(), "No E-Mail") - seg.levels.begin();
  for (size_t i = 0; i < r.cuped.size(); ++i) {
    const auto& cc = r.cuped[i];
    const size_t a = std::find(seg.levels.begin(), seg.levels.end(), cc.arm) - seg.levels.begin();
    const double want = (sy[a] / n[a] - theta * sx[a] / n[a]) - (sy[control] / n[control] - theta * sx[control] / n[control]);
    INFO(cc.arm);
    CHECK(std::fabs(cc.diff - want) < 1e-9 * std::fabs(want));
    const double raw_se = r.comparisons[i].se;
    CHECK(std::fabs(cc.variance_reduction - (1 - cc.se * cc.se / (raw_se * raw_se))) < 1e-12);
    CHECK(cc.se <= raw_se);  // a fitted theta never increases the pooled variance
  }
}

TEST_CASE("abtest errors", "[abtest][errors]") {
  const auto two = read_csv("g,y\na,1\na,2\nb,3\nb,5\n", "e.csv");
  SECTION("single arm") {
    const auto t = read_csv("g,y\nA,1\nA,2\nA,3\n", "e.csv");
    CHECK_THROWS_WITH(run_abtest(t, opts("g", "y")), Contains("a single arm with data ('A')") && Contains("at least one other arm"));
  }
  SECTION("unknown control lists the values") {
    AbTestOptions o = opts("g", "y");
    o.control = "ctrl";
    CHECK_THROWS_WITH(run_abtest(two, o), Contains("control 'ctrl' is not a value of column 'g'; its values are 'a', 'b'"));
  }
  SECTION("an arm with one row") {
    const auto t = read_csv("g,y\na,1\na,2\nb,3\nb,5\nc,4\n", "e.csv");
    CHECK_THROWS_WITH(run_abtest(t, opts("g", "y")), Contains("arm 'c' has a single row"));
  }
  SECTION("fractional arm column") {
    const auto t = read_csv("g,y\n0.5,1\n1.5,2\n0.5,3\n1.5,4\n", "e.csv");
    CHECK_THROWS_WITH(run_abtest(t, opts("g", "y")), Contains("e.csv: column 'g' holds fractional numbers"));
  }
  SECTION("alpha out of range") {
    for (double alpha : {0.0, 0.5, 0.9, -0.05, std::nan("")}) {
      AbTestOptions o = opts("g", "y");
      o.alpha = alpha;
      INFO("alpha " << alpha);
      CHECK_THROWS_WITH(run_abtest(two, o), Contains("alpha must be between 0 and 0.5"));
    }
  }
  SECTION("text outcome, unknown columns, bad covariate") {
    const auto t = read_csv("g,y,pre\na,1,1\na,x,2\nb,3,3\nb,5,4\n", "e.csv");
    CHECK_THROWS_WITH(run_abtest(t, opts("g", "y")), Contains("column 'y' (outcome) must hold numbers, but line 3 holds 'x'"));
    CHECK_THROWS_WITH(run_abtest(two, opts("arm", "y")), Contains("no column named 'arm'"));
    CHECK_THROWS_WITH(run_abtest(two, opts("g", "g")), Contains("must be different columns"));
    AbTestOptions o = opts("g", "y");
    o.covariate = "y";
    CHECK_THROWS_WITH(run_abtest(two, o), Contains("CUPED covariate must be a pre-period column"));
    const auto flat = read_csv("g,y,pre\na,1,1\na,2,1\nb,3,2\nb,5,2\n", "e.csv");
    o.covariate = "pre";
    CHECK_THROWS_WITH(run_abtest(flat, o), Contains("constant within every arm"));
  }
}

TEST_CASE("abtest: control guessing", "[abtest]") {
  auto guessed = [](const std::string& a, const std::string& b) {
    const auto t = read_csv("g,y\n" + a + ",1\n" + a + ",2\n" + b + ",3\n" + b + ",5\n", "g.csv");
    const AbTestResult r = run_abtest(t, opts("g", "y"));
    CHECK(r.control_guessed);
    return r.control;
  };
  // Each pair sorts the control-like label second, so taking the first label would fail.
  CHECK(guessed("better", "control") == "control");
  CHECK(guessed("Abc", "HoldOut") == "HoldOut");  // case-insensitive names
  CHECK(guessed("0B", "A") == "A");
  CHECK(guessed("-1", "0") == "0");  // integer arm column, labels in numeric order
  CHECK(guessed("Email", "no_email") == "no_email");
  CHECK(guessed("nothing", "alpha") == "alpha");  // "no" must be followed by a separator
  CHECK(guessed("zeta", "beta") == "beta");  // nothing like a control: the first label
}
