#include "experiment/abtest.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "core/error.hpp"

namespace incrementa {

namespace {
constexpr size_t kMaxArms = 50;

// The control when none is named: a label that reads like one, else the first.
size_t guess_control(const std::vector<std::string>& labels) {
  static const std::regex like_control("^(control|ctrl|holdout|baseline|none|no[ _-].*|0|false|a)$",
                                       std::regex::icase);
  for (size_t i = 0; i < labels.size(); ++i)
    if (std::regex_match(labels[i], like_control)) return i;
  return 0;
}

struct Moments {
  size_t n = 0;
  double sy = 0, sx = 0;
  double syy = 0, sxx = 0, sxy = 0;  // centred, second pass
};
}  // namespace

std::vector<std::string> arm_labels(const Table& table, const std::string& column, std::vector<int32_t>& codes) {
  const Column& c = table.column(column);
  const size_t n = table.rows();
  codes.assign(n, -1);
  if (c.type == ColumnType::Categorical) {
    codes = c.codes;
    return c.levels;
  }
  if (c.type == ColumnType::Numeric)
    throw InputError(table.source() + ": column '" + column +
                     "' holds fractional numbers; an arm column needs labels or whole numbers");
  std::map<double, int32_t> index;
  for (size_t r = 0; r < n; ++r)
    if (!std::isnan(c.values[r])) index.emplace(c.values[r], 0);
  std::vector<std::string> labels;
  for (auto& [value, code] : index) {
    code = static_cast<int32_t>(labels.size());
    labels.push_back(format_number(value));
  }
  for (size_t r = 0; r < n; ++r)
    if (!std::isnan(c.values[r])) codes[r] = index[c.values[r]];
  return labels;
}

AbTestResult run_abtest(const Table& table, const AbTestOptions& options) {
  if (!(options.alpha > 0 && options.alpha < 0.5))
    throw InputError("alpha must be between 0 and 0.5 (e.g. 0.05 for 95% intervals), got " + format_number(options.alpha));
  if (options.arm.empty()) throw InputError("name the arm column (which group each row was assigned to)");
  if (options.outcome.empty()) throw InputError("name the outcome column (the metric to compare)");
  if (options.arm == options.outcome) throw InputError("the arm and the outcome must be different columns");

  AbTestResult res;
  res.options = options;
  std::vector<int32_t> codes;
  const std::vector<std::string> labels = arm_labels(table, options.arm, codes);
  const Column& y = table.numeric_column(options.outcome, "outcome");
  const Column* x = options.covariate ? &table.numeric_column(*options.covariate, "CUPED covariate") : nullptr;
  if (x && (*options.covariate == options.outcome || *options.covariate == options.arm))
    throw InputError("the CUPED covariate must be a pre-period column other than the arm and the outcome");
  if (labels.size() > kMaxArms)
    throw InputError(table.source() + ": column '" + options.arm + "' has " + std::to_string(labels.size()) +
                     " distinct values; an arm column should have at most " + std::to_string(kMaxArms));

  size_t control = 0;
  if (options.control) {
    auto it = std::find(labels.begin(), labels.end(), *options.control);
    if (it == labels.end()) {
      std::string list;
      for (const auto& l : labels) list += (list.empty() ? "'" : ", '") + l + "'";
      throw InputError("control '" + *options.control + "' is not a value of column '" + options.arm +
                       "'; its values are " + list);
    }
    control = static_cast<size_t>(it - labels.begin());
  } else {
    control = guess_control(labels);
    res.control_guessed = true;
  }
  res.control = labels.empty() ? std::string() : labels[control];

  // Pass 1: counts and sums per arm over rows with everything present.
  const size_t k = labels.size();
  std::vector<Moments> m(k);
  res.rows_total = table.rows();
  bool binary = true;
  for (size_t r = 0; r < table.rows(); ++r) {
    const double yv = y.values[r];
    if (codes[r] < 0 || std::isnan(yv) || (x && std::isnan(x->values[r]))) {
      ++res.rows_missing;
      continue;
    }
    Moments& a = m[static_cast<size_t>(codes[r])];
    ++a.n;
    a.sy += yv;
    if (x) a.sx += x->values[r];
    binary = binary && (yv == 0 || yv == 1);
  }
  res.rows_used = res.rows_total - res.rows_missing;
  res.binary = binary;
  size_t arms_present = 0;
  for (const auto& a : m) arms_present += a.n > 0 ? 1 : 0;
  if (arms_present < 2)
    throw InputError("column '" + options.arm + "' has " +
                     (arms_present == 0 ? std::string("no rows with both an arm and an outcome")
                                        : "a single arm with data ('" + labels[std::find_if(m.begin(), m.end(), [](const Moments& a) { return a.n > 0; }) - m.begin()] + "')") +
                     ": an A/B readout needs a control and at least one other arm");
  for (size_t a = 0; a < k; ++a)
    if (m[a].n == 1)
      throw InputError("arm '" + labels[a] + "' has a single row with an outcome; each arm needs at least 2");
  if (m[control].n == 0)
    throw InputError("the control arm '" + labels[control] + "' has no rows with an outcome");

  // Pass 2: centred second moments (numerically stable).
  for (size_t r = 0; r < table.rows(); ++r) {
    const double yv = y.values[r];
    if (codes[r] < 0 || std::isnan(yv) || (x && std::isnan(x->values[r]))) continue;
    Moments& a = m[static_cast<size_t>(codes[r])];
    const double dy = yv - a.sy / a.n;
    a.syy += dy * dy;
    if (x) {
      const double dx = x->values[r] - a.sx / a.n;
      a.sxx += dx * dx;
      a.sxy += dx * dy;
    }
  }

  std::vector<size_t> order{control};
  for (size_t a = 0; a < k; ++a)
    if (a != control && m[a].n > 0) order.push_back(a);

  const double alpha = options.alpha;
  auto variance = [&](size_t a) { return m[a].syy / (m[a].n - 1.0); };
  for (size_t a : order) {
    ArmSummary s;
    s.name = labels[a];
    s.n = m[a].n;
    s.mean = m[a].sy / m[a].n;
    s.sd = std::sqrt(variance(a));
    s.se = s.sd / std::sqrt(static_cast<double>(s.n));
    if (binary) {
      s.ci = wilson(m[a].sy, static_cast<double>(m[a].n), alpha);
    } else {
      const WelchResult one = welch(s.mean, variance(a), static_cast<double>(s.n), 0, 0, 2, alpha);
      s.ci = one.ci;  // with a zero-variance "control" this is the one-sample t interval
    }
    s.covariate_mean = x ? m[a].sx / m[a].n : 0.0;
    res.arms.push_back(s);
  }

  const ArmSummary& c = res.arms.front();
  for (size_t i = 1; i < order.size(); ++i) {
    const size_t a = order[i];
    const ArmSummary& t = res.arms[i];
    const WelchResult w = welch(t.mean, variance(a), static_cast<double>(t.n), c.mean, variance(control),
                                static_cast<double>(c.n), alpha);
    Comparison cmp;
    cmp.arm = t.name;
    cmp.diff = w.diff;
    cmp.se = w.se;
    cmp.df = w.df;
    cmp.t = w.t;
    cmp.p_value = w.p_value;
    cmp.ci = binary ? newcombe(m[a].sy, static_cast<double>(t.n), m[control].sy, static_cast<double>(c.n), alpha) : w.ci;
    cmp.relative_lift = c.mean != 0 ? t.mean / c.mean - 1 : std::nan("");
    cmp.relative_lift_ci = relative_lift_ci(t.mean, t.se, c.mean, c.se, alpha);
    res.comparisons.push_back(cmp);
  }

  if (x) {
    // theta = pooled within-arm covariance / pooled within-arm variance of X.
    double sxx = 0, sxy = 0, syy = 0;
    for (size_t a : order) {
      sxx += m[a].sxx;
      sxy += m[a].sxy;
      syy += m[a].syy;
    }
    if (!(sxx > 0))
      throw InputError("the CUPED covariate '" + *options.covariate + "' is constant within every arm, so it cannot reduce variance");
    const double theta = sxy / sxx;
    res.has_cuped = true;
    res.cuped_theta = theta;
    res.cuped_variance_reduction = syy > 0 ? 1 - (syy - 2 * theta * sxy + theta * theta * sxx) / syy : 0.0;
    auto adj_var = [&](size_t a) {
      return (m[a].syy - 2 * theta * m[a].sxy + theta * theta * m[a].sxx) / (m[a].n - 1.0);
    };
    // Adjusted mean: mean(Y) - theta (mean(X) - grand mean(X)); the grand mean cancels in differences.
    for (size_t i = 1; i < order.size(); ++i) {
      const size_t a = order[i];
      const double mt = m[a].sy / m[a].n - theta * (m[a].sx / m[a].n);
      const double mc = m[control].sy / m[control].n - theta * (m[control].sx / m[control].n);
      const WelchResult w = welch(mt, std::max(0.0, adj_var(a)), static_cast<double>(m[a].n), mc,
                                  std::max(0.0, adj_var(control)), static_cast<double>(m[control].n), alpha);
      CupedComparison cc;
      cc.arm = labels[a];
      cc.diff = w.diff;
      cc.se = w.se;
      cc.df = w.df;
      cc.p_value = w.p_value;
      cc.ci = w.ci;
      const double raw_se = res.comparisons[i - 1].se;
      cc.variance_reduction = raw_se > 0 ? 1 - (w.se * w.se) / (raw_se * raw_se) : 0.0;
      res.cuped.push_back(cc);
    }
  }
  return res;
}

}  // namespace incrementa
