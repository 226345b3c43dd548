// The DCM Shapley game (issue 7). Players are ES channels (the config's
// groups) or single ES surrogates ("features"). The value of a coalition S is
// the outcome created by S's channels alone:
//   v(S) = outcome(only S's channels active) - outcome(no channel active)
// where "not active" means the channel's ES surrogates are set to zero in
// every period, and outcomes are totals over all customers and periods,
// propagated through the fitted model with each customer's residuals held
// fixed (see score.hpp). So v(empty) = 0 and v(N) = the incremental outcome of
// switching every player off — the total the Shapley values split.
// Each evaluation propagates period totals only: O(T * V * (L K + E)).
#pragma once
#include <memory>
#include <string>

#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "shapley/game.hpp"

namespace incrementa::dcm {

// players: "channels" or "groups" (the config's groups), or "features" (each ES surrogate).
std::unique_ptr<Game> dcm_game(const Model& model, const Panel& panel, const std::string& players);

}  // namespace incrementa::dcm
