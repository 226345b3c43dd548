#include "api/commands.hpp"

#include <algorithm>
#include <cmath>

#include "api/abtest_json.hpp"
#include "api/budget_json.hpp"
#include "api/causal_graph_json.hpp"
#include "api/dcm_json.hpp"
#include "api/dcm_stats_json.hpp"
#include "api/regress_json.hpp"
#include "api/mmm_json.hpp"
#include "api/segment_json.hpp"
#include "api/shapley_json.hpp"
#include "api/uplift_json.hpp"
#include "sim/dcm_world.hpp"
#include "sim/mmm_world.hpp"
#include "sim/regression_world.hpp"
#include "sim/segment_world.hpp"
#include "sim/travel_world.hpp"
#include "sim/uplift_world.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

namespace incrementa {

Json run_command(const std::string& command, const Table& table, const Json& options, RunContext& context) {
  context.check();
  if (command == "abtest") return abtest_json(table, options);
  if (command == "regress") return regress_json(table, options, context);
  if (command == "shapley") return shapley_json(&table, options, context);
  if (command == "budget") return budget_json(table, options, context);
  if (command == "uplift") return uplift_json(table, options, context);
  if (command == "dcm_train") return dcm_train_json(table, options, context);
  if (command == "dcm_score") return dcm_score_json(table, options, context);
  if (command == "dcm_train_stats") return dcm_train_stats_json(table, options, context);
  if (command == "segment") return segment_json(table, options, context);
  if (command == "mmm") return mmm_json(table, options, context);
  if (command == "causal_discover") return causal_discover_json(table, options, context);
  if (command == "causal_augment") return causal_augment_json(table, options, context);
  throw ConfigError("unknown command '" + command +
                    "' (known: abtest, budget, causal_augment, causal_discover, dcm_score, dcm_train, dcm_train_stats, mmm, "
                    "regress, segment, shapley, uplift)");
}

Json run_standalone(const std::string& command, const Json& options, RunContext& context) {
  context.check();
  if (command == "shapley") return shapley_json(nullptr, options, context);
  if (command == "dcm_truth") return dcm_truth_json(options, context);
  if (command == "dcm_scale") return dcm_scale_json(options, context);
  if (command == "sql") return sql_json(options);
  if (command == "mmm_truth") return mmm_truth_json(options);
  throw ConfigError("command '" + command + "' needs a data table (known without one: shapley with a 'game', dcm_truth, dcm_scale, mmm_truth, sql)");
}

Table simulate_table(const std::string& world, const Json& o) {
  if (world == "regression") {
    check_known_keys(o, {"rows", "features", "logistic", "seed"}, "simulate regression");
    RegressionWorld w;
    w.rows = static_cast<size_t>(number_or(o, "rows", 1000));
    w.features = static_cast<size_t>(number_or(o, "features", 5));
    w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    w.logistic = o.value("logistic", false);
    return simulate_regression(w);
  }
  if (world == "travel") {
    check_known_keys(o, {"rows", "seed", "levels"}, "simulate travel");
    TravelWorld w;
    w.rows = static_cast<size_t>(number_or(o, "rows", 10000));
    w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    w.levels = static_cast<size_t>(number_or(o, "levels", 3));
    return simulate_travel(w);
  }
  if (world == "dcm") {
    check_known_keys(o, {"customers", "weeks", "seed"}, "simulate dcm");
    DcmWorld w;
    w.customers = static_cast<size_t>(number_or(o, "customers", 2000));
    w.weeks = static_cast<size_t>(number_or(o, "weeks", 26));
    w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    return simulate_dcm(w);
  }
  if (world == "uplift") {
    check_known_keys(o, {"rows", "features", "seed", "heterogeneity", "confounding", "positivity", "noise", "binary", "truth"},
                     "simulate uplift");
    UpliftWorld w;
    w.rows = static_cast<size_t>(number_or(o, "rows", 2000));
    w.features = static_cast<size_t>(number_or(o, "features", 5));
    w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    w.heterogeneity = number_or(o, "heterogeneity", 1.0);
    w.confounding = number_or(o, "confounding", 0.0);
    w.positivity = number_or(o, "positivity", 0.0);
    w.noise = number_or(o, "noise", 1.0);
    w.binary = o.value("binary", false);
    return simulate_uplift(w, o.value("truth", false)).table;
  }
  if (world == "segments") {
    check_known_keys(o, {"rows", "features", "factors", "clusters", "separation", "seed"}, "simulate segments");
    SegmentWorld w;
    w.rows = static_cast<size_t>(number_or(o, "rows", 5000));
    w.features = static_cast<size_t>(number_or(o, "features", 12));
    w.factors = static_cast<size_t>(number_or(o, "factors", 4));
    w.clusters = static_cast<size_t>(number_or(o, "clusters", 5));
    w.separation = number_or(o, "separation", 1.0);
    w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    return simulate_segments(w);
  }
  if (world == "mmm") return simulate_mmm(mmm_world_options(o, "simulate mmm")).table;
  throw ConfigError("unknown simulated world '" + world + "' (known: dcm, mmm, regression, segments, travel, uplift)");
}

Json build_features() {
#if defined(__wasm_simd128__) || defined(__SSE2__)
  const bool simd = true;
#else
  const bool simd = false;
#endif
#ifdef __EMSCRIPTEN__
  const char* platform = "wasm";
#else
  const char* platform = "native";
#endif
  return {{"platform", platform},
          {"simd", simd},
          {"threads", threads_available()},
          {"thread_count", thread_count()},
          {"version", INCREMENTA_VERSION},
          {"defaults", {{"mmm", mmm_defaults_json()}}}};
}

}  // namespace incrementa
