// The CLI binary end to end: JSON on stdout for good input; for bad input a
// non-zero exit status and a stderr message naming the line or column.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/regression_world.hpp"
#include "support/cli_runner.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

namespace {
using clitest::cli;
using clitest::Result;
using clitest::slurp;
using clitest::temp_dir;
using clitest::write_file;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
}  // namespace

TEST_CASE("cli: abtest on Hillstrom prints a JSON readout", "[cli]") {
  const Result r = cli("abtest --data '" INCREMENTA_DATA "/hillstrom/hillstrom.csv' --arm segment --outcome visit");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const Json j = Json::parse(r.out);
  for (const char* key : {"command", "source", "arm", "outcome", "control", "control_guessed", "outcome_kind", "alpha",
                          "confidence", "rows", "arms", "comparisons", "cuped", "definitions"})
    CHECK(j.contains(key));
  CHECK(j["control"] == "No E-Mail");
  CHECK(j["outcome_kind"] == "binary");
  CHECK(j["rows"]["total"] == 64000);
  REQUIRE(j["arms"].size() == 3);
  REQUIRE(j["comparisons"].size() == 2);
  for (const auto& c : j["comparisons"]) {
    for (const char* key : {"arm", "vs", "diff", "se", "df", "t", "p_value", "ci", "ci_method", "relative_lift", "relative_lift_ci"})
      CHECK(c.contains(key));
    CHECK(c["ci"].size() == 2);
    CHECK(c["ci"][0].get<double>() < c["diff"].get<double>());
  }
  // The published visit rate of the control, 4 decimals.
  CHECK(std::fabs(j["arms"][0]["mean"].get<double>() - 0.1062) < 5e-5);
}

TEST_CASE("cli: abtest with CUPED and a named control", "[cli]") {
  const Result r = cli("abtest --data '" INCREMENTA_DATA "/hillstrom/hillstrom.csv' --arm segment --outcome spend"
                       " --covariate history --control 'Mens E-Mail' --alpha 0.1");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["control"] == "Mens E-Mail");
  CHECK(j["control_guessed"] == false);
  CHECK(j["confidence"].get<double>() == Approx(0.9));
  REQUIRE(j["cuped"].is_object());
  CHECK(j["cuped"]["covariate"] == "history");
  CHECK(j["cuped"]["comparisons"].size() == 2);
}

TEST_CASE("cli: bad CSV files fail with the line or column named", "[cli][errors]") {
  struct Case {
    const char* name;
    const char* text;
    const char* args;     // after --data FILE
    const char* message;  // part of stderr
  };
  const Case cases[] = {
      {"ragged.csv", "g,y\na,1\nb,2,3\n", "--arm g --outcome y", "line 3 has 3 fields, but the header has 2"},
      {"quote.csv", "g,y\na,1\nb,\"2\n", "--arm g --outcome y", "line 3, column 'y': a quoted field opens here and is never closed"},
      {"text.csv", "g,y\na,1\nb,2\na,lots\nb,3\n", "--arm g --outcome y", "column 'y' (outcome) must hold numbers, but line 4 holds 'lots'"},
      {"empty.csv", "", "--arm g --outcome y", "is empty: expected a header line"},
      {"unknown.csv", "g,y\na,1\nb,2\n", "--arm group --outcome y", "no column named 'group'; the columns are 'g', 'y'"},
  };
  for (const auto& c : cases) {
    const fs::path file = write_file(c.name, c.text);
    const Result r = cli("abtest --data " + q(file) + " " + c.args);
    INFO(c.name << ": " << r.err);
    CHECK(r.status != 0);
    CHECK(r.out.empty());  // no half-written JSON
    CHECK_THAT(r.err, Contains(c.message));
    CHECK_THAT(r.err, Contains(file.string()));  // the source is named
  }
  const Result missing = cli("describe --data " + q(temp_dir() / "nope.csv"));
  CHECK(missing.status != 0);
  CHECK_THAT(missing.err, Contains("cannot open"));
  const Result usage = cli("abtest --arm g");
  CHECK(usage.status != 0);
  CHECK_THAT(usage.err, Contains("--data"));
}

