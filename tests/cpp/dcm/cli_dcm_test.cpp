// The CLI end to end: simulate dcm -> dcm train -> dcm score -> shapley --dcm-model.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/cli_runner.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

namespace {
using clitest::cli;
using clitest::Result;
using clitest::slurp;
const auto& dir = clitest::temp_dir;
// Writes a file and returns its shell-quoted path.
std::string put(const std::string& name, const std::string& text) {
  return "'" + clitest::write_file(name, text).string() + "'";
}
std::string dcm_config_text() {
  return R"({"customer":"customer","period":"week","outcome":"spend","surrogates":["browse","orders"],
      "es_surrogates":["es_reorder","es_recs","es_qa"],"features":["x1","x2"],"lags":1,"same_period":true,"ridge":0,
      "groups":{"reminders":["es_reorder"],"discovery":["es_recs","es_qa"]}})";
}
}  // namespace

TEST_CASE("cli: dcm train -> score -> shapley round trip", "[dcm][cli]") {
  const std::string panel = "'" + (dir() / "panel.csv").string() + "'", model = "'" + (dir() / "model.json").string() + "'";
  REQUIRE(cli("simulate dcm --rows 600 --weeks 8 --seed 2 --out " + panel).status == 0);
  const std::string config = put("config.json",
                                 R"({"customer":"customer","period":"week","outcome":"spend","surrogates":["browse","orders"],
      "es_surrogates":["es_reorder","es_recs","es_qa"],"features":["x1","x2"],"lags":1,"same_period":true,"ridge":0,
      "groups":{"reminders":["es_reorder"],"discovery":["es_recs","es_qa"]}})");
  const Result train = cli("dcm train --panel " + panel + " --config " + config + " --bootstrap 30 --seed 5 --model-out " + model);
  INFO(train.err);
  REQUIRE(train.status == 0);
  const Json t = Json::parse(train.out);
  CHECK(t["equations"] == 7 * 6);
  CHECK(t["bootstrap"] == 30);
  const Json m = Json::parse(slurp(dir() / "model.json"));
  CHECK(m["format"] == "incrementa-dcm");
  CHECK(m["version"] == 1);

  const std::string shock = put("shock.json", R"({"shocks":[{"surrogates":["es_reorder"],"type":"zero","from":3,"to":6}]})");
  const Result sc = cli("dcm score --model " + model + " --panel " + panel + " --shock " + shock);
  INFO(sc.err);
  REQUIRE(sc.status == 0);
  const Json s = Json::parse(sc.out);
  const double inc = s["total"]["incremental"].get<double>();
  CHECK(inc > 0);
  CHECK(s["total"]["baseline"].get<double>() - s["total"]["counterfactual"].get<double>() == Approx(inc));
  CHECK(s["total"]["incremental_ci"][0].get<double>() < inc);
  CHECK(s["periods"].size() == 8);
  CHECK(s["groups"]["reminders"]["incremental"].get<double>() == Approx(inc));
  CHECK(s["definitions"].contains("incremental"));

  const Result sh = cli("shapley --dcm-model " + model + " --panel " + panel + " --players channels");
  INFO(sh.err);
  REQUIRE(sh.status == 0);
  const Json j = Json::parse(sh.out);
  CHECK(j["players"].size() == 2);
  CHECK(j["players"][0]["value"].get<double>() + j["players"][1]["value"].get<double>() == Approx(j["total"].get<double>()));

  // Errors: a bad config key and a shapley without --panel.
  const std::string bad = put("bad.json", R"({"outcome":"spend","surrogates":["browse"],"period":"week","lagz":1})");
  const Result e1 = cli("dcm train --panel " + panel + " --config " + bad + " --model-out " + model);
  CHECK(e1.status == 2);
  CHECK_THAT(e1.err, Contains("unknown option 'lagz'"));
  const Result e2 = cli("shapley --dcm-model " + model);
  CHECK(e2.status == 2);
  CHECK_THAT(e2.err, Contains("--panel"));
}

TEST_CASE("cli: dcm train/score --x0 takes X0 from a separate file, same model as the joined panel", "[dcm][cli][x0]") {
  const std::string panel = "'" + (dir() / "x0-panel.csv").string() + "'";
  REQUIRE(cli("simulate dcm --rows 300 --weeks 6 --seed 4 --out " + panel).status == 0);
  // Split it: the panel without x1, x2 and an X0 file with one row per customer.
  std::stringstream in(slurp(dir() / "x0-panel.csv"));
  std::string line, no_x0, x0 = "customer,x1,x2\n";
  std::getline(in, line);
  REQUIRE(line.rfind("customer,week,x1,x2,", 0) == 0);
  no_x0 = "customer,week," + line.substr(std::string("customer,week,x1,x2,").size()) + "\n";
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    std::string rest;
    for (size_t i = 4; i < f.size(); ++i) rest += "," + f[i];
    no_x0 += f[0] + "," + f[1] + rest + "\n";
    if (f[1] == "1") x0 += f[0] + "," + f[2] + "," + f[3] + "\n";
  }
  const std::string split = put("x0-split.csv", no_x0), x0f = put("x0.csv", x0);
  const std::string config = put("x0-config.json", dcm_config_text());
  const std::string m1 = "'" + (dir() / "x0-m1.json").string() + "'", m2 = "'" + (dir() / "x0-m2.json").string() + "'";
  REQUIRE(cli("dcm train --panel " + panel + " --config " + config + " --bootstrap 5 --model-out " + m1).status == 0);
  const Result t2 = cli("dcm train --panel " + split + " --x0 " + x0f + " --config " + config + " --bootstrap 5 --model-out " + m2);
  INFO(t2.err);
  REQUIRE(t2.status == 0);
  CHECK(slurp(dir() / "x0-m1.json") == slurp(dir() / "x0-m2.json"));  // the same numbers, bit for bit
  const std::string shock = put("x0-shock.json", R"({"shocks":[{"surrogates":["es_recs"],"type":"scale","value":0.5,"from":2}]})");
  const Result s1 = cli("dcm score --model " + m1 + " --panel " + panel + " --shock " + shock);
  const Result s2 = cli("dcm score --model " + m2 + " --panel " + split + " --x0 " + x0f + " --shock " + shock);
  INFO(s2.err);
  REQUIRE(s2.status == 0);
  CHECK(Json::parse(s1.out)["total"] == Json::parse(s2.out)["total"]);

  // Errors name the customer, the lines or the column.
  const std::string missing = put("x0-missing.csv", x0.substr(0, x0.rfind('\n', x0.size() - 2) + 1));
  const Result e1 = cli("dcm train --panel " + split + " --x0 " + missing + " --config " + config + " --model-out " + m2);
  CHECK(e1.status == 2);
  CHECK_THAT(e1.err, Contains("customer '300'") && Contains("has no row in the X0 file"));
  const std::string twice = put("x0-twice.csv", x0 + "7,0.5,1\n");
  const Result e2 = cli("dcm train --panel " + split + " --x0 " + twice + " --config " + config + " --model-out " + m2);
  CHECK(e2.status == 2);
  CHECK_THAT(e2.err, Contains("customer '7' appears twice") && Contains("line 302"));
  const Result e3 = cli("dcm train --panel " + panel + " --x0 " + x0f + " --config " + config + " --model-out " + m2);
  CHECK(e3.status == 2);
  CHECK_THAT(e3.err, Contains("feature 'x1' is both in the panel"));
}
