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
