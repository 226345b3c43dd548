// What a causal graph over the model's columns (KPI, channels, controls) says
// about the fit: a control caused by a channel (a mediator, such as brand
// searches that TV drives) or by the KPI must not be held fixed — it would hide
// part of the channel's effect or open a collider path — so it leaves the model;
// each channel's adjustment set is its parents (the back-door set the joint
// regression holds fixed); a channel that drives another channel gets its
// direct contribution only, and the report says so.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "mmm/data.hpp"

namespace incrementa::mmm {

struct GraphRoles {
  struct Dropped {
    std::string control, because;
  };
  struct Channel {
    std::string name;
    std::vector<std::string> adjust_for;  // its parents in the graph
    std::vector<std::string> mediators;   // channels it drives (their part of its effect is not in its contribution)
  };
  std::vector<std::string> kept_controls;
  std::vector<Dropped> dropped;
  std::vector<Channel> channels;
  std::vector<std::string> notes;
};

// edges: [from, to] over the KPI, channel and control names; unknown names are
// InputErrors, a cycle a ConfigError naming it.
GraphRoles graph_roles(const MmmOptions& options, const std::vector<std::pair<std::string, std::string>>& edges);

}  // namespace incrementa::mmm
