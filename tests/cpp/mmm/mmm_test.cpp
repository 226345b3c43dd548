// The marketing-mix room (docs/mmm.md): transforms, recovery of a known
// world (the PyMC-Marketing example and our simulated one), the exact
// reallocation against brute force, determinism, input errors and the CLI.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/portable_math.hpp"
#include "core/rng.hpp"
#include "mmm/mmm.hpp"
#include "mmm/weeks.hpp"
#include "sim/mmm_world.hpp"
#include "support/cli_runner.hpp"
#include "support/threads.hpp"

using namespace incrementa;
using namespace incrementa::mmm;
using Catch::Matchers::Contains;

namespace {

const std::string kPymc = std::string(INCREMENTA_DATA) + "/mmm-pymc-example/mmm_example.csv";

MmmOptions pymc_options() {
  MmmOptions o;
  o.kpi = "y";
  o.date = "date_week";
  o.channels = {"x1", "x2"};
  o.controls = {"event_1", "event_2"};
  return o;
}

// The example's true channel contribution, written out from its generating
// code (data/mmm-pymc-example/README.md), independently of src/mmm.
double pymc_true_contribution(const Table& t, const std::string& col, double alpha, double lam, double beta) {
  const std::vector<double>& x = t.column(col).values;
  double w[8], sum = 0;
  for (int l = 0; l < 8; ++l) sum += (w[l] = std::pow(alpha, l));
  double total = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double a = 0;
    for (size_t l = 0; l < 8 && l <= i; ++l) a += w[l] / sum * x[i - l];
    total += beta * (1 - std::exp(-lam * a)) / (1 + std::exp(-lam * a));
  }
  return total;
}

bool inside(const Interval& i, double v) { return i.lo <= v && v <= i.hi; }

std::string weekly_csv(const std::vector<std::string>& dates, const std::vector<double>& spend) {
  std::string s = "date,sales,tv\n";
  for (size_t i = 0; i < dates.size(); ++i)
    s += dates[i] + "," + std::to_string(1000 + 3 * i + (i % 5) * 7) + "," + format_number(spend[i]) + "\n";
  return s;
}

std::vector<std::string> mondays(size_t n) {
  std::vector<std::string> d;
  const long start = *parse_iso_day("2022-01-03");
  for (size_t i = 0; i < n; ++i) d.push_back(iso_date(start + 7 * static_cast<long>(i)));
  return d;
}

}  // namespace

TEST_CASE("portable exp, log and pow are within a few ulp of the C library", "[mmm][math]") {
  // 4 ulp: the Taylor / atanh series are exact to ~1e-17; the rest is the rounding of a dozen operations.
  Rng rng(3);
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    const double x = rng.uniform(-40, 40), y = rng.uniform(1e-6, 50), z = rng.uniform(-3, 3);
    worst = std::max(worst, std::fabs(portable::exp(x) / std::exp(x) - 1));
    worst = std::max(worst, std::fabs(portable::log(y) - std::log(y)) / std::max(1.0, std::fabs(std::log(y))));
    worst = std::max(worst, std::fabs(portable::pow(y, z) / std::pow(y, z) - 1) / std::max(1.0, std::fabs(z * std::log(y))));
  }
  CHECK(worst < 4 * std::numeric_limits<double>::epsilon());
  double trig = 0;
  for (int i = 0; i < 20000; ++i) {
    const double a = rng.uniform(-100, 100);
    double s = 0, c = 0;
    portable::sincos(a, s, c);
    trig = std::max({trig, std::fabs(s - std::sin(a)), std::fabs(c - std::cos(a))});
  }
  CHECK(trig < 4 * std::numeric_limits<double>::epsilon());
  CHECK(portable::exp(0) == 1.0);
  CHECK(portable::log(1) == 0.0);
  CHECK(std::isinf(portable::exp(800)));
  CHECK(portable::exp(-800) == 0.0);
}