TEST_CASE("cli: a CSV that is not UTF-8 is a CSV error, not an internal error", "[cli][errors][bug]") {
  // Windows-1252 / Latin-1 exports are common: 0xFC is 'ü' there. The reader refuses the bytes as a
  // user error (exit 2) naming the file, the line, the column and the fix.
  const fs::path file = write_file("latin1.csv", "city,y\nM\xFCnchen,1\nBerlin,0\n");
  const Result r = cli("describe --data " + q(file));
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("latin1.csv") && Contains("line 2") && Contains("column 'city'") && Contains("not valid UTF-8"));
  CHECK_THAT(r.err, !Contains("internal error"));
}

TEST_CASE("cli: simulate then regress recovers the truth", "[cli]") {
  const fs::path file = temp_dir() / "world.csv";
  const Result s = cli("simulate regression --rows 4000 --features 3 --seed 3 --out " + q(file));
  INFO(s.err);
  REQUIRE(s.status == 0);
  const Result r = cli("regress --data " + q(file) + " --outcome y");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["model"] == "linear");
  CHECK(j["rows"]["used"] == 4000);
  incrementa::RegressionWorld w;
  w.features = 3;
  const std::vector<double> truth = incrementa::regression_world_truth(w);
  REQUIRE(j["coefficients"].size() == truth.size());
  for (size_t k = 0; k < truth.size(); ++k) {
    const auto& c = j["coefficients"][k];
    INFO(c.dump());
    // 4 standard errors (false alarm ~6e-5 per coefficient).
    CHECK(std::fabs(c["estimate"].get<double>() - truth[k]) < 4 * c["se"].get<double>());
  }
  CHECK(j["coefficients"][1]["name"] == "x1");

  // Logistic world and model, with a feature subset.
  const fs::path lfile = temp_dir() / "logit.csv";
  REQUIRE(cli("simulate regression --rows 4000 --features 2 --seed 4 --logistic --out " + q(lfile)).status == 0);
  const Result lr = cli("regress --data " + q(lfile) + " --outcome y --model logistic --features x2");
  INFO(lr.err);
  REQUIRE(lr.status == 0);
  const Json lj = Json::parse(lr.out);
  REQUIRE(lj["coefficients"].size() == 2);
  CHECK(lj["coefficients"][1]["name"] == "x2");
  CHECK(lj.contains("deviance"));
  // Simulate to stdout: a header and --rows lines.
  const Result so = cli("simulate regression --rows 5 --features 2");
  REQUIRE(so.status == 0);
  CHECK(so.out.rfind("x1,x2,y\n", 0) == 0);
  CHECK(std::count(so.out.begin(), so.out.end(), '\n') == 6);
  // A bad option value is an error, not a crash.
  const Result bad = cli("regress --data " + q(file) + " --outcome y --model probit");
  CHECK(bad.status != 0);
  CHECK_THAT(bad.err, Contains("model must be 'linear' or 'logistic'"));
}

TEST_CASE("cli: --delimiter reads a ';'-separated file that otherwise gets the delimiter hint", "[cli][errors]") {
  const fs::path file = write_file("semicolon.csv", "g;y\na;1\nb;0\na;1\nb;1\n");
  const Result hint = cli("describe --data " + q(file));
  CHECK(hint.status == 2);
  CHECK_THAT(hint.err, Contains("looks separated by ';'"));
  const Result ok = cli("--delimiter ';' describe --data " + q(file));
  INFO(ok.err);
  REQUIRE(ok.status == 0);
  CHECK(Json::parse(ok.out)["columns"].size() == 2);
  const Result tab = cli("--delimiter tab describe --data " + q(write_file("tab.csv", "g\ty\na\t1\n")));
  REQUIRE(tab.status == 0);
  CHECK(Json::parse(tab.out)["columns"][1]["name"] == "y");
  const Result bad = cli("--delimiter ';;' describe --data " + q(file));
  CHECK(bad.status != 0);
  CHECK_THAT(bad.err, Contains("expected one character"));
}
