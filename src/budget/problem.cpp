#include "budget/problem.hpp"

#include <cmath>

#include "core/error.hpp"

namespace incrementa {

namespace {
using Json = nlohmann::json;

void known_keys(const Json& o, std::initializer_list<const char*> known, const std::string& where) {
  if (!o.is_object()) throw ConfigError(where + " must be a JSON object, got " + o.dump());
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (!ok) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw ConfigError(where + ": unknown key '" + it.key() + "' (known: " + list + ")");
    }
  }
}

std::string string_field(const Json& o, const char* key, const std::string& where) {
  if (!o.contains(key) || !o[key].is_string() || o[key].get<std::string>().empty())
    throw ConfigError(where + ": '" + key + "' is required (a column name or label)");
  return o[key].get<std::string>();
}

double number_field(const Json& o, const char* key, const std::string& where, double fallback, bool required) {
  if (!o.contains(key) || o[key].is_null()) {
    if (required) throw ConfigError(where + ": '" + key + "' is required (a number)");
    return fallback;
  }
  if (!o[key].is_number()) throw ConfigError(where + ": '" + key + "' must be a number, got " + o[key].dump());
  const double v = o[key].get<double>();
  if (!std::isfinite(v)) throw ConfigError(where + ": '" + key + "' must be finite");
  return v;
}
}  // namespace

OffersSpec parse_offers_spec(const Json& j) {
  known_keys(j, {"base", "value_per_conversion", "offers"}, "offers spec");
  OffersSpec s;
  s.base = string_field(j, "base", "offers spec");
  if (j.contains("value_per_conversion") && !j["value_per_conversion"].is_null())
    s.value_per_conversion = number_field(j, "value_per_conversion", "offers spec", 0, true);
  if (!j.contains("offers") || !j["offers"].is_array() || j["offers"].empty())
    throw ConfigError("offers spec: 'offers' must be a non-empty array of {name, column, cost_per_conversion}");
  size_t idx = 0;
  for (const auto& o : j["offers"]) {
    const std::string where = "offers spec: offers[" + std::to_string(idx++) + "]";
    known_keys(o, {"name", "column", "cost_per_conversion", "cost_per_offer", "cap"}, where);
    OfferSpec f;
    f.name = string_field(o, "name", where);
    f.column = string_field(o, "column", where);
    f.cost_per_conversion = number_field(o, "cost_per_conversion", where, 0, true);
    f.cost_per_offer = number_field(o, "cost_per_offer", where, 0, false);
    f.cap = number_field(o, "cap", where, std::numeric_limits<double>::infinity(), false);
    s.offers.push_back(f);
  }
  return s;
}

void BudgetProblem::validate_spec() const {
  if (spec_.offers.empty()) throw ConfigError("offers spec: at least one offer is needed");
  if (spec_.offers.size() > 64) throw ConfigError("offers spec: at most 64 offers");
  if (spec_.value_per_conversion && *spec_.value_per_conversion < 0)
    throw ConfigError("offers spec: value_per_conversion must be >= 0, got " + format_number(*spec_.value_per_conversion));
  for (size_t k = 0; k < spec_.offers.size(); ++k) {
    const OfferSpec& f = spec_.offers[k];
    const std::string where = "offer '" + f.name + "'";
    if (!(f.cost_per_conversion >= 0))
      throw ConfigError(where + ": cost_per_conversion must be >= 0, got " + format_number(f.cost_per_conversion));
    if (!(f.cost_per_offer >= 0))
      throw ConfigError(where + ": cost_per_offer must be >= 0, got " + format_number(f.cost_per_offer));
    if (!(f.cap >= 0)) throw ConfigError(where + ": cap must be >= 0, got " + format_number(f.cap));
    if (f.name == "none") throw ConfigError(where + ": the name 'none' is reserved for 'no offer'");
    for (size_t m = 0; m < k; ++m)
      if (spec_.offers[m].name == f.name) throw ConfigError("offers spec: two offers are named '" + f.name + "'");
  }
  if (objective_ == Objective::Profit && !spec_.value_per_conversion)
    throw ConfigError("objective 'profit' needs value_per_conversion in the offers spec");
}