TEST_CASE("mmm: adstock weights are normalised; an impulse decays geometrically; dates are read exactly", "[mmm]") {
  Shape s;
  s.decay = 0.5;
  const auto w = adstock_weights(Adstock::Geometric, s, 4);
  REQUIRE(w.size() == 4);
  CHECK(w[0] + w[1] + w[2] + w[3] == Approx(1.0).epsilon(1e-15));
  CHECK(w[1] / w[0] == Approx(0.5).epsilon(1e-15));
  const auto a = apply_adstock({8, 0, 0, 0, 0}, w);
  CHECK(a[0] == Approx(8 * w[0]));
  CHECK(a[2] == Approx(8 * w[2]));
  CHECK(a[4] == 0.0);  // beyond max_lag
  s.shape = 3;
  s.scale = 0.5;
  const auto wb = adstock_weights(Adstock::Weibull, s, 8);
  CHECK(std::max_element(wb.begin(), wb.end()) - wb.begin() >= 2);  // shape > 1: the peak comes later
  CHECK(saturate(Saturation::Hill, s, s.half) == Approx(0.5));
  CHECK(day_of_year(*parse_iso_day("2020-12-31")) == 366);
  CHECK(*parse_iso_day("1970-01-08") == 7);
  CHECK(iso_date(*parse_iso_day("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(parse_iso_day("2021-02-29"));
}

TEST_CASE("mmm: the PyMC-Marketing example's adstock, saturation and coefficients are inside their intervals; contributions within 10%", "[mmm]") {
  const Table t = read_csv_file(kPymc);
  RunContext ctx;
  const MmmReport r = run_mmm(t, pymc_options(), ctx);
  REQUIRE(r.channels.size() == 2);
  // Truth: x1 alpha 0.4, lam 4, beta 3000 (y units); x2 alpha 0.2, lam 3, beta 2000. Our saturation acts on
  // spend / the channel's largest week, so the true lam in our units is lam x scale.
  const double alpha[] = {0.4, 0.2}, lam[] = {4, 3}, beta[] = {3000, 2000};
  for (size_t c = 0; c < 2; ++c) {
    const ChannelReport& ch = r.channels[c];
    INFO(ch.name);
    CHECK(inside(ch.param_ci.at("decay"), alpha[c]));
    CHECK(inside(ch.param_ci.at("lam"), lam[c] * ch.scale));
    CHECK(inside(ch.param_ci.at("beta"), beta[c]));
    // The bar of the issue: contributions within 10% of the truth (measured: +0.7% and +3.8%).
    const double truth = pymc_true_contribution(t, ch.name, alpha[c], lam[c], beta[c]);
    CHECK(std::fabs(ch.contribution / truth - 1) < 0.10);
    CHECK(inside(ch.contribution_ci, truth));
  }
  // Noise sd is 250: a fit far from it would mean the model is mis-specified (measured holdout RMSE 278).
  CHECK(r.in_sample.rmse < 300);
  CHECK(r.holdout.rmse < 350);
}

TEST_CASE("mmm: the simulated world's contributions are recovered (3 seeds x 3 channels)", "[mmm]") {
  size_t covered = 0, total = 0;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    MmmWorld w;
    w.seed = seed;
    const MmmWorldTruth truth = simulate_mmm(w);
    MmmOptions o;
    o.kpi = "sales";
    o.date = "week";
    o.controls = {"promo"};
    for (const auto& ch : truth.channels) o.channels.push_back(ch.name);
    o.seed = seed;
    RunContext ctx;
    const MmmReport r = run_mmm(truth.table, o, ctx);
    double media = 0, media_true = 0;
    for (const auto& ch : r.channels) {
      double t = 0;
      for (double v : truth.table.column("true_" + ch.name).values) t += v;
      covered += inside(ch.contribution_ci, t);
      ++total;
      media += ch.contribution;
      media_true += t;
    }
    // All media together is well identified (measured within 0.6% on these seeds); each small channel less so.
    CHECK(std::fabs(media / media_true - 1) < 0.03);
  }
  // 90% intervals: 8 of 9 covered when measured; at least 7 (a 90% interval may miss 1 in 10).
  CHECK(covered >= 7);
}

TEST_CASE("mmm: the reallocation is the best split on its grid (brute force over 3 channels) and never overspends", "[mmm]") {
  const Table t = read_csv_file(kPymc);
  MmmOptions o = pymc_options();
  o.bootstrap = 0;
  o.saturation = Saturation::Hill;  // S-shaped curves: greedy by marginal ROI would not be exact
  const MmmData d = read_mmm_data(t, o);
  RunContext ctx;
  const MmmReport r = run_mmm(d, o, ctx);
  std::vector<ChannelModel> ch(2);
  std::vector<double> spend;
  for (size_t c = 0; c < 2; ++c) {
    ch[c].shape = r.channels[c].shape;
    ch[c].scale = r.channels[c].scale;
    ch[c].beta = r.channels[c].beta;
    ch[c].adstocked = r.channels[c].adstocked;
    spend.push_back(r.channels[c].spend);
  }
  // A third channel: the first one's curve at half the price.
  ch.push_back(ch[0]);
  for (double& a : ch[2].adstocked) a *= 0.5;
  ch[2].scale *= 0.5;
  spend.push_back(spend[0] * 0.5);
  double total = 0;
  for (double s : spend) total += s;
  total *= 0.8;
  const Allocation a = allocate(ch, Saturation::Hill, spend, total, 0.2, 2.0);
  double used = 0, value = 0;
  for (size_t c = 0; c < 3; ++c) used += a.spend[c], value += a.kpi[c];
  CHECK(used <= total * (1 + 1e-12));
  // Brute force over multipliers 0.2 .. 2.0 in steps of 0.009 (the DP's level grid): the DP must be at least as
  // good, up to the loss of placing costs on its budget grid (grid_step per channel, valued at the best mROI).
  double best = -1;
  for (int i = 0; i <= 200; ++i)
    for (int j = 0; j <= 200; ++j) {
      const double m0 = 0.2 + 1.8 * i / 200, m1 = 0.2 + 1.8 * j / 200;
      const double rest = total - m0 * spend[0] - m1 * spend[1];
      if (rest < 0.2 * spend[2]) continue;
      const double m2 = std::min(2.0, std::floor((rest / spend[2] - 0.2) / 0.009 + 1e-9) * 0.009 + 0.2);
      const double v = channel_kpi(ch[0], Saturation::Hill, m0) + channel_kpi(ch[1], Saturation::Hill, m1) +
                       channel_kpi(ch[2], Saturation::Hill, m2);
      best = std::max(best, v);
    }
  REQUIRE(best > 0);
  CHECK(value >= best * (1 - 2e-3));
}

TEST_CASE("mmm: same numbers at 1 and 3 threads", "[mmm]") {
  const Table t = read_csv_file(kPymc);
  const Json o = {{"kpi", "y"}, {"channels", {"x1", "x2"}}, {"controls", "event_1,event_2"}, {"bootstrap", 24}};
  RunContext c1, c3;
  const Json a = testsupport::at_threads(1, [&] { return run_command("mmm", t, o, c1); });
  const Json b = testsupport::at_threads(3, [&] { return run_command("mmm", t, o, c3); });
  CHECK(a.dump() == b.dump());
  CHECK(a["bootstrap"]["replicates"] == 24);
}

TEST_CASE("mmm: bad input gets a clear error", "[mmm]") {
  RunContext ctx;
  const auto dates = mondays(40);
  std::vector<double> spend(40);
  for (size_t i = 0; i < 40; ++i) spend[i] = static_cast<double>(i % 7);
  const Json o = {{"kpi", "sales"}, {"channels", {"tv"}}, {"date", "date"}, {"bootstrap", 0}};
  SECTION("negative spend names the line and column") {
    auto s = spend;
    s[11] = -3;
    const Table t = read_csv(weekly_csv(dates, s), "weeks.csv");
    CHECK_THROWS_WITH(run_command("mmm", t, o, ctx), Contains("weeks.csv, line 13, column 'tv'") && Contains("negative"));
  }
  SECTION("a missing week") {
    auto d = dates;
    d.erase(d.begin() + 20);
    auto s = spend;
    s.pop_back();
    const Table t = read_csv(weekly_csv(d, s), "weeks.csv");
    CHECK_THROWS_WITH(run_command("mmm", t, o, ctx), Contains("line 22") && Contains("14 days after"));
  }
  SECTION("a channel with no variation") {
    const Table t = read_csv(weekly_csv(dates, std::vector<double>(40, 5.0)), "weeks.csv");
    CHECK_THROWS_WITH(run_command("mmm", t, o, ctx), Contains("'tv' is 5 every week"));
  }
  SECTION("not a date") {
    auto d = dates;
    d[3] = "03/02/2022";
    const Table t = read_csv(weekly_csv(d, spend), "weeks.csv");
    CHECK_THROWS_WITH(run_command("mmm", t, o, ctx), Contains("line 5") && Contains("YYYY-MM-DD"));
  }
  SECTION("an unknown option and a column used twice") {
    const Table t = read_csv(weekly_csv(dates, spend), "weeks.csv");
    Json bad = o;
    bad["adstok"] = "geometric";
    CHECK_THROWS_WITH(run_command("mmm", t, bad, ctx), Contains("unknown option 'adstok'"));
    Json twice = o;
    twice["controls"] = {"tv"};
    CHECK_THROWS_WITH(run_command("mmm", t, twice, ctx), Contains("both a channel and a control"));
  }
}

TEST_CASE("mmm: CLI fit and optimise", "[mmm][cli]") {
  const auto fit = clitest::cli("mmm fit --data '" + kPymc + "' --controls event_1,event_2 --bootstrap 10 --out '" +
                                (clitest::temp_dir() / "decomp.csv").string() + "'");
  REQUIRE(fit.status == 0);
  const Json r = Json::parse(fit.out);
  CHECK(r["kpi"] == "y");  // guessed
  CHECK(r["channels"].size() == 2);
  const Table d = read_csv_file((clitest::temp_dir() / "decomp.csv").string());
  CHECK(d.rows() == 179);
  // The decomposition adds up to the fit, week by week.
  for (size_t i = 0; i < d.rows(); i += 17) {
    double sum = d.column("baseline").values[i] + d.column("seasonality").values[i] + d.column("media x1").values[i] +
                 d.column("media x2").values[i] + d.column("control event_1").values[i] + d.column("control event_2").values[i];
    CHECK(sum == Approx(d.column("fitted").values[i]).epsilon(1e-9));
  }
  const auto opt = clitest::cli("mmm optimise --data '" + kPymc + "' --controls event_1,event_2 --bootstrap 0 --change -20");
  REQUIRE(opt.status == 0);
  const Json a = Json::parse(opt.out)["allocation"];
  const double spent = a["channels"][0]["spend_now"].get<double>() + a["channels"][1]["spend_now"].get<double>();
  CHECK(a["total"].get<double>() == Approx(0.8 * spent).epsilon(1e-12));
  CHECK(a["channels"][0]["spend_new"].get<double>() + a["channels"][1]["spend_new"].get<double>() <= 0.8 * spent * (1 + 1e-12));
  const auto bad = clitest::cli("mmm fit --data '" + kPymc + "' --channels x1,nope");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("nope"));
}

TEST_CASE("mmm: CLI discover and augment (the causal-graph room behind the same command)", "[mmm][cli]") {
  const std::string world = (clitest::temp_dir() / "mmm_world.csv").string();
  REQUIRE(clitest::cli("simulate mmm --seed 2 --out '" + world + "'").status == 0);
  const auto d = clitest::cli("mmm discover --data '" + world +
                              "' --columns sales,tv,search,social,promo --outcome sales --forbidden 'sales->tv,sales->search'");
  REQUIRE(d.status == 0);
  const Json g = Json::parse(d.out);
  // The world's spend drives sales and nothing else: every edge the data keep ends at sales.
  bool into_sales = !g["edges"].empty();
  for (const auto& e : g["edges"]) into_sales = into_sales && e["to"] == "sales" && e["directed"] == true;
  CHECK(into_sales);
  const auto a = clitest::cli("mmm augment --data '" + world +
                              "' --target sales --features tv,search --edges 'tv->sales,search->sales' --thetas 0,1e-4");
  REQUIRE(a.status == 0);
  const Json r = Json::parse(a.out);
  CHECK(r["sweep"].size() == 2);
  CHECK(r["rmse_without"].get<double>() > 0);
  const auto cyclic = clitest::cli("mmm augment --data '" + world + "' --target sales --features tv,search --edges 'tv->search,search->tv'");
  CHECK(cyclic.status == 2);
  CHECK_THAT(cyclic.err, Contains("cycle"));
  const auto bad = clitest::cli("mmm discover --data '" + world + "' --required 'tv'");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("not an edge"));
}

