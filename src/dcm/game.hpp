// The DCM Shapley game (issue 7). Players are ES channels (the config's
// groups), single ES surrogates ("features"), or a list of channel / ES
// surrogate names. The value of a coalition S is the outcome created by S's
// channels alone:
//   v(S) = outcome(only S's channels active) - outcome(no channel active)
// where "not active" means the channel's ES surrogates are set to zero in
// every period (channels not listed as players stay as observed), and outcomes
// are totals over all customers and periods, propagated through the fitted
// model with each customer's residuals held fixed (see score.hpp). So
// v(empty) = 0 and v(N) = the incremental outcome of switching every player
// off — the total the Shapley values split.
//
// How linearity is used (and why it is exact): the counterfactual minus the
// observed values (the delta) obeys the model's equations without intercepts
// and features, and a switched-off surrogate's delta is minus its observed
// value. Every step is linear with coefficients shared by all customers, so the
// sum over customers of the deltas obeys the same recursion with the per-period
// sums of the observed values in place of one customer's values. One pass over
// the panel gives those sums (T x V numbers); after it a coalition costs
// O(T * V * (L K + E)) — independent of the number of customers — and equals,
// up to rounding, the sum of every customer's own propagated delta (tested).
//
// Coalitions are evaluated 16 at a time: the 16 share every player but the
// four lowest, so the surrogates of a player switched off in all 16 are
// constants (their contribution to every equation is added once), and the rest
// of each period's equations is a small matrix product over the 16 coalitions.
#pragma once
#include <memory>
#include <string>

#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "dcm/score.hpp"
#include "shapley/game.hpp"

namespace incrementa::dcm {

// players: "channels" or "groups" (the config's groups), "features" (each ES
// surrogate), or a comma-separated list of group names and ES surrogates.
// Throws InputError naming an unknown player and the known names.
std::unique_ptr<Game> dcm_game(const Model& model, const Panel& panel, const std::string& players);
// The same from period totals already aggregated (panel_totals, or a stream of rows summed elsewhere).
std::unique_ptr<Game> dcm_game(const Model& model, const Totals& totals, const std::string& players);

}  // namespace incrementa::dcm