BudgetProblem::BudgetProblem(const Table& table, const OffersSpec& spec, Objective objective)
    : spec_(spec), objective_(objective) {
  validate_spec();
  vpc_ = spec_.value_per_conversion ? *spec_.value_per_conversion : std::nan("");
  const size_t n = table.rows(), K = offers();
  if (n == 0) throw InputError(table.source() + ": no data rows");
  auto read = [&](const std::string& name, const std::string& role, auto&& store) {
    if (!table.has(name))
      throw InputError(role + " names column '" + name + "', which " + table.source() + " does not have (columns: " +
                       [&] {
                         std::string l;
                         for (const auto& c : table.columns()) l += (l.empty() ? "" : ", ") + c.name;
                         return l;
                       }() + ")");
    const Column& c = table.numeric_column(name, role);
    for (size_t i = 0; i < n; ++i) {
      const double v = c.values[i];
      if (!(v >= 0.0 && v <= 1.0)) {
        throw InputError(table.source() + " line " + std::to_string(table.line_of_row(i)) + ", column '" + name +
                         "': " + (std::isnan(v) ? std::string("missing probability") : "probability " + format_number(v) + " is outside [0, 1]"));
      }
      store(i, v);
    }
  };
  p0_.resize(n);
  pk_.resize(n * K);
  read(spec_.base, "the offers spec's base", [&](size_t i, double v) { p0_[i] = v; });
  for (size_t k = 0; k < K; ++k)
    read(spec_.offers[k].column, "offer '" + spec_.offers[k].name + "'", [&](size_t i, double v) { pk_[i * K + k] = v; });
}

BudgetProblem::BudgetProblem(std::vector<double> p0, std::vector<double> pk, const OffersSpec& spec, Objective objective)
    : spec_(spec), objective_(objective), p0_(std::move(p0)), pk_(std::move(pk)) {
  validate_spec();
  vpc_ = spec_.value_per_conversion ? *spec_.value_per_conversion : std::nan("");
  if (pk_.size() != p0_.size() * offers()) throw InputError("budget: pk must hold customers x offers probabilities");
  for (size_t i = 0; i < pk_.size() + p0_.size(); ++i) {
    const double v = i < p0_.size() ? p0_[i] : pk_[i - p0_.size()];
    if (!(v >= 0.0 && v <= 1.0)) throw InputError("budget: probability " + format_number(v) + " is outside [0, 1]");
  }
}

Plan evaluate_plan(const BudgetProblem& pr, std::vector<uint8_t> choice) {
  Plan plan;
  plan.counts.assign(pr.offers() + 1, 0);
  for (size_t i = 0; i < choice.size(); ++i) {
    const size_t k = choice[i];
    ++plan.counts[k];
    if (k == 0) continue;
    ++plan.targeted;
    plan.conversions += pr.conv(i, k);
    plan.cost += pr.cost(i, k);
    plan.value += pr.value(i, k);
    plan.anyway_cost += pr.anyway_cost(i, k);
  }
  plan.choice = std::move(choice);
  return plan;
}

double plan_roi(const BudgetProblem& pr, double conversions, double cost) {
  if (!(cost > 0) || std::isnan(pr.value_per_conversion())) return std::nan("");
  return pr.value_per_conversion() * conversions / cost;
}

bool meets_roi(const BudgetProblem& pr, double conversions, double cost, double roi_floor) {
  if (!(roi_floor > -std::numeric_limits<double>::infinity())) return true;
  const double lhs = pr.value_per_conversion() * conversions, rhs = roi_floor * cost;
  return lhs >= rhs - 1e-12 * (std::fabs(lhs) + std::fabs(rhs));
}

}  // namespace incrementa
