#include "dcm/game.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "dcm/score.hpp"

namespace incrementa::dcm {

namespace {
class DcmGame : public Game {
 public:
  DcmGame(Model m, Totals totals, std::vector<std::string> names, std::vector<std::vector<size_t>> vars)
      : m_(std::move(m)), totals_(std::move(totals)), names_(std::move(names)), vars_(std::move(vars)) {
    coef_ = model_coef(m_);
    off_all_ = switched_off_total(0);
  }
  size_t players() const override { return names_.size(); }
  const std::string& player_name(size_t i) const override { return names_[i]; }
  // outcome(only S on) - outcome(none on) = delta(off: N \ S) - delta(off: N).
  double value(Coalition s) const override { return switched_off_total(s) - off_all_; }

 private:
  // Total outcome delta when every player outside `on` is switched off.
  double switched_off_total(Coalition on) const {
    ResolvedShock shock;
    shock.type = ShockType::Zero;
    shock.from = 0;
    shock.to = m_.periods - 1;
    for (size_t i = 0; i < names_.size(); ++i)
      if (!((on >> i) & 1)) shock.vars.insert(shock.vars.end(), vars_[i].begin(), vars_[i].end());
    if (shock.vars.empty()) return 0.0;
    const auto d = outcome_delta(m_, coef_, totals_, {shock});
    double s = 0;
    for (double x : d) s += x;
    return s;
  }
  Model m_;
  Totals totals_;
  std::vector<std::string> names_;
  std::vector<std::vector<size_t>> vars_;
  std::vector<const Eigen::VectorXd*> coef_;
  double off_all_ = 0;
};
}  // namespace

std::unique_ptr<Game> dcm_game(const Model& model, const Panel& panel, const std::string& players) {
  check_panel(model, panel);
  std::vector<std::string> names;
  std::vector<std::vector<size_t>> vars;
  auto index_of = [&](const std::string& s) {
    return static_cast<size_t>(std::find(model.variables.begin(), model.variables.end(), s) - model.variables.begin());
  };
  if (players == "features") {
    for (const auto& s : model.config.es_surrogates) {
      names.push_back(s);
      vars.push_back({index_of(s)});
    }
  } else if (players == "channels" || players == "groups") {
    if (model.config.groups.empty())
      throw InputError("dcm shapley: the model's config has no 'groups' (channels of ES surrogates); use --players features");
    for (const auto& [name, members] : model.config.groups) {
      names.push_back(name);
      std::vector<size_t> v;
      for (const auto& s : members) v.push_back(index_of(s));
      vars.push_back(v);
    }
  } else {
    throw InputError("dcm shapley: players must be 'channels', 'groups' or 'features', got '" + players + "'");
  }
  if (names.empty()) throw InputError("dcm shapley: the model has no ES surrogates to use as players");
  if (names.size() > 62) throw InputError("dcm shapley: at most 62 players");
  return std::make_unique<DcmGame>(model, panel_totals(panel), names, vars);
}

}  // namespace incrementa::dcm
