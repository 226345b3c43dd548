// Native side of bench/gbm_run.sh: the gbm base learner's fit time and accuracy.
//   gbm_bench data ROWS FEATURES FILE.csv   write x1..xP, y, truth (train rows then 20% test rows)
//   gbm_bench fit FILE.csv ROWS THREADS     fit on the first ROWS rows (best of 3), print JSON
// Data: x ~ U(-1, 1)^P, y = sin(4 x1) + x2^2 + N(0, 0.5^2) (the other features are noise).
// The fit uses the same settings as the sklearn peer (bench/gbm_peer.py): 100 rounds, learning rate 0.1,
// 31 leaves, 20 rows per leaf, L2 1, 256 bins, no early stopping.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <string>

#include "core/csv.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "learn/gbm.hpp"

using namespace incrementa;

namespace {
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// Process CPU seconds (user + system, all threads): robust to other processes sharing the machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int write_data(size_t rows, size_t p, const std::string& path) {
  const size_t total = rows + rows / 5;
  Rng r(7);
  std::ofstream out(path);
  out.precision(17);
  for (size_t j = 0; j < p; ++j) out << "x" << j + 1 << ",";
  out << "y,truth\n";
  std::vector<double> x(p);
  for (size_t i = 0; i < total; ++i) {
    for (auto& v : x) v = r.uniform(-1, 1);
    const double truth = std::sin(4 * x[0]) + x[1] * x[1];
    for (double v : x) out << v << ",";
    out << truth + 0.5 * r.normal() << "," << truth << "\n";
  }
  return 0;
}

int fit(const std::string& path, size_t rows, size_t threads) {
  set_thread_count(threads);
  const Table t = read_csv_file(path);
  const size_t p = t.columns().size() - 2, n = t.rows();
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  Eigen::VectorXd y(static_cast<Eigen::Index>(n)), truth(static_cast<Eigen::Index>(n));
  for (size_t j = 0; j < p; ++j)
    for (size_t i = 0; i < n; ++i) x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = t.column("x" + std::to_string(j + 1)).values[i];
  for (size_t i = 0; i < n; ++i) {
    y[static_cast<Eigen::Index>(i)] = t.column("y").values[i];
    truth[static_cast<Eigen::Index>(i)] = t.column("truth").values[i];
  }
  const Eigen::Index nt = static_cast<Eigen::Index>(rows), ne = static_cast<Eigen::Index>(n) - nt;
  GbmOptions o;
  o.rounds = 100;
  o.early_stopping = 0;
  GbmLearner m(o);
  double best = 1e300, best_cpu = 1e300;
  for (int rep = 0; rep < 3; ++rep) {
    const double t0 = now(), c0 = cpu_seconds();
    m.fit(x.topRows(nt), y.head(nt));
    best = std::min(best, now() - t0);
    best_cpu = std::min(best_cpu, cpu_seconds() - c0);
  }
  const Eigen::VectorXd pred = m.predict(x.bottomRows(ne));
  const double mse = (pred - truth.tail(ne)).squaredNorm() / static_cast<double>(ne);
  std::cout << "{\"impl\":\"incrementa\",\"rows\":" << rows << ",\"features\":" << p << ",\"threads\":" << threads
            << ",\"fit_seconds\":" << best << ",\"fit_cpu_seconds\":" << best_cpu << ",\"trees\":" << m.trees() << ",\"mse_vs_truth\":" << mse
            << ",\"peak_rss_mb\":" << peak_rss_mb() << "}" << std::endl;
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "data" && argc == 5) return write_data(std::stoul(argv[2]), std::stoul(argv[3]), argv[4]);
    if (cmd == "fit" && argc == 5) return fit(argv[2], std::stoul(argv[3]), std::stoul(argv[4]));
    std::cerr << "usage: gbm_bench data ROWS FEATURES FILE.csv | gbm_bench fit FILE.csv ROWS THREADS\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