TEST_CASE("mmm: with a causal graph, a control that a channel causes leaves the fit and the channel's effect comes back", "[mmm][graph]") {
  MmmWorld w;
  w.seed = 2;
  MmmWorldTruth world = simulate_mmm(w);
  // brand_search: driven by TV (a mediator-like proxy of its effect). Held fixed, it soaks up TV's contribution.
  Rng rng(9);
  Column proxy;
  proxy.name = "brand_search";
  double tv_truth = 0;
  for (double v : world.table.column("true_tv").values) proxy.values.push_back(0.8 * v + rng.normal()), tv_truth += v;
  world.table.add_column(std::move(proxy));
  Json o = {{"kpi", "sales"}, {"channels", {"tv", "search", "social"}}, {"controls", {"promo", "brand_search"}}, {"bootstrap", 0}};
  RunContext ctx;
  const Json plain = run_command("mmm", world.table, o, ctx);
  // Measured: 0.867 of the truth without the graph (held fixed, the proxy takes TV's credit), 0.994 with it.
  INFO("without the graph " << plain["channels"][0]["contribution"].get<double>() / tv_truth);
  CHECK(plain["channels"][0]["contribution"].get<double>() < 0.9 * tv_truth);
  o["edges"] = Json::array({Json::array({"tv", "brand_search"}), Json::array({"brand_search", "sales"}), Json::array({"tv", "sales"}), Json::array({"search", "sales"}), Json::array({"promo", "sales"})});
  const Json graph = run_command("mmm", world.table, o, ctx);
  INFO("with the graph " << graph["channels"][0]["contribution"].get<double>() / tv_truth);
  CHECK(std::fabs(graph["channels"][0]["contribution"].get<double>() / tv_truth - 1) < 0.05);
  REQUIRE(graph["graph"]["dropped_controls"].size() == 1);
  CHECK(graph["graph"]["dropped_controls"][0]["control"] == "brand_search");
  CHECK_THAT(graph["graph"]["dropped_controls"][0]["because"].get<std::string>(), Contains("tv causes it"));
  CHECK(graph["graph"]["kept_controls"] == Json::array({"promo"}));
  // A channel driving another is reported; a cycle and an unknown name are clear errors.
  o["edges"] = Json::array({Json::array({"tv", "search"}), Json::array({"search", "sales"})});
  CHECK_THAT(run_command("mmm", world.table, o, ctx)["graph"]["notes"][0].get<std::string>(), Contains("tv drives search"));
  o["edges"] = Json::array({Json::array({"tv", "search"}), Json::array({"search", "tv"})});
  CHECK_THROWS_WITH(run_command("mmm", world.table, o, ctx), Contains("cycle") && Contains("tv"));
  o["edges"] = Json::array({Json::array({"tv", "radio"})});
  CHECK_THROWS_WITH(run_command("mmm", world.table, o, ctx), Contains("radio"));
}

TEST_CASE("mmm: the defaults live in one place — features and the CLI help say what MmmOptions says", "[mmm][cli]") {
  const MmmOptions o;
  const auto f = clitest::cli("features");
  REQUIRE(f.status == 0);
  const Json d = Json::parse(f.out)["defaults"]["mmm"];
  CHECK(d["bootstrap"] == o.bootstrap);
  CHECK(d["max_lag"] == o.max_lag);
  CHECK(d["level"] == o.level);
  CHECK(d["adstock"] == adstock_name(o.adstock));
  const auto help = clitest::cli("mmm fit --help");
  CHECK_THAT(help.out, Contains("--bootstrap UINT=" + std::to_string(o.bootstrap)));
  CHECK_THAT(help.out, Contains("--max-lag UINT=" + std::to_string(o.max_lag)));
}
