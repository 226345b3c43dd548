// Causal-graph room: the random-SCM study of Teshima & Sugiyama (2021), with our
// GBM. For each n (rows) and d (variables, the target included) it draws
// `replicates` random DAGs and nonlinear SCMs (sim/scm_world), augments the
// training split along the true DAG (causal_graph/augment) and prints the GBM's
// held-out RMSE without and with augmentation, and the share of replicates where
// augmentation lowered it, as a markdown table. bench/scm_augment.sh runs it.
//
//   scm_augment [--n 50,100,200,500,1000] [--d 5,10] [--replicates 10] [--theta 1e-8]
//               [--max-points 20000] [--degree 2] [--linear] [--seed 1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "causal_graph/augment_eval.hpp"
#include "core/run_context.hpp"
#include "sim/scm_world.hpp"

using namespace incrementa;
using namespace incrementa::causal_graph;

namespace {

std::vector<size_t> size_list(const std::string& s) {
  std::vector<size_t> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(static_cast<size_t>(std::stoul(item)));
  return out;
}

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> ns{50, 100, 200, 500, 1000}, ds{5, 10};
  size_t replicates = 10, max_points = 20000;
  double theta = 1e-8, degree = 2;
  bool linear = false;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--n") ns = size_list(value());
    else if (a == "--d") ds = size_list(value());
    else if (a == "--replicates") replicates = std::stoul(value());
    else if (a == "--theta") theta = std::stod(value());
    else if (a == "--max-points") max_points = std::stoul(value());
    else if (a == "--degree") degree = std::stod(value());
    else if (a == "--linear") linear = true;
    else if (a == "--seed") seed = std::stoull(value());
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  std::printf("| n | d | replicates | GBM RMSE without | GBM RMSE with | change | augmentation helped | augmented points (mean) | seconds |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  RunContext context;
  for (size_t d : ds)
    for (size_t n : ns) {
      const double t0 = now();
      double without = 0, with = 0, points = 0;
      size_t helped = 0;
      for (size_t r = 0; r < replicates; ++r) {
        ScmWorld w;
        w.rows = n;
        w.variables = d;
        w.expected_degree = degree;
        w.nonlinear = !linear;
        w.seed = seed * 1000003 + r * 7919 + d * 101;
        const ScmSample s = simulate_scm(w);
        Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
        for (size_t v = 0; v < d; ++v)
          for (size_t i = 0; i < n; ++i)
            x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(v)) = s.table.columns()[v].values[i];
        const Graph dag = dag_from_edges(s.names, s.edges, "the true graph");
        std::vector<size_t> features;
        for (size_t v = 0; v + 1 < d; ++v) features.push_back(v);
        AugmentEvalOptions o;
        o.seed = w.seed;
        o.augment.theta = theta;
        o.augment.max_points = max_points;
        const AugmentEval e = evaluate_augmentation(x, dag, d - 1, features, o, context);
        without += e.rmse_without;
        with += e.rmse_with;
        points += static_cast<double>(e.augmented_points);
        helped += e.rmse_with < e.rmse_without ? 1 : 0;
      }
      const double k = static_cast<double>(replicates);
      std::printf("| %zu | %zu | %zu | %.4f | %.4f | %+.1f%% | %zu / %zu | %.0f | %.1f |\n", n, d, replicates, without / k,
                  with / k, 100.0 * (with - without) / without, helped, replicates, points / k, now() - t0);
      std::fflush(stdout);
    }
  return 0;
}
