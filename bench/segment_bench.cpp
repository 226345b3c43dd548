// Segment room benches (issue 14), native side; bench/segment_run.sh drives
// them and bench/segment_peer.py runs scikit-learn on the same matrices.
//
//   segment_bench time ROWS FEATURES FACTORS CLUSTERS BOOTSTRAP THREADS
// The full segment run (curves, stability, map) on the simulated segments
// world (the world has min(FACTORS, 16) true factors and CLUSTERS true
// segments); wall and CPU seconds of each stage, one JSON line.
//
//   segment_bench matrix ROWS FEATURES FACTORS CLUSTERS SEED OUT.csv
// The world's features after min-max scaling, as a CSV with a header.
//
//   segment_bench nmf IN.csv K MAX_ITER        reconstruction error ||X - WH||_F
//   segment_bench kmeans IN.csv C N_INIT       K-Means inertia (k-means++, N_INIT restarts)
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/csv_writer.hpp"
#include "core/parallel.hpp"
#include "segment/kmeans.hpp"
#include "segment/nmf.hpp"
#include "segment/scaling.hpp"
#include "segment/segment.hpp"
#include "sim/segment_world.hpp"

using namespace incrementa;
using namespace incrementa::segment;

namespace {
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
double cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

Table world(size_t rows, size_t features, size_t factors, size_t clusters, uint64_t seed) {
  SegmentWorld w;
  w.rows = rows;
  w.features = features;
  w.factors = std::min<size_t>(factors, 16);
  w.clusters = clusters;
  w.seed = seed;
  return simulate_segments(w);
}

std::vector<std::string> names(size_t p) {
  std::vector<std::string> f;
  for (size_t j = 1; j <= p; ++j) f.push_back("f" + std::to_string(j));
  return f;
}

Matrix read_matrix(const std::string& path) {
  const Table t = read_csv_file(path);
  Matrix x(t.rows(), t.cols());
  for (size_t j = 0; j < t.cols(); ++j)
    for (size_t i = 0; i < t.rows(); ++i) x(i, j) = t.columns()[j].values[i];
  return x;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "time" && argc == 8) {
    const size_t rows = std::stoul(argv[2]), p = std::stoul(argv[3]), k = std::stoul(argv[4]), c = std::stoul(argv[5]),
                 b = std::stoul(argv[6]);
    set_thread_count(std::stoul(argv[7]));
    const Table t = world(rows, p, k, c, 1);
    SegmentOptions o;
    o.features = names(p);
    o.factors = k;
    o.clusters = c;
    o.bootstrap = b;
    o.cate = "cate";
    std::map<std::string, double> wall, cpus;
    std::string stage;
    double t0 = now(), c0 = cpu(), ts = t0, cs = c0;
    RunContext context([&](double, const std::string& s) {
      if (s == stage) return;
      if (!stage.empty()) wall[stage] += now() - ts, cpus[stage] += cpu() - cs;
      stage = s, ts = now(), cs = cpu();
    });
    const SegmentReport r = run_segment(t, o, context);
    const double total = now() - t0, total_cpu = cpu() - c0;
    std::cout << "{\"bench\":\"segment_time\",\"rows\":" << rows << ",\"features\":" << p << ",\"factors\":" << k
              << ",\"clusters\":" << c << ",\"bootstrap\":" << b << ",\"threads\":" << thread_count()
              << ",\"seconds\":" << total << ",\"cpu_seconds\":" << total_cpu
              << ",\"nmf_iterations\":" << r.nmf.iterations << ",\"truth_ari\":" << r.truth_ari.value_or(NAN)
              << ",\"stages\":{";
    bool first = true;
    for (const auto& [s, v] : wall) {
      std::cout << (first ? "" : ",") << "\"" << s << "\":{\"seconds\":" << v << ",\"cpu_seconds\":" << cpus[s] << "}";
      first = false;
    }
    std::cout << "}}\n";
    return 0;
  }
  if (mode == "matrix" && argc == 8) {
    const size_t rows = std::stoul(argv[2]), p = std::stoul(argv[3]), k = std::stoul(argv[4]), c = std::stoul(argv[5]);
    const Table t = world(rows, p, k, c, std::stoul(argv[6]));
    const ScaledFeatures sf = scale_features(t, names(p), Scaling::MinMax);
    Table out("matrix");
    for (size_t j = 0; j < p; ++j) {
      Column col;
      col.name = "f" + std::to_string(j + 1);
      for (size_t i = 0; i < rows; ++i) col.values.push_back(sf.x(i, j));
      out.add_column(std::move(col));
    }
    std::ofstream f(argv[7], std::ios::binary);
    write_csv(out, f);
    return 0;
  }
  if (mode == "nmf" && argc == 5) {
    const Matrix x = read_matrix(argv[2]);
    NmfOptions o;
    o.max_iter = std::stoul(argv[4]);
    if (const char* e = std::getenv("NMF_W_SWEEPS")) o.w_sweeps = std::stoul(e);
    if (const char* e = std::getenv("NMF_H_SWEEPS")) o.h_sweeps = std::stoul(e);
    if (const char* e = std::getenv("NMF_TOL")) o.tol = std::stod(e);
    const double t0 = now();
    const NmfResult r = nmf_fit(x, std::stoul(argv[3]), o, centred_sum_of_squares(x));
    std::cout << "{\"bench\":\"segment_nmf\",\"rows\":" << x.rows << ",\"k\":" << argv[3] << ",\"error\":" << r.error
              << ",\"iterations\":" << r.iterations << ",\"seconds\":" << now() - t0 << "}\n";
    return 0;
  }
  if (mode == "kmeans" && argc == 5) {
    const Matrix x = read_matrix(argv[2]);
    const double t0 = now();
    const KMeansResult r = kmeans_fit(x, std::stoul(argv[3]), std::stoul(argv[4]), Rng(1));
    std::cout << "{\"bench\":\"segment_kmeans\",\"rows\":" << x.rows << ",\"c\":" << argv[3] << ",\"inertia\":" << r.inertia
              << ",\"iterations\":" << r.iterations << ",\"seconds\":" << now() - t0 << "}\n";
    return 0;
  }
  std::cerr << "usage: segment_bench time ROWS FEATURES FACTORS CLUSTERS BOOTSTRAP THREADS | matrix ROWS FEATURES FACTORS "
               "CLUSTERS SEED OUT.csv | nmf IN.csv K MAX_ITER | kmeans IN.csv C N_INIT\n";
  return 2;
}
