// `incrementa budget` end to end: JSON on stdout, --out with one row per input
// row in input order, and clear failures on bad input.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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
const auto& put = clitest::write_file;

const char* kOffers = R"({"base": "p0", "value_per_conversion": 40, "offers": [
  {"name": "5%", "column": "p5", "cost_per_conversion": 15},
  {"name": "10%", "column": "p10", "cost_per_conversion": 30},
  {"name": "15%", "column": "p15", "cost_per_conversion": 45, "cost_per_offer": 0.1}]})";
}  // namespace

TEST_CASE("cli budget: --out has one row per input row, in order, with the offer or none", "[budget]") {
  const fs::path data = dir() / "travel.csv";
  REQUIRE(cli("simulate travel --rows 3000 --seed 4 --out '" + data.string() + "'").status == 0);
  const fs::path offers = put("offers.json", kOffers), plan = dir() / "plan.csv";
  const Result r = cli("budget --data '" + data.string() + "' --offers '" + offers.string() +
                       "' --budget 2000 --roi-floor 0.5 --frontier 5 --out '" + plan.string() + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["status"] == "ok");
  CHECK(!j.contains("assignment"));
  CHECK(j["plan"]["expected_cost"].get<double>() <= 2000);
  CHECK(j["plan"]["roi"].get<double>() >= 0.5 - 1e-9);
  CHECK(j["lp_bound"]["objective_value"].get<double>() >= j["plan"]["objective_value"].get<double>());
  CHECK(j["frontier"]["points"].size() == 5);

  std::ifstream in(plan);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(line == "row,offer");
  std::map<std::string, size_t> counts;
  size_t rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    const auto comma = line.find(',');
    CHECK(line.substr(0, comma) == std::to_string(rows));
    ++counts[line.substr(comma + 1)];
  }
  CHECK(rows == 3000);
  for (const char* name : {"none", "5%", "10%", "15%"})
    CHECK(counts[name] == j["plan"]["counts"][name].get<size_t>());
  CHECK(counts.size() <= 4);
}

TEST_CASE("cli budget: bad input exits non-zero with the line and column", "[budget]") {
  const fs::path data = put("bad.csv", "p0,p5,p10,p15\n0.1,0.2,0.3,0.4\n0.1,0.2,1.5,0.4\n");
  const fs::path offers = put("offers2.json", kOffers);
  Result r = cli("budget --data '" + data.string() + "' --offers '" + offers.string() + "' --budget 10");
  CHECK(r.status != 0);
  CHECK_THAT(r.err, Contains("line 3") && Contains("'p10'"));
  const fs::path broken = put("broken.json", "{\"base\": ");
  r = cli("budget --data '" + data.string() + "' --offers '" + broken.string() + "' --budget 10");
  CHECK(r.status != 0);
  CHECK_THAT(r.err, Contains("not valid JSON"));
}
